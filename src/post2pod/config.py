"""Settings: `post2pod.toml` plus command-line overrides, loaded once into a frozen `Config`.

It owns the one schema (every table's dataclass, each field's range or choices declared beside it),
its loading and its one validator, and the merging of `[[podcasts]]` tables over those defaults.
Field metadata, not pydantic: it keeps every message word for word and this module quick to import.
"""

from __future__ import annotations

import importlib.util
import math
import os
import re
import tomllib
from collections.abc import Callable
from dataclasses import Field, dataclass, field, fields, replace
from enum import StrEnum
from functools import cached_property
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from post2pod.categories import category_problem
from post2pod.errors import ConfigError
from post2pod.workspace import CLIPS_DIR, Workspace, file_problem

CONFIG_NAME = "post2pod.toml"
STATE_DIR_NAME = ".post2pod"


class Choice(StrEnum):
    """A setting's choices. A member is its string: it compares, formats and reprs as the plain value,
    so hashes of settings (`repr(config.narration)`) are those of the strings it replaced."""

    def __repr__(self) -> str:
        return repr(self.value)


class FootnoteMode(Choice):
    ASIDE = "aside"  # read where it is referenced, in the aside voice
    END = "end"  # read at the end of the post
    SKIP = "skip"


class CodeMode(Choice):
    ANNOUNCE = "announce"  # "a code sample", not read
    SKIP = "skip"
    READ = "read"


class LinkNoteMode(Choice):
    BRIEF = "brief"  # a footnote that is only a link: its site, once a site
    SKIP = "skip"


class OnEdit(Choice):
    REGENERATE = "regenerate"  # an edited post gets new audio
    IGNORE = "ignore"


class PodcastType(Choice):  # itunes:type, as models.PODCAST_TYPES spells it
    EPISODIC = "episodic"  # newest first
    SERIAL = "serial"  # in order


class ExecutorKind(Choice):
    LOCAL = "local"  # worker processes on this machine
    AUTO = "auto"  # $DASK_SCHEDULER_ADDRESS if set, else local
    DASK = "dask"  # the Dask cluster of `dask://host:port`


DASK_SCHEME = "dask://"


@dataclass(frozen=True)
class Executor:
    """`[run] executor`, parsed: where synthesis runs."""

    kind: ExecutorKind = ExecutorKind.LOCAL
    scheduler: str | None = None  # DASK: the scheduler's address, "tcp://host:port"

    @classmethod
    def parse(cls, text: str) -> Executor:
        """ "local", "auto" or "dask://host:port"; ConfigError for anything else."""
        if text in (ExecutorKind.LOCAL, ExecutorKind.AUTO):
            return cls(ExecutorKind(text))
        if not text.startswith(DASK_SCHEME) or not text.removeprefix(DASK_SCHEME):
            raise ConfigError(
                f'[run] executor {text!r} is not "local", "auto" or "dask://host:port"; set one of them'
            )
        return cls(ExecutorKind.DASK, "tcp://" + text.removeprefix(DASK_SCHEME))


# MPEG-1 Layer III at 44.1 kHz (what post2pod encodes) has these bitrates and no others
MP3_BITRATES_KBPS = (32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320)

OUT_OF_RANGE = "[{table}] {key} = {value!r} is out of range; allowed: {low:g} to {high:g}"
NOT_A_CHOICE = "{name} must be one of {choices}"


@dataclass(frozen=True)
class Rule:
    """What a setting accepts beyond its type: a range (inclusive; NaN and infinity never in it) or a
    set of choices, and the message that refuses a value outside them. A message is a template of
    {table}, {key}, {name} (`table.key`, or `key` at the top level), {value}, {low}, {high}, {choices}."""

    low: float | None = None
    high: float | Callable[[], float] | None = None  # a callable: a limit of this machine
    choices: tuple[Any, ...] = ()  # a Choice class's members, or values
    message: str = ""  # default: OUT_OF_RANGE, or NOT_A_CHOICE
    too_low: str = ""  # the message below `low`, when it differs
    toml: type | None = None  # the type a file gives, when the field's default does not say it

    def problem(self, table: str, key: str, value: Any) -> str | None:
        """Why `value` is refused, or None."""
        high = self.high() if callable(self.high) else self.high
        words = {
            "table": table,
            "key": key,
            "name": f"{table}.{key}" if table else key,
            "value": value,
            "low": self.low,
            "high": high,
            "choices": ", ".join(map(str, self.choices)),
        }
        if self.choices:
            return None if value in self.choices else (self.message or NOT_A_CHOICE).format(**words)
        if isinstance(value, float) and not math.isfinite(value):
            return (self.message or OUT_OF_RANGE).format(**words)
        if self.low is not None and value < self.low:
            return (self.too_low or self.message or OUT_OF_RANGE).format(**words)
        if high is not None and value > high:
            return (self.message or OUT_OF_RANGE).format(**words)
        return None


