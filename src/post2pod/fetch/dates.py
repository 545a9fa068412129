"""When a post was published, read from its web page or its address, for feeds that give no date.

A small reader on the standard library's HTMLParser rather than `htmldate`: htmldate pulls lxml,
dateparser (with regex and tzlocal) and charset_normalizer, costs hundreds of milliseconds to import,
and falls back to guessing from any date-like text (a copyright year, a comment's date). Blog
generators state the date in a few standard places, read here in one bounded pass, most trusted first:

1. `<meta property="article:published_time">` and its kin (Open Graph, Dublin Core, Highwire, itemprop)
2. JSON-LD `datePublished` (also inside `@graph`), as Yoast, jekyll-seo-tag and Ghost write it
3. a `<time datetime>` marked as the publication (`dt-published`, `published`, `itemprop=datePublished`)
4. the post's address: `/2024/03/05/` (WordPress, Jekyll), `/2019-10-04_slug/`
5. the first `<time datetime>` of the page
6. the text of a byline or date line: "Published Nov 12, 2023", "03 May 2017" (English month names)
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from urllib.parse import urlsplit

MAX_PAGE_CHARS = 2_000_000  # dates sit near the top; a huge page is read no further
MAX_JSON_CHARS = 500_000
MAX_CANDIDATES = 40  # of each kind: a page of 10,000 <time> tags is not read to its end
MAX_BYLINE_CHARS = 200
MIN_YEAR = 1990  # before the web's blogs: a wrong date, not a post's

DATE_METAS = frozenset(
    {
        "article:published_time",
        "og:published_time",
        "datepublished",
        "date",
        "dc.date",
        "dc.date.issued",
        "dcterms.date",
        "dcterms.created",
        "citation_publication_date",
        "pubdate",
        "publish-date",
        "sailthru.date",
        "parsely-pub-date",
    }
)
_HINT = re.compile(r"publish|posted|entry-date|post-date|pubdate|dateline", re.I)
_NOT_PUBLISHED = re.compile(r"updat|modif|edit|comment", re.I)
_BYLINE = re.compile(
    r"\b(?:date|byline|post-meta|postmeta|entry-meta|article-meta|published|posted|meta)", re.I
)
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH_DAY_YEAR = re.compile(r"\b([A-Za-z]{3,9})\.? (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})\b")
_DAY_MONTH_YEAR = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?(?: of)? ([A-Za-z]{3,9})\.?,? (\d{4})\b")
_ISO_DAY = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_URL_DAY = re.compile(r"/(\d{4})/(\d{1,2})/(\d{1,2})(?:/|$)|/(\d{4})-(\d{2})-(\d{2})(?=[-_/]|$)")


@dataclass(frozen=True)
class FoundDate:
    """A publication date and where it was read ("meta", "json-ld", "time", "url", "byline")."""

    when: datetime
    source: str


def page_date(page: str, url: str = "", now: datetime | None = None) -> FoundDate | None:
    """The date the post at `url` was published, from its page's HTML (or its address); None if unknown.

    Dates after `now` (default: the current time) or before MIN_YEAR are not believed.
    """
    limit = (now or datetime.now(UTC)) + timedelta(days=1)
    reader = _DateReader()
    try:
        reader.feed(page[:MAX_PAGE_CHARS])
        reader.close()
    except _Done:
        pass
    kinds: list[tuple[str, list[str]]] = [
        ("meta", reader.metas),
        ("json-ld", reader.json_dates),
        ("time", reader.hinted_times),
    ]
    for source, values in kinds:
        found = _first(values, _iso, limit)
        if found:
            return FoundDate(found, source)
    from_url = url_date(url, now)
    if from_url:
        return FoundDate(from_url, "url")
    found = _first(reader.times, _iso, limit)
    if found:
        return FoundDate(found, "time")
    found = _first(reader.bylines, text_date, limit)
    return FoundDate(found, "byline") if found else None


def url_date(url: str, now: datetime | None = None) -> datetime | None:
    """The day a post's address names (`/2024/03/05/slug`, `/2019-10-04_slug/`), None when it names none."""
    match = _URL_DAY.search(urlsplit(url).path[:2000])
    if not match:
        return None
    year, month, day = (int(g) for g in match.groups() if g is not None)
    found = _day(year, month, day)
    return found if found and _believable(found, (now or datetime.now(UTC)) + timedelta(days=1)) else None


def text_date(text: str) -> datetime | None:
    """A day written in English in a byline: "Nov 12, 2023", "March 5th, 2024", "03 May 2017",
    "2021-08-07"; None when the text holds none."""
    text = text[:MAX_BYLINE_CHARS]
    for match in _MONTH_DAY_YEAR.finditer(text):
        month = _MONTHS.get(match.group(1).lower())
        if month:
            return _day(int(match.group(3)), month, int(match.group(2)))
    for match in _DAY_MONTH_YEAR.finditer(text):
        month = _MONTHS.get(match.group(2).lower())
        if month:
            return _day(int(match.group(3)), month, int(match.group(1)))
    iso = _ISO_DAY.search(text)
    return _day(int(iso.group(1)), int(iso.group(2)), int(iso.group(3))) if iso else None


