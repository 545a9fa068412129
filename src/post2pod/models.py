"""Plain, frozen dataclasses passed between the pipeline stages.

fetch -> Post -> narrate -> Script -> synth -> Clip -> assemble -> EpisodeAudio -> publish.
Nothing here does I/O or imports a third-party library.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

# Segment kinds, as shown by `post2pod script --json`.
PODCAST_TYPES = ("episodic", "serial")  # itunes:type: newest first, or in order

KIND_INTRO = "intro"
KIND_HEADING = "heading"
KIND_BODY = "body"
KIND_LIST_ITEM = "list_item"
KIND_QUOTE = "quote"
KIND_ASIDE = "aside"
KIND_NOTE = "note"  # announcements: "A code sample follows in the post.", a table, a video...
KIND_OUTRO = "outro"
SEGMENT_KINDS = (
    KIND_INTRO,
    KIND_HEADING,
    KIND_BODY,
    KIND_LIST_ITEM,
    KIND_QUOTE,
    KIND_ASIDE,
    KIND_NOTE,
    KIND_OUTRO,
)


@dataclass(frozen=True)
class PageState:
    """The last read of a post's page, for a feed that carries only summaries: its validators for the
    next conditional GET, the hash of the post's text on it, and when it was read."""

    url: str
    etag: str | None
    last_modified: str | None
    body_hash: str
    checked_at: datetime


@dataclass(frozen=True)
class FeedInfo:
    """What the source feed says about the blog itself."""

    title: str
    link: str
    description: str = ""
    author: str = ""
    language: str = ""
    image_url: str = ""
    author_email: str = ""  # from "ada@example.org (Ada Lindqvist)": the podcast owner's, unless set


@dataclass(frozen=True)
class Post:
    """One blog post as fetched: the HTML to narrate and its identity."""

    guid: str
    url: str
    title: str
    published: datetime  # timezone-aware
    html: str
    author: str = ""
    updated: datetime | None = None
    summary: str = ""
    source_feed: str = ""
    excerpt: bool = False  # `html` is only the opening of the post: its page could not be read
    summary_only: bool = False  # the feed had no full content for it, only a summary
    language: str = ""  # as the feed declares it (its content's xml:lang, else the channel's language)
    # False when neither the feed, the post's address nor its page gave a date: `published` is then only
    # a stable date for ordering (see fetch.feeds.UNDATED) and the intro does not announce it
    date_known: bool = True
    image_url: str = ""  # the post's own picture (media:thumbnail, media:content, an image enclosure)


@dataclass(frozen=True)
class Segment:
    """One unit of speech (usually a sentence): exactly the text that is spoken.

    `paragraph_end` is True on the last segment of a block (paragraph, list item, quote,
    aside...), so assembly can put a paragraph pause after it instead of a sentence pause.
    """

    text: str
    kind: str = KIND_BODY
    paragraph_end: bool = True
    language: str = ""  # "" is the post's language; else a passage to read with that language's voice


@dataclass(frozen=True)
class Section:
    """A chapter of the episode: the intro (title None) or one heading and what follows it."""

    title: str | None
    segments: tuple[Segment, ...]


@dataclass(frozen=True)
class Script:
    """Everything that will be spoken for one post, in order."""

    title: str
    sections: tuple[Section, ...]
    language: str = "en"  # two-letter code the post is read in
    disclosure: str = ""  # the AI disclosure as written, for the episode's description ("": none)

    @property
    def segments(self) -> tuple[Segment, ...]:
        return tuple(seg for section in self.sections for seg in section.segments)

    def to_dict(self) -> dict[str, Any]:
        """The `post2pod script --json` shape."""
        return {
            "title": self.title,
            "sections": [
                {
                    "title": section.title,
                    "segments": [
                        {"kind": s.kind, "text": s.text, **({"language": s.language} if s.language else {})}
                        for s in section.segments
                    ],
                }
                for section in self.sections
            ],
        }


@dataclass(frozen=True)
class Clip:
    """Synthesised audio for one segment: raw PCM (mono, 16-bit) on disk."""

    key: str
    path: Path
    sample_rate: int
    samples: int

    @property
    def duration_ms(self) -> int:
        return round(self.samples * 1000 / self.sample_rate)


@dataclass(frozen=True)
class Chapter:
    title: str
    start_ms: int
    end_ms: int


@dataclass(frozen=True)
class Cue:
    """One transcript cue: a spoken segment and where it sits in the episode."""

    start_ms: int
    end_ms: int
    text: str


@dataclass(frozen=True)
class EpisodeAudio:
    """The finished MP3 and its companions (transcript, chapters) as written by assembly."""

    mp3_path: Path
    bytes: int
    duration_ms: int
    chapters: tuple[Chapter, ...] = ()
    cues: tuple[Cue, ...] = ()
    transcript_path: Path | None = None
    chapters_path: Path | None = None


@dataclass(frozen=True)
class Episode:
    """A published episode as kept in the store and listed in the feed.

    File names are relative to the output folder (e.g. ``episodes/my-post-v1.mp3``).
    """

    guid: str
    slug: str
    version: int
    title: str
    link: str
    published: datetime
    description: str
    audio_file: str
    bytes: int
    duration_ms: int
    content_hash: str
    updated_at: datetime
    author: str = ""
    transcript_file: str | None = None
    chapters_file: str | None = None
    chapters: tuple[Chapter, ...] = ()
    date_known: bool = True  # False: `published` only orders the episode (its post gave no date)
    notes_html: str = ""  # show notes: the post's own opening, sanitised HTML ("": use `description`)
    image_url: str = ""  # the post's own picture (http(s)), for apps that show one per episode
    adopted: bool = False  # read from a published feed (`adopt`): its hashes are learned at the next sync


@dataclass(frozen=True)
class Podcast:
    """Channel-level metadata of the podcast feed we publish (config, then source feed)."""

    title: str
    description: str
    link: str
    feed_url: str
    base_url: str
    language: str = "en"
    author: str = ""
    owner_name: str = ""
    owner_email: str = ""
    image: str = ""  # a local path to the configured cover; empty: generate one
    category: str = "Technology"
    subcategory: str = ""
    explicit: bool = False
    podcast_type: str = "episodic"
    copyright: str = ""
    locked: bool = False
    author_fallback: bool = False  # no author anywhere: `author` is the blog's title or site name
    disclosure: str = ""  # AI disclosure added to the channel description ("": none)
    guid: str = ""  # podcast:guid, fixed at the first publish ("": from the feed URL)
    moved_from: str = ""  # the feed URL first published, when the feed has moved since


@dataclass(frozen=True)
class RunReport:
    """What a sync or regenerate did."""

    new: tuple[str, ...] = ()
    regenerated: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    failed: tuple[tuple[str, str], ...] = ()
    would_publish: tuple[str, ...] = field(default=())  # --dry-run: titles

    @property
    def ok(self) -> bool:
        return not self.failed
