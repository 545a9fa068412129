"""Inline markup rendered to the text of the block being built: links as their text, inline code and
keys as words, images kept aside as descriptions, superscripts as powers or ordinals, formulas read
aloud, struck-out text dropped, a Pandoc citation set apart from the sentence before it.

`InlineRenderer` is the middle layer of `blocks.BlockCollector`: it builds on `emitter.BlockEmitter`
and the block walk builds on it. Some inline elements turn out to be blocks of their own (a passage
in another language, code broken into lines); for those it ends the block gathered so far (`flush`)
and hands back to the walk through `foreign` and `code`, which the collector provides.
"""

from __future__ import annotations

import re

from bs4 import Comment, NavigableString, Tag

from post2pod.narrate.html.elements import is_math
from post2pod.narrate.html.emitter import BlockEmitter, InlineBuffer
from post2pod.narrate.html.images import meaningful_alt
from post2pod.narrate.html.inline_code import code_words
from post2pod.narrate.html.tags import classes
from post2pod.narrate.maths import RAW_TEX_RE, overlong_display_tex, raw_tex, speak_formula, strip_delimiters
from post2pod.narrate.script.phrases import phrase
from post2pod.narrate.speech.keys import key_words

STRUCK_TAGS = {"del", "s", "strike"}
# A word after which a citation is part of the sentence ("as outlined in Rosso (2007)").
_CITATION_OBJECT_RE = re.compile(
    r"\b(?:in|by|of|from|to|with|and|or|see|cf|e\.g|i\.e|like|per|following|after|than)\.?$", re.IGNORECASE
)
_EXPONENT_RE = re.compile(r"[-+]?\d{1,3}")
# What a power can be raised on, right before the <sup>: a number, a one- or two-letter symbol, a bracket.
_POWER_BASE_RE = re.compile(r"(?:\d|(?<![\w.])[A-Za-z]{1,2}|\))$")
_ORDINAL_SUP_RE = re.compile(r"^(?:st|nd|rd|th|e|er|re|o|a|ª|º|ème|eme)$", re.IGNORECASE)


class InlineRenderer(BlockEmitter):
    """Renders an element's inline content to text, in the post's `language`."""

    # --- what the block walk provides ---------------------------------------------------------

    def foreign(self, node: Tag, buffer: InlineBuffer, kind: str) -> bool:
        """Read `node` as a passage in another language if it is one (and say whether it was)."""
        raise NotImplementedError

    def code(self, tag: Tag, kind: str) -> None:
        """Read or announce a code block."""
        raise NotImplementedError

    # --- inline level -------------------------------------------------------------------------

    def inline_text(self, tag: Tag, kind: str) -> str:
        buffer = InlineBuffer()
        for child in list(tag.children):
            self.inline_node(child, buffer, kind)
        return buffer.value()

    def inline_node(self, node: object, buffer: InlineBuffer, kind: str) -> None:
        if isinstance(node, Comment):
            return
        if isinstance(node, NavigableString):
            buffer.add(self.plain_text(node))
            return
        if not isinstance(node, Tag):
            return
        name = node.name
        if name in STRUCK_TAGS:
            return  # struck-out text is what the writer took back
        if self.foreign(node, buffer, kind):
            return
        if name == "br":
            buffer.parts.append("\n")
        elif name in ("code", "tt", "samp", "var"):
            self.inline_code(node, buffer, kind)
        elif name == "kbd" and node.find("kbd") is None:
            buffer.add(key_words(node.get_text(), phrase(self.language, "plus")))
        elif name == "img":
            alt = meaningful_alt(node)
            if alt:
                buffer.images.append(alt)
        elif name == "sup":
            buffer.add(self.superscript(node, buffer))
        elif name == "sub":
            buffer.add(" " + node.get_text() + " ")
        elif is_math(node):
            buffer.add(" " + self.math_words(node) + " ")
        elif name == "span" and "citation" in classes(node) and node.has_attr("data-cites"):
            # a pandoc citation after running text ("manslaughter Leech (2012)") is said apart
            before = re.sub(r"[\ue000-\uefff\s]+$", "", buffer.tail())
            if re.search(r"[\w)\]\"'’”]$", before) and not _CITATION_OBJECT_RE.search(before):
                buffer.add(", ")
            self.inline_children(node, buffer, kind)
        elif name == "q":
            buffer.add('"')
            self.inline_children(node, buffer, kind)
            buffer.add('"')
        else:
            self.inline_children(node, buffer, kind)

    def inline_children(self, tag: Tag, buffer: InlineBuffer, kind: str) -> None:
        for child in list(tag.children):
            self.inline_node(child, buffer, kind)

    def inline_code(self, node: Tag, buffer: InlineBuffer, kind: str) -> None:
        if node.find("br") is not None and len(node.find_all("br")) >= 1 and node.parent.name != "pre":
            self.flush(buffer, kind)
            self.code(node, kind)
            return
        buffer.add(code_words(node.get_text(), self.english))

    def plain_text(self, node: NavigableString) -> str:
        text = str(node)
        if (
            text.strip() == "+"
            and isinstance(node.previous_sibling, Tag)
            and node.previous_sibling.name == "kbd"
        ):
            return f" {phrase(self.language, 'plus')} "
        if "$" in text or "\\(" in text or "\\[" in text or "\\begin" in text:
            text = self.raw_tex_text(text)
        return text

    def raw_tex_text(self, text: str) -> str:
        """Text with its raw TeX read aloud; a displayed formula too long to be matched is summarised."""
        parts, start = [], 0
        for begin, end in overlong_display_tex(text):
            parts.append(RAW_TEX_RE.sub(self.raw_tex_words, text[start:begin]))
            parts.append(" " + speak_formula(strip_delimiters(text[begin:end]), True, self.language) + " ")
            start = end
        parts.append(RAW_TEX_RE.sub(self.raw_tex_words, text[start:]))
        return "".join(parts)

    def raw_tex_words(self, match: re.Match[str]) -> str:
        source, display = raw_tex(match)
        if match.group("inline") and re.match(r"[A-Z][A-Z_]+\b", source):
            return match.group(0)  # "$HOME/$USER": shell variables, not TeX
        spoken = speak_formula(source, display, self.language)
        if display and not match.string[: match.start()].strip():
            spoken = spoken[:1].upper() + spoken[1:]  # a displayed formula that starts its paragraph
        return " " + spoken + " "

    def superscript(self, node: Tag, buffer: InlineBuffer) -> str:
        text = node.get_text().strip()
        if _ORDINAL_SUP_RE.match(text):
            return text
        if text.isdigit() and buffer.ends_with_digit() and self.english:
            return f" to the power of {text} "
        exponent = re.sub(r"^[−–]", "-", text)
        if self.english and _EXPONENT_RE.fullmatch(exponent) and _POWER_BASE_RE.search(buffer.tail()):
            return "^" + exponent  # read by the power rules: "10^-4", "mc^2", "m^2" (square meters)
        return f" {text} " if text else ""

    def math_words(self, node: Tag) -> str:
        """A formula read aloud when short ("x squared plus y squared"), else summarised ("a formula")."""
        return speak_formula(node, False, self.language)
