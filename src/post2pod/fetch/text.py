"""Small text helpers for feed fields: control characters, HTML to plain text, truncated posts."""

from __future__ import annotations

import html
import re
from collections.abc import Collection
from html.parser import HTMLParser
from urllib.parse import urlsplit

from post2pod.models import Post

# C0 controls except tab/newline/carriage return, DEL and the C1 range: never valid in text we speak.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SPACE = re.compile(r"\s+")
_ENTITY = re.compile(r"&(#\d+|#x[0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")
_TAG = re.compile(r"<[A-Za-z!/]")
_BREAK = "\x00"
# Elements that set a subtitle apart from the title ("Title<small>Subtitle</small>", "Title<br>Subtitle").
_SUBTITLE_TAGS = frozenset(
    ("small", "br", "div", "p", "h1", "h2", "h3", "h4", "h5", "h6", "hgroup", "header")
)
_TITLE_STOPS = ".:;!?,|-–—·»"

# has_full_text: a text this short that ends like a teaser is a teaser; a bare summary this short
# (no separate content element) is probably not the whole post either.
TEASER_MAX_WORDS = 500
SUMMARY_MAX_WORDS = 150
_TEASER_PHRASES = (
    "read more",
    "continue reading",
    "keep reading",
    "read the rest",
    "read the full",
    "full article",
    "full post",
    "full story",
    "more »",
    "(more…)",
)


# Longer teaser endings: "Continue reading <a long title> at <site>", "(25 paragraphs remaining)".
_TEASER_TAIL = re.compile(
    r"\b(?:continue|keep)\s+reading\b[^.!?]*$|\b\d+\s+(?:more\s+)?(?:paragraphs?|words?)\s+remaining\b[^.!?]*$",
    re.IGNORECASE,
)


def strip_controls(text: str) -> str:
    """`text` without control characters (tab, newline and carriage return are kept)."""
    return _CONTROL.sub("", text)


def collapse(text: str) -> str:
    """One line: control characters removed, runs of whitespace made one space."""
    return _SPACE.sub(" ", strip_controls(text)).strip()


_BLOCK_TAGS = ("br", "p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "blockquote")


class _TextCollector(HTMLParser):
    """The visible text of HTML, with `mark` where one of `marked` opens (and, if `both_ends`, closes)."""

    def __init__(
        self, marked: Collection[str] = _BLOCK_TAGS, mark: str = " ", both_ends: bool = False
    ) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0
        self.marked, self.mark, self.both_ends = marked, mark, both_ends

    def handle_starttag(self, tag: str, _attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "template"):
            self._skip += 1
        elif tag in self.marked:
            self.parts.append(self.mark)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "template"):
            self._skip = max(0, self._skip - 1)
        elif self.both_ends and tag in self.marked:
            self.parts.append(self.mark)

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def plain_text(markup: str) -> str:
    """The visible text of an HTML fragment, on one line."""
    collector = _TextCollector()
    collector.feed(markup)
    collector.close()
    return collapse("".join(collector.parts))


def plain_title(value: str, is_html: bool) -> str:
    """A title as plain text: tags dropped, entities (even double-escaped ones) decoded, one line.

    What identifies a post (its guid when it has no id or link) is made of this; `title_text` is what
    is shown and said."""
    text = plain_text(value) if is_html else collapse(value)
    if _ENTITY.search(text):
        text = collapse(html.unescape(text))
    return text


def title_text(value: str, is_html: bool) -> str:
    """A title as shown and said: `plain_title`, but a subtitle in its own element stays apart
    ("Directives at Home<small>Can we…</small>" -> "Directives at Home: Can we…")."""
    if not is_html or not _TAG.search(value):
        return plain_title(value, is_html)
    collector = _TextCollector(_SUBTITLE_TAGS, _BREAK, both_ends=True)  # a subtitle starts (and ends) apart
    collector.feed(value)
    collector.close()
    text = ""
    for piece in "".join(collector.parts).split(_BREAK):
        piece = collapse(html.unescape(piece) if _ENTITY.search(piece) else piece)
        if not piece:
            continue
        glue = " " if not text or text[-1] in _TITLE_STOPS else ": "
        text = (text + glue + piece).strip()
    return text


