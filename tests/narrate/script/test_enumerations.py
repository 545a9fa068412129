"""An enumeration inside a sentence, "(a) … (b) …", stays one sentence (pysbd reads it as a list)."""

from __future__ import annotations

import pytest

from post2pod.narrate.script.sentences import split_sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The committee may (a) approve the plan, (b) reject it, or (c) ask for changes. It chose (b).",
            [
                "The committee may (a) approve the plan, (b) reject it, or (c) ask for changes.",
                "It chose (b).",
            ],
        ),
        ("We can (i) wait or (ii) act now. Fine.", ["We can (i) wait or (ii) act now.", "Fine."]),
        ("Either (1) stay or (2) go.", ["Either (1) stay or (2) go."]),
    ],
)
def test_enumeration_stays_in_its_sentence(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected
