"""Shared test helpers: a fast fake synthesiser, paths to fixtures and the shared corpus, and the
example blog published once for the whole run."""

from __future__ import annotations

import logging
import shutil
import socket
from pathlib import Path

import pytest

from fakes import FakeEngine, LogLines
from post2pod import pipeline
from post2pod.config import load_config

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
CORPUS = ROOT.parent / "shared" / "corpus"
EXAMPLE_FEED = ROOT / "examples" / "blog" / "feed.xml"


@pytest.fixture(autouse=True)
def _forget_log_lines():
    """`fakes.log_lines` collects for one test: its handlers and level go when the test ends."""
    yield
    logger = logging.getLogger("post2pod")
    for handler in [h for h in logger.handlers if isinstance(h, LogLines)]:
        logger.removeHandler(handler)
    logger.setLevel(logging.NOTSET)


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


@pytest.fixture(scope="session")
def example_published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example blog synced once for the whole run with the fake synthesiser: feed.xml, out/ and
    state/, base URL https://pod.example/. Never changed: a test copies the folder to change it."""
    site = tmp_path_factory.mktemp("example-published")
    shutil.copy(EXAMPLE_FEED, site / "feed.xml")
    paths = {"feed": str(site / "feed.xml"), "out": site / "out", "state": site / "state"}
    config = load_config(None, {**paths, "base_url": "https://pod.example/"}, cwd=site)
    report = pipeline.sync(config, pipeline.Options(engine=FakeEngine()))
    assert len(report.new) == 3 and not report.failed, report
    return site
