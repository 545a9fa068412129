"""Shared test helpers: a fast fake synthesiser, paths to fixtures and the shared corpus."""

from __future__ import annotations

import socket
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


@pytest.fixture
def connections(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int]]:
    """Every TCP connection attempted, recorded; only 127.0.0.1 goes through (tests never leave it)."""
    attempted: list[tuple[str, int]] = []
    real = socket.create_connection

    def create_connection(address, *args, **kwargs):
        attempted.append(address)
        assert address[0] == "127.0.0.1", f"a test tried to connect to {address}"
        return real(address, *args, **kwargs)

    monkeypatch.setattr(socket, "create_connection", create_connection)
    return attempted
