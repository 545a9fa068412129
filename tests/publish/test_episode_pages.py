"""The episode pages (episodes/<slug>.html and its embeddable player), the feed's stylesheet, the
deletion of a removed episode's pages, and a real headless Chromium playing, seeking and copying."""

from __future__ import annotations

import base64
import dataclasses
import fcntl
import io
import json
import os
import select
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import feedparser
import podcastparser
import pytest
from lxml import etree
from lxml import html as lxml_html
from PIL import Image

from post2pod import pipeline
from post2pod.config import load_config
from post2pod.models import Chapter
from post2pod.publish import ensure_cover, write_feed, write_index
from post2pod.publish.page import (
    OG_DESCRIPTION_CHARS,
    STYLESHEET_PI,
    render_embed_page,
    render_episode_page,
    render_page,
    with_stylesheet,
)
from post2pod.serve import make_server

from .conftest import BASE, MakeEpisode, make_podcast

EVIL = '<script>alert("x")</script> & "quotes"'
EXAMPLE_FEED = Path(__file__).resolve().parents[2] / "examples" / "blog" / "feed.xml"  # three full posts
CHROMIUM = pytest.mark.skipif(shutil.which("chromium") is None, reason="chromium is not on PATH")


def _page(out_dir: Path, slug: str = "post-1") -> lxml_html.HtmlElement:
    return lxml_html.fromstring((out_dir / "episodes" / f"{slug}.html").read_bytes())


def _meta(doc: lxml_html.HtmlElement) -> dict[str, str]:
    return {m.get("property") or m.get("name"): m.get("content") for m in doc.iter("meta")}


# --- the episode page -------------------------------------------------------------------------


def test_the_episode_page_shows_the_episode(podcast, make_episode: MakeEpisode, out_dir: Path) -> None:
    write_index(podcast, [make_episode(1), make_episode(2)], out_dir, "cover.png")
    doc = _page(out_dir)
    assert doc.get("lang") == "en"
    assert doc.findtext(".//title") == f"Post number 1 · {podcast.title}"
    assert doc.findtext(".//h1") == "Post number 1"
    assert doc.find(".//nav[@class='back']/a").get("href") == "../index.html"
    article = doc.find(".//main/article")
    assert article.find(".//audio").get("src") == "../episodes/post-1-v1.mp3"
    assert article.find(".//time").get("datetime") == "2026-11-02"
    assert "2 Nov 2026 · 1:02" in article.find(".//p[@class='meta']").text_content()
    assert [b.get("data-t") for b in article.iterfind(".//ol[@class='chapters']//button")] == ["0", "20"]
    assert article.find(".//details[@class='chapter-list']").get("open") is not None
    transcript = article.find(".//details[@class='transcript']")
    assert transcript.get("data-vtt") == "../episodes/post-1-v1.vtt" and transcript.get("open") is not None
    links = {a.text_content(): a.get("href") for a in article.iterfind(".//p[@class='links']/a")}
    assert links == {
        "Read the post": "https://blog.example.com/post-1/",
        "Transcript": "../episodes/post-1-v1.vtt",
        "Download MP3": "../episodes/post-1-v1.mp3",
    }
    notes = article.find(".//section[@class='notes']")
    assert [p.text_content() for p in notes.iterfind("p")] == ["The opening sentences of post 1."]
    assert doc.find(".//input[@id='feed-url']").get("value") == podcast.feed_url
    assert doc.find(".//footer//a[@href='../feed.xml']") is not None
    assert len(doc.findall(".//script")) == 1
    assert [len(doc.findall(f".//{tag}")) for tag in ("header", "main", "footer")] == [1, 1, 1]
    assert all(nav.get("aria-label") for nav in doc.iter("nav"))
    assert [(h.tag, h.text_content()) for h in doc.iter("h1", "h2", "h3")] == [
        ("h1", "Post number 1"),
        ("h2", "Show notes"),
        ("h2", f"Subscribe to {podcast.title}"),
        ("h2", "Embed this episode"),
    ]
    assert [b.get("aria-label") for b in article.iterfind(".//ol[@class='chapters']//button")] == [
        "Play from 0:00: Introduction",
        "Play from 0:20: The point",
    ]


