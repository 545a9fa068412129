"""Golden narration of real structured posts (issue #21): tests/fixtures/structure/<site>-<slug>.html reads
exactly as <file>.txt. Equations, tables, verse, interviews, notes, page furniture, titles, dates, teasers.

Each post is narrated as its feed item would give it: title, date, URL and summary-only flag from the
optional `<file>.html.json` sidecar, default intro and outro (so the spoken title and date are checked too).
Regenerate deliberately with `UPDATE_GOLDEN=1 pytest tests/narrate/test_structure_golden.py`, then read
the diff. Every fixture is a real post; SOURCES.tsv names where each one comes from.
"""

from __future__ import annotations

import csv
import json
import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from post2pod.config import NarrationSettings
from post2pod.fetch import page_date
from post2pod.models import Post
from post2pod.narrate import extract_article, narrate, script_text

CASES = Path(__file__).resolve().parents[1] / "fixtures" / "structure"
HTML_FILES = sorted(CASES.glob("*.html"))
MIN_FIXTURES = 30
MIN_SITES = 10
# A post whose feed gives no date: a fixed stand-in, so the golden file does not change every day.
NO_DATE = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
TAGS = frozenset(
    {
        "math-display",
        "math-inline",
        "mathml",
        "table-small",
        "table-large",
        "table-layout",
        "table-pipe",
        "verse",
        "interview",
        "note-link",
        "note-reference",
        "furniture",
        "title",
        "page-date",
        "teaser",
        "code-ops",
    }
)


def _sources() -> dict[str, dict[str, str]]:
    with (CASES / "SOURCES.tsv").open(encoding="utf-8", newline="") as handle:
        return {row["file"]: row for row in csv.DictReader(handle, delimiter="\t")}


def _post(html_file: Path) -> Post:
    """The Post the pipeline gives for the feed item, offline: sidecar metadata when there is one, else the
    file's name as title; from a whole page, its article. An item without a date takes the date its
    page shows (the fixture is the page);
    a summary-only item, whose page cannot be read here, is an excerpt."""
    sidecar = html_file.with_name(html_file.name + ".json")
    meta = json.loads(sidecar.read_text(encoding="utf-8")) if sidecar.is_file() else {}
    page = html_file.read_text(encoding="utf-8")
    html = extract_article(page)[1] if "<body" in page else page  # the pipeline reads a page's article
    url = meta.get("url") or f"https://www.example.com/{html_file.stem}/"
    published = datetime.fromisoformat(meta["published"]) if meta.get("published") else None
    if published is None and (found := page_date(page, url, now=NO_DATE)) is not None:
        published = found.when
    return Post(
        guid=html_file.stem,
        url=url,
        title=meta.get("title") or html_file.stem.replace("-", " "),
        published=published or NO_DATE,
        date_known=published is not None,
        html=html,
        author=meta.get("author", ""),
        summary_only=bool(meta.get("summary_only")),
        excerpt=bool(meta.get("summary_only")),
        language=meta.get("language", ""),
    )


@pytest.mark.parametrize("html_file", HTML_FILES, ids=[p.stem for p in HTML_FILES])
def test_structure_golden(html_file: Path) -> None:
    text = script_text(narrate(_post(html_file), NarrationSettings())) + "\n"
    golden = html_file.with_suffix(".txt")
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    if not golden.is_file():
        pytest.skip(f"no golden file {golden.name} yet: generate it with UPDATE_GOLDEN=1 and read it")
    assert text == golden.read_text(encoding="utf-8")


def test_enough_real_posts_from_enough_sites() -> None:
    sites = {row["site"] for row in _sources().values()}
    assert len(HTML_FILES) >= MIN_FIXTURES, f"only {len(HTML_FILES)} structured posts (need {MIN_FIXTURES})"
    assert len(sites) >= MIN_SITES, f"only {len(sites)} sites (need {MIN_SITES})"


def test_sources_name_every_fixture() -> None:
    sources = _sources()
    listed = set(sources)
    present = {p.name for p in HTML_FILES}
    assert present - listed == set(), "fixtures missing from SOURCES.tsv"
    assert listed - present == set(), "SOURCES.tsv lists files that do not exist"
    for name, row in sources.items():
        assert row["source"].startswith(("https://", "http://")), f"{name}: no source URL"
        tags = {t.strip() for t in row["structures"].split(",") if t.strip()}
        assert tags and tags <= TAGS, f"{name}: unknown structure tags {sorted(tags - TAGS)}"
        assert row["site"] and row["generator"], f"{name}: site and generator must be named"


def test_fixtures_are_small_utf8_files() -> None:
    for path in HTML_FILES:
        assert path.stat().st_size <= 60_000, f"{path.name} is over 60 KB: cut it at a section boundary"
        path.read_text(encoding="utf-8")
