"""Check a published folder as a podcast app and a podcaster would.

Usage: `python benchmarks/check_episodes.py OUT [OUT...]`.

For every item of OUT/feed.xml (parsed with gPodder's podcastparser): the enclosure exists with its
exact length, the MP3's duration matches itunes:duration (±2%), loudness (dual-mono) and true peak,
words per minute of the transcript, and the chapter count.
"""

from __future__ import annotations

import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import podcastparser
from mutagen.id3 import ID3
from mutagen.mp3 import MP3

from post2pod.assemble import measure


def check(out: Path) -> bool:
    with (out / "feed.xml").open("rb") as stream:
        feed = podcastparser.parse("feed.xml", stream)
    ok = True
    print(f"{feed['title']}: {len(feed['episodes'])} episodes")
    for episode in feed["episodes"]:
        enclosure = episode["enclosures"][0]
        path = out / "episodes" / unquote(urlsplit(enclosure["url"]).path.rsplit("/", 1)[-1])
        size_ok = path.is_file() and path.stat().st_size == enclosure["file_size"]
        length = MP3(path).info.length
        duration_ok = abs(length - episode["total_time"]) <= max(1.0, 0.02 * length)
        loudness = measure(path)
        loud_ok = abs(loudness.integrated_lufs + 16) <= 1 and loudness.true_peak_db <= -1
        vtt = path.with_suffix(".vtt").read_text(encoding="utf-8")
        words = sum(
            len(line.split())
            for line in vtt.splitlines()[2:]
            if line and "-->" not in line and not line.isdigit()
        )
        wpm = words / (length / 60)
        chapters = len(ID3(path).getall("CHAP"))
        good = size_ok and duration_ok and loud_ok and 110 <= wpm <= 220
        ok &= good
        print(
            f"{'ok ' if good else 'BAD'} {episode['title'][:50]:50} {length:7.1f}s "
            f"(feed {episode['total_time']}s) "
            f"{loudness.integrated_lufs:6.1f} LUFS {loudness.true_peak_db:5.1f} dBTP {wpm:4.0f} wpm "
            f"{chapters} chapters size {'ok' if size_ok else 'WRONG'}"
        )
    return ok


if __name__ == "__main__":
    sys.exit(0 if all(check(Path(arg)) for arg in sys.argv[1:]) else 1)
