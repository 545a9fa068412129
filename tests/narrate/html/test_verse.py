"""Line-broken text (poems, addresses) keeps its line ends as short pauses; verse set as a list is
read as lines; interview labels are said as short sentences of their own. Real cases in
tests/fixtures/structure_bits/{verse,interview}-*.html (each names its source)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from post2pod.narrate import narrate, script_text
from post2pod.narrate.html.blocks import BlockCollector
from post2pod.narrate.html.verse import join_lines, paragraphs

BITS = Path(__file__).resolve().parents[2] / "fixtures" / "structure_bits"
CASES = sorted([*BITS.glob("verse-*.html"), *BITS.glob("interview-*.html")])


def said(html: str, make_post, quiet) -> str:
    return script_text(narrate(make_post(html), quiet))


@pytest.mark.parametrize("html_file", CASES, ids=[p.stem for p in CASES])
def test_real_case(html_file: Path, make_post, quiet) -> None:
    expected = html_file.with_suffix(".txt").read_text(encoding="utf-8")
    assert said(html_file.read_text(encoding="utf-8"), make_post, quiet) + "\n" == expected


def test_there_are_five_poems_and_three_interviews() -> None:
    assert len([p for p in CASES if p.stem.startswith("verse-")]) >= 5
    assert len([p for p in CASES if p.stem.startswith("interview-")]) >= 3


def test_line_ends_are_commas_only_where_the_line_has_no_stop() -> None:
    assert join_lines(
        ["Is quiet now,", "In all the treetops", "Hardly a breath;", "Thou too shalt rest."]
    ) == ("Is quiet now, In all the treetops, Hardly a breath; Thou too shalt rest.")
    assert paragraphs("a line\nanother\n\n\nnext stanza") == ["a line, another", "next stanza"]


def test_a_bullet_list_of_points_stays_a_list(make_post, quiet) -> None:
    text = said(
        "<p>Why:</p><ul><li>Fast startup</li><li>Small binary</li><li>No dependencies</li></ul>",
        make_post,
        quiet,
    )
    assert text.splitlines()[1:] == ["Fast startup.", "Small binary.", "No dependencies."]


def test_bold_words_that_are_no_label_stay_in_the_sentence(make_post, quiet) -> None:
    text = said("<p><strong>Note</strong> that the cost: ten dollars.</p>", make_post, quiet)
    assert text == "Note that the cost: ten dollars."


def test_a_bare_a_is_an_answer_only_after_a_question(make_post, quiet) -> None:
    assert (
        said("<p>A. Smith wrote the first draft.</p>", make_post, quiet) == "A. Smith wrote the first draft."
    )


def test_interview_labels_in_another_language(make_post, quiet) -> None:
    html = (
        '<div lang="it"><p>D: Come è nato il progetto di questo libro?</p>'
        "<p>R: Da una lunga conversazione con gli amici della casa editrice.</p></div>"
    )
    assert said(html, make_post, quiet).splitlines()[:2] == [
        "Domanda.",
        "Come è nato il progetto di questo libro?",
    ]


@pytest.mark.slow  # megabytes of hostile input: a time bound, not a dev-loop check
def test_a_hundred_thousand_line_breaks_stay_linear() -> None:
    soup = BeautifulSoup("<p>Start." + "<br>" * 100_000 + "End.</p>", "html.parser")
    start = time.perf_counter()
    blocks = BlockCollector("en").collect(soup)
    assert time.perf_counter() - start < 20  # the block walk only: parsing and cleaning are not verse's
    assert [block.text for block in blocks] == ["Start.", "End."]
    start = time.perf_counter()
    joined = paragraphs("word\n" * 100_000)
    assert time.perf_counter() - start < 20
    assert joined[0].count(",") == 99_999


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<p><strong>Note:</strong> this is important.</p>", "Note: this is important."),
        ("<p><strong>TL;DR:</strong> do it.</p>", "TL;DR: do it."),
        (
            "<p><b>Step 1:</b> Clone it.</p><p><b>Step 2:</b> Build it.</p><p><b>Step 3:</b> Run it.</p>",
            "Step 1: Clone it.\nStep 2: Build it.\nStep 3: Run it.",
        ),
        ("<p><b>Update:</b> Fixed.</p><p>Text.</p><p><b>Update:</b> Fixed again.</p>", None),
    ],
)
def test_a_bold_lead_in_said_once_or_alone_is_no_speaker(html: str, expected, make_post, quiet) -> None:
    text = said(html, make_post, quiet)
    assert text == (expected or text)
    assert not any(line.endswith(("Note.", "Tl;dr.", "Step 1.", "Update.")) for line in text.splitlines())


def test_fields_that_take_turns_without_sentences_are_no_interview(make_post, quiet) -> None:
    # two settings blocks of a server page (public GitHub template, find_string "<p><strong>Host:</strong>")
    html = (
        "<p><b>Host:</b> localhost</p><p><b>Port:</b> 6600</p>"
        "<p><b>Host:</b> 0.0.0.0</p><p><b>Port:</b> 8080</p>"
    )
    assert said(html, make_post, quiet).splitlines()[0] == "Host: localhost."


def test_labels_that_come_back_and_take_turns_are_speakers(make_post, quiet) -> None:
    html = (
        "<p><strong>Jane:</strong> How did it start?</p><p><strong>MARIA LOPEZ:</strong> By accident.</p>"
        "<p><strong>Jane:</strong> Really?</p><p><strong>MARIA LOPEZ:</strong> Yes, really.</p>"
    )
    assert said(html, make_post, quiet).splitlines() == [
        "Jane.",
        "How did it start?",
        "Maria Lopez.",
        "By accident.",
        "Jane.",
        "Really?",
        "Maria Lopez.",
        "Yes, really.",
    ]


def test_labelled_lines_of_one_paragraph_are_turns(make_post, quiet) -> None:
    assert said("<p>Q: Is it fast?<br>A: Yes it is.</p>", make_post, quiet).splitlines() == [
        "Question.",
        "Is it fast?",
        "Answer.",
        "Yes it is.",
    ]
    html = (
        "<p><b>Ann:</b> Ready?<br><b>Ben:</b> Almost.<br>One more minute.<br><b>Ann:</b> Fine.<br>"
        "<b>Ben:</b> Done.</p>"
    )
    assert said(html, make_post, quiet).splitlines()[:5] == [
        "Ann.",
        "Ready?",
        "Ben.",
        "Almost.",
        "One more minute.",
    ]


@pytest.mark.slow  # megabytes of hostile input: a time bound, not a dev-loop check
def test_ten_thousand_labelled_lines_stay_linear() -> None:
    soup = BeautifulSoup("<p>" + "<b>Ann:</b> Hi.<br><b>Ben:</b> Yo.<br>" * 5_000 + "</p>", "html.parser")
    start = time.perf_counter()
    blocks = BlockCollector("en").collect(soup)
    assert time.perf_counter() - start < 60  # 10,000 turns, each a paragraph of its own
    assert [block.text for block in blocks[:4]] == ["Ann. Hi.", "Ben. Yo.", "Ann. Hi.", "Ben. Yo."]
