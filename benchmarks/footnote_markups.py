"""Footnotes per markup: how many notes are read as an aside right after the sentence that cites them,
how many markers are still spoken, how much note text is lost; and how long narration takes.

    .venv/bin/python benchmarks/footnote_markups.py [--corpus ../shared/corpus] [--time]

Runs over the footnote golden fixtures (`tests/fixtures/narration/footnotes-*.html`, ground truth
below: the word before each marker and the first words of its note) and over the corpus feeds with
footnote lists (Frog, Quarto), whose notes are found here independently of the narrator. Works
with any checkout's `post2pod` (run it with that checkout's Python to compare before and after).
"""

from __future__ import annotations

import argparse
import re
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from post2pod.config import NarrationSettings
from post2pod.models import Post
from post2pod.narrate import narrate

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "narration"
SETTINGS = NarrationSettings(intro="", outro="")
WORD_RE = re.compile(r"[^\W\d_]+")
# What a listener should never hear of a marker or a back-link.
RESIDUE_RE = re.compile(r"\[\s*\w{1,3}\s*\]|[↩⤴*†‡§⊕¹²³⁴⁵⁶⁷⁸⁹]|to the power of|\^")

# fixture -> [(the word before the marker, the first words of the note)]
TRUTH: dict[str, list[tuple[str, str]]] = {
    "zola": [("one", "measured on a laptop"), ("broke", "not much in")],
    "org": [("mode", "except emails sadly"), ("in", "run c")],
    "asciidoctor": [("week", "a build server"), ("fast", "on the benchmark")],
    "sphinx-aside": [("invalidation", "phil karlton is"), ("hour", "configurable of course")],
    "sphinx-table": [("python", "it reached its"), ("imports", "measured with python")],
    "sphinx-dl": [("package", "the ensurepip module")],
    "tufte": [("sidenotes", "sidenotes sit in"), ("number", "this one has")],
    "markdown-it": [("plugin", "it is called"), ("notes", "written between a")],
    "docusaurus": [("mdx", "version of mdx")],
    "hexo": [("footnotes", "hexo reference is")],
    "handwritten": [("lockdown", "march in a"), ("week", "ten days to")],
    "blogger-lines": [("april", "after the last"), ("beans", "runner beans mostly")],
    "unlinked-sup": [("in", "opened on the"), ("paint", "he wanted grey"), ("it", "it has been")],
    "unicode": [("spacious", "his word not"), ("year", "in march and")],
    "symbols": [("projects", "fair use applies"), ("discount", "ask our sales")],
    "letters": [
        ("cities", "lyon turin and"),
        ("groups", "under thirty and"),
        ("lyon", "including the suburbs"),
    ],
    "easy-footnotes": [("site", "built with hugo"), ("notice", "or at least")],
    "easy-footnotes-excerpt": [("list", "wordpress adds the")],
    "wordpress-footnotes-plugin": [("stc", "a single tenant")],
    "modern-footnotes": [("research", "psychology research is")],
    "edge-cases": [
        ("sources", "all of them"),
        ("compared", "on the same"),
        ("compared", "and repeated a"),
        ("twice", "both times on"),
        ("optimise", "usually attributed to"),
        ("once", "duplicates removed by"),
    ],
    "pandoc": [("number", "unlike most other")],
    "hugo": [("minute", "it was a"), ("stopwatch", "a mechanical one")],
    "kramdown": [("notes", "kramdown is the")],
    "substack": [("well", "substack renders them")],
    "wordpress": [("3", "released in august")],
}


@dataclass
class Score:
    notes: int = 0
    placed: int = 0
    markers_spoken: int = 0
    words: int = 0
    words_lost: int = 0

    def add(self, other: Score) -> None:
        for name in vars(self):
            setattr(self, name, getattr(self, name) + getattr(other, name))


def tokens(text: str) -> list[str]:
    return [w.lower() for w in WORD_RE.findall(text)]


