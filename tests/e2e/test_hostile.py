"""A cron tool that a hostile feed cannot turn (issue 16): end-to-end runs with the fake synthesiser.

Network tests only ever talk to 127.0.0.1; addresses that must be refused are refused before any
connection (checked by recording every connection attempted).
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import socket
import threading
import time
import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import feedparser
import pytest
from pytest_httpserver import HTTPServer

from cli_helpers import assert_one_line_error, invoke_cli
from fakes import log_lines
from post2pod import pipeline
from post2pod.config import load_config
from post2pod.errors import ConfigError, StoreError, UsageError

FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Hostile</title><link>{link}</link><description>d</description>
{items}
</channel></rss>"""
ITEM = """<item><title>{title}</title><link>{link}</link><guid>{guid}</guid>
<pubDate>{date}</pubDate><description>{body}</description></item>"""
# 160 words: just over what a bare summary may hold (fetch.text.SUMMARY_MAX_WORDS), so the post is read
# as it is, no page fetched; no longer, for every word is audio to encode and measure
LONG = "&lt;p&gt;" + " ".join(["The plane iron needs a keen edge before any real work."] * 16) + "&lt;/p&gt;"


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
    warnings = log_lines()
    report = pipeline.sync(
        config_for(tmp_path, httpserver.url_for("/feed.xml")),
        pipeline.Options(engine=fake_engine),
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


# --- 2. a lost state database -----------------------------------------------------------------


@pytest.fixture
def published(example_published: Path, tmp_path: Path):
    """A test's own copy of the example blog published from a local copy of its feed (feed.xml, out
    and state folders); returns its config. Each test may change its copy: no test sees another's."""
    shutil.copytree(example_published, tmp_path, symlinks=True, dirs_exist_ok=True)
    return config_for(tmp_path, str(tmp_path / "feed.xml"))


@pytest.mark.parametrize("loss", ["deleted", "truncated", "whole-folder"])
def test_a_lost_state_never_unpublishes(published, fake_engine, loss):
    config = published
    before = snapshot(config.out)
    db = config.state / "state.sqlite"
    if loss == "whole-folder":
        shutil.rmtree(config.state)
    else:
        for extra in config.state.glob("state.sqlite-*"):
            extra.unlink()
        db.unlink() if loss == "deleted" else db.write_bytes(b"")
    limited = load_config(config.config_path, {**_paths(config), "limit": 1}, cwd=config.out.parent)
    with pytest.raises(StoreError, match="post2pod adopt"):
        pipeline.sync(limited, pipeline.Options(engine=fake_engine))
    assert snapshot(config.out) == before
    assert fake_engine.calls == []


def test_adopt_rebuilds_the_state_from_the_published_feed(published, fake_engine):
    config = published
    before = snapshot(config.out)
    shutil.rmtree(config.state)
    titles = pipeline.adopt(config)
    assert len(titles) == 3
    report = pipeline.sync(config, pipeline.Options(engine=fake_engine))
    assert report.new == () and report.regenerated == () and len(report.unchanged) == 3
    assert fake_engine.calls == []
    after = snapshot(config.out)
    assert set(after) == set(before)
    assert {k: v for k, v in after.items() if k not in ("feed.xml", "index.html")} == {
        k: v for k, v in before.items() if k not in ("feed.xml", "index.html")
    }
    parsed = feedparser.parse(str(config.out / "feed.xml"))
    old = feedparser.parse(io.BytesIO(before["feed.xml"]))
    assert [(e.id, e.enclosures[0].href, e.enclosures[0].length) for e in parsed.entries] == [
        (e.id, e.enclosures[0].href, e.enclosures[0].length) for e in old.entries
    ]
    assert [e.description for e in parsed.entries] == [e.description for e in old.entries]
    # an edit after adoption is an ordinary edit: same guid, next version
    source = Path(config.feed)
    source.write_text(
        source.read_text().replace("Patience is the cheapest tool", "Patience is the least used tool")
    )
    report = pipeline.sync(config, pipeline.Options(engine=fake_engine))
    assert report.regenerated == ("Glue, clamps and patience",)


def test_adopt_refuses_a_state_that_already_knows_episodes(published):
    with pytest.raises(UsageError, match="empty --state"):
        pipeline.adopt(published)


def test_lost_state_from_the_command_line(published):
    config = published
    before = snapshot(config.out)
    shutil.rmtree(config.state)
    args = ["--config", str(config.config_path), "--out", str(config.out), "--state", str(config.state)]
    result = invoke_cli("sync", *args, "--feed", config.feed, "--limit", "1", cwd=config.out.parent)
    assert_one_line_error(result, 4, "post2pod adopt")
    assert snapshot(config.out) == before
    result = invoke_cli("adopt", *args, cwd=config.out.parent)
    assert result.returncode == 0, result.stderr
    assert "3 episode(s) adopted" in result.stderr


@pytest.mark.parametrize(
    ("tamper", "why"),
    [
        (
            lambda feed: re.sub(r'(<enclosure url=")[^"]*', r"\1https://pod.example/feed.xml", feed, count=1),
            "enclosure",
        ),
        (
            lambda feed: re.sub(
                r'(<enclosure url=")[^"]*', r"\1https://pod.example/index.html", feed, count=1
            ),
            "enclosure",
        ),
        (
            lambda feed: re.sub(
                r'(<enclosure url=")[^"]*', r"\1https://pod.example/episodes/", feed, count=1
            ),
            "enclosure",
        ),
        (
            lambda feed: re.sub(
                r'(<podcast:transcript url=")[^"]*', r"\1https://pod.example/feed.xml", feed, count=1
            ),
            "transcript",
        ),
        (lambda feed: re.sub(r'(<enclosure[^>]*length=")[^"]*', r"\1abc", feed, count=1), "length"),
        (lambda feed: re.sub(r"<itunes:duration>[^<]*", "<itunes:duration>NaN", feed, count=1), "duration"),
    ],
    ids=["feed.xml", "index.html", "a-folder", "transcript-feed.xml", "length-abc", "duration-nan"],
)
def test_adopt_accepts_only_the_files_post2pod_writes(published, tamper, why):
    """A tampered feed naming another file of the out folder is refused, item named, nothing adopted:
    otherwise the next sync would delete that file as old audio (or loop on exit 4 over a folder)."""
    config = published
    feed = config.out / "feed.xml"
    feed.write_text(tamper(feed.read_text(encoding="utf-8")), encoding="utf-8")
    before = snapshot(config.out)
    shutil.rmtree(config.state)
    args = ["--config", str(config.config_path), "--out", str(config.out), "--state", str(config.state)]
    result = invoke_cli("adopt", *args, cwd=config.out.parent)
    assert_one_line_error(result, 2, "cannot be adopted", why, "nothing was adopted")
    title = ET.fromstring(before["feed.xml"]).findtext("channel/item/title")
    assert repr(title) in result.stderr
    assert snapshot(config.out) == before


def _paths(config) -> dict:
    return {"feed": config.feed, "out": config.out, "state": config.state, "base_url": config.base_url}


# --- 3. nested folders and housekeeping ---------------------------------------------------------


@pytest.mark.parametrize(
    "out",
    ["state/post2pod-site", "state/parts", "state", "state/clips/x", "link-into-state/site"],
)
def test_an_out_folder_inside_the_state_is_refused(published, out):
    config = published
    site = config.out.parent
    (site / "link-into-state").symlink_to(config.state, target_is_directory=True)
    state_before = snapshot(config.state)
    with pytest.raises(ConfigError, match=r"(inside|is) the state folder"):
        load_config(config.config_path, {**_paths(config), "out": site / out}, cwd=site)
    result = invoke_cli(
        "sync",
        "--config",
        str(config.config_path),
        "--feed",
        config.feed,
        "--out",
        out,
        "--state",
        "state",
        cwd=site,
    )
    assert_one_line_error(result, 2, "the state folder")
    assert snapshot(config.state).keys() == state_before.keys()


@pytest.mark.parametrize("state", ["out/.state", "out", "link-into-out"])
def test_a_state_folder_inside_the_out_folder_is_refused(tmp_path, state):
    (tmp_path / "out").mkdir()
    (tmp_path / "link-into-out").symlink_to(tmp_path / "out" / "episodes")
    with pytest.raises(ConfigError, match=r"(inside|is) the published folder|is the state folder"):
        load_config(None, {"out": tmp_path / "out", "state": tmp_path / state}, cwd=tmp_path)


def test_housekeeping_deletes_only_what_it_made(published, fake_engine):
    config = published
    mine = {
        config.state / "parts" / "notes" / "todo.txt": b"keep me",
        config.state / "parts" / "gone-slug" / "README": b"not a part",
        config.state / "post2pod-site" / "index.html": b"a site",
        config.state / "scratch" / "post2pod-notes" / "a.txt": b"notes",
    }
    for path, data in mine.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    stale = config.state / "scratch" / "post2pod-ab12cd_9"
    stale.mkdir(parents=True)
    (stale / "part.wav").write_bytes(b"x")
    pipeline.sync(config, pipeline.Options(engine=fake_engine))
    pipeline.remove(config, "quiet-workshop-2026-11-glue")
    assert all(path.read_bytes() == data for path, data in mine.items())
    assert not stale.exists()
    assert not (config.state / "parts" / "glue-and-patience").exists()


# --- 4. one hostile item fails alone ------------------------------------------------------------


def _nested(depth: int) -> str:
    return "&lt;p&gt;" + LONG + "&lt;/p&gt;" + "&lt;div&gt;" * depth + "bottom" + "&lt;/div&gt;" * depth


@pytest.mark.slow  # parses 10,000 nested elements and narrates four posts
def test_hostile_items_do_not_abort_the_sync(tmp_path, fake_engine):
    source = tmp_path / "src.xml"
    source.write_text(
        feed(
            item(title="Plain", guid="plain"),
            item(
                title="Surrogate &#xD800; here", guid="sur", body=LONG + " &amp;#xD800; &#xDFFF; &#x110000;"
            ),
            item(title="Deep", guid="deep", body=_nested(600)),
            item(title="Deeper", guid="deeper", body=_nested(10_000)),
        )
    )
    start = time.monotonic()
    report = pipeline.sync(config_for(tmp_path, str(source)), pipeline.Options(engine=fake_engine))
    assert time.monotonic() - start < 60
    assert len(report.new) == 4 and not report.failed
    parsed = feedparser.parse(str(tmp_path / "out" / "feed.xml"))
    assert sorted(e.id for e in parsed.entries) == ["deep", "deeper", "plain", "sur"]
    assert "\ufffd" in next(e.title for e in parsed.entries if e.id == "sur")
    assert any("bottom" in call for call in fake_engine.calls)


@pytest.mark.slow
def test_a_surrogate_from_the_command_line(tmp_path):
    source = tmp_path / "src.xml"
    source.write_text(
        feed(item(title="Surrogate &#xD800; here", guid="sur", body="&lt;p&gt;Short.&lt;/p&gt;"))
    )
    result = invoke_cli(
        "sync", "--feed", str(source), "--out", "out", "--state", "state", "--dry-run", cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert "would publish: Surrogate \ufffd here" in result.stdout


@pytest.mark.slow
def test_a_post_that_cannot_be_narrated_in_time_fails_alone(tmp_path, fake_engine, monkeypatch):
    monkeypatch.setattr(pipeline.plan, "NARRATE_LIMIT_S", 1.5)  # the huge post needs ~7 s, a plain one ~0.1 s
    huge = "&lt;p&gt;" + "&lt;/p&gt;&lt;p&gt;".join(["A sentence that goes on."] * 20_000) + "&lt;/p&gt;"
    (tmp_path / "src.xml").write_text(
        feed(item(title="Plain", guid="plain"), item(title="Huge", guid="huge", body=huge))
    )
    report = pipeline.sync(
        config_for(tmp_path, str(tmp_path / "src.xml")), pipeline.Options(engine=fake_engine)
    )
    assert report.new == ("Plain",)
    assert [title for title, _message in report.failed] == ["Huge"]
    assert "took over" in report.failed[0][1]


@pytest.mark.slow
def test_a_post_that_failed_narration_is_not_tried_again_until_it_changes(tmp_path, fake_engine, monkeypatch):
    import post2pod.narrate as narration

    monkeypatch.setattr(pipeline.plan, "NARRATE_LIMIT_S", 1.5)
    real, narrated = narration.narrate, []

    def counting(post, *args, **kwargs):
        narrated.append(post.guid)
        return real(post, *args, **kwargs)

    monkeypatch.setattr(narration, "narrate", counting)
    huge = "&lt;p&gt;" + "&lt;/p&gt;&lt;p&gt;".join(["A sentence that goes on."] * 20_000) + "&lt;/p&gt;"
    source = tmp_path / "src.xml"
    source.write_text(feed(item(title="Plain", guid="plain"), item(title="Huge", guid="huge", body=huge)))
    config = config_for(tmp_path, str(source))
    first = pipeline.sync(config, pipeline.Options(engine=fake_engine))
    assert [title for title, _ in first.failed] == ["Huge"] and narrated.count("huge") == 1

    again = pipeline.sync(config, pipeline.Options(engine=fake_engine))
    assert [title for title, _ in again.failed] == ["Huge"]
    assert "took over" in again.failed[0][1] and "regenerate huge" in again.failed[0][1]
    assert narrated.count("huge") == 1  # remembered: not narrated for another 1.5 s (120 s by default)

    source.write_text(feed(item(title="Plain", guid="plain"), item(title="Huge", guid="huge", body=LONG)))
    edited = pipeline.sync(config, pipeline.Options(engine=fake_engine))
    assert edited.new == ("Huge",) and not edited.failed and narrated.count("huge") == 2


def test_a_crash_inside_narration_fails_that_post_alone(tmp_path, fake_engine, monkeypatch):
    import post2pod.narrate as narration

    real = narration.narrate

    def narrate(post, *args, **kwargs):
        if post.guid == "bad":
            raise RecursionError("maximum recursion depth exceeded")
        return real(post, *args, **kwargs)

    monkeypatch.setattr(narration, "narrate", narrate)
    (tmp_path / "src.xml").write_text(feed(item(title="Plain", guid="plain"), item(title="Bad", guid="bad")))
    report = pipeline.sync(
        config_for(tmp_path, str(tmp_path / "src.xml")), pipeline.Options(engine=fake_engine)
    )
    assert report.new == ("Plain",)
    assert report.failed[0][0] == "Bad" and "RecursionError" in report.failed[0][1]


# --- 6. terminal escapes from servers and feeds -------------------------------------------------


@pytest.fixture
def raw_server():
    """A raw HTTP server on 127.0.0.1 answering every request with the bytes put in `answer[0]`."""
    import threading

    answer = [b""]
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    listener.settimeout(0.2)
    stop = threading.Event()

    def serve():
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                continue
            with conn:
                conn.settimeout(2)
                try:
                    conn.recv(65536)
                    conn.sendall(answer[0])
                except OSError:
                    pass

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}/", answer
    stop.set()
    thread.join(5)
    listener.close()


ESCAPES = "\x1b[2J\x1b]0;pwned\x07\u202e"


def test_server_strings_never_reach_the_terminal_raw(tmp_path, raw_server):
    url, answer = raw_server
    answer[0] = f"HTTP/1.1 404 Not{ESCAPES}Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".encode()
    result = invoke_cli("sync", "--feed", url + "feed.xml", "--out", "out", "--state", "state", cwd=tmp_path)
    assert_one_line_error(result, 4, "HTTP 404 Not")
    assert not any(c in result.stderr for c in "\x1b\x07\u202e")


def test_a_pages_advertised_feed_link_is_printed_safely(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        '<!doctype html><html><head><link rel="alternate" type="application/rss+xml" '
        f'href="https://blog.example/feed{ESCAPES}.xml"></head><body><p>Hi</p></body></html>'
    )
    result = invoke_cli("sync", "--feed", str(page), "--out", "out", "--state", "state", cwd=tmp_path)
    assert_one_line_error(result, 4, "web page, not a feed", warnings_allowed=True)
    assert not any(c in result.stderr for c in "\x1b\x07\u202e")


def test_feed_titles_are_printed_safely(tmp_path):
    source = tmp_path / "src.xml"
    source.write_text(feed(item(title="Title &#x1b;[2J&#x202e;here", guid="t")))
    result = invoke_cli(
        "sync", "--feed", str(source), "--out", "out", "--state", "state", "--dry-run", cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert not any(c in result.stdout + result.stderr for c in "\x1b\u202e")


# --- 7. channel links ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "link", ["javascript:alert(document.cookie)", "data:text/html,<b>x</b>", "JaVaScRiPt:x"]
)
def test_a_hostile_channel_link_is_never_published(tmp_path, fake_engine, link):
    source = tmp_path / "src.xml"
    source.write_text(feed(item(), link=link.replace("<", "&lt;").replace(">", "&gt;")))
    pipeline.sync(config_for(tmp_path, str(source)), pipeline.Options(engine=fake_engine))
    published = (tmp_path / "out" / "feed.xml").read_text() + (tmp_path / "out" / "index.html").read_text()
    assert "javascript" not in published.lower() and "data:text" not in published
    channel = ET.parse(tmp_path / "out" / "feed.xml").getroot().find("channel")
    assert channel.findtext("link") == "https://pod.example/"
    assert channel.findtext("image/link") == "https://pod.example/"


# --- 8. absurd dates ----------------------------------------------------------------------------


def _rfc822(moment: datetime) -> str:
    return format_datetime(moment.astimezone(UTC))


@pytest.mark.slow
def test_a_far_future_post_cannot_block_later_posts(tmp_path, fake_engine):
    source = tmp_path / "src.xml"
    config = config_for(tmp_path, str(source), "[podcast]\nmax_episodes = 1\n")
    real1 = item(title="Real one", guid="r1", date="Mon, 02 Nov 2026 10:00:00 +0000")
    source.write_text(feed(real1))
    pipeline.sync(config, pipeline.Options(engine=fake_engine))
    hostile = item(title="From 9999", guid="h", date="Fri, 31 Dec 9999 23:00:00 +0000")
    source.write_text(feed(hostile, real1))
    warnings = log_lines()
    report = pipeline.sync(config, pipeline.Options(engine=fake_engine))
    assert report.new == ("From 9999",)
    assert any("dated in the future" in w for w in warnings)
    entry = feedparser.parse(str(tmp_path / "out" / "feed.xml")).entries[0]
    assert entry.published_parsed.tm_year == datetime.now(UTC).year
    later = datetime.now(UTC).replace(microsecond=0) + timedelta(seconds=2)
    time.sleep(2.2)
    source.write_text(feed(hostile, item(title="Real two", guid="r2", date=_rfc822(later)), real1))
    report = pipeline.sync(config, pipeline.Options(engine=fake_engine))
    assert report.new == ("Real two",)
    assert [e.id for e in feedparser.parse(str(tmp_path / "out" / "feed.xml")).entries] == ["r2"]


@pytest.mark.parametrize("date", ["Mon, 01 Jan 0001 00:00:00 +0000", "Sat, 01 Jan 0099 00:00:00 +0000"])
def test_an_impossible_year_is_not_published(tmp_path, fake_engine, date):
    source = tmp_path / "src.xml"
    source.write_text(feed(item(title="Old", guid="o", date=date)))
    warnings = log_lines()
    pipeline.sync(config_for(tmp_path, str(source)), pipeline.Options(engine=fake_engine))
    assert any("impossible date" in w for w in warnings), warnings
    text = (tmp_path / "out" / "feed.xml").read_text()
    pub = text.split("<pubDate>")[1].split("</pubDate>")[0]
    assert pub.endswith("1970 00:00:00 +0000"), pub


# --- 9. a changed guid ----------------------------------------------------------------------------


def test_a_changed_guid_keeps_the_first_one(tmp_path, fake_engine):
    source = tmp_path / "src.xml"
    config = config_for(tmp_path, str(source))
    source.write_text(feed(item(guid="old-guid", link="https://blog.example/a/")))
    pipeline.sync(config, pipeline.Options(engine=fake_engine))
    fake_engine.calls.clear()
    source.write_text(feed(item(guid="https://blog.example/?p=12", link="https://blog.example/a")))
    warnings = log_lines()
    report = pipeline.sync(config, pipeline.Options(engine=fake_engine))
    assert report.new == () and report.unchanged == ("A post",)
    assert any("changed its guid" in w for w in warnings)
    assert fake_engine.calls == []
    assert [e.id for e in feedparser.parse(str(tmp_path / "out" / "feed.xml")).entries] == ["old-guid"]


def test_posts_sharing_a_link_keep_their_own_guids(tmp_path, fake_engine):
    source = tmp_path / "src.xml"
    config = config_for(tmp_path, str(source))
    home = "https://blog.example/"
    source.write_text(feed(item(title="One", guid="one", link=home)))
    pipeline.sync(config, pipeline.Options(engine=fake_engine))
    source.write_text(
        feed(
            item(title="One", guid="one", link=home),
            item(title="Two", guid="two", link=home, date="Tue, 03 Nov 2026 10:00:00 +0000"),
        )
    )
    report = pipeline.sync(config, pipeline.Options(engine=fake_engine))
    assert report.new == ("Two",)
    assert sorted(e.id for e in feedparser.parse(str(tmp_path / "out" / "feed.xml")).entries) == [
        "one",
        "two",
    ]


# --- 10. missing published files ----------------------------------------------------------------


def _enclosures_exist(out: Path) -> int:
    entries = feedparser.parse(str(out / "feed.xml")).entries
    for entry in entries:
        name = entry.enclosures[0].href.removeprefix("https://pod.example/")
        assert (out / name).stat().st_size == int(entry.enclosures[0].length)
    text = (out / "feed.xml").read_text()
    for url in re.findall(r'url="https://pod\.example/([^"]+)"', text):
        assert (out / url).is_file(), url
    return len(entries)


def test_missing_episode_files_are_rebuilt_outside_the_limit(published, fake_engine):
    config = published
    shutil.rmtree(config.out / "episodes")
    limited = load_config(config.config_path, {**_paths(config), "limit": 1}, cwd=config.out.parent)
    report = pipeline.sync(limited, pipeline.Options(engine=fake_engine))
    assert len(report.regenerated) == 3 and not report.failed
    assert fake_engine.calls == []  # rebuilt from the stored parts and the clip cache
    assert _enclosures_exist(config.out) == 3


@pytest.mark.parametrize("suffix", [".vtt", ".chapters.json"])
def test_a_missing_transcript_or_chapters_file_is_rebuilt(published, fake_engine, suffix):
    config = published
    victim = next((config.out / "episodes").glob(f"workbench-v1{suffix}"))
    victim.unlink()
    report = pipeline.sync(published, pipeline.Options(engine=fake_engine))
    assert report.regenerated == ("A workbench is never finished",)
    assert _enclosures_exist(config.out) == 3


def test_a_missing_file_of_a_post_gone_from_the_feed_is_reported(published, fake_engine):
    config = published
    next((config.out / "episodes").glob("glue-and-patience-v1.mp3")).unlink()
    source = Path(config.feed)
    text = source.read_text()
    start = text.rindex("<item>", 0, text.index("quiet-workshop-2026-11-glue"))
    source.write_text(text[:start] + text[text.index("</item>", start) + 7 :])
    report = pipeline.sync(config, pipeline.Options(engine=fake_engine))
    assert [title for title, _message in report.failed] == ["Glue, clamps and patience"]
    assert "post2pod regenerate glue-and-patience" in report.failed[0][1]


# --- 12. one out folder, one owner ----------------------------------------------------------------


def test_a_second_state_folder_cannot_take_over_the_out_folder(published, fake_engine):
    config = published
    assert (config.out / ".post2pod-owner").is_file()
    before = snapshot(config.out)
    other = load_config(
        config.config_path, {**_paths(config), "state": config.out.parent / "other"}, cwd=config.out.parent
    )
    with pytest.raises(StoreError, match="another state folder"):
        pipeline.sync(other, pipeline.Options(engine=fake_engine))
    with pytest.raises(StoreError, match="another state folder"):
        pipeline.remove(other, "quiet-workshop-2026-11-glue")
    assert snapshot(config.out) == before
    assert pipeline.sync(config, pipeline.Options(engine=fake_engine)).failed == ()


def test_a_second_state_folder_is_refused_on_an_unpublished_out_folder(tmp_path, fake_engine):
    (tmp_path / "src.xml").write_text(feed(item()))
    first = config_for(tmp_path, str(tmp_path / "src.xml"))
    pipeline.sync(first, pipeline.Options(engine=fake_engine, dry_run=True))
    (first.out).mkdir()
    pipeline.sync(first, pipeline.Options(engine=fake_engine))
    second = config_for(tmp_path, str(tmp_path / "src.xml"), state=tmp_path / "second")
    with pytest.raises(StoreError, match="another state folder"):
        pipeline.sync(second, pipeline.Options(engine=fake_engine))


def test_adopt_takes_over_the_owner_marker(published, fake_engine):
    config = published
    shutil.rmtree(config.state)
    pipeline.adopt(config)
    assert pipeline.sync(config, pipeline.Options(engine=fake_engine)).failed == ()


# --- 13. the base URL -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("base_url", "words"),
    [
        ("https://pod.example/?x=1", "query"),
        ("https://pod.example/#top", "fragment"),
        ("https://pod.example/my podcast/", "white space"),
        ("https:///podcast/", "no host"),
        ("http://", "no host"),
        ("https://pod.example:99999/", "port"),
        ("https://user:secret@pod.example/", "password"),
        ("ftp://pod.example/", "http"),
    ],
)
def test_a_base_url_that_cannot_prefix_files_is_refused(published, base_url, words):
    config = published
    before = snapshot(config.out)
    with pytest.raises(ConfigError, match=words):
        load_config(config.config_path, {**_paths(config), "base_url": base_url}, cwd=config.out.parent)
    args = ["--config", str(config.config_path), "--feed", config.feed, "--out", "out", "--state", "state"]
    result = invoke_cli("sync", *args, "--base-url", base_url, cwd=config.out.parent)
    assert_one_line_error(result, 2, "base URL", words)
    assert snapshot(config.out) == before


