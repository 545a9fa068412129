"""Structured posts: per structure, how many failures a listener would hear, counted on the script text.

    .venv/bin/python benchmarks/structure_counts.py [--src PATH] [--json] [--fixtures DIR]

Narrates every real post in `tests/fixtures/structure/` (listed in its SOURCES.tsv with the structures
each one has) through the library route (`post2pod.narrate.narrate`, default settings, so the intro
with its date is spoken) and counts, by mechanical checks on what would be spoken:

    math         LaTeX read out (a backslash, braces, ^ or _, "begin"/"end" of an environment,
                 or "a formula" said in its place): one per segment
    table        a table read cell by cell: a table of the HTML at least 6 of whose cells come back as
                 whole segments, or a run of 6 or more segments of 3 words or fewer: one per table/run
    pipe         a pipe "|" or a pilcrow "¶" left in a segment: one per segment
    verse        a full stop put where a verse line ends without one: one per line
    interview    a bare "Q"/"A" label spoken: one per segment
    note-link    a note that says only "a link to ...": one per note after the first
    note-ref     citation residue (a [12] marker, a back-arrow): one per segment
    furniture    the first two or last three body segments read a dateline, a reading time, a
                 subscribe/share/see-all call, a skip link or a tag list: one per segment
    title        the spoken title holds a pipe or a site suffix, or glues a subtitle on: one per post
    page-date    the intro says the post was published on the run date (no date found): one per post
    teaser       a teaser-only item closed as if it were the whole post: one per post
    code-ops     `||`, `&&`, `<->`, `->` or their symbol names spoken: one per segment

Works with any checkout's `post2pod`: `--src ../old/src` imports it from there (the lead runs it on the
old commit to get the "before" column). `--json` prints {structure: {posts, failures}, "posts": {...}}.
"""

from __future__ import annotations

import argparse
import csv
import html
import importlib
import itertools
import json
import re
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "structure"
FIRST_EDGE, LAST_EDGE = 2, 3  # body segments checked for furniture at each edge
MIN_CELL_RUN = 6  # consecutive short segments that mean a table is read cell by cell
SHORT_WORDS = 3

# structure tag (SOURCES.tsv) -> the check that counts its failures
CHECK_OF_TAG = {
    "math-display": "math",
    "math-inline": "math",
    "mathml": "math",
    "table-small": "table",
    "table-large": "table",
    "table-layout": "table",
    "table-pipe": "pipe",
    "verse": "verse",
    "interview": "interview",
    "note-link": "note-link",
    "note-reference": "note-ref",
    "furniture": "furniture",
    "title": "title",
    "page-date": "page-date",
    "teaser": "teaser",
    "code-ops": "code-ops",
}
CHECKS = tuple(dict.fromkeys(CHECK_OF_TAG.values()))

LATEX_RE = re.compile(
    r"\\|[{}^_]|\b(?:begin|end)\s+(?:align|equation|aligned|cases|matrix|pmatrix|bmatrix|array)"
)
FORMULA_RE = re.compile(r"\ba (?:formula|equation)\b", re.IGNORECASE)
PIPE_RE = re.compile(r"[|¶]|\bpilcrow\b", re.IGNORECASE)
LABEL_RE = re.compile(r"^(?:Q|A)\s*[:.)\-–—]?\s+\S")
LINK_NOTE_RE = re.compile(r"^\s*(?:\(aside\)\s*)?(?:a footnote:\s*)?a link to\b", re.IGNORECASE)
CITATION_RE = re.compile(r"\[\s*\w{1,4}\s*\]|[↩⤴†‡]|\bback to (?:text|top|reference)\b", re.IGNORECASE)
CODE_OPS_RE = re.compile(
    r"\|\||&&|<->|->|<-|=>|\b(?:vertical bar|pipe pipe|less than (?:minus|hyphen|dash)|"
    r"minus greater than|hyphen greater than|ampersand ampersand)\b",
    re.IGNORECASE,
)
MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
FURNITURE_RES = (
    re.compile(r"\b(?:minutes?|mins?)\s+(?:read|reading)\b|\breading time\b|\bread time\b", re.IGNORECASE),
    re.compile(r"\bsubscribe\b|\bnewsletter\b|\bsign up\b|\bfollow (?:me|us)\b", re.IGNORECASE),
    re.compile(r"\b(?:see|view|browse) all\b|\ball posts\b|\bolder posts\b|\bnewer posts\b", re.IGNORECASE),
    re.compile(r"\bskip to\b|\bback to top\b|\bjump to\b", re.IGNORECASE),
    re.compile(r"^(?:tags?|tagged|categories|category|filed under|posted in|topics?)\b", re.IGNORECASE),
    re.compile(r"\bshare (?:this|on)\b|\bpermalink\b|\bcomments?\b", re.IGNORECASE),
    re.compile(rf"^(?:posted|published|updated|written)?\s*(?:on\s+)?(?:{MONTHS})\b", re.IGNORECASE),
)
DATELINE_MAX_WORDS = 10  # a date alone is furniture; a sentence starting with a month is not
GLUED_RE = re.compile(r"[a-z][A-Z][a-z]")
SITE_SUFFIX_RE = re.compile(r"\s[|·»–—-]\s\S")
LINE_END_PUNCT = ".,;:!?…—–-\"'”’)]"
WORD_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
BR_RE = re.compile(r"<br\s*/?>", re.IGNORECASE)


