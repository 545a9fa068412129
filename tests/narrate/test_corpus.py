"""Narration over the real feeds in ../shared/corpus (skipped when the corpus is absent).

For every post: no crash; nothing unspeakable in the script (footnote markers, back arrows, raw
URLs, tags, entities); every footnote read exactly once, as an aside right after the sentence that
cites it; and at least 98% of the post's prose words (outside code and bibliographies) are spoken.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup, NavigableString, Tag

from post2pod.config import NarrationSettings
from post2pod.models import SEGMENT_KINDS, Post, Script
from post2pod.narrate import narrate, script_text
from post2pod.narrate.speech.units import UNITS

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
SETTINGS = NarrationSettings()
WORD_RE = re.compile(r"[^\W\d_]+")
URL_RE = re.compile(r"\b(?:https?://|www\.)\S+|\S+@\S+\.\w+")
# Words the normaliser rewrites on purpose (abbreviations, unit symbols, roman numerals...).
REWRITTEN = {u.lower() for u in UNITS} | {
    "vs",
    "etc",
    "dr",
    "st",
    "mr",
    "mrs",
    "ms",
    "prof",
    "jr",
    "sr",
    "no",
    "ie",
    "al",
    "approx",
    "cf",
    "ii",
    "iii",
    "iv",
    "vi",
    "vii",
    "viii",
    "ix",
    "xi",
    "xii",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "http",
    "https",
    "www",
}
NOT_PROSE = "pre, script, style, .feedflare, .sourceCode, .highlight, #refs, .references, .csl-bib-body, img"


def _entries() -> list[tuple[str, int]]:
    if not CORPUS.is_dir():
        return []
    return [
        (path.name, i) for path in sorted(CORPUS.glob("*.xml")) for i in range(len(_feed(path.name).entries))
    ]


@cache
def _feed(name: str):
    return feedparser.parse(str(CORPUS / name), sanitize_html=False)


def _html(name: str, index: int) -> str:
    entry = _feed(name).entries[index]
    return entry.content[0].value if entry.get("content") else entry.get("summary", "")


@cache
def _script(name: str, index: int) -> Script:
    entry = _feed(name).entries[index]
    post = Post(
        guid=entry.get("id", ""),
        url=entry.get("link", ""),
        title=entry.get("title", ""),
        published=datetime(2024, 3, 3, tzinfo=UTC),
        html=_html(name, index),
        author=entry.get("author", ""),
    )
    return narrate(post, SETTINGS)


ENTRIES = _entries()
IDS = [f"{name.removesuffix('.xml')}-{i}" for name, i in ENTRIES]
pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not present")


def _tokens(text: str) -> list[str]:
    return [w.lower() for w in WORD_RE.findall(text)]


def _notes(soup: BeautifulSoup) -> list[Tag]:
    """Footnote items, found independently of the narrator: list items of a footnotes container."""
    containers = soup.select(".footnotes, #footnotes, [role=doc-endnotes]")
    return [li for c in containers for li in c.find_all("li") if li.find_parent("li") is None]


def _citations(soup: BeautifulSoup, notes: list[Tag]) -> dict[int, str]:
    """Note number -> the last word before its citation in the text."""
    ids = {str(li.get("id")): n for n, li in enumerate(notes, 1) if li.get("id")}
    found: dict[int, str] = {}
    for sup in soup.find_all("sup"):
        if any(sup in li.descendants for li in notes):
            continue
        link = sup.find("a", href=True)
        number = ids.get(str(link["href"]).rsplit("#", 1)[-1]) if link else None
        if number is None and sup.get_text(strip=True).isdigit():
            number = int(sup.get_text(strip=True))
        if number and number not in found:
            found[number] = _word_before(sup)
    return found


def _word_before(tag: Tag) -> str:
    text = ""
    for node in tag.previous_elements:
        if isinstance(node, NavigableString):
            text = str(node) + text
            if WORD_RE.search(text):
                break
    return _tokens(text)[-1]


@pytest.mark.parametrize(("name", "index"), ENTRIES, ids=IDS)
def test_script_is_clean(name: str, index: int) -> None:
    script = _script(name, index)
    text = script_text(script)
    assert script.segments
    for segment in script.segments:
        assert segment.kind in SEGMENT_KINDS
        assert 0 < len(segment.text) <= 300 and segment.text == segment.text.strip()
    for pattern in (
        r"\[\d+\]",
        r"[↩⤴]",
        r"https?:",
        r"\bwww\.",
        r"</?[a-zA-Z][^>]*>",
        r"&#?\w+;",
        r"[\ue000-\uf8ff]",
    ):
        assert not re.search(pattern, text), (pattern, re.search(pattern, text))


@pytest.mark.parametrize(("name", "index"), ENTRIES, ids=IDS)
def test_footnotes_read_once_after_citing_sentence(name: str, index: int) -> None:
    soup = BeautifulSoup(_html(name, index), "lxml")
    notes = _notes(soup)
    citations = _citations(soup, notes)
    segments = _script(name, index).segments
    text = script_text(_script(name, index))
    for number, li in enumerate(notes, 1):
        opening = _tokens(li.get_text(" "))[:6]
        starts = [i for i in range(len(segments)) if _opens(segments, i, opening)]
        assert len(starts) == 1, (number, opening)
        at = starts[0]
        assert segments[at].kind == "aside" and segments[at].text.startswith(SETTINGS.footnote_cue)
        cited_by = at - 1
        while segments[cited_by].kind == "aside":
            cited_by -= 1
        sentence = _tokens(segments[cited_by].text)
        # a sentence split for length: its earlier pieces end without sentence punctuation
        while cited_by > 0 and not re.search(r"[.!?:;\"')]$", segments[cited_by - 1].text):
            cited_by -= 1
            sentence += _tokens(segments[cited_by].text)
        if number in citations:
            assert citations[number] in sentence, (number, citations[number])
            assert not re.search(rf"\b{citations[number]}{number}\b", text, re.IGNORECASE)


def _opens(segments, at: int, opening: list[str]) -> bool:
    """Segment `at` starts an aside whose words begin with the cue and then `opening`."""
    if segments[at].kind != "aside" or (at and segments[at - 1].kind == "aside" and not _cued(segments[at])):
        return False
    tokens = [t for s in segments[at : at + 4] if s.kind == "aside" for t in _tokens(s.text)]
    cue = _tokens(SETTINGS.footnote_cue)
    return tokens[: len(cue)] == cue and tokens[len(cue) : len(cue) + len(opening)] == opening


def _cued(segment) -> bool:
    return segment.text.startswith(SETTINGS.footnote_cue)


@pytest.mark.parametrize(("name", "index"), ENTRIES, ids=IDS)
def test_prose_words_are_spoken(name: str, index: int) -> None:
    soup = BeautifulSoup(_html(name, index), "lxml")
    for tag in soup.select(NOT_PROSE):
        tag.decompose()
    source = [w for w in _tokens(URL_RE.sub(" ", soup.get_text(" "))) if len(w) > 2 and w not in REWRITTEN]
    # an initialism is spelled with dots ("V.F.I.O"): the word is still there
    spelled = re.sub(
        r"\b(?:[A-Z]\.)+[A-Z]\b", lambda m: m.group(0).replace(".", ""), script_text(_script(name, index))
    )
    spoken = set(_tokens(spelled))
    missing = [w for w in source if w not in spoken]
    assert len(missing) <= 0.02 * len(source), sorted(set(missing))[:40]
