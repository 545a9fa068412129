"""Footnote detection: markers replace citations, notes leave the page, back-links disappear."""

from __future__ import annotations

from post2pod.narrate.html.clean import clean, parse
from post2pod.narrate.notes.footnotes import extract_footnotes
from post2pod.narrate.notes.markers import marker, split_markers


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


# --- the structural rule: evidence, and what is not a note --------------------------------------


def test_toc_of_numbered_links_to_sections_stays() -> None:
    text, notes = _extract(
        '<ol><li><a href="#one">1</a></li><li><a href="#two">2</a></li></ol>'
        '<h2 id="one">One</h2><p>First part.</p><h2 id="two">Two</h2><p>Second part.</p>'
    )
    assert notes == [] and "One" in text and "Second part." in text


def test_see_step_link_to_a_list_item_in_the_body_stays() -> None:
    text, notes = _extract(
        '<ol><li id="s1">Mix.</li><li id="s2">Rest.</li><li id="s3">Bake.</li></ol>'
        '<p>Before serving, see step <a href="#s3">3</a> again.</p><p>Enjoy it.</p>'
    )
    assert notes == [] and "Bake." in text and "step 3 again" in text


def test_link_to_comments_is_not_a_note() -> None:
    text, notes = _extract(
        '<p>There are <a href="#replies">12</a> replies below.</p><div id="replies"><p>Nice post.</p></div>'
    )
    assert notes == [] and "Nice post." in text


def test_link_to_a_section_heading_is_not_a_note() -> None:
    text, notes = _extract(
        '<p>As shown in section <a href="#s2">2</a>, it works.</p><section id="s2"><h2>Results</h2>'
        "<p>It works.</p></section>"
    )
    assert notes == [] and "Results" in text


def test_unlabelled_target_without_back_link_needs_a_notes_heading() -> None:
    html = '<p>A claim<sup><a href="#n1">1</a></sup>.</p><p id="n1">Some paragraph.</p>'
    assert _extract(html)[1] == []
    text, notes = _extract(html.replace('<p id="n1">', '<h3>Notes</h3><p id="n1">'))
    assert [n.body.get_text().strip() for n in notes] == ["Some paragraph."] and "Notes" not in text


def test_back_link_is_evidence_and_is_removed() -> None:
    text, notes = _extract(
        '<p>A claim<a href="#x" id="r">*</a>.</p><p>More text.</p>'
        '<div id="x">It is true. <a href="#r">back</a></div>'
    )
    assert marker(0) in text and notes[0].body.get_text().strip() == "It is true."


def test_trailing_numbered_paragraphs_without_markers_stay() -> None:
    text, notes = _extract("<p>Steps:</p><p>1. Preheat the oven.</p><p>2. Bake for 20 minutes.</p>")
    assert notes == [] and "Preheat" in text


def test_unit_superscript_and_ordinal_are_not_markers() -> None:
    text, notes = _extract(
        "<p>It covers 40 m² on the 2<sup>nd</sup> floor, cited once¹.</p><p>¹ By the agent.</p>"
    )
    assert "m²" in text and "nd" in text and len(notes) == 1


def test_inline_aside_in_paragraph_becomes_a_note() -> None:
    text, notes = _extract("<p>Sidenotes<aside>Or margin notes.</aside> are handy.</p>")
    assert text.strip() == f"Sidenotes{marker(0)} are handy."
    assert notes[0].body.get_text() == "Or margin notes."


def test_references_list_without_citations_is_left_alone() -> None:
    text, notes = _extract("<p>Plain text.</p><h2>References</h2><ol><li>Knuth, 1968.</li></ol>")
    assert notes == [] and "Knuth" in text and "References" in text


def test_notes_heading_goes_with_its_notes_but_later_prose_stays() -> None:
    text, notes = _extract(
        '<p>Claim<a href="#n1">[1]</a>.</p><h3>Notes</h3><p id="n1">[1] The note.</p>'
        "<p>Thanks for reading!</p>"
    )
    assert len(notes) == 1 and "Notes" not in text and "Thanks for reading!" in text


def test_symbols_in_code_and_emphasis_are_not_markers() -> None:
    text, notes = _extract("<p>It is *really* fine.</p><pre>int *p = foo* bar;</pre><p>* A note.</p>")
    assert notes == [] and "foo* bar" in text


def test_marker_shapes() -> None:
    from post2pod.narrate.notes.markers import label_core

    assert [label_core(t) for t in ["1", "[12]", "(3)", "a", "[b]", "*", "††", "¹", "[2:1]"]] == [
        "1",
        "12",
        "3",
        "a",
        "b",
        "*",
        "††",
        "1",
        "2",
    ]
    assert [label_core(t) for t in ["see 3", "1234", "ab", "Note", "↩"]] == [None] * 5


def test_note_label_is_taken_off_its_start() -> None:
    from post2pod.narrate.notes.markers import strip_leading_label

    for html, core in [
        ("<li><span>1.</span> First.</li>", "1"),
        ("<div>[2] Second.</div>", "2"),
        ("<p>¹ Third.</p>", "1"),
        ("<p>a) Fourth.</p>", "a"),
        ("<p>* Fifth.</p>", "*"),
        ('<div><a href="#r">3</a>. Sixth.</div>', None),
    ]:
        body = parse(html).body.contents[0]
        for link in body.find_all("a"):
            link.decompose()
        strip_leading_label(body, core)
        assert body.get_text().strip() in ("First.", "Second.", "Third.", "Fourth.", "Fifth.", "Sixth."), html


def test_note_keeps_a_number_that_is_not_its_label() -> None:
    from post2pod.narrate.notes.markers import strip_leading_label

    body = parse("<p>12 monkeys escaped.</p>").body.contents[0]
    strip_leading_label(body, "1")
    assert body.get_text() == "12 monkeys escaped."


def test_exponent_is_not_taken_for_a_linked_note_with_its_number() -> None:
    text, notes = _extract(
        '<p>Energy is mc<sup>2</sup>, as known<a href="#n1">[1]</a> and<a href="#n2">[2]</a>.</p>'
        '<h3>Notes</h3><p id="n1">[1] Einstein.</p><p id="n2">[2] Roughly.</p>'
    )
    assert len(notes) == 2 and "mc2," in text


def test_note_in_a_row_of_a_notes_table() -> None:
    text, notes = _extract(
        '<p>First<a href="#t1">1</a> and second<a href="#t2">2</a>.</p><p>More text.</p>'
        '<table><tr id="t1"><td>1</td><td>One note.</td></tr><tr id="t2"><td>2</td><td>Two.</td></tr></table>'
    )
    assert [n.body.get_text(" ", strip=True) for n in notes] == ["One note.", "Two."]
    assert "One note." not in text
