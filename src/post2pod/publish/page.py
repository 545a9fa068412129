"""The podcast's web pages, from Jinja2 templates (publish/templates/):

- index.html: the cover, the subscribe box (the feed URL with a copy button, one-tap links for podcast
  apps) and a player per episode that follows the words (chapters, and a transcript that highlights
  the sentence being spoken);
- episodes/<slug>.html: one episode's page: the same player, the show notes, the subscribe box, Open
  Graph and Twitter card tags and the code to embed its player elsewhere;
- episodes/<slug>.embed.html: that small player alone, for the embed code's <iframe>;
- feed.xsl: the stylesheet that shows feed.xml as a readable page in a browser (`with_stylesheet`
  puts the processing instruction naming it into the feed).

Every piece of text is escaped (autoescape; show notes are sanitised HTML already); links from the
source feed are used only when they are http(s). Audio, transcript and cover links are relative, so the
folder works wherever it is served; only the tags read by other sites (Open Graph, the embed code) are
absolute, from the podcast's base URL. Output is deterministic.
"""

from __future__ import annotations

import contextlib
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from urllib.parse import quote, urlsplit

import jinja2
from markupsafe import Markup

from post2pod.models import Episode, Podcast
from post2pod.publish.feed import sort_episodes
from post2pod.publish.names import INDEX_FILE, STYLESHEET_FILE, embed_page, episode_page
from post2pod.publish.text import clean, format_date, format_duration, url_for
from post2pod.workspace import FEED_FILE

EMBED_HEIGHT = 140  # px: the embed page (kicker, title, date, player) without scrolling
OG_DESCRIPTION_CHARS = 200
STYLESHEET_PI = f'<?xml-stylesheet type="text/xsl" href="{STYLESHEET_FILE}"?>'.encode()

_XML_DECLARATION = re.compile(rb"^(\xef\xbb\xbf)?<\?xml[^>]*\?>")


# --- subscribe links --------------------------------------------------------------------------


def subscribe_links(feed_url: str, title: str = "") -> list[tuple[str, str]]:
    """(app, link) pairs that open a podcast app on the feed, for an http(s) feed URL (else none).

    Each format is the app's own: Apple Podcasts, Pocket Casts, Podcast Addict and Castro take the
    address without its scheme after their own; Overcast and AntennaPod's subscribe page take it
    URL-encoded as a parameter; gPodder strips `gpodder:` from what follows (so the https survives).
    """
    feed = _web_url(feed_url)
    if not feed:
        return []
    bare = quote(feed.split("://", 1)[1], safe="/:@!$&'()*+,;=?#[]%~")
    encoded = quote(feed, safe="")
    antennapod = f"https://antennapod.org/deeplink/subscribe?url={encoded}"
    if clean(title).strip():
        antennapod += "&title=" + quote(clean(title).strip(), safe="")
    return [
        ("Apple Podcasts", f"podcast://{bare}"),
        ("Overcast", f"overcast://x-callback-url/add?url={encoded}"),
        ("Pocket Casts", f"pktc://subscribe/{bare}"),
        ("AntennaPod", antennapod),
        ("Podcast Addict", f"podcastaddict://{bare}"),
        ("Castro", f"castros://subscribe/{bare}"),
        ("gPodder", f"gpodder:{feed.split('://', 1)[0].lower()}://{bare}"),
    ]


# --- the feed's stylesheet --------------------------------------------------------------------


def render_stylesheet() -> str:
    """feed.xsl: a static file (the feed itself carries everything it shows)."""
    return _source(STYLESHEET_FILE)


def with_stylesheet(xml: bytes) -> bytes:
    """The feed with `<?xml-stylesheet type="text/xsl" href="feed.xsl"?>` right after its XML
    declaration (browsers then show it as a page; podcast apps ignore it). Idempotent."""
    if STYLESHEET_PI in xml[:512]:
        return xml
    declaration = _XML_DECLARATION.match(xml)
    if declaration is None:
        return STYLESHEET_PI + b"\n" + xml
    end = declaration.end()
    return xml[:end] + b"\n" + STYLESHEET_PI + xml[end:]


# --- pages ------------------------------------------------------------------------------------


