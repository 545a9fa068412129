"""The podcast RSS feed, `feed.xml`, written with feedgen (RSS + iTunes, our own extension for what
feedgen lacks); `published` reads it back.

feedgen 1.0.0 cannot write `itunes:explicit` true/false, an owner without an email, or any
Podcasting 2.0 tag, so `_ChannelTags`/`_ItemTags` add those. Output is deterministic: the same
podcast and episodes give byte-identical XML (lastBuildDate is the newest episode's date).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from html import escape
from pathlib import Path
from urllib.parse import urlsplit

from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.feed import FeedGenerator
from feedgen.util import xml_elem
from lxml import etree

from post2pod.models import Episode, Podcast
from post2pod.publish.published import ITUNES_NS, PODCAST_NS, podcast_guid
from post2pod.publish.text import MAX_DESCRIPTION_BYTES, clean, format_duration, truncate_utf8, url_for

GENERATOR = "post2pod"
TRANSCRIPT_TYPE = "text/vtt"
CHAPTERS_TYPE = "application/json+chapters"


def sort_episodes(episodes: Sequence[Episode]) -> list[Episode]:
    """Newest first; equal dates ordered by guid, so the order never depends on the input order."""
    by_guid = sorted(episodes, key=lambda e: e.guid)
    return sorted(by_guid, key=lambda e: _aware(e.published), reverse=True)


def channel_description(podcast: Podcast) -> str:
    """The podcast's description, then the AI disclosure (which is never cut off)."""
    disclosure = clean(podcast.disclosure).strip()
    text = clean(podcast.description).strip() or clean(podcast.title).strip() or "Untitled podcast"
    if not disclosure or disclosure in text:
        return truncate_utf8(text)
    room = MAX_DESCRIPTION_BYTES - len(disclosure.encode("utf-8")) - 2
    return f"{truncate_utf8(text, room)}\n\n{disclosure}"


def render_feed(podcast: Podcast, episodes: Sequence[Episode], out_dir: Path, cover_file: str) -> bytes:
    """The feed as UTF-8 XML bytes (pretty-printed, deterministic)."""
    fg = _channel(podcast, cover_file)
    ordered = sort_episodes(episodes)
    for episode in ordered:
        _item(fg, podcast, episode, out_dir)
    if ordered:
        fg.lastBuildDate(max(_aware(e.updated_at or e.published) for e in ordered))
    xml = fg.rss_str(pretty=True, encoding="UTF-8", xml_declaration=True)
    return xml if ordered else _without_build_date(xml)


# --- channel ----------------------------------------------------------------------------------


class _ChannelTags(BaseExtension):
    """Channel tags feedgen cannot write: itunes:explicit true/false, itunes:owner, podcast:*."""

    def __init__(self) -> None:
        self.explicit = False
        self.owner_name = ""
        self.owner_email = ""
        self.guid = ""
        self.locked = False

    def extend_ns(self) -> dict[str, str]:
        # Namespaces are declared only from feed-level extensions, so the item tags' prefix lives here too.
        return {"itunes": ITUNES_NS, "podcast": PODCAST_NS}

    def extend_rss(self, feed: etree._Element) -> etree._Element:
        channel = feed[0]
        xml_elem(f"{{{ITUNES_NS}}}explicit", channel).text = "true" if self.explicit else "false"
        if self.owner_name or self.owner_email:
            owner = xml_elem(f"{{{ITUNES_NS}}}owner", channel)
            if self.owner_name:
                xml_elem(f"{{{ITUNES_NS}}}name", owner).text = self.owner_name
            if self.owner_email:
                xml_elem(f"{{{ITUNES_NS}}}email", owner).text = self.owner_email
        xml_elem(f"{{{PODCAST_NS}}}guid", channel).text = self.guid
        locked = xml_elem(f"{{{PODCAST_NS}}}locked", channel)
        locked.text = "yes" if self.locked else "no"
        if self.owner_email:
            locked.attrib["owner"] = self.owner_email
        return feed


class _ItemTags(BaseEntryExtension):
    """Item tags: itunes:image (feedgen takes only names ending .jpg or .png: no .jpeg, no query),
    podcast:transcript and podcast:chapters."""

    def __init__(self) -> None:
        self.image_url = ""
        self.transcript_url = ""
        self.chapters_url = ""

    def extend_rss(self, item: etree._Element) -> etree._Element:
        if self.image_url:
            xml_elem(f"{{{ITUNES_NS}}}image", item, href=self.image_url)
        if self.transcript_url:
            xml_elem(f"{{{PODCAST_NS}}}transcript", item, url=self.transcript_url, type=TRANSCRIPT_TYPE)
        if self.chapters_url:
            xml_elem(f"{{{PODCAST_NS}}}chapters", item, url=self.chapters_url, type=CHAPTERS_TYPE)
        return item


