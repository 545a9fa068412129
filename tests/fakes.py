"""A fast, deterministic stand-in for Piper, for tests of everything around synthesis."""

from __future__ import annotations

import logging
import time
import zlib

import numpy as np

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
