"""Test audio files made by the real ffmpeg: a sine tone in whatever format the file name says."""

from __future__ import annotations

import subprocess
from pathlib import Path

from post2pod import assemble


def tone(path: Path, seconds: float, frequency: int = 440, channels: int = 2) -> Path:
    """Write a 44.1 kHz sine tone of `seconds` to `path` (format from its suffix); returns `path`."""
    source = f"sine=frequency={frequency}:sample_rate=44100:duration={seconds}"
    command = [assemble.ffmpeg_exe(), "-v", "error", "-f", "lavfi", "-i", source, "-ac", str(channels)]
    subprocess.run([*command, str(path)], check=True)
    return path
