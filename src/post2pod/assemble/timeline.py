"""The timeline: pauses chosen by structure, and the parts (sections) it is encoded in."""

from __future__ import annotations

import hashlib
import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from post2pod.config import AudioSettings
from post2pod.models import (
    KIND_ASIDE,
    KIND_HEADING,
    KIND_INTRO,
    KIND_LIST_ITEM,
    KIND_OUTRO,
    KIND_QUOTE,
    Clip,
    Segment,
)


@dataclass(frozen=True)
class Piece:
    """One stretch of the timeline: a clip (with its segment) or a silence."""

    clip: Clip | None
    silence_ms: int = 0
    segment: Segment | None = None


@dataclass(frozen=True)
class SpokenSpan:
    """Where one segment is heard inside its part (samples at the voice's rate)."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Part:
    """A stretch of the timeline encoded on its own: a section, or a cut of a long one at a
    paragraph end; led by the pause that separates it from the part before."""

    index: int
    title: str | None  # the chapter it begins; None: it continues the chapter before
    pieces: tuple[Piece, ...]
    sample_rate: int

    def key(self, *extra: str) -> str:
        """Content address of the part's audio: its clips, pauses and rate, plus `extra` settings."""
        layout = [[p.clip.key, p.clip.samples] if p.clip else p.silence_ms for p in self.pieces]
        data = json.dumps([self.sample_rate, layout, *extra], separators=(",", ":"))
        return hashlib.sha256(data.encode()).hexdigest()[:32]

    @property
    def speech_samples(self) -> int:
        return sum(p.clip.samples for p in self.pieces if p.clip)

    def spans(self) -> list[SpokenSpan]:
        """Where each segment is spoken, from the part's start."""
        spans, position = [], 0
        for piece in self.pieces:
            if piece.clip is None:
                position += silence_samples(piece.silence_ms, self.sample_rate)
                continue
            assert piece.segment is not None
            spans.append(SpokenSpan(position, position + piece.clip.samples, piece.segment.text))
            position += piece.clip.samples
        return spans

    def write_pcm(self, path: Path) -> None:
        """Write the part's audio (16-bit mono PCM at the voice's rate) to `path`."""
        with path.open("wb") as out:
            for piece in self.pieces:
                if piece.clip is None:
                    out.write(bytes(silence_samples(piece.silence_ms, self.sample_rate) * 2))
                    continue
                with piece.clip.path.open("rb") as clip_file:
                    shutil.copyfileobj(clip_file, out)


def read_pcm(path: Path, count: int = -1) -> np.ndarray:
    """16-bit mono PCM as float32 samples (full scale 1.0): the first `count`, or all (-1)."""
    samples = np.fromfile(path, dtype="<i2", count=count).astype(np.float32)
    samples *= np.float32(1 / 32768)
    return samples


def silence_samples(ms: int, sample_rate: int) -> int:
    return round(ms * sample_rate / 1000)


def pause_before(prev: Segment | None, segment: Segment, new_section: bool, audio: AudioSettings) -> int:
    """Silence (ms) between two consecutive segments, chosen by structure."""
    if prev is None:
        return 0
    if prev.kind == KIND_INTRO or segment.kind == KIND_OUTRO:
        return audio.intro_pause_ms
    if new_section:
        return audio.section_pause_ms
    if prev.kind == KIND_HEADING:
        return audio.heading_pause_ms
    if prev.kind == KIND_ASIDE and segment.kind != KIND_ASIDE:
        # the end of an aside, longer than any pause inside it, so the listener hears the text resume
        return max(audio.aside_pause_ms, audio.paragraph_pause_ms) + audio.sentence_pause_ms
    entering_or_leaving = {prev.kind, segment.kind} & {KIND_ASIDE, KIND_QUOTE} and prev.kind != segment.kind
    if entering_or_leaving:
        return max(audio.aside_pause_ms, audio.paragraph_pause_ms if prev.paragraph_end else 0)
    if prev.kind == segment.kind == KIND_LIST_ITEM and prev.paragraph_end:
        return audio.list_item_pause_ms
    return audio.paragraph_pause_ms if prev.paragraph_end else audio.sentence_pause_ms
