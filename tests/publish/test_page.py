"""index.html: escaped text, relative links, subscribe links, landmarks, deterministic output, and a
real browser rendering it."""

from __future__ import annotations

import itertools
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
from post2pod.publish.page import subscribe_links
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


def test_each_title_links_to_the_episode_page(podcast, make_episode: MakeEpisode, out_dir: Path) -> None:
    episodes = [make_episode(1), make_episode(2, slug="Not_A.Slug")]
    doc = lxml_html.fromstring(write_index(podcast, episodes, out_dir, "cover.png").read_bytes())
    titles = {h.text_content(): h.find("a") for h in doc.iter("h3")}
    assert titles["Post number 1"].get("href") == "episodes/post-1.html"
    assert (out_dir / "episodes" / "post-1.html").is_file()
    assert titles["Post number 2"] is None  # a slug post2pod never makes gets no page (nor a file)
    assert sorted(p.name for p in (out_dir / "episodes").glob("*.html")) == [
        "post-1.embed.html",
        "post-1.html",
    ]


def test_subscribe_box_copies_the_feed_and_opens_apps(podcast, out_dir: Path) -> None:
    doc = lxml_html.fromstring(write_index(podcast, [], out_dir, "cover.png").read_bytes())
    box = doc.find(".//div[@class='subscribe']")
    field = box.find(".//input[@id='feed-url']")
    assert field.get("readonly") is not None
    assert box.find(".//label[@for='feed-url']") is not None
    button = box.find(".//button[@data-copy='feed-url']")
    assert button.get("type") == "button" and button.text_content() == "Copy"
    status = box.find(".//*[@id='feed-url-status']")
    assert status.get("aria-live") == "polite" and status.get("role") == "status"
    apps = {a.text_content(): a.get("href") for a in box.iterfind(".//nav//a")}
    assert apps == dict(subscribe_links(podcast.feed_url, podcast.title))
    assert {a.text_content(): a.get("href") for a in box.iterfind(".//a[@class='button quiet']")} == {
        "RSS": podcast.feed_url
    }


def test_subscribe_links_take_each_apps_format() -> None:
    feed = "https://pod.example.com/my show/feed.xml?key=a&b=1"
    links = dict(subscribe_links(feed, "Tea & Toast"))
    assert links == {
        "Apple Podcasts": "podcast://pod.example.com/my%20show/feed.xml?key=a&b=1",
        "Overcast": "overcast://x-callback-url/add?url=https%3A%2F%2Fpod.example.com%2Fmy%20show%2Ffeed.xml"
        "%3Fkey%3Da%26b%3D1",
        "Pocket Casts": "pktc://subscribe/pod.example.com/my%20show/feed.xml?key=a&b=1",
        "AntennaPod": "https://antennapod.org/deeplink/subscribe?url=https%3A%2F%2Fpod.example.com%2Fmy%20show"
        "%2Ffeed.xml%3Fkey%3Da%26b%3D1&title=Tea%20%26%20Toast",
        "Podcast Addict": "podcastaddict://pod.example.com/my%20show/feed.xml?key=a&b=1",
        "Castro": "castros://subscribe/pod.example.com/my%20show/feed.xml?key=a&b=1",
        "gPodder": "gpodder:https://pod.example.com/my%20show/feed.xml?key=a&b=1",
    }
    assert dict(subscribe_links("http://127.0.0.1:8000/feed.xml"))["gPodder"] == (
        "gpodder:http://127.0.0.1:8000/feed.xml"
    )
    for hostile in ("javascript:alert(1)", "feed.xml", "", "data:text/xml,<rss/>", "https://"):
        assert subscribe_links(hostile) == []


def test_a_feed_url_that_is_not_http_is_shown_but_not_linked(
    make_episode: MakeEpisode, out_dir: Path
) -> None:
    podcast = make_podcast(feed_url="javascript:alert(1)//feed.xml")
    page = write_index(podcast, [make_episode(1)], out_dir, "cover.png").read_text(encoding="utf-8")
    doc = lxml_html.fromstring(page)
    assert doc.find(".//input[@id='feed-url']").get("value") == podcast.feed_url
    assert not [a for a in doc.iter("a") if "javascript" in (a.get("href") or "")]
    assert doc.find(".//nav[@class='apps']") is None
    assert doc.find(".//link[@rel='alternate']") is None


def test_landmarks_headings_and_language(make_episode: MakeEpisode, out_dir: Path) -> None:
    podcast = make_podcast(language="de-AT")
    doc = lxml_html.fromstring(write_index(podcast, [make_episode(1)], out_dir, "cover.png").read_bytes())
    assert doc.get("lang") == "de-AT"
    assert [len(doc.findall(f".//{tag}")) for tag in ("header", "main", "footer")] == [1, 1, 1]
    assert doc.find(".//nav").get("aria-label")
    levels = [int(h.tag[1]) for h in doc.iter("h1", "h2", "h3", "h4")]
    assert levels[0] == 1 and all(b - a <= 1 for a, b in itertools.pairwise(levels))
    assert not doc.xpath("//*[@onclick or @onfocus]")  # behaviour lives in the one script
    assert all(b.get("type") == "button" for b in doc.iter("button"))
    style = doc.findtext(".//style")
    assert ":focus-visible" in style and "prefers-color-scheme: dark" in style


def test_open_graph_on_the_index(podcast, out_dir: Path) -> None:
    doc = lxml_html.fromstring(write_index(podcast, [], out_dir, "cover.jpg").read_bytes())
    og = {m.get("property"): m.get("content") for m in doc.iter("meta") if m.get("property")}
    assert og["og:url"] == "https://pod.example.com/show/"
    assert og["og:image"] == "https://pod.example.com/show/cover.jpg"
    assert og["og:title"] == podcast.title and og["og:type"] == "website"


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


def test_the_index_shows_an_episodes_show_notes_with_their_lists_and_links(make_episode) -> None:
    from post2pod.publish.page import render_page

    notes = '<p>Opening words with <a href="https://example.org/" rel="nofollow noopener">a link</a>.</p>'
    notes += "<ul><li>first point</li><li>second point</li></ul>"
    page = render_page(make_podcast(), [make_episode(1, notes_html=notes)], "cover.png")
    assert '<div class="summary"><p>Opening words with <a href="https://example.org/"' in page
    assert "<li>first point</li><li>second point</li>" in page
