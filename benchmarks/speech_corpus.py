"""Narrate every post of every corpus feed: dump the spoken segments, diff two dumps, time narration.

    .venv/bin/python benchmarks/speech_corpus.py dump OUT.jsonl [--corpus ../shared/corpus]
    .venv/bin/python benchmarks/speech_corpus.py diff BEFORE.jsonl AFTER.jsonl   # changed segments per feed
    .venv/bin/python benchmarks/speech_corpus.py time [--rounds 7]          # narrate() on the longest post

Works with any checkout's `post2pod` (run it with that checkout's Python to compare before and after):
the dump is one JSON line per post with its feed, guid and segments.
"""

from __future__ import annotations

import argparse
import difflib
import json
import statistics
import time
from collections import Counter
from pathlib import Path

from post2pod import fetch
from post2pod.config import NarrationSettings
from post2pod.errors import Post2PodError
from post2pod.narrate import narrate

ROOT = Path(__file__).resolve().parents[1]
SETTINGS = NarrationSettings()


def _posts(corpus: Path):
    for feed in sorted(corpus.glob("*.xml")):
        for post in fetch.fetch_feed(str(feed)).posts:
            yield feed.name, post


def dump(corpus: Path, out: Path) -> None:
    """One JSON line per post: feed, guid, spoken segments (or the narration error)."""
    with out.open("w", encoding="utf-8") as handle:
        for feed, post in _posts(corpus):
            try:
                script = narrate(post, SETTINGS)
                segments = [seg.text for section in script.sections for seg in section.segments]
            except Post2PodError as error:
                segments = [f"<error: {error}>"]
            handle.write(json.dumps({"feed": feed, "guid": post.guid, "segments": segments}) + "\n")


def diff(before: Path, after: Path) -> None:
    """Print every changed segment and the count of changed segments per feed."""
    old = {(r["feed"], r["guid"]): r["segments"] for r in map(json.loads, before.open(encoding="utf-8"))}
    new = {(r["feed"], r["guid"]): r["segments"] for r in map(json.loads, after.open(encoding="utf-8"))}
    changed: Counter[str] = Counter()
    totals: Counter[str] = Counter()
    for key in sorted(old.keys() | new.keys()):
        a, b = old.get(key, []), new.get(key, [])
        totals[key[0]] += len(b)
        matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                continue
            changed[key[0]] += max(i2 - i1, j2 - j1)
            print(f"== {key[0]} {key[1]}")
            for line in a[i1:i2]:
                print(f"  - {line}")
            for line in b[j1:j2]:
                print(f"  + {line}")
    print()
    for feed in sorted(totals):
        print(f"{feed}: {changed[feed]} of {totals[feed]} segments changed")


def time_longest(corpus: Path, rounds: int) -> None:
    """Median CPU time of narrate() on the longest corpus post."""
    post = max((p for _, p in _posts(corpus)), key=lambda p: len(p.html or ""))
    times = []
    for _ in range(rounds):
        start = time.process_time()
        narrate(post, SETTINGS)
        times.append(time.process_time() - start)
    print(
        f"narrate() on {post.guid} ({len(post.html or '')} chars): "
        f"median {statistics.median(times) * 1000:.0f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("command", choices=["dump", "diff", "time"])
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    if args.command == "dump":
        dump(args.corpus, args.paths[0])
    elif args.command == "diff":
        diff(args.paths[0], args.paths[1])
    else:
        time_longest(args.corpus, args.rounds)


if __name__ == "__main__":
    main()
