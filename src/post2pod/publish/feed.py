"""The podcast RSS feed, `feed.xml`: written with feedgen (RSS + iTunes, our own extension for what
feedgen lacks), and read back as the record of what is published (`published_guids`, `read_published`).

feedgen 1.0.0 cannot write `itunes:explicit` true/false, an owner without an email, or any
Podcasting 2.0 tag, so `_ChannelTags`/`_ItemTags` add those. Output is deterministic: the same
podcast and episodes give byte-identical XML (lastBuildDate is the newest episode's date).
"""

from __future__ import annotations

import json
import re
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from html import escape
from pathlib import Path, PurePosixPath
from typing import NoReturn
from urllib.parse import unquote, urlsplit

from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.feed import FeedGenerator
from feedgen.util import xml_elem
from lxml import etree

from post2pod.errors import UsageError
from post2pod.models import Chapter, Episode, Podcast
from post2pod.publish.text import clean, format_duration, url_for
from post2pod.workspace import EPISODES_DIR, FEED_FILE

ITUNES_NS = "http://www.itunes.com/dtds/podcast-1.0.dtd"
PODCAST_NS = "https://podcastindex.org/namespace/1.0"
PODCAST_GUID_NAMESPACE = uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6")
MAX_DESCRIPTION_BYTES = 4000
GENERATOR = "post2pod"
TRANSCRIPT_TYPE = "text/vtt"
CHAPTERS_TYPE = "application/json+chapters"


def podcast_guid(feed_url: str) -> str:
    """Podcasting 2.0 `podcast:guid`: UUIDv5 of the feed URL without scheme and trailing slashes."""
    bare = re.sub(r"^[A-Za-z][A-Za-z0-9+.-]*://", "", feed_url.strip()).rstrip("/")
    return str(uuid.uuid5(PODCAST_GUID_NAMESPACE, bare))


def sort_episodes(episodes: Sequence[Episode]) -> list[Episode]:
    """Newest first; equal dates ordered by guid, so the order never depends on the input order."""
    by_guid = sorted(episodes, key=lambda e: e.guid)
    return sorted(by_guid, key=lambda e: _aware(e.published), reverse=True)


def truncate_utf8(text: str, limit: int = MAX_DESCRIPTION_BYTES) -> str:
    """`text` cut at a word boundary (with an ellipsis) so that it fits in `limit` UTF-8 bytes."""
    if len(text.encode("utf-8")) <= limit:
        return text
    cut = text.encode("utf-8")[: limit - len("…".encode())].decode("utf-8", "ignore")
    head, _, _ = cut.rpartition(" ")
    return (head or cut).rstrip(" ,;:.-") + "…"


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
    """Item tags: podcast:transcript and podcast:chapters."""

    def __init__(self) -> None:
        self.transcript_url = ""
        self.chapters_url = ""

    def extend_rss(self, item: etree._Element) -> etree._Element:
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
    image = _episode_image(episode.image_url)
    if image:
        fe.podcast.itunes_image(image)
    ext: _ItemTags = fe.post2pod
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


# --- reading the published feed back (`post2pod adopt`, and the check that the store matches it) ---------
# The feed is our own output, so the standard library reads it; nothing here fetches anything.

_ITUNES = f"{{{ITUNES_NS}}}"
_PODCAST = f"{{{PODCAST_NS}}}"
_ATOM = "{http://www.w3.org/2005/Atom}"
_UNDATED = datetime(1970, 1, 1, tzinfo=UTC)  # an undated post's episode, as fetch dates it
# The only names post2pod writes for an episode (`pipeline.build.Slot`): a tampered feed naming any other
# file (feed.xml, index.html, a user's own file, a folder) must never be adopted, or a later sync would
# delete that file as old audio.
_AUDIO_NAME = re.compile(
    rf"^{EPISODES_DIR}/(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*)-v(?P<version>[1-9][0-9]{{0,5}})\.mp3$"
)
_COMPANIONS = {"transcript": ".vtt", "chapters": ".chapters.json"}


def published_guids(out: Path) -> list[str] | None:
    """The guids of the items of the published feed in `out`; None when there is no readable feed."""
    items = _items(out)
    return None if items is None else [guid for guid in (_text(item, "guid") for item in items) if guid]


def read_published(out: Path, base_url: str) -> tuple[str, list[Episode]]:
    """Every episode of the published feed in `out`, as post2pod wrote it (`Episode.adopted`), and the
    public folder URL its enclosures are read against: the feed's own address (its
    `atom:link rel="self"`), else `base_url`. Only files inside `out` are accepted: an item naming
    anything else refuses the whole feed (UsageError)."""
    items = _items(out)
    if items is None:
        raise UsageError(f"no readable {out / FEED_FILE} to adopt; give the --out folder that holds the feed")
    root = _feed_base(out) or base_url
    return root, [_episode(item, out, root) for item in items]


def _items(out: Path) -> list[ET.Element] | None:
    try:
        root = ET.parse(out / FEED_FILE).getroot()
    except (OSError, ET.ParseError):
        return None
    channel = root.find("channel")
    return [] if channel is None else channel.findall("item")


