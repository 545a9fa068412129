"""The fetch stage: a feed (URL or file) -> FeedInfo + Posts, and a post's web page -> HTML.

http.py   HTTP rules: timeouts, retries, redirects, size limit, conditional GET (httpx)
feeds.py  feed bytes -> FeedResult (feedparser)
text.py   plain text, control characters, teaser detection
"""

from __future__ import annotations

import re
from pathlib import Path

from post2pod.errors import FetchError
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
from post2pod.fetch.text import has_full_text
from post2pod.models import FeedInfo

__all__ = ["FeedResult", "HttpSettings", "fetch_feed", "fetch_page", "has_full_text", "is_url"]

_HTML_TYPES = ("text/html", "application/xhtml+xml", "")
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?([\w.:-]+)", re.I)


def fetch_feed(
    source: str,
    *,
    settings: HttpSettings = HttpSettings(),  # noqa: B008 (frozen, so one shared default is safe)
    etag: str | None = None,
    last_modified: str | None = None,
) -> FeedResult:
    """Fetch and parse the feed at `source` (an http(s) URL or a local file path).

    With `etag`/`last_modified` from an earlier run the GET is conditional; an unchanged feed gives
    `FeedResult(not_modified=True)` with no posts. Raises FetchError with what failed and how to fix it.
    """
    if not is_url(source):
        if has_scheme(source):
            check_url(source)
        return parse_feed(_read_file(source, settings.max_bytes), source)
    got = download(
        source.strip(), settings, accept=FEED_ACCEPT, headers=_conditional(etag, last_modified), trusted=True
    )
    if got.not_modified:
        return FeedResult(
            info=FeedInfo(title="", link=""),
            posts=(),
            not_modified=True,
            etag=got.headers.get("etag", etag),
            last_modified=got.headers.get("last-modified", last_modified),
            addresses=got.addresses,
        )
    result = parse_feed(got.body, source, base_url=got.url, charset=got.charset)
    return FeedResult(
        info=result.info,
        posts=result.posts,
        warnings=result.warnings,
        etag=got.headers.get("etag"),
        last_modified=got.headers.get("last-modified"),
        addresses=got.addresses,
    )


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
    got = download(url, settings, accept=PAGE_ACCEPT, trusted=trusted)
    if got.media_type not in _HTML_TYPES:
        raise FetchError(f"{url} is not a web page ({got.media_type}); give the address of the post's page")
    return _decode_page(got)


def _conditional(etag: str | None, last_modified: str | None) -> dict[str, str]:
    headers = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    return headers


def _read_file(source: str, max_bytes: int) -> bytes:
    path = Path(source).expanduser()
    try:
        if path.stat().st_size > max_bytes:
            raise FetchError(f"{source} is larger than the {max_bytes:,} byte limit; check that it is a feed")
        return path.read_bytes()
    except FileNotFoundError:
        raise FetchError(
            f"feed file {source} does not exist; check the path or give an http(s) URL"
        ) from None
    except IsADirectoryError:
        raise FetchError(f"{source} is a folder, not a feed file; give the feed's file or URL") from None
    except OSError as exc:
        raise FetchError(f"cannot read feed file {source}: {exc.strerror}; check its permissions") from None


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
