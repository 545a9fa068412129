"""A look-ahead peak limiter over a whole part at once (numpy), so no sample passes the ceiling.

The gain it applies is worked out on a control grid of `STEP` samples and drawn linearly between
grid points: each point takes the largest reduction needed within the attack time ahead of it (and
the block just behind, so a line between two points never rises above a peak's need), lets go of
it exponentially over the release time, and is averaged over the attack time so the gain slides
down into a peak instead of jumping.
"""

from __future__ import annotations

import numpy as np

from post2pod.config import AudioSettings

ATTACK_MS = 5.0
RELEASE_MS = 80.0
STEP = 16  # samples per point of the control grid: 0.7 ms at 22.05 kHz
CHUNK_POINTS = 1 << 16  # grid points whose gain is applied at once
# resampling to 44.1 kHz and LAME push true peaks above the limiter's ceiling (0.1-0.2 dB on speech)
HEADROOM_DB = 1.0
# what the limiter adds to a part's content address: change it when the limiter sounds different
IDENTITY = f"limiter-1|{ATTACK_MS}|{RELEASE_MS}|{STEP}|{HEADROOM_DB}"


def ceiling(audio: AudioSettings) -> float:
    """The limiter's ceiling (linear, full scale 1.0): below the true-peak limit by the headroom."""
    return float(10 ** ((audio.true_peak_db - HEADROOM_DB) / 20))


def limit(samples: np.ndarray, top: float, sample_rate: int) -> None:
    """Bring every peak of `samples` (float32, full scale 1.0) down to `top`, in place."""
    if samples.size == 0:
        return
    peak = _block_peaks(samples)
    if float(peak.max()) <= top:
        return
    attack = max(1, round(sample_rate * ATTACK_MS / 1000 / STEP))
    # reduction needed per block, in nepers, after an attack's worth of silence the gain can slide in
    need = np.concatenate([np.zeros(attack), np.log(np.maximum(peak, top) / top)])
    held = _sliding_max(need, behind=1, ahead=attack)
    reduction = _released(held, STEP * 1000 / (RELEASE_MS * sample_rate))
    sums = np.cumsum(reduction)
    # a point's gain is at most every nearby block's need, and so is any mix of two points' gains
    point_gain = np.exp(-(sums[attack:] - sums[:-attack]) / attack).astype(np.float32)
    following = np.append(point_gain[1:], point_gain[-1])
    fraction = np.arange(STEP, dtype=np.float32) / STEP
    for first in range(0, peak.size, CHUNK_POINTS):  # a few seconds at a time: no second copy of a part
        last = min(first + CHUNK_POINTS, peak.size)
        here, after = point_gain[first:last, None], following[first:last, None]
        gain = (here + (after - here) * fraction).reshape(-1)
        span = samples[first * STEP : last * STEP]
        span *= gain[: span.size]


def _block_peaks(samples: np.ndarray) -> np.ndarray:
    """The largest magnitude in each block of STEP samples (the last block may be shorter)."""
    whole = samples.size // STEP * STEP
    blocks = samples[:whole].reshape(-1, STEP)
    peaks = np.maximum(blocks.max(axis=1), -blocks.min(axis=1))
    if whole < samples.size:
        peaks = np.append(peaks, np.abs(samples[whole:]).max())
    return peaks


def _sliding_max(values: np.ndarray, behind: int, ahead: int) -> np.ndarray:
    """The largest of values[n - behind : n + ahead + 1] for every n (values >= 0: the edges count
    as zeros), in linear time (van Herk / Gil-Werman: prefix and suffix maxima of fixed blocks)."""
    width = behind + ahead + 1
    count = values.size
    padded = np.zeros(-(-(count + behind + ahead) // width) * width + width, values.dtype)
    padded[behind : behind + count] = values
    blocks = padded.reshape(-1, width)
    prefix = np.maximum.accumulate(blocks, axis=1).reshape(-1)
    suffix = np.maximum.accumulate(blocks[:, ::-1], axis=1)[:, ::-1].reshape(-1)
    return np.maximum(suffix[:count], prefix[width - 1 : width - 1 + count])


def _released(held: np.ndarray, decay: float) -> np.ndarray:
    """Each reduction held, then let go exponentially (`decay` nepers per point):
    r[n] = max over k of held[n - k] * exp(-k * decay), a running maximum in the log domain."""
    ramp = np.arange(held.size, dtype=np.float64) * decay
    with np.errstate(divide="ignore"):
        follow = np.log(held) + ramp
    np.maximum.accumulate(follow, out=follow)
    return np.exp(follow - ramp)