def test_show_notes_are_the_sanitised_html_else_the_description(
    podcast, make_episode: MakeEpisode, out_dir: Path
) -> None:
    notes = '<p>The <em>opening</em>, with <a href="https://example.org/x" rel="noopener">a link</a>.</p>'
    with_notes = make_episode(1, notes_html=notes, description="Plain description.")
    plain = make_episode(2, description="First paragraph.\nSame one.\n\nSecond <b>one</b>.", link="")
    write_index(podcast, [with_notes, plain], out_dir, "cover.png")
    page = (out_dir / "episodes" / "post-1.html").read_text(encoding="utf-8")
    assert notes in page and "Plain description." not in page.split('class="notes"')[1]
    section = _page(out_dir, "post-2").find(".//section[@class='notes']")
    assert [p.text_content() for p in section.iterfind("p")] == [
        "First paragraph.\nSame one.",
        "Second <b>one</b>.",
    ]
    assert _page(out_dir, "post-2").xpath("//a[text()='Read the post']") == []  # no post link: none shown


def test_all_text_on_the_episode_page_is_escaped(make_episode: MakeEpisode, out_dir: Path) -> None:
    podcast = make_podcast(title=EVIL, description=EVIL, author=EVIL, link="javascript:alert(1)")
    episode = make_episode(
        1,
        title=EVIL,
        description=EVIL,
        chapters=(Chapter(EVIL, 0, 1),),
        link="javascript:x",
        image_url="javascript:alert(2)",
    )
    write_index(podcast, [episode], out_dir, "cover.png")
    for name in ("post-1.html", "post-1.embed.html"):
        page = (out_dir / "episodes" / name).read_text(encoding="utf-8")
        assert "<script>alert" not in page and "javascript:" not in page
        doc = lxml_html.fromstring(page)
        assert doc.find(".//h1").text_content().strip() == EVIL
        assert len(doc.findall(".//script")) == (1 if name == "post-1.html" else 0)
    doc = _page(out_dir)
    assert _meta(doc)["og:title"] == EVIL
    assert _meta(doc)["og:image"] == BASE + "cover.png"  # not the hostile picture
    snippet = lxml_html.fragment_fromstring(doc.find(".//textarea").text)  # the code stays one iframe
    assert snippet.tag == "iframe" and snippet.get("title") == f"{EVIL} · {EVIL}" and len(snippet) == 0


def test_open_graph_and_twitter_tags_are_absolute(podcast, make_episode: MakeEpisode, out_dir: Path) -> None:
    long = " ".join(["A sentence of the opening that goes on."] * 20)
    write_index(podcast, [make_episode(1, description=long)], out_dir, "cover.png")
    meta = _meta(_page(out_dir))
    assert meta["og:url"] == BASE + "episodes/post-1.html"
    assert meta["og:image"] == BASE + "cover.png"
    assert meta["og:audio"] == BASE + "episodes/post-1-v1.mp3" and meta["og:audio:type"] == "audio/mpeg"
    assert meta["og:type"] == "website" and meta["og:site_name"] == podcast.title
    assert meta["og:title"] == meta["twitter:title"] == "Post number 1"
    assert meta["twitter:card"] == "summary" and meta["twitter:image"] == meta["og:image"]
    description = meta["og:description"]
    assert len(description) <= OG_DESCRIPTION_CHARS and description.endswith("…") and "\n" not in description
    assert long.startswith(description[:-1])
    assert meta["description"] == description
    assert _page(out_dir).find(".//link[@rel='canonical']").get("href") == meta["og:url"]


def test_the_posts_own_picture_is_the_og_image(podcast, make_episode: MakeEpisode, out_dir: Path) -> None:
    picture = "https://blog.example.com/img/a%20b.jpg"
    write_index(podcast, [make_episode(1, image_url=picture)], out_dir, "cover.png")
    assert _meta(_page(out_dir))["og:image"] == picture


