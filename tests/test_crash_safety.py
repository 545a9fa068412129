"""Kill `sync` with SIGKILL at several moments: the published folder stays valid, a rerun finishes the job."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import feedparser
import pytest

RUNNER = Path(__file__).parent / "crash_runner.py"
EXAMPLE_FEED = Path(__file__).resolve().parents[1] / "examples" / "blog" / "feed.xml"


def _check_published(out: Path) -> list[str]:
    """The feed (if any) parses and lists only complete files; returns the guids it lists."""
    feed = out / "feed.xml"
    if not feed.exists():
        return []
    parsed = feedparser.parse(str(feed))
    assert not parsed.bozo, parsed.bozo_exception
    for entry in parsed.entries:
        enclosure = entry.enclosures[0]
        path = out / enclosure.href.removeprefix("https://pod.example/")
        assert path.is_file(), path
        assert path.stat().st_size == int(enclosure.length)
    return [entry.id for entry in parsed.entries]


def _sync(site: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, str(RUNNER), str(site / "feed.xml"), str(site / "out"), str(site / "state")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


@pytest.mark.parametrize("kill_after", [0.4, 1.2, 2.0, 3.0])
def test_sigkill_at_any_moment_loses_nothing(tmp_path: Path, kill_after: float):
    shutil.copy(EXAMPLE_FEED, tmp_path / "feed.xml")
    process = _sync(tmp_path)
    time.sleep(kill_after)
    process.send_signal(signal.SIGKILL)
    process.wait()
    _check_published(tmp_path / "out")

    rerun = _sync(tmp_path)
    _out, err = rerun.communicate(timeout=120)
    assert rerun.returncode == 0, err.decode()
    guids = _check_published(tmp_path / "out")
    assert sorted(guids) == sorted(set(guids)) and len(guids) == 3
    leftovers = [p.name for p in (tmp_path / "out" / "episodes").iterdir() if p.name.startswith(".")]
    assert leftovers == []
    assert len(list((tmp_path / "out" / "episodes").glob("*.mp3"))) == 3
