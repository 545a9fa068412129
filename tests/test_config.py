"""Config file + CLI overrides, defaults and validation."""

from __future__ import annotations

import dataclasses
import importlib.util
import os
from pathlib import Path

import pytest

from cli_helpers import assert_one_line_error, invoke_cli
from post2pod import config as settings
from post2pod.config import (
    CodeMode,
    Executor,
    ExecutorKind,
    FootnoteMode,
    LinkNoteMode,
    NarrationSettings,
    OnEdit,
    PodcastType,
    RunSettings,
    load_config,
)
from post2pod.errors import ConfigError
from post2pod.models import PODCAST_TYPES
from post2pod.synth.remote import scheduler_address


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


# --- each field's rule: ranges and choices declared beside the field -----------------------------

PAUSES = ("sentence", "paragraph", "list_item", "heading", "section", "aside", "intro")
# (table, key) -> the inclusive range of every numeric setting with the common "out of range" message
RANGES: dict[tuple[str, str], tuple[float, float]] = {
    ("fetch", "timeout_s"): (0.1, 600),
    ("fetch", "retries"): (0, 10),
    ("fetch", "backoff_s"): (0, 60),
    ("fetch", "max_mb"): (1, 1000),
    ("fetch", "budget_s"): (1, 86_400),
    ("fetch", "page_recheck_h"): (0, 8_760),
    ("run", "cluster_timeout_s"): (1, 86_400),
    ("audio", "length_scale"): (0.25, 4),
    ("audio", "aside_length_scale"): (0.25, 4),
    ("audio", "speaker"): (0, 9999),
    ("audio", "loudness_lufs"): (-40, -5),
    ("audio", "true_peak_db"): (-12, 0),
    ("audio", "music_crossfade_ms"): (0, 60_000),
    ("audio", "music_max_s"): (1, 600),
    ("narration", "max_words"): (1, 10_000_000),
    **{("audio", f"{name}_pause_ms"): (0, 60_000) for name in PAUSES},
}
# (table, key) -> a value refused, and the exact message (those not in the common format)
OWN_MESSAGES = {
    ("", "limit"): (0, "limit (or --limit) is 0; give a positive number of posts"),
    ("", "cache_max_mb"): (0, "[cache] max_mb is 0; set it to at least 1 (megabytes)"),
    ("podcast", "max_episodes"): (-1, "[podcast] max_episodes is -1; set it to 0 (keep all) or more"),
    ("audio", "mp3_quality"): (10, "audio.mp3_quality must be between 0 (best, slowest) and 9"),
    ("audio", "bitrate_kbps"): (
        65,
        "[audio] bitrate_kbps = 65 is not an MP3 bitrate; use one of 32, 40, 48, 56, 64, 80, 96, 112, "
        "128, 160, 192, 224, 256, 320 (64 is plenty for speech)",
    ),
    ("", "workers"): (
        -1,
        f"workers (or --workers) is -1; set it between 0 (one per core) and {settings.max_workers()} "
        "(4 per core on this machine)",
    ),
}
CHOICES = {
    ("narration", "footnotes"): FootnoteMode,
    ("narration", "code"): CodeMode,
    ("narration", "link_notes"): LinkNoteMode,
    ("podcast", "type"): PodcastType,
    ("", "on_edit"): OnEdit,
}


def _ruled() -> dict[tuple[str, str], settings.Rule]:
    """(table, key) -> the rule of every setting that declares one (paths only declare a file type)."""
    found = {("", f.name): f.metadata["rule"] for f in dataclasses.fields(settings.Config) if f.metadata}
    for table, cls in settings.TABLES.items():
        found.update({(table, f.name): f.metadata["rule"] for f in dataclasses.fields(cls) if f.metadata})
    return {key: rule for key, rule in found.items() if rule.low is not None or rule.choices}


def _toml(table: str, key: str, value: str) -> str:
    if table == "" and key == "cache_max_mb":
        return f"[cache]\nmax_mb = {value}\n"
    return f"[{table}]\n{key} = {value}\n" if table else f"{key} = {value}\n"


def _refused(tmp_path: Path, text: str) -> str:
    (tmp_path / "post2pod.toml").write_text(text)
    with pytest.raises(ConfigError) as info:
        load_config(cwd=tmp_path)
    assert info.value.exit_code == 2
    return str(info.value)


def test_every_rule_of_the_config_is_tested_here():
    assert set(_ruled()) == set(RANGES) | set(OWN_MESSAGES) | set(CHOICES)


@pytest.mark.parametrize("key", sorted(RANGES), ids=".".join)
def test_a_ranged_setting_refuses_what_is_outside_its_range(tmp_path: Path, key: tuple[str, str]):
    table, name = key
    low, high = RANGES[key]
    is_float = isinstance(getattr(settings.TABLES[table](), name), float)
    expected = f"[{table}] {name} = {{!r}} is out of range; allowed: {low:g} to {high:g}"
    outside = [high + 1] + ([low - 1] if not name.endswith("_ms") else [])
    if is_float:
        outside = [*outside, float(low) - 0.01, float("nan"), float("inf"), float("-inf")]
    for value in outside:
        written = {"nan": "nan", "inf": "inf", "-inf": "-inf"}.get(str(value), repr(value))
        message = _refused(tmp_path, _toml(table, name, written))
        assert message == expected.format(float(value) if is_float else value), written
    for value in (low, high):
        (tmp_path / "post2pod.toml").write_text(_toml(table, name, repr(value)))
        assert getattr(getattr(load_config(cwd=tmp_path), table), name) == value


