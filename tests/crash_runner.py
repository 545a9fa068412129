"""Run `pipeline.sync` with the fake synthesiser (slowed down) so a test can kill it mid-run.

Prints one line per progress event on stdout ("start …", "post …", "advance …"), so the test kills it at a
known moment of the run rather than after a guessed time.

Usage: python tests/crash_runner.py FEED OUT STATE
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from fakes import FakeEngine
from post2pod import pipeline
from post2pod.config import load_config


class Events(pipeline.Progress):
    def start(self, posts: int, segments: int) -> None:
        print("start", posts, segments, flush=True)

    def post(self, title: str, segments: int) -> None:
        print("post", segments, title, flush=True)

    def advance(self, segments: int = 1) -> None:
        print("advance", segments, flush=True)


def main() -> None:
    feed, out, state = sys.argv[1:4]
    config = load_config(
        None, {"feed": feed, "out": Path(out), "state": Path(state), "base_url": "https://pod.example/"}
    )
    report = pipeline.sync(config, pipeline.Options(engine=FakeEngine(delay_s=0.05), progress=Events()))
    sys.exit(0 if report.ok else 1)


if __name__ == "__main__":
    main()
