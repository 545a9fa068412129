"""sync / regenerate / remove end to end with the fake synthesiser (real narration, ffmpeg, feed)."""

from __future__ import annotations

import logging
import shutil
from datetime import UTC, datetime
from pathlib import Path

import feedparser
import podcastparser
import pytest

from fakes import fake_assemble, log_lines
from post2pod import pipeline
from post2pod.config import load_config
from post2pod.errors import LockedError, StoreError, UsageError
from post2pod.pipeline.identity import unique_slug

EXAMPLE_FEED = Path(__file__).resolve().parents[2] / "examples" / "blog" / "feed.xml"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    shutil.copy(EXAMPLE_FEED, tmp_path / "feed.xml")
    return tmp_path


@pytest.fixture
def published(example_published: Path, tmp_path: Path) -> Path:
    """A test's own copy of the synced example blog (feed, out and state folders), as the first sync
    of `site` leaves it; each test may change its copy."""
    shutil.copytree(example_published, tmp_path, symlinks=True, dirs_exist_ok=True)
    return tmp_path


def _config(site: Path, config_file: Path | None = None, **overrides):
    values = {
        "feed": str(site / "feed.xml"),
        "out": site / "out",
        "state": site / "state",
        "base_url": "https://pod.example/",
    }
    values.update(overrides)
    return load_config(config_file, values, cwd=site)


def _options(engine, real_assembly: bool = False) -> pipeline.Options:
    """A run with the fake synthesiser and, unless the test checks what real assembly keeps (its
    stored parts), the fake assembler: these tests are about planning, recording and publishing."""
    return pipeline.Options(engine=engine, assembler=None if real_assembly else fake_assemble)


def _mtimes(folder: Path) -> dict[str, int]:
    return {str(p): p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}


def test_sync_publishes_every_post_once(published: Path):
    """The sync is the fixture's (conftest.example_published: 3 new, none failed); here, what it wrote."""
    feed_path = published / "out" / "feed.xml"
    with feed_path.open("rb") as stream:
        parsed = podcastparser.parse("https://pod.example/feed.xml", stream)
    assert len(parsed["episodes"]) == 3
    for episode in parsed["episodes"]:
        enclosure = episode["enclosures"][0]
        name = enclosure["url"].removeprefix("https://pod.example/")
        assert (published / "out" / name).stat().st_size == enclosure["file_size"]
        assert episode["total_time"] > 0
    assert {e["guid"] for e in parsed["episodes"]} == {
        "quiet-workshop-2026-11-sharpening",
        "quiet-workshop-2026-11-workbench",
        "quiet-workshop-2026-11-glue",
    }


def test_second_sync_touches_nothing(published: Path, fake_engine):
    config = _config(published)
    before = _mtimes(published / "out")
    report = pipeline.sync(config, _options(fake_engine))
    assert report.new == () and len(report.unchanged) == 3
    assert fake_engine.calls == []
    assert _mtimes(published / "out") == before


def test_the_feed_and_pages_are_rendered_only_when_something_they_show_changed(
    published: Path, fake_engine, monkeypatch
):
    from post2pod import publish

    rendered: list[str] = []
    for name in ("write_feed", "write_index"):
        real = getattr(publish, name)

        def counting(*args, _real=real, _name=name, **kwargs):
            rendered.append(_name)
            return _real(*args, **kwargs)

        monkeypatch.setattr(publish, name, counting)
    config, options = _config(published), _options(fake_engine)
    pipeline.sync(config, options)  # the copy's out folder is a new place: rendered once
    feed, index = published / "out" / "feed.xml", published / "out" / "index.html"
    original = feed.read_bytes()
    rendered.clear()
    pipeline.sync(config, options)
    assert rendered == []
    index.unlink()  # a published file lost or changed by hand is written again
    pipeline.sync(config, options)
    assert rendered == ["write_feed", "write_index"] and index.is_file()
    feed.write_bytes(original.replace(b"<channel>", b"<channel><!-- edited -->"))
    pipeline.sync(config, options)
    assert feed.read_bytes() == original
    rendered.clear()
    renamed = published / "post2pod.toml"
    renamed.write_text('[podcast]\ntitle = "A renamed podcast"\n', encoding="utf-8")
    pipeline.sync(_config(published, renamed), options)
    assert rendered == ["write_feed", "write_index"] and b"A renamed podcast" in feed.read_bytes()


