"""The workspace: atomic writes (whole files or nothing, no rewrite when unchanged, readable
permissions), one temporary-name convention, and recovery that removes only what we wrote."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from post2pod.workspace import (
    Workspace,
    is_scratch,
    is_temporary,
    replacing,
    scratch_folder,
    temporary_name,
    write_atomic,
)


def test_writes_text_and_bytes(tmp_path: Path) -> None:
    assert write_atomic(tmp_path / "a.txt", "héllo") is True
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == "héllo"
    assert write_atomic(tmp_path / "b.bin", b"\x00\x01") is True
    assert (tmp_path / "b.bin").read_bytes() == b"\x00\x01"


def test_unchanged_content_is_not_rewritten(tmp_path: Path) -> None:
    path = tmp_path / "feed.xml"
    write_atomic(path, b"same")
    os.utime(path, (1_000, 1_000))
    assert write_atomic(path, b"same", skip_unchanged=True) is False
    assert path.stat().st_mtime == 1_000
    assert write_atomic(path, b"same") is True
    assert path.stat().st_mtime != 1_000


def test_new_files_are_world_readable_and_modes_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "index.html"
    write_atomic(path, "one", published=True)
    assert path.stat().st_mode & 0o777 == 0o644
    path.chmod(0o640)
    write_atomic(path, "two", published=True)
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


def test_every_temporary_name_is_recognised_and_unique(tmp_path: Path) -> None:
    target = tmp_path / "feed.xml"
    first, second = temporary_name(target), temporary_name(target)
    assert first != second and first.parent == tmp_path
    assert is_temporary(first.name) and is_temporary(first.name, of=("feed.xml",))
    assert not is_temporary(first.name, of=("index.html",))
    assert not is_temporary("feed.xml") and not is_temporary(".hidden") and not is_temporary("x.tmp")


def test_replacing_renames_on_success_and_cleans_up_on_failure(tmp_path: Path) -> None:
    target = tmp_path / "episode.mp3"
    with replacing(target) as temporary:
        temporary.write_bytes(b"audio")
        assert not target.exists()
    assert target.read_bytes() == b"audio"
    with pytest.raises(RuntimeError), replacing(target) as temporary:
        temporary.write_bytes(b"half")
        raise RuntimeError("killed")
    assert target.read_bytes() == b"audio"
    assert [p.name for p in tmp_path.iterdir()] == ["episode.mp3"]


def test_recovery_removes_scratch_folders_and_nothing_else(tmp_path: Path) -> None:
    workspace = Workspace(tmp_path / "state", tmp_path / "out")
    stale = scratch_folder(workspace.scratch)
    (stale / "part-0.pcm").write_bytes(b"x")
    old_place = scratch_folder(workspace.state)  # where older versions made them
    mine = workspace.scratch / "post2pod-notmine!"
    mine.mkdir()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    link = workspace.scratch / "post2pod-abcdefgh"
    link.symlink_to(elsewhere)
    assert is_scratch(stale) and not is_scratch(link) and not is_scratch(mine)
    workspace.remove_stale_scratch()
    assert not stale.exists() and not old_place.exists()
    assert mine.is_dir() and link.is_symlink() and elsewhere.is_dir()


def test_the_workspace_names_every_path(tmp_path: Path) -> None:
    workspace = Workspace(tmp_path / "state", tmp_path / "out")
    assert workspace.database == tmp_path / "state" / "state.sqlite"
    assert workspace.clips == tmp_path / "state" / "clips"
    assert Workspace(tmp_path, tmp_path / "out", cache=tmp_path / "c").clips == tmp_path / "c"
    assert {workspace.lock.parent, workspace.parts.parent, workspace.scratch.parent} == {workspace.state}
    assert {workspace.episodes.parent, workspace.owner.parent} == {workspace.out}