def text_to_html(text: str) -> str:
    """Plain text as HTML paragraphs (blank lines separate paragraphs)."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", strip_controls(text)) if p.strip()]
    return "\n".join(f"<p>{html.escape(p, quote=False)}</p>" for p in paragraphs)


def _looks_truncated(text: str) -> bool:
    end = text.rstrip(" )]}»›→>").lower()
    if end.endswith(("…", "...", "[…]", "[...]")):
        return True
    tail = end[-60:]
    return any(phrase in tail for phrase in _TEASER_PHRASES) or bool(_TEASER_TAIL.search(end[-200:]))


def has_full_text(post: Post) -> bool:
    """Whether `post.html` is the whole post, not a teaser (else fetch the post's page).

    False when the HTML is empty, when it is short and ends like a teaser ("…", "Read more"), or
    when the feed had no full content for the post (only a summary) and it is short.
    """
    text = plain_text(post.html)
    words = len(text.split())
    if words == 0:
        return False
    if words <= TEASER_MAX_WORDS and _looks_truncated(text):
        return False
    return not (post.summary_only and words <= SUMMARY_MAX_WORDS)


# A separator between a post's title and the site's name: "Title | Site", "Site – Title", "Title · Site".
_SITE_SEPARATOR = re.compile(r"\s+(?:[|·•»›~—–-]{1,2}|::)\s+|\s+[|·•»]\s*|\s*[|·•»]\s+")
_PREFIX_SEPARATOR = re.compile(r"\s*:\s+")  # "Site: Title", only ever after the site's exact name
_WORD = re.compile(r"[^\W_]+")


def site_names(feed_title: str, feed_link: str) -> tuple[str, ...]:
    """The names a blog's titles may carry: its feed's title and its host ("blog.example.org",
    "example.org")."""
    host = (urlsplit(feed_link).hostname or "").removeprefix("www.")
    hosts = (host, host.split(".", 1)[1]) if host.count(".") >= 2 else (host,)
    return tuple(name for name in (feed_title, *hosts) if _WORD.search(name))


def without_site_name(title: str, names: tuple[str, ...]) -> str:
    """`title` without the site's name that generators add before or after it ("Announcing Rust 1.80 |
    Rust Blog" -> "Announcing Rust 1.80"); a part that is not the site's name always stays."""
    if not names or len(title) > 1000:
        return title
    for match in _SITE_SEPARATOR.finditer(title):  # leftmost first: the longest suffix
        rest = title[: match.start()].rstrip()
        if _WORD.search(rest) and _is_site(title[match.end() :], names):
            return rest
    for separator in (_SITE_SEPARATOR, _PREFIX_SEPARATOR):
        for match in separator.finditer(title):
            rest = title[match.end() :].lstrip()
            exact = separator is _PREFIX_SEPARATOR
            if _WORD.search(rest) and _is_site(title[: match.start()], names, exact=exact):
                return rest
    return title


def _is_site(part: str, names: tuple[str, ...], exact: bool = False) -> bool:
    """Whether `part` is one of the site's `names`, or (unless `exact`) most of one of them: at least
    two of its words and half of them, in order ("Rust Blog" of "Rust Blog - The Rust Language")."""
    words = [w.casefold() for w in _WORD.findall(part)]
    if not words:
        return False
    for name in names:
        named = [w.casefold() for w in _WORD.findall(name)]
        if words == named:
            return True
        if not exact and len(words) >= 2 and 2 * len(words) >= len(named) and _contains(named, words):
            return True
    return False


def _contains(words: list[str], part: list[str]) -> bool:
    return any(words[i : i + len(part)] == part for i in range(len(words) - len(part) + 1))
