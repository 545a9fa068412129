"""A cold build against the synthesis floor, with where post2pod's wall time goes (issue 25).

    .venv/bin/python benchmarks/floor.py [--words 2200] [--rounds 2]

1. The floor: every segment of the post synthesised once, one onnxruntime thread, one process (the
   voice loaded once, its load not counted): its CPU time divided by the cores is the least wall
   time any tool can take on this machine for this synthesis.
2. The same synthesis dealt over one bare process per core, all at once: two processes share the
   caches and memory, so even a perfect split takes longer than the floor (the split floor).
3. post2pod's cold build of the same post (`sync`, fresh state and cache, default workers), run in
   this process with a Progress that stamps the stages, after the imports (timed on their own).
   `--rounds` builds, each between two floors: a shared machine drifts by a few per cent over
   minutes, so each build is held against the mean of the floors measured just before and after.
   Nothing samples memory in these: one more build, sampled, gives the peak memory.

Prints one JSON line: the floors and builds of every round and their ratios, then for the median
round the floor, the cold wall, their ratio, the build's CPU time over the cores against the floor
(the ratio no schedule of the same work could beat), the peak memory of the sampled build (this
process, its workers and any ffmpeg, summed as they run), the voice loads, and the breakdown:
  imports      `import post2pod.pipeline` in a fresh interpreter
  plan         from the call to the first progress event: fetch, narrate, plan, record (the
               workers start and load the voice meanwhile)
  first_clip   from the pool's start to the first clip ready
  synthesis    first clip to last clip ready (encoding of finished parts overlaps it)
  tail         last clip to the end: the last parts' encoding, loudness, MP3, feed and pages
and where the CPU went: this process (narration, assembly, publishing), each kind of ffmpeg run
(encoding the parts, measuring loudness) and the workers (the rest).

`--podcasts N` instead syncs N podcasts of one config (a shorter post each) twice, alternating: with
their workers shared (one pool for the run) and with a pool per podcast (how the base ran them),
and prints both walls and voice loads.
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace

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


def split_floor(texts: list[str], cores: int) -> dict:
    """The same synthesis dealt over `cores` bare processes running at once (each as the floor's):
    the wall no tool can beat once two processes share this machine's caches and memory."""
    environment = {**os.environ, "OMP_NUM_THREADS": "1"}
    started = [
        subprocess.Popen(
            [sys.executable, "-c", FLOOR],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=environment,
        )
        for _ in range(cores)
    ]
    for number, process in enumerate(started):
        assert process.stdin is not None
        process.stdin.write(json.dumps(texts[number::cores]))
        process.stdin.close()
    results = []
    for process in started:
        assert process.stdout is not None
        results.append(json.loads(process.stdout.read()))
        process.wait()
    return {"cpu_s": sum(r["cpu_s"] for r in results), "wall_s": max(r["wall_s"] for r in results)}


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


class FfmpegCpu:
    """The CPU time of every ffmpeg run, by kind, read from each one's own rusage (`os.wait4`)."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self.runs: dict[str, int] = defaultdict(int)
        self._lock = threading.Lock()
        self._real_run = subprocess.run

    def __enter__(self) -> FfmpegCpu:
        subprocess.run = self._run  # type: ignore[assignment]
        return self

    def __exit__(self, *exc: object) -> None:
        subprocess.run = self._real_run  # type: ignore[assignment]

    def _run(self, command, *args, **kwargs):  # subprocess.run's signature
        if not (isinstance(command, list) and "ffmpeg" in Path(str(command[0])).name):
            return self._real_run(command, *args, **kwargs)
        kind = "encode" if "libmp3lame" in command else "measure" if "null" in command else "other"
        child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        out: list[bytes] = []
        err: list[bytes] = []
        readers = [
            threading.Thread(target=lambda: out.append(child.stdout.read())),
            threading.Thread(target=lambda: err.append(child.stderr.read())),
        ]
        for reader in readers:
            reader.start()
        for reader in readers:
            reader.join()
        _pid, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        with self._lock:
            self.seconds[kind] += usage.ru_utime + usage.ru_stime
            self.runs[kind] += 1
        if kwargs.get("text"):
            return subprocess.CompletedProcess(
                command, child.returncode, out[0].decode(errors="replace"), err[0].decode(errors="replace")
            )
        return subprocess.CompletedProcess(command, child.returncode, out[0], err[0])


class PeakMemory:
    """The largest memory of this process and its descendants together: the sum of their resident
    sizes (sampled every 100 ms from /proc/PID/statm, which is cheap) and, read again at each new
    peak of that sum, of their proportional set sizes (PSS: a page shared by several processes, like
    a library, counted once in all; /proc/PID/smaps_rollup costs milliseconds a read, so only then).
    `cpu_s` is the sampler's own CPU time, for the caller to leave out. Linux only; None elsewhere."""

    def __init__(self) -> None:
        self.pss = self.rss = 0
        self.cpu_s = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._page_kb = os.sysconf("SC_PAGE_SIZE") // 1024

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _sample(self) -> None:
        while not self._stop.wait(0.1):
            pids = self._tree(os.getpid())
            rss = sum(self._rss(pid) for pid in pids)
            if rss > self.rss:
                self.rss = rss
                self.pss = max(self.pss, sum(self._pss(pid) for pid in pids))
        self.cpu_s = time.thread_time()

    def _tree(self, pid: int) -> list[int]:
        try:
            children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        except OSError:
            return [pid]
        return [pid, *(p for child in children for p in self._tree(int(child)))]

    def _rss(self, pid: int) -> int:
        try:
            return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * self._page_kb
        except (OSError, IndexError, ValueError):
            return 0

    @staticmethod
    def _pss(pid: int) -> int:
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    return int(line.split()[1])
        except (OSError, ValueError, IndexError):
            pass
        return 0

    @property
    def mb(self) -> dict[str, int] | None:
        return {"pss": round(self.pss / 1024), "rss": round(self.rss / 1024)} if self.pss else None


def _cpu_seconds() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _stop_forkserver() -> None:
    """End the forkserver a build started (Linux): the next build starts its own, as a user's next run
    would, and the CPU of the workers it forked (and reaped) is counted here once it has ended."""
    from multiprocessing import forkserver

    stop = getattr(forkserver._forkserver, "_stop", None)  # private, but a benchmark may look inside
    if stop is not None:
        stop()


def _pool():  # None where the checkout predates it (a base measured side by side)
    from post2pod import synth

    return synth.WorkerPool() if hasattr(synth, "WorkerPool") else None


def cold_build(html: str, folder: Path, memory: bool = False) -> dict:
    """One cold build of `html` in `folder`; with `memory`, its peak memory sampled as it runs."""
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
    pool = _pool()
    options = pipeline.Options(progress=stamps, **({"pool": pool} if pool else {}))
    own_before = resource.getrusage(resource.RUSAGE_SELF)
    cpu_before = _cpu_seconds()
    called = time.perf_counter()
    # a timed build runs with nothing sampling: the sampler's CPU competed with the workers (0.3-1 s
    # of it per build), which a user's run never pays
    unmeasured = contextlib.nullcontext(SimpleNamespace(cpu_s=0.0, mb=None))
    with PeakMemory() if memory else unmeasured as memory, FfmpegCpu() as ffmpeg:
        report = pipeline.sync(config, options)
        ended = time.perf_counter()
        if pool:
            pool.close()
        _stop_forkserver()
    cpu = _cpu_seconds() - cpu_before - memory.cpu_s  # this process and its reaped children
    own_after = resource.getrusage(resource.RUSAGE_SELF)
    own = own_after.ru_utime - own_before.ru_utime + own_after.ru_stime - own_before.ru_stime - memory.cpu_s
    assert report.new, report
    times = stamps.times
    return {
        "peak_memory_mb": memory.mb,
        "this_process_peak_rss_mb": round(own_after.ru_maxrss / 1024),
        "voice_loads": pool.voice_loads if pool else None,
        "cpu_split_s": {
            "this_process": round(own, 2),
            **{f"ffmpeg_{kind}": round(seconds, 2) for kind, seconds in ffmpeg.seconds.items()},
            "workers": round(cpu - own - sum(ffmpeg.seconds.values()), 2),
        },
        "cpu_s": cpu,
        "wall_s": ended - called,
        "plan_s": times["start"] - called,
        "first_clip_s": times["first_clip"] - times["start"],
        "synthesis_s": times["last_clip"] - times["first_clip"],
        "tail_s": ended - times["last_clip"],
    }


def podcasts(count: int, words: int, rounds: int) -> dict:
    """`count` podcasts of one config synced cold, with one shared pool and with a pool each."""
    from post2pod import pipeline
    from post2pod.config import load_podcasts

    walls: dict[str, list[float]] = {"shared": [], "pool_each": []}
    loads: dict[str, int] = {}
    for _round in range(rounds):
        for mode in walls:
            with tempfile.TemporaryDirectory() as tmp:
                folder = Path(tmp)
                text = ""
                for number in range(count):
                    html, _text = long_post(words, seed=40 + number)
                    (folder / f"blog{number}.xml").write_text(
                        feed_xml([(f"post-{number}", f"Post {number}", html)]), encoding="utf-8"
                    )
                    text += f'[[podcasts]]\nname = "p{number}"\nfeed = "blog{number}.xml"\n'
                (folder / "post2pod.toml").write_text(text, encoding="utf-8")
                configs = load_podcasts(folder / "post2pod.toml")
                started = time.perf_counter()
                if mode == "shared":
                    with _pool() as pool:
                        for config in configs:
                            assert pipeline.sync(config, pipeline.Options(pool=pool)).new
                    loads[mode] = pool.voice_loads
                else:
                    pools = [_pool() for _config in configs]
                    for config, own in zip(configs, pools, strict=True):
                        with own:
                            assert pipeline.sync(config, pipeline.Options(pool=own)).new
                    loads[mode] = sum(own.voice_loads for own in pools)
                walls[mode].append(time.perf_counter() - started)
                _stop_forkserver()
    return {
        "podcasts": count,
        "words_each": words,
        **{f"{mode}_wall_s": round(min(times), 1) for mode, times in walls.items()},
        **{f"{mode}_voice_loads": number for mode, number in loads.items()},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=2200)
    parser.add_argument("--podcasts", type=int, default=0, help="sync this many podcasts instead")
    parser.add_argument("--rounds", type=int, default=2, help="cold builds (or rounds of --podcasts)")
    args = parser.parse_args()
    if args.podcasts:
        print(json.dumps(podcasts(args.podcasts, min(args.words, 300), args.rounds)))
        return
    html, _text = long_post(args.words, seed=25)
    print(json.dumps(cold_against_floor(html, args.rounds)))


def cold_against_floor(html: str, rounds: int) -> dict:
    """`rounds` cold builds, each between two measurements of the floor (this machine drifts by a
    few per cent over minutes: each build is held against the mean of the floors either side), the
    split floor once, and one more build, sampled, for its peak memory."""
    texts = segments_of(html)
    cores = os.cpu_count() or 1
    floors = [floor(texts)]
    split = split_floor(texts, cores)
    builds = []
    for _round in range(rounds):
        with tempfile.TemporaryDirectory() as tmp:
            builds.append(cold_build(html, Path(tmp)))
        floors.append(floor(texts))
    with tempfile.TemporaryDirectory() as tmp:
        sampled = cold_build(html, Path(tmp), memory=True)
    imports = import_seconds()
    floor_walls = [measured["cpu_s"] / cores for measured in floors]
    arounds = [(before + after) / 2 for before, after in itertools.pairwise(floor_walls)]
    ratios = [(build["wall_s"] + imports) / around for build, around in zip(builds, arounds, strict=True)]
    middle = sorted(range(rounds), key=lambda number: ratios[number])[rounds // 2]
    build, floor_wall = builds[middle], arounds[middle]  # the median round, for the breakdown
    wall = build["wall_s"] + imports
    return {
        "segments": len(texts),
        "audio_s": round(floors[0]["audio_s"], 1),
        "cores": cores,
        "rounds": rounds,
        "floor_walls_s": [round(value, 2) for value in floor_walls],
        "cold_walls_s": [round(b["wall_s"] + imports, 2) for b in builds],
        "cold_over_floor_each": [round(ratio, 3) for ratio in ratios],
        # the median round from here on
        "cold_over_floor": round(ratios[middle], 3),
        "floor_wall_s": round(floor_wall, 1),
        "floor_cpu_s": round(floor_wall * cores, 1),
        "one_thread_wall_s": round(floors[middle]["wall_s"], 1),
        # the floor's work dealt over `cores` bare processes at once: what sharing the machine costs
        "split_floor_wall_s": round(split["wall_s"], 1),
        "split_floor_cpu_s": round(split["cpu_s"], 1),
        "split_floor_over_floor": round(split["wall_s"] / floor_walls[0], 3),
        "cold_over_split_floor": round(wall / split["wall_s"], 3),
        "cold_wall_s": round(wall, 1),
        # all the CPU the build used, spread perfectly over the cores: no schedule can beat it
        "build_cpu_s": round(build["cpu_s"], 1),
        "cpu_bound_over_floor": round(build["cpu_s"] / cores / floor_wall, 3),
        "peak_memory_mb": sampled["peak_memory_mb"],  # of the sampled build
        "this_process_peak_rss_mb": build["this_process_peak_rss_mb"],
        "voice_loads": build["voice_loads"],
        "cpu_split_s": build["cpu_split_s"],
        "breakdown_s": {
            "imports": round(imports, 2),
            **{k: round(v, 2) for k, v in build.items() if isinstance(v, float) and k != "cpu_s"},
        },
    }


if __name__ == "__main__":
    main()