def rule(**checks: Any) -> dict[str, Rule]:
    """A settings field's metadata, its `Rule`: `field(default=20.0, metadata=rule(low=0.1, high=600))`;
    `choices` may be a `Choice` class."""
    if isinstance(checks.get("choices"), type):
        checks["choices"] = tuple(checks["choices"])
    return {"rule": Rule(**checks)}


PAUSE = rule(low=0, high=60_000, too_low="audio.{key} must not be negative")  # a pause or fade, in ms


def max_workers() -> int:
    """The most synthesis workers allowed: 4 per core, at least 4 (more only thrash the machine)."""
    return max(4, 4 * (os.cpu_count() or 1))


@dataclass(frozen=True)
class PodcastSettings:
    """[podcast]: channel metadata; empty values fall back to the source feed."""

    title: str = ""
    description: str = ""
    link: str = ""
    author: str = ""
    owner: str = ""
    email: str = ""
    image: str = ""
    language: str = ""
    category: str = "Technology"
    subcategory: str = ""
    explicit: bool = False
    type: PodcastType = field(
        default=PodcastType.EPISODIC,
        metadata=rule(
            choices=PodcastType,
            message="[podcast] type {value!r} is not valid; set it to "
            '"episodic" (newest first) or "serial" (in order)',
        ),
    )
    copyright: str = ""
    locked: bool = False
    max_episodes: int = field(  # 0: keep every episode
        default=0,
        metadata=rule(low=0, message="[podcast] max_episodes is {value}; set it to 0 (keep all) or more"),
    )
    episode_title: str = "{title}"  # placeholders: {title}, {blog} (the source blog's name)


@dataclass(frozen=True)
class NarrationSettings:
    """[narration]: how HTML becomes speech."""

    footnotes: FootnoteMode = field(default=FootnoteMode.ASIDE, metadata=rule(choices=FootnoteMode))
    code: CodeMode = field(default=CodeMode.ANNOUNCE, metadata=rule(choices=CodeMode))
    footnote_cue: str = "A footnote:"
    intro: str = "{title}. By {author}, published {date}."
    outro: str = "You can read this post at {site}."
    lexicon: str = ""  # path to lexicon.toml
    lexicon_entries: tuple[tuple[str, str], ...] = ()  # loaded from `lexicon`
    max_words: int = field(default=50_000, metadata=rule(low=1, high=10_000_000))
    # AI disclosure, spoken after the intro and added to every description; "" turns it off
    disclosure: str = "Read by a synthetic voice."
    phrases: tuple[tuple[str, str, str], ...] = ()  # (language, key, text) from [phrases.LANG]
    skip: tuple[str, ...] = ()  # CSS selectors of page parts never read (".author-bio"), removed first
    # a footnote that is only a link: "brief" (its site, once a site) or "skip"
    link_notes: LinkNoteMode = field(default=LinkNoteMode.BRIEF, metadata=rule(choices=LinkNoteMode))


@dataclass(frozen=True)
class AudioSettings:
    """[audio]: synthesis, pauses, loudness and encoding."""

    length_scale: float = field(default=1.0, metadata=rule(low=0.25, high=4))
    speaker: int | None = field(default=None, metadata=rule(toml=int, low=0, high=9999))
    aside_voice: str = ""
    aside_length_scale: float = field(default=1.08, metadata=rule(low=0.25, high=4))
    sentence_pause_ms: int = field(default=350, metadata=PAUSE)
    paragraph_pause_ms: int = field(default=750, metadata=PAUSE)
    list_item_pause_ms: int = field(default=500, metadata=PAUSE)
    heading_pause_ms: int = field(default=900, metadata=PAUSE)
    section_pause_ms: int = field(default=1500, metadata=PAUSE)
    aside_pause_ms: int = field(default=600, metadata=PAUSE)
    intro_pause_ms: int = field(default=1200, metadata=PAUSE)
    loudness_lufs: float = field(default=-16.0, metadata=rule(low=-40, high=-5))  # integrated, dual-mono
    # ceiling for the true peak of the encoded file (dBTP)
    true_peak_db: float = field(default=-1.0, metadata=rule(low=-12, high=0))
    bitrate_kbps: int = field(
        default=64,
        metadata=rule(
            choices=MP3_BITRATES_KBPS,
            message="[audio] bitrate_kbps = {value} is not an MP3 bitrate; use one of {choices} "
            "(64 is plenty for speech)",
        ),
    )
    # LAME's -q (0 best, slowest … 9): 7 is twice as fast as 3, no loss heard on speech
    mp3_quality: int = field(
        default=7,
        metadata=rule(low=0, high=9, message="audio.mp3_quality must be between 0 (best, slowest) and 9"),
    )
    intro_music: str = ""  # default: intro.mp3 beside the config file, if there is one
    outro_music: str = ""  # default: outro.mp3 beside the config file, if there is one
    music_crossfade_ms: int = field(default=1500, metadata=PAUSE)
    # longer music is cut here, with a fade-out
    music_max_s: float = field(default=30.0, metadata=rule(low=1, high=600))


@dataclass(frozen=True)
class FetchSettings:
    """[fetch]: how patient and how trusting downloads are."""

    timeout_s: float = field(default=20.0, metadata=rule(low=0.1, high=600))
    retries: int = field(default=3, metadata=rule(low=0, high=10))  # extra attempts after the first one
    backoff_s: float = field(default=1.0, metadata=rule(low=0, high=60))  # first wait; doubles on each retry
    max_mb: int = field(default=20, metadata=rule(low=1, high=1000))
    # all fetching of one run (feed, pages, retries) ends within this
    budget_s: float = field(default=600.0, metadata=rule(low=1, high=86_400))
    allow_private: bool = False  # let links from feed content reach internal addresses
    # summary-only feeds: hours between checks of a post's page (0: every sync)
    page_recheck_h: float = field(default=0.0, metadata=rule(low=0, high=8_760))


@dataclass(frozen=True)
class RunSettings:
    """[run]: where synthesis runs: "local" worker processes, a Dask cluster, or "auto"."""

    executor: str = "local"  # "dask://host:8786"; "auto": $DASK_SCHEDULER_ADDRESS if set, else local
    # a cluster that returns no clip for this long is frozen: the run stops
    cluster_timeout_s: float = field(default=300.0, metadata=rule(low=1, high=86_400))

    @cached_property
    def target(self) -> Executor:
        """`executor`, parsed (once per settings; the config's validation has checked it)."""
        return Executor.parse(self.executor)


@dataclass(frozen=True)
class Config:
    """Every setting of a run, after config file and command line are merged."""

    feed: str = ""  # the source feed (the first, when there are several)
    extra_feeds: tuple[str, ...] = ()  # `feed = [...]`: the other source feeds, merged
    name: str = ""  # the podcast's name in [[podcasts]] ("" for a single-podcast config)
    out: Path = field(default=Path("output"), metadata=rule(toml=str))
    base_url: str = ""
    state: Path = field(default=Path(STATE_DIR_NAME), metadata=rule(toml=str))
    limit: int | None = field(
        default=None,
        metadata=rule(
            toml=int, low=1, message="limit (or --limit) is {value}; give a positive number of posts"
        ),
    )
    voice: str = ""
    workers: int = field(  # 0: one per core
        default=0,
        metadata=rule(
            low=0,
            high=max_workers,
            message="workers (or --workers) is {value}; set it between 0 (one per core) and {high} "
            "(4 per core on this machine)",
        ),
    )
    cache_dir: Path | None = None
    cache_max_mb: int = field(
        default=2048,
        metadata=rule(low=1, message="[cache] max_mb is {value}; set it to at least 1 (megabytes)"),
    )
    on_edit: OnEdit = field(default=OnEdit.REGENERATE, metadata=rule(choices=OnEdit))
    podcast: PodcastSettings = field(default_factory=PodcastSettings)
    narration: NarrationSettings = field(default_factory=NarrationSettings)
    audio: AudioSettings = field(default_factory=AudioSettings)
    fetch: FetchSettings = field(default_factory=FetchSettings)
    run: RunSettings = field(default_factory=RunSettings)
    voices: tuple[tuple[str, str], ...] = ()  # [voices]: (language, voice name or path)
    config_path: Path | None = None

    @property
    def feeds(self) -> tuple[str, ...]:
        """Every source feed, in the order given."""
        return (self.feed, *self.extra_feeds) if self.feed else self.extra_feeds

    @property
    def workspace(self) -> Workspace:
        return Workspace(self.state, self.out, self.cache_dir)

    @property
    def clip_cache_dir(self) -> Path:
        return self.workspace.clips


TABLES = {
    "podcast": PodcastSettings,
    "narration": NarrationSettings,
    "audio": AudioSettings,
    "fetch": FetchSettings,
    "run": RunSettings,
}
TYPE_NAMES = {bool: "true or false", int: "a whole number", float: "a number", str: "a string"}
TOP_LEVEL = ("feed", "out", "base_url", "state", "limit", "voice", "workers", "on_edit")  # keys of the file
DERIVED = ("lexicon_entries", "phrases")  # table fields filled from elsewhere, never set in the table


def toml_type(setting_field: Field[Any]) -> type:
    """The type a file gives a setting: its rule's `toml`, else its default's (a choice: a string)."""
    checks = setting_field.metadata.get("rule")
    if checks is not None and checks.toml is not None:
        return checks.toml
    kind = type(setting_field.default)
    return str if issubclass(kind, str) else kind


TOP_LEVEL_TYPES: dict[str, type] = {f.name: toml_type(f) for f in fields(Config) if f.name in TOP_LEVEL}


def _check_type(key: str, value: Any, expected: type) -> None:
    if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
        raise ConfigError(f"{key} must be {TYPE_NAMES[expected]}, not {value!r}")


def load_podcasts(
    path: Path | None = None,
    overrides: dict[str, Any] | None = None,
    cwd: Path | None = None,
    only: str | None = None,
) -> list[Config]:
    """Every podcast of `post2pod.toml` (explicit path, or the one in `cwd` if any), CLI overrides
    applied: one per `[[podcasts]]` table (the top-level settings are its defaults), else the file's
    single podcast. `only` keeps the podcast of that name.

    Relative paths in the file are resolved against the file's folder; the state folder defaults
    to `.post2pod/` beside the config file (or in `cwd`).
    """
    cwd = cwd or Path.cwd()
    if path is None and (cwd / CONFIG_NAME).is_file():
        path = cwd / CONFIG_NAME
    raw = _read_toml(path) if path is not None else {}
    base_dir = path.resolve().parent if path is not None else cwd
    entries = _podcast_tables(raw)
    if only is not None:
        entries = _only(entries, only)
    overrides = overrides or {}
    if len(entries) > 1:
        _check_overrides_for_one(overrides)
    configs = [_load_one(entry, base_dir, path, overrides, cwd) for entry in entries]
    _check_podcasts_apart(configs)
    return configs


def load_config(
    path: Path | None = None,
    overrides: dict[str, Any] | None = None,
    cwd: Path | None = None,
    only: str | None = None,
) -> Config:
    """The one podcast a command works on (see `load_podcasts`): a config with several needs `only`."""
    configs = load_podcasts(path, overrides, cwd, only)
    if len(configs) > 1:
        names = ", ".join(config.name for config in configs)
        raise ConfigError(f"the config has {len(configs)} podcasts ({names}); pick one with --only NAME")
    return configs[0]


def _load_one(
    raw: dict[str, Any], base_dir: Path, path: Path | None, overrides: dict[str, Any], cwd: Path
) -> Config:
    config = _from_mapping({k: v for k, v in raw.items() if k != "name"}, base_dir)
    config = replace(config, config_path=path.resolve() if path else None, name=raw.get("name", ""))
    if "state" not in raw:
        config = replace(config, state=base_dir / STATE_DIR_NAME)
    config = _with_language_tables(config, raw, base_dir)
    config = _apply_overrides(config, overrides, cwd)
    config = _validate(config)
    return replace(config, narration=_with_lexicon(config.narration))


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise ConfigError(f"config file {path} not found; create it or drop --config") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"config file {path} is not valid TOML: {exc}") from None
    except OSError as exc:
        raise ConfigError(f"cannot read config file {path}: {exc.strerror}") from None