def test_the_embed_code_and_its_player(podcast, make_episode: MakeEpisode, out_dir: Path) -> None:
    write_index(podcast, [make_episode(1)], out_dir, "cover.png")
    doc = _page(out_dir)
    section = doc.find(".//section[@class='panel embed-code']")
    field = section.find(".//textarea")
    assert (
        field.get("readonly") is not None and section.find(f".//label[@for='{field.get('id')}']") is not None
    )
    assert section.find(".//button").get("data-copy") == field.get("id")
    iframe = lxml_html.fragment_fromstring(field.text)
    assert iframe.get("src") == BASE + "episodes/post-1.embed.html"
    assert iframe.get("title") == f"Post number 1 · {podcast.title}"
    assert int(iframe.get("height")) > 100
    embed = lxml_html.fromstring((out_dir / "episodes" / "post-1.embed.html").read_bytes())
    assert embed.find(".//audio").get("src") == "../episodes/post-1-v1.mp3"
    assert embed.find(".//h1/a").get("href") == "../episodes/post-1.html"
    assert embed.find(".//base").get("target") == "_blank"  # links open outside the host page
    assert embed.find(".//link[@rel='canonical']").get("href") == BASE + "episodes/post-1.html"
    assert _meta(embed)["robots"] == "noindex"


def test_an_undated_episode_shows_no_date(podcast, make_episode: MakeEpisode, out_dir: Path) -> None:
    write_index(podcast, [make_episode(1, date_known=False)], out_dir, "cover.png")
    for doc in (_page(out_dir), lxml_html.fromstring((out_dir / "index.html").read_bytes())):
        assert doc.find(".//time") is None
        assert doc.find(".//p[@class='meta']").text_content().strip() == "1:02"


def test_no_base_url_means_no_absolute_tags(make_episode: MakeEpisode, out_dir: Path) -> None:
    podcast = make_podcast(base_url="", feed_url="feed.xml")
    write_index(podcast, [make_episode(1)], out_dir, "cover.png")
    doc = _page(out_dir)
    assert "og:url" not in _meta(doc) and "og:audio" not in _meta(doc)
    assert doc.find(".//textarea") is None  # an embed code needs the public address
    assert doc.find(".//audio").get("src") == "../episodes/post-1-v1.mp3"


def test_pages_are_deterministic_and_not_rewritten(podcast, make_episode: MakeEpisode, out_dir: Path) -> None:
    episodes = [make_episode(1), make_episode(2)]
    write_index(podcast, episodes, out_dir, "cover.png")
    pages = sorted((out_dir / "episodes").glob("*.html"))
    assert len(pages) == 4
    before = {page: page.read_bytes() for page in pages}
    for page in pages:
        os.utime(page, (1_000, 1_000))
    write_index(podcast, episodes[::-1], out_dir, "cover.png")
    assert {page: page.read_bytes() for page in pages} == before
    assert all(page.stat().st_mtime == 1_000 for page in pages)
    assert all(page.stat().st_mode & 0o777 == 0o644 for page in pages)


def test_five_hundred_episodes_render_fast(podcast, make_episode: MakeEpisode) -> None:
    first = make_episode(1)
    many = [dataclasses.replace(first, guid=f"g{n}", slug=f"post-{n}") for n in range(500)]
    render_page(podcast, many[:1], "cover.png")  # templates compiled once, before the clock starts
    started = time.perf_counter()
    render_page(podcast, many, "cover.png")
    for episode in many:
        render_episode_page(podcast, episode, "cover.png")
        render_embed_page(podcast, episode, "cover.png")
    assert time.perf_counter() - started < 1.0


# --- the feed, shown as a page ----------------------------------------------------------------


def test_the_feed_names_its_stylesheet_and_apps_still_read_it(
    podcast, make_episode: MakeEpisode, out_dir: Path
) -> None:
    episodes = [make_episode(1), make_episode(2)]
    xml = write_feed(podcast, episodes, out_dir, "cover.png").read_bytes()
    declaration, stylesheet, rest = xml.split(b"\n", 2)
    assert declaration.startswith(b"<?xml version=") and stylesheet == STYLESHEET_PI
    assert rest.startswith(b"<rss")
    assert with_stylesheet(xml) == xml  # once only
    assert (out_dir / "feed.xsl").is_file()
    parsed = podcastparser.parse(podcast.feed_url, io.BytesIO(xml))
    assert parsed["title"] == podcast.title
    assert [e["title"] for e in parsed["episodes"]] == ["Post number 2", "Post number 1"]
    assert parsed["episodes"][0]["enclosures"][0]["url"] == BASE + "episodes/post-2-v1.mp3"
    assert not feedparser.parse(xml).bozo


def test_with_stylesheet_without_a_declaration() -> None:
    assert with_stylesheet(b"<rss/>") == STYLESHEET_PI + b"\n<rss/>"
    assert with_stylesheet(b"\xef\xbb\xbf<?xml version='1.0'?><rss/>").startswith(
        b"\xef\xbb\xbf<?xml version='1.0'?>\n" + STYLESHEET_PI
    )


