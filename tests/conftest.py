"""Shared test helpers: a fast fake synthesiser, paths to fixtures and the shared corpus."""

from __future__ import annotations

import zlib
from pathlib import Path

import numpy as np
import pytest

from post2pod.synth import SynthSettings, VoiceSpec

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
CORPUS = ROOT.parent / "shared" / "corpus"
EXAMPLE_FEED = ROOT / "examples" / "blog" / "feed.xml"


class FakeEngine:
    """Speech-like noise bursts, 60 ms per character, deterministic per text (no Piper)."""

    sample_rate = 22050

    def __init__(self) -> None:
        self.calls: list[str] = []

    def synthesize(self, text: str, voice: VoiceSpec, settings: SynthSettings) -> tuple[np.ndarray, int]:
        self.calls.append(text)
        rng = np.random.default_rng(zlib.crc32(text.encode()))
        samples = int(len(text) * 0.06 * self.sample_rate * (settings.length_scale or 1.0))
        t = np.arange(samples) / self.sample_rate
        envelope = 0.5 + 0.5 * np.sin(2 * np.pi * 4 * t) ** 2  # syllable-like modulation
        audio = 0.2 * envelope * (np.sin(2 * np.pi * 180 * t) + 0.3 * rng.standard_normal(samples))
        return audio.astype(np.float32), self.sample_rate


@pytest.fixture
def fake_engine() -> FakeEngine:
    return FakeEngine()


@pytest.fixture
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not present")
    return CORPUS
