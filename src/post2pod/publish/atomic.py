"""Atomic file writes: a temporary file in the same folder, fsync, then os.replace.

Readers (a web server, a podcast app) see either the old file or the new one, never half of one.
Other stages may import this module; it has no post2pod dependencies.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

DEFAULT_MODE = 0o644  # published files must be readable by the web server


def write_atomic(path: Path, data: bytes | str, *, skip_unchanged: bool = True) -> bool:
    """Write `data` to `path` atomically; return True if the file was (re)written.

    With `skip_unchanged`, a file that already holds exactly `data` is left alone (its mtime too).
    Text is written as UTF-8. Raises OSError on failure, leaving no temporary file behind.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    if skip_unchanged and _holds(path, payload):
        return False
    mode = _mode_for(path)
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp_name, mode)
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
    _fsync_dir(path.parent)
    return True


def _holds(path: Path, payload: bytes) -> bool:
    try:
        if path.stat().st_size != len(payload):
            return False
        return path.read_bytes() == payload
    except OSError:
        return False


def _mode_for(path: Path) -> int:
    """Keep an existing file's permissions; new files get rw-r--r--."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        return DEFAULT_MODE


def _fsync_dir(folder: Path) -> None:
    """Make the rename durable (best effort: not every platform can open a folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
