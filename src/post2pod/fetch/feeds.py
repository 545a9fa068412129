"""Feed bytes -> FeedInfo + Posts, with feedparser (imported here and nowhere else in post2pod).

It owns parsing a feed into posts and the small, separate repairs feedparser's loose results need
(encodings, surrogates, dates, guids, links, summaries, pictures), each a short function.
"""

from __future__ import annotations

import calendar
import codecs
import hashlib
import io
import re
import time
import xml.sax
from dataclasses import dataclass, fields, replace
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from typing import Any, TypeVar
from urllib.parse import urljoin, urlsplit

from post2pod.errors import FetchError
from post2pod.fetch.dates import url_date
from post2pod.fetch.sniff import binary_kind
from post2pod.fetch.text import (
    collapse,
    has_full_text,
    plain_text,
    plain_title,
    site_names,
    strip_controls,
    text_to_html,
    title_text,
    without_site_name,
)
from post2pod.models import FeedInfo, Post

UNTITLED = "Untitled post"
MIN_YEAR = 1900  # earlier "dates" are mistakes; a year below 1000 is even read back as 20xx
UNDATED = datetime(1970, 1, 1, tzinfo=UTC)  # fixed, so an undated post sorts last and never moves
_XML_ENCODING = re.compile(rb"^\s*<\?xml[^>]*encoding\s*=\s*[\"']([\w.:-]+)[\"']")
_HTML_START = re.compile(rb"<!doctype\s+html|<html[\s>]", re.I)
_FEED_START = re.compile(rb"<(rss|feed|rdf:RDF)[\s>]", re.I)
_DOCTYPE = re.compile(
    rb"^(?P<prolog>(?:\xef\xbb\xbf)?(?:\s|<\?.*?\?>|<!--.*?-->)*)"
    rb"<!DOCTYPE\s+(?P<name>[\w:.-]+)(?P<external>[^\[>]*)(?:\[(?P<subset>.*?)\]\s*)?>",
    re.DOTALL | re.IGNORECASE,
)
_CHAR_ENTITY = re.compile(rb"<!ENTITY\s+([\w:.-]+)\s+([\"'])(&#(?:\d+|x[0-9a-fA-F]+);)\2\s*>")
_Record = TypeVar("_Record", FeedInfo, Post)
_CHAR_REF = re.compile(rb"&#([xX][0-9a-fA-F]{1,16}|[0-9]{1,20});")
_SURROGATE = re.compile("[\ud800-\udfff]")
_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+json")


@dataclass(frozen=True)
class FeedResult:
    """One fetch of the source feed: the blog, its posts (newest first), what to tell the user."""

    info: FeedInfo
    posts: tuple[Post, ...]
    warnings: tuple[str, ...] = ()
    not_modified: bool = False  # a 304, or the same bytes as last time: posts empty, nothing to do
    etag: str | None = None
    last_modified: str | None = None
    addresses: frozenset[str] = frozenset()  # internal addresses the feed was served from
    body_hash: str | None = None  # of the feed's bytes: unchanged bytes need no parsing next time


def parse_feed(data: bytes, source: str, *, base_url: str = "", charset: str | None = None) -> FeedResult:
    """Parse feed bytes read from `source` (relative links resolve against `base_url`, else xml:base).

    Raises FetchError when there is nothing to narrate: not a feed, a web page, no entries.
    """
    data = _CHAR_REF.sub(_safe_char_ref, data)
    parsed = _parse(data, base_url, charset)
    if not base_url and _self_link(parsed):  # a local copy: resolve links as if fetched from its URL
        base_url = _self_link(parsed)
        parsed = _parse(data, base_url, charset)
    if not parsed.entries:
        raise _nothing_to_read(data, parsed, source, base_url)
    warnings = _parse_warnings(data, parsed, source)
    info = _feed_info(parsed.feed, source)
    posts, post_warnings = _posts(parsed, source, site_names(info.title, info.link))
    if not base_url and any(p.url and not urlsplit(p.url).scheme for p in posts):
        warnings.append(
            f"feed {source} uses relative links and was read from a file, so post addresses "
            "stay relative; fetch the feed from its URL to get full addresses"
        )
    return FeedResult(
        info=without_surrogates(info),
        posts=tuple(without_surrogates(post) for post in posts),
        warnings=tuple(no_surrogates(w) for w in (*warnings, *post_warnings)),
    )