def _from_mapping(raw: dict[str, Any], base_dir: Path) -> Config:
    unknown = set(raw) - set(TOP_LEVEL_TYPES) - set(TABLES) - {"cache"} - set(LANGUAGE_TABLES)
    if unknown:
        raise ConfigError(
            f"unknown setting(s) in config: {', '.join(sorted(unknown))}; see the README's config reference"
        )
    values: dict[str, Any] = {}
    for key in set(TOP_LEVEL_TYPES) & set(raw) - {"feed"}:
        _check_type(key, raw[key], TOP_LEVEL_TYPES[key])
        values[key] = raw[key]
    for key in ("out", "state"):
        if key in values:
            values[key] = _resolve(base_dir, values[key])
    if "feed" in raw:
        values["feed"], values["extra_feeds"] = _feeds(raw["feed"], base_dir)
    cache = raw.get("cache", {})
    if not isinstance(cache, dict):
        raise ConfigError("[cache] in config must be a table")
    unknown_cache = set(cache) - {"dir", "max_mb"}
    if unknown_cache:
        raise ConfigError(f"unknown setting(s) in [cache]: {', '.join(sorted(unknown_cache))}")
    if "dir" in cache:
        _check_type("cache.dir", cache["dir"], str)
        if cache["dir"]:  # "" is the default, <state>/clips, as the README shows it
            values["cache_dir"] = _resolve(base_dir, cache["dir"])
    if "max_mb" in cache:
        _check_type("cache.max_mb", cache["max_mb"], int)
        values["cache_max_mb"] = cache["max_mb"]
    for name, cls in TABLES.items():
        table = raw.get(name, {})
        if not isinstance(table, dict):
            raise ConfigError(f"[{name}] in config must be a table")
        values[name] = _table(cls, name, table)
    narration = values["narration"]
    if narration.lexicon:
        values["narration"] = replace(narration, lexicon=str(_resolve(base_dir, narration.lexicon)))
    audio = values["audio"]
    for key, default in (("intro_music", "intro.mp3"), ("outro_music", "outro.mp3")):
        if getattr(audio, key):
            audio = replace(audio, **{key: str(_resolve(base_dir, getattr(audio, key)))})
        elif (base_dir / default).is_file():
            audio = replace(audio, **{key: str(base_dir / default)})
    values["audio"] = audio
    podcast = values["podcast"]
    if podcast.image and not _is_url(podcast.image):
        values["podcast"] = replace(podcast, image=str(_resolve(base_dir, podcast.image)))
    try:
        return Config(**values)
    except TypeError as exc:
        raise ConfigError(f"bad config: {exc}") from None


def _table(cls: type, name: str, table: dict[str, Any]) -> Any:
    """One [table] of the file as its settings: each value of the type its field declares (a whole
    number where a number is wanted is widened, an array is a tuple of strings)."""
    known = {f.name: f for f in fields(cls) if f.name not in DERIVED}
    unknown = set(table) - set(known)
    if unknown:
        raise ConfigError(f"unknown setting(s) in [{name}]: {', '.join(sorted(unknown))}")
    values = {}
    for key, value in table.items():
        expected = toml_type(known[key])
        if expected is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        elif expected is tuple:  # a TOML array of strings
            value = _strings(f"[{name}] {key}", value)
        else:
            _check_type(f"[{name}] {key}", value, expected)
        values[key] = value
    return cls(**values)


def _check_selector(selector: str) -> None:
    """A CSS selector of `[narration] skip` that soupsieve (what bs4's `select` uses) can compile."""
    import soupsieve  # here only: narration (bs4) applies the selectors, the config only checks them

    try:
        soupsieve.compile(selector)
    except (soupsieve.SelectorSyntaxError, ValueError) as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise ConfigError(f"[narration] skip: {selector!r} is not a valid CSS selector ({first})") from None