def test_an_upper_case_scheme_is_a_url(tmp_path):
    config = load_config(
        None, {"base_url": "HTTP://Pod.Example/p/", "feed": "HTTPS://blog.example/feed"}, cwd=tmp_path
    )
    assert config.base_url == "HTTP://Pod.Example/p/" and config.feed == "HTTPS://blog.example/feed"


# --- 14. numeric settings -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "toml",
    [
        "[fetch]\ntimeout_s = -1",
        "[fetch]\ntimeout_s = 0",
        "[fetch]\nretries = -1",
        "[fetch]\nretries = 1000000",
        "[fetch]\nbackoff_s = -0.5",
        "[fetch]\nmax_mb = 0",
        "[fetch]\nbudget_s = inf",
        "[audio]\nlength_scale = 0",
        "[audio]\nloudness_lufs = nan",
        "[audio]\ntrue_peak_db = 3",
        "[audio]\nspeaker = -1",
        "[audio]\nsentence_pause_ms = 99999999",
        "[narration]\nmax_words = 0",
    ],
)
def test_out_of_range_settings_are_refused(published, toml):
    config = published
    before = snapshot(config.out)
    (config.out.parent / "bad.toml").write_text(toml + "\n")
    with pytest.raises(ConfigError, match="out of range; allowed"):
        load_config(config.out.parent / "bad.toml", _paths(config), cwd=config.out.parent)
    args = ["--feed", config.feed, "--out", "out", "--state", "state"]
    result = invoke_cli("sync", "--config", "bad.toml", *args, cwd=config.out.parent)
    assert_one_line_error(result, 2, "out of range; allowed")
    assert snapshot(config.out) == before


