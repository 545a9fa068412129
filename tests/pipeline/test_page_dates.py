"""A summary-only feed without dates: each post's date and text come from its real page, served on
127.0.0.1 (pages: tests/fixtures/pages, sources in its README.md); its title loses the blog's name."""

from __future__ import annotations

from datetime import UTC, datetime
from html import escape
from pathlib import Path

from pytest_httpserver import HTTPServer

from fakes import log_lines
from post2pod import fetch, narrate
from post2pod.config import load_config
from post2pod.models import Post
from post2pod.pipeline.sources import http_settings, page_settings, with_full_text

PAGES = Path(__file__).resolve().parents[1] / "fixtures" / "pages"
SITE = "Beachgeek blog - a refuge for pineapple on pizza lovers"
# page, its real <title> (as generators put it in feeds too), the day the page gives
POSTS = [
    (
        "beachgeek-ragna.html",
        f"Unboxing Ragna: Getting hands on and making it to work with Amazon Bedrock | {SITE}",
        "2023-11-12",
    ),
    (
        "beachgeek-aurora.html",
        f"Amazon Aurora - setting up and configuration, four ways | {SITE}",
        "2020-10-15",
    ),
    (
        "beachgeek-elt-part-one.html",
        f"Automating your ELT Workflows with Managed Workflows for Apache Airflow - Part One | {SITE}",
        "2021-04-21",
    ),
    ("lean-scalar-action.html", "Eric Wieser's scalar action paper", "2021-08-07"),
    ("casper-multithreading.html", "Multithreading in C++ &amp; Python", "2019-12-09"),
    ("minima-welcome.html", "Welcome to Jekyll!", "2019-07-04"),
    ("sirwan-working-remotely.html", "Working remotely", "2017-05-03"),
    ("soumya-jekyll-blog.html", "How to create a jekyll blog", "2016-01-13"),
]


def _config(tmp_path: Path):
    (tmp_path / "post2pod.toml").write_text("[fetch]\nretries = 0\ntimeout_s = 2\nallow_private = true\n")
    return load_config(None, {"feed": "feed.xml", "out": tmp_path / "out"}, cwd=tmp_path)


def _feed(server: HTTPServer, items: list[tuple[str, str, str]]) -> bytes:
    entries = "".join(
        f"<item><title>{escape(title, quote=False)}</title><link>{server.url_for('/' + path)}</link>"
        f"<guid isPermaLink='false'>{path}</guid><description>{escape(summary)}</description></item>"
        for path, title, summary in items
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>{SITE}</title>'
        f"<link>{server.url_for('/')}</link>{entries}</channel></rss>"
    ).encode()


def test_undated_summary_feed_gets_dates_and_titles_from_real_pages(
    tmp_path: Path, httpserver: HTTPServer
) -> None:
    for name, _title, _day in POSTS:
        httpserver.expect_request("/" + name).respond_with_data(
            (PAGES / name).read_bytes(), content_type="text/html; charset=utf-8"
        )
    items = [(name, title, "<p>A few words.</p>") for name, title, _day in POSTS]
    httpserver.expect_request("/feed.xml").respond_with_data(
        _feed(httpserver, items), content_type="application/rss+xml"
    )
    config = _config(tmp_path)
    result = fetch.fetch_feed(httpserver.url_for("/feed.xml"), settings=http_settings(config))
    assert all(not post.date_known for post in result.posts)
    assert any("without a date" in warning for warning in result.warnings)
    settings = page_settings(http_settings(config), result)
    by_guid = {post.guid: post for post in result.posts}
    for name, _title, day in POSTS:
        post, complete = with_full_text(by_guid[name], settings)
        assert complete and post.date_known and post.published.date().isoformat() == day, name
        assert " | " not in post.title and SITE not in post.title
    titles = {post.guid: post.title for post in result.posts}
    assert titles["beachgeek-aurora.html"] == "Amazon Aurora - setting up and configuration, four ways"
    assert titles["beachgeek-elt-part-one.html"].endswith("Apache Airflow - Part One")
    ragna, _ = with_full_text(by_guid["beachgeek-ragna.html"], settings)
    intro = narrate.narrate(ragna, config.narration).segments[0].text
    assert intro.endswith("Published November twelfth, twenty twenty three.")


def test_a_post_without_any_date_announces_none(tmp_path: Path, httpserver: HTTPServer) -> None:
    page = (
        "<html><body><article><p>"
        + "A whole post with no date anywhere. " * 40
        + "</p></article></body></html>"
    )
    httpserver.expect_request("/post").respond_with_data(page, content_type="text/html")
    post = Post(
        guid="g",
        url=httpserver.url_for("/post"),
        title="No date",
        published=datetime(1970, 1, 1, tzinfo=UTC),
        html="<p>A whole post.</p>",
        author="Ada",
        date_known=False,
    )
    full, complete = with_full_text(post, http_settings(_config(tmp_path)))
    assert complete and not full.date_known
    assert narrate.narrate(full, _config(tmp_path).narration).segments[0].text == "No date. By Ada."


def test_a_four_word_teaser_is_reported_and_said_to_be_a_summary(
    tmp_path: Path, httpserver: HTTPServer
) -> None:
    httpserver.expect_request("/post").respond_with_data("gone", status=404)
    post = Post(
        guid="g",
        url=httpserver.url_for("/post"),
        title="Directives at Home",
        published=datetime(2024, 1, 1, tzinfo=UTC),
        html="<p>Can we do it?</p>",
        summary_only=True,
    )
    warnings = log_lines()
    full, complete = with_full_text(post, http_settings(_config(tmp_path)))
    assert not complete and full.excerpt
    assert any("'Directives at Home' has only a 4-word summary" in warning for warning in warnings)
    last = narrate.narrate(full, _config(tmp_path).narration).segments[-1].text
    assert last == "The feed gives only a short summary of this post; the full post is on its web page."
