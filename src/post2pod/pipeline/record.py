"""`record`: every write a run makes to the store, each one transaction: what planning learned, an
episode's new version, removals, adoption, housekeeping; and the `Episode` record of a built post."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from post2pod.models import KIND_BODY, KIND_LIST_ITEM, KIND_QUOTE, Episode, Post, Script
from post2pod.pipeline.context import Run
from post2pod.pipeline.identity import Slot, episode_files, fetch_key
from post2pod.publish.notes import notes_text, show_notes
from post2pod.publish.published import podcast_guid
from post2pod.store import Store

if TYPE_CHECKING:
    from post2pod.pipeline.build import Built
    from post2pod.pipeline.merge import FeedRead
    from post2pod.pipeline.plan import Plan, Work

DESCRIPTION_MAX = 600
PUBLISHED = "published"  # store meta: what the feed and pages were last written from


def remember(run: Run) -> None:
    """This run's source feed and public URL, for the runs that do not give them."""
    with run.store.transaction():
        for key, value in (("feed", run.config.feed), ("base_url", run.config.base_url)):
            if value:
                run.store.set_meta(key, value)


def plan(run: Run, todo: Plan, fetched: Sequence[FeedRead] = ()) -> None:
    """Before building: the feed and URL, the metadata of the feeds fetched anew, the pages read, the
    posts found unnarratable (those narrated are so no more), and what the plan learned about the
    episodes it leaves as they are."""
    store = run.store
    remember(run)
    with store.transaction():
        for read in fetched:
            store.save_feed_info(read.feed, read.info)
        for page in todo.pages:  # even when a build then fails: the page's hash is then new to its episode
            store.save_page_state(page)
    with store.transaction():
        for failure in todo.unnarratable:
            store.save_narration_failure(failure.guid, failure.source_key, failure.message)
        for item in todo.work:
            store.clear_narration_failure(item.post.guid)
        for learned in todo.learned:
            if learned.adopted is not None:
                post, script = learned.adopted.post, learned.adopted.script
                notes, description = show_notes_of(post, script)
                store.set_hashes(
                    learned.guid,
                    learned.adopted.content_hash,
                    learned.source_hash,
                    description,
                    notes,
                    post.image_url,
                    from_summary=learned.from_summary,
                )
            else:
                store.set_source_hash(learned.guid, learned.source_hash, learned.from_summary)


def identity(run: Run) -> None:
    """Fix the podcast's guid and first feed URL at its first publish."""
    store, podcast = run.store, run.podcast
    with store.transaction():
        if store.get_meta("podcast_guid") is None:
            store.set_meta("podcast_guid", podcast.guid or podcast_guid(podcast.feed_url))
        if store.get_meta("first_feed_url") is None:
            store.set_meta("first_feed_url", podcast.feed_url)


def writing(run: Run, where: Slot) -> None:
    """The files of a version about to be written: a killed run's leftovers are exactly these."""
    run.store.begin_writes(where.names)


def episode(run: Run, item: Work, built: Built) -> Episode:
    """Commit a post's new version in one transaction; the files it replaces are scheduled for deletion."""
    where, audio = built.slot, built.audio
    post, out = item.post, run.config.out
    notes, description = show_notes_of(post, item.script)
    new = Episode(
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
        author=post.author or run.podcast.author,
        transcript_file=_relative(out, audio.transcript_path),
        chapters_file=_relative(out, audio.chapters_path),
        chapters=audio.chapters,
        date_known=post.date_known,
        notes_html=notes,
        image_url=post.image_url,
    )
    store = run.store
    with store.transaction():
        store.save_episode(new, item.source_hash, item.from_summary)
        store.end_writes(where.names)
        store.unmark_removed(post.guid)
        if item.previous:
            for name in episode_files(item.previous):
                store.schedule_deletion(name)
    return new


def fetch_state(run: Run, read: Sequence[FeedRead]) -> None:
    """After a run that went well: each source feed's validators, for the next conditional GET."""
    with run.store.transaction():
        for feed in read:
            result = feed.result
            key = fetch_key(run.config, feed.feed)
            run.store.save_fetch_state(key, result.etag, result.last_modified, result.body_hash)


def removal(run: Run, removed: Episode) -> None:
    """An episode the author took out: never published again by sync; its files go once unlisted."""
    store = run.store
    with store.transaction():
        store.delete_episode(removed.guid)
        store.mark_removed(removed.guid)
        for name in episode_files(removed):
            store.schedule_deletion(name)


def retired(run: Run, episodes: Sequence[Episode]) -> None:
    """Episodes the rolling window (`[podcast] max_episodes`) drops; their files go once unlisted."""
    store = run.store
    with store.transaction():
        for old in episodes:
            store.delete_episode(old.guid)
            for name in episode_files(old):
                store.schedule_deletion(name)


def deleted(run: Run, names: Sequence[str]) -> None:
    """Scheduled deletions done (or moot: the file is listed again)."""
    with run.store.transaction():
        for name in names:
            run.store.clear_deletion(name)


def written(run: Run, names: Sequence[str]) -> None:
    """Files a killed run was writing, dealt with."""
    run.store.end_writes(list(names))


def adoption(store: Store, episodes: Sequence[Episode], meta: Mapping[str, str]) -> None:
    """A published feed's episodes recorded in an empty store (`adopt`), with what it says about the
    podcast (its address, the out folder's owner, the source feed: those given)."""
    with store.transaction():
        for adopted in episodes:
            store.save_episode(adopted, "")
        for key, value in meta.items():
            if value:
                store.set_meta(key, value)


def published(run: Run, stamp: str) -> None:
    """What the feed and pages were last written from (`publish._stamp`)."""
    run.store.set_meta(PUBLISHED, stamp)


def owner(store: Store, owner_id: str) -> None:
    """The id that marks the out folder as this state folder's."""
    store.set_meta("owner", owner_id)


def show_notes_of(post: Post, script: Script) -> tuple[str, str]:
    """An episode's show notes (the post's own opening, sanitised HTML; "" when it has none) and its
    plain-text description: the notes' text, else the opening of what is spoken; then the AI
    disclosure."""
    notes = show_notes(post.html, post.url)
    text = notes_text(notes)
    if not text:
        return notes, describe(script)
    return notes, f"{text}\n\n{script.disclosure}" if script.disclosure else text


def describe(script: Script) -> str:
    """Episode description: the opening sentences of the post, then the AI disclosure."""
    text = ""
    for segment in script.segments:
        if segment.kind not in (KIND_BODY, KIND_LIST_ITEM, KIND_QUOTE):
            continue
        if text and len(text) + len(segment.text) > DESCRIPTION_MAX:
            break
        text = f"{text} {segment.text}".strip()
    text = text[:DESCRIPTION_MAX] or script.title
    return f"{text}\n\n{script.disclosure}" if script.disclosure else text


def _relative(root: Path, path: Path | None) -> str | None:
    """A file's name relative to `root` as the store records it (None stays None)."""
    return path.relative_to(root).as_posix() if path else None
