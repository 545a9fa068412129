"""The command line: a thin typer layer over `pipeline`. The one place errors become exit codes.

It owns the ten commands, their options (those several commands share as option groups) and help
texts, how messages are printed and how errors become exit codes; each command body is a few lines.
"""

from __future__ import annotations

import errno
import functools
import json
import logging
import re
import signal
import sys
import threading
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields, replace
from inspect import Parameter, Signature, signature
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Annotated, Any, TypeVar, get_type_hints

import typer
from rich.console import Console

from post2pod import __version__
from post2pod.config import Config, load_config, load_podcasts
from post2pod.errors import EXIT_ERROR, EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, Post2PodError
from post2pod.models import RunReport
from post2pod.workspace import FEED_FILE

if TYPE_CHECKING:
    from rich.progress import TaskID

    from post2pod import pipeline


def _pipeline() -> ModuleType:
    """The pipeline, imported when a command runs: `--help` and `--version` need none of it."""
    from post2pod import pipeline

    return pipeline


app = typer.Typer(
    help="Turn a blog's feed into a podcast, narrated locally with Piper.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help: quick to show, and no "[cache]" taken for markup
)
cache_app = typer.Typer(
    help="Manage the clip cache (synthesised sentences kept for reuse).",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(cache_app, name="cache")

VOICES_URL = "https://huggingface.co/rhasspy/piper-voices"
VOICE_SAMPLES_URL = "https://rhasspy.github.io/piper-samples/"

err = Console(stderr=True, highlight=False, soft_wrap=True)
out = Console(highlight=False, soft_wrap=True)
T = TypeVar("T")

ConfigOpt = Annotated[
    Path | None,
    typer.Option("--config", metavar="FILE", help="Config file (default: ./post2pod.toml if present)."),
]
FeedOpt = Annotated[
    str | None, typer.Option("--feed", metavar="URL|FILE", help="Source blog feed: URL or file path.")
]
OutOpt = Annotated[
    Path | None, typer.Option("--out", metavar="FOLDER", help="Published folder (default: output).")
]
BaseUrlOpt = Annotated[
    str | None, typer.Option("--base-url", metavar="URL", help="Public URL of the published folder.")
]
StateOpt = Annotated[
    Path | None,
    typer.Option("--state", metavar="FOLDER", help="State folder (default: .post2pod beside the config)."),
]
LimitOpt = Annotated[
    int | None, typer.Option("--limit", metavar="N", help="Consider only the N newest posts of the feed.")
]
VoiceOpt = Annotated[
    str | None,
    typer.Option("--voice", metavar="VOICE", help="Voice name (see `post2pod voices`) or .onnx path."),
]
WorkersOpt = Annotated[
    int | None, typer.Option("--workers", metavar="N", help="Synthesis worker processes (default: cores).")
]
DryRunOpt = Annotated[
    bool, typer.Option("--dry-run", help="Show what would be published; synthesise nothing.")
]
CudaOpt = Annotated[bool, typer.Option("--cuda", help="Synthesise on a GPU (needs onnxruntime-gpu).")]
VerboseOpt = Annotated[bool, typer.Option("--verbose", "-v", help="More detail; tracebacks on errors.")]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="Only errors.")]
OnlyOpt = Annotated[
    str | None,
    typer.Option(
        "--only", metavar="NAME", help="Work on the config's podcast of this name (its [[podcasts]] table)."
    ),
]


# control and bidi characters: feeds and servers supply much of what is printed, and must not be able
# to move the cursor, clear the screen, retitle the terminal or reorder the line
_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """`text` without characters a terminal would act on (tab and newline kept)."""
    return _UNPRINTABLE.sub("", text)


MAX_SHOWN_CHARS = 500  # one message as printed: a megabyte title or redirect URL is not echoed whole
MAX_SHOWN_RUN = 120  # one run without spaces within it (a URL, a title with no spaces)
_LONG_RUN = re.compile(rf"\S{{{MAX_SHOWN_RUN + 1},}}")