# --- parsing ----------------------------------------------------------------------------------


def _safe_char_ref(match: re.Match[bytes]) -> bytes:
    """A character reference to a surrogate or beyond Unicode becomes U+FFFD (feedparser's loose
    parser crashes on them, and no encoder could write them)."""
    digits = match.group(1)
    try:
        code = int(digits[1:], 16) if digits[:1] in (b"x", b"X") else int(digits)
    except ValueError:
        return match.group(0)
    return b"&#xFFFD;" if 0xD800 <= code <= 0xDFFF or code > 0x10FFFF else match.group(0)


def no_surrogates(text: str) -> str:
    """`text` with lone surrogates (which feedparser's loose parser makes of `&#xD800;`) replaced:
    they cannot be encoded, so they would break every later write."""
    return _SURROGATE.sub("\ufffd", text)


def without_surrogates(record: _Record) -> _Record:
    """A Post or FeedInfo with no lone surrogate in any of its text fields (or tuples of text)."""
    changes: dict[str, Any] = {}
    for item in fields(record):
        value = getattr(record, item.name)
        if isinstance(value, str) and _SURROGATE.search(value):
            changes[item.name] = no_surrogates(value)
        elif isinstance(value, tuple) and any(isinstance(v, str) and _SURROGATE.search(v) for v in value):
            changes[item.name] = tuple(no_surrogates(v) if isinstance(v, str) else v for v in value)
    return replace(record, **changes) if changes else record


def _parse(data: bytes, base_url: str, charset: str | None) -> Any:
    data = _defuse_doctype(data)
    headers = {"content-type": _content_type(data, charset)}
    if base_url:
        headers["content-location"] = base_url
    import feedparser  # here: a run whose feed has not changed never parses one (nor loads feedparser)

    # A BytesIO, never the bytes: feedparser treats a bytes/str argument that names a file as a path.
    return feedparser.parse(
        io.BytesIO(data), sanitize_html=False, resolve_relative_uris=True, response_headers=headers
    )


def _defuse_doctype(data: bytes) -> bytes:
    """Drop every entity declaration from the DOCTYPE except single-character ones.

    No external entity can then be read and no entity can expand into another (billion laughs);
    feedparser and expat have their own guards, but feedparser's misses one-line declarations.
    """
    match = _DOCTYPE.match(data)
    if not match:
        return data
    kept = [b'<!ENTITY %s "%s">\n' % (m[1], m[3]) for m in _CHAR_ENTITY.finditer(match["subset"] or b"")]
    subset = b" [\n" + b"".join(kept) + b"]" if kept else b""
    doctype = b"<!DOCTYPE " + match["name"] + match["external"].rstrip() + subset + b">"
    return match["prolog"] + doctype + data[match.end() :]


def _content_type(data: bytes, charset: str | None) -> str:
    """The media type we tell feedparser: valid UTF-8 wins over any declared encoding."""
    if _is_utf8(data):
        return "application/xml; charset=utf-8"
    return f"application/xml; charset={charset}" if charset else "application/xml"


def _is_utf8(data: bytes) -> bool:
    if b"\x00" in data or data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False  # UTF-16/32 look like valid UTF-8 full of NULs
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _declared_encoding(data: bytes) -> str | None:
    match = _XML_ENCODING.match(data.removeprefix(codecs.BOM_UTF8)[:500])
    return match.group(1).decode("ascii") if match else None


def _self_link(parsed: Any) -> str:
    for link in parsed.feed.get("links", []):
        href = link.get("href", "")
        if link.get("rel") == "self" and urlsplit(href).scheme in ("http", "https"):
            return href
    return ""


# --- what went wrong --------------------------------------------------------------------------


def _bozo_reason(parsed: Any) -> str:
    exc = parsed.get("bozo_exception")
    if isinstance(exc, xml.sax.SAXParseException):
        return f"line {exc.getLineNumber()}, column {exc.getColumnNumber()}: {exc.getMessage()}"
    return collapse(str(exc)) if exc else "unknown error"


def _is_malformed(parsed: Any) -> bool:
    exc = parsed.get("bozo_exception")
    return bool(parsed.get("bozo")) and isinstance(exc, xml.sax.SAXException)


