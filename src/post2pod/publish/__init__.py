"""Publish stage: podcast feed, cover art and web pages, written atomically into the output folder.

The pipeline calls `check_podcast` once, `ensure_cover` before assembling (the MP3 tags embed it),
then `write_feed` (feed.xml and the feed.xsl it names) and `write_index` (index.html and each episode's
pages) after each episode. Every writer is deterministic and leaves a file alone when its content has
not changed.

`site` writes the files, from `feed` (feedgen), `page` (Jinja2) and `cover` (Pillow); `names` names
them and `published` reads the feed back. A run with nothing new to publish loads none of feed, page
and cover.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from post2pod.errors import PublishError
from post2pod.lazy import exports
from post2pod.models import PODCAST_TYPES, Podcast
from post2pod.publish.categories import check_category
from post2pod.publish.text import MAX_DESCRIPTION_BYTES
from post2pod.workspace import FEED_FILE

if TYPE_CHECKING:
    from post2pod.publish.cover import ensure_cover
    from post2pod.publish.names import page_files
    from post2pod.publish.site import write_feed, write_index

# each public name and its module, loaded on first use (`post2pod.lazy`): Pillow, feedgen and Jinja2
# only when something is published
_HOME = {
    "ensure_cover": "cover",
    "page_files": "names",
    "write_feed": "site",
    "write_index": "site",
}

__all__ = ["check_podcast", "ensure_cover", "feed_url", "page_files", "write_feed", "write_index"]

__getattr__ = exports(__name__, _HOME)

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