def shown(text: str) -> str:
    """A message as printed: `printable`, long runs and the whole cut in the middle ("…"), so the
    start (what) and the end (the advice) both stay."""
    text = _LONG_RUN.sub(lambda run: f"{run.group(0)[:80]}…{run.group(0)[-30:]}", printable(text))
    if len(text) > MAX_SHOWN_CHARS:
        text = f"{text[:300]} … {text[-(MAX_SHOWN_CHARS - 303) :]}"
    return text


@dataclass(frozen=True)
class _Ui:
    """How one command talks: -v shows tracebacks, -q keeps all but errors quiet."""

    verbose: bool = False
    quiet: bool = False
    has_verbose: bool = False  # the command takes -v (so an unexpected error can say to rerun with it)

    def log(self, message: str) -> None:
        if not self.quiet:
            err.print(shown(message), markup=False)

    def result(self, message: str) -> None:
        """A result (an episode published, the run's summary): stdout, so a cron log keeps it."""
        if not self.quiet:
            out.print(shown(message), markup=False)

    def warn(self, message: str) -> None:
        if not self.quiet:
            err.print(f"warning: {shown(message)}", style="yellow", markup=False)

    def run(self, action: Callable[[], T]) -> T:
        """Run a command body; a Post2PodError becomes one line on stderr and its exit code."""
        return _run(action, self.verbose, self.has_verbose)

    @contextmanager
    def listening(self, names: bool = False) -> Iterator[None]:
        """Print what the pipeline logs in the block as this command's lines (`_Lines`); with `names`
        (several podcasts) each line starts with its podcast's name."""
        logger = logging.getLogger("post2pod")
        handler = _Lines(self, names)
        level, propagate = logger.level, logger.propagate
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        logger.propagate = False  # printed here only, whatever the root logger does
        try:
            yield
        finally:
            logger.removeHandler(handler)
            logger.setLevel(level)
            logger.propagate = propagate


class _Lines(logging.Handler):
    """The `post2pod` logger's records as a command prints them: INFO as `_Ui.log`, WARNING and above as
    `_Ui.warn`; with `names`, after the name of the podcast they are about and a colon."""

    def __init__(self, ui: _Ui, names: bool) -> None:
        super().__init__(logging.INFO)
        self.ui, self.names = ui, names

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        name = getattr(record, "podcast", "")
        if self.names and name:
            message = f"{name}: {message}"
        (self.ui.warn if record.levelno >= logging.WARNING else self.ui.log)(message)


def _error(message: str) -> None:
    err.print(f"error: {shown(message)}", style="red", markup=False)


class Terminated(KeyboardInterrupt):
    """SIGTERM (a service manager, `timeout`, `kill`): stopped exactly as Ctrl-C stops a run."""


def _on_sigterm(_signum: int, _frame: object) -> None:
    raise Terminated


def _handle_sigterm() -> None:
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _on_sigterm)


def _run(action: Callable[[], T], verbose: bool, has_verbose: bool = True) -> T:
    """Run a command body; a Post2PodError becomes one line on stderr and its exit code."""
    _handle_sigterm()
    try:
        return action()
    except KeyboardInterrupt as exc:
        terminated = isinstance(exc, Terminated)
        _say_interrupted("terminated" if terminated else "interrupted")
        raise typer.Exit(EXIT_TERMINATED if terminated else EXIT_INTERRUPTED) from None
    except Exception as exc:
        message, code = _failure(exc, verbose, has_verbose)
        _error(message)
        raise typer.Exit(code) from None


def _failure(exc: Exception, verbose: bool, has_verbose: bool = True) -> tuple[str, int]:
    """What a failed command body tells the user (one line), and its exit code."""
    if verbose:
        traceback.print_exc()
    if isinstance(exc, Post2PodError):
        return str(exc), exc.exit_code
    if isinstance(exc, OSError):
        reason = "disk full" if exc.errno == errno.ENOSPC else (exc.strerror or str(exc))
        return f"{reason}{f' ({exc.filename})' if exc.filename else ''}; fix it and rerun", EXIT_ERROR
    # a bug of ours: still one line, and how to report it
    details = f": {exc}" if str(exc) else ""
    rerun = "rerun with -v and report it" if has_verbose else "report it with the command you ran"
    return f"unexpected {exc.__class__.__name__}{details}; {rerun}", EXIT_ERROR


