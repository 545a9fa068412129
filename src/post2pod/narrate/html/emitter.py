"""Blocks, and how they are written down from the inline text gathered for them: each ends like a
sentence, an announcement is not repeated, an image is said once, and "(2)" after a numbered list
becomes "the second point".

`BlockWriter` holds the blocks written so far; the walk (`blocks.BlockCollector`) writes through it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from post2pod.models import KIND_BODY, KIND_HEADING, KIND_LIST_ITEM, KIND_NOTE, KIND_QUOTE
from post2pod.narrate.html import verse
from post2pod.narrate.html.code import CodeBlock
from post2pod.narrate.html.images import same_words
from post2pod.narrate.notes.markers import MARKER_RE
from post2pod.narrate.script.phrases import ORDINAL_WORDS, phrase

_LIST_NOUN_RE = re.compile(r"\b(?:step|item|point|rule|option|case|line|stage|part|phase)\s$", re.IGNORECASE)
_LIST_REF_RE = re.compile(r"(?<![\w(])(\bthe\s+)?\((\d{1,2})\)(?=[\s.,;:!?]|$)", re.IGNORECASE)
_DANGLING_RE = re.compile(r"(?:^|[\s,])(?:and|or|but|nor|then|with|of)$", re.IGNORECASE)
_WS_RE = re.compile(r"\s+")


@dataclass
class Block:
    """One unit of reading: `text` is raw (markers allowed); `fixed` text is said exactly as is."""

    kind: str
    text: str
    level: int = 0
    fixed: bool = False
    code: list[CodeBlock] | None = None  # the run of adjacent code blocks this announcement stands for
    image: str = ""  # the description of an announced image
    language: str = ""  # a passage in another language than the post's


@dataclass
class InlineBuffer:
    """Inline text gathered for the block being built; `\n` marks a `<br>`."""

    parts: list[str] = field(default_factory=list)
    images: list[str] = field(default_factory=list)

    def add(self, text: str) -> None:
        self.parts.append(_WS_RE.sub(" ", text))

    def ends_with_digit(self) -> bool:
        joined = "".join(self.parts[-3:]).rstrip()
        return joined[-1:].isdigit()

    def tail(self) -> str:
        return "".join(self.parts[-3:])

    def value(self) -> str:
        """The text gathered, one line: a `<br>` line end is a comma where the line has no stop."""
        return _WS_RE.sub(" ", verse.one_text("".join(self.parts))).strip()

    def paragraphs(self) -> list[str]:
        """The text gathered, cut where two `<br>` leave a blank line (a stanza, a paragraph)."""
        return [_WS_RE.sub(" ", piece).strip() for piece in verse.paragraphs("".join(self.parts))]


class BlockWriter:
    """Writes the blocks of one element tree, in the post's `language`."""

    def __init__(self, language: str) -> None:
        self.language = language
        self.blocks: list[Block] = []
        self.pending_prefix = ""  # said before the next block: a numbered item's "First, "
        self.list_items = 0  # items of the numbered list just read, for "(2)" after it

    def emit(self, kind: str, text: str, level: int = 0, end: bool = True) -> None:
        """Add a block of `text` (ended like a sentence unless `end` is False; a heading as written)."""
        if self.repeats_image(text):
            return
        if kind == KIND_BODY and self.list_items:
            text = list_references(text, self.list_items)
        text = self.pending_prefix + text.lstrip(" ,;")
        self.pending_prefix = ""
        ended = terminate(text) if end else text.strip().rstrip(",;")
        self.blocks.append(Block(kind, ended if kind != KIND_HEADING else text, level))

    def emit_image(self, description: str, kind: str) -> None:
        """Announce an image once: not again when a caption right after says the same."""
        if self.repeats_image(description):
            return
        self.emit(note_kind(kind), phrase(self.language, "image").format(description))
        self.blocks[-1].image = description

    def repeats_image(self, text: str) -> bool:
        last = self.blocks[-1] if self.blocks else None
        return last is not None and bool(last.image) and same_words(last.image, text)

    def announce(self, kind: str, key: str) -> None:
        """Add the fixed phrase `key` ("A table follows..."), unless it was the last block too."""
        text = phrase(self.language, key)
        last = self.blocks[-1] if self.blocks else None
        if last is not None and last.fixed and last.text == text:
            return
        self.blocks.append(Block(kind, text, fixed=True))

    def flush(self, buffer: InlineBuffer, kind: str, end: bool = True) -> None:
        """End the block gathered in `buffer`: a block if it has words, else its footnote markers join
        the block before and its images are announced."""
        text = buffer.value()
        if re.search(r"[^\W_]", MARKER_RE.sub("", text)):
            for piece in buffer.paragraphs() if end and "\n" in "".join(buffer.parts) else [text]:
                self.emit(kind, piece, end=end)
        elif MARKER_RE.search(text) and self.blocks:
            last = self.blocks[-1]
            last.text = last.text + "".join(MARKER_RE.findall(text))
        elif not text:
            for alt in buffer.images:
                self.emit_image(alt, kind)
        buffer.parts.clear()
        buffer.images.clear()


def terminate(text: str) -> str:
    """Make sure a block ends like a sentence, so Piper does not run it into the next one."""
    text = text.strip()
    core = MARKER_RE.sub("", text).rstrip("\"'”’»)]} ")
    if not core or core[-1] in ".!?…:":
        return text
    if _DANGLING_RE.search(core.rstrip(",;")):
        return text  # the sentence goes on in a nested list: no full stop after "and"
    if text[-1] in ",;":
        return text  # it goes on in the next block (a poem's line per paragraph): the voice stays up
    if text[-1] in "-–—":
        text = text[:-1].rstrip()
    return text + "."


def list_references(text: str, items: int) -> str:
    """ "(2)" right after a numbered list of `items` points -> "the second point"."""

    def spoken(match: re.Match[str]) -> str:
        number = int(match.group(2))
        if not 1 <= number <= items:
            return match.group(0)
        if not match.group(1) and _LIST_NOUN_RE.search(match.string[: match.start()]):
            return str(number)  # "Step (2)": the list's own name for it, "step 2"
        article = match.group(1) or "the "
        return f"{article}{ORDINAL_WORDS[number - 1].lower()} point"

    return _LIST_REF_RE.sub(spoken, text)


def note_kind(kind: str) -> str:
    """The kind of an announcement made inside a block of `kind`: a note, unless inside an aside."""
    return KIND_NOTE if kind in (KIND_BODY, KIND_LIST_ITEM, KIND_QUOTE) else kind
