"""Titles as shown and said: HTML subtitles kept apart, the site's name that generators add dropped.

The titles are real `<title>`s of the pages in tests/fixtures/pages (sources in its README.md)."""

from __future__ import annotations

import pytest

from post2pod.fetch import feeds
from post2pod.fetch.text import site_names, title_text, without_site_name

BEACHGEEK = site_names(
    "Beachgeek blog - a refuge for pineapple on pizza lovers", "https://blog.beachgeek.co.uk/"
)


@pytest.mark.parametrize(
    ("title", "names", "expected"),
    [
        (
            "Eric Wieser's scalar action paper | Lean community blog",
            site_names("Lean community blog", "https://leanprover-community.github.io/blog/"),
            "Eric Wieser's scalar action paper",
        ),
        (
            "Working remotely | Sirwan Afifi",
            site_names("Sirwan Afifi", "http://sirwan.info/"),
            "Working remotely",
        ),
        (
            "Welcome to Jekyll! | Your awesome title",
            site_names("Your awesome title", ""),
            "Welcome to Jekyll!",
        ),
        (
            "Multithreading in C++ & Python · Hugo Casper Two",
            site_names("Hugo Casper Two", ""),
            "Multithreading in C++ & Python",
        ),
        (
            "Unboxing Ragna: Getting hands on and making it to work with Amazon Bedrock | Beachgeek blog - a "
            "refuge for pineapple on pizza lovers",
            BEACHGEEK,
            "Unboxing Ragna: Getting hands on and making it to work with Amazon Bedrock",
        ),
        (
            "Announcing Rust 1.80 | Rust Blog",
            site_names("Rust Blog", "https://blog.rust-lang.org/"),
            "Announcing Rust 1.80",
        ),
        ("Rust Blog – Announcing Rust 1.80", site_names("Rust Blog", ""), "Announcing Rust 1.80"),
        (
            "Release notes - blog.rust-lang.org",
            site_names("Rust Blog", "https://blog.rust-lang.org/"),
            "Release notes",
        ),
        ("Notes » My Site", site_names("My Site", ""), "Notes"),
        # a " - " or "|" of the post's own title stays
        (
            "Amazon Aurora - setting up and configuration, four ways | Beachgeek blog - a refuge for "
            "pineapple on pizza lovers",
            BEACHGEEK,
            "Amazon Aurora - setting up and configuration, four ways",
        ),
        (
            "Automating your ELT Workflows with Managed Workflows for Apache Airflow - Part One",
            BEACHGEEK,
            "Automating your ELT Workflows with Managed Workflows for Apache Airflow - Part One",
        ),
        ("Part One - Rust", site_names("Rust Blog", ""), "Part One - Rust"),  # one word of the name is not it
        ("Pipes | and filters", site_names("Rust Blog", ""), "Pipes | and filters"),
        ("Rust Blog", site_names("Rust Blog", ""), "Rust Blog"),  # nothing left: kept whole
    ],
)
def test_site_name_dropped_never_the_title(title: str, names: tuple[str, ...], expected: str) -> None:
    assert without_site_name(title, names) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Directives at Home<small>Can we…</small>", "Directives at Home: Can we…"),
        ("Title:<br>Subtitle", "Title: Subtitle"),
        ("A <span class='caps'>CICM</span> paper", "A CICM paper"),
        ("C<sub>2</sub>H<sub>6</sub> &amp;amp; friends", "C2H6 & friends"),
    ],
)
def test_html_titles_keep_a_subtitle_apart(value: str, expected: str) -> None:
    assert title_text(value, True) == expected


def test_feed_titles_lose_the_blogs_name_and_keep_their_guid() -> None:
    rss = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Rust Blog</title>
    <link>https://blog.rust-lang.org/</link>
    <item><title>Announcing Rust 1.80 | Rust Blog</title></item>
    <item><title>Directives at Home&lt;small&gt;Can we?&lt;/small&gt;</title></item>
    </channel></rss>"""
    posts = feeds.parse_feed(rss, "feed.xml").posts
    assert sorted(p.title for p in posts) == ["Announcing Rust 1.80", "Directives at Home: Can we?"]
    # a post with neither id nor link is identified by its title as post2pod always read it
    old = feeds._guid({}, "", "Announcing Rust 1.80 | Rust Blog")
    assert old in {p.guid for p in posts}