def _config(config: Path | None, ui: _Ui, only: str | None = None, **overrides: Any) -> Config:
    return ui.run(lambda: load_config(config, overrides, only=only))


def _any_config(config: Path | None, ui: _Ui, only: str | None = None, **overrides: Any) -> Config:
    """For what all the config's podcasts share (the clip cache, voices/): the first, or `only`."""
    return ui.run(lambda: load_podcasts(config, overrides, only=only)[0])


class _Bars:
    """Rich progress bars with ETA: the whole run, and the post being built."""

    def __init__(self) -> None:
        from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

        self.bars = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            TextColumn("{task.completed}/{task.total}"),
            TimeRemainingColumn(),
            console=err,
            transient=True,
        )
        self.total: TaskID | None = None
        self.current: TaskID | None = None

    def start(self, posts: int, segments: int) -> None:
        self.bars.start()
        self.total = self.bars.add_task(f"{posts} episode(s)", total=segments)

    def post(self, title: str, segments: int) -> None:
        if self.current is not None:
            self.bars.remove_task(self.current)
        from rich.markup import escape

        self.current = self.bars.add_task(escape(printable(title)[:40]), total=segments)

    def advance(self, segments: int = 1) -> None:
        for task in (self.total, self.current):
            if task is not None:
                self.bars.advance(task, segments)

    def finish(self) -> None:
        if self.total is not None:
            self.bars.stop()


# --- option groups: options several commands share, declared once (as sqlite-utils' decorators) ------


@dataclass(frozen=True)
class PodcastFlags:
    """Which podcast a command works on (sync, regenerate, remove, adopt): the config file, and the
    folders and feed the command line sets over it."""

    config: ConfigOpt = None
    feed: FeedOpt = None
    out_dir: OutOpt = None
    base_url: BaseUrlOpt = None
    state: StateOpt = None
    only: OnlyOpt = None

    def load(self, ui: _Ui, **more: Any) -> list[Config]:
        """The settings of each podcast to work on: the config file with these flags (and `more`
        overrides) on top."""
        return ui.run(lambda: load_podcasts(self.config, self.overrides(more), only=self.only))

    def load_one(self, ui: _Ui) -> Config:
        """The settings of the one podcast a command works on (several need --only)."""
        return ui.run(lambda: load_config(self.config, self.overrides(), only=self.only))

    def overrides(self, more: dict[str, Any] | None = None) -> dict[str, Any]:
        flags = {"feed": self.feed, "out": self.out_dir, "base_url": self.base_url, "state": self.state}
        return {**flags, **(more or {})}


@dataclass(frozen=True)
class BuildFlags:
    """How sync and regenerate build episodes."""

    limit: LimitOpt = None
    voice: VoiceOpt = None
    workers: WorkersOpt = None
    dry_run: DryRunOpt = False
    cuda: CudaOpt = False

    def overrides(self) -> dict[str, Any]:
        return {"limit": self.limit, "voice": self.voice, "workers": self.workers}

    def options(self, ui: _Ui, name: str = "") -> pipeline.Options:
        return _options(ui, self.dry_run, self.cuda, name)


@dataclass(frozen=True)
class Verbosity:
    """-v and -q, for the commands that build or change the published podcast."""

    verbose: VerboseOpt = False
    quiet: QuietOpt = False

    @property
    def ui(self) -> _Ui:
        return _Ui(self.verbose, self.quiet, has_verbose=True)


OPTION_GROUPS = (PodcastFlags, BuildFlags, Verbosity)


