"""The names of the files post2pod publishes beside the feed: the index, the cover, the feed's
stylesheet and each episode's pages (the audio's names are `pipeline.identity`'s)."""

from __future__ import annotations

import re

from post2pod.models import Episode
from post2pod.workspace import EPISODES_DIR

INDEX_FILE = "index.html"
COVER_NAMES = ("cover.png", "cover.jpg")
STYLESHEET_FILE = "feed.xsl"
PAGE_SUFFIX = ".html"  # episodes/<slug>.html (audio is episodes/<slug>-v<N>.mp3: never the same name)
EMBED_SUFFIX = ".embed.html"  # episodes/<slug>.embed.html: the player alone, for other sites' iframes

# the names post2pod gives episodes (`pipeline.podcast.slugify`); a page is written only for these, so a
# tampered store can never name a file outside episodes/
_SAFE_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def episode_page(episode: Episode) -> str | None:
    """The episode page's name relative to the output folder (None for a slug post2pod never makes)."""
    return f"{EPISODES_DIR}/{episode.slug}{PAGE_SUFFIX}" if _SAFE_SLUG.match(episode.slug) else None


def embed_page(episode: Episode) -> str | None:
    """The embeddable player's name relative to the output folder (None as for `episode_page`)."""
    return f"{EPISODES_DIR}/{episode.slug}{EMBED_SUFFIX}" if _SAFE_SLUG.match(episode.slug) else None


def page_files(episode: Episode) -> list[str]:
    """The pages written for an episode (deleted with its audio when it is no longer listed)."""
    return [name for name in (episode_page(episode), embed_page(episode)) if name]