def test_a_sync_with_nothing_new_loads_no_publishing_library(published: Path):
    """The cron's usual run builds and renders nothing, so it imports neither feedgen, Jinja2 nor
    Pillow, nor numpy or bs4 (issue 25: a no-op sync of ten posts took 0.5 s, now 0.2 s)."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from post2pod import pipeline\n"
        "from post2pod.config import load_config\n"
        f"site = Path({str(published)!r})\n"
        "values = {'feed': str(site / 'feed.xml'), 'out': site / 'out', 'state': site / 'state',"
        " 'base_url': 'https://pod.example/'}\n"
        "report = pipeline.sync(load_config(None, values, cwd=site))\n"
        "assert len(report.unchanged) == 3 and not report.new, report\n"
        "print('HEAVY', [m for m in ('feedgen', 'jinja2', 'PIL', 'numpy', 'bs4', 'onnxruntime')"
        " if m in sys.modules])\n"
    )
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True) for _ in range(2)]
    assert all(run.returncode == 0 for run in runs), runs[-1].stderr[-500:]
    # the first run renders once: the copied site's out folder is a new place
    assert "HEAVY []" in runs[1].stdout, runs[1].stdout


def test_limit_takes_the_newest_posts(site: Path, fake_engine):
    report = pipeline.sync(_config(site, limit=2), _options(fake_engine))
    assert report.new == ("Why I sharpen my chisels on Sundays", "A workbench is never finished")


def test_dry_run_writes_nothing(site: Path, fake_engine):
    report = pipeline.sync(_config(site), pipeline.Options(engine=fake_engine, dry_run=True))
    assert len(report.would_publish) == 3
    assert fake_engine.calls == []
    assert not (site / "out" / "feed.xml").exists()


def test_a_dry_run_after_a_sync_changes_nothing_in_the_state(published: Path, fake_engine):
    """A dry run is a plan and its report: the store is the same byte for byte afterwards, even when
    the plan learns something (a new base URL; an edited post it would rebuild)."""
    config = _config(published)
    database = config.workspace.database
    before = database.read_bytes()
    feed = published / "feed.xml"
    text = feed.read_text().replace("Patience is the cheapest tool", "Patience is a tool")
    # markup only: the narration is unchanged, so a real run would just record the new source hash
    text = text.replace("<p>Every Sunday morning", '<p class="lead">Every Sunday morning')
    feed.write_text(text)
    moved = _config(published, base_url="https://elsewhere.example/")
    report = pipeline.sync(moved, pipeline.Options(engine=fake_engine, dry_run=True))
    assert len(report.would_publish) == 1
    assert database.read_bytes() == before


def test_edited_post_is_regenerated_with_the_same_guid(published: Path, fake_engine):
    config = _config(published)
    feed = published / "feed.xml"
    feed.write_text(
        feed.read_text().replace("Patience is the cheapest tool", "Patience is the least used tool")
    )
    report = pipeline.sync(config, _options(fake_engine))
    assert report.regenerated == ("Glue, clamps and patience",)
    assert len(fake_engine.calls) == 1 and "least used tool" in fake_engine.calls[0]
    parsed = feedparser.parse(str(published / "out" / "feed.xml"))
    glue = [e for e in parsed.entries if e.id == "quiet-workshop-2026-11-glue"]
    assert len(glue) == 1 and glue[0].enclosures[0].href.endswith("-v2.mp3")
    assert not list((published / "out" / "episodes").glob("*glue*-v1.*"))


def test_regenerate_by_slug_keeps_guid_and_bumps_version(site: Path, fake_engine):
    # its own first sync: the stored cover thumbnail is keyed by the cover's absolute path, so a copy
    # of a synced site would make it again and this test checks that every part is reused
    config = _config(site)
    pipeline.sync(config, _options(fake_engine, real_assembly=True))
    encoded = _mtimes(site / "state" / "parts")
    assert encoded
    report = pipeline.regenerate(
        config, "https://quiet-workshop.example/2026/11/workbench/", _options(fake_engine, real_assembly=True)
    )
    assert report.regenerated == ("A workbench is never finished",)
    assert _mtimes(site / "state" / "parts") == encoded  # nothing changed: every part reused
    parsed = feedparser.parse(str(site / "out" / "feed.xml"))
    assert len(parsed.entries) == 3
    assert (
        next(e for e in parsed.entries if "workbench" in e.id).enclosures[0].href.endswith("workbench-v2.mp3")
    )
    with pytest.raises(UsageError):
        pipeline.regenerate(config, "no-such-post", _options(fake_engine))


def test_post_gone_from_source_feed_stays_published(published: Path, fake_engine):
    config = _config(published)
    feed = published / "feed.xml"
    text = feed.read_text()
    start = text.index("<item>", text.index("<item>") + 1)
    end = text.index("</item>", start) + len("</item>")
    feed.write_text(text[:start] + text[end:])
    pipeline.sync(config, _options(fake_engine))
    assert len(feedparser.parse(str(published / "out" / "feed.xml")).entries) == 3


def test_remove_deletes_files_and_item(published: Path):
    config = _config(published)
    parts = published / "state" / "parts"
    assert len([p for p in parts.glob("*glue*") if p.is_dir()]) == 1
    pipeline.remove(config, "quiet-workshop-2026-11-glue")
    assert len(feedparser.parse(str(published / "out" / "feed.xml")).entries) == 2
    assert not list((published / "out" / "episodes").glob("glue*"))
    assert not list(parts.glob("*glue*"))  # its stored parts go with it
    assert len([p for p in parts.iterdir() if p.is_dir()]) == 2


def test_a_second_run_is_refused_while_one_holds_the_lock(site: Path, fake_engine):
    from filelock import FileLock

    config = _config(site)
    config.state.mkdir(parents=True)
    with FileLock(str(config.state / "lock")), pytest.raises(LockedError):
        pipeline.sync(config, _options(fake_engine))


def test_orphans_of_a_killed_run_are_cleaned(published: Path, fake_engine):
    from post2pod.store import Store

    config = _config(published)
    stray = published / "out" / "episodes" / ".half-written.mp3.tmp"
    orphan = published / "out" / "episodes" / "never-committed-v1.mp3"
    foreign = published / "out" / "episodes" / "put-here-by-hand.mp3"
    store = Store(config.state)
    store.begin_writes(["episodes/never-committed-v1.mp3"])  # as a run killed mid-assembly leaves it
    store.close()
    for path in (stray, orphan, foreign):
        path.write_bytes(b"x")
    feed = published / "feed.xml"
    feed.write_text(feed.read_text().replace("Patience is the cheapest", "Patience, the cheapest"))
    pipeline.sync(config, _options(fake_engine))
    assert not stray.exists() and not orphan.exists()
    assert foreign.exists()


def test_slugs_are_safe_file_names():
    assert pipeline.slugify("../../etc/passwd") == "etc-passwd"
    assert pipeline.slugify("Ça va? Ünïcode & <b>") == "ca-va-unicode-b"
    assert pipeline.slugify("...") == "episode"


def test_lexicon_change_resynthesises_only_segments_with_the_word(site: Path, fake_engine):
    lexicon = site / "lexicon.toml"
    lexicon.write_text('strop = "strope"\n')
    (site / "post2pod.toml").write_text('[narration]\nlexicon = "lexicon.toml"\n')
    config = _config(site, site / "post2pod.toml")
    pipeline.sync(config, _options(fake_engine))
    assert any("strope" in call for call in fake_engine.calls)
    lexicon.write_text('strop = "strawp"\n')
    config = _config(site, site / "post2pod.toml")
    fake_engine.calls.clear()
    report = pipeline.sync(config, _options(fake_engine))
    assert report.regenerated == ("Why I sharpen my chisels on Sundays",)
    assert len(fake_engine.calls) == 1 and "strawp" in fake_engine.calls[0]


def test_unchanged_segments_of_an_edited_post_come_from_the_cache(published: Path, fake_engine):
    config = _config(published)
    feed = published / "feed.xml"
    feed.write_text(feed.read_text().replace("It wobbled, it was too low", "It wobbled, it sat too low"))
    pipeline.sync(config, _options(fake_engine))
    assert fake_engine.calls == ["It wobbled, it sat too low, and I loved it anyway."]


def test_slug_comes_from_the_post_address(tmp_path: Path):
    from post2pod.models import Post
    from post2pod.store import Store

    store = Store(tmp_path)

    def slug(url: str, title: str = "A title") -> str:
        return unique_slug(store, Post("g", url, title, datetime(2024, 1, 1, tzinfo=UTC), "<p>x</p>"))

    assert slug("https://blog.example/posts/2023-c3-symposium/index.html") == "2023-c3-symposium"
    assert slug("https://blog.example/2024/05/my-post.html") == "my-post"
    assert slug("https://blog.example/?p=12", "Hello there") == "hello-there"


def test_max_episodes_keeps_a_rolling_window(site: Path, fake_engine):
    (site / "post2pod.toml").write_text("[podcast]\nmax_episodes = 2\n")
    config = _config(site, site / "post2pod.toml")
    pipeline.sync(config, _options(fake_engine))
    titles = [e.title for e in feedparser.parse(str(site / "out" / "feed.xml")).entries]
    assert titles == ["Why I sharpen my chisels on Sundays", "A workbench is never finished"]
    assert not list((site / "out" / "episodes").glob("glue*"))
    fake_engine.calls.clear()
    report = pipeline.sync(config, _options(fake_engine))
    assert report.new == () and fake_engine.calls == []


def test_removed_episode_is_not_published_again(published: Path, fake_engine):
    config = _config(published)
    pipeline.remove(
        load_config(None, {"out": published / "out", "state": published / "state"}, cwd=published),
        "quiet-workshop-2026-11-glue",
    )
    feed = (published / "out" / "feed.xml").read_text()
    assert "https://pod.example/episodes/" in feed and "localhost" not in feed  # the remembered base URL
    report = pipeline.sync(config, _options(fake_engine))
    assert report.new == ()
    assert len(feedparser.parse(str(published / "out" / "feed.xml")).entries) == 2


def test_a_new_state_folder_never_deletes_files_it_did_not_write(published: Path, fake_engine):
    before = sorted(p.name for p in (published / "out" / "episodes").iterdir())
    with pytest.raises(StoreError, match="post2pod adopt"):  # it refuses before touching anything
        pipeline.sync(_config(published, state=published / "other-state", limit=1), _options(fake_engine))
    after = sorted(p.name for p in (published / "out" / "episodes").iterdir())
    assert before == after


def test_a_lost_or_truncated_episode_file_is_rebuilt(published: Path, fake_engine):
    config = _config(published)
    mp3 = next((published / "out" / "episodes").glob("workbench-v1.mp3"))
    mp3.write_bytes(b"")  # what a power cut after the store's commit could leave
    report = pipeline.sync(config, _options(fake_engine))
    assert report.regenerated == ("A workbench is never finished",)
    _sizes_match_feed(published)


def _sizes_match_feed(site: Path) -> None:
    for entry in feedparser.parse(str(site / "out" / "feed.xml")).entries:
        path = site / "out" / entry.enclosures[0].href.removeprefix("https://pod.example/")
        assert path.stat().st_size == int(entry.enclosures[0].length)


def test_a_signature_ending_every_post_of_the_feed_is_not_read(tmp_path: Path, fake_engine, connections):
    signature = "&lt;p&gt;I write about old tools and slow mornings. Find me on Mastodon.&lt;/p&gt;"
    items = "".join(
        f"<item><title>Post {n}</title><link>https://blog.example/{n}</link><guid>p{n}</guid>"
        f"<pubDate>Mon, 0{n} Nov 2026 10:00:00 +0000</pubDate><content:encoded>&lt;p&gt;Post {n} is about "
        f"planes and chisels, and why edges matter.&lt;/p&gt;{signature}</content:encoded></item>"
        for n in range(1, 5)
    )
    feed = (
        '<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        f"<channel><title>Tools</title>{items}</channel></rss>"
    )
    (tmp_path / "feed.xml").write_text(feed, encoding="utf-8")
    report = pipeline.sync(_config(tmp_path), _options(fake_engine))
    assert len(report.new) == 4
    spoken = " ".join(fake_engine.calls)
    assert "why edges matter" in spoken
    assert "Mastodon" not in spoken
    assert connections == []


def test_an_unchanged_feed_is_not_parsed_again_and_an_edit_is_seen(published: Path, fake_engine, monkeypatch):
    """A 50,000-item feed took 17 s and 268 MB to parse on every run with nothing to do (issue 22):
    the hash of its bytes, kept from the last run, says it is unchanged."""
    from post2pod import fetch

    real, parsed = fetch.parse_feed, []

    def counting(*args, **kwargs):
        parsed.append(args[1])
        return real(*args, **kwargs)

    monkeypatch.setattr(fetch, "parse_feed", counting)
    logged = log_lines(logging.INFO)
    options = _options(fake_engine)
    config = _config(published)
    first = pipeline.sync(config, options)  # the fixture's sync was made before the hash was kept
    assert len(first.unchanged) == 3 and parsed == [config.feed]
    again = pipeline.sync(config, options)
    assert len(again.unchanged) == 3 and again.new == again.regenerated == () and len(parsed) == 1
    assert "source feed not modified since the last run" in logged
    feed = published / "feed.xml"
    feed.write_text(feed.read_text().replace("Patience is the cheapest tool", "Patience is a tool"))
    edited = pipeline.sync(config, options)
    assert len(edited.regenerated) == 1 and len(parsed) == 2


def test_the_podcast_keeps_its_guid_when_its_address_changes(published: Path, fake_engine):
    """podcast:guid is fixed at the first publish; a moved feed says where it lives now (Apple's
    itunes:new-feed-url) and gPodder's parser reads that."""
    from lxml import etree

    def channel() -> tuple[str, str | None]:
        root = etree.parse(str(published / "out" / "feed.xml"))
        ns = {
            "podcast": "https://podcastindex.org/namespace/1.0",
            "itunes": "http://www.itunes.com/dtds/podcast-1.0.dtd",
        }
        guid = root.findtext("channel/podcast:guid", namespaces=ns)
        return guid, root.findtext("channel/itunes:new-feed-url", namespaces=ns)

    pipeline.sync(_config(published), _options(fake_engine))
    first_guid, moved = channel()
    assert first_guid and moved is None
    pipeline.sync(
        _config(published, base_url="https://podcasts.example.net/workshop/"), _options(fake_engine)
    )
    guid, moved = channel()
    assert guid == first_guid
    assert moved == "https://podcasts.example.net/workshop/feed.xml"
    with (published / "out" / "feed.xml").open("rb") as stream:
        parsed = podcastparser.parse("https://podcasts.example.net/workshop/feed.xml", stream)
    assert parsed["new_url"] == moved and len(parsed["episodes"]) == 3


