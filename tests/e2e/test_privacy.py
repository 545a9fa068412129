"""A sync reads a blog aloud and tells no one: onnxruntime's usage telemetry (a device id, an event
database, lookups of Microsoft's collector) stays off in the run and in every worker it starts."""

from __future__ import annotations

import shutil
from pathlib import Path

from cli_helpers import run_cli, user_environment

FEED = Path(__file__).parents[1] / "fixtures" / "cli" / "tiny-feed.xml"
SYNC = ["sync", "--feed", "feed.xml", "--out", "out", "--state", "state", "--workers", "2"]


def test_a_sync_and_its_workers_leave_no_telemetry(tmp_path: Path):
    shutil.copy(FEED, tmp_path / "feed.xml")
    cache = tmp_path / "cache"
    done = run_cli(*SYNC, "--base-url", "https://pod.example/", cwd=tmp_path, env=user_environment(cache))
    assert done.returncode == 0, done.stderr
    assert "published" in done.stdout + done.stderr
    assert not (cache / "Microsoft").exists(), sorted(str(p) for p in cache.rglob("*"))
