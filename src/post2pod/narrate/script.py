"""Assemble the Script: sections from headings, one segment per sentence, footnotes as asides,
intro and outro from the settings' templates."""

from __future__ import annotations

import re
from collections.abc import Collection
from datetime import datetime

from post2pod.config import NarrationSettings
from post2pod.models import (
    KIND_ASIDE,
    KIND_HEADING,
    KIND_INTRO,
    KIND_OUTRO,
    Script,
    Section,
    Segment,
)
from post2pod.narrate.blocks import BlockCollector
from post2pod.narrate.emitter import Block
from post2pod.narrate.footnotes import MARKER_RE, Footnote, split_markers
from post2pod.narrate.lexicon import apply_lexicon
from post2pod.narrate.phrases import configured_phrase, phrase, spoken_date
from post2pod.narrate.sentences import split_long, split_sentences
from post2pod.narrate.speech import normalize, tidy
from post2pod.narrate.speech.characters import clean_text
from post2pod.narrate.speech.links import domain_of

_SPEAKABLE_RE = re.compile(r"[^\W_]")
# A marker after the full stop ("done.¹", "done. [1]") belongs to the sentence before it.
_MARKER_BEFORE_STOP_RE = re.compile(r"([.!?]+[\"')\]]*)[ \t]*([\ue000-\uefff]+)")


class ScriptBuilder:
    """Turns blocks (and the post's footnotes) into sections of segments."""

    def __init__(
        self,
        settings: NarrationSettings,
        language: str,
        notes: list[Footnote],
        voice_languages: Collection[str] = (),
    ) -> None:
        self.settings = settings
        self.language = language
        self.english = language == "en"
        self.sections: list[tuple[str | None, list[Segment]]] = [(None, [])]
        collector = lambda: BlockCollector(language, settings.code, voice_languages)  # noqa: E731
        self.note_blocks = [collector().collect(note.body, KIND_ASIDE) for note in notes]
        self.spoken_notes: set[int] = set()

    # --- body ---------------------------------------------------------------------------------

    def add_blocks(self, blocks: list[Block]) -> None:
        for block in blocks:
            if block.kind == KIND_HEADING:
                self.heading(block)
            else:
                self.block(block)

    def heading(self, block: Block) -> None:
        if block.level <= 3:
            self.sections.append((section_title(block.text), []))
        text, indexes = self.spoken(block.text)
        if text:
            text = heading_stop(text)
            for piece in split_long(text):
                self.add(Segment(piece, KIND_HEADING, True))
        for index in indexes:
            self.aside(index)

    def block(self, block: Block) -> None:
        if block.fixed:
            sentences: list[tuple[str, list[int]]] = [(block.text, [])]
        else:
            sentences = self.sentences(block.text, block.language)
        for i, (text, indexes) in enumerate(sentences):
            self.add_sentence(text, block.kind, i == len(sentences) - 1, block.language)
            for index in indexes:
                self.aside(index)

    def add_sentence(self, text: str, kind: str, block_end: bool, language: str = "") -> None:
        pieces = split_long(text)
        for j, piece in enumerate(pieces):
            self.add(Segment(piece, kind, block_end and j == len(pieces) - 1, language))

    def add(self, segment: Segment) -> None:
        if segment.text.strip():
            self.sections[-1][1].append(segment)

    # --- text ---------------------------------------------------------------------------------

    def spoken(self, raw: str) -> tuple[str, list[int]]:
        """Normalised text of a short unit (heading) and the notes it cites."""
        text, indexes = split_markers(normalize(raw, self.language))
        return apply_lexicon(text, self.settings.lexicon_entries), indexes

    def sentences(self, raw: str, language: str = "") -> list[tuple[str, list[int]]]:
        """Sentences of a block (in the post's language unless `language`), each with the footnotes it
        cites (markers removed)."""
        language = language or self.language
        text = _MARKER_BEFORE_STOP_RE.sub(r"\2\1", normalize(raw, language))
        result: list[tuple[str, list[int]]] = []
        for sentence in split_sentences(text, language):
            clean, indexes = split_markers(sentence)
            clean = apply_lexicon(clean, self.settings.lexicon_entries)
            if _SPEAKABLE_RE.search(clean):
                result.append((clean, indexes))
            elif result:
                result[-1][1].extend(indexes)
            elif indexes:
                result.append(("", indexes))
        return result

    # --- footnotes ----------------------------------------------------------------------------

    def aside(self, index: int) -> None:
        """Read note `index` right here, once, as an aside (in "aside" mode)."""
        if self.settings.footnotes != "aside" or index in self.spoken_notes or index >= len(self.note_blocks):
            return
        self.spoken_notes.add(index)
        cue = configured_phrase(
            self.language, "footnote_cue", self.settings.footnote_cue, self.settings.phrases
        )
        self.note(index, cue.strip())

    def note(self, index: int, cue: str) -> None:
        first = True
        for block in self.note_blocks[index]:
            sentences = [(block.text, [])] if block.fixed else self.sentences(block.text)
            for i, (text, nested) in enumerate(sentences):
                if first and cue:
                    text = f"{cue} {text}"
                first = False
                self.add_sentence(text, KIND_ASIDE, i == len(sentences) - 1)
                for inner in nested:  # a note citing another note: that one follows at once
                    self.aside(inner)

    def finish_notes(self) -> None:
        """Notes not read yet: unreferenced ones (aside mode) or all of them (end mode)."""
        mode = self.settings.footnotes
        if mode == "aside":
            for index in range(len(self.note_blocks)):
                self.aside(index)
        elif mode == "end" and any(self.note_blocks):
            self.sections.append((phrase(self.language, "footnotes"), []))
            for index, blocks in enumerate(self.note_blocks):
                if blocks:
                    self.add(Segment(phrase(self.language, "footnote").format(index + 1), KIND_ASIDE, False))
                    self.note(index, "")

    # --- result -------------------------------------------------------------------------------

    def has_body(self) -> bool:
        return any(seg.kind not in (KIND_INTRO, KIND_OUTRO) for _, segs in self.sections for seg in segs)

    def script(self, title: str) -> Script:
        sections = tuple(Section(t, tuple(segs)) for t, segs in self.sections if segs)
        return Script(title=title, sections=sections)


