"""Text helpers: control characters, titles, teaser detection."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from post2pod.fetch import has_full_text
from post2pod.fetch.text import collapse, plain_text, plain_title, strip_controls, text_to_html
from post2pod.models import Post

LONG = "<p>" + " ".join(["word"] * 600) + "</p>"


def post(html: str, summary: str = "", summary_only: bool = False) -> Post:
    return Post(
        guid="g",
        url="https://x.org/p",
        title="T",
        published=datetime(2024, 1, 1, tzinfo=UTC),
        html=html,
        summary=summary,
        summary_only=summary_only,
    )


@pytest.mark.parametrize(
    ("html", "summary", "summary_only", "expected"),
    [
        ("", "", False, False),
        ("<p> </p>", "", False, False),
        ("<p>A short teaser that stops …</p>", "", False, False),
        ("<p>A short teaser that stops...</p>", "other", False, False),
        ('<p>First paragraph.</p><p><a href="/p">Read more »</a></p>', "other", False, False),
        ("<p>Intro.</p><p>Continue reading →</p>", "", False, False),
        (
            '<p>Intro.</p><p>Continue reading <a href="/p">A Rather Long Title About Many Things '
            "That Goes On And On</a> at Some Blog</p>",
            "",
            False,
            False,
        ),
        ("<p>Intro.</p><p>(25 paragraphs remaining, a 3 minutes' read)</p>", "", False, False),
        ("<p>I kept reading until the end; it was good.</p>", "", False, True),
        ("<p>A short post, complete in itself.</p>", "A summary.", False, True),
        (
            "<p>A short post that is only the summary.</p>",
            "<p>A short post that is only the summary.</p>",
            True,
            False,
        ),
        # RSS with content:encoded but no description: feedparser copies the content into summary
        ("<p>A short, complete post.</p>", "<p>A short, complete post.</p>", False, True),
        (LONG, LONG, False, True),  # Atom content without a summary: feedparser copies it into summary
        (LONG + "<p>…</p>", "", False, True),  # too long to be a teaser
    ],
)
def test_has_full_text(html: str, summary: str, summary_only: bool, expected: bool) -> None:
    assert has_full_text(post(html, summary, summary_only)) is expected


@pytest.mark.parametrize(
    ("value", "is_html", "expected"),
    [
        ("Plain  \n title\t", False, "Plain title"),
        ("AT&amp;T", False, "AT&T"),  # double-escaped in the feed
        ("<em>Bold</em> &amp;amp; move", True, "Bold & move"),
        ("Bell\x07 and\x1b escape", False, "Bell and escape"),
        ("1 < 2 & 3", False, "1 < 2 & 3"),
    ],
)
def test_plain_title(value: str, is_html: bool, expected: str) -> None:
    assert plain_title(value, is_html) == expected


def test_plain_text_skips_scripts_and_separates_blocks() -> None:
    assert plain_text("<p>one</p><p>two<script>x()</script></p><br>three") == "one two three"


def test_text_to_html_escapes_and_makes_paragraphs() -> None:
    assert text_to_html("a < b\n\nc & d\n") == "<p>a &lt; b</p>\n<p>c &amp; d</p>"


@given(st.text())
def test_no_control_characters_survive(text: str) -> None:
    cleaned = collapse(text)
    assert not any(ord(c) < 32 or 0x7F <= ord(c) <= 0x9F for c in cleaned)
    assert collapse(cleaned) == cleaned
    assert all(c in text for c in strip_controls(text))
