"""Writing the published folder: the feed and its stylesheet, the index and each episode's pages."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from post2pod.errors import PublishError
from post2pod.models import Episode, Podcast
from post2pod.publish.feed import render_feed
from post2pod.publish.names import INDEX_FILE, STYLESHEET_FILE, embed_page, episode_page
from post2pod.publish.page import (
    render_embed_page,
    render_episode_page,
    render_page,
    render_stylesheet,
    with_stylesheet,
)
from post2pod.workspace import FEED_FILE, write_atomic


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
