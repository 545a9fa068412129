"""`publish`: the published folder from the store (feed, pages, cover), then its housekeeping: deleting
what is no longer listed, clearing what a killed run left behind, and the folder's owner marker."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import uuid
from collections.abc import Sequence
from pathlib import Path

from post2pod import __version__
from post2pod import publish as publishing
from post2pod.config import Config
from post2pod.errors import ConfigError, PublishError, StoreError
from post2pod.models import Episode
from post2pod.pipeline import record
from post2pod.pipeline.context import Run
from post2pod.pipeline.identity import listed_files
from post2pod.publish.names import COVER_NAMES, INDEX_FILE, STYLESHEET_FILE
from post2pod.publish.published import published_guids
from post2pod.store import Store
from post2pod.workspace import FEED_FILE, OWNER_FILE, is_temporary, write_atomic

# the published files whose temporaries a killed run may leave at the top of the output folder
_OWN_FILES = (FEED_FILE, "feed.xsl", "index.html", "cover.png", "cover.jpg", OWNER_FILE)
_PART_NAME = re.compile(r"^\.?[0-9a-f]{32}\.(mp3|json)(\.[\w.-]*)?$")  # assembly's part files


def publish(run: Run, cover: str | None = None) -> None:
    """Write the feed and pages from the store, then delete files no longer listed (an episode's
    audio, companions and pages: `episode_files`).

    The feed and pages are left alone, unrendered, when what they are made from (`_inputs`) and every
    published file are as the last publish left them.
    """
    config, store = run.config, run.store
    episodes = store.episodes()
    if config.podcast.max_episodes and len(episodes) > config.podcast.max_episodes:
        record.retired(run, episodes[config.podcast.max_episodes :])
        episodes = episodes[: config.podcast.max_episodes]
    claim(config.out, store)
    inputs = _inputs(run, episodes)
    if store.get_meta(record.PUBLISHED) != _stamp(inputs, config.out, episodes):
        cover = cover or ensure_cover(run)
        publishing.write_feed(run.podcast, episodes, config.out, cover)
        publishing.write_index(run.podcast, episodes, config.out, cover)
        record.published(run, _stamp(inputs, config.out, episodes))
    _forget_parts(config, episodes)
    listed = listed_files(episodes)
    deleted = store.pending_deletions()
    for name in deleted:
        if name not in listed:
            (config.out / name).unlink(missing_ok=True)
    record.deleted(run, deleted)


def _inputs(run: Run, episodes: Sequence[Episode]) -> str:
    """What the feed and pages are made from: the podcast, its episodes, a configured cover image,
    the output folder, and this version of the publishing code and templates."""
    image = Path(run.podcast.image).expanduser() if run.podcast.image else None
    made_from = [
        __version__,
        repr(run.podcast),
        repr(list(episodes)),
        str(run.config.out),
        *(_file_stamp(path) for path in ([image] if image else [])),
        *(_file_stamp(path) for path in _publishing_code()),
    ]
    return hashlib.sha256("\x00".join(made_from).encode("utf-8", "replace")).hexdigest()


def _publishing_code() -> list[Path]:
    """The publish package's modules and templates (its bytecode caches left out)."""
    package = Path(publishing.__file__).parent
    return sorted(path for path in package.rglob("*.*") if "__pycache__" not in path.parts)


def _stamp(inputs: str, out: Path, episodes: Sequence[Episode]) -> str:
    """`inputs` with the size and time of every published file: a file deleted or edited by hand since
    the last publish makes the next one write the feed and pages again."""
    names = [FEED_FILE, STYLESHEET_FILE, INDEX_FILE, *COVER_NAMES, *sorted(listed_files(episodes))]
    files = "\x00".join(_file_stamp(out / name) for name in names)
    return f"{inputs} {hashlib.sha256(files.encode('utf-8', 'replace')).hexdigest()}"


def _file_stamp(path: Path) -> str:
    try:
        stat = path.stat()
    except OSError:
        return f"{path.name}:-"
    return f"{path.name}:{stat.st_size}:{stat.st_mtime_ns}"


def ensure_cover(run: Run) -> str:
    """The cover's file name in the out folder; a configured image that cannot be used is a config error."""
    try:
        return publishing.ensure_cover(run.podcast, run.config.out)
    except PublishError as exc:
        if run.podcast.image:
            raise ConfigError(str(exc)) from None
        raise


def prepare_output(run: Run) -> None:
    """Create the output folder; remove temporary files and files of runs killed before their commit."""
    config, store = run.config, run.store
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
    listed = listed_files(store.episodes())
    for path in episodes_dir.iterdir():
        if path.is_file() and is_temporary(path.name):
            path.unlink(missing_ok=True)
    for path in config.out.iterdir():  # the feed's, page's, cover's and marker's temporary files
        if is_temporary(path.name, of=_OWN_FILES) and path.is_file() and not path.is_symlink():
            path.unlink(missing_ok=True)
    # files a killed run was writing but never committed; never anything we did not write ourselves
    written = store.pending_writes()
    for name in written:
        if name not in listed:
            (config.out / name).unlink(missing_ok=True)
    record.written(run, written)


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


# --- who publishes to the out folder ----------------------------------------------------------


def check_store_matches_feed(out: Path, store: Store) -> None:
    """Refuse to run when the out folder belongs to another state folder, or when the published feed
    lists episodes the store does not know.

    A second state folder, or a lost, emptied or swapped state database, would otherwise overwrite
    episodes or drop them from the next feed.
    """
    owner = read_owner(out)
    if owner is not None and owner != store.get_meta("owner"):
        raise StoreError(
            f"{out} is published from another state folder than {store.path.parent} (see {OWNER_FILE} "
            "in it); nothing was changed: give that folder's --state, use another --out, or if that "
            "state folder is lost run `post2pod adopt` with this --out and --state"
        )
    guids = published_guids(out)
    if not guids:
        return
    known = {episode.guid for episode in store.episodes()} | set(store.removed_guids())
    unknown = [guid for guid in guids if guid not in known]
    if unknown:
        raise StoreError(
            f"{out / FEED_FILE} lists {len(unknown)} episode(s) that the state database {store.path} does "
            "not know (lost, emptied or another state folder?); nothing was changed: restore the state "
            "folder from a backup, or run `post2pod adopt` with the same --out and --state to rebuild it "
            "from the published feed"
        )


def read_owner(out: Path) -> str | None:
    """The owner id in the out folder's marker; None when there is none (a new or older folder)."""
    try:
        text = (out / OWNER_FILE).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    return text.strip().rsplit(" ", 1)[-1] or None


def claim(out: Path, store: Store) -> None:
    """Mark the out folder as this state's (once): a second state folder is then refused."""
    if read_owner(out) is not None:
        return
    owner = store.get_meta("owner")
    if owner is None:
        owner = uuid.uuid4().hex
        record.owner(store, owner)
    write_atomic(out / OWNER_FILE, f"post2pod owner {owner}\n", durable=False)
