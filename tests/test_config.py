"""Config file + CLI overrides, defaults and validation."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cli_helpers import assert_one_line_error, invoke_cli
from post2pod.config import load_config
from post2pod.errors import ConfigError


def test_defaults_without_a_file(tmp_path: Path):
    config = load_config(cwd=tmp_path)
    assert config.state == tmp_path / ".post2pod"
    assert config.narration.footnotes == "aside"
    assert config.audio.loudness_lufs == -16.0


def test_file_values_are_relative_to_the_file_and_flags_override(tmp_path: Path):
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "post2pod.toml").write_text(
        'feed = "feed.xml"\nout = "public"\nlimit = 5\n[podcast]\ntitle = "Pod"\nexplicit = true\n'
        "[audio]\nbitrate_kbps = 96\nsentence_pause_ms = 300\n"
    )
    config = load_config(
        tmp_path / "site" / "post2pod.toml", {"limit": 2, "base_url": "https://x.example/p/"}, cwd=tmp_path
    )
    assert config.feed == str(tmp_path / "site" / "feed.xml")
    assert config.out == tmp_path / "site" / "public"
    assert config.state == tmp_path / "site" / ".post2pod"
    assert config.limit == 2
    assert config.podcast.title == "Pod" and config.podcast.explicit is True
    assert config.audio.bitrate_kbps == 96


def test_lexicon_is_loaded(tmp_path: Path):
    (tmp_path / "lexicon.toml").write_text('nginx = "engine x"\nSQL = "sequel"\n')
    (tmp_path / "post2pod.toml").write_text('[narration]\nlexicon = "lexicon.toml"\n')
    config = load_config(cwd=tmp_path)
    assert dict(config.narration.lexicon_entries) == {"nginx": "engine x", "SQL": "sequel"}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("feed = [", "not valid TOML"),
        ("colour = 'red'", "unknown setting"),
        ("[narration]\nfootnotes = 'loud'", "footnotes must be one of"),
        ("[narration]\nlink_notes = 'loud'", "link_notes must be one of"),
        ("[narration]\nskip = ['.bio', 'div[class=']", r"skip: 'div\[class=' is not a valid CSS selector"),
        ("[narration]\nskip = '.bio'", r"skip must be a list of strings"),
        ("[podcast]\ntype = 'weekly'", "type 'weekly' is not valid"),
        ("[podcast]\ncategory = 'Tecnology'", 'did you mean "Technology"'),
        ("[podcast]\ncategory = 'Tech News'", 'set category = "News" and subcategory = "Tech News"'),
        ("[podcast]\ncategory = 'Science'\nsubcategory = 'Physic'", 'did you mean "Physics"'),
        ("[podcast]\nsubcategory = 'Podcasting'", "'Technology' has no subcategories"),
        ("[audio]\nbitrate_kbps = 'fast'", "must be a whole number"),
        ("limit = 0", "positive"),
        ("limit = -5", r"^limit \(or --limit\) is -5; give a positive number"),
        ("[cache]\nmax_mb = -1", r"^\[cache\] max_mb is -1; set it to at least 1"),  # not max_episodes
        ("[podcast]\nmax_episodes = -1", r"^\[podcast\] max_episodes is -1; set it to 0"),
        ("[audio]\nbitrate_kbps = 65", r"bitrate_kbps = 65 is not an MP3 bitrate; use one of 32, 40"),
        ("[audio]\nbitrate_kbps = 8", r"bitrate_kbps = 8 is not an MP3 bitrate"),
        ("[narration]\nlexicon = '.'", r"lexicon file \S+ is a folder, not a file"),
        ("base_url = 'ftp://x'", "http"),
        ("out = 'pub'\nstate = 'pub/state'", "inside the published folder"),
    ],
)
def test_bad_config_is_one_clear_line(tmp_path: Path, text: str, message: str):
    (tmp_path / "post2pod.toml").write_text(text)
    with pytest.raises(ConfigError, match=message) as info:
        load_config(cwd=tmp_path)
    assert "\n" not in str(info.value)
    assert info.value.exit_code == 2


def test_narration_skip_selectors_and_link_notes_are_read(tmp_path: Path):
    (tmp_path / "post2pod.toml").write_text(
        '[narration]\nskip = [".author-bio", "aside.related > ul"]\nlink_notes = "skip"\n'
    )
    config = load_config(cwd=tmp_path)
    assert config.narration.skip == (".author-bio", "aside.related > ul")
    assert config.narration.link_notes == "skip"
    assert load_config(cwd=tmp_path / "nowhere").narration.link_notes == "brief"


def test_missing_config_file(tmp_path: Path):
    with pytest.raises(ConfigError, match="not found"):
        load_config(tmp_path / "nope.toml", cwd=tmp_path)


def test_a_category_typo_stops_the_command_line_before_anything_is_fetched(tmp_path: Path):
    (tmp_path / "post2pod.toml").write_text('[podcast]\ncategory = "Tecnology"\n', encoding="utf-8")
    result = invoke_cli("sync", "--feed", "missing.xml", "--out", "out", cwd=tmp_path)
    assert_one_line_error(result, 2, "[podcast] category 'Tecnology'", 'did you mean "Technology"')
    assert not (tmp_path / "out").exists()


def test_workers_are_capped_at_a_few_per_core(tmp_path: Path):
    """3000 workers took 240 s for one sentence at load 1500 (issue 22): refused, naming the range."""
    most = max(4, 4 * (os.cpu_count() or 1))
    (tmp_path / "post2pod.toml").write_text(f"workers = {most}\n")
    assert load_config(cwd=tmp_path).workers == most
    (tmp_path / "post2pod.toml").write_text("workers = 3000\n")
    with pytest.raises(ConfigError, match=rf"between 0 \(one per core\) and {most}"):
        load_config(cwd=tmp_path)
    (tmp_path / "post2pod.toml").write_text("")
    result = invoke_cli("sync", "--feed", "missing.xml", "--out", "out", "--workers", "3000", cwd=tmp_path)
    assert_one_line_error(result, 2, "--workers", f"and {most}")
    assert not (tmp_path / "out").exists()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_lexicon_that_is_a_pipe_is_named_as_one(tmp_path: Path):
    os.mkfifo(tmp_path / "words.toml")
    (tmp_path / "post2pod.toml").write_text("[narration]\nlexicon = 'words.toml'\n")
    with pytest.raises(ConfigError, match=r"words\.toml is a pipe or device, not a regular file"):
        load_config(cwd=tmp_path)


def test_every_standard_mp3_bitrate_is_accepted(tmp_path: Path):
    for kbps in (32, 64, 128, 320):
        (tmp_path / "post2pod.toml").write_text(f"[audio]\nbitrate_kbps = {kbps}\n")
        assert load_config(cwd=tmp_path).audio.bitrate_kbps == kbps
