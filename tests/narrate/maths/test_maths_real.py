"""Real formulas from public posts (`tests/fixtures/maths/formulas.tsv`, each with its source URL), read
aloud or summarised; nothing TeX-like ever reaches the listener."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from post2pod.narrate.maths import speak_formula

FIXTURE = Path(__file__).parents[2] / "fixtures" / "maths" / "formulas.tsv"
ROWS = [
    line.split("\t")
    for line in FIXTURE.read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
]
FORBIDDEN = ("\\", "{", "}", "^", "_", "&", "begin")


def _source(markup: str, formula: str) -> str | Tag:
    if markup == "latex":
        return formula
    math = BeautifulSoup(formula, "html.parser").find("math")
    assert isinstance(math, Tag)
    return math


def test_fixture_covers_enough_real_formulas() -> None:
    assert len(ROWS) >= 40
    assert len({row[0].split("/")[3] for row in ROWS}) >= 10  # sites (GitHub owners)
    assert {(row[1], row[2]) for row in ROWS} >= {
        ("inline", "latex"),
        ("display", "latex"),
        ("display", "mathml"),
    }


@pytest.mark.parametrize("row", ROWS, ids=[r[3][:40] for r in ROWS])
def test_real_formula(row: list[str]) -> None:
    _url, kind, markup, formula, expected = row
    spoken = speak_formula(_source(markup, formula), display=kind == "display")
    assert spoken == expected
    assert not any(mark in spoken for mark in FORBIDDEN), spoken