def _parse_warnings(data: bytes, parsed: Any, source: str) -> list[str]:
    warnings = []
    declared = _declared_encoding(data)
    if declared and _is_utf8(data) and not data.isascii() and _codec(declared) not in ("utf-8", None):
        warnings.append(f"feed {source} declares the encoding {declared} but is UTF-8; read it as UTF-8")
    import feedparser

    exc = parsed.get("bozo_exception")
    if isinstance(exc, feedparser.CharacterEncodingOverride | feedparser.CharacterEncodingUnknown):
        warnings.append(
            f"feed {source} has a wrong character encoding ({collapse(str(exc))}); "
            "some characters may be wrong"
        )
    elif _is_malformed(parsed):
        warnings.append(
            f"feed {source} is not well-formed XML ({_bozo_reason(parsed)}); "
            f"using the {len(parsed.entries)} entries that could be read"
        )
    return warnings


def _codec(name: str) -> str | None:
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _nothing_to_read(data: bytes, parsed: Any, source: str, base_url: str) -> FetchError:
    if not data.strip():
        return FetchError(f"{source} is empty; check the feed address")
    kind = binary_kind(data)
    if kind:
        return FetchError(f"{source} is {kind}, not an RSS or Atom feed; check the feed address")
    head = data[:2048]
    if not parsed.get("version") and _HTML_START.search(head) and not _FEED_START.search(head):
        found = _feed_links(data, base_url)
        named = f" (this page names {collapse(found[0])[:300]})" if found else ""
        return FetchError(f"{source} is a web page, not a feed; look for its RSS/Atom link{named}")
    if _is_malformed(parsed):
        if parsed.get("version") or _FEED_START.search(head):
            return FetchError(
                f"feed {source} is not well-formed XML ({_bozo_reason(parsed)}) and no entries "
                "could be read; check it with https://validator.w3.org/feed/"
            )
        return FetchError(
            f"{source} is not an RSS or Atom feed ({_bozo_reason(parsed)}); check the feed address"
        )
    if not parsed.get("version"):
        return FetchError(f"{source} is not an RSS or Atom feed; check the feed address")
    return FetchError(f"feed {source} has no entries; check that it is the blog's feed of posts")


class _FeedLinkFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: (v or "") for k, v in attrs}
        rels = values.get("rel", "").lower().split()
        if tag == "link" and "alternate" in rels and values.get("type", "").lower() in _FEED_TYPES:
            self.hrefs.append(values.get("href", ""))


def _web_url(value: str) -> str:
    """`value` if it is an http(s) URL, else "" (a `javascript:` or `data:` link never gets published)."""
    url = collapse(value)
    return url if urlsplit(url).scheme.lower() in ("http", "https") and urlsplit(url).netloc else ""


def _feed_links(data: bytes, base_url: str) -> list[str]:
    """Feed addresses a web page advertises with <link rel="alternate" type="application/rss+xml">."""
    finder = _FeedLinkFinder()
    finder.feed(data[:200_000].decode("utf-8", "replace"))
    return [urljoin(base_url, href) for href in finder.hrefs if href.strip()]


# --- feed and entries -------------------------------------------------------------------------


def _feed_info(feed: dict[str, Any], source: str) -> FeedInfo:
    title = _title(feed) or _fallback_feed_title(source)
    image = (feed.get("image") or {}).get("href") or feed.get("logo") or ""
    return FeedInfo(
        title=title,
        link=_web_url(feed.get("link", "")),
        description=plain_text(feed.get("subtitle", "")),
        author=_author(feed),
        language=collapse(feed.get("language") or ""),
        image_url=collapse(image),
        author_email=_author_email(feed),
    )


def _fallback_feed_title(source: str) -> str:
    parts = urlsplit(source)
    return parts.netloc if parts.netloc else source.rsplit("/", 1)[-1].rsplit(".", 1)[0]


def _title(item: dict[str, Any]) -> str:
    """The title as shown and said (a subtitle in `<small>` kept apart: "Title: Subtitle")."""
    detail = item.get("title_detail") or {}
    return title_text(item.get("title", ""), "html" in detail.get("type", "text/plain"))


