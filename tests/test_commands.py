"""`inspect` and `cache prune|clear` on a published folder, through typer's CliRunner (in process:
these commands need no subprocess)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from cli_helpers import assert_one_line_error, invoke_cli
from post2pod.config import load_config


@pytest.fixture
def site(example_published: Path, tmp_path: Path) -> Path:
    """A copy of the example blog published with the fake synthesiser; its clips are in the cache."""
    shutil.copytree(example_published, tmp_path, symlinks=True, dirs_exist_ok=True)
    (tmp_path / "post2pod.toml").write_text(
        'out = "out"\nstate = "state"\nbase_url = "https://pod.example/"\n', encoding="utf-8"
    )
    return tmp_path


def _invoke(site: Path, *args: str):
    return invoke_cli(*args, "--config", str(site / "post2pod.toml"), cwd=site)


def test_inspect_reports_a_published_episode(site: Path):
    mp3 = sorted((site / "out" / "episodes").glob("*.mp3"))[0]
    slug = re.sub(r"-v\d+$", "", mp3.stem)
    result = _invoke(site, "inspect", slug)
    assert result.returncode == 0, result.stderr
    assert f"file:       {mp3}" in result.stdout
    assert re.search(r"loudness:   -1[5-7]\.\d LUFS", result.stdout)
    assert re.search(r"audio:      64 kbps CBR, 44100 Hz, 1 channel", result.stdout)
    assert re.search(r"transcript: [1-9]\d* cues", result.stdout)
    assert re.search(r"chapters:   [1-9]", result.stdout)


def test_inspect_of_an_unknown_post_is_one_line_and_exit_2(site: Path):
    result = _invoke(site, "inspect", "no-such-post")
    assert_one_line_error(result, 2, "neither an MP3 file nor a published post")


@pytest.mark.parametrize("kept", [200, 3000], ids=["header-only", "cut-in-the-tags"])
def test_inspect_of_a_truncated_mp3_says_so_in_one_line(site: Path, kept: int):
    mp3 = sorted((site / "out" / "episodes").glob("*.mp3"))[0]
    cut = site / "cut.mp3"
    cut.write_bytes(mp3.read_bytes()[:kept])
    result = _invoke(site, "inspect", str(cut))
    assert_one_line_error(result, 2, "not a readable MP3 file", "cut short or damaged")
    assert "rerun with -v" not in result.stderr  # inspect has no -v


def test_inspect_prints_no_terminal_escapes_from_chapter_titles(site: Path):
    from mutagen.id3 import CHAP, ID3, TIT2

    mp3 = sorted((site / "out" / "episodes").glob("*.mp3"))[0]
    tags = ID3(mp3)
    tags.add(
        CHAP(element_id="evil", start_time=0, end_time=1000, sub_frames=[TIT2(text=["\x1b[2JOwned\x07"])])
    )
    tags.save(mp3)
    result = _invoke(site, "inspect", str(mp3))
    assert result.returncode == 0, result.stderr
    assert "Owned" in result.stdout and "\x1b" not in result.stdout and "\x07" not in result.stdout


def test_cache_prune_keeps_what_fits_and_clear_empties_it(site: Path):
    clips = load_config(cwd=site).workspace.clips
    before = sorted(clips.glob("*/*.pcm"))
    assert before
    pruned = _invoke(site, "cache", "prune")
    assert pruned.returncode == 0, pruned.stderr
    held = re.search(r"removed 0 clips; the cache holds (\d+\.\d) MB", pruned.stdout)
    assert held and float(held.group(1)) > 0
    assert sorted(clips.glob("*/*.pcm")) == before

    cleared = _invoke(site, "cache", "clear")
    assert cleared.returncode == 0, cleared.stderr
    assert f"removed {len(before)} clips" in cleared.stdout
    assert list(clips.glob("*/*.pcm")) == []
    again = _invoke(site, "cache", "clear")
    assert "removed 0 clips" in again.stdout
