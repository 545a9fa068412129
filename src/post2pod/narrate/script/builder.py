"""Assemble the Script: sections from headings, one segment per sentence, footnotes as asides,
intro and outro from the settings' templates.

With `explain`, the builder also keeps, for each segment, the normaliser's rewrites that made its
text (`Explanation`, what `post2pod script --explain` prints).
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field

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
from post2pod.narrate.html.blocks import BlockCollector
from post2pod.narrate.html.emitter import Block
from post2pod.narrate.notes.markers import MARKER_RE, Footnote, split_markers
from post2pod.narrate.script.lexicon import apply_lexicon
from post2pod.narrate.script.phrases import configured_phrase, phrase
from post2pod.narrate.script.sentences import SPEAKABLE_RE, split_long, split_sentences
from post2pod.narrate.script.templates import render_template, summary_outro, teaser_outro
from post2pod.narrate.speech import Rewrite, normalize, tidy
from post2pod.narrate.speech.characters import clean_text

# A marker after the full stop ("done.¹", "done. [1]") belongs to the sentence before it.
_MARKER_BEFORE_STOP_RE = re.compile(r"([.!?]+[\"')\]]*)[ \t]*([\ue000-\uefff]+)")
_AROUND = " ,.;:!?"  # punctuation a rewrite's spoken form may lose at a sentence's edge


@dataclass(frozen=True)
class Explanation:
    """A Script and, for each of its segments (in `script.segments` order), the rewrites that made
    its text: which rule read which written form how. What `post2pod script --explain` shows."""

    script: Script
    rewrites: tuple[tuple[Rewrite, ...], ...]

    def segments(self) -> Iterable[tuple[Segment, tuple[Rewrite, ...]]]:
        """Each segment with its rewrites, in script order."""
        return zip(self.script.segments, self.rewrites, strict=True)

    def to_dict(self) -> dict:
        """The `post2pod script --json --explain` shape: `Script.to_dict()` with each segment's
        "rewrites" ([{"rule", "class", "written", "spoken"}])."""
        result = self.script.to_dict()
        rewrites = iter(self.rewrites)
        for section in result["sections"]:
            for segment in section["segments"]:
                segment["rewrites"] = [rewrite_dict(rewrite) for rewrite in next(rewrites)]
        return result


def rewrite_dict(rewrite: Rewrite) -> dict[str, str]:
    """One rewrite as JSON: {"rule", "class", "written", "spoken"}."""
    return {
        "rule": rewrite.rule,
        "class": rewrite.semiotic_class,
        "written": rewrite.written,
        "spoken": rewrite.spoken,
    }


def rewrite_line(rewrite: Rewrite) -> str:
    """One rewrite as text: `rule (class): "written" -> "spoken"` (quoted and escaped as JSON)."""
    written, spoken = (json.dumps(s, ensure_ascii=False) for s in (rewrite.written, rewrite.spoken))
    return f"{rewrite.rule} ({rewrite.semiotic_class}): {written} -> {spoken}"


@dataclass
class _Entry:
    """A segment being built and the rewrites attributed to it so far."""

    segment: Segment
    rewrites: list[Rewrite] = field(default_factory=list)


@dataclass
class _Section:
    title: str | None
    entries: list[_Entry] = field(default_factory=list)


class ScriptBuilder:
    """Turns blocks (and the post's footnotes) into sections of segments.

    With `explain`, every normalisation is traced and its rewrites are attributed to the segments it
    produced (see `attribute`); `explanation()` returns them.
    """

    def __init__(
        self,
        settings: NarrationSettings,
        language: str,
        notes: list[Footnote],
        voice_languages: Collection[str] = (),
        explain: bool = False,
    ) -> None:
        self.settings = settings
        self.language = language
        self.english = language == "en"
        self.explain = explain
        self.sections: list[_Section] = [_Section(None)]
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
            self.sections.append(_Section(section_title(block.text)))
        trace = self.trace()
        text, indexes = self.spoken(block.text, trace)
        if text:
            text = heading_stop(text)
            entries = [self.add(Segment(piece, KIND_HEADING, True)) for piece in split_long(text)]
            attribute(trace, entries)
        for index in indexes:
            self.aside(index)

    def block(self, block: Block) -> None:
        trace = self.trace()
        if block.fixed:
            sentences: list[tuple[str, list[int]]] = [(block.text, [])]
        else:
            sentences = self.sentences(block.text, block.language, trace)
        entries: list[_Entry | None] = []
        for i, (text, indexes) in enumerate(sentences):
            entries += self.add_sentence(text, block.kind, i == len(sentences) - 1, block.language)
            for index in indexes:
                self.aside(index)
        attribute(trace, entries)

    def add_sentence(self, text: str, kind: str, block_end: bool, language: str = "") -> list[_Entry | None]:
        """The sentence's segments (one, or clauses of a long one) added; their entries returned."""
        pieces = split_long(text)
        return [
            self.add(Segment(piece, kind, block_end and j == len(pieces) - 1, language))
            for j, piece in enumerate(pieces)
        ]

    def add(self, segment: Segment, rewrites: Iterable[Rewrite] = ()) -> _Entry | None:
        """`segment` appended to the current section (unless blank), with its `rewrites`."""
        if not segment.text.strip():
            return None
        entry = _Entry(segment, list(rewrites))
        self.sections[-1].entries.append(entry)
        return entry

    def prepend(self, segment: Segment, rewrites: Iterable[Rewrite] = ()) -> None:
        """`segment` put first in the script (the intro, the disclosure), unless blank."""
        if segment.text.strip():
            self.sections[0].entries.insert(0, _Entry(segment, list(rewrites)))

    def add_opening(self, values: dict[str, str], disclosure: str) -> None:
        """The intro, then the AI disclosure, put first (each left out when empty)."""
        if disclosure:
            trace = self.trace()
            self.prepend(Segment(normalize(disclosure, self.language, trace), KIND_INTRO, True), trace or ())
        trace = self.trace()
        intro = render_template(self._phrase("intro"), values, self.language, trace)
        self.prepend(Segment(intro, KIND_INTRO, True), trace or ())

    def add_closing(self, values: dict[str, str], teaser: bool, summary: bool = False) -> None:
        """The outro (or, for a teaser or the feed's summary, the pointer to the whole post) put last,
        unless empty."""
        trace = self.trace()
        outro = render_template(self._phrase("outro"), values, self.language, trace)
        if summary:
            outro, trace = summary_outro(self.language, values["site"]), None
        elif teaser:
            outro, trace = teaser_outro(self.language, values["site"]), None
        if outro:
            self.add(Segment(outro, KIND_OUTRO, True), trace or ())

    def _phrase(self, key: str) -> str:
        settings = self.settings
        return configured_phrase(self.language, key, getattr(settings, key), settings.phrases)

    def trace(self) -> list[Rewrite] | None:
        """A list for `normalize` to trace into when explaining, else None (no tracing)."""
        return [] if self.explain else None

    # --- text ---------------------------------------------------------------------------------

    def spoken(self, raw: str, trace: list[Rewrite] | None = None) -> tuple[str, list[int]]:
        """Normalised text of a short unit (heading) and the notes it cites (rewrites into `trace`)."""
        text, indexes = split_markers(normalize(raw, self.language, trace))
        return apply_lexicon(text, self.settings.lexicon_entries), indexes

    def sentences(
        self, raw: str, language: str = "", trace: list[Rewrite] | None = None
    ) -> list[tuple[str, list[int]]]:
        """Sentences of a block (in the post's language unless `language`), each with the footnotes it
        cites (markers removed); the normaliser's rewrites go into `trace`."""
        language = language or self.language
        text = _MARKER_BEFORE_STOP_RE.sub(r"\2\1", normalize(raw, language, trace))
        result: list[tuple[str, list[int]]] = []
        for sentence in split_sentences(text, language):
            clean, indexes = split_markers(sentence)
            clean = apply_lexicon(clean, self.settings.lexicon_entries)
            if SPEAKABLE_RE.search(clean):
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
            trace = self.trace()
            sentences = [(block.text, [])] if block.fixed else self.sentences(block.text, "", trace)
            entries: list[_Entry | None] = []
            for i, (text, nested) in enumerate(sentences):
                if first and cue:
                    text = f"{cue} {text}"
                first = False
                entries += self.add_sentence(text, KIND_ASIDE, i == len(sentences) - 1)
                for inner in nested:  # a note citing another note: that one follows at once
                    self.aside(inner)
            attribute(trace, entries)

    def finish_notes(self) -> None:
        """Notes not read yet: unreferenced ones (aside mode) or all of them (end mode)."""
        mode = self.settings.footnotes
        if mode == "aside":
            for index in range(len(self.note_blocks)):
                self.aside(index)
        elif mode == "end" and any(self.note_blocks):
            self.sections.append(_Section(phrase(self.language, "footnotes")))
            for index, blocks in enumerate(self.note_blocks):
                if blocks:
                    self.add(Segment(phrase(self.language, "footnote").format(index + 1), KIND_ASIDE, False))
                    self.note(index, "")

    # --- result -------------------------------------------------------------------------------

    def has_body(self) -> bool:
        return any(
            entry.segment.kind not in (KIND_INTRO, KIND_OUTRO)
            for section in self.sections
            for entry in section.entries
        )

    def script(self, title: str) -> Script:
        sections = tuple(
            Section(s.title, tuple(entry.segment for entry in s.entries)) for s in self.sections if s.entries
        )
        return Script(title=title, sections=sections)

    def explanation(self, script: Script) -> Explanation:
        """`script` (built by `script()`, maybe with fields replaced) with each segment's rewrites."""
        rewrites = tuple(tuple(entry.rewrites) for section in self.sections for entry in section.entries)
        return Explanation(script, rewrites)


# --- explaining: which segment a rewrite belongs to -------------------------------------------


def attribute(trace: list[Rewrite] | None, entries: list[_Entry | None]) -> None:
    """Give each rewrite of one normalisation to the segment (of the ones it produced) that says it.

    A rewrite belongs to the first segment whose text holds its spoken form (whitespace, case and
    footnote markers aside) not already claimed by an earlier rewrite with the same form. One whose
    form a later rule rewrote again ("9am" -> "9 AM", then "9" -> "nine") follows that later rewrite;
    any other goes to the first segment.
    """
    kept = [entry for entry in entries if entry is not None]
    if not trace or not kept:
        return
    texts = [_key(entry.segment.text) for entry in kept]
    owners = _direct_owners(trace, texts)
    for i in reversed(range(len(trace))):
        if owners[i] is None:
            owners[i] = _chained_owner(trace, owners, i)
    for rewrite, owner in zip(trace, owners, strict=True):
        kept[owner or 0].rewrites.append(rewrite)


def _direct_owners(trace: list[Rewrite], texts: list[str]) -> list[int | None]:
    """For each rewrite, the index of the first text holding its spoken form not yet claimed."""
    claimed: dict[tuple[int, str], int] = {}
    owners: list[int | None] = []
    for rewrite in trace:
        spoken = _key(rewrite.spoken)
        owner = None
        if spoken:
            for index, text in enumerate(texts):
                if text.count(spoken) > claimed.get((index, spoken), 0):
                    owner = index
                    claimed[(index, spoken)] = claimed.get((index, spoken), 0) + 1
                    break
        owners.append(owner)
    return owners


def _chained_owner(trace: list[Rewrite], owners: list[int | None], i: int) -> int | None:
    """The owner of the nearest later rewrite that rewrote (part of) what rewrite `i` said."""
    spoken = _key(trace[i].spoken)
    if not spoken:
        return None
    for j in range(i + 1, len(trace)):
        written = _key(trace[j].written)
        if owners[j] is not None and written and (written in spoken or spoken in written):
            return owners[j]
    return None


def _key(text: str) -> str:
    """`text` as compared when attributing: no markers, tidy spaces, any case, no punctuation around
    it (a sentence's end may have taken a trailing comma)."""
    return tidy(MARKER_RE.sub("", text)).strip(_AROUND).casefold()


# --- headings ----------------------------------------------------------------------------------


def section_title(raw: str) -> str:
    """The chapter title: the heading as written, cleaned (no markers, entities or extra spaces)."""
    return tidy(MARKER_RE.sub("", clean_text(raw))).rstrip(".:")


def heading_stop(text: str) -> str:
    """A heading must end with a full stop (or ? !) so Piper pauses after it."""
    text = text.rstrip()
    if text[-1:] in ".!?":
        return text
    return text.rstrip(",;:-–— ") + "."