def _raw_title(item: dict[str, Any]) -> str:
    """The title as post2pod always read it: what a guid made from a title was made of."""
    detail = item.get("title_detail") or {}
    return plain_title(item.get("title", ""), "html" in detail.get("type", "text/plain")) or UNTITLED


def _posts(parsed: Any, source: str, sites: tuple[str, ...] = ()) -> tuple[tuple[Post, ...], list[str]]:
    """Posts newest first; duplicates (same guid) dropped after the first; warnings for both and undated.

    A title loses the site's name (`sites`) that some generators add to it ("… | Rust Blog")."""
    feed_date = _date(parsed.feed, "updated_parsed")
    posts: list[Post] = []
    seen: set[str] = set()
    duplicates: list[str] = []
    undated: list[str] = []
    for entry in parsed.entries:
        post = _post(entry, parsed.feed, source, feed_date or UNDATED, sites)
        if post.guid in seen:
            duplicates.append(post.guid)
            continue
        seen.add(post.guid)
        posts.append(post)
        if not post.date_known:
            undated.append(post.title)
    posts, date_warnings = _sane_dates(posts, feed_date, datetime.now(UTC).replace(microsecond=0))
    warnings = [*_duplicate_warning(source, duplicates), *_undated_warning(source, undated, feed_date)]
    warnings += date_warnings
    warnings += [
        f"post {p.title!r} has only a summary and no web address to fetch the full text from"
        for p in posts
        if not urlsplit(p.url).scheme and not has_full_text(p)
    ]
    posts.sort(key=lambda p: p.published, reverse=True)  # stable: feed order among equal dates
    return tuple(posts), warnings


def _sane_dates(posts: list[Post], feed_date: datetime | None, now: datetime) -> tuple[list[Post], list[str]]:
    """Posts dated after `now` (the fetch time) are dated `now`; a year before MIN_YEAR is not a
    date but a mistake (or an attack on the order of episodes): such a post is treated as undated."""
    fixed: list[Post] = []
    warnings: list[str] = []
    for post in posts:
        if post.published > now:
            if post.published > now + timedelta(days=1):  # not just a time zone mistake
                warnings.append(
                    f"post {post.title!r} is dated in the future ({post.published:%Y-%m-%d}); "
                    "dated it to the time it was fetched"
                )
            post = replace(post, published=now)
        elif post.published.year < MIN_YEAR:
            fallback = feed_date if feed_date and feed_date.year >= MIN_YEAR and feed_date <= now else UNDATED
            warnings.append(
                f"post {post.title!r} has an impossible date (year {post.published.year}); "
                f"dated it to {fallback:%Y-%m-%d}"
            )
            post = replace(post, published=fallback, date_known=False)
        if post.updated is not None and not (post.updated.year >= MIN_YEAR and post.updated <= now):
            post = replace(post, updated=None)
        fixed.append(post)
    return fixed, warnings


def _duplicate_warning(source: str, guids: list[str]) -> list[str]:
    if not guids:
        return []
    shown = ", ".join(sorted(set(guids))[:3])
    return [f"feed {source} repeats {len(guids)} entry id(s) ({shown}); kept the first of each"]


def _undated_warning(source: str, titles: list[str], feed_date: datetime | None) -> list[str]:
    if not titles:
        return []
    when = f"the feed's date, {feed_date:%Y-%m-%d}" if feed_date else f"{UNDATED:%Y-%m-%d}"
    shown = ", ".join(repr(t) for t in titles[:3])
    return [
        f"feed {source} has {len(titles)} post(s) without a date ({shown}); their pages are read for "
        f"one, else they are ordered as of {when} and their intros name no date"
    ]


def _post(
    entry: dict[str, Any],
    feed: dict[str, Any],
    source: str,
    fallback_date: datetime,
    sites: tuple[str, ...] = (),
) -> Post:
    url = _link(entry)
    published = _entry_date(entry) or url_date(url)  # "/2024/03/05/slug": the address's day
    return Post(
        guid=_guid(entry, url, _raw_title(entry)),
        url=url,
        title=without_site_name(_title(entry), sites) or UNTITLED,
        published=published or fallback_date,
        date_known=published is not None,
        updated=_date(entry, "updated_parsed"),
        html=_html(entry),
        author=_author(entry) or _author(feed),
        summary=strip_controls(entry.get("summary", "")).strip(),
        source_feed=source,
        summary_only=not _contents(entry),
        language=next((c["language"] for c in _contents(entry) if c.get("language")), "")
        or collapse(feed.get("language") or ""),
        image_url=_image(entry),
    )


