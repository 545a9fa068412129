"""`sync` against a real HTTP server on 127.0.0.1: faults never change what is published."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Response

from fakes import FakeEngine
from post2pod import pipeline
from post2pod.config import load_config
from post2pod.errors import FetchError

EXAMPLE_FEED = Path(__file__).resolve().parents[2] / "examples" / "blog" / "feed.xml"
FEED_BYTES = EXAMPLE_FEED.read_bytes()
STALL_S = 1.2
FAST = "[fetch]\ntimeout_s = 0.5\nretries = 1\nbackoff_s = 0.01\nmax_mb = 1\n"


def _config(site: Path, server: HTTPServer):
    return load_config(
        site / "post2pod.toml",
        {
            "feed": server.url_for("/feed.xml"),
            "out": site / "out",
            "state": site / "state",
            "base_url": "https://pod.example/",
        },
    )


@pytest.fixture(scope="module")
def published_once(tmp_path_factory: pytest.TempPathFactory, make_httpserver: HTTPServer) -> Path:
    """A podcast published once for the module from the served feed (a real sync); never changed."""
    site = tmp_path_factory.mktemp("published")
    (site / "post2pod.toml").write_text(FAST)
    make_httpserver.expect_ordered_request("/feed.xml").respond_with_data(
        FEED_BYTES, content_type="application/rss+xml", headers={"ETag": '"v1"'}
    )
    report = pipeline.sync(_config(site, make_httpserver), pipeline.Options(engine=FakeEngine()))
    assert len(report.new) == 3
    make_httpserver.clear()
    return site


@pytest.fixture
def published(published_once: Path, tmp_path: Path, httpserver: HTTPServer):
    """A test's own copy of the published podcast; returns (config, feed.xml bytes)."""
    shutil.copytree(published_once, tmp_path, symlinks=True, dirs_exist_ok=True)
    return _config(tmp_path, httpserver), (tmp_path / "out" / "feed.xml").read_bytes()


def _unchanged(config, before: bytes) -> None:
    assert (config.out / "feed.xml").read_bytes() == before
    assert len(list((config.out / "episodes").glob("*.mp3"))) == 3


def test_not_modified_means_nothing_to_do(published, httpserver: HTTPServer, fake_engine):
    config, before = published
    httpserver.expect_request("/feed.xml", headers={"If-None-Match": '"v1"'}).respond_with_data(
        "", status=304
    )
    fake_engine.calls.clear()
    report = pipeline.sync(config, pipeline.Options(engine=fake_engine))
    assert report.new == () and report.failed == ()
    assert fake_engine.calls == []
    _unchanged(config, before)


def test_server_error_then_success(published, httpserver: HTTPServer, fake_engine):
    config, before = published
    httpserver.expect_ordered_request("/feed.xml").respond_with_data("oops", status=500)
    httpserver.expect_ordered_request("/feed.xml").respond_with_data(
        FEED_BYTES, content_type="application/rss+xml"
    )
    report = pipeline.sync(config, pipeline.Options(engine=fake_engine))
    assert report.failed == () and len(report.unchanged) == 3
    _unchanged(config, before)


def test_too_many_requests_is_retried_after_the_servers_delay(published, httpserver: HTTPServer, fake_engine):
    config, before = published
    httpserver.expect_ordered_request("/feed.xml").respond_with_data(
        "", status=429, headers={"Retry-After": "1"}
    )
    httpserver.expect_ordered_request("/feed.xml").respond_with_data(
        FEED_BYTES, content_type="application/rss+xml"
    )
    start = time.monotonic()
    pipeline.sync(config, pipeline.Options(engine=fake_engine))
    assert time.monotonic() - start >= 1.0
    _unchanged(config, before)


def _stall(_request):
    time.sleep(STALL_S)
    return Response(FEED_BYTES, content_type="application/rss+xml")


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (
            lambda s: s.expect_request("/feed.xml").respond_with_data(
                "", status=302, headers={"Location": "/feed.xml"}
            ),
            "redirect",
        ),
        pytest.param(  # waits out the stall twice
            lambda s: s.expect_request("/feed.xml").respond_with_handler(_stall),
            "no answer within",
            marks=pytest.mark.slow,
        ),
        (
            lambda s: s.expect_request("/feed.xml").respond_with_data(
                b"<rss>" + b" " * 1_200_000, content_type="application/rss+xml"
            ),
            "byte limit",
        ),
        (lambda s: s.expect_request("/feed.xml").respond_with_data("gone", status=503), "503"),
    ],
    ids=["redirect-loop", "stalled", "oversized", "unavailable"],
)
def test_failures_leave_the_published_folder_untouched(
    published, httpserver: HTTPServer, fake_engine, setup, message
):
    config, before = published
    setup(httpserver)
    with pytest.raises(FetchError, match=message):
        pipeline.sync(config, pipeline.Options(engine=fake_engine))
    _unchanged(config, before)
    time.sleep(STALL_S if message == "no answer within" else 0)  # let the stalled handler finish
