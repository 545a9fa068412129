"""Sentence segmentation and splitting of over-long sentences."""

from __future__ import annotations

from post2pod.narrate.sentences import MAX_SEGMENT_CHARS, split_long, split_sentences


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