def _strings(key: str, value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ConfigError(f"{key} must be a list of strings, not {value!r}")
    return tuple(value)


def _apply_overrides(config: Config, overrides: dict[str, Any], cwd: Path) -> Config:
    values = {k: v for k, v in overrides.items() if v is not None}
    for key in ("out", "state", "cache_dir"):
        if key in values:
            values[key] = _resolve(cwd, values[key])
    if "feed" in values:  # --feed replaces every configured feed
        values["extra_feeds"] = ()
        if not _is_url(values["feed"]):
            values["feed"] = str(_resolve(cwd, values["feed"]))
    return replace(config, **values)


def _validate(config: Config) -> Config:
    """The config with every rule kept (ConfigError naming the first broken one): each field's range
    or choices, then what involves more than one value (selectors, category, URLs, folders, executor)."""
    config = _checked(config)
    for selector in config.narration.skip:
        _check_selector(selector)
    category = category_problem(config.podcast.category, config.podcast.subcategory)
    if category:
        raise ConfigError(category)
    if config.base_url:
        _check_base_url(config.base_url)
    _check_episode_title(config.podcast.episode_title)
    if _is_url(config.podcast.image):
        raise ConfigError(
            f"[podcast] image {config.podcast.image!r} is a URL; download the image and give its file path"
        )
    _check_folders_apart(config)
    _check_executor(config.run)
    return config


def _checked(settings: Any, table: str = "") -> Any:
    """The one validator: `settings` (the Config, or its table `table`) with each field's `Rule` (a
    range or choices) checked in field order, the tables' before the top level's; ConfigError names
    the first value refused. A choice's string becomes its member."""
    changes: dict[str, Any] = {}
    for setting_field in sorted(fields(settings), key=lambda f: f.name not in TABLES or bool(table)):
        value = getattr(settings, setting_field.name)
        checks: Rule | None = setting_field.metadata.get("rule")
        if setting_field.name in TABLES and not table:
            checked = _checked(value, setting_field.name)
        elif checks is not None and value is not None:
            problem = checks.problem(table, setting_field.name, value)
            if problem:
                raise ConfigError(problem)
            default = setting_field.default
            checked = type(default)(value) if isinstance(default, Choice) else value
        else:
            continue
        if checked is not value:
            changes[setting_field.name] = checked
    return replace(settings, **changes) if changes else settings


def _check_executor(run: RunSettings) -> None:
    """[run] executor: a known scheme, and Dask installed when a cluster is named."""
    if run.target.kind is ExecutorKind.DASK and importlib.util.find_spec("distributed") is None:
        raise ConfigError(
            f'[run] executor {run.executor!r} needs Dask; install it with: pip install "post2pod[dask]"'
        )


def _feeds(value: Any, base_dir: Path) -> tuple[str, tuple[str, ...]]:
    """`feed = "…"` or `feed = ["…", "…"]` -> (first feed, the others); file paths made absolute."""
    feeds = [value] if isinstance(value, str) else value
    if not (isinstance(feeds, list) and feeds and all(isinstance(f, str) for f in feeds)):
        raise ConfigError(f'feed must be a string or a list of them like ["a.xml", "b.xml"]; not {value!r}')
    if len(feeds) > 1 and not all(f.strip() for f in feeds):
        raise ConfigError("feed lists an empty string; give each source feed's URL or file path")
    feeds = [f if _is_url(f) or not f else str(_resolve(base_dir, f)) for f in feeds]
    if len(set(feeds)) < len(feeds):
        raise ConfigError("feed lists the same source feed twice; give each once")
    return feeds[0], tuple(feeds[1:])


def _check_episode_title(template: str) -> None:
    try:
        template.format(title="", blog="")
    except (KeyError, IndexError, ValueError):
        raise ConfigError(
            f"[podcast] episode_title {template!r} is not a valid template; use {{title}} and {{blog}}, "
            'like "{blog}: {title}"'
        ) from None


def _check_base_url(url: str) -> None:
    """The base URL must be able to prefix a file's URL: http(s), a host, no query, fragment, login
    or white space."""
    problem = ""
    if any(c.isspace() or ord(c) < 32 or ord(c) == 127 for c in url):
        problem = "it contains white space or control characters"
    else:
        parts = urlsplit(url)
        try:
            port_ok = parts.port is None or 0 < parts.port < 65536
        except ValueError:
            port_ok = False
        if parts.scheme.lower() not in ("http", "https"):
            problem = "it must start with http:// or https://"
        elif not parts.hostname:
            problem = "it has no host"
        elif not port_ok:
            problem = "its port is not a number from 1 to 65535"
        elif parts.username is not None or parts.password is not None:
            problem = "it must not carry a user name or password"
        elif parts.query or parts.fragment or url.rstrip().endswith(("?", "#")):
            problem = "a query (?…) or fragment (#…) cannot prefix file names"
    if problem:
        raise ConfigError(
            f"base URL {url!r} cannot be used: {problem}; give the public address of the out folder, "
            "like https://example.org/podcast/"
        )


def _check_folders_apart(config: Config) -> None:
    """The published folder and the state folder (and clip cache) never nest, either way, symlinks
    resolved: housekeeping in one must never delete or publish files of the other."""
    out = config.out.resolve()
    for name, folder in (("state folder", config.state), ("clip cache", config.clip_cache_dir)):
        other = folder.resolve()
        if other == out:
            raise ConfigError(
                f"the published folder {config.out} is the {name}; give --out and --state apart"
            )
        if out in other.parents:
            raise ConfigError(
                f"the {name} {folder} is inside the published folder {config.out}; "
                "use --state (or [cache] dir) outside it"
            )
        if other in out.parents:
            raise ConfigError(
                f"the published folder {config.out} is inside the {name} {folder}; use --out outside it"
            )


# --- several podcasts: [[podcasts]] ------------------------------------------------------------

PODCAST_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
PER_PODCAST_FLAGS = {"feed": "--feed", "out": "--out", "state": "--state", "base_url": "--base-url"}


def _podcast_tables(raw: dict[str, Any]) -> list[dict[str, Any]]:
    """The settings of each podcast: every [[podcasts]] table deep-merged over the top-level settings
    (its defaults), or the file itself when it has none. A podcast's out and state folders default to
    `<out>/NAME` and `<state>/NAME`; the clip cache is shared, `<state>/clips` unless [cache] dir says."""
    if "podcasts" not in raw:
        return [raw]
    tables = raw["podcasts"]
    if not (isinstance(tables, list) and tables and all(isinstance(t, dict) for t in tables)):
        raise ConfigError('podcasts must be [[podcasts]] tables, each with a name, e.g. name = "main"')
    defaults = {key: value for key, value in raw.items() if key != "podcasts"}
    state = str(defaults.get("state") or STATE_DIR_NAME)
    cache = defaults.get("cache", {})
    if isinstance(cache, dict) and not cache.get("dir"):
        defaults["cache"] = {**cache, "dir": str(Path(state) / CLIPS_DIR)}
    entries: list[dict[str, Any]] = []
    names: set[str] = set()
    for table in tables:
        name = _podcast_name(table, names)
        names.add(name.lower())
        entry = _deep_merge(defaults, table)
        entry["out"] = table.get("out") or str(Path(str(defaults.get("out") or "output")) / name)
        entry["state"] = table.get("state") or str(Path(state) / name)
        entries.append(entry)
    return entries


def _podcast_name(table: dict[str, Any], taken: set[str]) -> str:
    name = table.get("name")
    if not isinstance(name, str) or not PODCAST_NAME.match(name):
        raise ConfigError(
            f"[[podcasts]] name {name!r} is missing or not a short name (letters, digits, - _ .); "
            'give each podcast one, e.g. name = "main"'
        )
    if name.lower() in taken:
        raise ConfigError(f"two [[podcasts]] are named {name!r}; give each podcast its own name")
    unknown = set(table) - {"name", *TOP_LEVEL_TYPES, *TABLES, *LANGUAGE_TABLES}
    if unknown:
        raise ConfigError(
            f"unknown setting(s) in [[podcasts]] {name}: {', '.join(sorted(unknown))}; "
            "see the README's config reference"
        )
    return name


def _deep_merge(base: dict[str, Any], top: dict[str, Any]) -> dict[str, Any]:
    """`top` over `base`; tables present in both are merged key by key."""
    merged = dict(base)
    for key, value in top.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _deep_merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def _only(entries: list[dict[str, Any]], name: str) -> list[dict[str, Any]]:
    chosen = [entry for entry in entries if entry.get("name", "").lower() == name.lower()]
    if not chosen:
        known = ", ".join(entry["name"] for entry in entries if "name" in entry)
        where = f"; its podcasts: {known}" if known else " (it has no [[podcasts]])"
        raise ConfigError(f"no podcast named {name!r} in the config{where}")
    return chosen


def _check_overrides_for_one(overrides: dict[str, Any]) -> None:
    for key, flag in PER_PODCAST_FLAGS.items():
        if overrides.get(key) is not None:
            raise ConfigError(f"{flag} sets one podcast's folder or feed; pick the podcast with --only NAME")


def _check_podcasts_apart(configs: list[Config]) -> None:
    """No two podcasts share or nest their out or state folders (the shared clip cache aside, which
    must be neither): one podcast's housekeeping must never touch another's files."""
    if len(configs) < 2:
        return
    folders = [(f"{key} of podcast {c.name}", getattr(c, key)) for c in configs for key in ("out", "state")]
    folders.append(("shared clip cache", configs[0].clip_cache_dir))
    resolved = [(label, folder, folder.resolve()) for label, folder in folders]
    for number, (label, folder, path) in enumerate(resolved):
        for other_label, other, other_path in resolved[number + 1 :]:
            if path == other_path:
                raise ConfigError(f"the {label} and the {other_label} are both {folder}; keep them apart")
            if path in other_path.parents or other_path in path.parents:
                inner, outer = (other, folder) if path in other_path.parents else (folder, other)
                raise ConfigError(f"{inner} is inside {outer} ({label}, {other_label}); keep them apart")


# --- per-language tables: [voices] and [phrases.LANG] --------------------------------------------

LANGUAGE_TABLES = ("voices", "phrases")
PHRASE_KEYS = ("intro", "outro", "footnote_cue", "disclosure")  # narrate.script.phrases.CONFIGURABLE


def _with_language_tables(config: Config, raw: dict[str, Any], base_dir: Path) -> Config:
    """[voices] maps a language to a voice; [phrases.LANG] sets the narrator's phrases in one language."""
    voices = _string_table(raw.get("voices", {}), "voices")
    resolved = tuple(
        (_language_code(lang, "voices"), _voice_path(voice, base_dir)) for lang, voice in voices.items()
    )
    phrases = raw.get("phrases", {})
    if not isinstance(phrases, dict):
        raise ConfigError('[phrases] in config must hold tables, e.g. [phrases.it] footnote_cue = "Nota:"')
    overrides = []
    for lang, table in sorted(phrases.items()):
        code = _language_code(lang, "phrases")
        for key, text in sorted(_string_table(table, f"phrases.{lang}").items()):
            if key not in PHRASE_KEYS:
                raise ConfigError(f"unknown phrase [phrases.{lang}] {key}; known: {', '.join(PHRASE_KEYS)}")
            overrides.append((code, key, text))
    narration = replace(config.narration, phrases=tuple(overrides))
    return replace(config, voices=tuple(sorted(resolved)), narration=narration)


def _string_table(table: Any, name: str) -> dict[str, str]:
    if not isinstance(table, dict) or not all(isinstance(v, str) for v in table.values()):
        raise ConfigError(f'[{name}] in config must map names to strings, e.g. it = "it_IT-paola-medium"')
    return table


def _language_code(value: str, table: str) -> str:
    """ "it", "IT", "pt-BR", "pt_BR" -> the primary language subtag ("it", "pt"), as posts are matched."""
    code = value.replace("_", "-").split("-")[0].lower()
    if not (2 <= len(code) <= 3 and code.isascii() and code.isalpha()):
        raise ConfigError(f'[{table}] {value!r} is not a language code like "it" or "pt-BR"')
    return code


def _voice_path(voice: str, base_dir: Path) -> str:
    """A voice name stays a name (looked up in voices/); a path is made relative to the config file."""
    if voice.endswith(".onnx") or "/" in voice:
        return str(_resolve(base_dir, voice))
    return voice


def _with_lexicon(narration: NarrationSettings) -> NarrationSettings:
    if not narration.lexicon:
        return narration
    path = Path(narration.lexicon)
    problem = file_problem(path)
    if problem:
        raise ConfigError(
            f"lexicon file {path} {problem}; fix [narration] lexicon in the config or leave it empty"
        )
    raw = _read_toml(path)
    entries = raw.get("words", raw)
    if not isinstance(entries, dict) or not all(isinstance(v, str) for v in entries.values()):
        raise ConfigError(f'lexicon {path} must map words to strings, e.g. nginx = "engine x"')
    return replace(narration, lexicon_entries=tuple(sorted(entries.items())))


def _resolve(base: Path, value: Any) -> Path:
    path = Path(str(value)).expanduser()
    return path if path.is_absolute() else base / path


def _is_url(value: str) -> bool:
    return str(value).strip().lower().startswith(("http://", "https://"))
