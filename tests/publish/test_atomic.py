"""Atomic writes: whole files or nothing, no rewrite when unchanged, readable permissions."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from post2pod.publish.atomic import write_atomic


def test_writes_text_and_bytes(tmp_path: Path) -> None:
    assert write_atomic(tmp_path / "a.txt", "héllo") is True
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == "héllo"
    assert write_atomic(tmp_path / "b.bin", b"\x00\x01") is True
    assert (tmp_path / "b.bin").read_bytes() == b"\x00\x01"


def test_unchanged_content_is_not_rewritten(tmp_path: Path) -> None:
    path = tmp_path / "feed.xml"
    write_atomic(path, b"same")
    os.utime(path, (1_000, 1_000))
    assert write_atomic(path, b"same") is False
    assert path.stat().st_mtime == 1_000
    assert write_atomic(path, b"same", skip_unchanged=False) is True
    assert path.stat().st_mtime != 1_000


def test_new_files_are_world_readable_and_modes_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "index.html"
    write_atomic(path, "one")
    assert path.stat().st_mode & 0o777 == 0o644
    path.chmod(0o640)
    write_atomic(path, "two")
    assert path.stat().st_mode & 0o777 == 0o640


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "feed.xml"
    write_atomic(path, "old")

    def fail(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError, match="No space"):
        write_atomic(path, "new")
    assert path.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["feed.xml"]