def test_publishing_without_a_base_url_warns_that_apps_cannot_reach_localhost(site: Path, fake_engine):
    warnings = log_lines()
    config = _config(site, base_url="")
    report = pipeline.sync(config, _options(fake_engine))
    assert len(report.new) == 3
    assert any("no base_url set" in w and "localhost" in w for w in warnings), warnings


def test_show_notes_are_the_posts_words_not_the_narration(published: Path):
    """The item's notes come from the post's HTML: "20 minutes" as written, not "twenty minutes", with
    the chapters, a link to the post and the disclosure after them (issue 23)."""
    with (published / "out" / "feed.xml").open("rb") as stream:
        parsed = podcastparser.parse("https://pod.example/feed.xml", stream)
    sunday = next(e for e in parsed["episodes"] if "Sundays" in e["title"])
    assert "about 20 minutes at the sharpening stone" in sunday["description"]
    assert "twenty minutes" not in sunday["description"]
    html = sunday["description_html"]
    assert html.startswith("<p>Every Sunday morning I spend about 20 minutes")
    assert "Read the post: <a href=" in html and "Chapters:" in html


def test_a_state_folder_from_the_last_release_upgrades_in_place_and_rebuilds_nothing(
    published: Path, fake_engine
):
    """The sixth session's store (no schema version, no show-notes or picture columns, no feed hash,
    no narration failures) is migrated where it stands and the next sync synthesises nothing."""
    import sqlite3

    from post2pod.store import SCHEMA_VERSION

    database = published / "state" / "state.sqlite"
    with sqlite3.connect(database) as db:
        db.executescript(
            "ALTER TABLE episodes DROP COLUMN notes_html; ALTER TABLE episodes DROP COLUMN image_url;"
            "ALTER TABLE episodes DROP COLUMN adopted; ALTER TABLE episodes DROP COLUMN from_summary;"
            "ALTER TABLE fetch_state DROP COLUMN body_hash; DROP TABLE narration_failures;"
            "PRAGMA user_version = 0;"
        )
    report = pipeline.sync(_config(published), _options(fake_engine))
    assert report.new == report.regenerated == () and len(report.unchanged) == 3
    assert fake_engine.calls == []
    with sqlite3.connect(database) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        columns = {row[1] for row in db.execute("PRAGMA table_info(episodes)")}
    assert {"notes_html", "image_url", "adopted", "from_summary"} <= columns


