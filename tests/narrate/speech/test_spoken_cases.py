"""Table-driven narration cases: tests/fixtures/narration/spoken_cases.tsv (written -> spoken)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from post2pod.narrate.html.inline_code import code_words
from post2pod.narrate.script.sentences import split_long, split_sentences
from post2pod.narrate.speech import normalize

TABLE = Path(__file__).resolve().parents[2] / "fixtures" / "narration" / "spoken_cases.tsv"
SEGMENT_BREAK = " ¦ "


def _cases() -> list[tuple[str, str]]:
    cases = []
    for line in TABLE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            written, spoken = line.split("\t")
            cases.append((written, spoken))
    return cases


CASES = _cases()


def spoken(written: str) -> str:
    """What the narration says for `written`: inline code as words, normalised, cut into segments."""
    text = re.sub(r"`([^`]+)`", lambda m: code_words(m.group(1)), written)
    text = normalize(text, "en")
    return SEGMENT_BREAK.join(piece for s in split_sentences(text) for piece in split_long(s))


def test_table_is_large_and_unique() -> None:
    written = [w for w, _ in CASES]
    assert len(CASES) >= 300
    assert len(set(written)) == len(written)


@pytest.mark.parametrize(("written", "expected"), CASES, ids=[w[:60] for w, _ in CASES])
def test_spoken_case(written: str, expected: str) -> None:
    assert spoken(written) == expected
