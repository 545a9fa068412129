"""A no-op sync of a 50,000-item feed with `limit = 2`: wall time and peak memory of the command.

    .venv/bin/python benchmarks/big_feed.py                        # this checkout
    .venv/bin/python benchmarks/big_feed.py --src /tmp/base/src    # another checkout's source

Writes the feed (about 19 MB, under the 20 MB limit) to a temporary folder, runs `post2pod sync`
once to publish the two newest posts (real synthesis), then times further runs that have nothing
to do. Peak memory is the child's maximum resident set (ru_maxrss).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

ITEMS = 50_000
CONFIG = """feed = "feed.xml"
out = "out"
state = "state"
base_url = "http://127.0.0.1:8000/"
limit = 2
[podcast]
title = "Big"
author = "A. Writer"
email = "a@example.org"
"""


def write_feed(path: Path, items: int = ITEMS) -> None:
    start = datetime(2020, 1, 1, tzinfo=UTC)
    parts = [
        '<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        "<channel><title>Big</title><link>https://blog.example/</link><description>d</description>"
    ]
    for n in range(items):
        parts.append(
            f"<item><title>Post number {n}</title><link>https://blog.example/p/{n}</link>"
            f"<guid>https://blog.example/p/{n}</guid><pubDate>{format_datetime(start + timedelta(hours=n))}"
            f"</pubDate><content:encoded><![CDATA[<p>This is post {n}. It says a few things about the "
            f"weather and the garden.</p><p>Second paragraph of post {n}, with a "
            f"<a href='https://example.org/{n}'>link</a>.</p>]]></content:encoded></item>"
        )
    parts.append("</channel></rss>")
    path.write_text("".join(parts), encoding="utf-8")


def timed_sync(folder: Path, env: dict[str, str]) -> tuple[float, float, str]:
    """(seconds, peak MB, last line of stderr) of one `post2pod sync` in `folder`, measured by a
    fresh process of its own (ru_maxrss of the children is then this sync's alone)."""
    out = subprocess.run(
        [sys.executable, "-c", MEASURE], cwd=folder, env=env, capture_output=True, text=True, check=True
    ).stdout.split(maxsplit=3)
    if out[2] != "0":
        sys.exit(f"sync failed ({out[2]}): {out[3]}")
    return float(out[0]), float(out[1]), out[3].strip()


MEASURE = """import resource, subprocess, sys, time
started = time.perf_counter()
done = subprocess.run([sys.executable, "-m", "post2pod", "sync"], capture_output=True, text=True)
took = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(took, peak, done.returncode, (done.stderr.strip().splitlines() or [""])[-1])
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--src", help="the src folder of another checkout to measure")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    env = dict(os.environ)
    if args.src:
        env["PYTHONPATH"] = args.src
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_feed(folder / "feed.xml")
        (folder / "post2pod.toml").write_text(CONFIG, encoding="utf-8")
        took, peak, line = timed_sync(folder, env)
        print(f"first sync (publishes 2): {took:.1f} s, peak {peak:.0f} MB; {line}")
        for run in range(args.runs):
            took, peak, line = timed_sync(folder, env)
            print(f"no-op sync {run + 1}: {took:.2f} s, peak {peak:.0f} MB; {line}")


if __name__ == "__main__":
    main()
