"""Names that must not change: the podcast's guid, an episode's slug and file names, and the hashes that
say whether a post, a page or a feed's settings changed since the last run."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, replace
from urllib.parse import urlsplit

from post2pod.config import Config
from post2pod.models import Episode, Podcast, Post, Script
from post2pod.publish.names import page_files
from post2pod.publish.published import podcast_guid
from post2pod.store import Store
from post2pod.workspace import EPISODES_DIR

SLUG_MAX = 60
GENERIC_PAGE_NAMES = {"index", "default", "post", "article", "entry"}


def with_identity(podcast: Podcast, store: Store) -> Podcast:
    """The podcast as it was first published: its `podcast:guid` stays when `base_url` changes (a new
    guid would be a new podcast to the directories), and a moved feed names the address it left."""
    first_url = store.get_meta("first_feed_url") or podcast.feed_url
    guid = store.get_meta("podcast_guid") or podcast_guid(first_url)
    moved_from = first_url if first_url != podcast.feed_url else ""
    return replace(podcast, guid=guid, moved_from=moved_from)


def slugify(text: str) -> str:
    """A safe file-name stem: lowercase ASCII letters, digits and single hyphens."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:SLUG_MAX].rstrip("-") or "episode"


def unique_slug(store: Store, post: Post) -> str:
    """A new episode's slug: the last meaningful part of the post's address (else its title), unused."""
    parts = [re.sub(r"\.(html?|php|aspx?)$", "", p) for p in urlsplit(post.url).path.split("/") if p]
    parts = [p for p in parts if p.lower() not in GENERIC_PAGE_NAMES]
    stem = parts[-1] if parts else ""
    base = slugify(stem if len(stem) > 3 else post.title)
    slug, number = base, 2
    while store.slug_taken(slug, post.guid):
        slug = f"{base}-{number}"
        number += 1
    return slug


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


def slot(store: Store, post: Post, previous: Episode | None) -> Slot:
    """The next version of the post's episode (a new slug for a new post)."""
    if previous:
        return Slot(previous.slug, previous.version + 1)
    return Slot(unique_slug(store, post), 1)


def episode_files(episode: Episode) -> list[str]:
    """The episode's files (audio, transcript, chapters, its web pages), relative to the output folder.

    The pages (episodes/<slug>.html and .embed.html) keep their name across versions, so a new version
    lists them too and the old version's scheduled deletion leaves them in place."""
    files = [name for name in (episode.audio_file, episode.transcript_file, episode.chapters_file) if name]
    return files + page_files(episode)


def listed_files(episodes: Iterable[Episode]) -> set[str]:
    """Every file of the `episodes` (`episode_files`): what the feed and pages list."""
    return {name for episode in episodes for name in episode_files(episode)}


def hash_parts(*parts: str) -> str:
    """SHA-256 hex digest of the strings joined by NUL (source hashes, the fetch-state key)."""
    return hashlib.sha256("\x00".join(parts).encode("utf-8", "replace")).hexdigest()


def script_hash(script: Script) -> str:
    """Content hash of what would be spoken (edit detection ignores markup-only changes)."""
    digest = hashlib.sha256()
    for section in script.sections:
        digest.update(f"§{section.title}\n".encode())
        for segment in section.segments:
            digest.update(f"{segment.kind}\t{segment.text}\n".encode())
    return digest.hexdigest()


def body_hash(body: str) -> str:
    """What a page's post says, as a hash: its article's HTML, spaces folded."""
    return hash_parts(" ".join(body.split()))


def fetch_key(config: Config, feed: str) -> str:
    """Conditional-GET state of one source feed is only valid for the settings it was saved under: a
    304 says the feed is unchanged, not that a larger --limit, another voice or new narration settings
    have nothing to do."""
    settings = repr(
        (
            config.limit,
            config.voice,
            config.narration,
            config.audio,
            config.on_edit,
            config.podcast.max_episodes,
            *((config.podcast.episode_title,) if config.podcast.episode_title != "{title}" else ()),
        )
    )
    return f"{feed}#{hash_parts(settings)[:16]}"
