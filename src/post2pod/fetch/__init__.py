"""The fetch stage: a feed (URL or file) -> FeedInfo + Posts, and a post's web page -> HTML.

http.py   HTTP rules: timeouts, retries, redirects, size limit, conditional GET (httpx)
feeds.py  feed bytes -> FeedResult (feedparser)
dates.py  a post's publication date from its page or address
text.py   plain text, control characters, teaser detection
"""

from __future__ import annotations

import hashlib
import html
import re
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urljoin

from post2pod.errors import FetchError
from post2pod.fetch.dates import FoundDate, page_date
from post2pod.fetch.feeds import FeedResult, parse_feed
from post2pod.fetch.http import (
    FEED_ACCEPT,
    PAGE_ACCEPT,
    Download,
    HttpSettings,
    check_url,
    download,
    has_scheme,
    is_url,
)
from post2pod.fetch.meta import page_image
from post2pod.fetch.sniff import SNIFF_BYTES, binary_kind
from post2pod.fetch.text import has_full_text, plain_text
from post2pod.models import FeedInfo

__all__ = [
    "FeedResult",
    "FoundDate",
    "HttpSettings",
    "PageRead",
    "binary_kind",
    "fetch_feed",
    "fetch_page",
    "has_full_text",
    "is_url",
    "page_date",
    "page_image",
    "plain_text",
    "read_page",
    "read_page_file",
]

_HTML_TYPES = ("text/html", "application/xhtml+xml", "")
MAX_META_REFRESH = 3
_REFRESH_SCAN = 16_384  # redirect pages put the tag in <head>
_META_TAG = re.compile(r"<meta\b[^>]*>", re.I)
_REFRESH = re.compile(r"http-equiv\s*=\s*[\"']?refresh", re.I)
_CONTENT = re.compile(r"content\s*=\s*([\"'])(.*?)\1", re.I | re.S)
_REFRESH_URL = re.compile(r"^\s*\d*(?:\.\d*)?\s*[;,]\s*url\s*=\s*(\S.*)$", re.I | re.S)
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?([\w.:-]+)", re.I)


def fetch_feed(
    source: str,
    *,
    settings: HttpSettings = HttpSettings(),  # noqa: B008 (frozen, so one shared default is safe)
    etag: str | None = None,
    last_modified: str | None = None,
    body_hash: str | None = None,
) -> FeedResult:
    """Fetch and parse the feed at `source` (an http(s) URL or a local file path).

    With `etag`/`last_modified` from an earlier run the GET is conditional, and with `body_hash` (a
    file, or a server that gives no validators) the same bytes are not parsed again: an unchanged feed
    gives `FeedResult(not_modified=True)` with no posts. Raises FetchError with what failed and how
    to fix it.
    """
    if not is_url(source):
        if has_scheme(source):
            check_url(source)
        data = _read_file(source, settings.max_bytes)
        digest = hashlib.sha256(data).hexdigest()
        if digest == body_hash:
            return _unchanged(body_hash=digest)
        return replace(parse_feed(data, source), body_hash=digest)
    got = download(
        source.strip(), settings, accept=FEED_ACCEPT, headers=_conditional(etag, last_modified), trusted=True
    )
    etag, last_modified = got.headers.get("etag", etag), got.headers.get("last-modified", last_modified)
    if got.not_modified:
        return _unchanged(etag, last_modified, got.addresses, body_hash)
    digest = hashlib.sha256(got.body).hexdigest()
    if digest == body_hash:  # no validators, or a server that ignores them: the bytes tell
        return _unchanged(etag, last_modified, got.addresses, digest)
    result = parse_feed(got.body, source, base_url=got.url, charset=got.charset)
    return FeedResult(
        info=result.info,
        posts=result.posts,
        warnings=result.warnings,
        etag=got.headers.get("etag"),
        last_modified=got.headers.get("last-modified"),
        addresses=got.addresses,
        body_hash=digest,
    )


def _unchanged(
    etag: str | None = None,
    last_modified: str | None = None,
    addresses: frozenset[str] = frozenset(),
    body_hash: str | None = None,
) -> FeedResult:
    return FeedResult(
        info=FeedInfo(title="", link=""),
        posts=(),
        not_modified=True,
        etag=etag,
        last_modified=last_modified,
        addresses=addresses,
        body_hash=body_hash,
    )


@dataclass(frozen=True)
class PageRead:
    """A post's page as a conditional GET found it: `page` is None when the server says it has not
    changed (304) since the validators were saved."""

    page: str | None
    etag: str | None = None
    last_modified: str | None = None


