"""What directories and listeners expect: a named author everywhere, the AI disclosure, a voice per
language (end to end with the fake synthesiser, real narration, ffmpeg and feed)."""

from __future__ import annotations

import shutil
from pathlib import Path

import feedparser
import pytest
from mutagen.id3 import ID3

from post2pod import pipeline
from post2pod.config import load_config
from post2pod.errors import ConfigError
from post2pod.models import FeedInfo

FEEDS = Path(__file__).resolve().parent / "fixtures" / "feeds"


def _config(site: Path, config_text: str = "", **overrides):
    values = {"out": site / "out", "state": site / "state", "base_url": "https://pod.example/"}
    values.update(overrides)
    config_file = None
    if config_text:
        config_file = site / "post2pod.toml"
        config_file.write_text(config_text, encoding="utf-8")
    return load_config(config_file, values, cwd=site)


def _sync(site: Path, feed: str, engine, config_text: str = "", **overrides) -> list[str]:
    shutil.copy(FEEDS / feed, site / feed)
    warnings: list[str] = []
    config = _config(site, config_text, feed=str(site / feed), **overrides)
    report = pipeline.sync(config, pipeline.Options(engine=engine, warn=warnings.append))
    assert report.new and not report.failed, report
    return warnings


def test_a_feed_with_no_author_credits_the_blog_everywhere(tmp_path: Path, fake_engine):
    warnings = _sync(tmp_path, "hugo-no-author.xml", fake_engine)
    blog = "Field Notes from the Allotment"
    feed = feedparser.parse((tmp_path / "out" / "feed.xml").read_bytes())
    assert feed.feed.author == blog  # itunes:author
    assert len(feed.entries) == 2
    for entry in feed.entries:
        assert entry.author == blog
        mp3 = tmp_path / "out" / entry.enclosures[0].href.removeprefix("https://pod.example/")
        assert str(ID3(mp3)["TPE1"]) == blog
    author_warnings = [w for w in warnings if "author" in w]
    assert len(author_warnings) == 1 and "[podcast] author" in author_warnings[0]


def test_a_configured_author_gives_no_warning(tmp_path: Path, fake_engine):
    warnings = _sync(tmp_path, "hugo-no-author.xml", fake_engine, '[podcast]\nauthor = "Sam Gardener"\n')
    assert not [w for w in warnings if "author" in w]
    feed = feedparser.parse((tmp_path / "out" / "feed.xml").read_bytes())
    assert feed.feed.author == "Sam Gardener"
    assert {entry.author for entry in feed.entries} == {"Sam Gardener"}


def test_without_a_title_the_site_name_is_the_author(tmp_path: Path):
    podcast = pipeline.build_podcast(_config(tmp_path), FeedInfo(title="", link="https://www.notes.example/"))
    assert podcast.author == "notes.example" and podcast.author_fallback
    named = pipeline.build_podcast(_config(tmp_path), FeedInfo(title="Notes", link="", author="Kim"))
    assert named.author == "Kim" and not named.author_fallback


DISCLOSURE = "Read by a synthetic voice."


def test_every_description_discloses_the_synthetic_voice(tmp_path: Path, fake_engine):
    _sync(tmp_path, "hugo-no-author.xml", fake_engine)
    feed = feedparser.parse((tmp_path / "out" / "feed.xml").read_bytes())
    assert feed.feed.description.endswith(DISCLOSURE)
    for entry in feed.entries:
        assert DISCLOSURE in entry.description
        assert f"<p>{DISCLOSURE}</p>" in entry.content[0].value  # the show notes
    assert DISCLOSURE in (tmp_path / "out" / "index.html").read_text(encoding="utf-8")


def test_one_config_line_turns_the_disclosure_off(tmp_path: Path, fake_engine):
    _sync(tmp_path, "hugo-no-author.xml", fake_engine, '[narration]\ndisclosure = ""\n')
    assert not any("synthetic" in text for text in fake_engine.calls)
    xml = (tmp_path / "out" / "feed.xml").read_text(encoding="utf-8")
    assert "synthetic" not in xml


def test_phrases_config_table(tmp_path: Path):
    config = _config(tmp_path, '[phrases.IT]\nfootnote_cue = "Nota:"\n[phrases.pt-BR]\ndisclosure = ""\n')
    assert config.narration.phrases == (("it", "footnote_cue", "Nota:"), ("pt", "disclosure", ""))
    for bad, fragment in (
        ('[phrases.it]\ngreeting = "Ciao"\n', "unknown phrase"),
        ('[phrases]\nit = "Ciao"\n', "must map names to strings"),
        ('[phrases."x y"]\nintro = ""\n', "not a language code"),
    ):
        with pytest.raises(ConfigError, match=fragment):
            _config(tmp_path, bad)
