"""Notes that sit inside the sentence but are set aside by markup: Tufte CSS sidenotes and margin
notes, an `<aside>` inside a paragraph, a hidden tooltip right after its marker (Modern
Footnotes), and note text carried by a marker's `title` (Easy Footnotes without its list)."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, NavigableString, Tag

from post2pod.narrate.html.tags import TEXT_BLOCKS, classes
from post2pod.narrate.notes.markers import (
    Notes,
    block_of,
    clean_note,
    label_core,
    leading_text,
    named,
    text_before_in_block,
    text_of,
)

_SIDENOTE_CLASS_RE = re.compile(r"^(?:side|margin)-?notes?$", re.IGNORECASE)
_TOOLTIP_CLASS_RE = re.compile(r"note|tooltip|popover|popup", re.IGNORECASE)
_GENERIC_TITLE_RE = re.compile(
    r"\b(?:view|see|show|go to|jump to|read)\b.*\bnote|^\W*(?:foot)?note\W*\d*\W*$", re.I
)
_MARKER_TAGS = ("sup", "a", "span", "small", "label")


def extract_sidenotes(soup: BeautifulSoup, notes: Notes) -> None:
    """Sidenotes, margin notes, in-paragraph asides and tooltips become notes cited where they stood."""
    for element in named(soup, "span", "aside", "small", "div", "section", "p"):
        if element.parent is None or notes.index_of(element) is not None:
            continue
        if _is_sidenote(element):
            _drop_label_before(element)
            if _is_figure_caption(element):
                element.name = "figcaption"  # Tufte CSS captions a figure with a margin note
                continue
            _cite_inline(notes, element, element)
            continue
        marker = _tooltip_marker(element)
        if marker is not None:
            _cite_inline(notes, element, marker)


def extract_tooltips(soup: BeautifulSoup, notes: Notes) -> None:
    """A marker whose `title` holds the note (its in-page list, if any, was not found)."""
    for element in named(soup, "a", "sup", "span", "abbr"):
        if element.parent is None:
            continue
        if label_core(leading_text(element, 12)) is None:
            continue
        title = _title_of(element)
        if not title:
            continue
        wrapper = element
        while isinstance(wrapper.parent, Tag) and wrapper.parent.name in _MARKER_TAGS:
            if text_of(wrapper.parent) != text_of(element):
                break
            wrapper = wrapper.parent
        if not re.search(r"\w", text_before_in_block(wrapper)):
            continue
        body = soup.new_tag("div")
        parsed = BeautifulSoup(title, "lxml")
        for child in list((parsed.body or parsed).children):
            body.append(child.extract())
        index = notes.add(body, body)
        notes.cite(wrapper, index)


def _is_sidenote(element: Tag) -> bool:
    if any(_SIDENOTE_CLASS_RE.match(c) for c in classes(element)):
        return bool(text_of(element))
    if element.name == "aside":
        block = block_of(element)
        return block is not None and block.name in ("p", "li", "dd") and bool(text_of(element))
    return False


def _is_figure_caption(element: Tag) -> bool:
    """A margin note standing straight in a `figure` (not in one of its paragraphs) is its caption."""
    parent = element.parent
    while isinstance(parent, Tag) and parent.name not in TEXT_BLOCKS and parent.name != "figure":
        parent = parent.parent
    return isinstance(parent, Tag) and parent.name == "figure" and parent.find("figcaption") is None


def _tooltip_marker(element: Tag) -> Tag | None:
    """The marker right before a hidden note (`role=tooltip`, a *note* class, or named by the marker)."""
    if element.name not in ("span", "aside", "small", "div"):
        return None
    marker = _previous_inline(element)
    if marker is None or marker.name not in _MARKER_TAGS or label_core(text_of(marker)) is None:
        return None
    if len(leading_text(element, 20).split()) < 2:
        return None
    described = " ".join(
        str(t.get(a) or "")
        for t in [marker, *marker.find_all(True)]
        for a in ("aria-describedby", "aria-controls")
    ).split()
    named = bool(element.get("id")) and str(element.get("id")) in described
    role = str(element.get("role") or "") in ("tooltip", "note")
    hinted = any(_TOOLTIP_CLASS_RE.search(c) for c in classes(element))
    if not (named or role or hinted):
        return None
    if not re.search(r"\w", text_before_in_block(marker)):
        return None
    return marker


def _previous_inline(element: Tag) -> Tag | None:
    node = element.previous_sibling
    while isinstance(node, NavigableString) and not str(node).strip():
        node = node.previous_sibling
    return node if isinstance(node, Tag) and node.name not in TEXT_BLOCKS else None


def _drop_label_before(element: Tag) -> None:
    """The number or toggle drawn before a sidenote (`sidenote-number`, a `[1]` link to it)."""
    previous = _previous_inline(element)
    if previous is None or previous.name not in _MARKER_TAGS:
        return
    text = text_of(previous)
    if not text or label_core(text) is not None or text in ("⊕", "⊕︎", "+"):
        previous.decompose()


def _cite_inline(notes: Notes, note: Tag, marker: Tag) -> None:
    index = notes.add(note, note)
    if marker is note:
        notes.cite(note, index)
    else:
        notes.cite(marker, index)
        note.extract()
    clean_note(note, None)


def _title_of(element: Tag) -> str:
    for tag in (element, *element.find_all(True)):
        for attribute in ("title", "data-tooltip", "data-title", "aria-label"):
            value = " ".join(str(tag.get(attribute) or "").split())
            if len(value.split()) >= 3 and not _GENERIC_TITLE_RE.search(value):
                return value
    return ""
