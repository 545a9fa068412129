"""Page furniture dropped by structure in any language, user skip selectors, link-only and reference
notes: tests/fixtures/furniture/<case>.html reads exactly as <case>.txt (sources in SOURCES.md)."""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from post2pod.narrate import feed_signatures, narrate, script_text
from post2pod.narrate.html.furniture import is_date, is_dateline, is_reading_time

CASES = Path(__file__).resolve().parents[2] / "fixtures" / "furniture"
HTML_FILES = sorted(CASES.glob("*.html"))


@pytest.mark.parametrize("html_file", HTML_FILES, ids=[p.stem for p in HTML_FILES])
def test_case(html_file: Path, make_post, quiet) -> None:
    script = narrate(make_post(html_file.read_text(encoding="utf-8")), quiet)
    assert script_text(script) + "\n" == html_file.with_suffix(".txt").read_text(encoding="utf-8")


def test_cases_are_real_and_many() -> None:
    sources = (CASES / "SOURCES.md").read_text(encoding="utf-8")
    assert all(f"| {p.stem} |" in sources for p in HTML_FILES)
    assert len([p for p in HTML_FILES if not p.stem.startswith("notes-")]) >= 12
    assert len([p for p in HTML_FILES if p.stem.startswith("notes-")]) >= 4


def _said(html: str, make_post, settings, **kwargs) -> str:
    return script_text(narrate(make_post(html), settings, **kwargs))


@pytest.mark.parametrize(
    "text",
    [
        "Saturday, February 21, 2015",
        "21. Februar 2015",
        "3 de mayo de 2024",
        "le 3 mars 2024 à 14:30",
        "2015-02-21",
        "2015年2月21日",
        "Feb 3, 2024",
        "21 fev, 2024",
    ],
)
def test_dates_in_any_language(text: str) -> None:
    assert is_date(text)


@pytest.mark.parametrize("text", ["I moved on February 21, 2015.", "Set theory", "Chapter 3", "2015"])
def test_not_dates(text: str) -> None:
    assert not is_date(text)


@pytest.mark.parametrize(
    "text", ["5 min read", "6 Min. Lesezeit", "Lesezeit: 6 Minuten", "阅读时长 ≈ 5 分钟"]
)
def test_reading_times(text: str) -> None:
    assert is_reading_time(text)


def test_a_heading_with_a_date_is_a_title_not_a_dateline() -> None:
    heading = BeautifulSoup("<h2>Plans for 2024-03-05</h2>", "lxml").h2
    assert not is_dateline(heading)


def test_a_date_inside_a_sentence_and_a_short_closing_line_stay(make_post, quiet) -> None:
    html = (
        "<p>Posted on March 3, 2024, this note got more replies than any other.</p><p>Thanks for reading!</p>"
    )
    assert _said(html, make_post, quiet).splitlines() == [
        "Posted on March third, twenty twenty four, this note got more replies than any other.",
        "Thanks for reading!",
    ]


def test_a_sign_off_after_a_dash_goes(make_post, quiet) -> None:
    html = "<p>That is all I know about caches.</p><p>— Jane</p>"
    assert _said(html, make_post, quiet) == "That is all I know about caches."


def test_a_signature_that_ends_three_posts_of_the_feed_goes(make_post, quiet) -> None:
    signature = "<p>I write about distributed systems. I'm on Mastodon at @jane@example.social.</p>"
    posts = [f"<p>Post number {n} is about something else entirely.</p>{signature}" for n in range(3)]
    signatures = feed_signatures(posts)
    text = _said(posts[0], make_post, quiet, signatures=signatures)
    assert text == "Post number 0 is about something else entirely."
    assert "Mastodon" in _said(posts[0], make_post, quiet)  # without the feed: a real paragraph
    assert not feed_signatures(posts[:2])


def test_pilcrow_and_hash_permalinks_in_headings_are_not_read(make_post, quiet) -> None:
    html = (
        '<h2 id="a">Intro<a href="#a">¶</a></h2><p>First words here.</p>'
        '<h2 id="b"><a href="#b" aria-label="link">#</a> Second</h2><p>More words here.</p>'
    )
    assert "¶" not in _said(html, make_post, quiet)
    assert "#" not in _said(html, make_post, quiet)


def test_skip_selectors_remove_what_they_match_first(make_post, quiet) -> None:
    html = (
        "<p>The post itself says this.</p>"
        '<div class="author-bio"><p>Jane writes about caches and has two cats.</p></div>'
        '<aside class="related"><p>Another post you might like, about queues.</p></aside>'
    )
    settings = replace(quiet, skip=(".author-bio", "aside.related"))
    assert _said(html, make_post, settings) == "The post itself says this."


def test_link_notes_skip_drops_them_and_keeps_the_marker_silent(make_post, quiet) -> None:
    html = (CASES / "notes-bare-url-python-markdown.html").read_text(encoding="utf-8")
    text = _said(html, make_post, replace(quiet, link_notes="skip"))
    assert "link to" not in text
    assert "Stalls are still needed after a load." in text


def test_fifty_one_notes_to_one_site_are_said_once(make_post, quiet) -> None:
    cites = "".join(f'<p>Claim {n}.<sup><a href="#fn{n}" id="r{n}">{n}</a></sup></p>' for n in range(1, 52))
    notes = "".join(
        f'<li id="fn{n}"><a href="https://www.ibm.com/docs/p{n}">https://www.ibm.com/docs/p{n}</a> '
        f'<a href="#r{n}">↩</a></li>'
        for n in range(1, 52)
    )
    text = _said(f'{cites}<ol class="footnotes">{notes}</ol>', make_post, quiet)
    assert text.count("a link to ibm.com") == 1


@pytest.mark.slow  # megabytes of hostile input: a time bound, not a dev-loop check
def test_furniture_checks_stay_fast_on_hostile_input(make_post, quiet) -> None:
    links = " · ".join(f'<a href="/tags/t{n}/">t{n}</a>' for n in range(20_000))
    html = f"<p>{links}</p><p>Real words are here.</p><p>{'1 · ' * 20_000}</p>"
    start = time.perf_counter()
    narrate(make_post(html), quiet)
    assert time.perf_counter() - start < 60


def test_a_dateline_under_the_repeated_title_goes(make_post, quiet) -> None:
    post = make_post(
        '<header><h1>Things you can do</h1><time class="post__date">November 28, 2014</time>'
        " &middot; <span>2 minutes read</span></header><p>For a while I have enjoyed writing equations.</p>"
    )
    said = script_text(narrate(replace(post, title="Things you can do"), quiet))
    assert "twenty fourteen" not in said and "minutes read" not in said
    assert said.startswith("For a while I have enjoyed writing equations.")


def test_template_tags_a_generator_left_unrendered_are_not_read(make_post, quiet) -> None:
    said = _said(
        '<p>{% image equations.jpg class="head-image" alt="math equations" %}</p>'
        '<p>Hello {{ site.title }} readers, see {{< figure src="a.png" >}} this.</p>'
        "<p>Write <code>{% raw %}</code> in Liquid; the set {x | x > 0} and {{x}} stay.</p>",
        make_post,
        quiet,
    )
    assert "image" not in said and "site" not in said and "figure" not in said
    assert "Hello readers, see this." in said
    assert "raw" in said and "{x" in said