@pytest.mark.parametrize("name", [f"{pause}_pause_ms" for pause in PAUSES] + ["music_crossfade_ms"])
def test_a_negative_pause_is_named(tmp_path: Path, name: str):
    assert _refused(tmp_path, _toml("audio", name, "-1")) == f"audio.{name} must not be negative"


@pytest.mark.parametrize("key", sorted(OWN_MESSAGES), ids=lambda key: ".".join(filter(None, key)))
def test_a_setting_with_its_own_message_says_it(tmp_path: Path, key: tuple[str, str]):
    value, message = OWN_MESSAGES[key]
    assert _refused(tmp_path, _toml(*key, str(value))) == message


@pytest.mark.parametrize("key", sorted(CHOICES), ids=lambda key: ".".join(filter(None, key)))
def test_a_choice_setting_takes_each_choice_and_refuses_others_naming_them(
    tmp_path: Path, key: tuple[str, str]
):
    table, name = key
    choice = CHOICES[key]
    for member in choice:
        (tmp_path / "post2pod.toml").write_text(_toml(table, name, f'"{member.value}"'))
        config = load_config(cwd=tmp_path)
        value = getattr(getattr(config, table) if table else config, name)
        assert value == member.value and type(value) is choice
    message = _refused(tmp_path, _toml(table, name, '"loud"'))
    if key == ("podcast", "type"):
        assert message == (
            '[podcast] type \'loud\' is not valid; set it to "episodic" (newest first) or "serial" (in order)'
        )
    else:
        choices = ", ".join(member.value for member in choice)
        assert message == f"{'.'.join(filter(None, key))} must be one of {choices}"


def test_the_choices_are_the_ones_documented():
    assert [m.value for m in FootnoteMode] == ["aside", "end", "skip"]
    assert [m.value for m in CodeMode] == ["announce", "skip", "read"]
    assert [m.value for m in LinkNoteMode] == ["brief", "skip"]
    assert [m.value for m in OnEdit] == ["regenerate", "ignore"]
    assert tuple(m.value for m in PodcastType) == PODCAST_TYPES


def test_a_choice_is_its_string_to_hashes_and_json():
    """Stored hashes take `repr(config.narration)`: a member must not change them."""
    assert repr(NarrationSettings(footnotes=FootnoteMode.END)) == repr(NarrationSettings(footnotes="end"))
    assert f"{OnEdit.IGNORE}" == str(OnEdit.IGNORE) == "ignore" == OnEdit.IGNORE
    assert repr(CodeMode.READ) == "'read'"


# --- [run] executor: parsed once -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "executor"),
    [
        ("local", Executor(ExecutorKind.LOCAL)),
        ("auto", Executor(ExecutorKind.AUTO)),
        ("dask://10.0.0.5:8786", Executor(ExecutorKind.DASK, "tcp://10.0.0.5:8786")),
        ("dask://[::1]:8786", Executor(ExecutorKind.DASK, "tcp://[::1]:8786")),
    ],
)
def test_the_executor_is_parsed_into_its_kind_and_scheduler(text: str, executor: Executor):
    assert Executor.parse(text) == executor
    assert RunSettings(executor=text).target == executor
    if executor.kind is not ExecutorKind.AUTO:
        assert scheduler_address(executor) == scheduler_address(text) == executor.scheduler


@pytest.mark.parametrize("text", ["", "Local", "dask://", "tcp://h:8786", "dask:/h:1", "ssh://h"])
def test_an_unknown_executor_is_refused_naming_the_choices(tmp_path: Path, text: str):
    with pytest.raises(ConfigError) as info:
        Executor.parse(text)
    expected = f'[run] executor {text!r} is not "local", "auto" or "dask://host:port"; set one of them'
    assert str(info.value) == expected
    assert _refused(tmp_path, f"[run]\nexecutor = {text!r}\n") == expected


def test_auto_joins_the_scheduler_of_the_environment(monkeypatch: pytest.MonkeyPatch):
    auto = RunSettings(executor="auto").target
    monkeypatch.delenv("DASK_SCHEDULER_ADDRESS", raising=False)
    assert scheduler_address(auto) is None
    monkeypatch.setenv("DASK_SCHEDULER_ADDRESS", "tcp://127.0.0.1:8786")
    assert scheduler_address(auto) == "tcp://127.0.0.1:8786"


def test_a_cluster_without_dask_installed_says_how_to_install_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name: None if name == "distributed" else real(name)
    )
    assert _refused(tmp_path, '[run]\nexecutor = "dask://h:1"\n') == (
        "[run] executor 'dask://h:1' needs Dask; install it with: pip install \"post2pod[dask]\""
    )
    (tmp_path / "post2pod.toml").write_text('[run]\nexecutor = "auto"\n')
    assert load_config(cwd=tmp_path).run.target.kind is ExecutorKind.AUTO