def render_page(podcast: Podcast, episodes: Sequence[Episode], cover_file: str) -> str:
    """index.html as a string (deterministic)."""
    show = _show(podcast)
    return _template("index.html").render(
        _common(podcast, show, cover_file, root=""),
        page_title=show.title,
        description=show.description,
        og=_Social(
            type="website",
            title=show.title,
            description=_short(podcast.description) or show.title,
            site_name=show.title,
            url=_absolute(podcast, ""),
            image=_absolute(podcast, cover_file),
            image_alt=f"Cover art of {show.title}",
        ),
        episodes=[_episode(e, root="") for e in sort_episodes(episodes)],
    )


def render_episode_page(podcast: Podcast, episode: Episode, cover_file: str) -> str:
    """episodes/<slug>.html as a string (deterministic)."""
    show = _show(podcast)
    view = _episode(episode, root="../")
    description = _short(episode.description) or _short(podcast.description) or show.title
    page, embed = episode_page(episode) or "", embed_page(episode) or ""
    embed_url = _absolute(podcast, embed) if embed else ""
    snippet = ""
    if embed_url:
        label = escape(f"{view.title} · {show.title}", quote=True)
        snippet = (
            f'<iframe src="{escape(embed_url, quote=True)}" title="{label}" width="100%" '
            f'height="{EMBED_HEIGHT}" style="max-width:640px;border:0;border-radius:12px" '
            'loading="lazy"></iframe>'
        )
    return _template("episode.html").render(
        _common(podcast, show, cover_file, root="../"),
        page_title=f"{view.title} · {show.title}",
        description=description,
        og=_Social(
            type="website",
            title=view.title,
            description=description,
            site_name=show.title,
            url=_absolute(podcast, page) if page else "",
            image=_web_url(episode.image_url) or _absolute(podcast, cover_file),
            image_alt=f"Cover art of {show.title}",
            audio=_absolute(podcast, episode.audio_file),
        ),
        e=view,
        index_href=f"../{INDEX_FILE}",
        embed=snippet,
    )


def render_embed_page(podcast: Podcast, episode: Episode, cover_file: str) -> str:
    """episodes/<slug>.embed.html: the episode's player alone, for an <iframe> on another site."""
    show = _show(podcast)
    view = _episode(episode, root="../")
    page = episode_page(episode) or ""
    return _template("embed.html").render(
        _common(podcast, show, cover_file, root="../"),
        page_title=f"{view.title} · {show.title}",
        description=_short(episode.description) or show.title,
        e=view,
        page_href=_local(page, "../") if page else f"../{INDEX_FILE}",
        page_url=_absolute(podcast, page) if page else "",
    )


# --- view models ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Show:
    title: str
    description: str
    author: str
    disclosure: str
    site_href: str
    site_name: str
    feed_href: str


@dataclass(frozen=True)
class _Subscribe:
    feed_url: str
    feed_href: str
    apps: list[tuple[str, str]]


@dataclass(frozen=True)
class _Social:
    type: str
    title: str
    description: str
    site_name: str
    url: str
    image: str
    image_alt: str
    audio: str = ""


@dataclass(frozen=True)
class _ChapterView:
    t: str  # seconds, for the player's data-t
    at: str  # m:ss
    title: str


@dataclass(frozen=True)
class _EpisodeView:
    slug: str
    title: str
    page_href: str
    audio_href: str
    transcript_href: str
    post_href: str
    date_iso: str
    date: str
    duration: str
    chapters: tuple[_ChapterView, ...]
    summary: tuple[str, ...]
    notes: Markup


def _show(podcast: Podcast) -> _Show:
    site = _web_url(podcast.link)
    return _Show(
        title=_plain(podcast.title) or "Untitled podcast",
        description=_plain(podcast.description),
        author=_plain(podcast.author),
        disclosure=_plain(podcast.disclosure),
        site_href=site,
        site_name=(urlsplit(site).hostname or site) if site else "",
        feed_href=_web_url(podcast.feed_url),
    )


def _common(podcast: Podcast, show: _Show, cover_file: str, root: str) -> dict[str, object]:
    """What every page's template gets."""
    return {
        "lang": _plain(podcast.language) or "en",
        "show": show,
        "sub": _Subscribe(
            feed_url=_plain(podcast.feed_url),
            feed_href=show.feed_href,
            apps=subscribe_links(podcast.feed_url, show.title),
        ),
        "cover_href": _local(cover_file, root),
        "feed_file": _local(FEED_FILE, root),
    }


