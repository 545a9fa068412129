"""Every rule stays linear on long unbroken runs (issue 22, item 5): a megabyte of `alpha-bravo-…`,
digits or `a.b@` must not cost the post its narration time limit.

Time is noisy on shared machines, so these compare a rule with itself: on a run four times longer a
linear rule takes about four times as long, a quadratic one sixteen. Only rules slow enough to time
well are compared; the others cannot matter.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime

import pytest

from post2pod.config import NarrationSettings
from post2pod.models import Post
from post2pod.narrate import narrate
from post2pod.narrate.script.sentences import split_sentences
from post2pod.narrate.speech import MAX_PIECE, table
from post2pod.narrate.speech.characters import clean_text

LANGUAGES = ("en", "de", "fr", "es", "it", "nl", "pt")
# Runs that made some rule backtrack over the whole run from each of its positions.
HOSTILE_UNITS = (
    "1", "12,", "1.", "1.2.3-", "½", "a+", "a.b@", "R.", "A.", "-A", "#A", "+A", "'A", '"', "(", "[",
    "..", ".", "/ ", "alpha-bravo-", "ab/", "http://x.y/", "11:11 ", "1%", "a=", "–a",
)  # fmt: skip
MEASURABLE_S = 0.003  # a rule faster than this on a whole piece cannot slow a post down
LINEAR_RATIO = 9.0  # four times the text: about 4x when linear, about 16x when quadratic


def _run(unit: str, length: int) -> str:
    return clean_text("Start " + (unit * (length // len(unit) + 1))[:length])


def _seconds(rule, text: str, repeats: int = 3) -> float:
    best = float("inf")
    for _ in range(repeats):
        started = time.process_time()
        rule.apply(text, None)
        best = min(best, time.process_time() - started)
    return best


def _rules() -> list:
    seen: dict[int, object] = {}
    for language in LANGUAGES:
        for each in table(language):
            seen.setdefault(id(each), each)
    return list(seen.values())


@pytest.mark.slow  # times every rule of seven languages on 26 runs
def test_no_rule_is_quadratic_on_a_long_unbroken_run():
    quadratic = []
    long_runs = {unit: _run(unit, MAX_PIECE) for unit in HOSTILE_UNITS}
    short_runs = {unit: _run(unit, MAX_PIECE // 4) for unit in HOSTILE_UNITS}
    for each in _rules():
        for unit in HOSTILE_UNITS:
            if _seconds(each, long_runs[unit], repeats=1) < MEASURABLE_S:
                continue
            long, short = _seconds(each, long_runs[unit]), _seconds(each, short_runs[unit])
            if long > MEASURABLE_S and long / max(short, 1e-4) > LINEAR_RATIO:
                quadratic.append(f"{each.name} on {unit!r}: {short * 1000:.1f} ms -> {long * 1000:.1f} ms")
    assert not quadratic, quadratic


def test_sentences_are_found_in_linear_time_in_a_run_of_tiny_sentences():
    # pysbd's sentences were each searched for from the start of their piece: 6 s for these 200 KB
    text = "Start " + "a. " * 66_000
    started = time.process_time()
    sentences = split_sentences(text)
    assert time.process_time() - started < 5  # about 1 s; a catastrophe detector, not a benchmark
    assert len(sentences) > 60_000 and sentences[1] == "a."


@pytest.mark.slow  # narrates three megabytes
@pytest.mark.parametrize("unit", ["alpha-bravo-", "1", "a.b@"])
def test_a_megabyte_token_is_narrated_well_within_the_time_limit(unit):
    html = "<p>Start " + unit * (1_000_000 // len(unit)) + " end.</p>"
    post = Post(guid="g", url="https://e.x/p", title="T", published=datetime.now(UTC), html=html)
    started = time.process_time()
    script = narrate(post, NarrationSettings())
    assert time.process_time() - started < 60  # 5 to 14 s here; the limit per post is 120 s
    assert script.segments
