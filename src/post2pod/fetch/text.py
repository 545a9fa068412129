"""Small text helpers for feed fields: control characters, HTML to plain text, truncated posts."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from post2pod.models import Post

# C0 controls except tab/newline/carriage return, DEL and the C1 range: never valid in text we speak.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SPACE = re.compile(r"\s+")
_ENTITY = re.compile(r"&(#\d+|#x[0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")

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


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, _attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "template"):
            self._skip += 1
        elif tag in ("br", "p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "blockquote"):
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "template"):
            self._skip = max(0, self._skip - 1)

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
    """A title as plain text: tags dropped, entities (even double-escaped ones) decoded, one line."""
    text = plain_text(value) if is_html else collapse(value)
    if _ENTITY.search(text):
        text = collapse(html.unescape(text))
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