def option_groups(command: Callable[..., None]) -> Callable[..., None]:
    """Give `command` the options of each option group its parameters are typed with (typer reads
    options from the signature), in their place; the command gets the group's record, built from them."""
    groups: dict[str, type] = {}
    params: list[Parameter] = []
    for param in signature(command, eval_str=True).parameters.values():
        if param.annotation not in OPTION_GROUPS:
            params.append(param.replace(kind=Parameter.KEYWORD_ONLY) if groups else param)
            continue
        groups[param.name] = group = param.annotation
        hints = get_type_hints(group, include_extras=True)
        params += [
            Parameter(f.name, Parameter.KEYWORD_ONLY, default=f.default, annotation=hints[f.name])
            for f in fields(group)
        ]
    if len({param.name for param in params}) < len(params):
        raise TypeError(f"{command.__name__}: two options of the same name")  # pragma: no cover

    @functools.wraps(command)
    def with_groups(**values: Any) -> None:
        for name, group in groups.items():
            values[name] = group(**{f.name: values.pop(f.name) for f in fields(group)})
        command(**values)

    with_groups.__signature__ = Signature(params)  # type: ignore[attr-defined]
    return with_groups


def _options(ui: _Ui, dry_run: bool = False, cuda: bool = False, name: str = "") -> pipeline.Options:
    """How a run shows its progress and results; with `name` (one of several podcasts) each result line
    starts with it. What it logs is printed by `_Ui.listening`."""
    bars = _Bars() if err.is_terminal and not ui.quiet and not dry_run else _pipeline().Progress()
    result = (lambda m: ui.result(f"{name}: {m}")) if name else ui.result
    return _pipeline().Options(dry_run=dry_run, result=result, progress=bars, use_cuda=cuda)


def _report(report: RunReport, ui: _Ui, dry_run: bool = False, name: str = "") -> int:
    """Print what a run did (with `name`, one of several podcasts: each line starts with it); its
    exit code."""
    prefix = f"{name}: " if name else ""
    if dry_run:
        for title in report.would_publish:
            out.print(shown(f"{prefix}would publish: {title}"), markup=False)
        for title in report.removed:
            out.print(shown(f"{prefix}would remove: {title}"), markup=False)
        if not (report.would_publish or report.removed):
            out.print(f"{prefix}nothing new to publish", markup=False)
    else:  # each published or regenerated episode had its line as it went live
        for title in report.removed:
            ui.result(f"{prefix}removed: {title}")
        ui.result(
            f"{prefix}{len(report.new)} new, {len(report.regenerated)} regenerated, "
            f"{len(report.unchanged)} unchanged, "
            f"{len(report.failed)} failed"
        )
    for title, message in report.failed:
        err.print(shown(f"failed: {prefix}{title}: {message}"), style="red", markup=False)
    return EXIT_SOME_FAILED if report.failed else EXIT_OK


def _exit(code: int) -> None:
    if code != EXIT_OK:
        raise typer.Exit(code)


@app.command()
@option_groups
def sync(podcast: PodcastFlags, build: BuildFlags, talk: Verbosity) -> None:
    """Publish every new or edited post of the blog feed (of each podcast) as a podcast episode."""
    ui = talk.ui
    configs = podcast.load(ui, **build.overrides())
    if len(configs) == 1:
        with ui.listening():
            report = ui.run(lambda: _pipeline().sync(configs[0], build.options(ui)))
        _exit(_report(report, ui, build.dry_run))
    else:
        with ui.listening(names=True):
            code = ui.run(lambda: _sync_podcasts(configs, build, ui))
        _exit(code)


def _sync_podcasts(configs: list[Config], build: BuildFlags, ui: _Ui) -> int:
    """Sync several podcasts with one set of workers (each loads the voice once for all of them)."""
    with _pipeline().WorkerPool() as pool:
        return max(_sync_podcast(config, build, ui, pool) for config in configs)


def _sync_podcast(config: Config, build: BuildFlags, ui: _Ui, pool: pipeline.WorkerPool) -> int:
    """Sync one of several podcasts: its failure is one line and its exit code, the others go on."""
    try:
        report = _pipeline().sync(config, replace(build.options(ui, config.name), pool=pool))
    except Exception as exc:
        message, code = _failure(exc, ui.verbose)
        _error(f"{config.name}: {message}")
        return code
    return _report(report, ui, build.dry_run, config.name)