def test_the_stylesheet_shows_the_feed_as_a_page(make_episode: MakeEpisode, out_dir: Path) -> None:
    podcast = make_podcast(title=EVIL)
    episodes = [
        make_episode(1, link="javascript:alert(1)", title=EVIL),
        make_episode(2, duration_ms=3_725_000),
    ]
    feed = write_feed(podcast, episodes, out_dir, "cover.png")
    transform = etree.XSLT(etree.parse(str(out_dir / "feed.xsl")))
    result = transform(etree.parse(str(feed)))
    page = str(result)
    assert "<script" not in page
    doc = lxml_html.fromstring(page)
    assert not doc.xpath("//*[starts-with(translate(@href, 'JAVSCRIPT', 'javscript'), 'javascript')]")
    assert doc.get("lang") == "en"
    assert doc.findtext(".//h1") == EVIL
    assert doc.find(".//input[@id='feed-url']").get("value") == podcast.feed_url
    assert doc.find(".//img[@class='cover']").get("src") == "cover.png"  # relative: works anywhere
    items = doc.findall(".//article")
    assert [a.findtext("h3") for a in items] == ["Post number 2", EVIL]
    assert "1:02:05" in items[0].findtext("p[@class='meta']")
    assert items[0].find(".//audio").get("src") == "episodes/post-2-v1.mp3"
    assert {a.text for a in items[0].iterfind(".//p[@class='links']/a")} == {"Read the post", "Download MP3"}
    assert {a.text for a in items[1].iterfind(".//p[@class='links']/a")} == {"Download MP3"}
    assert doc.find(".//a[@href='index.html']") is not None


# --- removal ----------------------------------------------------------------------------------


def test_a_removed_episodes_pages_are_deleted_and_nothing_else(tmp_path: Path, fake_engine) -> None:
    shutil.copy(EXAMPLE_FEED, tmp_path / "feed.xml")
    values = {"feed": str(tmp_path / "feed.xml"), "out": tmp_path / "out", "state": tmp_path / "state"}
    config = load_config(None, {**values, "base_url": "https://pod.example/"}, cwd=tmp_path)
    pipeline.sync(config, pipeline.Options(engine=fake_engine))
    episodes_dir = config.out / "episodes"
    pages = sorted(p.name for p in episodes_dir.glob("*.html"))
    assert len(pages) == 6, pages
    gone, kept, _ = sorted({name.split(".")[0] for name in pages})
    mine = {"notes.html": b"my own page", f"{gone}.old.html": b"mine too", f"{gone}-v1.html": b"and this"}
    for name, data in mine.items():
        (episodes_dir / name).write_bytes(data)

    pipeline.remove(config, gone)
    assert not (episodes_dir / f"{gone}.html").exists() and not (episodes_dir / f"{gone}.embed.html").exists()
    assert (episodes_dir / f"{kept}.html").is_file() and (episodes_dir / f"{kept}.embed.html").is_file()
    assert all((episodes_dir / name).read_bytes() == data for name, data in mine.items())
    index = (config.out / "index.html").read_text(encoding="utf-8")
    assert f"episodes/{gone}.html" not in index and f"episodes/{kept}.html" in index

    pipeline.regenerate(config, kept, pipeline.Options(engine=fake_engine))  # a new version, same page
    assert (episodes_dir / f"{kept}.html").is_file()
    assert f"{kept}-v2.mp3" in (episodes_dir / f"{kept}.html").read_text(encoding="utf-8")
    assert not list(episodes_dir.glob(f"{kept}-v1.*"))

    shutil.rmtree(config.state)  # adopting the published feed takes its episodes, never its pages
    assert len(pipeline.adopt(config)) == 2


# --- a real browser ---------------------------------------------------------------------------