def test_a_schema_1_state_folder_keeps_what_its_sentinels_meant_and_rebuilds_nothing(
    published: Path, fake_engine
):
    """The last release's store (schema 1) said "adopted" in an episode's content and source hash and
    "-summary" after the source hash of one read from its feed summary: migration 2 turns them into
    the `adopted` and `from_summary` columns, with the same meaning, and the next sync synthesises
    nothing (the adopted episode learns its hashes; the summary one is narrated again, found the same)."""
    import sqlite3

    from post2pod.store import SCHEMA_VERSION, Store

    database = published / "state" / "state.sqlite"
    adopted, summary = "quiet-workshop-2026-11-glue", "quiet-workshop-2026-11-workbench"
    with sqlite3.connect(database) as db:
        plain, plain_hash = db.execute(
            "SELECT guid, source_hash FROM episodes WHERE guid NOT IN (?, ?)", (adopted, summary)
        ).fetchone()
        content_hash, summary_hash = db.execute(
            "SELECT content_hash, source_hash FROM episodes WHERE guid = ?", (summary,)
        ).fetchone()
        db.executescript(
            "ALTER TABLE episodes DROP COLUMN adopted; ALTER TABLE episodes DROP COLUMN from_summary;"
            "PRAGMA user_version = 1;"
        )
        db.execute(
            "UPDATE episodes SET content_hash = 'adopted', source_hash = 'adopted' WHERE guid = ?", (adopted,)
        )
        db.execute("UPDATE episodes SET source_hash = source_hash || '-summary' WHERE guid = ?", (summary,))
    store = Store(published / "state")
    try:
        assert store.episode(adopted).adopted and store.episode(adopted).content_hash == ""
        assert not store.episode(summary).adopted and store.episode(summary).content_hash == content_hash
        assert store.source_hash(summary) == summary_hash  # the hash itself, the suffix now a flag
        assert not store.built_from(summary, summary_hash)  # so its page is tried again, as before
        assert store.built_from(plain, plain_hash) and not store.episode(plain).adopted
    finally:
        store.close()
    report = pipeline.sync(_config(published), _options(fake_engine))
    assert report.new == report.regenerated == () and len(report.unchanged) == 3
    assert fake_engine.calls == []
    with sqlite3.connect(database) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        rows = dict(db.execute("SELECT guid, adopted + 2 * from_summary FROM episodes"))
        learned = db.execute("SELECT content_hash FROM episodes WHERE guid = ?", (adopted,)).fetchone()[0]
    assert rows == {adopted: 0, summary: 0, plain: 0}  # learned: the adopted one's hashes, the whole post
    assert len(learned) == 64
