"""The podcast's channel: its details from the config, then from what the source feed says."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from urllib.parse import urlsplit

from post2pod import narrate, publish
from post2pod.config import Config
from post2pod.models import FeedInfo, Podcast, Post
from post2pod.pipeline.identity import with_identity
from post2pod.store import Store

DEFAULT_BASE_URL = "http://localhost:8000/"


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
