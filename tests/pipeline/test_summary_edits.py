"""A summary-only feed: the posts' text is on their pages, so an edit there (the feed's summary
unchanged) is found by the next sync, with a conditional request per page, and only the changed
sentence is synthesised again. A real HTTP server on 127.0.0.1 serves the feed and the page."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from fakes import fake_assemble
from post2pod import pipeline
from post2pod.config import load_config

PAGE = """<!doctype html><html><head><title>Sharpening</title></head><body><nav>Home About</nav>
<article><h1>Sharpening</h1><p>A plane iron wants a flat back. The bevel comes second.
A strop finishes the edge. Nothing else is needed.</p></article></body></html>"""


class Blog:
    """The feed and one post's page, each with an ETag; every request is recorded."""

    def __init__(self, server: HTTPServer, validators: bool = True) -> None:
        self.server, self.validators = server, validators
        self.page = PAGE
        self.requests: list[tuple[str, int]] = []
        server.expect_request("/feed.xml").respond_with_handler(self.feed)
        server.expect_request("/sharpening").respond_with_handler(self.post_page)

    def feed(self, request: Request) -> Response:
        link = self.server.url_for("/sharpening")
        body = (
            '<?xml version="1.0"?><rss version="2.0"><channel><title>Tools</title>'
            f"<item><title>Sharpening</title><link>{link}</link><guid>sharpening</guid>"
            "<pubDate>Mon, 02 Nov 2026 10:00:00 +0000</pubDate>"
            "<description>How I sharpen a plane iron.</description></item></channel></rss>"
        )
        return self._answer(request, body, "application/rss+xml")

    def post_page(self, request: Request) -> Response:
        return self._answer(request, self.page, "text/html; charset=utf-8")

    def _answer(self, request: Request, body: str, media_type: str) -> Response:
        etag = '"' + hashlib.sha256(body.encode()).hexdigest()[:16] + '"'
        if self.validators and request.headers.get("If-None-Match") == etag:
            self.requests.append((request.path, 304))
            return Response(status=304, headers={"ETag": etag})
        self.requests.append((request.path, 200))
        return Response(body, content_type=media_type, headers={"ETag": etag} if self.validators else {})


def _config(site: Path, server: HTTPServer, extra: str = ""):
    (site / "post2pod.toml").write_text(f"[fetch]\nretries = 0\nallow_private = true\n{extra}")
    return load_config(
        None,
        {"feed": server.url_for("/feed.xml"), "out": site / "out", "base_url": "https://pod.example/"},
        cwd=site,
    )


def _sync(config, engine) -> pipeline.RunReport:
    engine.calls.clear()
    report = pipeline.sync(config, pipeline.Options(engine=engine, assembler=fake_assemble))
    assert report.ok, report
    return report


@pytest.mark.parametrize("validators", [True, False], ids=["etag", "no-validators"])
def test_an_edit_on_the_page_of_a_summary_only_post_is_published(
    tmp_path: Path, httpserver: HTTPServer, fake_engine, validators: bool
):
    blog = Blog(httpserver, validators)
    config = _config(tmp_path, httpserver)
    assert _sync(config, fake_engine).new == ("Sharpening",)
    assert any("Nothing else is needed" in call for call in fake_engine.calls)

    blog.requests.clear()
    report = _sync(config, fake_engine)  # nothing changed: the page is asked, and is the same
    assert report.unchanged == ("Sharpening",) and fake_engine.calls == []
    assert ("/sharpening", 304 if validators else 200) in blog.requests

    blog.page = PAGE.replace("Nothing else is needed.", "Nothing else is ever needed.")
    report = _sync(config, fake_engine)  # the feed's summary is the same; the page is not
    assert report.regenerated == ("Sharpening",)
    assert fake_engine.calls == ["Nothing else is ever needed."]  # only the edited sentence


def test_page_checks_can_be_spaced_out(tmp_path: Path, httpserver: HTTPServer, fake_engine):
    blog = Blog(httpserver)
    config = _config(tmp_path, httpserver, "page_recheck_h = 24\n")
    _sync(config, fake_engine)
    blog.page = PAGE.replace("The bevel comes second.", "The bevel comes later.")
    blog.requests.clear()
    report = _sync(config, fake_engine)  # checked less than a day ago: not asked again
    assert report.new == report.regenerated == () and fake_engine.calls == []
    assert ("/feed.xml", 304) in blog.requests
    assert not [path for path, _status in blog.requests if path == "/sharpening"]
