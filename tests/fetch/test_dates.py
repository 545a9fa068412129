"""A post's date read from its page or its address (real pages: tests/fixtures/pages/README.md)."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from post2pod.fetch.dates import page_date, text_date, url_date

PAGES = Path(__file__).resolve().parents[1] / "fixtures" / "pages"
NOW = datetime(2026, 1, 1, tzinfo=UTC)


@pytest.mark.parametrize(
    ("name", "url", "day", "source"),
    [
        ("lean-scalar-action.html", "", "2021-08-07", "meta"),
        ("sirwan-working-remotely.html", "", "2017-05-03", "meta"),
        ("casper-multithreading.html", "", "2019-12-09", "meta"),  # "+05:30" written as &#43;05:30
        ("minima-welcome.html", "", "2019-07-04", "meta"),
        ("soumya-jekyll-blog.html", "", "2016-01-13", "byline"),  # "• Jan 13, 2016" in p.post-meta
        (
            "soumya-jekyll-blog.html",
            "http://soumyamishra.com/blog/jekyll/update/2016/01/13/How-to-setup-a-jekyll-blog.html",
            "2016-01-13",
            "url",
        ),
        ("beachgeek-ragna.html", "", "2023-11-12", "byline"),  # "Published Nov 12, 2023", nothing else
        ("beachgeek-aurora.html", "", "2020-10-15", "byline"),
        ("beachgeek-elt-part-one.html", "", "2021-04-21", "byline"),
    ],
)
def test_real_pages_say_when_they_were_published(name: str, url: str, day: str, source: str) -> None:
    found = page_date((PAGES / name).read_text(encoding="utf-8"), url, NOW)
    assert found is not None
    assert (found.when.date().isoformat(), found.source) == (day, source)


def test_the_authors_day_is_kept_with_its_time_zone() -> None:
    found = page_date((PAGES / "sirwan-working-remotely.html").read_text(encoding="utf-8"), "", NOW)
    assert found is not None and found.when.utcoffset() is not None
    assert found.when.date().isoformat() == "2017-05-03"  # 2017-05-02 in UTC


def test_json_ld_then_marked_time_then_any_time() -> None:
    ld = (
        '<script type="application/ld+json">'
        '{"@graph": [{"@type": "Article", "datePublished": "2022-02-03"}]}</script>'
    )
    assert page_date(f"<html><head>{ld}</head><body></body></html>", "", NOW).source == "json-ld"
    marked = (
        '<time datetime="2020-01-01" class="updated">x</time>'
        '<time datetime="2021-05-06" class="dt-published">'
    )
    found = page_date(marked, "", NOW)
    assert (found.when.date().isoformat(), found.source) == ("2021-05-06", "time")
    found = page_date('<p><time datetime="2018-03-04">March 4</time></p>', "", NOW)
    assert found.when.date().isoformat() == "2018-03-04"


def test_nothing_believable_is_no_date() -> None:
    assert page_date("<html><body><p>Copyright 2024</p></body></html>", "https://e.org/post", NOW) is None
    future = '<meta property="article:published_time" content="2099-01-01">'
    assert page_date(future, "", NOW) is None
    assert page_date('<meta name="date" content="0001-01-01">', "", NOW) is None
    assert page_date('<meta name="date" content="not a date">', "", NOW) is None


@pytest.mark.parametrize(
    ("url", "day"),
    [
        ("https://blog.example.org/2024/03/05/a-post/", "2024-03-05"),
        ("https://example.org/2024/3/5/a-post.html", "2024-03-05"),
        ("https://blog.beachgeek.co.uk/2019-10-04_innovate-machine-learning/", "2019-10-04"),
        ("https://example.org/2024/13/05/a-post/", None),  # no 13th month
        ("https://example.org/posts/1999-2024-review/", None),
        ("https://example.org/2024/03/", None),  # a month's archive is not a day
    ],
)
def test_url_date(url: str, day: str | None) -> None:
    found = url_date(url, NOW)
    assert (found.date().isoformat() if found else None) == day


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Published Nov 12, 2023", "2023-11-12"),
        ("03 May 2017", "2017-05-03"),
        ("Posted on March 5th, 2024 by Ada", "2024-03-05"),
        ("9 December 2019 / #c++", "2019-12-09"),
        ("Date: 2021-08-07", "2021-08-07"),
        ("Reading time 8 minutes", None),
        ("May 2024", None),
    ],
)
def test_text_date(text: str, day: str | None) -> None:
    found = text_date(text)
    assert (found.date().isoformat() if found else None) == day


def test_hostile_pages_are_read_fast() -> None:
    pages = [
        "<time datetime='x'>" * 10_000,
        '<script type="application/ld+json">' + "[" * 50_000 + "</script>",
        "<div class='date'>" * 20_000 + "Nov 12, 2023",
        "<p>" + "9 " * 200_000 + "</p>",
    ]
    start = time.monotonic()
    for page in pages:
        page_date(page, "https://example.org/" + "2024/" * 5_000, NOW)
    assert time.monotonic() - start < 5
