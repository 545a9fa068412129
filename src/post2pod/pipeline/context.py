"""What every stage of one run shares: the `Run` (config, store, options, podcast, voices, pages), and
the run's `Options` and `Progress`."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from post2pod import assemble, fetch, synth
from post2pod.config import AudioSettings, Config
from post2pod.models import Clip, EpisodeAudio, Podcast, Script
from post2pod.pipeline.voices import VoiceChooser
from post2pod.store import Store

if TYPE_CHECKING:
    from post2pod.assemble import EpisodeTags


class Progress:
    """Progress of a run's synthesis; the CLI draws bars from it, the default ignores it."""

    def start(self, posts: int, segments: int) -> None:
        """A run will build `posts` episodes from `segments` segments."""

    def post(self, title: str, segments: int) -> None:
        """Work on one post's episode begins."""

    def advance(self, segments: int = 1) -> None:
        """Segments are ready (synthesised or found in the cache)."""

    def finish(self) -> None:
        """The run is over."""


def quiet(_message: str) -> None:
    """Drops a result line (the default for `Options.result`)."""


class Assembler(Protocol):
    """`assemble.assemble`'s signature: a post's clips, as they arrive, into its MP3, transcript and
    chapters."""

    def __call__(
        self,
        script: Script,
        clips: Iterable[tuple[str, Clip]],
        keys: Sequence[str],
        mp3_path: Path,
        tags: EpisodeTags,
        audio: AudioSettings,
        *,
        store_dir: Path | None = None,
        work_dir: Path | None = None,
    ) -> EpisodeAudio: ...


@dataclass(frozen=True)
class Options:
    """How a run is carried out (not what it produces); a dry run plans and reports, nothing more.

    What a run says goes to the `post2pod` logger (`pipeline.log`); `result` gets one line as each
    episode goes live.
    """

    dry_run: bool = False
    result: Callable[[str], None] = quiet  # "published: TITLE" as each episode goes live, for a cron's log
    progress: Progress = field(default_factory=Progress)
    engine: synth.Engine | None = None  # a fake synthesiser in unit tests
    use_cuda: bool = False
    pool: synth.WorkerPool | None = None  # workers shared by the podcasts of a run (None: the run's own)
    assembler: Assembler | None = None  # None: `assemble.assemble`; a fake in fast tests

    @property
    def assemble(self) -> Assembler:
        """What stitches a post's clips into its episode's files."""
        return self.assembler or assemble.assemble


@dataclass(frozen=True)
class Run:
    """One run of one podcast, as its stages see it: the settings, the state, how to run, the podcast
    being published, and the HTTP settings for the posts' pages (their feeds' addresses allowed)."""

    config: Config
    store: Store
    options: Options
    podcast: Podcast
    pages: fetch.HttpSettings

    @cached_property
    def voices(self) -> VoiceChooser:
        """Every configured voice, resolved once (a bad one fails the run when it is first needed)."""
        return VoiceChooser(self.config, voices_dir(self.config))


def voices_dir(config: Config) -> Path:
    """The voices/ folder beside the config file (else in the working folder) that holds extra voices."""
    base = config.config_path.parent if config.config_path else Path.cwd()
    return base / "voices"
