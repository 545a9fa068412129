"""Kill `sync` with SIGKILL at several moments: the published folder stays valid, a rerun finishes the job."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import feedparser
import pytest

pytestmark = pytest.mark.slow  # subprocesses, real synthesis and encoding

RUNNER = Path(__file__).parents[1] / "crash_runner.py"
EXAMPLE_FEED = Path(__file__).resolve().parents[2] / "examples" / "blog" / "feed.xml"
# a real sync: two Piper workers reading the example blog
REAL_SYNC = [sys.executable, "-m", "post2pod", "sync", "--feed", "feed.xml", "--out", "out"]
REAL_SYNC += ["--state", "state", "--base-url", "https://pod.example/", "--workers", "2"]


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
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _kill_at(process: subprocess.Popen, posts: int, advances: int) -> None:
    """SIGKILL the run once it has begun its `posts`-th episode (0: once synthesis has started) and
    `advances` of its segments ready; it must still be running then."""
    assert process.stdout is not None
    seen_posts = seen_advances = 0
    for line in process.stdout:
        event, *numbers = line.split() or [""]
        seen_posts += event == "post"
        if event == "advance" and seen_posts == posts:
            seen_advances += int(numbers[0])
        if (event == "start" and posts == 0) or (seen_posts == posts > 0 and seen_advances >= advances):
            break
    else:
        pytest.fail("the run ended before the moment to kill it")
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL


# moments: synthesis started, nothing built; inside each of the three episodes
@pytest.mark.parametrize(("posts", "advances"), [(0, 0), (1, 2), (2, 1), (3, 3)])
def test_sigkill_at_any_moment_loses_nothing(tmp_path: Path, posts: int, advances: int):
    shutil.copy(EXAMPLE_FEED, tmp_path / "feed.xml")
    _kill_at(_sync(tmp_path), posts, advances)
    before = _check_published(tmp_path / "out")
    assert len(before) <= posts  # never an episode the run had not begun

    rerun = _sync(tmp_path)
    _out, err = rerun.communicate(timeout=120)
    assert rerun.returncode == 0, err
    guids = _check_published(tmp_path / "out")
    assert sorted(guids) == sorted(set(guids)) and len(guids) == 3
    leftovers = [p.name for p in (tmp_path / "out" / "episodes").iterdir() if p.name.startswith(".")]
    assert leftovers == []
    assert len(list((tmp_path / "out" / "episodes").glob("*.mp3"))) == 3


def test_ctrl_c_stops_workers_and_encoder_cleanly(tmp_path: Path):
    """Ctrl-C (SIGINT to the whole foreground group, as a terminal sends it) in the middle of real
    synthesis: exit code 130 and one line, no process left behind, no scratch, a valid feed; the
    rerun reuses what was finished and publishes everything."""
    import os

    run, lines, reader = _start_real_sync(tmp_path)
    os.killpg(run.pid, signal.SIGINT)
    assert run.wait(60) == 130, "".join(lines)
    reader.join(10)
    assert "Traceback" not in "".join(lines)
    assert lines[-1].startswith("interrupted"), lines[-1]
    assert _group_gone(run.pid, within_s=15), "a worker or ffmpeg outlived the run"
    assert not list((tmp_path / "state").glob("post2pod-*"))
    assert not list((tmp_path / "state").glob("scratch/post2pod-*"))
    _check_published(tmp_path / "out")

    again = subprocess.run(REAL_SYNC, cwd=tmp_path, capture_output=True, text=True, timeout=600)
    assert again.returncode == 0, again.stderr
    assert "reused" in again.stderr and len(_check_published(tmp_path / "out")) == 3


def _group_gone(group: int, within_s: float) -> bool:
    """Whether every process of a process group has ended (exited workers are reaped by init)."""
    import os

    deadline = time.monotonic() + within_s
    while time.monotonic() < deadline:
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.2)
    return False


def _ctrl_c_as_in_a_terminal() -> None:
    """A foreground job gets Ctrl-C; a runner that started pytest in the background (SIGINT ignored,
    which a child inherits and Python keeps) must not make the run deaf to it."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _start_real_sync(site: Path) -> tuple[subprocess.Popen, list[str], threading.Thread]:
    """`post2pod sync` with two real Piper workers, in its own session; returns once it synthesises,
    with its stderr lines so far and the thread that keeps reading them."""
    shutil.copy(EXAMPLE_FEED, site / "feed.xml")
    run = subprocess.Popen(
        REAL_SYNC, cwd=site, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        text=True, start_new_session=True, preexec_fn=_ctrl_c_as_in_a_terminal,
    )  # fmt: skip
    lines: list[str] = []
    synthesising = threading.Event()

    def read() -> None:
        for line in run.stderr:
            lines.append(line)
            if line.startswith("publishing"):
                synthesising.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    assert synthesising.wait(120), "".join(lines)
    time.sleep(1.5)
    return run, lines, reader


def test_sigterm_stops_like_ctrl_c(tmp_path: Path):
    """SIGTERM to the run alone (as `kill` or a service manager sends it): exit 143 and one line, the
    workers and encoder gone, no scratch left, a valid feed."""
    import os

    run, lines, reader = _start_real_sync(tmp_path)
    os.kill(run.pid, signal.SIGTERM)
    assert run.wait(60) == 143, "".join(lines)
    reader.join(10)
    assert "Traceback" not in "".join(lines)
    assert lines[-1].startswith("terminated"), lines[-1]
    assert _group_gone(run.pid, within_s=15), "a worker or ffmpeg outlived the run"
    assert not list((tmp_path / "state").glob("scratch/post2pod-*"))
    _check_published(tmp_path / "out")


def test_workers_end_when_the_run_is_killed(tmp_path: Path):
    """SIGKILL of the run alone (no cleanup possible in it): its workers notice and exit by themselves."""
    import os

    run, _lines, _reader = _start_real_sync(tmp_path)
    os.kill(run.pid, signal.SIGKILL)
    run.wait(10)
    assert _group_gone(run.pid, within_s=10), "orphaned workers are still running"