def _channel(podcast: Podcast, cover_file: str) -> FeedGenerator:
    fg = FeedGenerator()
    fg.load_extension("podcast", atom=False, rss=True)
    fg.register_extension("post2pod", _ChannelTags, _ItemTags, atom=False, rss=True)
    title = clean(podcast.title) or "Untitled podcast"
    site = _web_link(podcast.link) or clean(podcast.base_url)
    cover_url = url_for(podcast.base_url, cover_file)
    fg.title(title)
    fg.description(channel_description(podcast))
    fg.link(href=clean(podcast.feed_url), rel="self", type="application/rss+xml")
    fg.link(href=site, rel="alternate")  # RSS <link> comes from the last link() call
    fg.language(clean(podcast.language) or "en")
    fg.generator(GENERATOR)
    fg.image(url=cover_url, title=title, link=site)
    if podcast.copyright:
        fg.copyright(clean(podcast.copyright))
    _itunes_channel(fg, podcast, cover_url)
    ext: _ChannelTags = fg.post2pod
    ext.explicit = podcast.explicit
    ext.owner_name = clean(podcast.owner_name or podcast.author)
    ext.owner_email = clean(podcast.owner_email)
    ext.guid = podcast.guid or podcast_guid(podcast.feed_url)
    ext.locked = podcast.locked
    return fg


def _itunes_channel(fg: FeedGenerator, podcast: Podcast, cover_url: str) -> None:
    if podcast.author:
        fg.podcast.itunes_author(clean(podcast.author))
    category = {"cat": podcast.category}
    if podcast.subcategory:
        category["sub"] = podcast.subcategory
    fg.podcast.itunes_category(category)
    fg.podcast.itunes_image(cover_url)
    fg.podcast.itunes_type(podcast.podcast_type)
    if podcast.moved_from:  # apps that still poll the old address follow it here
        fg.podcast.itunes_new_feed_url(clean(podcast.feed_url))


# --- items ------------------------------------------------------------------------------------


def _item(fg: FeedGenerator, podcast: Podcast, episode: Episode, out_dir: Path) -> None:
    fe = fg.add_entry(order="append")
    title = clean(episode.title) or "Untitled episode"
    link = clean(episode.link)
    fe.guid(clean(episode.guid), permalink=False)
    fe.title(title)
    if link:
        fe.link(href=link)
    fe.pubDate(_aware(episode.published))
    fe.description(_description(episode.description, link))
    fe.content(_description_html(episode, link, podcast.disclosure), type="html")
    fe.enclosure(url_for(podcast.base_url, episode.audio_file), str(episode.bytes), "audio/mpeg")
    fe.podcast.itunes_duration(str(round(episode.duration_ms / 1000)))
    fe.podcast.itunes_episode_type("full")
    author = clean(episode.author or podcast.author)
    if author:
        fe.podcast.itunes_author(author)
    ext: _ItemTags = fe.post2pod
    ext.image_url = _episode_image(episode.image_url)
    ext.transcript_url = _companion_url(podcast, episode.transcript_file, out_dir)
    ext.chapters_url = _companion_url(podcast, episode.chapters_file, out_dir)


def _episode_image(url: str) -> str:
    """The post's picture as the episode's artwork: Apple takes a JPEG or PNG address only."""
    value = _web_link(url)
    return value if urlsplit(value).path.lower().endswith((".jpg", ".jpeg", ".png")) else ""


def _web_link(url: str) -> str:
    """`url` if it is http(s), else "": a hostile feed's `javascript:` channel link is not published."""
    value = clean(url).strip()
    return value if urlsplit(value).scheme.lower() in ("http", "https") else ""


def _description(description: str, link: str) -> str:
    parts = [clean(description).strip()]
    if link:
        parts.append(f"Read the post: {link}")
    return "\n\n".join(part for part in parts if part) or "An episode narrated with post2pod."


def _description_html(episode: Episode, link: str, disclosure: str = "") -> str:
    """The show notes as HTML (content:encoded): the post's own opening with its links (sanitised when
    the episode was built), the chapters, a link to the post and the disclosure."""
    if episode.notes_html:
        parts = [clean(episode.notes_html)]
    else:  # built before show notes were kept: its plain description, disclosure included
        parts = [
            f"<p>{escape(paragraph.strip())}</p>"
            for paragraph in clean(episode.description).split("\n\n")
            if paragraph.strip()
        ]
    if episode.chapters:
        rows = "".join(
            f"<li>{format_duration(c.start_ms)} {escape(clean(c.title))}</li>"
            for c in sorted(episode.chapters, key=lambda c: c.start_ms)
        )
        parts.append(f"<p>Chapters:</p><ul>{rows}</ul>")
    if link:
        parts.append(f'<p>Read the post: <a href="{escape(link)}">{escape(link)}</a></p>')
    if episode.notes_html and disclosure:
        parts.append(f"<p>{escape(clean(disclosure))}</p>")
    return "".join(parts) or "<p>An episode narrated with post2pod.</p>"


def _companion_url(podcast: Podcast, relative: str | None, out_dir: Path) -> str:
    """URL of a transcript/chapters file, or "" when it is not set or not (yet) on disk."""
    if not relative or not (out_dir / relative).is_file():
        return ""
    return url_for(podcast.base_url, relative)


# --- helpers ----------------------------------------------------------------------------------


def _aware(moment: datetime) -> datetime:
    """Naive datetimes are taken as UTC (feedgen refuses them)."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _without_build_date(xml: bytes) -> bytes:
    """An empty feed has no episode date to pin lastBuildDate to: drop it rather than write *now*."""
    root = etree.fromstring(xml)
    for node in root.iterfind("channel/lastBuildDate"):
        node.getparent().remove(node)
    return etree.tostring(root, pretty_print=True, encoding="UTF-8", xml_declaration=True)
