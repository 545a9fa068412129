"""Fetch-stage test helpers: a real HTTP server on 127.0.0.1, fast retry settings, fixture paths."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from post2pod.config import FetchSettings
from post2pod.fetch import FeedResult, HttpSettings

FEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "feeds"
CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"

# Quick to give up, so failure paths stay fast.
FAST = HttpSettings(FetchSettings(timeout_s=2.0, retries=2, backoff_s=0.01), max_retry_after_s=5.0)


@pytest.fixture(scope="session")
def _http_server() -> Iterator[HTTPServer]:
    # Threaded: a stalled handler must not block the next request. One per session: stopping costs 0.5 s.
    httpserver = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    httpserver.start()
    yield httpserver
    httpserver.stop()


@pytest.fixture
def server(_http_server: HTTPServer) -> Iterator[HTTPServer]:
    """A real HTTP server on 127.0.0.1, with no handlers and an empty log."""
    _http_server.clear()
    yield _http_server
    _http_server.clear()


def feed_bytes(name: str) -> bytes:
    return (FEEDS / name).read_bytes()


def all_text(result: FeedResult) -> str:
    """Every string in a FeedResult, joined: for checking that something never leaks into any field."""
    parts = [*result.warnings, *(str(v) for v in dataclasses.asdict(result.info).values())]
    for post in result.posts:
        parts += [str(v) for v in dataclasses.asdict(post).values()]
    return "\n".join(parts)
