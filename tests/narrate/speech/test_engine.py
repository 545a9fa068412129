"""The engine under the rules: linear in the text's length, safe on any Unicode, honest traces.

`normalize` cuts a block into pieces of at most `MAX_PIECE` characters before any rule sees it, so a
megabyte of digits, dashes or e-mail-ish junk is read in seconds (a rule that backtracks can only
do so within one piece); `pieces` never loses, adds or reorders a character.
"""

from __future__ import annotations

import random
import re
import time
import unicodedata
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from post2pod.narrate.speech import MAX_PIECE, Rewrite, normalize, pieces, table

MEGABYTE = 1_000_000
# Generous: about 5 to 8 s each on a slow 2-core machine; a rule that went quadratic over a block
# would take hours.
LINEAR_BOUND_S = 30.0
SENTENCE_END_RE = re.compile(r"[.!?][\"')\]]*\s+$")
RULES = {rule.name: rule for rule in table("en")}


def _junk(alphabet: str, seed: int) -> str:
    """A megabyte of characters drawn from `alphabet`: one paragraph, no sentence in sight."""
    rng = random.Random(seed)
    return "".join(rng.choices(alphabet, k=MEGABYTE))


def _tokens(tokens: list[str], seed: int) -> str:
    """A megabyte of `tokens` glued together at random."""
    rng = random.Random(seed)
    parts: list[str] = []
    size = 0
    while size < MEGABYTE:
        parts.append(rng.choice(tokens))
        size += len(parts[-1])
    return "".join(parts)[:MEGABYTE]


URLISH = [
    "http://",
    "https://",
    "www.",
    "a",
    "b1",
    ".com",
    ".co.uk",
    "/",
    "@",
    ".",
    "-",
    "?q=",
    "&x=",
    "#",
    ":80",
]
JUNK: dict[str, Callable[[], str]] = {
    "digits-dashes-dots": lambda: _junk("0123456789-.", 1),
    "numbers-and-punctuation": lambda: _junk("0123456789-.,:/ ", 2),
    "email-ish": lambda: _junk("abcxyzAZ@._-", 3),
    "url-ish": lambda: _tokens(URLISH, 4),
}


@pytest.mark.slow  # megabytes of hostile input: a time bound, not a dev-loop check
@pytest.mark.parametrize("name", JUNK)
def test_a_megabyte_paragraph_is_read_in_linear_time(name: str) -> None:
    text = JUNK[name]()
    assert len(text) == MEGABYTE
    start = time.perf_counter()
    spoken = normalize(text)
    elapsed = time.perf_counter() - start
    assert isinstance(spoken, str)
    assert elapsed < LINEAR_BOUND_S, f"{name}: {elapsed:.1f} s for a megabyte"


# --- pieces -----------------------------------------------------------------------------------


def test_short_text_is_one_piece() -> None:
    assert pieces("Short. Text.") == ["Short. Text."]
    assert pieces("x" * MAX_PIECE) == ["x" * MAX_PIECE]


def test_pieces_cut_at_sentence_ends() -> None:
    text = "".join(f"Sentence number {i} says a few words. " for i in range(500))
    cut = pieces(text)
    assert "".join(cut) == text
    assert len(cut) > 1
    assert all(len(piece) <= MAX_PIECE for piece in cut)
    assert all(SENTENCE_END_RE.search(piece) for piece in cut[:-1])


def test_pieces_cut_at_spaces_when_there_is_no_sentence_end() -> None:
    text = " ".join(f"word{i}" for i in range(2000))
    cut = pieces(text)
    assert "".join(cut) == text
    assert all(len(piece) <= MAX_PIECE and piece.endswith(" ") for piece in cut[:-1])


def test_pieces_cut_anywhere_when_there_is_no_space() -> None:
    text = "7" * (5 * MAX_PIECE + 3)
    assert [len(piece) for piece in pieces(text)] == [MAX_PIECE] * 5 + [3]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab1 .!?\"')]\nA"), max_size=400), st.integers(4, 60))
def test_pieces_never_lose_or_reorder_a_character(text: str, limit: int) -> None:
    cut = pieces(text, limit)
    assert "".join(cut) == text
    assert all(len(piece) <= limit for piece in cut)
    assert all(cut[:-1])  # no empty piece before the last


# --- any Unicode ------------------------------------------------------------------------------

WRITTEN = st.sampled_from(
    [
        "9am",
        "2024-03-05",
        "$5.50",
        "3 km",
        "x@y.com",
        "https://a.example/b?q=1",
        "v2.0.1",
        "1/2",
        "10:30",
        "+44 20 7946 0958",
        "e.g.",
        "Dr.",
        "1990s",
        "IV",
        "C++",
        "—",
        "…",
        "🎉",
        "\ue000",
        ". ",
        "\n",
        "\x00",
        "\x85",
        "\u202e",
    ]
)
TEXT = st.one_of(
    st.text(max_size=300), st.lists(st.one_of(WRITTEN, st.text(max_size=8)), max_size=40).map("".join)
)


def _is_control(char: str) -> bool:
    return unicodedata.category(char) == "Cc"


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_any_text_is_normalised_without_control_characters(text: str) -> None:
    spoken = normalize(text)
    assert isinstance(spoken, str)
    assert not [char for char in spoken if _is_control(char)], repr(spoken)


# --- trace ------------------------------------------------------------------------------------


def _check_trace(trace: list[Rewrite]) -> None:
    for rewrite in trace:
        assert rewrite.rule in RULES, f"{rewrite.rule} is not a rule of table('en')"
        assert rewrite.semiotic_class == RULES[rewrite.rule].semiotic_class
        assert rewrite.written != rewrite.spoken


def test_trace_names_rules_of_the_table() -> None:
    trace: list[Rewrite] = []
    normalize("Call me at 9am on 2024-03-05 about the $5.50 fee for 3 km, or mail x@y.com.", "en", trace)
    assert {"time", "date", "money", "measure", "electronic"} <= {r.semiotic_class for r in trace}
    _check_trace(trace)


def test_tracing_does_not_change_the_text() -> None:
    text = "Call me at 9am on 2024-03-05."
    trace: list[Rewrite] = []
    assert normalize(text, "en", trace) == normalize(text)
    assert trace


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_trace_of_any_text_names_rules_of_the_table(text: str) -> None:
    trace: list[Rewrite] = []
    normalize(text, "en", trace)
    _check_trace(trace)
