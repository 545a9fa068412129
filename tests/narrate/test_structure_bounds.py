"""Hostile structured content stays bounded and is never read out as markup: a 10,000-cell table,
50 KB formulas (delimited and a bare environment), 30,000 line breaks. Times are measured in
benchmarks/structure_hostile.py; the bounds here only catch a quadratic walk (the pipeline gives a post
120 s)."""

from __future__ import annotations

import time

import pytest

from post2pod.narrate import narrate, script_text

HOSTILE = {
    "table": "<p>Intro.</p><table>"
    + "".join("<tr>" + "".join(f"<td>r{r}c{c}</td>" for c in range(10)) + "</tr>" for r in range(1000))
    + "</table><p>End.</p>",
    "formula": "<p>Consider $$" + "x_1 + " * 7000 + "y$$ now.</p>",
    "environment": "<p>\\begin{align*}" + "a &= b \\\\ " * 4500 + "\\end{align*}</p>",
    "line-breaks": "<p>" + "a line of verse<br>" * 30_000 + "</p>",  # quadratic: minutes; linear: seconds
}


@pytest.mark.slow  # megabytes of hostile input: a time bound, not a dev-loop check
@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_structure_is_bounded_and_never_markup(name: str, make_post, quiet) -> None:
    start = time.perf_counter()
    text = script_text(narrate(make_post(HOSTILE[name]), quiet))
    assert time.perf_counter() - start < 90
    assert "\\" not in text and "$$" not in text and "&=" not in text
    if name != "line-breaks":
        assert len(text.splitlines()) <= 5, text[:500]