def _podcast_of(configs: list[Config], post: str, ui: _Ui) -> Config:
    """The podcast a command on one post works on: the only one, else the one that published it."""
    return configs[0] if len(configs) == 1 else ui.run(lambda: _pipeline().podcast_publishing(configs, post))


PostArg = Annotated[str, typer.Argument(metavar="POST", help="The post's URL, guid or slug.")]


@app.command()
@option_groups
def regenerate(post: PostArg, podcast: PodcastFlags, build: BuildFlags, talk: Verbosity) -> None:
    """Re-fetch one post and rebuild its episode (same guid in the feed, new audio)."""
    ui = talk.ui
    cfg = _podcast_of(podcast.load(ui, **build.overrides()), post, ui)
    with ui.listening():
        report = ui.run(lambda: _pipeline().regenerate(cfg, post, build.options(ui)))
    _exit(_report(report, ui, build.dry_run))


@app.command()
@option_groups
def remove(post: PostArg, podcast: PodcastFlags, *, dry_run: DryRunOpt = False, talk: Verbosity) -> None:
    """Take one episode out of the feed and delete its files."""
    ui = talk.ui
    cfg = _podcast_of(podcast.load(ui), post, ui)
    with ui.listening():
        report = ui.run(lambda: _pipeline().remove(cfg, post, _options(ui, dry_run)))
    _exit(_report(report, ui, dry_run))


@app.command()
@option_groups
def adopt(podcast: PodcastFlags, talk: Verbosity) -> None:
    """Rebuild a lost state folder from the published feed.xml (into a new, empty --state)."""
    ui = talk.ui
    cfg = podcast.load_one(ui)
    titles = ui.run(lambda: _pipeline().adopt(cfg))
    for title in titles:
        ui.log(f"adopted: {title}")
    ui.log(f"{len(titles)} episode(s) adopted from {cfg.out / FEED_FILE}; the next sync keeps them")


@app.command()
def script(
    source: Annotated[
        str, typer.Argument(metavar="SOURCE", help="An HTML file, a post URL, or a feed (with --post).")
    ],
    post: Annotated[
        str | None, typer.Option("--post", metavar="POST", help="Which post of the feed: URL, guid or slug.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON: title, sections, segments.")] = False,
    explain: Annotated[
        bool,
        typer.Option(
            "--explain",
            help="Under each segment, every span a rule rewrote: rule (class): written -> spoken "
            '(with --json: each segment\'s "rewrites"). To have a word read another way, add it to '
            "the lexicon (narration.lexicon in post2pod.toml: a TOML file of word = respelling).",
        ),
    ] = False,
    config: ConfigOpt = None,
    only: OnlyOpt = None,
    verbose: VerboseOpt = False,
) -> None:
    """Print exactly what will be spoken for one post, to proofread (--explain: and why)."""
    from post2pod.narrate import Explanation, explain_text, script_text

    ui = _Ui(verbose, has_verbose=True)
    cfg = _config(config, ui, only)
    load = _pipeline().explain_post_script if explain else _pipeline().load_post_script
    result = ui.run(lambda: load(source, post, cfg))
    if as_json:
        sys.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        text = explain_text(result) if isinstance(result, Explanation) else script_text(result)
        sys.stdout.write(printable(text) + "\n")


@app.command()
def voices(config: ConfigOpt = None) -> None:
    """List usable voices: the bundled default and each NAME.onnx + NAME.onnx.json in voices/."""
    from post2pod import synth

    ui = _Ui()
    cfg = _any_config(config, ui)
    folder = _pipeline().voices_dir(cfg)
    for number, voice in enumerate(ui.run(lambda: synth.list_voices(folder))):
        marker = " (default)" if number == 0 else ""
        out.print(f"{voice.name}{marker}\t{voice.model}", markup=False)
    ui.log(
        f"more voices: {VOICES_URL} (listen first: {VOICE_SAMPLES_URL}); put NAME.onnx and "
        f"NAME.onnx.json in {folder}, then try one: post2pod sync --voice NAME --limit 1 --out try "
        "--state try/state"
    )


