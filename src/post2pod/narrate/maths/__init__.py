"""Formulas read aloud, or summarised when too long to follow by ear.

`read_formula(source, display, language)` takes a post's math element (MathML, KaTeX, MathJax,
Pandoc) or raw TeX and returns a `Reading`: the full reading ("x sub n equals x sub n minus one,
plus epsilon sub n") when short, else a summary ("an equation for X sub n, shown in the post",
"a derivation in 4 steps, shown in the post"). Every source goes through one MathML tree
(`tree.py`), one speaker (`speak.py`) and one summariser here; `source.py` finds formulas in HTML.
Posts in other languages keep a bare number read and say "a formula" otherwise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bs4 import Tag

from post2pod.narrate.maths.source import (
    RAW_TEX_RE,
    formula_source,
    overlong_display_tex,
    raw_tex,
    strip_delimiters,
    tidy_tex,
)
from post2pod.narrate.maths.speak import flatten, relation_word, speak, spoken_numbers, tidy
from post2pod.narrate.maths.tree import Node, Unreadable, from_tag, from_tex
from post2pod.narrate.script.phrases import phrase

__all__ = [
    "RAW_TEX_RE",
    "Reading",
    "is_readable",
    "overlong_display_tex",
    "raw_tex",
    "read_formula",
    "speak_formula",
    "strip_delimiters",
]

MAX_WORDS = 30  # a longer reading is too long to follow by ear
MAX_TEX_CHARS = 4000  # a longer TeX source is summarised without parsing
MAX_NAME_WORDS = 6
_SHORT_RE = re.compile(r"[A-Za-z]{1,3}|-?\d+(?:[.,]\d+)*")  # a bare number stays for the prose rules
_TEX_LHS_RE = re.compile(r"^([^=<>&\\]{1,60}?|\\[A-Za-z]+(?:_\{?\w{1,6}\}?)?)\s*&?\s*=")
_TEX_ROWS_RE = re.compile(r"\\\\")


@dataclass(frozen=True, slots=True)
class Reading:
    """What is said for a formula: `text` fits in a sentence; `read` is True for a full reading,
    `generic` for a summary that says nothing but "a formula" / "an equation"."""

    text: str
    read: bool
    generic: bool = False


def speak_formula(source: str | Tag, display: bool, language: str = "en") -> str:
    """The words for a formula: read in full when short, else summarised."""
    return read_formula(source, display, language).text


def is_readable(source: str | Tag, language: str = "en") -> bool:
    """Whether the formula is short and plain enough to be read in full."""
    return read_formula(source, True, language).read


def read_formula(source: str | Tag, display: bool, language: str = "en") -> Reading:
    """How to say a formula from the post (a math element) or raw TeX."""
    english = language.split("-")[0].lower() in ("en", "")
    if isinstance(source, Tag):
        source = formula_source(source)
    if isinstance(source, str):
        source = tidy_tex(strip_delimiters(source))
        if _SHORT_RE.fullmatch(source):
            return Reading(source, read=True)
        if not english or not source:
            return _generic(display, language)
        if len(source) > MAX_TEX_CHARS:
            return _summary_of_long_tex(source, display)
    elif not english:
        return _generic(display, language)
    try:
        tree = from_tex(source) if isinstance(source, str) else from_tag(source)
    except Unreadable:
        return _generic(display, language)
    return _reading(tree, display, language)


def _reading(tree: Node, display: bool, language: str) -> Reading:
    matrices = _matrices(tree)
    if matrices and not any(relation_word(n) for n in flatten(tree)):  # "a matrix, shown in the post"
        what = "a matrix" if matrices == 1 else f"{matrices} matrices"
        return Reading(f"{what}, shown in the post", read=False)
    rows = _rows(tree)
    if len(rows) > 1:
        return _summary(_name(rows[0]), display, language, rows=rows)
    formula = rows[0] if rows else tree
    try:
        spoken = speak(formula, number_words=False)
    except Unreadable:
        return _summary(_name(formula), display, language)
    if not spoken:
        return _generic(display, language)
    if len(spoken.split()) > MAX_WORDS:  # a number counts as one word, however long it is said
        return _summary(_name(formula), display, language)
    return Reading(spoken_numbers(spoken), read=True)


def _rows(tree: Node) -> list[Node]:
    """The rows of a formula set as a table (`align`, `gather`, MathJax's numbered equations); a
    formula that is not a table is one row. A row is an `mrow` of its cells' contents."""
    items = [n for n in flatten(tree) if n.name != "mspace"]
    if len(items) != 1 or items[0].name != "mtable":
        return [tree]
    rows = []
    for row in items[0].children:
        cells = row.children[1:] if row.name == "mlabeledtr" else row.children
        rows.append(Node("mrow", children=tuple(c for cell in cells for c in cell.children)))
    return [row for row in rows if row.children] or [tree]


def _matrices(tree: Node) -> int:
    """How many matrices (a table between brackets) the formula shows."""
    count, stack = 0, [tree]
    while stack:
        node = stack.pop()
        items = [n for n in node.children if n.name != "mspace"]
        for i, item in enumerate(items):
            if item.name == "mtable" and 0 < i < len(items) - 1:
                count += items[i - 1].name == "mo" and items[i + 1].name == "mo"
        stack.extend(node.children)
    return count


def _name(formula: Node) -> str:
    """What the formula defines, when it says so shortly: the left-hand side of its first relation."""
    items = flatten(formula)
    for index, item in enumerate(items):
        if relation_word(item):
            if index == 0:
                return ""
            try:
                name = speak(Node("mrow", children=tuple(items[:index])), number_words=False)
            except Unreadable:
                return ""
            short = 0 < len(name.split()) <= MAX_NAME_WORDS
            return spoken_numbers(name) if short and not re.fullmatch(r"[\d.,\s]+", name) else ""
    return ""


def _summary(name: str, display: bool, language: str, rows: list[Node] | None = None) -> Reading:
    if not language.startswith("en") and language:
        return _generic(display, language)
    count = len(rows or [])
    if count > 1 and rows is not None:
        continued = sum(1 for row in rows[1:] if _starts_with_relation(row))
        if continued:
            what = f"a derivation of {name} in {count} steps" if name else f"a derivation in {count} steps"
        elif all(any(relation_word(n) for n in flatten(row)) for row in rows):
            what = f"a system of {count} equations"
        else:
            what = f"{count} formulas"
    elif name:
        what = f"an equation for {name}" if display else f"a formula for {name}"
    else:
        return _generic(display, language)
    return Reading(tidy(f"{what}, shown in the post") if display else tidy(what), read=False)


def _generic(display: bool, language: str) -> Reading:
    if display and (not language or language.startswith("en")):
        return Reading("an equation, shown in the post", read=False, generic=True)
    return Reading(phrase(language or "en", "formula"), read=False, generic=True)


def _starts_with_relation(row: Node) -> bool:
    items = [n for n in flatten(row) if not (n.name == "mi" and not n.text.strip()) and n.name != "mspace"]
    return bool(items) and bool(relation_word(items[0]))


def _summary_of_long_tex(tex: str, display: bool) -> Reading:
    """A TeX source too long to parse: named from a short left-hand side, rows counted by `\\\\`."""
    body = re.sub(r"^\\begin\{[a-z]+\*?\}", "", tex).lstrip()
    name = ""
    match = _TEX_LHS_RE.match(body)
    if match:
        try:
            name = _name(from_tex(match.group(0).rstrip("&= ") + "=0"))
        except Unreadable:
            name = ""
    rows = len(_TEX_ROWS_RE.findall(tex)) + 1 if "\\begin" in tex else 1
    if rows > 1:
        what = f"a derivation of {name} in {rows} steps" if name else f"{rows} formulas"
        return Reading(f"{what}, shown in the post" if display else what, read=False)
    return _summary(name, display, "en")
