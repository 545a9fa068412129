"""The workspace: every path and name post2pod uses in its state and output folders, and the one way
files are written there (under a temporary name beside the target, then renamed into place).

A shared leaf like `models` and `errors`: every stage may import it; it imports none of them.
Every temporary file is named `.NAME.<unique>.tmp` beside its target and every scratch folder
`post2pod-XXXXXXXX` in `<state>/scratch`, so recovery after a kill (`is_temporary`, `is_scratch`)
removes exactly what we wrote and nothing else.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import re
import shutil
import stat
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

STATE_DB = "state.sqlite"
LOCK_FILE = "lock"
CLIPS_DIR = "clips"
CACHE_LOCK = "lock"  # in the clip cache: podcasts sharing it build one at a time
CLIP_INDEX = "index.sqlite"
PARTS_DIR = "parts"  # <state>/parts/<slug>: each episode's encoded parts, kept for the next regenerate
SCRATCH_DIR = "scratch"
EPISODES_DIR = "episodes"
FEED_FILE = "feed.xml"  # the published feed, at the top of the output folder
OWNER_FILE = ".post2pod-owner"
DEFAULT_MODE = 0o644  # published files must be readable by the web server

_SCRATCH_PREFIX = "post2pod-"
_SCRATCH_NAME = re.compile(r"^post2pod-[a-z0-9_]{8}$")  # as tempfile.mkdtemp names them
_COUNTER = itertools.count()


@dataclass(frozen=True)
class Workspace:
    """The state folder (databases, clips, parts, scratch, lock) and the published folder."""

    state: Path
    out: Path
    cache: Path | None = None  # the clip cache, when not <state>/clips

    @property
    def database(self) -> Path:
        return self.state / STATE_DB

    @property
    def lock(self) -> Path:
        return self.state / LOCK_FILE

    @property
    def clips(self) -> Path:
        return self.cache or self.state / CLIPS_DIR

    @property
    def cache_lock(self) -> Path:
        return self.clips / CACHE_LOCK

    @property
    def parts(self) -> Path:
        return self.state / PARTS_DIR

    @property
    def scratch(self) -> Path:
        return self.state / SCRATCH_DIR

    @property
    def episodes(self) -> Path:
        return self.out / EPISODES_DIR

    @property
    def owner(self) -> Path:
        return self.out / OWNER_FILE

    def remove_stale_scratch(self) -> None:
        """Scratch folders left by a killed run (the caller holds the lock: no run is using them), in
        the scratch folder or, from older versions, the state folder itself; never a symlink."""
        for parent in (self.scratch, self.state):
            if parent.is_dir():
                for folder in parent.iterdir():
                    if is_scratch(folder):
                        shutil.rmtree(folder, ignore_errors=True)


def scratch_folder(parent: Path) -> Path:
    """A new, empty scratch folder in `parent` (made if needed), named so recovery can find it."""
    parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=_SCRATCH_PREFIX, dir=parent))


def is_scratch(folder: Path) -> bool:
    """A real folder named as `scratch_folder` names them."""
    return bool(_SCRATCH_NAME.match(folder.name)) and folder.is_dir() and not folder.is_symlink()


def temporary_name(path: Path) -> Path:
    """A fresh temporary name beside `path` (unique per process and call; nothing is created)."""
    return path.with_name(f".{path.name}.{os.getpid()}-{next(_COUNTER)}.tmp")


def is_temporary(name: str, of: tuple[str, ...] = ()) -> bool:
    """`name` is one of our temporary names (of a target among `of`, when given)."""
    if not (name.startswith(".") and name.endswith(".tmp")):
        return False
    return not of or any(name.startswith(f".{target}.") for target in of)


@contextlib.contextmanager
def replacing(path: Path, *, durable: bool = True, mode: int | None = None) -> Iterator[Path]:
    """A temporary path beside `path` for the block to write (by any means: ffmpeg, PIL, open()).

    When the block ends without error the file gets `mode` (if given) and is renamed onto `path`,
    the rename made durable unless `durable` is False; otherwise it is removed.
    """
    temporary = temporary_name(path)
    try:
        yield temporary
        if mode is not None:
            os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise
    if durable:
        _fsync_dir(path.parent)


def write_atomic(
    path: Path,
    data: bytes | str,
    *,
    skip_unchanged: bool = False,
    durable: bool = True,
    published: bool = False,
) -> bool:
    """Write `data` (text as UTF-8) to `path` atomically; True if the file was (re)written.

    Readers (a web server, a podcast app) see the old file or the new one, never half of one.
    `skip_unchanged` leaves a file that already holds exactly `data` alone (its mtime too); `durable`
    syncs the data and the rename to disk; `published` keeps an existing file's permissions (new files
    get rw-r--r--). Raises OSError on failure, leaving no temporary file behind.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    if skip_unchanged and _holds(path, payload):
        return False
    mode = _mode_for(path) if published else None
    with replacing(path, durable=durable, mode=mode) as temporary, temporary.open("wb") as handle:
        handle.write(payload)
        if durable:
            handle.flush()
            os.fsync(handle.fileno())
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
    """Make a rename durable (best effort: not every platform can open a folder)."""
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


def file_problem(path: Path) -> str | None:
    """Why a file the user named cannot be read as one ("does not exist", "is a folder", "is a pipe
    or device…"), or None for a regular file. A pipe would block the run with the lock held."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return "does not exist"
    except OSError as exc:
        return f"cannot be read ({exc.strerror or exc})"
    if stat.S_ISDIR(mode):
        return "is a folder, not a file"
    if not stat.S_ISREG(mode):
        return "is a pipe or device, not a regular file"
    return None
