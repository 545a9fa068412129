"""The published feed read back, as the record of what is published: its guids (the check that the
store matches it) and its episodes (`post2pod adopt`); and the podcast's `podcast:guid`.

The feed is our own output, so the standard library reads it; nothing here fetches anything, and
nothing here loads feedgen: a run with nothing to publish needs only this.
"""

from __future__ import annotations

import json
import re
import uuid
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path, PurePosixPath
from typing import NoReturn
from urllib.parse import unquote, urlsplit

from post2pod.errors import UsageError
from post2pod.models import Chapter, Episode
from post2pod.workspace import EPISODES_DIR, FEED_FILE

ITUNES_NS = "http://www.itunes.com/dtds/podcast-1.0.dtd"
PODCAST_NS = "https://podcastindex.org/namespace/1.0"
PODCAST_GUID_NAMESPACE = uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6")


def podcast_guid(feed_url: str) -> str:
    """Podcasting 2.0 `podcast:guid`: UUIDv5 of the feed URL without scheme and trailing slashes."""
    bare = re.sub(r"^[A-Za-z][A-Za-z0-9+.-]*://", "", feed_url.strip()).rstrip("/")
    return str(uuid.uuid5(PODCAST_GUID_NAMESPACE, bare))


# --- reading the published feed back ------------------------------------------------------------

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
