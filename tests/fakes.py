"""Fast, deterministic stand-ins for tests of what surrounds them: Piper (`FakeEngine`), assembly
(`fake_assemble`), and a list of what the pipeline logs (`log_lines`)."""

from __future__ import annotations

import logging
import math
import time
import zlib
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np

from post2pod.assemble.companions import chapters_json, vtt_text
from post2pod.assemble.timeline import pause_before
from post2pod.config import AudioSettings
from post2pod.models import Chapter, Clip, Cue, EpisodeAudio, Script
from post2pod.synth import SynthSettings, VoiceSpec


class FakeEngine:
    """Speech-like noise bursts, 60 ms per character, deterministic per text (no Piper)."""

    sample_rate = 22050

    def __init__(self, delay_s: float = 0.0) -> None:
        self.calls: list[str] = []
        self.delay_s = delay_s

    def synthesize(self, text: str, _voice: VoiceSpec, settings: SynthSettings) -> tuple[np.ndarray, int]:
        self.calls.append(text)
        time.sleep(self.delay_s)
        rng = np.random.default_rng(zlib.crc32(text.encode()))
        samples = int(len(text) * 0.06 * self.sample_rate * (settings.length_scale or 1.0))
        t = np.arange(samples) / self.sample_rate
        envelope = 0.5 + 0.5 * np.sin(2 * np.pi * 4 * t) ** 2  # syllable-like modulation
        audio = 0.2 * envelope * (np.sin(2 * np.pi * 180 * t) + 0.3 * rng.standard_normal(samples))
        return audio.astype(np.float32), self.sample_rate


class LogLines(logging.Handler):
    """Collects the text of the `post2pod` logger's records of one level (see `log_lines`)."""

    def __init__(self, level: int, lines: list[str]) -> None:
        super().__init__(level)
        self.lines = lines

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno == self.level:
            self.lines.append(record.getMessage())


def log_lines(level: int = logging.WARNING) -> list[str]:
    """A list that gets each message the pipeline logs at `level` (WARNING: warnings, INFO: what it
    does) until the test ends (conftest removes the handler)."""
    lines: list[str] = []
    logger = logging.getLogger("post2pod")
    logger.addHandler(LogLines(level, lines))
    if logger.getEffectiveLevel() > level:
        logger.setLevel(level)
    return lines


# One MPEG-1 Layer III frame, 128 kbit/s at 44.1 kHz, mono, whose side information and main data are
# zeros: a decoder plays it as 26.122 ms of silence.
SILENT_FRAME = bytes.fromhex("fffb90c4") + bytes(413)
FRAME_MS = 1152 * 1000 / 44100


def fake_assemble(
    script: Script,
    clips: Iterable[tuple[str, Clip]],
    keys: Sequence[str],
    mp3_path: Path,
    tags: object,  # noqa: ARG001 (the real one's signature: no ID3 tag here)
    audio: AudioSettings,
    *,
    store_dir: Path | None = None,  # noqa: ARG001 (no stored parts: nothing is encoded)
    work_dir: Path | None = None,  # noqa: ARG001
) -> EpisodeAudio:
    """`assemble.assemble` without ffmpeg, for tests of what happens around assembly (planning,
    recording, publishing): takes every clip as it arrives, lays the segments out with the real pauses,
    and writes silent MP3 frames as long as the episode, its transcript and chapters. Its files are
    small valid MP3s, not the episode's sound: a test of the audio itself uses the real assembler."""
    ready = dict(clips)
    cues: list[Cue] = []
    starts: list[tuple[str, int]] = []
    at, previous, index = 0, None, 0
    for number, section in enumerate(script.sections):
        for position, segment in enumerate(section.segments):
            at += pause_before(previous, segment, number > 0 and position == 0, audio)
            if position == 0 and section.title is not None:
                starts.append((section.title, at if starts else 0))
            clip = ready[keys[index]]
            cues.append(Cue(at, at + clip.duration_ms, segment.text))
            at += clip.duration_ms
            previous, index = segment, index + 1
    frames = max(1, math.ceil(at / FRAME_MS))
    total_ms = round(frames * FRAME_MS)
    ends = [start for _title, start in starts[1:]] + [total_ms]
    chapters = tuple(Chapter(title, start, end) for (title, start), end in zip(starts, ends, strict=False))
    mp3_path.parent.mkdir(parents=True, exist_ok=True)
    mp3_path.write_bytes(SILENT_FRAME * frames)
    transcript = mp3_path.with_suffix(".vtt")
    transcript.write_text(vtt_text(cues), encoding="utf-8")
    chapters_path = mp3_path.with_name(mp3_path.stem + ".chapters.json")
    chapters_path.write_text(chapters_json(chapters), encoding="utf-8")
    return EpisodeAudio(
        mp3_path=mp3_path,
        bytes=mp3_path.stat().st_size,
        duration_ms=total_ms,
        chapters=chapters,
        cues=tuple(cues),
        transcript_path=transcript,
        chapters_path=chapters_path,
    )
