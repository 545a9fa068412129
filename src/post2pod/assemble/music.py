"""Intro and outro music, crossfaded into the first and last parts a little under the voice."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np

from post2pod.assemble.ffmpeg import run_ffmpeg
from post2pod.assemble.loudness import SILENT, pcm_loudness
from post2pod.config import AudioSettings
from post2pod.errors import AssembleError

MUSIC_UNDER_SPEECH_DB = 4.0  # intro/outro music sits a little under the voice


def music_identity(path: str, audio: AudioSettings) -> str:
    """What the music adds to a part's content address: the file (by size and time) and the fade."""
    if not path:
        return ""
    try:
        stat = Path(path).stat()
    except OSError:
        return f"missing:{path}"
    stamp = f"{Path(path).resolve()}|{stat.st_size}|{stat.st_mtime_ns}|{audio.music_crossfade_ms}"
    return hashlib.sha256(stamp.encode()).hexdigest()[:16]


def load_music(path: str, sample_rate: int, level_lufs: float, folder: Path) -> np.ndarray:
    """Decode a music file to mono float PCM at the voice's rate, levelled to `level_lufs`."""
    if not path:
        return np.zeros(0)
    if not Path(path).is_file():
        raise AssembleError(f"music file {path} not found; fix [audio] intro_music/outro_music or remove it")
    decoded = folder / "music.pcm"
    run_ffmpeg(
        ["-i", path, "-vn", "-ac", "1", "-ar", str(sample_rate), "-f", "s16le", str(decoded)], Path(path).name
    )
    level = pcm_loudness(decoded, sample_rate)
    gain = 10 ** ((level_lufs - level) / 20) if level > SILENT else 1.0
    music = _pcm_array(decoded.read_bytes()) * gain
    decoded.unlink()
    return music


def add_music(
    speech: Path, out: Path, intro: np.ndarray, outro: np.ndarray, fade_samples: int
) -> tuple[int, int]:
    """Write `speech` with intro music before it and outro music after, crossfaded.

    Returns (samples the speech moved later by, total samples written).
    """
    samples = speech.stat().st_size // 2
    head_fade = min(fade_samples, len(intro), samples // 2)
    tail_fade = min(fade_samples, len(outro), samples // 2)
    with speech.open("rb") as source, out.open("wb") as target:
        speech_head = _pcm_array(source.read(head_fade * 2))
        target.write(_pcm_bytes(intro[: len(intro) - head_fade]))
        target.write(
            _pcm_bytes(_crossfade(intro[len(intro) - head_fade :], speech_head, fade_out_first=True))
        )
        remaining = samples - head_fade - tail_fade
        while remaining > 0:
            block = source.read(min(remaining, 1 << 20) * 2)
            target.write(block)
            remaining -= len(block) // 2
        speech_tail = _pcm_array(source.read(tail_fade * 2))
        target.write(_pcm_bytes(_crossfade(speech_tail, outro[:tail_fade], fade_out_first=False)))
        target.write(_pcm_bytes(outro[tail_fade:]))
    shift = len(intro) - head_fade
    return shift, samples + shift + len(outro) - tail_fade


def _crossfade(first: np.ndarray, second: np.ndarray, fade_out_first: bool) -> np.ndarray:
    """Mix two equally long stretches, fading the music one (first or second) in or out."""
    length = min(len(first), len(second))
    ramp = np.linspace(1.0, 0.0, length) if fade_out_first else np.linspace(0.0, 1.0, length)
    if fade_out_first:
        return first[:length] * ramp + second[:length]
    return first[:length] + second[:length] * ramp


def _pcm_array(data: bytes) -> np.ndarray:
    return np.frombuffer(data, dtype="<i2").astype(np.float64)


def _pcm_bytes(audio: np.ndarray) -> bytes:
    return np.clip(np.round(audio), -32768, 32767).astype("<i2").tobytes()
