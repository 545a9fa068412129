"""Find footnotes, take their text out of the page, and leave a marker where each is cited.

Handles the markup of Hugo/goldmark, Jekyll/kramdown, Pandoc/Quarto, GFM, remark, Python-Markdown,
MultiMarkdown, WordPress, Substack, Ghost (markdown-it) and Frog, plus degraded forms: absolute
`https://blog/post/#fn-1` links, `role`/`data-*`/`aria-*` stripped by a sanitiser, and bare
`<sup>1</sup>` with no link at all (matched to the n-th item of a trailing notes list).

A reference becomes one private-use character, `marker(i)`, glued to the text that cites it;
`split_markers` takes them out of a sentence again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote

from bs4 import BeautifulSoup, NavigableString, Tag

MARKER_BASE = 0xE000
MARKER_LIMIT = 0xF000
MARKER_RE = re.compile("[\ue000-\uefff]")

# Arrows and phrases of back-links that must never be spoken.
BACKREF_TEXT_RE = re.compile(
    r"\s*(?:[↩⤴↑^]\ufe0e?\ufe0f?|return to footnote\s*\d*|back to (?:reference|text|content)\s*\d*"
    r"|jump back to footnote\s*\d*(?: in the text)?)\s*(?:\d+\s*)?$",
    re.IGNORECASE,
)
ARROWS_RE = re.compile(r"[↩⤴]\ufe0e?\ufe0f?")
_CONTAINER_HINT = re.compile(r"foot-?notes?|endnotes?|fn-?list|notes-list|doc-endnotes", re.IGNORECASE)
_REF_TEXT_RE = re.compile(r"^\s*[\[(]?\s*(\d{1,3}|[*†‡§]+)\s*[\])]?\s*$")
_BACKREF_CLASS_RE = re.compile(
    r"backref|reversefootnote|footnote-back|footnote-number|fn-back", re.IGNORECASE
)


@dataclass
class Footnote:
    """One note: its position in the notes list, its content element, and whether it is cited."""

    number: int
    body: Tag
    cited: bool = False


def marker(index: int) -> str:
    """The placeholder character standing for footnote `index` (0-based) in running text."""
    return chr(MARKER_BASE + index)


def marker_index(char: str) -> int:
    return ord(char) - MARKER_BASE


def split_markers(text: str) -> tuple[str, list[int]]:
    """Remove markers from `text`; return the clean text and the cited note indexes, in order."""
    indexes = [marker_index(c) for c in MARKER_RE.findall(text)]
    if not indexes:
        return text, []
    clean = MARKER_RE.sub("", text)
    clean = re.sub(r"\s+([,.;:!?)])", r"\1", clean)
    return re.sub(r"\s{2,}", " ", clean).strip(), indexes


def extract_footnotes(soup: BeautifulSoup) -> list[Footnote]:
    """Detach every footnote from `soup`, replacing its first citation by a marker; return the notes."""
    items, containers = _note_items(soup)
    if not items:
        return []
    notes = [Footnote(number=i + 1, body=item) for i, item in enumerate(items)]
    refs = _link_refs(soup, items, containers) or _bare_refs(soup, items, containers)
    for ref, index in refs:
        _replace_ref(ref, index, notes)
    for note in notes:
        _strip_backrefs(note.body)
    for container in containers:
        _remove_container(container)
    return notes


# --- finding the notes ------------------------------------------------------------------------


def _note_items(soup: BeautifulSoup) -> tuple[list[Tag], list[Tag]]:
    substack = _substack_notes(soup)
    if substack:
        return [body for body, _ in substack], [box for _, box in substack]
    containers = _containers(soup)
    items = [li for container in containers for li in container.find_all("li") if _top_item(li, container)]
    return items, containers


def _top_item(li: Tag, container: Tag) -> bool:
    """A note is a list item of the container that is not nested in another item of it."""
    outer = li.find_parent("li")
    return outer is None or outer in container.parents


def _substack_notes(soup: BeautifulSoup) -> list[tuple[Tag, Tag]]:
    notes = []
    for box in soup.select("div.footnote"):
        number = box.select_one("a.footnote-number")
        content = box.select_one(".footnote-content")
        if number is None or content is None:
            continue
        content["id"] = str(number.get("id") or "")
        number.decompose()
        notes.append((content, box))
    return notes


def _containers(soup: BeautifulSoup) -> list[Tag]:
    found: list[Tag] = []
    for tag in soup.find_all(["div", "section", "ol", "aside", "footer"]):
        if any(parent in found for parent in tag.parents):
            continue
        if _looks_like_container(tag):
            found.append(tag)
    if not found:
        trailing = _trailing_arrow_list(soup)
        if trailing is not None:
            found.append(trailing)
    return found


def _looks_like_container(tag: Tag) -> bool:
    hints = [*_classes(tag), str(tag.get("id") or ""), str(tag.get("role") or "")]
    if tag.has_attr("data-footnotes") or "wp-block-footnotes" in _classes(tag):
        return True
    if not any(_CONTAINER_HINT.fullmatch(h) or h.startswith("footnotes") for h in hints if h):
        return False
    return tag.find("li") is not None


def _trailing_arrow_list(soup: BeautifulSoup) -> Tag | None:
    """An ordered list whose items all end with a plain-text back arrow (Quarto without links)."""
    lists = soup.find_all("ol")
    for ol in reversed(lists):
        items = ol.find_all("li", recursive=False)
        if items and all(ARROWS_RE.search(li.get_text()[-4:]) for li in items):
            return ol
    return None


# --- finding the references -------------------------------------------------------------------


def _link_refs(soup: BeautifulSoup, items: list[Tag], containers: list[Tag]) -> list[tuple[Tag, int]]:
    ids = {str(item.get("id")): i for i, item in enumerate(items) if item.get("id")}
    for i, item in enumerate(items):
        for inner in item.find_all(id=True):  # some markups put the id on a child anchor
            ids.setdefault(str(inner["id"]), i)
        for named in item.find_all("a", attrs={"name": True}):
            ids.setdefault(str(named["name"]), i)
    refs: list[tuple[Tag, int]] = []
    for link in soup.find_all("a", href=True):
        if _inside(link, containers):
            continue
        fragment = _fragment(str(link["href"]))
        if fragment in ids:
            refs.append((_ref_element(link), ids[fragment]))
    if refs or ids:
        return refs
    return _numbered_link_refs(soup, items, containers)


def _numbered_link_refs(
    soup: BeautifulSoup, items: list[Tag], containers: list[Tag]
) -> list[tuple[Tag, int]]:
    """Ids stripped: match footnote-looking links by the number they show."""
    refs = []
    for link in soup.find_all("a", href=True):
        if _inside(link, containers) or "#" not in str(link["href"]):
            continue
        match = _REF_TEXT_RE.match(link.get_text())
        if match and match.group(1).isdigit() and 1 <= int(match.group(1)) <= len(items):
            refs.append((_ref_element(link), int(match.group(1)) - 1))
    return refs


def _bare_refs(soup: BeautifulSoup, items: list[Tag], containers: list[Tag]) -> list[tuple[Tag, int]]:
    """`<sup>1</sup>` with no link: the n-th item of the notes list."""
    refs = []
    for sup in soup.find_all("sup"):
        if _inside(sup, containers):
            continue
        match = _REF_TEXT_RE.match(sup.get_text())
        if not match or not match.group(1).isdigit():
            continue
        number = int(match.group(1))
        previous = sup.previous_sibling
        after_digit = isinstance(previous, NavigableString) and previous.rstrip()[-1:].isdigit()
        if 1 <= number <= len(items) and not after_digit:
            refs.append((sup, number - 1))
    return refs


def _ref_element(link: Tag) -> Tag:
    parent = link.parent
    if (
        isinstance(parent, Tag)
        and parent.name == "sup"
        and parent.get_text(strip=True) == link.get_text(strip=True)
    ):
        return parent
    return link


def _replace_ref(ref: Tag, index: int, notes: list[Footnote]) -> None:
    if ref.decomposed or ref.parent is None:
        return
    if notes[index].cited or index >= MARKER_LIMIT - MARKER_BASE:
        ref.decompose()
        return
    notes[index].cited = True
    ref.replace_with(NavigableString(marker(index)))


# --- cleaning the notes -----------------------------------------------------------------------


def _strip_backrefs(body: Tag) -> None:
    for link in body.find_all("a"):
        text = link.get_text(" ", strip=True)
        href = str(link.get("href") or "")
        is_back = (
            any(_BACKREF_CLASS_RE.search(c) for c in _classes(link))
            or link.has_attr("data-footnote-backref")
            or str(link.get("role") or "") == "doc-backlink"
            or ((href.startswith("#") or "#" in href) and (not text or BACKREF_TEXT_RE.fullmatch(text)))
        )
        if is_back:
            link.decompose()
    for text_node in list(body.find_all(string=True)):
        if ARROWS_RE.search(text_node):
            text_node.replace_with(ARROWS_RE.sub("", str(text_node)))


def _remove_container(container: Tag) -> None:
    if container.decomposed:
        return
    previous = container.find_previous_sibling()
    if previous is not None and previous.name == "hr":
        previous.decompose()
    container.extract()


def _inside(tag: Tag, containers: list[Tag]) -> bool:
    return any(parent in containers for parent in tag.parents)


def _fragment(href: str) -> str:
    return unquote(href.rsplit("#", 1)[1]) if "#" in href else ""


def _classes(tag: Tag) -> list[str]:
    value = tag.get("class") or []
    return [value] if isinstance(value, str) else list(value)
