"""A cold build against the synthesis floor, with where post2pod's wall time goes (issue 25).

    .venv/bin/python benchmarks/floor.py [--words 2200]

1. The floor: every segment of the post synthesised once, one onnxruntime thread, one process (the
   voice loaded once, its load not counted): its CPU time divided by the cores is the least wall
   time any tool can take on this machine for this synthesis.
2. post2pod's cold build of the same post (`sync`, fresh state and cache, default workers), run in
   this process with a Progress that stamps the stages, after the imports (timed on their own).

Prints one JSON line: the floor, the cold wall, their ratio, the build's CPU time over the cores
against the floor (the ratio no schedule of the same work could beat), and the breakdown:
  imports      `import post2pod.pipeline` in a fresh interpreter
  plan         from the call to the first progress event: fetch, narrate, plan, record
  first_clip   from the pool's start to the first clip ready (workers start, voice loads)
  synthesis    first clip to last clip ready (encoding of finished parts overlaps it)
  tail         last clip to the end: the last parts' encoding, loudness, MP3, feed and pages
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from longpost import feed_xml, long_post

FLOOR = """
import json, sys, time, resource
from post2pod.synth import PiperEngine, SynthSettings, bundled_voice
texts = json.load(sys.stdin)
engine, voice, settings = PiperEngine(threads=1), bundled_voice(), SynthSettings()
engine.synthesize("Warming up the voice.", voice, settings)
start = resource.getrusage(resource.RUSAGE_SELF)
wall = time.perf_counter()
samples = 0
for text in texts:
    audio, rate = engine.synthesize(text, voice, settings)
    samples += len(audio)
end = resource.getrusage(resource.RUSAGE_SELF)
cpu = (end.ru_utime - start.ru_utime) + (end.ru_stime - start.ru_stime)
print(json.dumps({"cpu_s": cpu, "wall_s": time.perf_counter() - wall, "audio_s": samples / rate}))
"""


def segments_of(html: str) -> list[str]:
    from post2pod.config import NarrationSettings
    from post2pod.models import Post
    from post2pod.narrate import narrate

    post = Post(
        guid="g", url="https://bench.example/p", title="A long post", published=datetime.now(UTC), html=html
    )
    return [segment.text for segment in narrate(post, NarrationSettings()).segments]


def floor(texts: list[str]) -> dict:
    environment = {**os.environ, "OMP_NUM_THREADS": "1"}
    done = subprocess.run(
        [sys.executable, "-c", FLOOR],
        input=json.dumps(texts),
        capture_output=True,
        text=True,
        check=True,
        env=environment,
    )
    return json.loads(done.stdout)


def import_seconds() -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import post2pod.pipeline"], check=True)
    started_bare = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    bare = time.perf_counter() - started_bare
    return started_bare - started - bare


class Stamps:
    """A pipeline.Progress that notes when each stage began."""

    def __init__(self) -> None:
        self.times: dict[str, float] = {}
        self.clips = 0
        self.total = 0

    def start(self, posts: int, segments: int) -> None:  # noqa: ARG002 (the Progress interface)
        self.times["start"] = time.perf_counter()
        self.total = segments

    def post(self, title: str, segments: int) -> None:
        pass

    def advance(self, segments: int = 1) -> None:
        if segments and "first_clip" not in self.times:
            self.times["first_clip"] = time.perf_counter()
        self.clips += segments
        if self.clips >= self.total:
            self.times.setdefault("last_clip", time.perf_counter())

    def finish(self) -> None:
        pass


def _cpu_seconds() -> float:
    import resource

    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def cold_build(html: str, folder: Path) -> dict:
    from post2pod import pipeline
    from post2pod.config import load_config

    (folder / "feed.xml").write_text(feed_xml([("long-post", "A long post", html)]), encoding="utf-8")
    config = load_config(
        None,
        {
            "feed": str(folder / "feed.xml"),
            "out": folder / "out",
            "state": folder / "state",
            "base_url": "https://bench.example/pod/",
        },
        cwd=folder,
    )
    stamps = Stamps()
    cpu_before = _cpu_seconds()
    called = time.perf_counter()
    report = pipeline.sync(config, pipeline.Options(progress=stamps))
    ended = time.perf_counter()
    cpu = _cpu_seconds() - cpu_before  # this process and its reaped children: workers, ffmpeg
    assert report.new, report
    times = stamps.times
    return {
        "cpu_s": cpu,
        "wall_s": ended - called,
        "plan_s": times["start"] - called,
        "first_clip_s": times["first_clip"] - times["start"],
        "synthesis_s": times["last_clip"] - times["first_clip"],
        "tail_s": ended - times["last_clip"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=2200)
    args = parser.parse_args()
    html, _text = long_post(args.words, seed=25)
    texts = segments_of(html)
    cores = os.cpu_count() or 1
    measured = floor(texts)
    with tempfile.TemporaryDirectory() as tmp:
        build = cold_build(html, Path(tmp))
    imports = import_seconds()
    floor_wall = measured["cpu_s"] / cores
    wall = build["wall_s"] + imports
    print(
        json.dumps(
            {
                "segments": len(texts),
                "audio_s": round(measured["audio_s"], 1),
                "cores": cores,
                "floor_cpu_s": round(measured["cpu_s"], 1),
                "floor_wall_s": round(floor_wall, 1),
                "one_thread_wall_s": round(measured["wall_s"], 1),
                "cold_wall_s": round(wall, 1),
                "cold_over_floor": round(wall / floor_wall, 3),
                # all the CPU the build used, spread perfectly over the cores: no schedule can beat it
                "build_cpu_s": round(build["cpu_s"], 1),
                "cpu_bound_over_floor": round(build["cpu_s"] / cores / floor_wall, 3),
                "breakdown_s": {
                    "imports": round(imports, 2),
                    **{k: round(v, 2) for k, v in build.items() if k != "cpu_s"},
                },
            }
        )
    )


if __name__ == "__main__":
    main()
