"""What directories and listeners expect: a named author everywhere, the AI disclosure, a voice per
language (end to end with the fake synthesiser, real narration, ffmpeg and feed)."""

from __future__ import annotations

import json
import shutil
import socket
from pathlib import Path

import feedparser
import pytest
from mutagen.id3 import ID3

from fakes import FakeEngine, log_lines
from post2pod import fetch, pipeline
from post2pod.config import FetchSettings, load_config
from post2pod.errors import ConfigError
from post2pod.models import FeedInfo
from post2pod.pipeline.voices import VoiceChooser
from post2pod.synth import SynthSettings, VoiceSpec, bundled_voice

FEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "feeds"


@pytest.fixture(autouse=True)
def offline(monkeypatch: pytest.MonkeyPatch) -> None:
    """These feeds' posts are teasers whose pages live on made-up hosts: a lookup of one fails at
    once, as offline, instead of waiting on a resolver (tests never leave 127.0.0.1)."""
    _go_offline(monkeypatch)


def _go_offline(monkeypatch: pytest.MonkeyPatch) -> None:
    real = socket.getaddrinfo

    def getaddrinfo(host, *args, **kwargs):
        if host not in ("localhost", "127.0.0.1", "::1"):
            raise socket.gaierror(socket.EAI_NONAME, "offline test")
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


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
    warnings = log_lines()
    # no retries: a teaser's page is on a made-up host, so fetching it fails (at once, once)
    config = _config(site, config_text, feed=str(site / feed), fetch=FetchSettings(retries=0), **overrides)
    report = pipeline.sync(config, pipeline.Options(engine=engine))
    assert report.new and not report.failed, report
    return warnings


@pytest.fixture(scope="module")
def no_author(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """hugo-no-author.xml synced once for the module with the default settings: (site, warnings)."""
    site = tmp_path_factory.mktemp("no-author")
    with pytest.MonkeyPatch.context() as patch:  # `offline` is per test; this runs before it
        _go_offline(patch)
        return site, _sync(site, "hugo-no-author.xml", FakeEngine())


def test_a_feed_with_no_author_credits_the_blog_everywhere(no_author):
    site, warnings = no_author
    blog = "Field Notes from the Allotment"
    feed = feedparser.parse((site / "out" / "feed.xml").read_bytes())
    assert feed.feed.author == blog  # itunes:author
    assert len(feed.entries) == 2
    for entry in feed.entries:
        assert entry.author == blog
        mp3 = site / "out" / entry.enclosures[0].href.removeprefix("https://pod.example/")
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


def test_every_description_discloses_the_synthetic_voice(no_author):
    site, _warnings = no_author
    feed = feedparser.parse((site / "out" / "feed.xml").read_bytes())
    assert feed.feed.description.endswith(DISCLOSURE)
    for entry in feed.entries:
        assert DISCLOSURE in entry.description
        assert f"<p>{DISCLOSURE}</p>" in entry.content[0].value  # the show notes
        transcript = entry.enclosures[0].href.removeprefix("https://pod.example/").removesuffix(".mp3")
        cues = (site / "out" / f"{transcript}.vtt").read_text(encoding="utf-8").split("\n\n")
        assert DISCLOSURE in cues[2]  # the audio's second cue, right after the intro
    assert DISCLOSURE in (site / "out" / "index.html").read_text(encoding="utf-8")


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


class _VoiceRecorder(FakeEngine):
    """The fake synthesiser, noting which voice read each text."""

    def __init__(self) -> None:
        super().__init__()
        self.voices: dict[str, str] = {}

    def synthesize(self, text: str, voice: VoiceSpec, settings: SynthSettings):
        self.voices[text] = voice.name
        return super().synthesize(text, voice, settings)


def _italian_voice(voices: Path) -> None:
    """The bundled voice under an Italian voice's name, its config saying it speaks Italian."""
    bundled = bundled_voice()
    voices.mkdir(exist_ok=True)
    (voices / "it_IT-test-medium.onnx").symlink_to(bundled.model)
    config = json.loads(bundled.config.read_text(encoding="utf-8"))
    config["language"] = {"code": "it_IT", "family": "it", "region": "IT"}
    config["espeak"] = {"voice": "it"}
    (voices / "it_IT-test-medium.onnx.json").write_text(json.dumps(config), encoding="utf-8")


def test_each_post_is_read_by_the_voice_of_its_language(tmp_path: Path):
    _italian_voice(tmp_path / "voices")
    engine = _VoiceRecorder()
    warnings = _sync(tmp_path, "two-languages.xml", engine, '[voices]\nit = "it_IT-test-medium"\n')
    assert not [w for w in warnings if "voice" in w]
    assert engine.voices["Letto da una voce sintetica."] == "it_IT-test-medium"
    assert engine.voices["Read by a synthetic voice."] == "en_US-joe-medium"
    italian = [t for t in engine.voices if "scalpelli" in t]
    english = [t for t in engine.voices if "chisels" in t]
    assert italian and english
    assert {engine.voices[t] for t in italian} == {"it_IT-test-medium"}
    assert {engine.voices[t] for t in english} == {"en_US-joe-medium"}
    chooser = VoiceChooser(_config(tmp_path), tmp_path / "voices")
    assert chooser.languages == {"it", "en"}


def test_a_language_without_a_voice_warns_once_with_the_fix(tmp_path: Path):
    feed = (FEEDS / "two-languages.xml").read_text(encoding="utf-8")
    second = feed.split("<item>")[2].replace("bottega-it-affilare", "bottega-it-second")
    (tmp_path / "three.xml").write_text(feed.replace("</channel>", f"<item>{second}</channel>"), "utf-8")
    engine = _VoiceRecorder()
    warnings = log_lines()
    config = _config(tmp_path, feed=str(tmp_path / "three.xml"))
    report = pipeline.sync(config, pipeline.Options(engine=engine))
    assert len(report.new) == 3
    voice_warnings = [w for w in warnings if "default voice" in w]
    assert len(voice_warnings) == 1
    assert "'it'" in voice_warnings[0] and '[voices] it = "NAME"' in voice_warnings[0]
    assert set(engine.voices.values()) == {"en_US-joe-medium"}


def test_voices_config_table(tmp_path: Path):
    config = _config(tmp_path, '[voices]\nit_IT = "it_IT-paola-medium"\nde = "models/de.onnx"\n')
    assert config.voices == (("de", str(tmp_path / "models" / "de.onnx")), ("it", "it_IT-paola-medium"))
    with pytest.raises(ConfigError, match="must map names to strings"):
        _config(tmp_path, "[voices]\nit = 3\n")


def test_fetch_gives_each_post_its_declared_language(tmp_path: Path):
    feed = tmp_path / "atom.xml"
    feed.write_text(
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">'
        "<title>Bottega</title><id>tag:b,2026:feed</id><updated>2026-11-15T09:00:00Z</updated>"
        "<entry><title>Uno</title><id>tag:b,2026:1</id><updated>2026-11-15T09:00:00Z</updated>"
        '<content type="html" xml:lang="it">&lt;p&gt;Ciao.&lt;/p&gt;</content></entry>'
        "<entry><title>Two</title><id>tag:b,2026:2</id><updated>2026-11-14T09:00:00Z</updated>"
        '<content type="html">&lt;p&gt;Hello.&lt;/p&gt;</content></entry></feed>',
        encoding="utf-8",
    )
    posts = fetch.fetch_feed(str(feed)).posts
    assert {p.title: p.language for p in posts} == {"Uno": "it", "Two": "en"}