def fetch_page(
    url: str,
    *,
    settings: HttpSettings = HttpSettings(),  # noqa: B008
    trusted: bool = False,
) -> str:
    """The HTML of a post's web page (for feeds that carry only a summary); same HTTP rules as feeds.

    A link from feed content must lead to public addresses (see `http.Policy`); `trusted` is for a
    URL the operator typed, which may be internal.
    """
    return read_page(url, settings=settings, trusted=trusted).page or ""


def read_page(
    url: str,
    *,
    settings: HttpSettings = HttpSettings(),  # noqa: B008
    etag: str | None = None,
    last_modified: str | None = None,
    trusted: bool = False,
) -> PageRead:
    """`fetch_page`, conditional on the validators of an earlier read: an unchanged page costs a 304."""
    headers = _conditional(etag, last_modified)
    for _hop in range(MAX_META_REFRESH + 1):
        got = download(url, settings, accept=PAGE_ACCEPT, headers=headers, trusted=trusted)
        if got.not_modified:
            return PageRead(None, etag, last_modified)
        if got.media_type not in _HTML_TYPES:
            raise FetchError(
                f"{url} is not a web page ({got.media_type}); give the address of the post's page"
            )
        kind = binary_kind(got.body)
        if kind:
            raise FetchError(f"{url} is {kind}, not a web page; give the address of the post's page")
        page = _decode_page(got)
        target = meta_refresh(page, got.url)
        if target is None:
            return PageRead(page, got.headers.get("etag"), got.headers.get("last-modified"))
        if not is_url(target):
            raise FetchError(f"{url} is a redirect page to {target[:200]}, which is not an http(s) URL")
        url, trusted, headers = target, False, {}  # a page's redirect is content: the address policy applies
    raise FetchError(
        f"{url} redirects (by <meta http-equiv=refresh>) too many times; give the post's address"
    )


def meta_refresh(page: str, base_url: str) -> str | None:
    """The target of a redirect page (`<meta http-equiv="refresh" content="0; url=…">`), if any."""
    for tag in _META_TAG.findall(page[:_REFRESH_SCAN]):
        if _REFRESH.search(tag):
            content = _CONTENT.search(tag)
            target = _REFRESH_URL.search(html.unescape(content.group(2))) if content else None
            if target:
                return urljoin(base_url, target.group(1).strip().strip("'\""))
    return None


def _conditional(etag: str | None, last_modified: str | None) -> dict[str, str]:
    headers = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    return headers


def read_page_file(source: str, max_bytes: int) -> str:
    """An HTML file's text (for `post2pod script FILE`); refuses images, PDFs, archives, random bytes."""
    data = _read_file(source, max_bytes, what="file")
    return data.decode("utf-8", "replace")


def _read_file(source: str, max_bytes: int, what: str = "feed file") -> bytes:
    """The file's bytes, at most `max_bytes`; refused when its first bytes show it is not text.

    Read in two steps, so a device that never ends (/dev/urandom) is judged by its first bytes.
    """
    path = Path(source).expanduser()
    try:
        if path.exists() and not path.is_dir() and not path.is_file():
            raise FetchError(
                f"{source} is not a regular file (a device or pipe?); give the {what} or its URL"
            )
        with path.open("rb") as stream:
            head = stream.read(SNIFF_BYTES)
            kind = binary_kind(head)
            if kind:
                raise FetchError(f"{source} is {kind}, not text; give an HTML page, a feed or their URL")
            data = head + stream.read(max_bytes + 1 - len(head))
    except FileNotFoundError:
        raise FetchError(f"{what} {source} does not exist; check the path or give an http(s) URL") from None
    except IsADirectoryError:
        raise FetchError(f"{source} is a folder, not a {what}; give the {what} or its URL") from None
    except OSError as exc:
        raise FetchError(f"cannot read {what} {source}: {exc.strerror}; check its permissions") from None
    if len(data) > max_bytes:
        raise FetchError(f"{source} is larger than the {max_bytes:,} byte limit; check that it is a {what}")
    return data


def _decode_page(got: Download) -> str:
    """Header charset, else <meta charset>, else UTF-8 (undecodable bytes replaced)."""
    match = _META_CHARSET.search(got.body[:4096])
    for charset in (got.charset, match.group(1).decode("ascii") if match else None):
        if charset:
            try:
                return got.body.decode(charset)
            except (LookupError, UnicodeDecodeError):
                continue
    return got.body.decode("utf-8", "replace")
