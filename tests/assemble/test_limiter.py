"""The peak limiter and the in-process loudness measurement, on signals whose answer is known."""

from __future__ import annotations

import numpy as np
import pytest

from fakes import FakeEngine
from post2pod.assemble import limiter, loudness
from post2pod.config import AudioSettings
from post2pod.synth import SynthSettings, bundled_voice

RATE = 22050
TOP = 0.5


def _spiked(spike_at_s: float = 0.5, spike_ms: float = 10.0, seconds: float = 2.0) -> np.ndarray:
    """A steady level of 0.25 with a 10 ms stretch at 1.0: the gain is the output over the input."""
    signal = np.full(round(seconds * RATE), 0.25, np.float32)
    start = round(spike_at_s * RATE)
    signal[start : start + round(spike_ms * RATE / 1000)] = 1.0
    return signal


def test_audio_under_the_ceiling_is_left_alone():
    signal = np.sin(np.linspace(0, 400, RATE)).astype(np.float32) * TOP
    kept = signal.copy()
    limiter.limit(signal, TOP, RATE)
    assert np.array_equal(signal, kept)


def test_no_sample_passes_the_ceiling():
    rng = np.random.default_rng(1)
    signal = (rng.standard_normal(10 * RATE) * 0.4).astype(np.float32)  # peaks near 2.0
    assert np.abs(signal).max() > 3 * TOP
    limiter.limit(signal, TOP, RATE)
    assert np.abs(signal).max() <= TOP * (1 + 1e-6)


def test_the_gain_slides_down_before_a_peak_and_lets_go_over_the_release():
    signal = _spiked()
    limited = signal.copy()
    limiter.limit(limited, TOP, RATE)
    gain = limited / signal
    start, end = round(0.5 * RATE), round(0.51 * RATE)
    assert gain[start:end].max() <= TOP + 1e-6  # the spike is held at the ceiling
    lowered = np.flatnonzero(gain < 0.999)
    lead_ms = (start - lowered[0]) * 1000 / RATE
    assert limiter.ATTACK_MS * 0.8 <= lead_ms <= limiter.ATTACK_MS * 2.5  # looks ahead, no further
    assert np.abs(np.diff(gain)).max() < 0.01  # no step a listener would hear as a click
    # one release time after the spike, about 1/e of the reduction (in nepers) is left
    left = -np.log(gain[end + round(limiter.RELEASE_MS * RATE / 1000)]) / -np.log(TOP)
    assert 0.25 <= left <= 0.5
    assert gain[end + round(1.0 * RATE) :].min() > 0.999  # and it comes back


def test_a_sine_at_minus_20_dbfs_reads_minus_20_lufs_dual_mono():
    # BS.1770: a 997 Hz sine at 0 dBFS in one channel reads -3.01 LKFS; dual-mono counts it twice
    t = np.arange(5 * RATE) / RATE
    sine = (0.1 * np.sin(2 * np.pi * 997 * t)).astype(np.float32)
    assert loudness.integrated_loudness(sine, RATE) == pytest.approx(-20.0, abs=0.05)


def test_silence_reads_as_silent():
    assert loudness.integrated_loudness(np.zeros(3 * RATE, np.float32), RATE) == loudness.SILENT
    assert loudness.integrated_loudness(np.zeros(100, np.float32), RATE) == loudness.SILENT


def test_the_gain_found_brings_limited_speech_to_the_target():
    audio = AudioSettings()
    samples = np.concatenate(
        [
            FakeEngine().synthesize(text, bundled_voice(), SynthSettings())[0]
            for text in ("A first sentence of the sample.", "Then a second, somewhat longer one.") * 6
        ]
    )
    gain = loudness.gain_for_target(samples, RATE, audio)
    reached = loudness.integrated_loudness(loudness.amplified(samples, gain, audio, RATE), RATE)
    assert reached == pytest.approx(loudness.pcm_target(audio), abs=loudness.GAIN_PRECISION)