class _Chromium:
    """Headless Chromium driven through the DevTools protocol on a pipe (no extra package): real mouse
    and key events, permissions (the clipboard) and screenshots."""

    def __init__(self, profile: Path, timeout_s: float = 30) -> None:
        self.timeout_s = timeout_s
        to_browser, self._to = (_above_4(fd) for fd in os.pipe())
        self._from, from_browser = (_above_4(fd) for fd in os.pipe())
        # --remote-debugging-pipe reads commands from fd 3 and writes to fd 4: a Python shim puts them there
        command = [
            sys.executable, "-c", _AS_FDS_3_AND_4, str(to_browser), str(from_browser),
            "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--autoplay-policy=no-user-gesture-required", "--mute-audio", "--hide-scrollbars",
            f"--user-data-dir={profile}", "--remote-debugging-pipe", "about:blank",
        ]  # fmt: skip
        self.process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            pass_fds=(to_browser, from_browser),
        )
        os.close(to_browser)
        os.close(from_browser)
        self._buffer = b""
        self._id = 0
        self._events: list[dict[str, Any]] = []
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        self.call("Page.enable", page=True)
        self.call("Emulation.setFocusEmulationEnabled", page=True, enabled=True)

    def call(self, method: str, page: bool = False, **params: Any) -> dict[str, Any]:
        self._id += 1
        message: dict[str, Any] = {"id": self._id, "method": method, "params": params}
        if page:
            message["sessionId"] = self.session
        os.write(self._to, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + self.timeout_s
        while True:
            reply = self._read(deadline)
            if reply.get("id") == self._id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self._events.append(reply)

    def _read(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._from], [], [], left)[0]:
                raise TimeoutError("chromium did not answer")
            chunk = os.read(self._from, 1 << 16)
            if not chunk:
                raise EOFError("chromium closed its pipe")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def open(self, url: str, width: int, height: int = 900) -> None:
        self.call(
            "Emulation.setDeviceMetricsOverride",
            page=True,
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=width < 600,
        )
        self._events.clear()
        self.call("Page.navigate", page=True, url=url)
        self._wait_for_load()

    def follow(self, selector: str) -> None:
        """Click a link (a real click) and wait for the page it opens to load."""
        self._events.clear()
        self.click(selector)
        self._wait_for_load()

    def _wait_for_load(self) -> None:
        deadline = time.monotonic() + self.timeout_s
        while not any(e.get("method") == "Page.loadEventFired" for e in self._events):
            self._events.append(self._read(deadline))

    def js(self, expression: str) -> Any:
        """The value of an expression (a promise is awaited)."""
        result = self.call(
            "Runtime.evaluate", page=True, expression=expression, awaitPromise=True, returnByValue=True
        )
        if "exceptionDetails" in result:
            raise AssertionError(result["exceptionDetails"].get("exception", result["exceptionDetails"]))
        return result["result"].get("value")

    def wait(self, condition: str, timeout_ms: int = 15_000) -> Any:
        return self.js(
            "new Promise((resolve, reject) => { const t0 = Date.now(); (function poll() {"
            f" let v; try {{ v = ({condition}); }} catch (e) {{ v = null; }}"
            f" if (v) return resolve(v); if (Date.now() - t0 > {timeout_ms})"
            f" return reject(new Error('timed out: ' + {json.dumps(condition)}));"
            " setTimeout(poll, 50); })(); })"
        )

    def click(self, selector: str) -> None:
        """A real mouse click (a user gesture) in the middle of the element."""
        x, y = self.js(
            f"(() => {{ const e = document.querySelector({json.dumps(selector)});"
            " e.scrollIntoView({block: 'center'}); const r = e.getBoundingClientRect();"
            " return [r.x + r.width / 2, r.y + r.height / 2]; })()"
        )
        for kind in ("mousePressed", "mouseReleased"):
            self.call("Input.dispatchMouseEvent", page=True, type=kind, x=x, y=y, button="left", clickCount=1)

    def press_enter(self) -> None:
        """A real Enter key on whatever has the focus."""
        for kind in ("keyDown", "keyUp"):
            self.call(
                "Input.dispatchKeyEvent",
                page=True,
                type=kind,
                key="Enter",
                code="Enter",
                windowsVirtualKeyCode=13,
                **({"text": "\r"} if kind == "keyDown" else {}),
            )

    def screenshot(self, path: Path) -> None:
        width, height = self.js("[window.innerWidth, Math.min(document.documentElement.scrollHeight, 4000)]")
        shot = self.call(
            "Page.captureScreenshot",
            page=True,
            format="png",
            captureBeyondViewport=True,
            clip={"x": 0, "y": 0, "width": width, "height": height, "scale": 1},
        )
        path.write_bytes(base64.b64decode(shot["data"]))

    def close(self) -> None:
        with suppress(OSError, RuntimeError, TimeoutError, EOFError):
            self.call("Browser.close")
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self._to)
        os.close(self._from)


