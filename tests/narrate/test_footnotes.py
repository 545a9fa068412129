"""Footnote detection: markers replace citations, notes leave the page, back-links disappear."""

from __future__ import annotations

from post2pod.narrate.clean import clean, parse
from post2pod.narrate.footnotes import extract_footnotes, marker, split_markers


def _extract(html: str):
    soup = clean(parse(html))
    notes = extract_footnotes(soup)
    return soup.get_text(), notes


def test_link_reference_becomes_marker_and_note_is_removed() -> None:
    text, notes = _extract(
        '<p>Text<sup id="fnref:1"><a href="#fn:1">1</a></sup>.</p>'
        '<div class="footnotes"><ol><li id="fn:1"><p>Note. <a href="#fnref:1">↩</a></p></li></ol></div>'
    )
    assert text.strip() == f"Text{marker(0)}."
    assert [n.body.get_text().strip() for n in notes] == ["Note."]
    assert notes[0].cited


def test_absolute_url_matched_by_fragment() -> None:
    text, notes = _extract(
        '<p>A<sup><a href="https://b.example/p/#fn-1">1</a></sup></p>'
        '<div class="footnotes"><ol><li id="fn-1">N <a href="https://b.example/p/#fnref-1">↩</a></li></ol></div>'
    )
    assert marker(0) in text and notes[0].body.get_text().strip() == "N"


def test_bare_sup_matches_nth_item_of_arrow_list() -> None:
    text, notes = _extract(
        "<p>A<sup>1</sup> b<sup>2</sup>.</p><ol><li><p>One.↩︎</p></li><li><p>Two.↩︎</p></li></ol>"
    )
    assert marker(0) in text and marker(1) in text
    assert [n.body.get_text().strip() for n in notes] == ["One.", "Two."]


def test_power_is_not_a_footnote() -> None:
    text, _ = _extract(
        '<p>10<sup>6</sup> cells.</p><section class="footnotes"><ol><li>Note↩︎</li></ol></section>'
    )
    assert "6" in text


def test_second_citation_is_dropped() -> None:
    text, _ = _extract(
        '<p>A<sup><a href="#fn1">1</a></sup> and again<sup><a href="#fn1">1</a></sup>.</p>'
        '<section class="footnotes"><ol><li id="fn1">N</li></ol></section>'
    )
    assert text.count(marker(0)) == 1 and "1" not in text


def test_no_footnotes() -> None:
    text, notes = _extract("<p>Plain <a href='#top'>link</a>.</p><ol><li>item</li></ol>")
    assert notes == [] and "item" in text


def test_split_markers() -> None:
    assert split_markers(f"One{marker(0)} two{marker(2)} .") == ("One two.", [0, 2])
    assert split_markers("None here.") == ("None here.", [])
