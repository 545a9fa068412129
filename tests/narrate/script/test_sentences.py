"""Sentence segmentation and splitting of over-long sentences."""

from __future__ import annotations

import pytest

from post2pod.narrate.script.sentences import MAX_SEGMENT_CHARS, split_long, split_sentences


def test_does_not_split_on_abbreviations_decimals_initials() -> None:
    text = "J. R. R. Tolkien wrote it in 1937. It costs 2.5 dollars, e.g. in shops. The U.S. is big. Yes."
    assert split_sentences(text) == [
        "J. R. R. Tolkien wrote it in 1937.",
        "It costs 2.5 dollars, e.g. in shops.",
        "The U.S. is big.",
        "Yes.",
    ]


def test_split_long_prefers_clause_boundaries() -> None:
    sentence = ("word " * 40).strip() + "; " + ("more " * 40).strip() + "."
    pieces = split_long(sentence)
    assert len(pieces) == 2 and pieces[0].endswith(";")
    assert all(len(p) <= MAX_SEGMENT_CHARS for p in pieces)


def test_split_long_without_punctuation_uses_words() -> None:
    pieces = split_long("abc " * 200)
    assert all(0 < len(p) <= MAX_SEGMENT_CHARS for p in pieces)
    assert " ".join(pieces).split() == ["abc"] * 200


def test_split_long_without_spaces() -> None:
    pieces = split_long("x" * 700)
    assert "".join(pieces) == "x" * 700 and max(map(len, pieces)) <= MAX_SEGMENT_CHARS


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We met on Mon. the 3rd. Then we left.", ["We met on Mon. the 3rd.", "Then we left."]),
        ("See vol. 2 of the set.", ["See vol. 2 of the set."]),
        ("Cf. the U.S. report. Yes.", ["Cf. the U.S. report.", "Yes."]),
        ("It is approx. 5 km. Ok.", ["It is approx. 5 km.", "Ok."]),
        ("Smith et al. found it. Yes.", ["Smith et al. found it.", "Yes."]),
        ("It was Acme Inc. The end.", ["It was Acme Inc.", "The end."]),
    ],
)
def test_no_split_after_abbreviations(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


def test_split_long_never_cuts_inside_brackets_or_quotes() -> None:
    inside = "(" + ", ".join(["a list item"] * 12) + ")"  # ~160 characters, across the limit
    sentence = f"{'words, ' * 25}{inside} and then {'more words ' * 20}end."
    pieces = split_long(sentence)
    assert all(p.count("(") == p.count(")") for p in pieces)
    quoted = (
        "Then, " * 30 + 'he said "' + ", ".join(["one thing"] * 12) + '" and ' + "then left, " * 10 + "done."
    )
    assert all(p.count('"') % 2 == 0 for p in split_long(quoted))


def test_split_long_prefers_a_comma_over_a_plain_space() -> None:
    sentence = ("alpha " * 30).strip() + ", " + ("beta " * 40).strip() + "."
    pieces = split_long(sentence)
    assert pieces[0].endswith(",")


def test_split_long_uses_a_conjunction_when_no_punctuation() -> None:
    sentence = ("alpha " * 35) + "and " + ("beta " * 40).strip() + "."
    pieces = split_long(sentence)
    assert pieces[1].startswith("and beta")


def test_split_long_leaves_no_stranded_tail() -> None:
    sentence = "word " * 50 + "and more words here, then the citation, Feynman, 1964, Das, 2013."
    pieces = split_long(sentence.strip(), limit=len(sentence) - 6)
    assert all(len(p) <= len(sentence) - 6 for p in pieces)
    assert len(pieces[-1]) >= 40, pieces


def test_repeated_sentences_are_each_kept_once_in_order() -> None:
    assert split_sentences("Yes. No. Yes.  Yes. No.") == ["Yes.", "No.", "Yes.", "Yes.", "No."]