_AS_FDS_3_AND_4 = (  # runs `argv[3:]` with the fds argv[1] and argv[2] as 3 and 4
    "import os, sys; os.dup2(int(sys.argv[1]), 3); os.dup2(int(sys.argv[2]), 4);"
    " os.execvp(sys.argv[3], sys.argv[3:])"
)


def _above_4(fd: int) -> int:
    """`fd` moved to a number above 4 (so that putting one on 3 or 4 cannot clobber the other)."""
    moved = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10)
    os.close(fd)
    return moved


@contextmanager
def _static_server(folder: Path) -> Iterator[str]:
    """`folder` served as most static hosts serve it (.xml as an XML type); yields the base URL."""

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


VTT = """WEBVTT

00:00.000 --> 00:00.500
The first sentence.

00:00.500 --> 00:01.000
The second one, <with> & more.

00:01.000 --> 00:01.500
A third sentence.

00:01.500 --> 00:02.000
And the last.
"""


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[_Chromium]:
    chromium = _Chromium(tmp_path / "profile")
    try:
        yield chromium
    finally:
        chromium.close()


@pytest.fixture
def site(make_episode: MakeEpisode, out_dir: Path) -> Iterator[tuple[Path, str, str]]:
    """Two episodes with real two-second MP3s and a four-sentence transcript, served on 127.0.0.1 by
    post2pod's own server (ranges, for seeking); yields (out folder, base URL, feed URL)."""
    server = make_server(out_dir, "127.0.0.1", 0)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    podcast = make_podcast(base_url=base, feed_url=base + "feed.xml")
    chapters = (Chapter("Opening", 0, 1000), Chapter("The rest", 1000, 2000))
    episodes = [
        make_episode(1, real_mp3=True, chapters=chapters, title="A long title " * 8, duration_ms=2000),
        make_episode(2, real_mp3=True, chapters=chapters, duration_ms=2000),
    ]
    for episode in episodes:
        (out_dir / episode.transcript_file).write_text(VTT, encoding="utf-8")
    cover = ensure_cover(podcast, out_dir)
    write_feed(podcast, episodes, out_dir, cover)
    write_index(podcast, episodes, out_dir, cover)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield out_dir, base, podcast.feed_url
    finally:
        server.shutdown()
        server.server_close()


NEXT_SEEK = """window.seeked = new Promise(resolve => {
  const audio = document.querySelector("article audio");
  audio.addEventListener("seeked", () => resolve(audio.currentTime), {once: true});
}); true"""
SEEKED_AFTER = """(target) => new Promise(resolve => {
  const audio = document.querySelector("article audio");
  audio.addEventListener("seeked", () => { audio.pause(); resolve(audio.currentTime); }, {once: true});
  target();
})"""


