"""Loudness as podcast checks measure it (BS.1770, a mono file measured as dual-mono).

An episode's parts are measured in process while they are encoded: the K-weighted energy of every
100 ms block, read from its spectrum, gives the momentary (400 ms) loudness every 100 ms, and the
episode's integrated loudness is gated from the blocks of all its parts as BS.1770 gates them. A
finished file is measured with ffmpeg's ebur128, as podcasters check it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from post2pod.assemble.ffmpeg import run_ffmpeg
from post2pod.assemble.limiter import ceiling, limit
from post2pod.assemble.timeline import read_pcm
from post2pod.config import AudioSettings
from post2pod.errors import AssembleError

SILENT = -70.0  # BS.1770's absolute gate
RELATIVE_GATE_LU = 10.0
INTEGRATED = re.compile(r"I:\s+(-?[\d.]+|-inf) LUFS")  # in the Summary block ebur128 prints last
GAIN_PRECISION = 0.05  # LU; each step is one limiter pass and one measurement of a minute of PCM
# Resampling to 44.1 kHz and LAME make speech measure about 0.5 LU quieter than the PCM it was
# encoded from (0.1 + 0.4, the same at 64 and 128 kbps; benchmarks/RESULTS.md), so the PCM aims higher
ENCODE_LOSS_LU = 0.5
MAX_GAIN_STEPS = 4
BLOCKS_PER_SECOND = 10  # momentary loudness every 100 ms, over the last 400 ms
WINDOW_BLOCKS = 4
CHUNK_BLOCKS = 300  # blocks measured at once (30 s): a long part's spectrum is never held whole


@dataclass(frozen=True)
class Loudness:
    """Loudness of an audio file as podcast checks measure it."""

    integrated_lufs: float  # measured dual-mono
    true_peak_db: float


def measure(path: Path, true_peak: bool = True) -> Loudness:
    """Loudness (dual-mono) and peak of an audio file with ffmpeg's ebur128, as podcasters check.

    `true_peak=False` reports the sample peak instead: about twice as fast.
    """
    kind = "true" if true_peak else "sample"
    try:
        stderr = run_ffmpeg(
            ["-i", str(path), "-af", f"ebur128=peak={kind}:dualmono=true:framelog=quiet", "-f", "null", "-"],
            path.name,
            quiet=False,
        )
    except AssembleError:
        raise AssembleError(f"cannot measure loudness of {path}: is it a valid audio file?") from None
    summary = stderr.rpartition("Summary:")[2]
    integrated = INTEGRATED.search(summary)
    peak = re.search(rf"{kind.capitalize()} peak:\s+Peak:\s+(-?[\d.]+|-inf) dBFS", summary)
    if not integrated or not peak:
        raise AssembleError(f"cannot measure loudness of {path}: ffmpeg reported no loudness")
    return Loudness(_number(integrated.group(1)), _number(peak.group(1)))


def momentary_loudness(samples: np.ndarray, sample_rate: int) -> np.ndarray:
    """Momentary loudness (LUFS, dual-mono) every 100 ms of mono samples (full scale 1.0), each over
    the 400 ms before it, as ebur128's frame log prints it (-inf until 400 ms have passed).

    Each 100 ms block's K-weighted energy is its spectrum's energy weighted by the filter's response
    (Parseval): the same as filtering but for the filter's few milliseconds of memory at block edges.
    """
    hop = sample_rate // BLOCKS_PER_SECOND
    count = samples.size // hop
    if count == 0:
        return np.zeros(0)
    blocks = samples[: count * hop].reshape(count, hop)
    energy = np.concatenate(
        [
            _block_energy(blocks[first : first + CHUNK_BLOCKS], sample_rate)
            for first in range(0, count, CHUNK_BLOCKS)
        ]
    )
    window = np.convolve(energy, np.ones(WINDOW_BLOCKS))[:count] / (WINDOW_BLOCKS * hop)
    window[: WINDOW_BLOCKS - 1] = 0.0  # not yet 400 ms: no block (ebur128 logs silence)
    with np.errstate(divide="ignore"):
        return -0.691 + 10 * np.log10(2 * window)  # dual-mono: the one channel counted twice


def integrated_from_blocks(blocks: Sequence[float] | np.ndarray) -> float:
    """BS.1770 integrated loudness from momentary block loudness values (absolute and relative gate)."""
    levels = np.asarray(blocks, dtype=np.float64)
    levels = levels[levels > SILENT]
    if levels.size == 0:
        return SILENT
    energy = 10 ** ((levels + 0.691) / 10)
    gate = -0.691 + 10 * np.log10(energy.mean()) - RELATIVE_GATE_LU
    gated = energy[levels > gate]
    return float(-0.691 + 10 * np.log10(gated.mean()))


def integrated_loudness(samples: np.ndarray, sample_rate: int) -> float:
    """Integrated loudness (LUFS, dual-mono) of mono samples (full scale 1.0)."""
    return integrated_from_blocks(momentary_loudness(samples, sample_rate))


def pcm_loudness(pcm_path: Path, sample_rate: int) -> float:
    """Integrated loudness (LUFS, measured dual-mono) of 16-bit mono PCM."""
    return integrated_loudness(read_pcm(pcm_path), sample_rate)


def amplified(samples: np.ndarray, gain_db: float, audio: AudioSettings, sample_rate: int) -> np.ndarray:
    """A copy of the samples with a gain, then the peak limiter below the true-peak ceiling."""
    louder = samples * np.float32(10 ** (gain_db / 20))
    limit(louder, ceiling(audio), sample_rate)
    return louder


def gain_for_target(samples: np.ndarray, sample_rate: int, audio: AudioSettings) -> float:
    """The gain (dB) that, followed by the limiter, brings these samples to the loudness target.

    The limiter eats part of any gain (Piper's speech has a high crest factor), so the gain is
    found by a few secant steps on the measured, limited result instead of one linear guess.
    """
    target = pcm_target(audio)
    raw = integrated_loudness(samples, sample_rate)
    if raw <= SILENT:
        return 0.0
    gains = [target - raw]
    levels = [integrated_loudness(amplified(samples, gains[0], audio, sample_rate), sample_rate)]
    for _ in range(MAX_GAIN_STEPS):
        if abs(target - levels[-1]) <= GAIN_PRECISION:
            break
        if len(gains) > 1 and abs(levels[-1] - levels[-2]) > 1e-3:
            slope = (gains[-1] - gains[-2]) / (levels[-1] - levels[-2])
            step = (target - levels[-1]) * min(max(slope, 1.0), 4.0)
        else:
            step = (target - levels[-1]) * 1.6
        gains.append(gains[-1] + step)
        levels.append(integrated_loudness(amplified(samples, gains[-1], audio, sample_rate), sample_rate))
    return gains[-1]


def pcm_target(audio: AudioSettings) -> float:
    """The loudness (LUFS) to give the PCM so that the encoded MP3 lands on the target."""
    return audio.loudness_lufs + ENCODE_LOSS_LU


def _block_energy(blocks: np.ndarray, sample_rate: int) -> np.ndarray:
    """The K-weighted energy of each row of `blocks` (one 100 ms block each), per sample."""
    hop = blocks.shape[1]
    spectrum = np.fft.rfft(blocks.astype(np.float32, copy=False), axis=1)
    power = np.square(spectrum.real)
    power += np.square(spectrum.imag)
    power *= _weights(hop, sample_rate)
    return power.sum(axis=1) / hop  # not a matrix product: BLAS threads would spin beside the workers


@cache
def _weights(hop: int, sample_rate: int) -> np.ndarray:
    """|H|² of the K-weighting filter at each bin of a `hop`-point real FFT, the bins that stand
    for negative frequencies too counted twice."""
    z = np.exp(-2j * np.pi * np.arange(hop // 2 + 1) / hop)
    response = np.ones_like(z)
    for b, a in _k_weighting(sample_rate):
        response *= (b[0] + b[1] * z + b[2] * z * z) / (a[0] + a[1] * z + a[2] * z * z)
    weights = np.square(np.abs(response))
    weights[1 : (hop + 1) // 2] *= 2
    return weights.astype(np.float32)


def _k_weighting(sample_rate: int) -> tuple[tuple[list[float], list[float]], ...]:
    """BS.1770's two filters (the head's high shelf, then the RLB high-pass) as biquads (b, a) at
    this rate, by the bilinear transform, as libebur128 and ffmpeg's ebur128 derive them."""
    gain_db, shelf_hz, shelf_q = 3.999843853973347, 1681.974450955533, 0.7071752369554196
    k = math.tan(math.pi * shelf_hz / sample_rate)
    high = 10 ** (gain_db / 20)
    band = high**0.4996667741545416
    a0 = 1 + k / shelf_q + k * k
    numerator = [high + band * k / shelf_q + k * k, 2 * (k * k - high), high - band * k / shelf_q + k * k]
    denominator = [a0, 2 * (k * k - 1), 1 - k / shelf_q + k * k]
    shelf = ([b / a0 for b in numerator], [a / a0 for a in denominator])
    pass_hz, pass_q = 38.13547087602444, 0.5003270373238773
    k = math.tan(math.pi * pass_hz / sample_rate)
    a0 = 1 + k / pass_q + k * k
    high_pass = ([1.0, -2.0, 1.0], [1.0, 2 * (k * k - 1) / a0, (1 - k / pass_q + k * k) / a0])
    return shelf, high_pass


def _number(text: str) -> float:
    return float("-inf") if text == "-inf" else float(text)
