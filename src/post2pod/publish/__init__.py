"""Publish stage: podcast feed, cover art and web pages, written atomically into the output folder.

The pipeline calls `check_podcast` once, `ensure_cover` before assembling (the MP3 tags embed it),
then `write_feed` (feed.xml and the feed.xsl it names) and `write_index` (index.html and each episode's
pages) after each episode. Every writer is deterministic and leaves a file alone when its content has
not changed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from post2pod.errors import PublishError
from post2pod.models import PODCAST_TYPES, Episode, Podcast
from post2pod.publish.categories import check_category
from post2pod.publish.cover import ensure_cover
from post2pod.publish.feed import MAX_DESCRIPTION_BYTES, render_feed
from post2pod.publish.page import (
    INDEX_FILE,
    STYLESHEET_FILE,
    embed_page,
    episode_page,
    page_files,
    render_embed_page,
    render_episode_page,
    render_page,
    render_stylesheet,
    with_stylesheet,
)
from post2pod.workspace import FEED_FILE, write_atomic

__all__ = ["check_podcast", "ensure_cover", "feed_url", "page_files", "write_feed", "write_index"]

_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")


def feed_url(base_url: str) -> str:
    """Public URL of feed.xml under `base_url`."""
    return (base_url if base_url.endswith("/") else base_url + "/") + FEED_FILE


def check_podcast(podcast: Podcast) -> list[str]:
    """Raise PublishError for values apps reject; return one warning line per missing recommended value."""
    check_category(podcast.category, podcast.subcategory)
    if not isinstance(podcast.explicit, bool):
        raise PublishError(
            f"podcast explicit must be true or false, not {podcast.explicit!r}; fix [podcast] explicit"
        )
    if not isinstance(podcast.locked, bool):
        raise PublishError(
            f"podcast locked must be true or false, not {podcast.locked!r}; fix [podcast] locked"
        )
    if podcast.podcast_type not in PODCAST_TYPES:
        raise PublishError(
            f"podcast type {podcast.podcast_type!r} is not valid; set [podcast] type to "
            '"episodic" (newest first) or "serial" (in order)'
        )
    return _warnings(podcast)


def _warnings(podcast: Podcast) -> list[str]:
    warnings = []
    if not podcast.owner_email.strip():
        warnings.append(
            "no owner email: set [podcast] email; Apple Podcasts and other directories use it "
            "to verify that the podcast is yours"
        )
    if not podcast.author.strip():
        warnings.append("no author: set [podcast] author so podcast apps can show who made the podcast")
    elif podcast.author_fallback:
        warnings.append(
            f"no author in the feed or its posts: podcast apps will show {podcast.author!r} as the author "
            "of the podcast and its episodes; set [podcast] author to name a person"
        )
    if not podcast.description.strip():
        warnings.append("no podcast description: set [podcast] description; apps show it on the podcast page")
    elif len(podcast.description.encode("utf-8")) > MAX_DESCRIPTION_BYTES:
        warnings.append(
            f"the podcast description is longer than {MAX_DESCRIPTION_BYTES} bytes and will be cut; "
            "shorten [podcast] description"
        )
    if not _LANGUAGE.match(podcast.language.strip()):
        warnings.append(
            f'language {podcast.language!r} is not a language code like "en" or "en-US"; '
            "set [podcast] language"
        )
    return warnings


def write_feed(podcast: Podcast, episodes: Sequence[Episode], out_dir: Path, cover_file: str) -> Path:
    """Write out_dir/feed.xml, and the feed.xsl it names so a browser shows it as a page (atomically;
    each left alone when unchanged); return the feed's path."""
    _write(out_dir / STYLESHEET_FILE, render_stylesheet())
    return _write(out_dir / FEED_FILE, with_stylesheet(render_feed(podcast, episodes, out_dir, cover_file)))


def write_index(podcast: Podcast, episodes: Sequence[Episode], out_dir: Path, cover_file: str) -> Path:
    """Write each episode's pages (episodes/<slug>.html and its embeddable player), then
    out_dir/index.html that links to them (atomically; each left alone when unchanged); return the
    index's path. Pages of episodes no longer listed are the caller's to delete (`page_files`)."""
    for episode in episodes:
        page, embed = episode_page(episode), embed_page(episode)
        if page and embed:  # pages are derived: rewritten by every publish, so no fsync per page
            _write(out_dir / page, render_episode_page(podcast, episode, cover_file), durable=False)
            _write(out_dir / embed, render_embed_page(podcast, episode, cover_file), durable=False)
    return _write(out_dir / INDEX_FILE, render_page(podcast, episodes, cover_file))


def _write(path: Path, data: bytes | str, durable: bool = True) -> Path:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, data, skip_unchanged=True, durable=durable, published=True)
    except OSError as exc:
        raise PublishError(
            f"cannot write {path}: {exc.strerror or exc}; check the output folder's permissions "
            "and free space"
        ) from None
    return path
