"""index.html: escaped text, relative links, deterministic output, and a real browser rendering it."""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
from pathlib import Path

import pytest
from lxml import html as lxml_html
from PIL import Image

from post2pod.models import Chapter
from post2pod.publish import ensure_cover, write_index
from post2pod.serve import make_server

from .conftest import MakeEpisode, make_podcast

EVIL = '<script>alert("x")</script> & "quotes"'


def test_page_shows_the_podcast_and_each_episode(podcast, make_episode: MakeEpisode, out_dir: Path) -> None:
    episodes = [make_episode(1), make_episode(2, companions=False, chapters=())]
    page = write_index(podcast, episodes, out_dir, "cover.png").read_text(encoding="utf-8")
    doc = lxml_html.fromstring(page)
    assert doc.findtext(".//h1") == podcast.title
    assert doc.find(".//img[@class='cover']").get("src") == "cover.png"
    assert doc.find(".//input[@id='feed-url']").get("value") == podcast.feed_url
    assert [h.text_content() for h in doc.iter("h3")] == ["Post number 2", "Post number 1"]  # newest first
    assert [a.get("src") for a in doc.iter("audio")] == ["episodes/post-2-v1.mp3", "episodes/post-1-v1.mp3"]
    first = doc.find(".//article[@id='post-1']")
    assert first.find(".//time").get("datetime") == "2026-11-02"
    assert "2 Nov 2026 · 1:02" in first.text_content()
    assert [b.get("data-t") for b in first.iter("button")] == ["0", "20"]
    links = {a.text_content(): a.get("href") for a in first.iter("a")}
    assert links["Read the post"] == "https://blog.example.com/post-1/"
    assert links["Transcript"] == "episodes/post-1-v1.vtt"
    assert "Transcript" not in doc.find(".//article[@id='post-2']").text_content()


def test_all_text_is_escaped(make_episode: MakeEpisode, out_dir: Path) -> None:
    podcast = make_podcast(title=EVIL, description=EVIL, author=EVIL, link="javascript:alert(1)")
    episode = make_episode(
        1, title=EVIL, description=EVIL, chapters=(Chapter(EVIL, 0, 1),), link="javascript:x"
    )
    page = write_index(podcast, [episode], out_dir, "cover.png").read_text(encoding="utf-8")
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;quotes&quot;" in page
    assert "javascript:" not in page
    doc = lxml_html.fromstring(page)
    assert doc.findtext(".//h1") == EVIL
    assert len(doc.findall(".//script")) == 1  # only our own chapter-seek script


def test_no_episodes_yet(podcast, out_dir: Path) -> None:
    page = write_index(podcast, [], out_dir, "cover.png").read_text(encoding="utf-8")
    assert "No episodes yet." in page


def test_page_is_deterministic_and_not_rewritten(podcast, make_episode: MakeEpisode, out_dir: Path) -> None:
    episodes = [make_episode(1), make_episode(2)]
    path = write_index(podcast, episodes, out_dir, "cover.png")
    first = path.read_bytes()
    os.utime(path, (1_000, 1_000))
    write_index(podcast, episodes[::-1], out_dir, "cover.png")
    assert path.read_bytes() == first
    assert path.stat().st_mtime == 1_000


@pytest.mark.skipif(shutil.which("chromium") is None, reason="chromium is not on PATH")
def test_headless_chromium_renders_the_served_page(
    make_episode: MakeEpisode, out_dir: Path, tmp_path: Path
) -> None:
    podcast = make_podcast(title="Example Blog, Read Aloud")
    episodes = [make_episode(1, real_mp3=True, title=EVIL), make_episode(2, real_mp3=True)]
    cover = ensure_cover(podcast, out_dir)
    write_index(podcast, episodes, out_dir, cover)
    server = make_server(out_dir, "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    shot = tmp_path / "page.png"
    try:
        _screenshot(f"http://127.0.0.1:{server.server_address[1]}/index.html", shot, tmp_path / "profile")
    finally:
        server.shutdown()
        server.server_close()
    assert shot.stat().st_size > 20_000
    with Image.open(shot) as image:
        assert image.size == (1000, 1400)
        colours = image.convert("RGB").getcolors(maxcolors=1_000_000) or []
        assert len(colours) > 500  # text, the cover and players, not a blank or error page


def _screenshot(url: str, shot: Path, profile: Path) -> None:
    command = [
        "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        f"--user-data-dir={profile}", f"--screenshot={shot}", "--window-size=1000,1400", url,
    ]  # fmt: skip
    subprocess.run(command, check=True, capture_output=True, timeout=90)
