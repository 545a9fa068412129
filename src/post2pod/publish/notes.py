"""Show notes: the post's own opening paragraphs, with their links, as safe HTML and as plain text.

Podcast apps show an episode's notes under the player; listeners expect the author's words and links
there, not the narration ("forty five cents"). The notes are the first paragraphs (and lists and
quotes) of the post, up to about NOTES_CHARS characters of text, without pictures, tables, code
blocks, footnote markers or anything a sanitiser would not pass: nh3 (the Ammonia crate) keeps a
small allow-list of tags, and every link gets `rel="nofollow noopener"`. Relative links are made
absolute against the post's address, so they work in any app.
"""

from __future__ import annotations

import re

import nh3
from lxml import etree
from lxml import html as lxml_html

NOTES_CHARS = 600  # of text: a few paragraphs, well inside Apple's 4,000-character description
MAX_NOTES_BYTES = 3000  # of HTML, links included
MIN_WORDS = 6  # a shorter block is a dateline, a reading time or a greeting, not the post's opening
TAGS = {"p", "a", "em", "strong", "b", "i", "code", "ul", "ol", "li", "blockquote", "br"}
BLOCKS = ("p", "ul", "ol", "blockquote")
# never part of the notes, whatever they hold
DROPPED = (
    "script", "style", "noscript", "template", "iframe", "object", "embed", "figure", "img", "picture",
    "svg", "math", "table", "pre", "form", "button", "nav", "aside", "footer", "header", "audio", "video",
    "sup", "details",
)  # fmt: skip
_SPACES = re.compile(r"\s+")
_NOTES = re.compile(r"foot-?notes?|end-?notes?|doc-(?:end|foot)notes?|\bfn\d")


def show_notes(post_html: str, post_url: str = "") -> str:
    """The opening of the post as sanitised HTML ("" when it has no paragraph of its own)."""
    root = _parse(post_html)
    if root is None:
        return ""
    for element in list(root.iter(*DROPPED)):
        element.drop_tree()  # its tail (the text after it) stays
    _drop_notes(root)
    if post_url.startswith(("http://", "https://")):
        root.make_links_absolute(post_url, resolve_base_href=False)
    chosen, length = [], 0
    for block in _blocks(root):
        text = _text(block)
        if len(text.split()) < MIN_WORDS:
            continue
        chosen.append(_clean(etree.tostring(block, encoding="unicode", with_tail=False)))
        length += len(text)
        if length >= NOTES_CHARS:
            break
    while chosen and sum(len(part.encode()) for part in chosen) > MAX_NOTES_BYTES:
        chosen.pop()
    return "".join(chosen)


def notes_text(notes_html: str) -> str:
    """The notes as plain text: one paragraph per block, separated by blank lines."""
    root = _parse(notes_html)
    if root is None:
        return ""
    parts = []
    for block in _blocks(root):
        if block.tag in ("ul", "ol"):
            parts.append("\n".join(f"- {_text(item)}" for item in block.iter("li") if _text(item)))
        else:
            parts.append(_text(block))
    return "\n\n".join(part for part in parts if part)


def _parse(fragment: str) -> lxml_html.HtmlElement | None:
    if not fragment.strip():
        return None
    try:
        return lxml_html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return None


def _drop_notes(root: lxml_html.HtmlElement) -> None:
    """Footnote lists go (the notes are the post's opening, not its apparatus), and so do in-page
    links: a marker or a back-link ("↩") with them, any other in-page link keeps its words."""
    for element in list(root.iter(etree.Element)):  # elements only, not comments
        if element.getparent() is None:
            continue
        marks = " ".join(element.get(name) or "" for name in ("class", "id", "role")).lower()
        if _NOTES.search(marks):
            element.drop_tree()
    for link in list(root.iter("a")):
        if (link.get("href") or "").startswith("#") and link.getparent() is not None:
            if len(_text(link)) <= 3:
                link.drop_tree()
            else:
                link.drop_tag()


def _blocks(root: lxml_html.HtmlElement) -> list[lxml_html.HtmlElement]:
    """Paragraphs, lists and quotes in reading order, none inside another (a quote's paragraphs go
    with their quote)."""
    found = []
    for element in root.iter(*BLOCKS):
        if not any(ancestor.tag in BLOCKS for ancestor in element.iterancestors()):
            found.append(element)
    return found


def _text(element: lxml_html.HtmlElement) -> str:
    return _SPACES.sub(" ", element.text_content()).strip()


def _clean(fragment: str) -> str:
    return nh3.clean(
        fragment,
        tags=TAGS,
        attributes={"a": {"href"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow noopener",
        strip_comments=True,
    ).strip()