# --- headings, intro and outro ----------------------------------------------------------------


def section_title(raw: str) -> str:
    """The chapter title: the heading as written, cleaned (no markers, entities or extra spaces)."""
    return tidy(MARKER_RE.sub("", clean_text(raw))).rstrip(".:")


def heading_stop(text: str) -> str:
    """A heading must end with a full stop (or ? !) so Piper pauses after it."""
    text = text.rstrip()
    if text[-1:] in ".!?":
        return text
    return text.rstrip(",;:-–— ") + "."


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return ""


def render_template(template: str, values: dict[str, str], language: str) -> str:
    """Fill an intro/outro template; drop "By {author}" when there is no author; "" when unusable."""
    if not template.strip():
        return ""
    if "{site}" in template and not values.get("site"):
        return ""
    if not values.get("author"):  # drop "By {author}", "Di {author}", "Von {author}"...
        template = re.sub(r"\s*\b[^\W\d_]{1,5}\s+\{author\}\s*[,;]?", "", template)
        template = template.replace("{author}", "")
    try:
        text = template.format_map(_Blank(values))
    except (ValueError, IndexError, AttributeError):
        text = template
    text = re.sub(r"([.!?])\.", r"\1", text)
    text = re.sub(r"\s+([,.;:!?])", r"\1", text)
    text = re.sub(r"^[\s,.;:]+", "", text)
    text = re.sub(r"([.!?]\s+)([a-z])", lambda m: m.group(1) + m.group(2).upper(), text)
    text = text[:1].upper() + text[1:]
    return normalize(text, language) if _SPEAKABLE_RE.search(text) else ""


def template_values(
    title: str, author: str, published: datetime | None, url: str, podcast: str, language: str = "en"
) -> dict[str, str]:
    return {
        "title": clean_text(title).strip(),
        "author": clean_text(author).strip(),
        "date": spoken_date(language, published) if published else "",
        "site": domain_of(url) if url.startswith(("http://", "https://")) else "",
        "podcast": podcast.strip(),
    }