def test_a_speaker_the_voice_does_not_have_is_refused(published, fake_engine):
    config = published
    before = snapshot(config.out)
    (config.out.parent / "bad.toml").write_text("[audio]\nspeaker = 999\n")
    bad = load_config(config.out.parent / "bad.toml", _paths(config), cwd=config.out.parent)
    with pytest.raises(ConfigError, match="not a speaker of voice"):
        pipeline.sync(bad, pipeline.Options(engine=fake_engine))
    assert snapshot(config.out) == before


# --- polish ---------------------------------------------------------------------------------------


def test_a_corrupt_state_database_is_one_clear_line(published):
    config = published
    before = snapshot(config.out)
    db = config.state / "state.sqlite"
    for extra in config.state.glob("state.sqlite-*"):
        extra.unlink()
    data = bytearray(db.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # a corrupt first page past the header
    db.write_bytes(bytes(data))
    args = ["--config", str(config.config_path), "--feed", config.feed, "--out", "out", "--state", "state"]
    result = invoke_cli("sync", *args, cwd=config.out.parent)
    assert_one_line_error(result, 4, "state database", "post2pod adopt")
    assert snapshot(config.out) == before


def test_temporary_files_of_a_killed_run_are_removed(published, fake_engine):
    config = published
    leftovers = [".feed.xml.abc123.tmp", ".index.html.x_9.tmp", ".cover.png.q.tmp"]
    for name in leftovers:
        (config.out / name).write_bytes(b"half")
    (config.out / ".notes.tmp").write_bytes(b"mine")
    pipeline.sync(config, pipeline.Options(engine=fake_engine))
    edited = Path(config.feed)
    edited.write_text(edited.read_text().replace("Patience is the cheapest tool", "Patience is a tool"))
    pipeline.sync(config, pipeline.Options(engine=fake_engine))
    assert not any((config.out / name).exists() for name in leftovers)
    assert (config.out / ".notes.tmp").read_bytes() == b"mine"


def test_a_device_is_not_read_as_a_feed(tmp_path):
    result = invoke_cli("sync", "--feed", "/dev/zero", "--out", "out", "--state", "state", cwd=tmp_path)
    assert_one_line_error(result, 4, "not a regular file")
    assert not (tmp_path / "out").exists()


def test_a_redirect_page_is_followed_not_narrated(tmp_path, httpserver: HTTPServer, fake_engine):
    teaser = "&lt;p&gt;A short teaser of the post…&lt;/p&gt;"
    httpserver.expect_request("/feed.xml").respond_with_data(
        feed(item(link=httpserver.url_for("/old"), body=teaser)), content_type="application/rss+xml"
    )
    redirect = (
        '<html><head><meta http-equiv="Refresh" content="0; URL=/new"><title>Redirecting</title></head>'
        "<body>Redirecting…</body></html>"
    )
    httpserver.expect_request("/old").respond_with_data(redirect, content_type="text/html")
    page = "<html><body><article><p>" + "The moved post is here. " * 40 + "</p></article></body></html>"
    httpserver.expect_request("/new").respond_with_data(page, content_type="text/html")
    pipeline.sync(config_for(tmp_path, httpserver.url_for("/feed.xml")), pipeline.Options(engine=fake_engine))
    spoken = " ".join(fake_engine.calls)
    assert "moved post is here" in spoken and "Redirecting" not in spoken


def test_a_redirect_page_into_an_internal_address_is_refused(
    tmp_path, httpserver: HTTPServer, fake_engine, connections
):
    teaser = "&lt;p&gt;A short teaser of the post…&lt;/p&gt;"
    httpserver.expect_request("/feed.xml").respond_with_data(
        feed(item(link=httpserver.url_for("/old"), body=teaser)), content_type="application/rss+xml"
    )
    redirect = '<meta http-equiv="refresh" content="0;url=http://169.254.169.254/latest/meta-data/">'
    httpserver.expect_request("/old").respond_with_data(redirect, content_type="text/html")
    warnings = log_lines()
    pipeline.sync(
        config_for(tmp_path, httpserver.url_for("/feed.xml")),
        pipeline.Options(engine=fake_engine),
    )
    assert any("internal address" in w for w in warnings)
    assert {host for host, _port in connections} == {"127.0.0.1"}


@pytest.mark.parametrize("how", ["location", "meta refresh"])
def test_a_post_page_redirecting_to_a_data_url_is_read_from_its_summary(
    tmp_path, httpserver: HTTPServer, fake_engine, how
):
    """A redirect to data: failed the post on every run with "unexpected InvalidURL" (issue 22)."""
    teaser = "&lt;p&gt;A short teaser of the post…&lt;/p&gt;"
    httpserver.expect_request("/feed.xml").respond_with_data(
        feed(item(link=httpserver.url_for("/old"), body=teaser)), content_type="application/rss+xml"
    )
    target = "data:text/html;base64,PHA+U2VjcmV0IHBhZ2UuPC9wPg=="
    if how == "location":
        httpserver.expect_request("/old").respond_with_data("", status=302, headers={"Location": target})
    else:
        redirect = f'<meta http-equiv="refresh" content="0;url={target}">'
        httpserver.expect_request("/old").respond_with_data(redirect, content_type="text/html")
    warnings = log_lines()
    report = pipeline.sync(
        config_for(tmp_path, httpserver.url_for("/feed.xml")),
        pipeline.Options(engine=fake_engine),
    )
    assert not report.failed
    assert "short teaser" in " ".join(fake_engine.calls)
    assert [w for w in warnings if "not an http(s) URL" in w and "\n" not in w], warnings
    assert not any("report it" in w or "InvalidURL" in w for w in warnings), warnings


def test_a_missing_lexicon_file_is_named_as_such(tmp_path):
    (tmp_path / "post2pod.toml").write_text('[narration]\nlexicon = "words.toml"\n')
    with pytest.raises(ConfigError, match=r"lexicon file .*words\.toml does not exist"):
        load_config(tmp_path / "post2pod.toml", cwd=tmp_path)


def test_a_cover_url_is_refused_clearly(tmp_path):
    (tmp_path / "post2pod.toml").write_text('[podcast]\nimage = "https://blog.example/cover.png"\n')
    with pytest.raises(ConfigError, match="is a URL; download the image"):
        load_config(tmp_path / "post2pod.toml", cwd=tmp_path)


def test_an_unusable_cover_is_a_configuration_error(published):
    config = published
    before = snapshot(config.out)
    (config.out.parent / "wide.png").write_bytes((config.out / "cover.png").read_bytes()[:100])
    (config.out.parent / "bad.toml").write_text('[podcast]\nimage = "wide.png"\n')
    args = ["--feed", config.feed, "--out", "out", "--state", "state"]
    result = invoke_cli("sync", "--config", "bad.toml", *args, cwd=config.out.parent)
    assert_one_line_error(result, 2, "cover image", warnings_allowed=True)
    assert snapshot(config.out) == before


def test_a_huge_cover_is_refused_from_its_header_before_decoding(published):
    """A 12000×12000 PNG of a few hundred KB decoded to over a gigabyte on every run (issue 22)."""
    from PIL import Image

    config = published
    before = snapshot(config.out)
    Image.new("1", (12_000, 12_000)).save(config.out.parent / "huge.png")  # bilevel: small to write
    (config.out.parent / "bad.toml").write_text('[podcast]\nimage = "huge.png"\n')
    args = ["--feed", config.feed, "--out", "out", "--state", "state"]
    result = invoke_cli("sync", "--config", "bad.toml", *args, cwd=config.out.parent)
    assert_one_line_error(result, 2, "12000×12000 px", "scale it to 3000×3000", warnings_allowed=True)
    assert snapshot(config.out) == before


def _end_of_pipe(fifo: Path) -> None:
    """Give a reader stuck on `fifo` its end of file (so a test of a hang fails instead of hanging)."""
    with contextlib.suppress(OSError):  # nobody reading: nothing to unblock
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))


def test_a_cover_that_is_a_pipe_is_refused_without_waiting(published):
    """Opening a FIFO blocks until a writer comes: the run would hang forever, holding the lock (issue 22)."""
    config = published
    before = snapshot(config.out)
    os.mkfifo(config.out.parent / "pipe.png")
    (config.out.parent / "bad.toml").write_text('[podcast]\nimage = "pipe.png"\n')
    args = ["--feed", config.feed, "--out", "out", "--state", "state"]
    unblock = threading.Timer(5, _end_of_pipe, [config.out.parent / "pipe.png"])
    unblock.start()
    try:
        result = invoke_cli("sync", "--config", "bad.toml", *args, cwd=config.out.parent)
    finally:
        unblock.cancel()
    assert_one_line_error(result, 2, "pipe.png is not a regular file", warnings_allowed=True)
    assert snapshot(config.out) == before
