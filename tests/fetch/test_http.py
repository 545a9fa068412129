"""HTTP rules of the fetch stage, against a real server on 127.0.0.1."""

from __future__ import annotations

import dataclasses
import gzip
import socket
import threading
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from post2pod import __version__
from post2pod.config import FetchSettings
from post2pod.errors import FetchError
from post2pod.fetch import HttpSettings, fetch_feed, fetch_page, is_url
from post2pod.fetch.client import _retry_after

from .conftest import CORPUS, FAST, feed_bytes

RSS = feed_bytes("rss-content-encoded.xml")
XML = "application/rss+xml; charset=utf-8"
LOCAL = dataclasses.replace(FAST, allow_private=True)  # pages served by the test server


def test_retries_after_a_server_error(server: HTTPServer) -> None:
    server.expect_oneshot_request("/feed").respond_with_data("down", status=500)
    server.expect_request("/feed").respond_with_data(RSS, content_type=XML)
    result = fetch_feed(server.url_for("/feed"), settings=FAST)
    assert result.posts[0].title.startswith("Newest post")
    assert len(server.log) == 2


def test_gives_up_on_a_lasting_server_error(server: HTTPServer) -> None:
    server.expect_request("/feed").respond_with_data("down", status=503)
    with pytest.raises(FetchError, match=r"HTTP 503 .*3 attempts"):
        fetch_feed(server.url_for("/feed"), settings=FAST)
    assert len(server.log) == FAST.retries + 1


def test_honours_retry_after_on_429(server: HTTPServer) -> None:
    server.expect_oneshot_request("/feed").respond_with_data(
        "slow down", status=429, headers={"Retry-After": "1"}
    )
    server.expect_request("/feed").respond_with_data(RSS, content_type=XML)
    start = time.monotonic()
    result = fetch_feed(server.url_for("/feed"), settings=FAST)
    assert time.monotonic() - start >= 1.0
    assert result.posts


def test_retry_after_is_capped(server: HTTPServer) -> None:
    server.expect_oneshot_request("/feed").respond_with_data("", status=503, headers={"Retry-After": "3600"})
    server.expect_request("/feed").respond_with_data(RSS, content_type=XML)
    start = time.monotonic()
    fetch_feed(server.url_for("/feed"), settings=dataclasses.replace(FAST, max_retry_after_s=0.05))
    assert time.monotonic() - start < 2


def test_retry_after_parses_seconds_and_http_dates() -> None:
    assert _retry_after("7") == 7.0
    soon = format_datetime(datetime.now(UTC) + timedelta(seconds=30), usegmt=True)
    assert 25 <= (_retry_after(soon) or 0) <= 30
    assert _retry_after("Mon, 01 Jan 2001 00:00:00 GMT") == 0.0
    assert _retry_after("soon") is None
    assert _retry_after(None) is None


def test_conditional_get_not_modified(server: HTTPServer) -> None:
    modified = "Wed, 03 Jan 2024 09:30:00 GMT"
    server.expect_request(
        "/feed", headers={"If-None-Match": '"v1"', "If-Modified-Since": modified}
    ).respond_with_data("", status=304, headers={"ETag": '"v1"'})
    result = fetch_feed(server.url_for("/feed"), settings=FAST, etag='"v1"', last_modified=modified)
    assert result.not_modified
    assert result.posts == ()
    assert (result.etag, result.last_modified) == ('"v1"', modified)


def test_returns_validators_for_next_time(server: HTTPServer) -> None:
    headers = {"ETag": '"v2"', "Last-Modified": "Thu, 04 Jan 2024 00:00:00 GMT"}
    server.expect_request("/feed").respond_with_data(RSS, content_type=XML, headers=headers)
    result = fetch_feed(server.url_for("/feed"), settings=FAST, etag='"v1"')
    assert not result.not_modified
    assert (result.etag, result.last_modified) == ('"v2"', "Thu, 04 Jan 2024 00:00:00 GMT")