@pytest.mark.slow
@CHROMIUM
def test_the_episode_page_plays_seeks_and_copies(site, browser: _Chromium, tmp_path: Path) -> None:
    out, base, feed_url = site
    origin = base.rstrip("/")
    browser.call(
        "Browser.grantPermissions",
        origin=origin,
        permissions=["clipboardReadWrite", "clipboardSanitizedWrite"],
    )
    browser.open(base + "episodes/post-1.html", 1280)
    browser.wait("document.querySelector('details.transcript').dataset.state === 'ready'")
    cues = browser.js("[...document.querySelectorAll('.cue')].map(c => [Number(c.dataset.t), c.textContent])")
    assert cues == [
        [0, "The first sentence."],
        [0.5, "The second one, <with> & more."],
        [1, "A third sentence."],
        [1.5, "And the last."],
    ]
    played = browser.js(
        "(async () => { const a = document.querySelector('article audio'); a.muted = true;"
        " await a.play(); return a.duration; })()"
    )
    assert 1.5 < played < 2.5
    browser.wait("document.querySelector('article audio').currentTime > 0.2")

    # a chapter, a sentence (a real click) and a sentence by keyboard each seek there
    chapter = browser.js(
        f"({SEEKED_AFTER})(() => document.querySelectorAll('ol.chapters button')[1].click())"
    )
    assert abs(chapter - 1.0) < 0.2
    browser.wait("document.querySelector('ol.chapters li.chapter-now span')?.textContent === 'The rest'")
    browser.js(NEXT_SEEK)
    browser.click(".cue:nth-of-type(2)")
    assert abs(browser.js("window.seeked") - 0.5) < 0.2
    browser.wait("document.querySelector('.cue-now')?.textContent === 'The second one, <with> & more.'")
    browser.js(NEXT_SEEK + "; document.querySelectorAll('.cue')[3].focus()")
    browser.press_enter()
    assert abs(browser.js("window.seeked") - 1.5) < 0.2
    browser.js("document.querySelector('article audio').pause()")

    # the copy buttons: a click, then Enter on the focused button; the clipboard holds the text
    browser.click("button[data-copy='feed-url']")
    assert browser.wait("document.getElementById('feed-url-status').textContent") == "Copied"
    assert browser.js("navigator.clipboard.readText()") == feed_url
    browser.js(
        "document.getElementById('embed-snippet-status').textContent = '';"
        "document.querySelector(\"button[data-copy='embed-snippet']\").focus()"
    )
    browser.press_enter()
    assert browser.wait("document.getElementById('embed-snippet-status').textContent") == "Copied"
    assert browser.js("navigator.clipboard.readText()") == browser.js(
        "document.getElementById('embed-snippet').value"
    )
    assert browser.js("navigator.clipboard.readText()").startswith(
        f'<iframe src="{base}episodes/post-1.embed.html"'
    )

    # without the clipboard API (an http page elsewhere) the field is selected and copied the old way
    browser.js(
        "window.realClipboard = navigator.clipboard;"
        "Object.defineProperty(navigator, 'clipboard', {value: undefined, configurable: true});"
        "document.getElementById('feed-url-status').textContent = '';"
        "window.realClipboard.writeText('something else')"
    )
    browser.click("button[data-copy='feed-url']")
    assert browser.wait("document.getElementById('feed-url-status').textContent") == "Copied"
    assert browser.js("window.realClipboard.readText()") == feed_url
    assert browser.js("document.activeElement.id") == "feed-url"

    # a phone: nothing scrolls sideways, on the episode page or the index
    for page in ("episodes/post-1.html", "index.html"):
        browser.open(base + page, 375, 812)
        width, scroll = browser.js("[window.innerWidth, document.documentElement.scrollWidth]")
        assert width == 375 and scroll <= width, page
        right = browser.js("document.getElementById('feed-url').getBoundingClientRect().right")
        assert right <= width
    browser.open(base + "episodes/post-1.embed.html", 320, 140)
    assert browser.js("[document.documentElement.scrollWidth, document.documentElement.scrollHeight]") == [
        320,
        140,
    ]

    for name, page in (("index", "index.html"), ("episode", "episodes/post-1.html")):
        for width in (375, 1280):
            shot = tmp_path / f"{name}-{width}.png"
            browser.open(base + page, width, 900)
            browser.screenshot(shot)
            with Image.open(shot) as image:
                assert image.width == width and image.height > 900
                assert len(image.convert("RGB").getcolors(maxcolors=1_000_000) or []) > 200
    assert out.is_dir()


@pytest.mark.slow
@CHROMIUM
def test_the_index_links_each_episode_page(site, browser: _Chromium) -> None:
    _, base, _ = site
    browser.open(base + "index.html", 1280)
    browser.follow("article h3 a")
    assert browser.js("location.pathname") == "/episodes/post-2.html"
    assert browser.js("document.querySelector('h1').textContent") == "Post number 2"
    browser.follow("nav.back a")
    assert browser.js("location.pathname") == "/index.html"


@pytest.mark.slow
@CHROMIUM
def test_a_browser_shows_the_feed_as_a_page(site, browser: _Chromium, tmp_path: Path) -> None:
    """Served as most static hosts serve .xml (application/xml), the feed is shown through feed.xsl."""
    out, _, feed_url = site
    with _static_server(out) as base:
        browser.open(base + "feed.xml", 375, 812)
        browser.wait("document.querySelector('h1')")
        assert browser.js("document.querySelector('h1').textContent") == "Example Blog, Read Aloud"
        assert browser.js("document.getElementById('feed-url').value") == feed_url
        assert browser.js("document.querySelectorAll('article').length") == 2
        assert browser.js("document.querySelector('img.cover').naturalWidth") > 0  # relative: it loads
        assert browser.js("document.documentElement.scrollWidth <= window.innerWidth")
        browser.screenshot(tmp_path / "feed-375.png")