def _iso(value: str) -> datetime | None:
    """An ISO 8601 date or date-time (a date alone is midnight UTC, a time without zone is UTC)."""
    value = value.strip()
    if not value or len(value) > 40:
        return None
    try:
        found = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        match = _ISO_DAY.match(value)
        return _day(int(match.group(1)), int(match.group(2)), int(match.group(3))) if match else None
    return found if found.tzinfo else found.replace(tzinfo=UTC)


def _day(year: int, month: int, day: int) -> datetime | None:
    try:
        return datetime(year, month, day, tzinfo=UTC)
    except ValueError:
        return None


def _believable(found: datetime, limit: datetime) -> bool:
    return found.year >= MIN_YEAR and found <= limit


def _first(values: list[str], parse: Callable[[str], datetime | None], limit: datetime) -> datetime | None:
    for value in values:
        found = parse(value)
        if found and _believable(found, limit):
            return found
    return None


class _Done(Exception):
    """The reader has seen enough (a date from the head is the most trusted there is)."""


class _DateReader(HTMLParser):
    """Collects, in one pass, every place a page may state its date (see the module's docstring)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.metas: list[str] = []
        self.json_dates: list[str] = []
        self.hinted_times: list[str] = []
        self.times: list[str] = []
        self.bylines: list[str] = []
        self._json: list[str] | None = None
        self._skip = 0
        self._byline: list[str] | None = None
        self._byline_tag = ""
        self._byline_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "meta":
            self._meta(values)
        elif tag == "body" and (self.metas or self.json_dates):
            raise _Done
        elif tag == "script":
            is_json = values.get("type", "").strip().lower() == "application/ld+json"
            self._json = [] if is_json else None
            self._skip += not is_json
        elif tag in ("style", "template"):
            self._skip += 1
        elif tag == "time":
            self._time(values)
        if self._byline is not None and tag == self._byline_tag:
            self._byline_depth += 1
        elif self._byline is None and len(self.bylines) < MAX_CANDIDATES and _is_byline(values):
            self._byline, self._byline_tag, self._byline_depth = [], tag, 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            if self._json is not None:
                self._json_ld("".join(self._json))
                self._json = None
            else:
                self._skip = max(0, self._skip - 1)
        elif tag in ("style", "template"):
            self._skip = max(0, self._skip - 1)
        if self._byline is not None and tag == self._byline_tag:
            self._byline_depth -= 1
            if self._byline_depth <= 0:
                self.bylines.append(" ".join("".join(self._byline).split()))
                self._byline = None

    def handle_data(self, data: str) -> None:
        if self._json is not None:
            if sum(map(len, self._json)) < MAX_JSON_CHARS:
                self._json.append(data)
        elif not self._skip and self._byline is not None and sum(map(len, self._byline)) < MAX_BYLINE_CHARS:
            self._byline.append(data)

    def _meta(self, values: dict[str, str]) -> None:
        key = (values.get("property") or values.get("name") or values.get("itemprop") or "").strip().lower()
        if key in DATE_METAS and len(self.metas) < MAX_CANDIDATES:
            self.metas.append(values.get("content", ""))

    def _time(self, values: dict[str, str]) -> None:
        stamp = values.get("datetime", "")
        if not stamp or len(self.times) >= MAX_CANDIDATES:
            return
        marks = " ".join((values.get("class", ""), values.get("itemprop", ""), values.get("pubdate", "")))
        if "pubdate" in values or (_HINT.search(marks) and not _NOT_PUBLISHED.search(marks)):
            self.hinted_times.append(stamp)
        if not _NOT_PUBLISHED.search(marks):
            self.times.append(stamp)

    def _json_ld(self, text: str) -> None:
        try:
            data = json.loads(text)
        except (ValueError, RecursionError):  # RecursionError: "[[[[…" nested past the stack
            return
        items = data if isinstance(data, list) else [data]
        for item in items[:MAX_CANDIDATES]:
            if isinstance(item, dict) and isinstance(item.get("@graph"), list):
                items.extend(item["@graph"][:MAX_CANDIDATES])
        for item in items[: MAX_CANDIDATES * 2]:
            if isinstance(item, dict) and isinstance(item.get("datePublished"), str):
                self.json_dates.append(item["datePublished"])


def _is_byline(values: dict[str, str]) -> bool:
    marks = " ".join((values.get("class", ""), values.get("id", ""), values.get("itemprop", "")))
    return bool(marks.strip()) and bool(_BYLINE.search(marks)) and not _NOT_PUBLISHED.search(marks)