def test_the_same_bytes_without_validators_are_not_parsed_again(server: HTTPServer) -> None:
    """A server that sends no ETag or Last-Modified (or ignores them): the hash of the bytes read last
    time says the feed has not changed, and a 50,000-item feed is not parsed on every run."""
    server.expect_request("/feed").respond_with_data(RSS, content_type=XML)
    first = fetch_feed(server.url_for("/feed"), settings=FAST)
    assert first.posts and first.body_hash
    again = fetch_feed(server.url_for("/feed"), settings=FAST, body_hash=first.body_hash)
    assert again.not_modified and again.posts == () and again.body_hash == first.body_hash
    server.clear()
    edited_feed = RSS.replace(b"Older post", b"Edited post")
    server.expect_request("/feed").respond_with_data(edited_feed, content_type=XML)
    edited = fetch_feed(server.url_for("/feed"), settings=FAST, body_hash=first.body_hash)
    assert not edited.not_modified and edited.posts and edited.body_hash != first.body_hash


def test_an_unchanged_feed_file_is_not_parsed_again(tmp_path) -> None:
    feed = tmp_path / "feed.xml"
    feed.write_bytes(RSS)
    first = fetch_feed(str(feed))
    assert first.posts and fetch_feed(str(feed), body_hash=first.body_hash).not_modified
    feed.write_bytes(RSS.replace(b"Older post", b"Edited post"))
    assert fetch_feed(str(feed), body_hash=first.body_hash).posts


def test_redirect_loop_is_an_error(server: HTTPServer) -> None:
    server.expect_request("/a").respond_with_data("", status=302, headers={"Location": "/b"})
    server.expect_request("/b").respond_with_data("", status=301, headers={"Location": server.url_for("/a")})
    with pytest.raises(FetchError, match="loop"):
        fetch_feed(server.url_for("/a"), settings=FAST)


def test_too_many_redirects(server: HTTPServer) -> None:
    for i in range(4):
        server.expect_request(f"/r{i}").respond_with_data("", status=307, headers={"Location": f"/r{i + 1}"})
    with pytest.raises(FetchError, match="more than 2 times"):
        fetch_feed(server.url_for("/r0"), settings=dataclasses.replace(FAST, max_redirects=2))


def test_follows_redirects_and_resolves_links_against_the_final_url(server: HTTPServer) -> None:
    server.expect_request("/old").respond_with_data("", status=301, headers={"Location": "/blog/feed.xml"})
    server.expect_request("/blog/feed.xml").respond_with_data(RSS, content_type=XML)
    newest = fetch_feed(server.url_for("/old"), settings=FAST).posts[0]
    assert server.url_for("/blog/relative/link.html") in newest.html
    assert newest.source_feed == server.url_for("/old")


def test_redirect_to_another_scheme_is_refused(server: HTTPServer) -> None:
    server.expect_request("/feed").respond_with_data(
        "", status=302, headers={"Location": "file:///etc/passwd"}
    )
    with pytest.raises(FetchError, match="not an http"):
        fetch_feed(server.url_for("/feed"), settings=FAST)


def test_a_stalled_response_times_out_quickly(server: HTTPServer) -> None:
    release = threading.Event()

    def stall(_request: Request) -> Response:
        release.wait(5)
        return Response(RSS, content_type=XML)

    server.expect_request("/feed").respond_with_handler(stall)
    settings = HttpSettings(FetchSettings(timeout_s=0.5, retries=1, backoff_s=0.01))
    start = time.monotonic()
    try:
        with pytest.raises(FetchError, match=r"no answer within 0.5 s \(2 attempts\)"):
            fetch_feed(server.url_for("/feed"), settings=settings)
    finally:
        release.set()
    assert time.monotonic() - start < 3


