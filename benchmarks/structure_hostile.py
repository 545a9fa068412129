"""narrate() on hostile structured content: a 10,000-cell table, 50 KB formulas, 100,000 <br>.

    .venv/bin/python benchmarks/structure_hostile.py                       # this checkout
    PYTHONPATH=/tmp/base/src .venv/bin/python benchmarks/structure_hostile.py  # another one's source

Prints the time and the number of spoken segments of each (many segments: markup read out).
"""

from __future__ import annotations

import sys
import time
from datetime import UTC, datetime

from post2pod.config import NarrationSettings
from post2pod.models import Post
from post2pod.narrate import narrate

CASES = {
    "10,000-cell table": "<p>Intro text here.</p><table>"
    + "".join("<tr>" + "".join(f"<td>r{r}c{c}</td>" for c in range(10)) + "</tr>" for r in range(1000))
    + "</table><p>End.</p>",
    "50 KB $$formula$$": "<p>Consider $$" + "x_1 + " * 7000 + "y$$ now.</p>",
    "50 KB align environment": "<p>\\begin{align*}" + "a &= b \\\\ " * 4500 + "\\end{align*}</p>",
    "100,000 <br>": "<p>" + "line of verse<br>" * 100_000 + "</p>",
}


def main() -> None:
    only = sys.argv[1:]
    for name, html in CASES.items():
        if only and not any(word in name for word in only):
            continue
        post = Post(guid="g", url="https://e.x/p", title="T", published=datetime.now(UTC), html=html)
        started = time.perf_counter()
        script = narrate(post, NarrationSettings())
        segments = sum(len(section.segments) for section in script.sections)
        print(f"{name}: {time.perf_counter() - started:.2f} s, {len(html) // 1000} KB, {segments} segments")


if __name__ == "__main__":
    main()
