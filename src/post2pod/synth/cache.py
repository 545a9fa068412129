"""The clip cache: content-addressed 16-bit mono PCM files with an SQLite index for
least-recently-used eviction."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable
from pathlib import Path

import numpy as np

from post2pod.errors import SynthError
from post2pod.models import Clip
from post2pod.synth.engine import to_pcm16
from post2pod.workspace import CLIP_INDEX, is_temporary, write_atomic

CLIP_SUFFIX = ".pcm"


class ClipCache:
    """Content-addressed clips on disk with an SQLite index for least-recently-used eviction."""

    def __init__(self, folder: Path, max_bytes: int) -> None:
        self.folder = folder
        self.max_bytes = max_bytes
        try:
            folder.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(folder / CLIP_INDEX, timeout=30)
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS clips (key TEXT PRIMARY KEY, bytes INTEGER NOT NULL,"
                " sample_rate INTEGER NOT NULL, last_used REAL NOT NULL)"
            )
            self._db.commit()
        except (OSError, sqlite3.Error) as exc:
            raise SynthError(
                f"cannot open the clip cache in {folder}: {exc}; check the folder or delete it"
            ) from None

    def path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}{CLIP_SUFFIX}"

    def get(self, key: str) -> Clip | None:
        row = self._db.execute("SELECT bytes, sample_rate FROM clips WHERE key = ?", (key,)).fetchone()
        path = self.path(key)
        if row is None or not path.is_file() or path.stat().st_size != row[0]:
            return None
        self._db.execute("UPDATE clips SET last_used = ? WHERE key = ?", (time.time(), key))
        return Clip(key, path, row[1], row[0] // 2)

    def add(self, key: str, sample_rate: int) -> Clip:
        """Index a clip file a worker has just written."""
        path = self.path(key)
        size = path.stat().st_size
        self._db.execute(
            "INSERT OR REPLACE INTO clips (key, bytes, sample_rate, last_used) VALUES (?, ?, ?, ?)",
            (key, size, sample_rate, time.time()),
        )
        return Clip(key, path, sample_rate, size // 2)

    def commit(self) -> None:
        self._db.commit()

    def total_bytes(self) -> int:
        return int(self._db.execute("SELECT COALESCE(SUM(bytes), 0) FROM clips").fetchone()[0])

    def prune(self, max_bytes: int | None = None, keep: Iterable[str] = ()) -> int:
        """Evict least-recently-used clips until the cache fits; returns the number removed."""
        limit = self.max_bytes if max_bytes is None else max_bytes
        protected = set(keep)
        total = self.total_bytes()
        removed = 0
        for key, size in self._db.execute("SELECT key, bytes FROM clips ORDER BY last_used").fetchall():
            if total <= limit:
                break
            if key in protected:
                continue
            self.path(key).unlink(missing_ok=True)
            self._db.execute("DELETE FROM clips WHERE key = ?", (key,))
            total -= size
            removed += 1
        removed += self._remove_unindexed()
        self._db.commit()
        return removed

    def _remove_unindexed(self) -> int:
        """Delete stray clip and temporary files (a killed run) that the index does not know."""
        known = {row[0] for row in self._db.execute("SELECT key FROM clips")}
        removed = 0
        for path in self.folder.glob(f"*/*{CLIP_SUFFIX}*"):
            if is_temporary(path.name) or path.name.removesuffix(CLIP_SUFFIX) not in known:
                path.unlink(missing_ok=True)
                removed += 1
        return removed

    def clear(self) -> int:
        count = int(self._db.execute("SELECT COUNT(*) FROM clips").fetchone()[0])
        self._db.execute("DELETE FROM clips")
        self._db.commit()
        self._remove_unindexed()
        return count

    def close(self) -> None:
        self._db.commit()
        self._db.close()


def write_clip_file(path: Path, audio: np.ndarray) -> int:
    """Write a clip atomically; returns its number of samples."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = to_pcm16(audio)
    write_atomic(
        path, data, durable=False
    )  # `ClipCache.get` checks the size: a clip a power cut emptied is redone
    return len(data) // 2