def test_oversized_body_declared(server: HTTPServer) -> None:
    server.expect_request("/feed").respond_with_data(b"x" * 1_000_001, content_type=XML)
    with pytest.raises(FetchError, match="larger than the 1,000,000 byte limit"):
        fetch_feed(server.url_for("/feed"), settings=dataclasses.replace(FAST, max_mb=1))


def test_oversized_body_streamed_without_length(server: HTTPServer) -> None:
    def endless(_request: Request) -> Response:
        return Response((b"<rss>" + b" " * 1000 for _ in range(1100)), content_type=XML)  # chunked

    server.expect_request("/feed").respond_with_handler(endless)
    with pytest.raises(FetchError, match="byte limit"):
        fetch_feed(server.url_for("/feed"), settings=dataclasses.replace(FAST, max_mb=1))


def test_size_limit_applies_after_decompression(server: HTTPServer) -> None:
    bomb = gzip.compress(b"<rss>" + b" " * 2_000_000)
    server.expect_request("/feed").respond_with_data(
        bomb, content_type=XML, headers={"Content-Encoding": "gzip"}
    )
    with pytest.raises(FetchError, match="byte limit"):
        fetch_feed(server.url_for("/feed"), settings=dataclasses.replace(FAST, max_mb=1))


def test_not_found_names_the_status(server: HTTPServer) -> None:
    server.expect_request("/feed").respond_with_data("nope", status=404)
    with pytest.raises(FetchError, match=r"(?i)HTTP 404 not found; check the address"):
        fetch_feed(server.url_for("/feed"), settings=FAST)
    assert len(server.log) == 1  # a 404 is not retried


def test_sends_a_post2pod_user_agent(server: HTTPServer) -> None:
    server.expect_request("/feed").respond_with_data(RSS, content_type=XML)
    fetch_feed(server.url_for("/feed"), settings=FAST)
    agent = server.log[0][0].headers["User-Agent"]
    assert agent.startswith(f"post2pod/{__version__} ")
    assert agent == HttpSettings().user_agent


@pytest.mark.parametrize("source", ["ftp://example.org/feed.xml", "file:///etc/passwd", "gopher://x/feed"])
def test_other_schemes_are_refused(source: str) -> None:
    with pytest.raises(FetchError, match="only http and https"):
        fetch_feed(source)


def test_connection_refused() -> None:
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(FetchError, match=r"could not fetch .*\(2 attempts\)"):
        fetch_feed(
            f"http://127.0.0.1:{port}/feed", settings=HttpSettings(FetchSettings(retries=1, backoff_s=0.01))
        )


def test_a_body_naming_a_local_file_is_not_opened(server: HTTPServer, tmp_path) -> None:
    secret = tmp_path / "secret.xml"
    secret.write_bytes(RSS.replace(b"Example &amp; Co Blog", b"SECRET"))
    server.expect_request("/feed").respond_with_data(str(secret), content_type="text/plain")
    with pytest.raises(FetchError, match="not an RSS or Atom feed"):
        fetch_feed(server.url_for("/feed"), settings=FAST)


def test_a_web_page_points_to_its_feed(server: HTTPServer) -> None:
    server.expect_request("/").respond_with_data(feed_bytes("html-page.html"), content_type="text/html")
    with pytest.raises(FetchError, match="is a web page, not a feed") as error:
        fetch_feed(server.url_for("/"), settings=FAST)
    assert server.url_for("/feed.xml") in str(error.value)


def test_valid_utf8_wins_over_a_wrong_http_charset(server: HTTPServer) -> None:
    body = feed_bytes("encoding-utf8-declared-latin1.xml")
    server.expect_request("/feed").respond_with_data(body, content_type="text/xml; charset=iso-8859-1")
    assert fetch_feed(server.url_for("/feed"), settings=FAST).posts[0].title == "Crème brûlée – 日本"


