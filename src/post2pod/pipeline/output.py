"""The published folder and the state's housekeeping: writing the feed from the store, deleting what
is no longer listed, and clearing what a killed run left behind."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Sequence
from pathlib import Path

from post2pod import publish
from post2pod.config import Config
from post2pod.errors import ConfigError, PublishError
from post2pod.models import Episode, Podcast
from post2pod.pipeline.adopt import claim
from post2pod.store import Store
from post2pod.workspace import FEED_FILE, OWNER_FILE, is_temporary

# the published files whose temporaries a killed run may leave at the top of the output folder
_OWN_FILES = (FEED_FILE, "feed.xsl", "index.html", "cover.png", "cover.jpg", OWNER_FILE)
_PART_NAME = re.compile(r"^\.?[0-9a-f]{32}\.(mp3|json)(\.[\w.-]*)?$")  # assembly's part files


def publish_from_store(config: Config, store: Store, podcast: Podcast, cover: str | None = None) -> None:
    """Write the feed and pages from the store, then delete files no longer listed (an episode's
    audio, companions and pages: `episode_files`)."""
    episodes = store.episodes()
    if config.podcast.max_episodes and len(episodes) > config.podcast.max_episodes:
        with store.transaction():
            for old in episodes[config.podcast.max_episodes :]:
                store.delete_episode(old.guid)
                for name in episode_files(old):
                    store.schedule_deletion(name)
        episodes = episodes[: config.podcast.max_episodes]
    claim(config.out, store)
    cover = cover or ensure_cover(podcast, config.out)
    publish.write_feed(podcast, episodes, config.out, cover)
    publish.write_index(podcast, episodes, config.out, cover)
    _forget_parts(config, episodes)
    listed = {name for episode in episodes for name in episode_files(episode)}
    with store.transaction():
        for name in store.pending_deletions():
            if name not in listed:
                (config.out / name).unlink(missing_ok=True)
            store.clear_deletion(name)


def ensure_cover(podcast: Podcast, out: Path) -> str:
    """The cover's file name in `out`; a configured image that cannot be used is a config error."""
    try:
        return publish.ensure_cover(podcast, out)
    except PublishError as exc:
        if podcast.image:
            raise ConfigError(str(exc)) from None
        raise


def prepare_output(config: Config, store: Store) -> None:
    """Create the output folder; remove temporary files and files of runs killed before their commit."""
    episodes_dir = config.workspace.episodes
    try:
        episodes_dir.mkdir(parents=True, exist_ok=True)
        probe = config.out / f".post2pod-write-test-{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise PublishError(
            f"cannot write to output folder {config.out}: {exc.strerror}; check permissions or use --out"
        ) from None
    claim(config.out, store)
    listed = {name for episode in store.episodes() for name in episode_files(episode)}
    for path in episodes_dir.iterdir():
        if path.is_file() and is_temporary(path.name):
            path.unlink(missing_ok=True)
    for path in config.out.iterdir():  # the feed's, page's, cover's and marker's temporary files
        if is_temporary(path.name, of=_OWN_FILES) and path.is_file() and not path.is_symlink():
            path.unlink(missing_ok=True)
    # files a killed run was writing but never committed; never anything we did not write ourselves
    with store.transaction():
        for name in store.pending_writes():
            if name not in listed:
                (config.out / name).unlink(missing_ok=True)
        store.end_writes(store.pending_writes())


def _forget_parts(config: Config, episodes: Sequence[Episode]) -> None:
    """Drop the stored parts of episodes that are no longer published."""
    root = config.workspace.parts
    if not root.is_dir():
        return
    slugs = {episode.slug for episode in episodes}
    for folder in root.iterdir():
        if folder.name not in slugs and _holds_only_parts(folder):
            shutil.rmtree(folder, ignore_errors=True)


def _holds_only_parts(folder: Path) -> bool:
    """A real folder holding nothing but files named as assembly names parts: provably ours."""
    if not folder.is_dir() or folder.is_symlink():
        return False
    return all(
        entry.is_file() and not entry.is_symlink() and _PART_NAME.match(entry.name)
        for entry in folder.iterdir()
    )


def files_intact(config: Config, episode: Episode) -> bool:
    """The episode's audio exists with the size the feed announces (a cheap stat, no decoding), and
    its transcript and chapters files exist."""
    audio = config.out / episode.audio_file
    if not audio.is_file() or audio.stat().st_size != episode.bytes:
        return False
    companions = (episode.transcript_file, episode.chapters_file)
    return all((config.out / name).is_file() for name in companions if name)


def episode_files(episode: Episode) -> list[str]:
    """The episode's files (audio, transcript, chapters, its web pages), relative to the output folder.

    The pages (episodes/<slug>.html and .embed.html) keep their name across versions, so a new version
    lists them too and the old version's scheduled deletion leaves them in place."""
    files = [name for name in (episode.audio_file, episode.transcript_file, episode.chapters_file) if name]
    return files + publish.page_files(episode)


def relative_name(root: Path, path: Path | None) -> str | None:
    """A file's name relative to `root` as the store records it (None stays None)."""
    return path.relative_to(root).as_posix() if path else None