def _feed_base(out: Path) -> str:
    """The public folder URL the feed says it lives at (`…/feed.xml` minus the file name)."""
    root = ET.parse(out / FEED_FILE).getroot()
    for link in root.iter(f"{_ATOM}link"):
        href = link.get("href", "")
        if link.get("rel") == "self" and href.endswith("/" + FEED_FILE):
            return href.removesuffix(FEED_FILE)
    return ""


def _episode(item: ET.Element, out: Path, base_url: str) -> Episode:
    guid = _text(item, "guid")
    enclosure = item.find("enclosure")
    if not guid or enclosure is None:
        raise UsageError(f"{out / FEED_FILE} has an item without a guid or an enclosure; cannot adopt it")
    refuse = _Refusal(out, _text(item, "title") or guid)
    url = enclosure.get("url", "")
    audio = _relative(url, base_url, out)
    match = _AUDIO_NAME.match(audio)
    if match is None:
        refuse(f"its enclosure {url!r} is not an episode post2pod wrote ({EPISODES_DIR}/<slug>-v<N>.mp3)")
    stem = audio.removesuffix(".mp3")
    companions: dict[str, str | None] = {}
    for kind, suffix in _COMPANIONS.items():
        element = item.find(f"{_PODCAST}{kind}")
        named = _relative(element.get("url", ""), base_url, out) if element is not None else None
        if element is not None and named != stem + suffix:
            refuse(
                f"its {kind} {element.get('url', '')!r} is not the {stem + suffix} post2pod writes beside it"
            )
        companions[kind] = named
    link = _text(item, "link")
    chapters = companions["chapters"]
    return Episode(
        guid=guid,
        slug=match["slug"],
        version=int(match["version"]),
        title=_text(item, "title"),
        link=link,
        published=_date(_text(item, "pubDate")),
        description=_text(item, "description").removesuffix(f"Read the post: {link}").strip(),
        audio_file=audio,
        bytes=_length(enclosure.get("length", "0"), refuse),
        duration_ms=_duration_ms(_text(item, f"{_ITUNES}duration"), refuse),
        content_hash="",
        updated_at=datetime.now(UTC).replace(microsecond=0),
        author=_text(item, f"{_ITUNES}author"),
        transcript_file=companions["transcript"],
        chapters_file=chapters,
        chapters=_chapters(out / chapters) if chapters else (),
        date_known=_date(_text(item, "pubDate")) != _UNDATED,
        adopted=True,
    )


class _Refusal:
    """Refuses to adopt the feed because of one item, named in the one-line error."""

    def __init__(self, out: Path, item: str) -> None:
        self.out, self.item = out, item[:80]

    def __call__(self, why: str) -> NoReturn:
        raise UsageError(
            f"{self.out / FEED_FILE}: item {self.item!r} cannot be adopted: {why}; nothing was adopted "
            "(restore the feed post2pod wrote, or remove that item from it)"
        )


def _length(text: str, refuse: _Refusal) -> int:
    """The enclosure's length in bytes (0 when absent, as feeds allow)."""
    text = (text or "0").strip()
    if not text.isascii() or not text.isdigit() or len(text) > 15:
        refuse(f"its enclosure length {text[:40]!r} is not a number of bytes")
    return int(text)


def _relative(url: str, base_url: str, out: Path) -> str:
    """A published file's name relative to `out`, from its URL; refuses anything outside `out`."""
    path = url.removeprefix(base_url) if base_url and url.startswith(base_url) else ""
    if not path:  # another base URL: the file keeps its place under episodes/
        path = "episodes/" + PurePosixPath(urlsplit(url).path).name
    relative = PurePosixPath(unquote(path))
    if relative.is_absolute() or ".." in relative.parts or not relative.parts:
        raise UsageError(
            f"{out / FEED_FILE} names a file outside the published folder ({url}); cannot adopt it"
        )
    return relative.as_posix()


def _text(item: ET.Element, tag: str) -> str:
    return (item.findtext(tag) or "").strip()


def _date(text: str) -> datetime:
    try:
        moment = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return _UNDATED
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _duration_ms(text: str, refuse: _Refusal) -> int:
    """`itunes:duration` ("93", "1:33", "0:01:33") in milliseconds; 0 when absent."""
    if not text:
        return 0
    if not re.fullmatch(r"\d{1,9}(?::[0-5]?\d){0,2}(?:\.\d{1,6})?", text):
        refuse(f"its duration {text[:40]!r} is not a time like 93 or 1:33")
    seconds = 0.0
    for part in text.split(":"):
        seconds = seconds * 60 + float(part)
    return round(seconds * 1000)


def _chapters(path: Path) -> tuple[Chapter, ...]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return tuple(
            Chapter(
                str(c["title"]), round(float(c["startTime"]) * 1000), round(float(c.get("endTime", 0)) * 1000)
            )
            for c in data["chapters"]
        )
    except (OSError, ValueError, KeyError, TypeError):
        return ()
