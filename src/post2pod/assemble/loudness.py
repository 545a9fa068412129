"""Loudness as podcast checks measure it (BS.1770, a mono file measured as dual-mono), via ffmpeg.

An episode's parts are encoded one by one, so the episode's integrated loudness is computed here from the
momentary (400 ms) blocks that ffmpeg's ebur128 logs for each part, gated as BS.1770 gates them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from post2pod.assemble.ffmpeg import pcm_input, run_ffmpeg
from post2pod.config import AudioSettings
from post2pod.errors import AssembleError

EBUR128 = "ebur128=dualmono=true:framelog=quiet"
SILENT = -70.0  # BS.1770's absolute gate
RELATIVE_GATE_LU = 10.0
INTEGRATED = re.compile(r"I:\s+(-?[\d.]+|-inf) LUFS")  # in the Summary block ebur128 prints last
MOMENTARY = re.compile(r"Parsed_ebur128.*? M:\s*(-?[\d.]+|-inf|nan)")
LIMITER_HEADROOM_DB = 1.5  # resampling and LAME push true peaks above the limiter's ceiling
GAIN_PRECISION = 0.15
# Resampling to 44.1 kHz and LAME make speech measure about 0.5 LU quieter than the PCM it was
# encoded from (0.1 + 0.4, the same at 64 and 128 kbps; benchmarks/RESULTS.md), so the PCM aims higher
ENCODE_LOSS_LU = 0.5
MAX_GAIN_STEPS = 4


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


def pcm_loudness(pcm_path: Path, sample_rate: int) -> float:
    """Integrated loudness (LUFS, measured dual-mono) of 16-bit mono PCM."""
    return _integrated_printed(
        [*pcm_input(pcm_path, sample_rate), "-af", EBUR128, "-f", "null", "-"], pcm_path.name
    )


def limiter_chain(gain_db: float, audio: AudioSettings) -> str:
    """ffmpeg filters applying a gain and a peak limiter below the true-peak ceiling."""
    ceiling = 10 ** ((audio.true_peak_db - LIMITER_HEADROOM_DB) / 20)
    return f"volume={gain_db:.3f}dB,alimiter=limit={ceiling:.4f}:level=0:attack=5:release=80"


def limited_loudness(pcm_path: Path, sample_rate: int, gain_db: float, audio: AudioSettings) -> float:
    """Loudness (LUFS) that `gain_db` and the limiter would give this PCM."""
    chain = f"{limiter_chain(gain_db, audio)},{EBUR128}"
    return _integrated_printed(
        [*pcm_input(pcm_path, sample_rate), "-af", chain, "-f", "null", "-"], pcm_path.name
    )


def gain_for_target(pcm_path: Path, sample_rate: int, audio: AudioSettings) -> float:
    """The gain (dB) that, followed by the limiter, brings this PCM to the loudness target.

    The limiter eats part of any gain (Piper's speech has a high crest factor), so the gain is
    found by a few secant steps on the measured, limited result instead of one linear guess;
    each step is one cheap ffmpeg pass at the voice's sample rate that limits and measures.
    """
    target = pcm_target(audio)
    raw = pcm_loudness(pcm_path, sample_rate)
    if raw <= SILENT:
        return 0.0
    gains = [target - raw]
    levels = [limited_loudness(pcm_path, sample_rate, gains[0], audio)]
    for _ in range(MAX_GAIN_STEPS):
        if abs(target - levels[-1]) <= GAIN_PRECISION:
            break
        if len(gains) > 1 and abs(levels[-1] - levels[-2]) > 1e-3:
            slope = (gains[-1] - gains[-2]) / (levels[-1] - levels[-2])
            step = (target - levels[-1]) * min(max(slope, 1.0), 4.0)
        else:
            step = (target - levels[-1]) * 1.6
        gains.append(gains[-1] + step)
        levels.append(limited_loudness(pcm_path, sample_rate, gains[-1], audio))
    return gains[-1]


def pcm_target(audio: AudioSettings) -> float:
    """The loudness (LUFS) to give the PCM so that the encoded MP3 lands on the target."""
    return audio.loudness_lufs + ENCODE_LOSS_LU


def momentary_blocks(stderr: str) -> list[float]:
    """The momentary loudness (LUFS) of every 400 ms block, every 100 ms, from ebur128's frame log."""
    return [SILENT * 2 if value in ("-inf", "nan") else float(value) for value in MOMENTARY.findall(stderr)]


def integrated_from_blocks(blocks: Sequence[float]) -> float:
    """BS.1770 integrated loudness from momentary block loudness values (absolute and relative gate)."""
    levels = np.asarray(blocks, dtype=np.float64)
    levels = levels[levels > SILENT]
    if levels.size == 0:
        return SILENT
    energy = 10 ** ((levels + 0.691) / 10)
    gate = -0.691 + 10 * np.log10(energy.mean()) - RELATIVE_GATE_LU
    gated = energy[levels > gate]
    return float(-0.691 + 10 * np.log10(gated.mean()))


def _integrated_printed(args: list[str], target: str) -> float:
    """Run ffmpeg with an ebur128 filter in its chain; returns the integrated loudness it printed."""
    stderr = run_ffmpeg(args, target, quiet=False)
    found = INTEGRATED.search(stderr.rpartition("Summary:")[2])
    if not found:
        raise AssembleError(f"ffmpeg did not report the loudness of {target}")
    return max(_number(found.group(1)), SILENT)


def _number(text: str) -> float:
    return float("-inf") if text == "-inf" else float(text)
