"""A sync reads a blog aloud and tells no one: onnxruntime's usage telemetry (a device id, an event
database, lookups of Microsoft's collector) stays off in the run and in every worker it starts."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

FEED = Path(__file__).parents[1] / "fixtures" / "cli" / "tiny-feed.xml"
# what makes onnxruntime keep quiet on its own (a CI machine), and our opt-out: not in a user's shell
QUIETING = ("CI", "TF_BUILD", "ORT_RUNNING_UNIT_TESTS", "ORT_DISABLE_TELEMETRY")
SYNC = [
    "sync",
    "--feed",
    "feed.xml",
    "--out",
    "out",
    "--state",
    "state",
    "--base-url",
    "https://pod.example/",
]


def test_a_sync_and_its_workers_leave_no_telemetry(tmp_path: Path):
    shutil.copy(FEED, tmp_path / "feed.xml")
    shell = {key: value for key, value in os.environ.items() if key not in QUIETING}
    cache = tmp_path / "cache"
    done = subprocess.run(
        [sys.executable, "-m", "post2pod", *SYNC, "--workers", "2"],
        cwd=tmp_path,
        env={**shell, "XDG_CACHE_HOME": str(cache)},
        capture_output=True,
        text=True,
        timeout=300,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 0, done.stderr
    assert "published" in done.stdout + done.stderr
    assert not (cache / "Microsoft").exists(), sorted(str(p) for p in cache.rglob("*"))