def _image(entry: dict[str, Any]) -> str:
    """The post's picture, as feeds give one: media:thumbnail, an image media:content, an image
    enclosure (http(s) addresses only; "" when it has none)."""
    candidates = [item.get("url", "") for item in entry.get("media_thumbnail") or ()]
    candidates += [
        item.get("url", "")
        for item in entry.get("media_content") or ()
        if item.get("medium") == "image" or str(item.get("type", "")).startswith("image/")
    ]
    candidates += [
        item.get("href", "")
        for item in entry.get("enclosures") or ()
        if str(item.get("type", "")).startswith("image/")
    ]
    for candidate in candidates:
        url = collapse(candidate)
        if urlsplit(url).scheme in ("http", "https") and len(url) <= 2000:
            return url
    return ""


def _author(item: dict[str, Any]) -> str:
    """A person's name: RSS `<author>` is often "email (Name)"; never read an e-mail address aloud."""
    raw = collapse(item.get("author", ""))
    match = re.fullmatch(r"\S+@\S+\s*\((.+)\)", raw)
    if match:
        return match.group(1).strip()
    if not re.search(r"\S+@\S+", raw):
        return raw
    name = collapse((item.get("author_detail") or {}).get("name", ""))
    return "" if "@" in name or "(" in name else name


def _author_email(item: dict[str, Any]) -> str:
    """The e-mail address of the feed's author or managing editor ("ada@example.org (Ada)")."""
    for detail in (item.get("author_detail") or {}, item.get("publisher_detail") or {}):
        email = collapse(detail.get("email", ""))
        if re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", email):
            return email
    return ""


def _link(entry: dict[str, Any]) -> str:
    """The entry's web address: FeedBurner's original link, else its link, else any alternate link.

    Empty when it has none (feedparser copies a tag:/urn: id into `link` when no HTML link exists).
    """
    alternates = [x.get("href", "") for x in entry.get("links", []) if x.get("rel") == "alternate"]
    for candidate in (entry.get("feedburner_origlink", ""), entry.get("link", ""), *alternates):
        link = collapse(candidate)
        if link and urlsplit(link).scheme.lower() in ("http", "https", ""):
            return link
    return ""


def _guid(entry: dict[str, Any], url: str, title: str) -> str:
    """The entry's id, else its link, else a hash of what identifies it (stable across runs)."""
    guid = collapse(entry.get("id", "")) or url
    if guid:
        return guid
    own_date = collapse(dict.get(entry, "published", "") or dict.get(entry, "updated", ""))
    key = [title, own_date] if own_date or title != UNTITLED else [title, _html(entry)]
    return "urn:post2pod:" + hashlib.sha256("\x00".join(key).encode("utf-8")).hexdigest()[:32]


def _html(entry: dict[str, Any]) -> str:
    """The fullest HTML: the longest content value (any type), else the summary."""
    contents = _contents(entry)
    if contents:
        best = max(contents, key=lambda c: len(c["value"]))
        return _as_html(best["value"], best.get("type", ""))
    detail = entry.get("summary_detail") or {}
    return _as_html(entry.get("summary", ""), detail.get("type", "text/html"))


def _contents(entry: dict[str, Any]) -> list[dict[str, Any]]:
    """The entry's non-empty full-content values (content:encoded, Atom content)."""
    return [c for c in entry.get("content", []) if c.get("value", "").strip()]


def _as_html(value: str, media_type: str) -> str:
    return text_to_html(value) if media_type == "text/plain" else strip_controls(value).strip()


def _entry_date(entry: dict[str, Any]) -> datetime | None:
    return _date(entry, "published_parsed") or _date(entry, "updated_parsed")


def _date(item: dict[str, Any], key: str) -> datetime | None:
    # dict.get: FeedParserDict maps a missing updated_parsed to published_parsed (with a warning).
    parsed: time.struct_time | None = dict.get(item, key)
    if not parsed:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(parsed), UTC)
    except (OverflowError, ValueError, OSError):
        return None
