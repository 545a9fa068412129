"""Script shape and settings: sections, kinds, paragraph ends, footnote and code modes, intro/outro."""

from __future__ import annotations

from dataclasses import replace

import pytest

from post2pod.config import NarrationSettings
from post2pod.errors import NarrateError
from post2pod.narrate import narrate, script_text

NOTES = (
    '<p>One<sup><a href="#fn:1">1</a></sup>. Two.</p><h2>Later</h2>'
    '<p>Three<sup><a href="#fn:2">2</a></sup>.</p><div class="footnotes"><ol>'
    '<li id="fn:1"><p>First note.</p></li><li id="fn:2"><p>Second note.</p></li></ol></div>'
)


def test_sections_kinds_and_paragraph_ends(make_post, quiet) -> None:
    script = narrate(
        make_post("<p>Intro text. More.</p><h2>Part</h2><ul><li>item</li></ul><h3>Sub</h3><p>x y</p>"), quiet
    )
    assert [s.title for s in script.sections] == [None, "Part", "Sub"]
    first, part, _ = script.sections
    assert [(s.text, s.paragraph_end) for s in first.segments] == [("Intro text.", False), ("More.", True)]
    assert [(s.kind, s.text) for s in part.segments] == [("heading", "Part."), ("list_item", "item.")]
    assert script.title == "A Test Post"


def test_footnotes_aside_mode_with_custom_cue(make_post, quiet) -> None:
    script = narrate(make_post(NOTES), replace(quiet, footnote_cue="Note:"))
    assert [(s.kind, s.text) for s in script.segments] == [
        ("body", "One."),
        ("aside", "Note: First note."),
        ("body", "Two."),
        ("heading", "Later."),
        ("body", "Three."),
        ("aside", "Note: Second note."),
    ]


def test_footnotes_end_mode(make_post, quiet) -> None:
    script = narrate(make_post(NOTES), replace(quiet, footnotes="end"))
    assert script.sections[-1].title == "Footnotes"
    assert [s.text for s in script.sections[-1].segments] == [
        "Footnote 1.",
        "First note.",
        "Footnote 2.",
        "Second note.",
    ]
    assert all(s.kind == "aside" for s in script.sections[-1].segments)
    assert "First note." not in [s.text for s in script.sections[0].segments]


def test_footnotes_skip_mode(make_post, quiet) -> None:
    text = script_text(narrate(make_post(NOTES), replace(quiet, footnotes="skip")))
    assert "note" not in text.lower() and "1" not in text


CODE = "<p>Before.</p><pre>x = my_value()</pre><pre>y = 2</pre><p>After.</p>"


@pytest.mark.parametrize(
    ("mode", "expected"),
    [
        ("announce", ["Before.", "The post shows a short code example here.", "After."]),
        ("skip", ["Before.", "After."]),
        ("read", ["Before.", "x equals my value.", "y equals 2.", "After."]),
    ],
)
def test_code_modes(make_post, quiet, mode: str, expected: list[str]) -> None:
    script = narrate(make_post(CODE), replace(quiet, code=mode))
    assert [s.text for s in script.segments] == expected


def test_intro_and_outro(make_post) -> None:
    script = narrate(make_post("<p>Body.</p>"), NarrationSettings(), podcast_title="Tea Time")
    assert script.sections[0].title is None
    assert script.segments[0].kind == "intro"
    assert script.segments[0].text == (
        "A Test Post. By Ada Lovelace, published March third, twenty twenty four."
    )
    assert (script.segments[-1].kind, script.segments[-1].text) == (
        "outro",
        "You can read this post at example.com.",
    )


def test_intro_without_author_and_custom_templates(make_post) -> None:
    settings = NarrationSettings(
        intro="{title}. By {author}, published {date}.", outro="{podcast}, from {site}."
    )
    script = narrate(make_post("<p>Body.</p>", author=""), settings, podcast_title="Tea Time")
    assert script.segments[0].text == "A Test Post. Published March third, twenty twenty four."
    assert script.segments[-1].text == "Tea Time, from example.com."


def test_empty_templates_and_missing_site(make_post) -> None:
    settings = NarrationSettings(intro="", disclosure="")
    script = narrate(make_post("<p>Body.</p>", url="tag:example,2024:1"), settings)
    assert [s.kind for s in script.segments] == ["body"]


def test_heading_first_post_has_intro_alone_in_first_section(make_post) -> None:
    script = narrate(make_post("<h2>Start</h2><p>Body.</p>"), NarrationSettings(outro=""))
    assert [s.title for s in script.sections] == [None, "Start"]
    assert [s.kind for s in script.sections[0].segments] == ["intro", "intro"]  # and the disclosure


@pytest.mark.parametrize(
    "html", ["", "   ", "<p> </p>", "<pre>code only</pre>", "<script>x()</script>", "<img src=a.png>"]
)
def test_nothing_to_read_raises(make_post, quiet, html: str) -> None:
    settings = replace(quiet, code="skip") if "pre" in html else quiet
    with pytest.raises(NarrateError, match="no text to read"):
        narrate(make_post(html), settings)


def test_title_heading_not_read_twice(make_post, quiet) -> None:
    script = narrate(make_post("<h1>A Test Post</h1><p>Body.</p>"), quiet)
    assert [s.text for s in script.segments] == ["Body."]


def test_segments_are_short_and_never_empty(make_post, quiet) -> None:
    html = "<p>" + ", ".join(["a clause that goes on"] * 60) + "</p><h2>" + "long heading " * 40 + "</h2>"
    for segment in narrate(make_post(html), quiet).segments:
        assert 0 < len(segment.text) <= 300 and segment.text.strip() == segment.text