@pytest.mark.skipif(not (CORPUS / "jekyll-qemu.xml").is_file(), reason="../shared/corpus is not present")
def test_relative_jekyll_links_resolve_against_the_feed_url(server: HTTPServer) -> None:
    body = (CORPUS / "jekyll-qemu.xml").read_bytes()
    server.expect_request("/feed.xml").respond_with_data(body, content_type="application/atom+xml")
    result = fetch_feed(server.url_for("/feed.xml"), settings=FAST)
    assert not result.warnings
    assert result.info.link == server.url_for("/")
    for post in result.posts:
        assert post.url.startswith(server.url_for("/20")), post.url
        assert 'href="/' not in post.html and 'src="/' not in post.html


def test_fetch_page_decodes_by_meta_charset(server: HTTPServer) -> None:
    page = '<html><head><meta charset="iso-8859-1"></head><body><p>Café</p></body></html>'.encode("latin-1")
    server.expect_request("/post").respond_with_data(page, content_type="text/html")
    assert "<p>Café</p>" in fetch_page(server.url_for("/post"), settings=LOCAL)


def test_fetch_page_uses_the_header_charset(server: HTTPServer) -> None:
    page = "<p>Grüße</p>".encode("cp1252")
    server.expect_request("/post").respond_with_data(page, content_type="text/html; charset=windows-1252")
    assert fetch_page(server.url_for("/post"), settings=LOCAL) == "<p>Grüße</p>"


def test_fetch_page_follows_the_same_rules(server: HTTPServer) -> None:
    server.expect_request("/gone").respond_with_data("", status=410)
    server.expect_request("/doc.pdf").respond_with_data(b"%PDF", content_type="application/pdf")
    with pytest.raises(FetchError, match="HTTP 410"):
        fetch_page(server.url_for("/gone"), settings=LOCAL)
    with pytest.raises(FetchError, match="not a web page"):
        fetch_page(server.url_for("/doc.pdf"), settings=LOCAL)
    with pytest.raises(FetchError, match="only http and https"):
        fetch_page("ftp://example.org/post")


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("https://example.org/feed.xml", True),
        ("HTTP://EXAMPLE.ORG", True),
        ("http://", False),
        ("ftp://example.org/feed", False),
        ("feed.xml", False),
        ("/home/me/feed.xml", False),
        ("C:\\feeds\\feed.xml", False),
    ],
)
def test_is_url(source: str, expected: bool) -> None:
    assert is_url(source) is expected


def test_the_http_settings_are_the_config_fetch_table():
    fetch = FetchSettings(timeout_s=3.0, retries=5, backoff_s=0.5, max_mb=7, allow_private=True)
    settings = HttpSettings(fetch)
    assert settings.fetch is fetch
    assert (settings.timeout_s, settings.retries, settings.backoff_s) == (3.0, 5, 0.5)
    assert (settings.max_bytes, settings.allow_private) == (7_000_000, True)
    assert HttpSettings().fetch == FetchSettings()  # the defaults are [fetch]'s


def test_a_run_fetches_within_its_budget():
    before = time.monotonic()
    settings = HttpSettings.for_run(FetchSettings(budget_s=30))
    assert settings.deadline is not None and before + 30 <= settings.deadline <= time.monotonic() + 30


def test_single_fetch_settings_change_by_keyword():
    settings = HttpSettings(deadline=5.0, timeout_s=2.0, retries=1, backoff_s=0.1, max_bytes=3_000_000)
    assert settings.fetch == FetchSettings(timeout_s=2.0, retries=1, backoff_s=0.1, max_mb=3)
    assert settings.deadline == 5.0
    wider = dataclasses.replace(settings, allow_private=True, allowed_addresses=frozenset({"10.0.0.2"}))
    assert wider.allow_private and wider.allowed_addresses == {"10.0.0.2"}
    assert wider.fetch.timeout_s == 2.0 and wider.deadline == 5.0  # the rest is kept
    with pytest.raises(ValueError, match="whole number of megabytes"):
        HttpSettings(max_bytes=1000)
    with pytest.raises(TypeError, match="budget"):
        HttpSettings(budgett_s=1)
