"""A server cannot hold a run: timeout_s bounds a whole request, a run's fetching has a budget."""

from __future__ import annotations

import dataclasses
import socket
import threading
import time
from collections.abc import Iterator

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Response

from post2pod.errors import FetchError
from post2pod.fetch import fetch_feed

from .conftest import FAST, feed_bytes

QUICK = dataclasses.replace(FAST, timeout_s=0.5, retries=0)
RSS = feed_bytes("rss-content-encoded.xml")


def _drip(_request) -> Response:
    def body() -> Iterator[bytes]:
        for byte in RSS[:40]:
            time.sleep(0.1)
            yield bytes([byte])

    return Response(body(), content_type="application/rss+xml")


@pytest.mark.slow
def test_a_dripping_body_is_cut_at_timeout_s(server: HTTPServer) -> None:
    server.expect_request("/feed").respond_with_handler(_drip)
    start = time.monotonic()
    with pytest.raises(FetchError, match=r"no answer within 0\.5 s"):
        fetch_feed(server.url_for("/feed"), settings=QUICK)
    assert time.monotonic() - start < 1.5
    time.sleep(4.2)  # let the handler finish its drip before the server is reused


@pytest.fixture
def header_dripper() -> Iterator[str]:
    """A raw server that sends its status line and then one header byte every 0.1 s, for 5 s."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    stop = threading.Event()

    def serve() -> None:
        listener.settimeout(5)
        try:
            conn, _ = listener.accept()
        except OSError:
            return
        with conn:
            conn.recv(4096)
            conn.sendall(b"HTTP/1.1 200 OK\r\n")
            for byte in b"X-Slow: " + b"a" * 50:
                if stop.wait(0.1):
                    return
                try:
                    conn.sendall(bytes([byte]))
                except OSError:
                    return

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}/feed"
    stop.set()
    thread.join(5)
    listener.close()


def test_dripping_headers_are_cut_at_timeout_s(header_dripper: str) -> None:
    start = time.monotonic()
    with pytest.raises(FetchError, match="no answer within"):
        fetch_feed(header_dripper, settings=QUICK)
    assert time.monotonic() - start < 1.5


def test_retry_after_never_outlasts_the_runs_budget(server: HTTPServer) -> None:
    server.expect_request("/feed").respond_with_data("", status=503, headers={"Retry-After": "999999"})
    settings = dataclasses.replace(FAST, retries=3, max_retry_after_s=60, deadline=time.monotonic() + 1)
    start = time.monotonic()
    with pytest.raises(FetchError, match="no fetch time left"):
        fetch_feed(server.url_for("/feed"), settings=settings)
    assert time.monotonic() - start < 1.5
    assert len(server.log) == 1


def test_a_spent_budget_fetches_nothing(server: HTTPServer) -> None:
    server.expect_request("/feed").respond_with_data(RSS, content_type="application/rss+xml")
    with pytest.raises(FetchError, match="used up its fetch time"):
        fetch_feed(server.url_for("/feed"), settings=dataclasses.replace(FAST, deadline=time.monotonic()))
    assert server.log == []


@pytest.mark.slow
def test_a_slow_server_is_cut_at_the_budget(server: HTTPServer) -> None:
    server.expect_request("/feed").respond_with_handler(_drip)
    settings = dataclasses.replace(FAST, timeout_s=30, retries=5, deadline=time.monotonic() + 0.8)
    start = time.monotonic()
    with pytest.raises(FetchError):
        fetch_feed(server.url_for("/feed"), settings=settings)
    assert time.monotonic() - start < 1.5
    time.sleep(4.2)
