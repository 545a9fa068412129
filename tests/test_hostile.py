"""A cron tool that a hostile feed cannot turn (issue 16): end-to-end runs with the fake synthesiser.

Network tests only ever talk to 127.0.0.1; addresses that must be refused are refused before any
connection (checked by recording every connection attempted).
"""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from post2pod import pipeline
from post2pod.config import load_config

FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Hostile</title><link>{link}</link><description>d</description>
{items}
</channel></rss>"""
ITEM = """<item><title>{title}</title><link>{link}</link><guid>{guid}</guid>
<pubDate>{date}</pubDate><description>{body}</description></item>"""
LONG = "&lt;p&gt;" + " ".join(["The plane iron needs a keen edge before any real work."] * 30) + "&lt;/p&gt;"


def feed(*items: str, link: str = "https://blog.example/") -> str:
    return FEED.format(link=link, items="\n".join(items))


def item(
    title: str = "A post",
    link: str = "https://blog.example/a",
    guid: str = "a",
    date: str = "Mon, 02 Nov 2026 10:00:00 +0000",
    body: str = LONG,
) -> str:
    return ITEM.format(title=title, link=link, guid=guid, date=date, body=body)


def config_for(site: Path, feed_source: str, toml: str = "", **overrides):
    (site / "post2pod.toml").write_text("[fetch]\ntimeout_s = 2\nretries = 0\n" + toml)
    values = {
        "feed": feed_source,
        "out": site / "out",
        "state": site / "state",
        "base_url": "https://pod.example/",
    }
    values.update(overrides)
    return load_config(site / "post2pod.toml", values, cwd=site)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def connections(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int]]:
    attempted: list[tuple[str, int]] = []
    real = socket.create_connection

    def create_connection(address, *args, **kwargs):
        attempted.append(address)
        assert address[0] == "127.0.0.1", f"tried to connect to {address}"
        return real(address, *args, **kwargs)

    monkeypatch.setattr(socket, "create_connection", create_connection)
    return attempted


# --- 1. internal addresses --------------------------------------------------------------------


@pytest.mark.parametrize(
    "link", ["http://169.254.169.254/latest/meta-data/iam/", "http://10.0.0.1/admin", "http://[::1]:9/"]
)
def test_summary_posts_never_fetch_internal_pages(
    tmp_path, httpserver: HTTPServer, fake_engine, connections, link
):
    teaser = "&lt;p&gt;A short teaser of the post…&lt;/p&gt;"
    httpserver.expect_request("/feed.xml").respond_with_data(
        feed(item(link=link, body=teaser)), content_type="application/rss+xml"
    )
    warnings: list[str] = []
    report = pipeline.sync(
        config_for(tmp_path, httpserver.url_for("/feed.xml")),
        pipeline.Options(engine=fake_engine, warn=warnings.append),
    )
    assert report.new == ("A post",)
    assert any("internal address" in w for w in warnings), warnings
    assert {host for host, _port in connections} == {"127.0.0.1"}
    assert all(port == httpserver.port for _host, port in connections)


def test_a_post_page_on_the_feeds_own_host_is_read(tmp_path, httpserver: HTTPServer, fake_engine):
    teaser = "&lt;p&gt;A short teaser of the post…&lt;/p&gt;"
    httpserver.expect_request("/feed.xml").respond_with_data(
        feed(item(link=httpserver.url_for("/a"), body=teaser)), content_type="application/rss+xml"
    )
    page = (
        "<html><body><article><h1>A post</h1><p>"
        + "The whole post is here. " * 40
        + "</p></article></body></html>"
    )
    httpserver.expect_request("/a").respond_with_data(page, content_type="text/html")
    report = pipeline.sync(
        config_for(tmp_path, httpserver.url_for("/feed.xml")), pipeline.Options(engine=fake_engine)
    )
    assert report.new == ("A post",)
    assert "The whole post is here" in " ".join(fake_engine.calls)