@dataclass(frozen=True)
class Fixture:
    """One real post and what SOURCES.tsv says about it."""

    path: Path
    tags: tuple[str, ...]
    site: str
    sidecar: dict[str, Any] = field(default_factory=dict)


@dataclass
class Result:
    """The failures counted for one fixture, per check, with an example of each."""

    name: str
    failures: dict[str, int]
    examples: dict[str, list[str]]
    seconds: float
    error: str = ""


def load_post2pod(src: Path | None) -> tuple[ModuleType, ModuleType, ModuleType]:
    """`post2pod.narrate`, `post2pod.config` and `post2pod.models`, from `src` when given."""
    if src is not None:
        sys.path.insert(0, str(src.resolve()))
    import post2pod.config as config
    import post2pod.models as models
    import post2pod.narrate as narrate

    if src is not None and not Path(narrate.__file__).resolve().is_relative_to(src.resolve()):
        raise SystemExit(f"post2pod was imported from {narrate.__file__}, not from {src}")
    return narrate, config, models


def read_sources(folder: Path) -> list[Fixture]:
    """Every fixture listed in SOURCES.tsv (its structure tags and site), with its JSON sidecar."""
    with (folder / "SOURCES.tsv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    fixtures = []
    for row in rows:
        path = folder / row["file"]
        sidecar_path = path.with_name(path.name + ".json")
        sidecar = json.loads(sidecar_path.read_text(encoding="utf-8")) if sidecar_path.is_file() else {}
        tags = tuple(t.strip() for t in row["structures"].split(",") if t.strip())
        fixtures.append(Fixture(path, tags, row["site"], sidecar))
    return fixtures


def build_post(
    models: ModuleType, narrate: ModuleType, fixture: Fixture, now: datetime, page_date: Any = None
) -> Any:
    """The Post a feed would give for this fixture (only the fields this checkout's Post has)."""
    meta = fixture.sidecar
    page = fixture.path.read_text(encoding="utf-8")
    html = narrate.extract_article(page)[1] if "<body" in page else page  # the pipeline reads the article
    url = meta.get("url") or f"https://{fixture.site}/{fixture.path.stem}/"
    published = datetime.fromisoformat(meta["published"]) if meta.get("published") else None
    if published is None and page_date is not None:  # the pipeline reads an undated item's page
        found = page_date(page, url, now=now)
        published = found.when if found is not None else None
    values: dict[str, Any] = {
        "guid": fixture.path.stem,
        "url": url,
        "title": meta.get("title") or fixture.path.stem.replace("-", " "),
        "published": published or now,
        "date_known": published is not None,
        "html": html,
        "author": meta.get("author", ""),
        "summary_only": bool(meta.get("summary_only")),
        "excerpt": bool(meta.get("summary_only")),  # its page cannot be read offline
        "language": meta.get("language", ""),
    }
    known = {f.name for f in fields(models.Post)}
    return models.Post(**{k: v for k, v in values.items() if k in known})


def segments_of(script: Any) -> list[tuple[str, str]]:
    """(kind, text) of every segment, in order."""
    return [(seg.kind, seg.text) for section in script.sections for seg in section.segments]


def words(text: str) -> list[str]:
    return WORD_RE.findall(text.lower())


def count_math(body: list[str]) -> list[str]:
    return [t for t in body if LATEX_RE.search(t) or FORMULA_RE.search(t)]


def table_cells(source: str) -> list[set[str]]:
    """The normalised text of each table's cells (tables found in the HTML, nested ones counted apart)."""
    tables = []
    for table in re.findall(r"<table\b.*?</table>", source, flags=re.IGNORECASE | re.DOTALL):
        cells = re.findall(r"<t[dh]\b[^>]*>(.*?)</t[dh]>", table, flags=re.IGNORECASE | re.DOTALL)
        texts = {" ".join(words(html.unescape(re.sub(r"<[^>]+>", " ", c)))) for c in cells}
        tables.append({t for t in texts if t})
    return tables


def count_tables(body: list[str], source: str) -> list[str]:
    """Tables whose cells come back as whole segments, and runs of short segments."""
    failures = []
    spoken = [" ".join(words(t)) for t in body]
    spoken_set = set(spoken)
    for cells in table_cells(source):
        hits = sorted(cells & spoken_set)
        if len(hits) >= MIN_CELL_RUN:
            failures.append(f"table cells as segments: {', '.join(hits[:8])}")
    run: list[str] = []
    for text in [*body, "a sentence that ends every run of short segments"]:
        if 0 < len(words(text)) <= SHORT_WORDS:
            run.append(text)
            continue
        if len(run) >= MIN_CELL_RUN:
            failures.append(f"run of {len(run)} short segments: {' / '.join(run[:8])}")
        run = []
    return failures


def verse_lines(source: str) -> list[tuple[str, str]]:
    """(last word, first word of the next line) for each <br>-ended line without end punctuation."""
    pairs = []
    for block in re.findall(
        r"<(?:p|div|blockquote|pre)\b[^>]*>(.*?)</(?:p|div|blockquote|pre)>",
        source,
        flags=re.IGNORECASE | re.DOTALL,
    ):
        lines = [html.unescape(re.sub(r"<[^>]+>", "", line)).strip() for line in BR_RE.split(block)]
        lines = [line for line in lines if line]
        for line, following in itertools.pairwise(lines):
            line_words, next_words = words(line), words(following)
            if line_words and next_words and line.rstrip()[-1] not in LINE_END_PUNCT:
                pairs.append((line_words[-1], next_words[0]))
    return pairs


def count_verse(body: list[str], source: str) -> list[str]:
    """Lines that end in a full stop (a segment end or ". ") in speech but not in the poem."""
    failures = []
    joined = " ".join(body).lower()
    ends = {words(t)[-1] for t in body if words(t)}
    for last, first in verse_lines(source):
        stop = re.search(rf"\b{re.escape(last)}[.!?]\s+{re.escape(first)}\b", joined)
        if stop or (
            last in ends
            and re.search(rf"\b{re.escape(last)}\s*[.!?]?\s*$", joined) is None
            and _ends_segment(body, last, first)
        ):
            failures.append(f"{last}. {first}")
    return failures


def _ends_segment(body: list[str], last: str, first: str) -> bool:
    """Whether a segment ends on `last` and the next one starts with `first`."""
    for text, following in itertools.pairwise(body):
        a, b = words(text), words(following)
        if a and b and a[-1] == last and b[0] == first:
            return True
    return False


def count_link_notes(body: list[str]) -> list[str]:
    notes = [t for t in body if LINK_NOTE_RE.search(t)]
    return notes[1:]


def count_furniture(body: list[str]) -> list[str]:
    edges = body[:FIRST_EDGE] + body[-LAST_EDGE:] if len(body) > FIRST_EDGE + LAST_EDGE else body
    found = []
    for text in dict.fromkeys(edges):
        for pattern in FURNITURE_RES:
            if pattern.search(text) and (
                pattern is not FURNITURE_RES[-1] or len(words(text)) <= DATELINE_MAX_WORDS
            ):
                found.append(text)
                break
    return found


def count_title(title: str) -> list[str]:
    return [title] if "|" in title or SITE_SUFFIX_RE.search(title) or GLUED_RE.search(title) else []


def spoken_date(narrate: ModuleType, config: ModuleType, models: ModuleType, now: datetime) -> str:
    """How this checkout speaks `now` in the intro: narrate a one-line post dated `now`."""
    post = models.Post(
        guid="d",
        url="https://example.com/d/",
        title="D",
        published=now,
        html="<p>One sentence.</p>",
        author="A",
    )
    intro = segments_of(narrate.narrate(post, config.NarrationSettings()))[0][1]
    found = re.search(r"published (.+?)\.?$", intro)
    return found.group(1) if found else intro


def check(fixture: Fixture, script: Any, run_date: str) -> dict[str, list[str]]:
    """Every check's failures for one narrated fixture (checks not tagged for it are left out)."""
    segments = segments_of(script)
    body = [text for kind, text in segments if kind not in ("intro", "outro")]
    intro = [text for kind, text in segments if kind == "intro"]
    outro = [text for kind, text in segments if kind == "outro"]
    source = fixture.path.read_text(encoding="utf-8")
    results: dict[str, list[str]] = {}
    for name in dict.fromkeys(CHECK_OF_TAG[t] for t in fixture.tags if t in CHECK_OF_TAG):
        if name == "math":
            results[name] = count_math(body)
        elif name == "table":
            results[name] = count_tables(body, source)
        elif name == "pipe":
            results[name] = [t for t in body if PIPE_RE.search(t)]
        elif name == "verse":
            results[name] = count_verse(body, source)
        elif name == "interview":
            results[name] = [t for t in body if LABEL_RE.search(t)]
        elif name == "note-link":
            results[name] = count_link_notes(body)
        elif name == "note-ref":
            results[name] = [t for t in body if CITATION_RE.search(t)]
        elif name == "furniture":
            results[name] = count_furniture(body)
        elif name == "title":
            results[name] = count_title(script.title)
        elif name == "page-date":
            results[name] = [t for t in intro if run_date and run_date in t]
        elif name == "teaser":
            results[name] = [t for t in outro[-1:] if "read this post at" in t]
        elif name == "code-ops":
            results[name] = [t for t in body if CODE_OPS_RE.search(t)]
    # pipes and pilcrows are wrong in any post, tagged or not
    results.setdefault("pipe", [t for t in body if PIPE_RE.search(t)])
    return results


def run(fixtures: Iterable[Fixture], src: Path | None) -> list[Result]:
    """Narrate every fixture and count its failures."""
    narrate, config, models = load_post2pod(src)
    page_date = getattr(importlib.import_module("post2pod.fetch"), "page_date", None)  # absent before #21
    settings = config.NarrationSettings()
    now = datetime.now(UTC).replace(microsecond=0)
    run_date = spoken_date(narrate, config, models, now)
    results = []
    for fixture in fixtures:
        started = time.perf_counter()
        try:
            script = narrate.narrate(build_post(models, narrate, fixture, now, page_date), settings)
        except Exception as exc:  # a crash is the worst failure: every tagged structure fails
            failed = {
                CHECK_OF_TAG[t]: [f"{type(exc).__name__}: {exc}"] for t in fixture.tags if t in CHECK_OF_TAG
            }
            results.append(
                Result(
                    fixture.path.name, {k: 1 for k in failed}, failed, time.perf_counter() - started, str(exc)
                )
            )
            continue
        found = check(fixture, script, run_date)
        results.append(
            Result(
                fixture.path.name, {k: len(v) for k, v in found.items()}, found, time.perf_counter() - started
            )
        )
    return results


def summary(fixtures: list[Fixture], results: list[Result]) -> dict[str, dict[str, int]]:
    """Per check: how many posts carry it (tagged), how many failures, in how many posts."""
    table: dict[str, dict[str, int]] = {}
    for name in CHECKS:
        tagged = [
            r
            for f, r in zip(fixtures, results, strict=True)
            if any(CHECK_OF_TAG.get(t) == name for t in f.tags)
        ]
        if name == "pipe":  # counted in every post
            tagged = results
        table[name] = {
            "posts": len(tagged),
            "failures": sum(r.failures.get(name, 0) for r in tagged),
            "posts_failing": sum(1 for r in tagged if r.failures.get(name, 0)),
        }
    return table


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--src", type=Path, help="a checkout's src/ folder to import post2pod from")
    parser.add_argument("--fixtures", type=Path, default=FIXTURES)
    parser.add_argument("--json", action="store_true", help="print JSON instead of tables")
    parser.add_argument("--examples", action="store_true", help="show what each failing post says")
    args = parser.parse_args(argv)
    fixtures = read_sources(args.fixtures)
    results = run(fixtures, args.src)
    table = summary(fixtures, results)
    if args.json:
        posts = {
            r.name: {
                "failures": r.failures,
                "examples": {k: v[:3] for k, v in r.examples.items() if v},
                "seconds": round(r.seconds, 3),
                "error": r.error,
            }
            for r in results
        }
        print(json.dumps({"structures": table, "posts": posts}, indent=1, ensure_ascii=False))
        return
    sites = {f.site for f in fixtures}
    print(f"{len(fixtures)} posts from {len(sites)} sites; narration {sum(r.seconds for r in results):.2f} s")
    print(f"{'structure':<12} {'posts':>5} {'failing':>7} {'failures':>8}")
    for name, row in table.items():
        print(f"{name:<12} {row['posts']:>5} {row['posts_failing']:>7} {row['failures']:>8}")
    if args.examples:
        for r in results:
            bad = {k: v for k, v in r.examples.items() if v}
            if bad:
                print(f"\n{r.name}" + (f"  ERROR {r.error}" if r.error else ""))
                for k, v in bad.items():
                    for text in v[:2]:
                        print(f"  {k}: {text[:150]}")


if __name__ == "__main__":
    main()
