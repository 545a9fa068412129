"""Shared test helpers: a fast fake synthesiser, paths to fixtures and the shared corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from fakes import FakeEngine

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
CORPUS = ROOT.parent / "shared" / "corpus"
EXAMPLE_FEED = ROOT / "examples" / "blog" / "feed.xml"


@pytest.fixture
def fake_engine() -> FakeEngine:
    return FakeEngine()


@pytest.fixture
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not present")
    return CORPUS
