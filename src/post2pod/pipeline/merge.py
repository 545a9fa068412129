"""A podcast's source feeds as one list of posts: each feed fetched on its own (one that is down fails
alone while another answers), their posts merged with guids that are unique and never change, and
titles naming their blog when `[podcast] episode_title` asks.

Guids: a post keeps its feed's guid unless another post holds it, an earlier feed's in this merge or a
published episode of another post (another link and title); then it gets `<feed address>:<guid>`.
Published episodes keep theirs whichever order the feeds are listed in, and adding a second feed
re-keys none of the first one's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from urllib.parse import urlsplit

from post2pod import fetch
from post2pod.config import Config
from post2pod.errors import FetchError
from post2pod.models import FeedInfo, Post
from post2pod.pipeline.identity import fetch_key
from post2pod.pipeline.log import LOG
from post2pod.pipeline.podcast import blog_name, with_author
from post2pod.pipeline.sources import http_settings, page_settings
from post2pod.store import Store


@dataclass(frozen=True)
class FeedRead:
    """One source feed as this run read it (`result.not_modified`: unchanged since the last run)."""

    feed: str
    result: fetch.FeedResult
    info: FeedInfo  # the blog's details: fetched, or remembered when unchanged


@dataclass(frozen=True)
class Sources:
    """Every source feed read, merged: the posts, the first feed's blog and the feeds that failed."""

    read: tuple[FeedRead, ...]
    posts: tuple[Post, ...]
    info: FeedInfo
    failed: tuple[tuple[str, str], ...]  # (feed, why) of each feed that could not be read
    pages: fetch.HttpSettings  # for the posts' pages: the addresses the feeds came from allowed


def read_feeds(config: Config, store: Store, conditional: bool = True) -> Sources:
    """Fetch every source feed (conditionally when `conditional`) and merge their posts; all fetching
    of the run (the posts' pages too) ends within [fetch] budget_s from now.

    A feed that cannot be read fails alone while another one answers; when all fail, the first
    failure is raised.
    """
    read: list[FeedRead] = []
    failed: list[tuple[str, str]] = []
    errors: list[FetchError] = []
    http = http_settings(config)
    for feed in config.feeds:
        etag, modified, body = store.fetch_state(fetch_key(config, feed)) if conditional else (None,) * 3
        try:
            result = fetch.fetch_feed(feed, settings=http, etag=etag, last_modified=modified, body_hash=body)
        except FetchError as exc:
            if len(config.feeds) == 1:
                raise
            errors.append(exc)
            failed.append((feed, f"source feed not read: {exc}"))
            LOG.warning(f"source feed {feed} not read, its published episodes stay: {exc}")
            continue
        for warning in result.warnings:
            LOG.warning(warning)
        info = with_author(result.info, result.posts)
        if result.not_modified:
            info = store.feed_info(feed) or info
        read.append(FeedRead(feed, result, info))
    if not read:
        raise errors[0]
    posts = merge_posts(
        [(r.feed, blog_name(r.info), r.result.posts) for r in read], store, config.podcast.episode_title
    )
    first = next((r.info for r in read if r.feed == config.feed), None)
    info = first or store.feed_info(config.feed) or read[0].info
    pages = page_settings(http, *(r.result for r in read))
    return Sources(tuple(read), tuple(posts), info, tuple(failed), pages)


def merge_posts(
    feeds: Sequence[tuple[str, str, Sequence[Post]]], store: Store, title_template: str = "{title}"
) -> list[Post]:
    """The posts of (feed, blog name, posts) in feed order, a post listed by two feeds once, each
    guid unique and stable (see the module's docstring), titles after `title_template`."""
    if len(feeds) == 1:
        _feed, blog, posts = feeds[0]
        return [_titled(post, title_template, blog) for post in posts]
    merged: list[Post] = []
    seen: list[Post] = []  # as their feeds have them, to find a post two feeds carry
    taken: set[str] = set()
    for feed, blog, posts in feeds:
        for post in posts:
            if any(_same_post(post, other) for other in seen):
                continue  # syndicated by two of the feeds: one episode
            seen.append(post)
            titled = _titled(post, title_template, blog)
            if post.guid in taken or _published_for_another(store, titled):
                titled = replace(titled, guid=f"{feed_label(feed)}:{post.guid}")
            taken.add(titled.guid)
            merged.append(titled)
    return merged


def feed_label(feed: str) -> str:
    """A feed's address without its scheme (or its file path), to keep its guids apart from others'."""
    parts = urlsplit(feed)
    return f"{parts.netloc}{parts.path}".rstrip("/") if fetch.is_url(feed) else feed


def _titled(post: Post, template: str, blog: str) -> Post:
    if template == "{title}":
        return post
    return replace(post, title=template.format(title=post.title, blog=blog).strip() or post.title)


def _same_post(post: Post, other: Post) -> bool:
    """The same post in two feeds: the same address and title (some feeds link every post to the
    blog's home page), or the same guid and address."""
    same_link = bool(post.url) and post.url.rstrip("/") == other.url.rstrip("/")
    return same_link and (post.title == other.title or post.guid == other.guid)


def _published_for_another(store: Store, post: Post) -> bool:
    """The guid is a published episode of another post: another address and another title (a post
    that moved keeps its title, and its guid)."""
    episode = store.episode(post.guid)
    if episode is None:
        return False
    other_link = episode.link.rstrip("/") != post.url.rstrip("/")
    return other_link and episode.title != post.title
