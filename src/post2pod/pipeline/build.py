"""`build`: the planned posts' clips synthesised (by the run's workers, through the clip cache) and
each post's episode assembled from them as they arrive: its MP3, transcript and chapters."""

from __future__ import annotations

from collections.abc import Generator, Iterator, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass
from typing import cast

from post2pod import assemble, synth
from post2pod.models import Clip, EpisodeAudio, Script
from post2pod.pipeline.context import Run
from post2pod.pipeline.identity import Slot
from post2pod.pipeline.log import LOG
from post2pod.pipeline.plan import Work

SYNTH_GROUP = 12  # segments per synthesis group (see synthesis_groups)


@dataclass(frozen=True)
class Task:
    """A planned post on its way to an episode: its clips as they are synthesised, and the cover its
    MP3 embeds (a file name in the out folder)."""

    item: Work
    clips: synth.PendingClips
    cover: str

    @property
    def segments(self) -> int:
        return len(self.clips.clips) + len(self.clips.futures)


@dataclass(frozen=True)
class Built:
    """A new version of an episode, written: where it went, and its audio."""

    slot: Slot
    audio: EpisodeAudio


@contextmanager
def synthesis(run: Run) -> Iterator[tuple[synth.ClipCache, synth.Synthesizer]]:
    """The clip cache and the synthesiser's workers for one run's building."""
    config, options = run.config, run.options
    cache = synth.ClipCache(config.clip_cache_dir, config.cache_max_mb * 1024 * 1024)
    try:
        try:
            with synth.Synthesizer(
                cache,
                workers=config.workers,
                engine=options.engine,
                use_cuda=options.use_cuda,
                executor=config.run.target,
                cluster_timeout_s=config.run.cluster_timeout_s,
                warn=LOG.warning,
                pool=options.pool,
            ) as synthesizer:
                yield cache, synthesizer
        finally:
            options.progress.finish()
    finally:
        cache.close()


def submit(synthesizer: synth.Synthesizer, work: Sequence[Work]) -> list[synth.PendingClips]:
    """Every planned post's clips to the workers at once, each post's in reading order."""
    return [synthesizer.submit(item.jobs, synthesis_groups(item.script)) for item in work]


def build(run: Run, task: Task, where: Slot) -> Built:
    """Assemble a post's clips, as they arrive, into its episode's audio, transcript and chapters."""
    config, post, podcast = run.config, task.item.post, run.podcast
    tags = assemble.EpisodeTags(
        title=post.title,
        artist=post.author or podcast.author,
        album=podcast.title,
        date=post.published.date().isoformat() if post.date_known else "",
        comment=post.url,
        cover=config.out / task.cover,
    )
    # a generator: closing it cancels the clips still pending when assembly fails
    ready = cast("Generator[tuple[str, Clip], None, None]", task.clips.as_ready(run.options.progress.advance))
    with closing(ready):
        audio = run.options.assemble(
            task.item.script,
            ready,
            [job.key for job in task.item.jobs],
            config.out / where.audio,
            tags,
            config.audio,
            store_dir=config.workspace.parts / where.slug,
            work_dir=config.workspace.scratch,
        )
    return Built(where, audio)


def synthesis_groups(script: Script) -> list[int]:
    """The group of each segment, in reading order: a new one at every section and every
    SYNTH_GROUP segments. Workers take the groups in order (assembly encodes the start of the
    episode while the rest is synthesised) and the longest text first within one (an even finish)."""
    groups: list[int] = []
    group = -1
    for section in script.sections:
        for position, _segment in enumerate(section.segments):
            if position % SYNTH_GROUP == 0:
                group += 1
            groups.append(group)
    return groups
