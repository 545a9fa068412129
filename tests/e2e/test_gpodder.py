"""A real podcast client end to end: gPodder's `gpo` subscribes to the feed we serve on 127.0.0.1.

The example blog is built with the fake synthesiser, served by `post2pod.serve`, then subscribed to,
updated and downloaded with `gpo` (Debian package `gpodder`); gPodder's SQLite database tells what it
understood. An edited post is then regenerated: gPodder must keep one episode per guid and follow the
enclosure to the new `-v2.mp3` file.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import threading
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest

from post2pod import pipeline, serve
from post2pod.config import Config, load_config

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("gpo") is None, reason="gpo (Debian package gpodder) is not installed"),
]

EXAMPLE_FEED = Path(__file__).resolve().parents[2] / "examples" / "blog" / "feed.xml"
GUIDS = {
    "quiet-workshop-2026-11-sharpening",
    "quiet-workshop-2026-11-workbench",
    "quiet-workshop-2026-11-glue",
}
EDITED_GUID = "quiet-workshop-2026-11-glue"
STATE_DOWNLOADED = 1  # gpodder.STATE_DOWNLOADED
GPO_TIMEOUT_S = 30


@dataclass
class Served:
    site: Path
    out: Path
    base_url: str
    config: Config
    server: ThreadingHTTPServer


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    """The output folder served on 127.0.0.1 (port chosen by the OS), and a config publishing to it."""
    shutil.copy(EXAMPLE_FEED, tmp_path / "feed.xml")
    out = tmp_path / "out"
    out.mkdir()
    server = serve.make_server(out, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base_url = f"http://127.0.0.1:{server.server_address[1]}/"
    config = load_config(
        None,
        {"feed": str(tmp_path / "feed.xml"), "out": out, "state": tmp_path / "state", "base_url": base_url},
        cwd=tmp_path,
    )
    try:
        yield Served(tmp_path, out, base_url, config, server)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture
def gpo_env(tmp_path: Path) -> dict[str, str]:
    """gPodder's data and downloads in temp folders; anything but 127.0.0.1 goes to a dead proxy."""
    env = {k: v for k, v in os.environ.items() if k.lower() not in ("http_proxy", "https_proxy", "all_proxy")}
    dead_proxy = "http://127.0.0.1:9"
    env.update(
        GPODDER_HOME=str(tmp_path / "gpodder-home"),
        GPODDER_DOWNLOAD_DIR=str(tmp_path / "gpodder-downloads"),
        HOME=str(tmp_path / "home"),
        http_proxy=dead_proxy,
        https_proxy=dead_proxy,
        HTTP_PROXY=dead_proxy,
        HTTPS_PROXY=dead_proxy,
        no_proxy="127.0.0.1",
        NO_PROXY="127.0.0.1",
    )
    return env


def _gpo(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        ["gpo", *args], env=env, capture_output=True, text=True, timeout=GPO_TIMEOUT_S, check=False
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, f"gpo {' '.join(args)} failed:\n{output}"
    return output


def _episodes(env: dict[str, str]) -> dict[str, sqlite3.Row]:
    """gPodder's episode rows by guid (asserting there is no duplicate guid)."""
    with sqlite3.connect(Path(env["GPODDER_HOME"]) / "Database") as db:
        db.row_factory = sqlite3.Row
        rows = db.execute(
            "SELECT e.guid, e.url, e.file_size, e.mime_type, e.state, e.download_filename, e.total_time,"
            " p.download_folder FROM episode e JOIN podcast p ON p.id = e.podcast_id"
        ).fetchall()
    by_guid = {row["guid"]: row for row in rows}
    assert len(by_guid) == len(rows), f"duplicate guids: {[row['guid'] for row in rows]}"
    return by_guid


def _podcasts(env: dict[str, str]) -> list[sqlite3.Row]:
    with sqlite3.connect(Path(env["GPODDER_HOME"]) / "Database") as db:
        db.row_factory = sqlite3.Row
        return db.execute("SELECT title, url FROM podcast").fetchall()


def _local_file(served: Served, url: str) -> Path:
    assert url.startswith(served.base_url), url
    return served.out / url.removeprefix(served.base_url)


def test_gpodder_downloads_every_episode_and_follows_a_regeneration(served: Served, gpo_env, fake_engine):
    report = pipeline.sync(served.config, pipeline.Options(engine=fake_engine))
    assert len(report.new) == 3 and not report.failed
    feed_url = served.base_url + "feed.xml"

    _gpo(gpo_env, "subscribe", feed_url)
    _gpo(gpo_env, "update")
    _gpo(gpo_env, "download")

    podcasts = _podcasts(gpo_env)
    assert [(p["title"], p["url"]) for p in podcasts] == [("The Quiet Workshop", feed_url)]
    episodes = _episodes(gpo_env)
    assert set(episodes) == GUIDS
    downloads = Path(gpo_env["GPODDER_DOWNLOAD_DIR"])
    for guid, row in episodes.items():
        published = _local_file(served, row["url"])
        assert published.parent.name == "episodes" and published.name.endswith("-v1.mp3"), guid
        size = published.stat().st_size
        assert row["mime_type"] == "audio/mpeg"
        assert row["file_size"] == size, guid  # the enclosure length gPodder read
        assert row["total_time"] > 0, guid  # itunes:duration
        assert row["state"] == STATE_DOWNLOADED, guid
        downloaded = downloads / row["download_folder"] / row["download_filename"]
        assert downloaded.stat().st_size == size, guid
        assert downloaded.read_bytes() == published.read_bytes(), guid
    old_url = episodes[EDITED_GUID]["url"]

    feed = served.site / "feed.xml"
    text = feed.read_text(encoding="utf-8")
    assert "Patience is the cheapest tool" in text
    feed.write_text(
        text.replace("Patience is the cheapest tool", "Patience is the least used tool"), encoding="utf-8"
    )
    report = pipeline.regenerate(served.config, EDITED_GUID, pipeline.Options(engine=fake_engine))
    assert report.regenerated == ("Glue, clamps and patience",)

    _gpo(gpo_env, "update")

    after = _episodes(gpo_env)
    assert set(after) == GUIDS  # same three episodes: no duplicate for the regenerated one
    new_url = after[EDITED_GUID]["url"]
    assert new_url != old_url and new_url.endswith("-v2.mp3")
    assert new_url == old_url.removesuffix("-v1.mp3") + "-v2.mp3"
    for guid in GUIDS - {EDITED_GUID}:
        assert after[guid]["url"] == episodes[guid]["url"], guid
    # The new enclosure is really served (gPodder keeps the downloaded file's size for a downloaded
    # episode, so the length is checked against the server rather than the database).
    new_file = _local_file(served, new_url)
    assert not _local_file(served, old_url).exists()
    request = urllib.request.Request(new_url, method="HEAD")
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(request, timeout=10) as response:
        assert response.status == 200
        assert int(response.headers["Content-Length"]) == new_file.stat().st_size
