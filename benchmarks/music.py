"""Intro/outro music through pydub, and the streaming path it must not slow down (issue #13).

(a) the music path on a typical intro (a 20 s, 192 kbps stereo MP3) and on a 3-minute song that
    `music_max_s` cuts to 30 s: decode (our ffmpeg) and level, then pydub's cut, fades and the
    crossfade with the speech's first seconds. Wall time (median of 5) and Python memory at peak
    (tracemalloc, one more run).
(b) a 60-minute episode through `assemble_hour.py` (speech streams through ffmpeg), without and with
    intro and outro music: assembly wall time and the process tree's peak RSS.

Run by hand: `.venv/bin/python benchmarks/music.py [MINUTES]`; prints one JSON line per figure.
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
from assemble_hour import make_song
from bench import WORK, run

from post2pod.assemble import music
from post2pod.config import AudioSettings

RATE = 22050
LEVEL_LUFS = -20.0
ROUNDS = 5


def music_path(song: Path, folder: Path) -> dict:
    """Time and memory of shaping one music file and crossfading it into 10 s of speech."""
    audio = AudioSettings()
    speech = folder / "speech.pcm"
    rng = np.random.default_rng(5)
    speech.write_bytes((rng.standard_normal(10 * RATE) * 3000).astype("<i2").tobytes())
    loads, mixes = [], []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        shaped = music.load_music(str(song), True, RATE, LEVEL_LUFS, audio, folder)
        loaded = time.perf_counter()
        music.add_music(speech, folder / "mixed.pcm", shaped, None, audio.music_crossfade_ms, RATE)
        loads.append(loaded - start)
        mixes.append(time.perf_counter() - loaded)
    tracemalloc.start()
    shaped = music.load_music(str(song), True, RATE, LEVEL_LUFS, audio, folder)
    music.add_music(speech, folder / "mixed.pcm", shaped, None, audio.music_crossfade_ms, RATE)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return {
        "music_file_s": round(_seconds(song), 1),
        "kept_s": round(shaped.frame_count() / RATE, 1),
        "load_level_cut_fade_ms": round(statistics.median(loads) * 1000),
        "crossfade_into_speech_ms": round(statistics.median(mixes) * 1000, 1),
        "python_peak_mb": round(peak / 1e6, 1),
    }


def hour(minutes: float, with_music: bool) -> dict:
    """One long episode through assemble_hour.py in its own process, its peak RSS sampled."""
    WORK.mkdir(parents=True, exist_ok=True)
    report = WORK / "assemble_music.txt"
    script = Path(__file__).parent / "assemble_hour.py"
    command = [sys.executable, str(script), str(minutes), str(report), "music" if with_music else "plain"]
    wall, rss = run(command)
    figures = dict(item.split("=") for item in report.read_text().split())
    return {"music": with_music, **figures, "wall_s_incl_clips": round(wall, 1), "peak_rss_mb": round(rss)}


def _seconds(path: Path) -> float:
    from mutagen.mp3 import MP3

    return MP3(path).info.length


def main(minutes: float = 60.0) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name, seconds in (("intro", 20), ("song", 180)):
            song = make_song(folder / f"{name}.mp3", seconds)
            print(json.dumps({"bench": "music path", "file": name, **music_path(song, folder)}), flush=True)
    for with_music in (False, True):
        print(json.dumps({"bench": "episode", "minutes": minutes, **hour(minutes, with_music)}), flush=True)


if __name__ == "__main__":
    main(float(sys.argv[1]) if len(sys.argv) > 1 else 60.0)
