"""The README agrees with the code: every command is documented, and its configuration block lists
exactly the settings `config` knows, with their defaults."""

from __future__ import annotations

import dataclasses
import re
import tomllib
from pathlib import Path
from typing import Any

import pytest
import typer

from post2pod import config as settings
from post2pod.cli import app

README = Path(__file__).parents[1] / "README.md"
INTERNAL = {"lexicon_entries", "phrases"}  # filled from other files and tables, never written as keys
# shown with an example value rather than the default (the README says what the default is)
EXAMPLES = {("", "feed"), ("", "base_url"), ("", "limit"), ("", "voice"), ("audio", "speaker")}


def _commands(group: Any, prefix: str = "") -> list[tuple[str, Any]]:
    """(name, command) of every command and group under `group` ("cache prune" for a subcommand)."""
    found = []
    for name, command in group.commands.items():
        found.append((prefix + name, command))
        if hasattr(command, "commands"):
            found += _commands(command, prefix + name + " ")
    return found


COMMANDS = _commands(typer.main.get_command(app))


@pytest.mark.parametrize(("name", "command"), COMMANDS, ids=[name for name, _ in COMMANDS])
def test_every_command_has_help_and_is_in_the_readme(name: str, command: Any):
    assert (command.help or "").strip(), f"{name} has no help text"
    if not hasattr(command, "commands"):
        assert f"post2pod {name}" in README.read_text(encoding="utf-8")


def test_the_app_has_the_commands_we_expect():  # the walk above must not find nothing
    names = {name for name, _ in COMMANDS}
    assert {"sync", "regenerate", "remove", "cache prune", "cache clear"} <= names


def _readme_config() -> dict:
    text = README.read_text(encoding="utf-8")
    blocks = re.findall(r"```toml\n(.*?)```", text, flags=re.DOTALL)
    block = next(b for b in blocks if b.startswith("feed = "))
    return tomllib.loads(block)


def _documented(raw: dict) -> dict[tuple[str, str], object]:
    """(table, key) -> value for every setting in the README block ("" for the top level)."""
    found: dict[tuple[str, str], object] = {}
    for key, value in raw.items():
        if isinstance(value, dict):
            if key in settings.LANGUAGE_TABLES:
                continue
            found.update({(key, inner): v for inner, v in value.items()})
        else:
            found[("", key)] = value
    return found


def _in_code() -> dict[tuple[str, str], object]:
    """(table, key) -> default of every setting `config` reads from a file."""
    defaults = settings.Config()
    known: dict[tuple[str, str], object] = {
        ("", key): getattr(defaults, key) for key in settings.TOP_LEVEL_TYPES
    }
    for table, cls in settings.TABLES.items():
        for field in dataclasses.fields(cls):
            if field.name not in INTERNAL:
                known[(table, field.name)] = getattr(cls(), field.name)
    known[("cache", "dir")] = ""
    known[("cache", "max_mb")] = defaults.cache_max_mb
    return known


def _plain(value: object) -> object:
    if isinstance(value, tuple):
        return list(value)  # a TOML array
    return str(value) if isinstance(value, Path) else value


def test_the_readme_config_block_lists_every_setting_and_nothing_else():
    documented, known = _documented(_readme_config()), _in_code()
    assert set(documented) - set(known) == set(), "in the README but unknown to config"
    assert set(known) - set(documented) == set(), "known to config but missing from the README"


@pytest.mark.parametrize("key", sorted(_in_code()), ids=lambda key: ".".join(filter(None, key)))
def test_the_readme_config_block_shows_each_default(key: tuple[str, str]):
    if key in EXAMPLES:
        return
    assert _documented(_readme_config())[key] == _plain(_in_code()[key])


def test_the_readme_config_block_loads(tmp_path: Path):
    raw = _readme_config()
    assert set(raw["phrases"]["it"]) <= set(settings.PHRASE_KEYS)
    block = next(
        b
        for b in re.findall(r"```toml\n(.*?)```", README.read_text(encoding="utf-8"), re.DOTALL)
        if b.startswith("feed = ")
    )
    (tmp_path / "post2pod.toml").write_text(block, encoding="utf-8")
    config = settings.load_config(cwd=tmp_path)
    assert config.podcast.type == "episodic"


def test_ci_runs_the_readmes_test_command():
    """`.ci/run` is the README's test command on a clean checkout: the same install, lint and tests."""
    readme = README.read_text(encoding="utf-8")
    ci = (README.parent / ".ci" / "run").read_text(encoding="utf-8")
    lines = readme.splitlines()
    command = next(line for line in lines if line.startswith("python3 -m venv") and "pytest" in line)
    for step in command.split(" && "):
        assert all(word in ci for word in step.split()), step
