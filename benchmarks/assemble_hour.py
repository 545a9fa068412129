"""Assemble a 60-minute episode from synthetic speech-like clips (no Piper): the assembly stage alone.

Run by bench.py under a memory sampler; prints the episode's duration and the assembly wall time.
"""

from __future__ import annotations

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


def main(minutes: float = 60.0, report: str = "") -> None:
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
        start = time.perf_counter()
        episode = assemble.assemble(script, clips, keys, Path(tmp) / "hour.mp3", tags, AudioSettings())
        wall = time.perf_counter() - start
        result = (
            f"episode_s={episode.duration_ms / 1000:.0f} assembly_wall_s={wall:.1f} "
            f"mp3_mb={episode.bytes / 1e6:.1f}"
        )
        print(result)
        if report:
            Path(report).write_text(result)


if __name__ == "__main__":
    main(float(sys.argv[1]) if len(sys.argv) > 1 else 60.0, sys.argv[2] if len(sys.argv) > 2 else "")
