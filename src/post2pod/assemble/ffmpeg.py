"""Finding and running ffmpeg, with its failures as one-line errors."""

from __future__ import annotations

import errno
import shutil
import subprocess
from collections.abc import Callable
from functools import cache

from post2pod.errors import AssembleError


@cache
def ffmpeg_exe() -> str:
    """A system ffmpeg if on PATH, else the one bundled by imageio-ffmpeg."""
    found = shutil.which("ffmpeg")
    if found:
        return found
    try:
        import imageio_ffmpeg

        return imageio_ffmpeg.get_ffmpeg_exe()
    except (ImportError, RuntimeError):
        raise AssembleError("no ffmpeg found; install ffmpeg or `pip install imageio-ffmpeg`") from None


def run_ffmpeg(
    args: list[str], target: str, quiet: bool = True, failure: Callable[[str], str] | None = None
) -> str:
    """Run ffmpeg; returns what it printed on stderr. `quiet=False` keeps filter logs (ebur128);
    `failure` words the error from ffmpeg's reason (see `raise_for`)."""
    level = ["-loglevel", "error"] if quiet else ["-nostats"]
    command = [ffmpeg_exe(), "-hide_banner", *level, "-nostdin", "-y", *args]
    result = subprocess.run(command, capture_output=True, text=True, errors="replace")
    raise_for(result, target, failure)
    return result.stderr


def pcm_input(pcm_path: object, sample_rate: int) -> list[str]:
    """ffmpeg arguments reading a raw 16-bit mono PCM file."""
    return ["-f", "s16le", "-ar", str(sample_rate), "-ac", "1", "-i", str(pcm_path)]


def raise_for(
    result: subprocess.CompletedProcess, target: str, failure: Callable[[str], str] | None = None
) -> None:
    """A failed ffmpeg run as a one-line AssembleError: a full disk, else ffmpeg's last line of
    stderr (the reason), worded by `failure` when the caller knows better what it means."""
    if result.returncode != 0:
        if "No space left" in result.stderr:
            raise AssembleError(f"disk full while writing {target}; free some space and rerun")
        reason = (result.stderr.strip().splitlines()[-1:] or ["unknown error"])[0]
        raise AssembleError(failure(reason) if failure else f"ffmpeg failed on {target}: {reason}")


def os_error_message(exc: OSError, name: str) -> str:
    """One line for an OSError met while writing `name`."""
    if exc.errno == errno.ENOSPC:
        return f"disk full while writing {name}; free some space and rerun"
    return f"cannot write {name}: {exc.strerror or exc}"
