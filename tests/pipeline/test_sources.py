"""A teaser from the feed: the post's page stands in for it, or the excerpt is marked as one."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from pytest_httpserver import HTTPServer

from post2pod import narrate
from post2pod.config import load_config
from post2pod.models import Post
from post2pod.pipeline.sources import http_settings, with_full_text

TEASER = '<p>The opening of a long post.</p><p><a href="/post">Read more »</a></p>'
PAGE = (
    "<html><body><article><p>The opening of a long post.</p><p>And all the rest of it.</p>"
    "</article></body></html>"
)


def _teaser(url: str) -> Post:
    return Post(guid="g", url=url, title="Long", published=datetime(2024, 1, 1, tzinfo=UTC), html=TEASER)


def _config(tmp_path: Path):
    (tmp_path / "post2pod.toml").write_text("[fetch]\nretries = 0\ntimeout_s = 2\nallow_private = true\n")
    return load_config(None, {"feed": "feed.xml", "out": tmp_path / "out"}, cwd=tmp_path)


def test_teaser_is_replaced_by_the_page(tmp_path: Path, httpserver: HTTPServer) -> None:
    httpserver.expect_request("/post").respond_with_data(PAGE, content_type="text/html")
    post, complete = with_full_text(_teaser(httpserver.url_for("/post")), http_settings(_config(tmp_path)))
    assert complete and not post.excerpt
    script = narrate.narrate(post, _config(tmp_path).narration)
    assert script.segments[-1].text == "And all the rest of it."  # no outro: an IP address is no site


def test_teaser_whose_page_fails_says_where_the_rest_is(tmp_path: Path, httpserver: HTTPServer) -> None:
    httpserver.expect_request("/post").respond_with_data("gone", status=404)
    post, complete = with_full_text(_teaser(httpserver.url_for("/post")), http_settings(_config(tmp_path)))
    assert not complete and post.excerpt
    script = narrate.narrate(post, _config(tmp_path).narration)
    # a bare IP address is no site name to say
    assert script.segments[-1].text == "That is the opening of the post; the rest is on its web page."
