"""Several podcasts in one config, a podcast from several feeds, one clip cache for all of them.

The fast tests use the fake synthesiser in-process; the slow ones run the real command line (real
Piper, real ffmpeg) against feeds served on 127.0.0.1, with posts of a sentence or two.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

import podcastparser
import pytest
from filelock import FileLock
from pytest_httpserver import HTTPServer

from cli_helpers import assert_one_line_error, invoke_cli, run_cli
from fakes import fake_assemble, log_lines
from post2pod import pipeline
from post2pod.config import load_config, load_podcasts
from post2pod.errors import FetchError, UsageError
from post2pod.pipeline.merge import feed_label
from post2pod.workspace import CLIP_INDEX

QUIET_NARRATION = '[narration]\nintro = ""\noutro = ""\ndisclosure = ""\n'
FAST_FETCH = "[fetch]\ntimeout_s = 2.0\nretries = 0\nbackoff_s = 0.01\n"


@dataclass(frozen=True)
class Item:
    guid: str
    title: str
    text: str
    link: str
    day: int = 2


def feed_xml(blog: str, site: str, items: list[Item]) -> str:
    """A small RSS feed whose posts carry their full text."""
    entries = "".join(
        f"<item><title>{escape(i.title)}</title><link>{escape(i.link)}</link>"
        f'<guid isPermaLink="false">{escape(i.guid)}</guid>'
        f"<pubDate>Mon, {i.day:02d} Nov 2026 10:00:00 +0000</pubDate>"
        f"<content:encoded><![CDATA[<p>{i.text}</p>]]></content:encoded></item>"
        for i in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        f"<title>{escape(blog)}</title><link>{escape(site)}</link><description>A blog.</description>"
        f"<language>en</language>{entries}</channel></rss>"
    )


def _guids(out: Path) -> dict[str, str]:
    """guid -> title of each episode in the published feed (read as gPodder reads it)."""
    with (out / "feed.xml").open("rb") as stream:
        parsed = podcastparser.parse("https://pod.example/feed.xml", stream)
    for episode in parsed["episodes"]:
        name = episode["enclosures"][0]["url"].split("/", 3)[-1]
        assert (out / name).stat().st_size == episode["enclosures"][0]["file_size"]
    return {episode["guid"]: episode["title"] for episode in parsed["episodes"]}


# --- several feeds in one podcast (fake synthesiser) ------------------------------------------------

ANN = [
    Item("1", "A new lathe", "Ann bought a lathe.", "https://ann.example/lathe/", day=3),
    Item("2", "Shared post", "Both blogs carry this post.", "https://ann.example/shared/", day=2),
]
BOB = [
    Item("1", "Bob's first", "Bob writes his first post.", "https://bob.example/first/", day=4),
    Item("b-2", "Shared post", "Both blogs carry this post.", "https://ann.example/shared/", day=2),
]


def _files(tmp_path: Path) -> tuple[Path, Path]:
    ann, bob = tmp_path / "ann.xml", tmp_path / "bob.xml"
    ann.write_text(feed_xml("Ann's notes", "https://ann.example/", ANN), encoding="utf-8")
    bob.write_text(feed_xml("Bob's blog", "https://bob.example/", BOB), encoding="utf-8")
    return ann, bob


def _config(tmp_path: Path, feeds: str, extra: str = ""):
    path = tmp_path / "post2pod.toml"
    path.write_text(f'feed = {feeds}\nout = "output"\n{extra}{QUIET_NARRATION}', encoding="utf-8")
    return load_config(path, {"base_url": "https://pod.example/"}, cwd=tmp_path)


def test_adding_a_second_feed_re_keys_no_published_episode(tmp_path: Path, fake_engine):
    _ann, bob = _files(tmp_path)
    first = pipeline.sync(
        _config(tmp_path, '"ann.xml"'), pipeline.Options(engine=fake_engine, assembler=fake_assemble)
    )
    assert len(first.new) == 2
    published = _guids(tmp_path / "output")
    assert set(published) == {"1", "2"}
    fake_engine.calls.clear()

    both = _config(tmp_path, '["ann.xml", "bob.xml"]')
    report = pipeline.sync(both, pipeline.Options(engine=fake_engine, assembler=fake_assemble))
    assert report.new == ("Bob's first",) and report.failed == ()
    assert fake_engine.calls == ["Bob writes his first post."]  # Ann's episodes are not rebuilt
    guids = _guids(tmp_path / "output")
    assert guids == {**published, f"{feed_label(str(bob))}:1": "Bob's first"}  # the shared post: once

    swapped = _config(tmp_path, '["bob.xml", "ann.xml"]')
    again = pipeline.sync(swapped, pipeline.Options(engine=fake_engine, assembler=fake_assemble))
    assert again.new == again.regenerated == () and _guids(tmp_path / "output") == guids


def test_two_new_posts_with_one_guid_get_two_guids(tmp_path: Path, fake_engine):
    ann, _bob = _files(tmp_path)
    report = pipeline.sync(
        _config(tmp_path, '["bob.xml", "ann.xml"]'),
        pipeline.Options(engine=fake_engine, assembler=fake_assemble),
    )
    assert len(report.new) == 3
    assert set(_guids(tmp_path / "output")) == {"1", "b-2", f"{feed_label(str(ann))}:1"}


def test_episode_titles_can_name_their_blog(tmp_path: Path, fake_engine):
    _files(tmp_path)
    config = _config(tmp_path, '["ann.xml", "bob.xml"]', '[podcast]\nepisode_title = "{blog}: {title}"\n')
    pipeline.sync(config, pipeline.Options(engine=fake_engine, assembler=fake_assemble))
    assert sorted(_guids(tmp_path / "output").values()) == [
        "Ann's notes: A new lathe",
        "Ann's notes: Shared post",
        "Bob's blog: Bob's first",
    ]


def test_one_feed_down_fails_alone_and_loses_nothing(tmp_path: Path, httpserver: HTTPServer, fake_engine):
    serve = {"ann": feed_xml("Ann's notes", "https://ann.example/", ANN[:1])}
    serve["bob"] = feed_xml("Bob's blog", "https://bob.example/", BOB[:1])
    for name, text in serve.items():
        httpserver.expect_request(f"/{name}.xml").respond_with_data(text, content_type="application/rss+xml")
    feeds = f'["{httpserver.url_for("/ann.xml")}", "{httpserver.url_for("/bob.xml")}"]'
    config = _config(tmp_path, feeds, FAST_FETCH)
    assert len(pipeline.sync(config, pipeline.Options(engine=fake_engine, assembler=fake_assemble)).new) == 2
    before = _guids(tmp_path / "output")

    httpserver.clear()
    httpserver.expect_request("/ann.xml").respond_with_data("oops", status=500)
    newer = feed_xml(
        "Bob's blog", "https://bob.example/", [Item("9", "Later", "Later on.", "https://bob.example/9/", 5)]
    )
    httpserver.expect_request("/bob.xml").respond_with_data(newer, content_type="application/rss+xml")
    warnings = log_lines()
    report = pipeline.sync(config, pipeline.Options(engine=fake_engine, assembler=fake_assemble))
    assert report.new == ("Later",)
    ((feed, why),) = report.failed
    assert feed == httpserver.url_for("/ann.xml") and "500" in why
    assert any("its published episodes stay" in warning for warning in warnings)
    assert _guids(tmp_path / "output") == {**before, "9": "Later"}  # Ann's episode is still published

    httpserver.clear()
    httpserver.expect_request("/ann.xml").respond_with_data("oops", status=500)
    httpserver.expect_request("/bob.xml").respond_with_data("oops", status=503)
    with pytest.raises(FetchError, match="500"):
        pipeline.sync(config, pipeline.Options(engine=fake_engine, assembler=fake_assemble))
    assert _guids(tmp_path / "output") == {**before, "9": "Later"}


# --- several podcasts: the command line ---------------------------------------------------------------

TWO_PODCASTS = """
base_url = "https://pod.example/"
workers = 1
[[podcasts]]
name = "solo"
feed = "{a}"
[[podcasts]]
name = "pair"
feed = ["{b}", "{c}"]
[podcasts.podcast]
episode_title = "{{blog}}: {{title}}"
"""


def _serve(httpserver: HTTPServer, feeds: dict[str, str], failing: tuple[str, ...] = ()) -> None:
    httpserver.clear()
    for name, text in feeds.items():
        handler = httpserver.expect_request(f"/{name}.xml")
        if name in failing:
            handler.respond_with_data("broken", status=500)
        else:
            handler.respond_with_data(text, content_type="application/rss+xml")


def _site(tmp_path: Path, httpserver: HTTPServer) -> tuple[Path, dict[str, str]]:
    feeds = {
        "a": feed_xml(
            "Blog A", "https://a.example/", [Item("a1", "Alpha", "Alpha is first.", "https://a.example/1/")]
        ),
        "b": feed_xml(
            "Blog B", "https://b.example/", [Item("1", "Beta", "Beta is second.", "https://b.example/1/")]
        ),
        "c": feed_xml(
            "Blog C", "https://c.example/", [Item("1", "Gamma", "Gamma is third.", "https://c.example/1/")]
        ),
    }
    urls = {name: httpserver.url_for(f"/{name}.xml") for name in feeds}
    text = TWO_PODCASTS.format(**urls) + QUIET_NARRATION + FAST_FETCH
    (tmp_path / "post2pod.toml").write_text(text, encoding="utf-8")
    return tmp_path / "post2pod.toml", feeds


def test_only_picks_one_podcast_and_an_unknown_name_is_exit_2(tmp_path: Path, httpserver: HTTPServer):
    config, feeds = _site(tmp_path, httpserver)
    _serve(httpserver, feeds)
    result = invoke_cli("sync", "--config", str(config), "--only", "pair", "--dry-run", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert sorted(result.stdout.splitlines()) == [
        "would publish: Blog B: Beta",
        "would publish: Blog C: Gamma",
    ]
    both = invoke_cli("sync", "--config", str(config), "--dry-run", cwd=tmp_path)
    assert "solo: would publish: Alpha" in both.stdout and "pair: would publish: Blog B: Beta" in both.stdout
    unknown = invoke_cli("sync", "--config", str(config), "--only", "nope", cwd=tmp_path)
    assert_one_line_error(unknown, 2, "nope")
    assert_one_line_error(
        invoke_cli("regenerate", "a1", "--config", str(config), cwd=tmp_path), 2, "--only NAME"
    )
    assert_one_line_error(invoke_cli("remove", "a1", "--config", str(config), cwd=tmp_path), 2, "--only NAME")


def test_what_a_run_logs_is_printed_as_warning_lines_named_after_one_of_several_podcasts(
    tmp_path: Path, httpserver: HTTPServer
):
    config, feeds = _site(tmp_path, httpserver)
    _serve(httpserver, feeds, failing=("b",))
    down = f"source feed {httpserver.url_for('/b.xml')} not read, its published episodes stay"
    both = invoke_cli("sync", "--config", str(config), "--dry-run", cwd=tmp_path)
    assert both.returncode == 1, both.stderr  # a feed of `pair` failed
    warned = [line for line in both.stderr.splitlines() if line.startswith("warning: ")]
    assert warned and all(line.startswith(("warning: solo: ", "warning: pair: ")) for line in warned)
    assert next(line for line in warned if down in line).startswith(f"warning: pair: {down}: "), warned
    only = invoke_cli("sync", "--config", str(config), "--only", "pair", "--dry-run", cwd=tmp_path)
    assert any(line.startswith(f"warning: {down}: ") for line in only.stderr.splitlines()), only.stderr
    quiet = invoke_cli("sync", "--config", str(config), "--dry-run", "-q", cwd=tmp_path)
    assert "warning" not in quiet.stderr and both.stdout == quiet.stdout, quiet.stderr


@pytest.mark.slow
def test_two_podcasts_sync_into_their_folders_fail_apart_and_rerun_as_a_no_op(
    tmp_path: Path, httpserver: HTTPServer
):
    config, feeds = _site(tmp_path, httpserver)
    _serve(httpserver, feeds)
    first = run_cli("sync", "--config", str(config), cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert "solo: 1 new, 0 regenerated, 0 unchanged, 0 failed" in first.stdout
    assert "pair: 2 new, 0 regenerated, 0 unchanged, 0 failed" in first.stdout
    solo, pair = tmp_path / "output" / "solo", tmp_path / "output" / "pair"
    assert _guids(solo) == {"a1": "Alpha"}
    assert _guids(pair) == {
        "1": "Blog B: Beta",
        f"{feed_label(httpserver.url_for('/c.xml'))}:1": "Blog C: Gamma",
    }
    published = {folder: (folder / "feed.xml").read_bytes() for folder in (solo, pair)}

    start = time.monotonic()
    again = run_cli("sync", "--config", str(config), cwd=tmp_path)
    took = time.monotonic() - start
    print(f"no-op sync of two podcasts (three feeds), a whole command: {took:.2f} s")
    assert again.returncode == 0, again.stderr
    assert "solo: 0 new, 0 regenerated, 1 unchanged" in again.stdout
    assert "pair: 0 new, 0 regenerated, 2 unchanged" in again.stdout
    assert took < 10  # about a second here; generous for a loaded machine

    _serve(httpserver, feeds, failing=("a",))
    down = run_cli("sync", "--config", str(config), cwd=tmp_path)
    assert down.returncode == 4, down.stderr
    errors = [line for line in down.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 1 and errors[0].startswith("error: solo: ") and "500" in errors[0]
    assert "pair: 0 new, 0 regenerated, 2 unchanged, 0 failed" in down.stdout

    _serve(httpserver, feeds, failing=("c",))
    partly = run_cli("sync", "--config", str(config), cwd=tmp_path)
    assert partly.returncode == 1, partly.stderr
    assert f"failed: pair: {httpserver.url_for('/c.xml')}: source feed not read" in partly.stderr
    assert "solo: 0 new, 0 regenerated, 1 unchanged, 0 failed" in partly.stdout
    assert {folder: (folder / "feed.xml").read_bytes() for folder in (solo, pair)} == published


# --- one clip cache for every podcast (real synthesis) -----------------------------------------------


def _clips(cache: Path) -> int:
    with sqlite3.connect(cache / CLIP_INDEX) as index:
        return index.execute("SELECT COUNT(*) FROM clips").fetchone()[0]


@pytest.mark.slow
def test_a_sentence_in_two_podcasts_is_synthesised_once(tmp_path: Path):
    same = "The same sentence, in two blogs."
    (tmp_path / "a.xml").write_text(
        feed_xml("Blog A", "https://a.example/", [Item("a1", "A", same, "https://a.example/1/")])
    )
    (tmp_path / "b.xml").write_text(
        feed_xml(
            "Blog B", "https://b.example/", [Item("b1", "B", f"{same} And one more.", "https://b.example/1/")]
        )
    )
    text = 'workers = 1\n[[podcasts]]\nname = "a"\nfeed = "a.xml"\n[[podcasts]]\nname = "b"\nfeed = "b.xml"\n'
    (tmp_path / "post2pod.toml").write_text(text + QUIET_NARRATION, encoding="utf-8")
    first, second = load_podcasts(tmp_path / "post2pod.toml")
    assert first.clip_cache_dir == second.clip_cache_dir and first.state != second.state
    logs = log_lines(logging.INFO)
    pipeline.sync(first, pipeline.Options())
    assert _clips(first.clip_cache_dir) == 1
    pipeline.sync(second, pipeline.Options())
    assert _clips(first.clip_cache_dir) == 2  # only "And one more." was new
    assert "synthesised 1 segment, reused 1 from the cache" in logs


def test_a_command_on_one_post_finds_the_podcast_that_published_it(tmp_path: Path, fake_engine):
    ann, bob = _files(tmp_path)
    text = f'[[podcasts]]\nname = "ann"\nfeed = "{ann}"\n[[podcasts]]\nname = "bob"\nfeed = "{bob}"\n'
    (tmp_path / "post2pod.toml").write_text(text + QUIET_NARRATION, encoding="utf-8")
    configs = load_podcasts(tmp_path / "post2pod.toml")
    for config in configs:
        pipeline.sync(config, pipeline.Options(engine=fake_engine, assembler=fake_assemble))
    assert pipeline.podcast_publishing(configs, "https://bob.example/first/").name == "bob"
    with pytest.raises(UsageError, match=r"no podcast has published 'nothing'.*--only NAME"):
        pipeline.podcast_publishing(configs, "nothing")
    with pytest.raises(UsageError, match="podcasts ann, bob have all published '1'"):
        pipeline.podcast_publishing(configs, "1")


def test_a_locked_podcast_fails_alone_with_exit_3(tmp_path: Path, httpserver: HTTPServer):
    config, feeds = _site(tmp_path, httpserver)
    _serve(httpserver, feeds)
    solo = load_podcasts(config, only="solo")[0]
    solo.state.mkdir(parents=True)
    with FileLock(str(solo.workspace.lock)):
        result = run_cli("sync", "--config", str(config), "--dry-run", cwd=tmp_path)
    assert result.returncode == 3, result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 1 and errors[0].startswith("error: solo: another post2pod run holds")
    assert "pair: would publish: Blog B: Beta" in result.stdout


@pytest.mark.slow
def test_three_podcasts_of_a_run_share_the_workers_and_their_voice(tmp_path: Path):
    """Issue 25: a multi-podcast sync starts the workers once; each loads the voice once."""
    from post2pod import synth

    text = "workers = 2\n"
    for name in ("a", "b", "c"):
        sentences = " ".join(f"Blog {name} says sentence {n} aloud." for n in range(6))
        (tmp_path / f"{name}.xml").write_text(
            feed_xml(
                f"Blog {name}",
                f"https://{name}.example/",
                [Item(name, name, sentences, f"https://{name}.example/1/")],
            )
        )
        text += f'[[podcasts]]\nname = "{name}"\nfeed = "{name}.xml"\n'
    (tmp_path / "post2pod.toml").write_text(text + QUIET_NARRATION, encoding="utf-8")
    with synth.WorkerPool() as pool:
        for config in load_podcasts(tmp_path / "post2pod.toml"):
            assert pipeline.sync(config, pipeline.Options(pool=pool)).new
        assert pool.started == 1
    assert pool.voice_loads == 2  # each worker loaded the voice as it started, once for the three
