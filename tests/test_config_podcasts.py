"""Several podcasts in one config ([[podcasts]]), several feeds in one podcast (feed = [...])."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from post2pod.config import load_config, load_podcasts
from post2pod.errors import ConfigError

README = Path(__file__).parents[1] / "README.md"

TWO = """
voice = "en_US-joe-medium"
limit = 5
[narration]
intro = ""
outro = "Bye."
[podcast]
category = "Technology"

[[podcasts]]
name = "solo"
feed = "https://a.example/feed.xml"
base_url = "https://pod.example/solo/"
[podcasts.podcast]
title = "Solo"

[[podcasts]]
name = "pair"
feed = ["b.xml", "https://c.example/feed"]
out = "public/pair"
limit = 2
[podcasts.narration]
outro = ""
[podcasts.podcast]
episode_title = "{blog}: {title}"
"""


def _write(folder: Path, text: str) -> Path:
    path = folder / "post2pod.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_each_podcast_is_the_defaults_with_its_own_tables_on_top(tmp_path: Path):
    solo, pair = load_podcasts(_write(tmp_path, TWO))
    assert (solo.name, pair.name) == ("solo", "pair")
    assert solo.feeds == ("https://a.example/feed.xml",)
    assert pair.feeds == (str(tmp_path / "b.xml"), "https://c.example/feed")
    assert solo.voice == pair.voice == "en_US-joe-medium"
    assert (solo.limit, pair.limit) == (5, 2)
    assert solo.narration.outro == "Bye." and pair.narration.outro == ""
    assert solo.narration.intro == pair.narration.intro == ""
    assert solo.podcast.title == "Solo" and pair.podcast.title == ""
    assert pair.podcast.episode_title == "{blog}: {title}" and solo.podcast.episode_title == "{title}"


def test_each_podcast_has_its_folders_and_all_share_one_clip_cache(tmp_path: Path):
    solo, pair = load_podcasts(_write(tmp_path, TWO))
    assert solo.out == tmp_path / "output" / "solo" and pair.out == tmp_path / "public" / "pair"
    assert solo.state == tmp_path / ".post2pod" / "solo" and pair.state == tmp_path / ".post2pod" / "pair"
    assert solo.clip_cache_dir == pair.clip_cache_dir == tmp_path / ".post2pod" / "clips"
    assert solo.workspace.lock != pair.workspace.lock


def test_top_level_out_state_and_cache_dir_are_the_parents_and_the_cache(tmp_path: Path):
    text = 'out = "pub"\nstate = "st"\n' + TWO + '[cache]\ndir = "shared-clips"\n'
    solo, pair = load_podcasts(_write(tmp_path, text))
    assert solo.out == tmp_path / "pub" / "solo" and pair.out == tmp_path / "public" / "pair"
    assert solo.state == tmp_path / "st" / "solo"
    assert solo.clip_cache_dir == pair.clip_cache_dir == tmp_path / "shared-clips"


def test_only_picks_one_podcast_by_name(tmp_path: Path):
    path = _write(tmp_path, TWO)
    assert [c.name for c in load_podcasts(path, only="pair")] == ["pair"]
    assert load_config(path, only="PAIR").name == "pair"
    with pytest.raises(ConfigError, match=r"no podcast named 'nope'.*solo, pair"):
        load_podcasts(path, only="nope")


def test_a_command_on_one_podcast_needs_only_when_there_are_several(tmp_path: Path):
    with pytest.raises(ConfigError, match=r"2 podcasts \(solo, pair\); pick one with --only NAME"):
        load_config(_write(tmp_path, TWO))


def test_flags_for_one_podcasts_folders_need_only(tmp_path: Path):
    path = _write(tmp_path, TWO)
    with pytest.raises(ConfigError, match=r"--out .*--only NAME"):
        load_podcasts(path, {"out": tmp_path / "x"})
    (solo,) = load_podcasts(path, {"out": tmp_path / "x", "limit": 1}, only="solo")
    assert solo.out == tmp_path / "x" and solo.limit == 1


def test_a_single_feed_config_is_a_list_of_one(tmp_path: Path):
    (config,) = load_podcasts(_write(tmp_path, 'feed = "a.xml"\n'))
    assert config.name == "" and config.feeds == (str(tmp_path / "a.xml"),)
    assert config.clip_cache_dir == tmp_path / ".post2pod" / "clips"


def test_a_feed_list_and_the_feed_flag(tmp_path: Path):
    path = _write(tmp_path, 'feed = ["a.xml", "https://b.example/feed"]\n')
    config = load_config(path)
    assert config.feed == str(tmp_path / "a.xml") and config.extra_feeds == ("https://b.example/feed",)
    assert load_config(path, {"feed": "https://c.example/"}).feeds == ("https://c.example/",)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[[podcasts]]\nfeed = "a.xml"\n', "name None is missing"),
        ('[[podcasts]]\nname = "a b"\n', "not a short name"),
        ('[[podcasts]]\nname = "a"\n[[podcasts]]\nname = "A"\n', "two \\[\\[podcasts\\]\\] are named 'A'"),
        ('[[podcasts]]\nname = "a"\ncolour = 1\n', r"in \[\[podcasts\]\] a: colour"),
        ('[[podcasts]]\nname = "a"\n[podcasts.cache]\ndir = "x"\n', "in \\[\\[podcasts\\]\\] a: cache"),
        ('[[podcasts]]\nname = "a"\n[podcasts.audio]\nbitrat = 1\n', "unknown setting\\(s\\) in \\[audio\\]"),
        ('[[podcasts]]\nname = "a"\nout = "o"\n[[podcasts]]\nname = "b"\nout = "o"\n', "are both"),
        ('[[podcasts]]\nname = "a"\nout = "o"\n[[podcasts]]\nname = "b"\nout = "o/b"\n', "is inside"),
        ('[[podcasts]]\nname = "a"\n[[podcasts]]\nname = "clips"\n', "shared clip cache"),
        ("podcasts = 3\n", "must be \\[\\[podcasts\\]\\] tables"),
        ("feed = []\n", "feed must be a string or a list"),
        ('feed = ["a.xml", "a.xml"]\n', "the same source feed twice"),
        ('feed = ["a.xml", ""]\n', "empty string"),
        ('[podcast]\nepisode_title = "{site}: {title}"\n', "episode_title .* not a valid template"),
    ],
)
def test_bad_podcasts_are_one_clear_line(tmp_path: Path, text: str, message: str):
    with pytest.raises(ConfigError, match=message) as info:
        load_podcasts(_write(tmp_path, text))
    assert "\n" not in str(info.value)


def test_the_readme_example_of_several_podcasts_loads(tmp_path: Path):
    blocks = re.findall(r"```toml\n(.*?)```", README.read_text(encoding="utf-8"), re.DOTALL)
    example = next(block for block in blocks if "[[podcasts]]" in block)
    configs = load_podcasts(_write(tmp_path, example))
    assert len(configs) >= 2 and any(len(config.feeds) > 1 for config in configs)
    assert len({config.clip_cache_dir for config in configs}) == 1


def test_the_example_of_several_podcasts_loads():
    example = Path(__file__).parents[1] / "examples" / "podcasts.toml"
    workshop, neighbours = load_podcasts(example)
    assert all(Path(feed).is_file() for config in (workshop, neighbours) for feed in config.feeds)
    assert len(neighbours.feeds) == 2 and workshop.feed == neighbours.feed
    assert workshop.clip_cache_dir == neighbours.clip_cache_dir
    assert workshop.out.parent == neighbours.out.parent and workshop.out != neighbours.out
