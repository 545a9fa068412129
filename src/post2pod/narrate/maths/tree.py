"""One tree for every formula: presentation MathML as small frozen `Node`s, built from a post's
`<math>` element or from TeX through `latex2mathml`.

Why latex2mathml: it is pure Python, maintained, and turns TeX into presentation MathML, so one
speaker reads LaTeX, MathML, KaTeX and MathJax output alike, and scripts, fractions, roots, accents,
big operators and tables arrive as structure. pylatexenc was the other candidate: it parses TeX
into macros and groups but knows no math layout (`^` and `_` stay characters), so the speaker
would have had to rebuild that structure itself.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from xml.etree.ElementTree import Element

from bs4 import Tag

MAX_NODES = 1500  # a formula with more elements is summarised, never read
MAX_DEPTH = 60
_ATTRIBUTES = ("mathvariant", "linethickness", "accent", "notation", "open", "close", "display")
_LAYOUT = {"semantics": "mrow", "mstyle": "mrow", "mpadded": "mrow", "merror": "mrow", "mlabeledtr": "mtr"}
# Punctuation latex2mathml (and some hand-written MathML) sets as an identifier: an operator to the reader.
_PUNCTUATION = set("()[]{}⟨⟩〈〉⌊⌋⌈⌉|‖:")
_SKIPPED = {"annotation", "annotation-xml", "mphantom", "none", "mprescripts", "maligngroup", "malignmark"}


class Unreadable(Exception):
    """The formula cannot be read: a parse error, an unknown command, or too large a tree."""


@dataclass(frozen=True, slots=True)
class Node:
    """A presentation MathML element: its name, token text (for `mi`, `mn`, `mo`, `mtext`), children."""

    name: str
    text: str = ""
    children: tuple[Node, ...] = ()
    attrs: dict[str, str] = field(default_factory=dict)


class _Budget:
    def __init__(self) -> None:
        self.left = MAX_NODES

    def spend(self, depth: int) -> None:
        self.left -= 1
        if self.left < 0 or depth > MAX_DEPTH:
            raise Unreadable("formula too large")


def from_tag(tag: Tag) -> Node:
    """The tree of a `<math>` element found in a post."""
    return _from_tag(tag, _Budget(), 0)


def _from_tag(tag: Tag, budget: _Budget, depth: int) -> Node:
    budget.spend(depth)
    name = _LAYOUT.get(tag.name, tag.name)
    attrs = {key: str(tag.get(key)) for key in _ATTRIBUTES if tag.get(key) is not None}
    if name in ("mi", "mn", "mo", "mtext", "ms"):
        return _token(name, tag.get_text(), attrs)
    children = tuple(
        _from_tag(child, budget, depth + 1)
        for child in tag.children
        if isinstance(child, Tag) and child.name not in _SKIPPED
    )
    return Node(name, children=children, attrs=attrs)


def from_tex(tex: str) -> Node:
    """The tree of a TeX formula (raises `Unreadable` when latex2mathml cannot parse it)."""
    from latex2mathml.converter import convert_to_element  # here: a post without TeX never loads it

    try:
        element = convert_to_element(tex, display="block")
    except Exception as error:  # any parser failure (it raises many kinds) means "cannot read it"
        raise Unreadable(str(error)) from error
    return _from_element(element, _Budget(), 0)


def _from_element(element: Element, budget: _Budget, depth: int) -> Node:
    budget.spend(depth)
    name = _LAYOUT.get(_local(element.tag), _local(element.tag))
    attrs = {key: value for key, value in element.attrib.items() if key in _ATTRIBUTES}
    if name in ("mi", "mn", "mo", "mtext", "ms"):
        text = html.unescape(element.text or "")  # latex2mathml stores entities as literal text
        if name in ("mi", "mo") and text.startswith("\\"):
            raise Unreadable(f"unknown command {text}")
        if len(element):
            text = "".join(_token_text(child) for child in element).replace(" ", "")  # `\mathop{max}`
        return _token(name, text, attrs)
    children = tuple(
        _from_element(child, budget, depth + 1) for child in element if _local(child.tag) not in _SKIPPED
    )
    return Node(name, children=children, attrs=attrs)


def _token(name: str, text: str, attrs: dict[str, str]) -> Node:
    """A token; `\\lfloor`, `\\langle` and `:` arrive from latex2mathml as `mi`, but are operators."""
    if name == "mi" and text.strip() in _PUNCTUATION:
        name = "mo"
    return Node(name, text, attrs=attrs)


def _token_text(element: Element) -> str:
    return "".join(html.unescape(text) for text in element.itertext())


def _local(tag: str) -> str:
    return re.sub(r"^\{[^}]*\}", "", tag)