def score(html: str, truth: list[tuple[str, str]], url: str = "https://b.example/p/") -> Score:
    post = Post(guid="g", url=url, title="T", published=datetime(2024, 1, 1, tzinfo=UTC), html=html)
    segments = narrate(post, SETTINGS).segments
    result = Score(notes=len(truth))
    spoken = [tokens(s.text) for s in segments]
    everything = {w for words in spoken for w in words}
    for cite, opening in truth:
        words = opening.split()
        result.words += len(words)
        result.words_lost += sum(1 for w in words if w not in everything)
        for i, segment in enumerate(segments):
            if segment.kind != "aside" or spoken[i][2 : 2 + len(words)] != words:
                continue
            # the citing sentence: the segment before, past other asides (a note citing a note is
            # read inside its aside); a sentence cut for length ends without a full stop
            before = i - 1
            while before >= 0 and segments[before].kind == "aside" and cite not in spoken[before]:
                before -= 1
            sentence = list(spoken[before]) if before >= 0 else []
            while before > 0 and not re.search(r"[.!?:;\"')]$", segments[before - 1].text):
                before -= 1
                sentence += spoken[before]
            if cite in sentence or cite.isdigit() or not cite:
                result.placed += 1
                break
    body = " ".join(s.text for s in segments if s.kind != "aside")
    result.markers_spoken = len(RESIDUE_RE.findall(body))
    for cite, _opening in truth:  # a label read after the citing word: "Paris 1", "week one"
        if cite and not cite.isdigit():
            label = r"(?:\s?\d{1,2}|\s(?:one|two|three|four|five|six))(?![-\w])"
            result.markers_spoken += len(re.findall(rf"\b{re.escape(cite)}{label}", body, re.IGNORECASE))
    return result


def corpus_cases(corpus: Path) -> list[tuple[str, str, list[tuple[str, str]], str]]:
    """Posts of the corpus with a footnotes list, their notes found independently of the narrator."""
    import feedparser
    from bs4 import BeautifulSoup, NavigableString

    cases = []
    for path in sorted(corpus.glob("*.xml")):
        feed = feedparser.parse(str(path), sanitize_html=False)
        for n, entry in enumerate(feed.entries):
            html = entry.content[0].value if entry.get("content") else entry.get("summary", "")
            soup = BeautifulSoup(html, "lxml")
            items = [
                li
                for c in soup.select(".footnotes, #footnotes, [role=doc-endnotes]")
                for li in c.find_all("li")
                if li.find_parent("li") is None
            ]
            if not items:
                continue
            refs = [s for s in soup.find_all("sup") if not any(s in li.descendants for li in items)]
            truth = []
            for number, li in enumerate(items, 1):
                ref = next((s for s in refs if s.get_text(strip=True) == str(number)), None)
                cite = ""
                if ref is not None:
                    text = ""
                    for node in ref.previous_elements:
                        if isinstance(node, NavigableString):
                            text = str(node) + text
                            if WORD_RE.search(text):
                                break
                    cite = tokens(text)[-1] if tokens(text) else ""
                truth.append((cite, " ".join(tokens(li.get_text(" "))[:2])))
            cases.append((f"{path.stem}-{n}", html, truth, entry.get("link", "")))
    return cases


def timing(corpus: Path) -> None:
    """CPU time of narrating the longest corpus post (median of 5 runs; CPU, as the machine is shared)."""
    import feedparser

    longest = ("", "", "")
    for path in sorted(corpus.glob("*.xml")):
        for entry in feedparser.parse(str(path), sanitize_html=False).entries:
            html = entry.content[0].value if entry.get("content") else entry.get("summary", "")
            if len(html) > len(longest[2]):
                longest = (path.name, entry.get("title", ""), html)
    post = Post(guid="g", url="https://b.example/p/", title=longest[1], published=None, html=longest[2])
    runs = []
    for _ in range(5):
        start = time.process_time()
        narrate(post, NarrationSettings())
        runs.append(time.process_time() - start)
    runs.sort()
    print(
        f"\nlongest corpus post: {longest[0]} ({len(longest[2]):,} chars): "
        f"narrate() median {runs[2] * 1000:.0f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--time", action="store_true", help="also time narration of the longest corpus post")
    args = parser.parse_args()
    cases = [
        (name, (FIXTURES / f"footnotes-{name}.html").read_text(encoding="utf-8"), truth, "")
        for name, truth in TRUTH.items()
        if (FIXTURES / f"footnotes-{name}.html").is_file()
    ]
    if args.corpus.is_dir():
        cases += corpus_cases(args.corpus)
    total = Score()
    print(f"{'markup':28} {'placed/notes':>12} {'markers spoken':>15} {'note words lost':>16}")
    for name, html, truth, url in cases:
        try:
            result = score(html, truth, url or "https://b.example/p/")
        except Exception as exc:  # a markup that breaks narration counts as all lost
            print(f"{name:28} error: {exc}")
            continue
        total.add(result)
        lost = f"{result.words_lost}/{result.words}"
        print(f"{name:28} {result.placed:>5}/{result.notes:<6} {result.markers_spoken:>15} {lost:>16}")
    print(
        f"{'TOTAL':28} {total.placed:>5}/{total.notes:<6} {total.markers_spoken:>15} "
        f"{total.words_lost:>10}/{total.words}"
    )
    if args.time and args.corpus.is_dir():
        timing(args.corpus)


if __name__ == "__main__":
    main()
