"""Settings: `post2pod.toml` plus command-line overrides, loaded once into a frozen `Config`.

It owns the one schema: every table's dataclass, its loading and its checks (tests/test_docs.py
compares this schema with the README's configuration block), and the merging of `[[podcasts]]`
tables (several podcasts in one file) over those defaults.
"""

from __future__ import annotations

import importlib.util
import math
import os
import re
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from post2pod.categories import category_problem
from post2pod.errors import ConfigError
from post2pod.models import PODCAST_TYPES
from post2pod.workspace import CLIPS_DIR, Workspace, file_problem

CONFIG_NAME = "post2pod.toml"
STATE_DIR_NAME = ".post2pod"

FOOTNOTE_MODES = ("aside", "end", "skip")
CODE_MODES = ("announce", "skip", "read")
LINK_NOTE_MODES = ("brief", "skip")
ON_EDIT_MODES = ("regenerate", "ignore")


# MPEG-1 Layer III at 44.1 kHz (what post2pod encodes) has these bitrates and no others
MP3_BITRATES_KBPS = (32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320)


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
    type: str = "episodic"
    copyright: str = ""
    locked: bool = False
    max_episodes: int = 0  # 0: keep every episode
    episode_title: str = "{title}"  # placeholders: {title}, {blog} (the source blog's name)


@dataclass(frozen=True)
class NarrationSettings:
    """[narration]: how HTML becomes speech."""

    footnotes: str = "aside"
    code: str = "announce"
    footnote_cue: str = "A footnote:"
    intro: str = "{title}. By {author}, published {date}."
    outro: str = "You can read this post at {site}."
    lexicon: str = ""  # path to lexicon.toml
    lexicon_entries: tuple[tuple[str, str], ...] = ()  # loaded from `lexicon`
    max_words: int = 50_000
    # AI disclosure, spoken after the intro and added to every description; "" turns it off
    disclosure: str = "Read by a synthetic voice."
    phrases: tuple[tuple[str, str, str], ...] = ()  # (language, key, text) from [phrases.LANG]
    skip: tuple[str, ...] = ()  # CSS selectors of page parts never read (".author-bio"), removed first
    link_notes: str = "brief"  # a footnote that is only a link: "brief" (its site, once a site) or "skip"


@dataclass(frozen=True)
class AudioSettings:
    """[audio]: synthesis, pauses, loudness and encoding."""

    length_scale: float = 1.0
    speaker: int | None = None
    aside_voice: str = ""
    aside_length_scale: float = 1.08
    sentence_pause_ms: int = 350
    paragraph_pause_ms: int = 750
    list_item_pause_ms: int = 500
    heading_pause_ms: int = 900
    section_pause_ms: int = 1500
    aside_pause_ms: int = 600
    intro_pause_ms: int = 1200
    loudness_lufs: float = -16.0  # integrated, measured dual-mono
    true_peak_db: float = -1.0  # ceiling for the true peak of the encoded file (dBTP)
    bitrate_kbps: int = 64
    mp3_quality: int = 7  # LAME's -q (0 best, slowest … 9): 7 is twice as fast as 3, no loss heard on speech
    intro_music: str = ""  # default: intro.mp3 beside the config file, if there is one
    outro_music: str = ""  # default: outro.mp3 beside the config file, if there is one
    music_crossfade_ms: int = 1500
    music_max_s: float = 30.0  # longer music is cut here, with a fade-out


@dataclass(frozen=True)
class FetchSettings:
    """[fetch]: how patient and how trusting downloads are."""

    timeout_s: float = 20.0
    retries: int = 3
    backoff_s: float = 1.0
    max_mb: int = 20
    budget_s: float = 600.0  # all fetching of one run (feed, pages, retries) ends within this
    allow_private: bool = False  # let links from feed content reach internal addresses
    page_recheck_h: float = 0.0  # summary-only feeds: hours between checks of a post's page (0: every sync)


@dataclass(frozen=True)
class RunSettings:
    """[run]: where synthesis runs: "local" worker processes, a Dask cluster, or "auto"."""

    executor: str = "local"  # "dask://host:8786"; "auto": $DASK_SCHEDULER_ADDRESS if set, else local
    cluster_timeout_s: float = 300.0  # a cluster that returns no clip for this long is frozen: the run stops


@dataclass(frozen=True)
class Config:
    """Every setting of a run, after config file and command line are merged."""

    feed: str = ""  # the source feed (the first, when there are several)
    extra_feeds: tuple[str, ...] = ()  # `feed = [...]`: the other source feeds, merged
    name: str = ""  # the podcast's name in [[podcasts]] ("" for a single-podcast config)
    out: Path = Path("output")
    base_url: str = ""
    state: Path = Path(STATE_DIR_NAME)
    limit: int | None = None
    voice: str = ""
    workers: int = 0  # 0: one per core
    cache_dir: Path | None = None
    cache_max_mb: int = 2048
    on_edit: str = "regenerate"
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


TYPE_NAMES = {bool: "true or false", int: "a whole number", float: "a number", str: "a string"}
TOP_LEVEL_TYPES: dict[str, type] = {
    "feed": str,
    "out": str,
    "base_url": str,
    "state": str,
    "limit": int,
    "voice": str,
    "workers": int,
    "on_edit": str,
}


def _check_type(key: str, value: Any, expected: type) -> None:
    if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
        raise ConfigError(f"{key} must be {TYPE_NAMES[expected]}, not {value!r}")


TABLES = {
    "podcast": PodcastSettings,
    "narration": NarrationSettings,
    "audio": AudioSettings,
    "fetch": FetchSettings,
    "run": RunSettings,
}


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
    _validate(config)
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
    known = {f.name: f for f in fields(cls) if f.name not in ("lexicon_entries", "phrases")}
    unknown = set(table) - set(known)
    if unknown:
        raise ConfigError(f"unknown setting(s) in [{name}]: {', '.join(sorted(unknown))}")
    defaults = cls()
    for key, value in table.items():
        expected = type(getattr(defaults, key))
        if getattr(defaults, key) is None:
            expected = int
        if expected is float and isinstance(value, int) and not isinstance(value, bool):
            table = {**table, key: float(value)}
            continue
        if expected is tuple:  # a TOML array of strings
            table = {**table, key: _strings(f"[{name}] {key}", value)}
            continue
        _check_type(f"[{name}] {key}", value, expected)
    return cls(**table)


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


def _validate(config: Config) -> None:
    if config.narration.footnotes not in FOOTNOTE_MODES:
        raise ConfigError(f"narration.footnotes must be one of {', '.join(FOOTNOTE_MODES)}")
    if config.narration.code not in CODE_MODES:
        raise ConfigError(f"narration.code must be one of {', '.join(CODE_MODES)}")
    if config.narration.link_notes not in LINK_NOTE_MODES:
        raise ConfigError(f"narration.link_notes must be one of {', '.join(LINK_NOTE_MODES)}")
    for selector in config.narration.skip:
        _check_selector(selector)
    if config.podcast.type not in PODCAST_TYPES:
        raise ConfigError(
            f"[podcast] type {config.podcast.type!r} is not valid; set it to "
            '"episodic" (newest first) or "serial" (in order)'
        )
    category = category_problem(config.podcast.category, config.podcast.subcategory)
    if category:
        raise ConfigError(category)
    if config.on_edit not in ON_EDIT_MODES:
        raise ConfigError(f"on_edit must be one of {', '.join(ON_EDIT_MODES)}")
    if config.limit is not None and config.limit < 1:
        raise ConfigError(f"limit (or --limit) is {config.limit}; give a positive number of posts")
    most = max_workers()
    if not 0 <= config.workers <= most:
        raise ConfigError(
            f"workers (or --workers) is {config.workers}; set it between 0 (one per core) and {most} "
            f"(4 per core on this machine)"
        )
    if config.podcast.max_episodes < 0:
        raise ConfigError(
            f"[podcast] max_episodes is {config.podcast.max_episodes}; set it to 0 (keep all) or more"
        )
    if config.cache_max_mb < 1:
        raise ConfigError(f"[cache] max_mb is {config.cache_max_mb}; set it to at least 1 (megabytes)")
    pauses = [name for name in vars(config.audio) if name.endswith("_ms") and getattr(config.audio, name) < 0]
    if pauses:
        raise ConfigError(f"audio.{pauses[0]} must not be negative")
    if not 0 <= config.audio.mp3_quality <= 9:
        raise ConfigError("audio.mp3_quality must be between 0 (best, slowest) and 9")
    if config.audio.bitrate_kbps not in MP3_BITRATES_KBPS:
        raise ConfigError(
            f"[audio] bitrate_kbps = {config.audio.bitrate_kbps} is not an MP3 bitrate; use one of "
            f"{', '.join(map(str, MP3_BITRATES_KBPS))} (64 is plenty for speech)"
        )
    if config.base_url:
        _check_base_url(config.base_url)
    _check_episode_title(config.podcast.episode_title)
    _check_ranges(config)
    if _is_url(config.podcast.image):
        raise ConfigError(
            f"[podcast] image {config.podcast.image!r} is a URL; download the image and give its file path"
        )
    _check_folders_apart(config)
    _check_executor(config.run.executor)


def max_workers() -> int:
    """The most synthesis workers allowed: 4 per core, at least 4 (more only thrash the machine)."""
    return max(4, 4 * (os.cpu_count() or 1))


def _check_executor(executor: str) -> None:
    """[run] executor: a known scheme, and Dask installed when a cluster is named."""
    if executor in ("local", "auto"):
        return
    if not executor.startswith("dask://") or not executor.removeprefix("dask://"):
        raise ConfigError(
            f'[run] executor {executor!r} is not "local", "auto" or "dask://host:port"; set one of them'
        )
    if importlib.util.find_spec("distributed") is None:
        raise ConfigError(
            f'[run] executor {executor!r} needs Dask; install it with: pip install "post2pod[dask]"'
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


# (table, key): the allowed range of a numeric setting, inclusive
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
}


def _check_ranges(config: Config) -> None:
    """Every numeric setting within its range (NaN and infinity never are): exit 2 naming the range."""
    tables = {"fetch": config.fetch, "audio": config.audio, "narration": config.narration, "run": config.run}
    checks = dict(RANGES)
    for name in vars(config.audio):
        if name.endswith("_pause_ms"):
            checks[("audio", name)] = (0, 60_000)
    for (table, key), (low, high) in checks.items():
        value = getattr(tables[table], key)
        if value is None:
            continue
        if not (isinstance(value, int | float) and math.isfinite(value) and low <= value <= high):
            raise ConfigError(f"[{table}] {key} = {value!r} is out of range; allowed: {low:g} to {high:g}")


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
    entries, names = [], set()
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
PHRASE_KEYS = ("intro", "outro", "footnote_cue", "disclosure")  # narrate.phrases.CONFIGURABLE


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
