"""`build` and `record`: one planned post becomes an episode's audio (encoded while its clips are
synthesised), then one store transaction makes it the published version."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime

from post2pod import assemble as assembly
from post2pod import synth
from post2pod.config import Config
from post2pod.models import Episode, EpisodeAudio, Podcast, Script
from post2pod.pipeline.output import episode_files, relative_name
from post2pod.pipeline.plan import Work
from post2pod.pipeline.podcast import show_notes_of, unique_slug
from post2pod.store import Store
from post2pod.workspace import EPISODES_DIR

SYNTH_GROUP = 12  # segments per synthesis group (see synthesis_groups)


@dataclass(frozen=True)
class Slot:
    """Where a new version of an episode goes: its slug, version and file names (output-relative)."""

    slug: str
    version: int

    @property
    def audio(self) -> str:
        return f"{EPISODES_DIR}/{self.slug}-v{self.version}.mp3"

    @property
    def names(self) -> list[str]:
        stem = self.audio.removesuffix(".mp3")
        return [self.audio, stem + ".vtt", stem + ".chapters.json"]


def slot(store: Store, item: Work) -> Slot:
    """The next version of the post's episode (a new slug for a new post)."""
    if item.previous:
        return Slot(item.previous.slug, item.previous.version + 1)
    return Slot(unique_slug(store, item.post), 1)


def build(
    config: Config,
    podcast: Podcast,
    item: Work,
    where: Slot,
    clips: synth.PendingClips,
    cover: str,
    advance: Callable[[int], None],
) -> EpisodeAudio:
    """Assemble a post's clips, as they arrive, into its episode's audio, transcript and chapters."""
    post = item.post
    tags = assembly.EpisodeTags(
        title=post.title,
        artist=post.author or podcast.author,
        album=podcast.title,
        date=post.published.date().isoformat() if post.date_known else "",
        comment=post.url,
        cover=config.out / cover,
    )
    with closing(clips.as_ready(advance)) as ready:
        return assembly.assemble(
            item.script,
            ready,
            [job.key for job in item.jobs],
            config.out / where.audio,
            tags,
            config.audio,
            store_dir=config.workspace.parts / where.slug,
            work_dir=config.workspace.scratch,
        )


def record(
    config: Config, store: Store, podcast: Podcast, item: Work, where: Slot, audio: EpisodeAudio
) -> Episode:
    """Commit the new version in one transaction; the files it replaces are scheduled for deletion."""
    post = item.post
    notes, description = show_notes_of(post, item.script)
    episode = Episode(
        guid=post.guid,
        slug=where.slug,
        version=where.version,
        title=post.title,
        link=post.url,
        published=post.published,
        description=description,
        audio_file=where.audio,
        bytes=audio.bytes,
        duration_ms=audio.duration_ms,
        content_hash=item.content_hash,
        updated_at=datetime.now(UTC).replace(microsecond=0),
        author=post.author or podcast.author,
        transcript_file=relative_name(config.out, audio.transcript_path),
        chapters_file=relative_name(config.out, audio.chapters_path),
        chapters=audio.chapters,
        date_known=post.date_known,
        notes_html=notes,
        image_url=post.image_url,
    )
    with store.transaction():
        store.save_episode(episode, item.source_hash)
        store.end_writes(where.names)
        store.unmark_removed(post.guid)
        if item.previous:
            for name in episode_files(item.previous):
                store.schedule_deletion(name)
    return episode


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
