"""Getting a post's text: from the source feed, the post's own page, an HTML file or a URL."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from post2pod import fetch, narrate
from post2pod.config import Config
from post2pod.errors import FetchError, UsageError
from post2pod.models import Episode, Post, Script
from post2pod.pipeline.podcast import hash_parts, slugify

Log = Callable[[str], None]


def quiet(_message: str) -> None:
    """A log that drops every message (the default for `Options.log` and `Options.warn`)."""


def load_post_script(source: str, post_ref: str | None, config: Config) -> Script:
    """What will be spoken for one post: SOURCE is an HTML file, a post URL, or a feed with `post_ref`."""
    post, podcast_title = load_post(source, post_ref, config)
    return narrate.narrate(post, config.narration, podcast_title=podcast_title)


def explain_post_script(source: str, post_ref: str | None, config: Config) -> narrate.Explanation:
    """`load_post_script`'s Script with, for each segment, the rules that rewrote its text."""
    post, podcast_title = load_post(source, post_ref, config)
    return narrate.explain(post, config.narration, podcast_title=podcast_title)


def load_post(source: str, post_ref: str | None, config: Config) -> tuple[Post, str]:
    """One post, whole, and its feed's title ("" for a page): SOURCE is an HTML file, a post URL, or
    a feed with `post_ref` (default: its newest post)."""
    http = http_settings(config)
    if post_ref is not None or _looks_like_feed(source):
        result = fetch.fetch_feed(source, settings=http)
        post = (
            find_post(result.posts, post_ref, None)
            if post_ref
            else (result.posts[0] if result.posts else None)
        )
        if post is None:
            raise UsageError(f"no post {post_ref!r} in {source}; give its URL, guid or slug")
        post, _complete = with_full_text(post, config, settings=page_settings(http, result))
        return post, result.info.title
    html = (
        fetch.fetch_page(source, settings=http, trusted=True) if fetch.is_url(source) else _read_html(source)
    )
    title, body = narrate.extract_article(html)
    published, author = narrate.page_metadata(html)
    post = Post(
        guid=source,
        url=source if fetch.is_url(source) else "",
        title=title or Path(source).stem,
        published=published or datetime.now(UTC),
        html=body,
        author=author,
    )
    return post, ""


def with_full_text(
    post: Post, config: Config, warn: Log = quiet, settings: fetch.HttpSettings | None = None
) -> tuple[Post, bool]:
    """The post with its full HTML, from the post's page when the feed only has a summary.

    The flag is False when the page could not be read and the summary stands in for the post.
    `settings` (default: the config's) say which internal addresses the page may live on.
    """
    if fetch.has_full_text(post) or not fetch.is_url(post.url):
        return post, True
    settings = settings or http_settings(config)
    try:
        _title, body = narrate.extract_article(fetch.fetch_page(post.url, settings=settings))
    except FetchError as exc:
        warn(f"reading the summary of {post.title!r} from the feed for now: {exc}")
        return replace(post, excerpt=True), False
    return (replace(post, html=body), True) if body.strip() else (replace(post, excerpt=True), False)


def post_from_page(episode: Episode, settings: fetch.HttpSettings) -> Post | None:
    """A published episode's post read again from its page (None when it has no web address)."""
    if not fetch.is_url(episode.link):
        return None
    title, body = narrate.extract_article(fetch.fetch_page(episode.link, settings=settings))
    return Post(
        guid=episode.guid,
        url=episode.link,
        title=episode.title or title,
        published=episode.published,
        html=body,
        author=episode.author,
    )


def find_post(posts: Sequence[Post], reference: str | None, stored: Episode | None) -> Post | None:
    """The post that `reference` (a URL, guid or slug) or the `stored` episode names, if any."""
    if reference is None:
        return None
    wanted = {reference, reference.rstrip("/")}
    if stored is not None:
        wanted.add(stored.guid)
    for post in posts:
        if wanted & {post.guid, post.url, post.url.rstrip("/"), slugify(post.title)}:
            return post
    slug = reference.strip("/").rsplit("/", 1)[-1]
    return next((p for p in posts if urlsplit(p.url).path.rstrip("/").endswith("/" + slug)), None)


def http_settings(config: Config) -> fetch.HttpSettings:
    """The fetch stage's HTTP settings from the config's [fetch] table, for a run starting now:
    all its fetching ends within [fetch] budget_s."""
    settings = config.fetch
    return fetch.HttpSettings(
        deadline=time.monotonic() + settings.budget_s,
        timeout_s=settings.timeout_s,
        retries=settings.retries,
        backoff_s=settings.backoff_s,
        max_bytes=settings.max_mb * 1_000_000,
        allow_private=settings.allow_private,
    )


def page_settings(settings: fetch.HttpSettings, *feeds: fetch.FeedResult) -> fetch.HttpSettings:
    """Settings for the pages of the `feeds`' posts: the internal addresses the feeds came from (a blog
    on the LAN) are allowed for them, no other."""
    return replace(settings, allowed_addresses=frozenset().union(*(feed.addresses for feed in feeds)))


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


def _looks_like_feed(source: str) -> bool:
    if fetch.is_url(source):
        return source.rstrip("/").endswith((".xml", ".rss", ".atom", "/feed", "/rss"))
    return Path(source).suffix.lower() in (".xml", ".rss", ".atom")


def _read_html(source: str) -> str:
    return fetch.read_page_file(source, fetch.HttpSettings().max_bytes)
