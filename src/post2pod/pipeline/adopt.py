"""The published feed as a record of what is published: checking the store against it, and rebuilding
a lost store from it (`post2pod adopt`).

The feed is our own output (RSS 2.0 + iTunes + Podcasting 2.0, see `publish.feed`), so the standard
library reads it; nothing here fetches anything.
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

from post2pod.errors import StoreError, UsageError
from post2pod.models import Chapter, Episode
from post2pod.store import UNDATED_EPISODE, Store
from post2pod.workspace import EPISODES_DIR, FEED_FILE, OWNER_FILE, write_atomic

ADOPTED = "adopted"  # content/source hash of an adopted episode: the next sync records the real ones
ITUNES = "{http://www.itunes.com/dtds/podcast-1.0.dtd}"
PODCAST = "{https://podcastindex.org/namespace/1.0}"
ATOM = "{http://www.w3.org/2005/Atom}"
# The only names post2pod writes for an episode (`build.Slot`): a tampered feed naming any other file
# (feed.xml, index.html, a user's own file, a folder) must never be adopted, or a later sync would
# delete that file as old audio.
_AUDIO_NAME = re.compile(
    rf"^{EPISODES_DIR}/(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*)-v(?P<version>[1-9][0-9]{{0,5}})\.mp3$"
)
_COMPANIONS = {"transcript": ".vtt", "chapters": ".chapters.json"}


def published_items(out: Path) -> list[ET.Element] | None:
    """The `<item>`s of the published feed; None when there is no readable feed."""
    try:
        root = ET.parse(out / FEED_FILE).getroot()
    except (OSError, ET.ParseError):
        return None
    channel = root.find("channel")
    return [] if channel is None else channel.findall("item")


def check_store_matches_feed(out: Path, store: Store) -> None:
    """Refuse to run when the out folder belongs to another state folder, or when the published feed
    lists episodes the store does not know.

    A second state folder, or a lost, emptied or swapped state database, would otherwise overwrite
    episodes or drop them from the next feed.
    """
    owner = read_owner(out)
    if owner is not None and owner != store.get_meta("owner"):
        raise StoreError(
            f"{out} is published from another state folder than {store.path.parent} (see {OWNER_FILE} "
            "in it); nothing was changed: give that folder's --state, use another --out, or if that "
            "state folder is lost run `post2pod adopt` with this --out and --state"
        )
    items = published_items(out)
    if not items:
        return
    known = {episode.guid for episode in store.episodes()} | set(store.removed_guids())
    unknown = [guid for guid in (_text(item, "guid") for item in items) if guid and guid not in known]
    if unknown:
        raise StoreError(
            f"{out / FEED_FILE} lists {len(unknown)} episode(s) that the state database {store.path} does "
            "not know (lost, emptied or another state folder?); nothing was changed: restore the state "
            "folder from a backup, or run `post2pod adopt` with the same --out and --state to rebuild it "
            "from the published feed"
        )


def read_owner(out: Path) -> str | None:
    """The owner id in the out folder's marker; None when there is none (a new or older folder)."""
    try:
        text = (out / OWNER_FILE).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    return text.strip().rsplit(" ", 1)[-1] or None


def claim(out: Path, store: Store) -> None:
    """Mark the out folder as this state's (once): a second state folder is then refused."""
    if read_owner(out) is not None:
        return
    owner = store.get_meta("owner")
    if owner is None:
        owner = uuid.uuid4().hex
        with store.transaction():
            store.set_meta("owner", owner)
    write_atomic(out / OWNER_FILE, f"post2pod owner {owner}\n", durable=False)


def adopt(out: Path, store: Store, base_url: str) -> list[Episode]:
    """Record every episode of the published feed in an empty store; returns them.

    Enclosure URLs are read relative to the feed's own address (its `atom:link rel="self"`, else
    `base_url`); only files inside `out` are accepted.
    """
    items = published_items(out)
    if items is None:
        raise UsageError(f"no readable {out / FEED_FILE} to adopt; give the --out folder that holds the feed")
    if store.episodes():
        raise UsageError(
            f"the state database {store.path} already records episodes; adopt only into a new, empty --state"
        )
    root = _feed_base(out) or base_url
    episodes = [_episode(item, out, root) for item in items]
    with store.transaction():
        for episode in episodes:
            store.save_episode(episode, ADOPTED)
        if root:
            store.set_meta("base_url", root)
        owner = read_owner(out)
        if owner:
            store.set_meta("owner", owner)
    return episodes


def _feed_base(out: Path) -> str:
    """The public folder URL the feed says it lives at (`…/feed.xml` minus the file name)."""
    root = ET.parse(out / FEED_FILE).getroot()
    for link in root.iter(f"{ATOM}link"):
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
    companions = {}
    for kind, suffix in _COMPANIONS.items():
        element = item.find(f"{PODCAST}{kind}")
        named = _relative(element.get("url", ""), base_url, out) if element is not None else None
        if named is not None and named != stem + suffix:
            refuse(
                f"its {kind} {element.get('url', '')!r} is not the {stem + suffix} post2pod writes beside it"
            )
        companions[kind] = named
    link = _text(item, "link")
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
        duration_ms=_duration_ms(_text(item, f"{ITUNES}duration"), refuse),
        content_hash=ADOPTED,
        updated_at=datetime.now(UTC).replace(microsecond=0),
        author=_text(item, f"{ITUNES}author"),
        transcript_file=companions["transcript"],
        chapters_file=companions["chapters"],
        chapters=_chapters(out / companions["chapters"]) if companions["chapters"] else (),
        date_known=_date(_text(item, "pubDate")) != UNDATED_EPISODE,
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
        return datetime(1970, 1, 1, tzinfo=UTC)
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