@app.command()
def serve(
    out_dir: OutOpt = None,
    host: Annotated[
        str, typer.Option("--host", metavar="ADDRESS", help="Address to listen on (0.0.0.0: every network).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", metavar="PORT", help="Port to listen on.")] = 8000,
    config: ConfigOpt = None,
    only: OnlyOpt = None,
) -> None:
    """Serve the published folder over HTTP (with Range requests) for listening on the local network."""
    from post2pod import serve as server

    ui = _Ui()
    cfg = _config(config, ui, only, out=out_dir)
    if not cfg.out.is_dir():
        err.print(f"error: {cfg.out} does not exist; run `post2pod sync` first", style="red", markup=False)
        raise typer.Exit(EXIT_USAGE)
    here = server.served_address(host, port)
    feed = server.published_feed_url(cfg.out)
    ui.log(f"serving {cfg.out} at {here}; Ctrl-C to stop")
    ui.log(f"subscribe to: {feed or here + FEED_FILE}")
    if feed and not feed.startswith(here):
        ui.warn(
            f"the feed's own links point at {feed.removesuffix(FEED_FILE)}, not at this server ({here}): "
            f"apps will download from there; to listen from this server, run "
            f"`post2pod sync --base-url {here}` (episodes are not rebuilt)"
        )
    ui.run(lambda: server.serve_forever(cfg.out, host, port))


@app.command()
def inspect(
    episode: Annotated[
        str, typer.Argument(metavar="EPISODE", help="An MP3 file, or a published post's URL, guid or slug.")
    ],
    config: ConfigOpt = None,
    state: StateOpt = None,
    out_dir: OutOpt = None,
    only: OnlyOpt = None,
) -> None:
    """Print the numbers a podcaster checks: duration, loudness, true peak, bitrate, chapters, cues."""
    from post2pod import inspect as inspection

    ui = _Ui()
    cfg = _config(config, ui, only, state=state, out=out_dir)
    report = ui.run(lambda: inspection.inspect_episode(cfg, episode))
    out.print(printable(report), markup=False)  # chapter titles come from the file: no terminal escapes


@cache_app.command("prune")
def cache_prune(config: ConfigOpt = None, state: StateOpt = None, only: OnlyOpt = None) -> None:
    """Evict least-recently-used clips until the cache fits its size limit ([cache] max_mb)."""
    ui = _Ui()
    cfg = _any_config(config, ui, only, state=state)
    removed, left = ui.run(lambda: _pipeline().prune_cache(cfg))
    out.print(f"removed {removed} clips; the cache holds {left / 1e6:.1f} MB", markup=False)


@cache_app.command("clear")
def cache_clear(config: ConfigOpt = None, state: StateOpt = None, only: OnlyOpt = None) -> None:
    """Delete every cached clip."""
    ui = _Ui()
    cfg = _any_config(config, ui, only, state=state)
    removed, _left = ui.run(lambda: _pipeline().prune_cache(cfg, clear=True))
    out.print(f"removed {removed} clips", markup=False)


def _version(value: bool) -> None:
    if value:
        out.print(f"post2pod {__version__}", markup=False)
        raise typer.Exit(EXIT_OK)


@app.callback()
def main_options(
    version: Annotated[
        bool | None,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit."),
    ] = None,
) -> None:
    """post2pod: a blog feed in, a subscribable podcast out."""


EXIT_INTERRUPTED, EXIT_TERMINATED = 130, 143
_interrupt_said: list[bool] = []  # whether this process has said so (once is enough)


def _say_interrupted(what: str = "interrupted") -> None:
    if not _interrupt_said:
        _interrupt_said.append(True)
        err.print(f"{what}; nothing half-written was published, rerun to finish", markup=False)


def main() -> None:
    """Console-script entry point (`post2pod.__main__.main` wraps it)."""
    try:
        app()
    except SystemExit as exc:  # typer ends an interrupt outside a command body (parsing) silently
        if exc.code == EXIT_INTERRUPTED:
            _say_interrupted()
        raise
