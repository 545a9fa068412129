"""Assemble a 60-minute episode from synthetic speech-like clips (no Piper): the assembly stage alone.

Run by bench.py (and music.py) under a memory sampler; prints the episode's duration and the assembly
wall time. `assemble_hour.py MINUTES REPORT music` adds intro and outro music (made here by ffmpeg:
a 20 s intro and a 3-minute song as outro, cut to `music_max_s`).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from post2pod import assemble
from post2pod.config import AudioSettings
from post2pod.models import Script, Section, Segment
from post2pod.synth import ClipCache, write_clip_file

RATE = 22050


def main(minutes: float = 60.0, report: str = "", music: bool = False) -> None:
    rng = np.random.default_rng(1)
    with tempfile.TemporaryDirectory() as tmp:
        cache = ClipCache(Path(tmp) / "clips", 10**12)
        sections, clips, keys, total = [], {}, [], 0.0
        number = 0
        while total < minutes * 60:
            segments = []
            for _ in range(40):
                seconds = float(rng.uniform(2.0, 7.0))
                t = np.arange(int(seconds * RATE)) / RATE
                audio = (
                    0.2
                    * (0.5 + 0.5 * np.sin(2 * np.pi * 4 * t) ** 2)
                    * (np.sin(2 * np.pi * 170 * t) + 0.3 * rng.standard_normal(len(t)))
                )
                key = f"{number:032x}"
                write_clip_file(cache.path(key), audio.astype(np.float32))
                clips[key] = cache.add(key, RATE)
                keys.append(key)
                segments.append(Segment(f"Sentence number {number}.", "body", number % 3 == 0))
                number += 1
                total += seconds + 0.5
            sections.append(Section(f"Part {len(sections) + 1}" if sections else None, tuple(segments)))
        script = Script("An hour", tuple(sections))
        tags = assemble.EpisodeTags("An hour", "Bench", "Bench", "2026-11-23")
        audio = _with_music(Path(tmp)) if music else AudioSettings()
        start = time.perf_counter()
        episode = assemble.assemble(script, clips, keys, Path(tmp) / "hour.mp3", tags, audio)
        wall = time.perf_counter() - start
        result = (
            f"episode_s={episode.duration_ms / 1000:.0f} assembly_wall_s={wall:.1f} "
            f"mp3_mb={episode.bytes / 1e6:.1f}"
        )
        print(result)
        if report:
            Path(report).write_text(result)


def make_song(path: Path, seconds: float) -> Path:
    """A stereo 44.1 kHz MP3 at 192 kbps: a chord with a beat, something like music to a loudness meter."""
    chord = "(0.2*sin(2*PI*220*t)+0.15*sin(2*PI*277*t)+0.1*sin(2*PI*330*t))*(0.6+0.4*sin(2*PI*2*t))"
    source = f"aevalsrc={chord}|{chord}:s=44100:d={seconds}"
    command = [assemble.ffmpeg_exe(), "-v", "error", "-f", "lavfi", "-i", source, "-b:a", "192k", str(path)]
    subprocess.run(command, check=True)
    return path


def _with_music(folder: Path) -> AudioSettings:
    intro = make_song(folder / "intro.mp3", 20)
    outro = make_song(folder / "outro.mp3", 180)
    return AudioSettings(intro_music=str(intro), outro_music=str(outro))


if __name__ == "__main__":
    main(
        float(sys.argv[1]) if len(sys.argv) > 1 else 60.0,
        sys.argv[2] if len(sys.argv) > 2 else "",
        len(sys.argv) > 3 and sys.argv[3] == "music",
    )
