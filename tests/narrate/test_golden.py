"""Golden narration: each tests/fixtures/narration/<case>.html reads exactly as <case>.txt.

Cases named `intro-*` use the default intro/outro templates; all others leave them empty so the
golden file shows only the body. Regenerate deliberately with
`UPDATE_GOLDEN=1 pytest tests/narrate/test_golden.py`, then read the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from post2pod.config import NarrationSettings
from post2pod.narrate import narrate, script_text

CASES = Path(__file__).resolve().parents[1] / "fixtures" / "narration"
HTML_FILES = sorted(CASES.glob("*.html"))


@pytest.mark.parametrize("html_file", HTML_FILES, ids=[p.stem for p in HTML_FILES])
def test_golden(html_file: Path, make_post, quiet) -> None:
    settings = NarrationSettings() if html_file.stem.startswith("intro") else quiet
    script = narrate(make_post(html_file.read_text(encoding="utf-8")), settings)
    text = script_text(script) + "\n"
    golden = html_file.with_suffix(".txt")
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


def test_every_case_has_a_golden_file() -> None:
    assert HTML_FILES
    missing = [p.name for p in HTML_FILES if not p.with_suffix(".txt").is_file()]
    assert not missing
