"""Podcast and episode metadata: the channel's details, an episode's description, hash and slug."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import replace
from urllib.parse import urlsplit

from post2pod import narrate, publish
from post2pod.config import Config
from post2pod.models import KIND_BODY, KIND_LIST_ITEM, KIND_QUOTE, FeedInfo, Podcast, Post, Script
from post2pod.publish.feed import podcast_guid
from post2pod.publish.notes import notes_text, show_notes
from post2pod.store import Store

SLUG_MAX = 60
DESCRIPTION_MAX = 600
DEFAULT_BASE_URL = "http://localhost:8000/"
GENERIC_PAGE_NAMES = {"index", "default", "post", "article", "entry"}


def build_podcast(config: Config, info: FeedInfo, posts: Sequence[Post] = ()) -> Podcast:
    """Channel metadata: config first, then what the source feed says."""
    settings = config.podcast
    base_url = _base_url(config)
    title = settings.title or info.title or "Untitled podcast"
    author = settings.author or with_author(info, posts).author
    fallback = "" if author else blog_name(info, settings.title)
    author = author or fallback
    language = settings.language or info.language or "en"
    return Podcast(
        title=title,
        description=settings.description or info.description or f"{title}, read aloud.",
        link=settings.link or info.link or base_url,
        feed_url=publish.feed_url(base_url),
        base_url=base_url,
        language=language,
        author=author,
        owner_name=settings.owner or author,
        owner_email=settings.email or info.author_email,
        image=settings.image,
        category=settings.category,
        subcategory=settings.subcategory,
        explicit=settings.explicit,
        podcast_type=settings.type,
        copyright=settings.copyright,
        locked=settings.locked,
        author_fallback=bool(fallback),
        disclosure=narrate.disclosure_text(config.narration, language),
    )


def blog_name(info: FeedInfo, configured_title: str = "") -> str:
    """Who to credit when nobody is named: the blog's title, else its site's host name."""
    for candidate in (info.title, configured_title):
        if candidate.strip():
            return candidate.strip()
    host = urlsplit(info.link).hostname or ""
    return host.removeprefix("www.")


def with_author(info: FeedInfo, posts: Sequence[Post]) -> FeedInfo:
    """A blog without a feed-level author is written by its posts' author."""
    if info.author:
        return info
    return replace(info, author=next((p.author for p in posts if p.author), ""))


def podcast_from_store(config: Config, store: Store) -> Podcast:
    """Channel metadata without fetching: the blog's details as the last sync saw them."""
    info = store.feed_info(config.feed) if config.feed else None
    podcast = build_podcast(config, info or FeedInfo(title=config.podcast.title, link=config.podcast.link))
    return with_identity(podcast, store)


def with_identity(podcast: Podcast, store: Store) -> Podcast:
    """The podcast as it was first published: its `podcast:guid` stays when `base_url` changes (a new
    guid would be a new podcast to the directories), and a moved feed names the address it left."""
    first_url = store.get_meta("first_feed_url") or podcast.feed_url
    guid = store.get_meta("podcast_guid") or podcast_guid(first_url)
    moved_from = first_url if first_url != podcast.feed_url else ""
    return replace(podcast, guid=guid, moved_from=moved_from)


def remember_identity(store: Store, podcast: Podcast) -> None:
    """Fix the podcast's guid and first feed URL at its first publish."""
    with store.transaction():
        if store.get_meta("podcast_guid") is None:
            store.set_meta("podcast_guid", podcast.guid or podcast_guid(podcast.feed_url))
        if store.get_meta("first_feed_url") is None:
            store.set_meta("first_feed_url", podcast.feed_url)


def default_address_warning(config: Config) -> str | None:
    """A warning when no `base_url` is set: the feed then points at localhost, which no listener's
    app (on another machine) can reach."""
    if config.base_url:
        return None
    return (
        f"no base_url set, so the feed's links point at {DEFAULT_BASE_URL}, which podcast apps on other "
        "machines cannot reach; set base_url (or --base-url) to the public address of the published folder"
    )


def _base_url(config: Config) -> str:
    base = config.base_url or DEFAULT_BASE_URL
    return base if base.endswith("/") else base + "/"


def script_hash(script: Script) -> str:
    """Content hash of what would be spoken (edit detection ignores markup-only changes)."""
    digest = hashlib.sha256()
    for section in script.sections:
        digest.update(f"§{section.title}\n".encode())
        for segment in section.segments:
            digest.update(f"{segment.kind}\t{segment.text}\n".encode())
    return digest.hexdigest()


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


def show_notes_of(post: Post, script: Script) -> tuple[str, str]:
    """An episode's show notes (the post's own opening, sanitised HTML; "" when it has none) and its
    plain-text description: the notes' text, else the opening of what is spoken; then the AI
    disclosure."""
    notes = show_notes(post.html, post.url)
    text = notes_text(notes)
    if not text:
        return notes, describe(script)
    return notes, f"{text}\n\n{script.disclosure}" if script.disclosure else text


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


def hash_parts(*parts: str) -> str:
    """SHA-256 hex digest of the strings joined by NUL (source hashes, the fetch-state key)."""
    return hashlib.sha256("\x00".join(parts).encode("utf-8", "replace")).hexdigest()