def _episode(episode: Episode, root: str) -> _EpisodeView:
    page = episode_page(episode)
    day = episode.published
    return _EpisodeView(
        slug=_plain(episode.slug),
        title=_plain(episode.title) or "Untitled episode",
        page_href=_local(page, root) if page else "",
        audio_href=_local(episode.audio_file, root),
        transcript_href=_local(episode.transcript_file, root) if episode.transcript_file else "",
        post_href=_web_url(episode.link),
        date_iso=day.date().isoformat() if episode.date_known else "",
        date=format_date(day) if episode.date_known else "",
        duration=format_duration(episode.duration_ms),
        chapters=tuple(
            _ChapterView(f"{c.start_ms / 1000:g}", format_duration(c.start_ms), _plain(c.title))
            for c in sorted(episode.chapters, key=lambda c: c.start_ms)
        ),
        summary=tuple(p.strip() for p in clean(episode.description).split("\n\n") if p.strip()),
        notes=Markup(clean(episode.notes_html).strip()),  # sanitised when the episode was built
    )


# --- helpers ----------------------------------------------------------------------------------


class _CompiledTemplates(jinja2.FileSystemBytecodeCache):
    """Templates compiled by an earlier run, kept in the user's own temporary folder (a no-op sync then
    loads them instead of compiling them: 0.1 s). A cache that cannot be read or written is skipped."""

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except (OSError, EOFError, ValueError, TypeError):
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def _template_cache() -> jinja2.BytecodeCache | None:
    try:
        return _CompiledTemplates()
    except (OSError, RuntimeError):  # no private temporary folder could be made
        return None


@functools.cache
def _environment() -> jinja2.Environment:
    """One environment for the process: templates are compiled once (and kept for the next run)."""
    env = jinja2.Environment(
        bytecode_cache=_template_cache(),
        loader=jinja2.PackageLoader("post2pod.publish", "templates"),
        autoescape=True,
        finalize=_escape,
        undefined=jinja2.StrictUndefined,
        trim_blocks=False,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    # the stylesheet and the script are inserted as they are (not parsed as templates)
    env.globals["style"] = Markup(_raw(env, "style.css"))
    env.globals["script"] = Markup(_raw(env, "player.js"))
    return env


def _escape(value: object) -> object:
    """Text escaped as html.escape does (`&quot;`, not markupsafe's `&#34;`: the pages read as before);
    Markup (show notes, macros) passes as it is."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return Markup(escape(value, quote=True))
    return value


def _template(name: str) -> jinja2.Template:
    return _environment().get_template(name)


def _source(name: str) -> str:
    return _raw(_environment(), name)


def _raw(env: jinja2.Environment, name: str) -> str:
    assert env.loader is not None
    return env.loader.get_source(env, name)[0]


def _plain(value: str | None) -> str:
    """Text without control characters, trimmed (the templates escape it)."""
    return clean(value).strip()


def _short(text: str, limit: int = OG_DESCRIPTION_CHARS) -> str:
    """Plain text on one line, cut at a word boundary (with an ellipsis) to at most `limit` characters."""
    flat = " ".join(clean(text).split())
    if len(flat) <= limit:
        return flat
    head, _, _ = flat[: limit - 1].rpartition(" ")
    return (head or flat[: limit - 1]).rstrip(" ,;:.-") + "…"


def _local(relative: str, root: str = "") -> str:
    """A relative link to a file in the output folder (from a page `root` deep: "" or "../"), quoted."""
    return root + "/".join(quote(part, safe="") for part in clean(relative).strip("/").split("/"))


def _absolute(podcast: Podcast, relative: str) -> str:
    """The public URL of a file in the output folder, when the base URL is http(s); else ""."""
    if not _web_url(podcast.base_url):
        return ""
    return url_for(podcast.base_url, relative)


def _web_url(url: str | None) -> str:
    """The URL if it is http(s) with a host, else "" (no javascript: links from a hostile feed)."""
    value = clean(url).strip()
    parts = urlsplit(value)
    return value if parts.scheme.lower() in ("http", "https") and parts.netloc else ""
