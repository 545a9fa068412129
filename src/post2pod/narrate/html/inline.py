"""Inline markup rendered to the text of the block being built: links as their text, inline code and
keys as words, images kept aside as descriptions, superscripts as powers or ordinals, formulas read
aloud, struck-out text dropped, a Pandoc citation set apart from the sentence before it.

It owns the inline handlers, one per tag name (`INLINE_HANDLERS`; any other tag is read as its
children, or as a formula), that the walk (`blocks.BlockCollector.inline_node`) dispatches to. Code
broken into lines is a block of its own: its handler ends the block gathered so far and hands the
code to the walk.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from bs4 import NavigableString, Tag

from post2pod.narrate.html.elements import is_math
from post2pod.narrate.html.emitter import InlineBuffer
from post2pod.narrate.html.images import meaningful_alt
from post2pod.narrate.html.inline_code import code_words
from post2pod.narrate.html.tags import classes
from post2pod.narrate.maths import RAW_TEX_RE, overlong_display_tex, raw_tex, speak_formula, strip_delimiters
from post2pod.narrate.script.phrases import phrase
from post2pod.narrate.speech.keys import key_words

if TYPE_CHECKING:
    from post2pod.narrate.html.blocks import BlockCollector

STRUCK_TAGS = {"del", "s", "strike"}
# A word after which a citation is part of the sentence ("as outlined in Rosso (2007)").
_CITATION_OBJECT_RE = re.compile(
    r"\b(?:in|by|of|from|to|with|and|or|see|cf|e\.g|i\.e|like|per|following|after|than)\.?$", re.IGNORECASE
)
_EXPONENT_RE = re.compile(r"[-+]?\d{1,3}")
# What a power can be raised on, right before the <sup>: a number, a one- or two-letter symbol, a bracket.
_POWER_BASE_RE = re.compile(r"(?:\d|(?<![\w.])[A-Za-z]{1,2}|\))$")
_ORDINAL_SUP_RE = re.compile(r"^(?:st|nd|rd|th|e|er|re|o|a|ª|º|ème|eme)$", re.IGNORECASE)


# --- the handlers: (walk, element, the block's text so far, the block's kind) ------------------


def _line_break(_walk: BlockCollector, _node: Tag, buffer: InlineBuffer, _kind: str) -> None:
    buffer.parts.append("\n")


def _code(walk: BlockCollector, node: Tag, buffer: InlineBuffer, kind: str) -> None:
    inside_pre = node.parent is not None and node.parent.name == "pre"
    if node.find("br") is not None and len(node.find_all("br")) >= 1 and not inside_pre:
        walk.out.flush(buffer, kind)
        walk.code(node, kind)
        return
    buffer.add(code_words(node.get_text(), walk.english))


def _keys(walk: BlockCollector, node: Tag, buffer: InlineBuffer, kind: str) -> None:
    if node.find("kbd") is not None:  # a chord written as keys inside a key: its parts say it
        _other(walk, node, buffer, kind)
        return
    buffer.add(key_words(node.get_text(), phrase(walk.language, "plus")))


def _image(_walk: BlockCollector, node: Tag, buffer: InlineBuffer, _kind: str) -> None:
    alt = meaningful_alt(node)
    if alt:
        buffer.images.append(alt)


def _superscript(walk: BlockCollector, node: Tag, buffer: InlineBuffer, _kind: str) -> None:
    buffer.add(superscript(node, buffer, walk.language))


def _subscript(_walk: BlockCollector, node: Tag, buffer: InlineBuffer, _kind: str) -> None:
    buffer.add(" " + node.get_text() + " ")


def _span(walk: BlockCollector, node: Tag, buffer: InlineBuffer, kind: str) -> None:
    if is_math(node) or not ("citation" in classes(node) and node.has_attr("data-cites")):
        _other(walk, node, buffer, kind)
        return
    # a pandoc citation after running text ("manslaughter Leech (2012)") is said apart
    before = re.sub(r"[\ue000-\uefff\s]+$", "", buffer.tail())
    if re.search(r"[\w)\]\"'’”]$", before) and not _CITATION_OBJECT_RE.search(before):
        buffer.add(", ")
    walk.inline_children(node, buffer, kind)


def _quotation(walk: BlockCollector, node: Tag, buffer: InlineBuffer, kind: str) -> None:
    if is_math(node):
        _other(walk, node, buffer, kind)
        return
    buffer.add('"')
    walk.inline_children(node, buffer, kind)
    buffer.add('"')


def _other(walk: BlockCollector, node: Tag, buffer: InlineBuffer, kind: str) -> None:
    """Any other element: a formula read aloud, else its children (a link is its text)."""
    if is_math(node):
        buffer.add(" " + math_words(node, walk.language) + " ")
    else:
        walk.inline_children(node, buffer, kind)


InlineHandler = Callable[["BlockCollector", Tag, InlineBuffer, str], None]
INLINE_HANDLERS: dict[str, InlineHandler] = {
    "br": _line_break,
    "code": _code,
    "tt": _code,
    "samp": _code,
    "var": _code,
    "kbd": _keys,
    "img": _image,
    "sup": _superscript,
    "sub": _subscript,
    "span": _span,
    "q": _quotation,
}


def read_inline(walk: BlockCollector, node: Tag, buffer: InlineBuffer, kind: str) -> None:
    """`node` read by the handler for its name (any other element: as a formula, or its children)."""
    INLINE_HANDLERS.get(node.name, _other)(walk, node, buffer, kind)


# --- text ----------------------------------------------------------------------------------------


def plain_text(node: NavigableString, language: str) -> str:
    text = str(node)
    if text.strip() == "+" and isinstance(node.previous_sibling, Tag) and node.previous_sibling.name == "kbd":
        return f" {phrase(language, 'plus')} "
    if "$" in text or "\\(" in text or "\\[" in text or "\\begin" in text:
        text = raw_tex_text(text, language)
    return text


def raw_tex_text(text: str, language: str) -> str:
    """Text with its raw TeX read aloud; a displayed formula too long to be matched is summarised."""

    def words(match: re.Match[str]) -> str:
        return raw_tex_words(match, language)

    parts, start = [], 0
    for begin, end in overlong_display_tex(text):
        parts.append(RAW_TEX_RE.sub(words, text[start:begin]))
        parts.append(" " + speak_formula(strip_delimiters(text[begin:end]), True, language) + " ")
        start = end
    parts.append(RAW_TEX_RE.sub(words, text[start:]))
    return "".join(parts)


def raw_tex_words(match: re.Match[str], language: str) -> str:
    source, display = raw_tex(match)
    if match.group("inline") and re.match(r"[A-Z][A-Z_]+\b", source):
        return match.group(0)  # "$HOME/$USER": shell variables, not TeX
    spoken = speak_formula(source, display, language)
    if display and not match.string[: match.start()].strip():
        spoken = spoken[:1].upper() + spoken[1:]  # a displayed formula that starts its paragraph
    return " " + spoken + " "


def superscript(node: Tag, buffer: InlineBuffer, language: str) -> str:
    english = language == "en"
    text = node.get_text().strip()
    if _ORDINAL_SUP_RE.match(text):
        return text
    if text.isdigit() and buffer.ends_with_digit() and english:
        return f" to the power of {text} "
    exponent = re.sub(r"^[−–]", "-", text)
    if english and _EXPONENT_RE.fullmatch(exponent) and _POWER_BASE_RE.search(buffer.tail()):
        return "^" + exponent  # read by the power rules: "10^-4", "mc^2", "m^2" (square meters)
    return f" {text} " if text else ""


def math_words(node: Tag, language: str) -> str:
    """A formula read aloud when short ("x squared plus y squared"), else summarised ("a formula")."""
    return speak_formula(node, False, language)
