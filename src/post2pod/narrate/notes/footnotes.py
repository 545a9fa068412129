"""Find footnotes the way a reader does, take them out of the page, and mark where each is cited.

A footnote is a relation: a *marker* in running text (a short in-page link showing a number,
`[n]`, a letter or a symbol; an unlinked `<sup>n</sup>`; a superscript digit; a trailing `*`)
points at a *note* (whatever element the link targets, or the n-th entry of a trailing notes
block), or the note sits *inline*, set aside by markup (sidenotes, tooltips). A link counts as a
marker only on evidence: it stands in running text, its target comes later, and the target
links back, starts with the same label, sits under a "Notes" heading or is named as a note.
Known generators' class names are only a fast path to the same answer.

Passes: inline sidenotes (`sidenotes`), linked markers (here), title tooltips (`sidenotes`),
unlinked markers and notes blocks (`endnotes`); then the notes and what held them leave the page.

It owns the linked notes: finding a note by structure, weighing the evidence (marker shape, target
position, back-links, notes headings) in one walk of the page; sidenotes, unlinked endnotes and
marker helpers live in `sidenotes`, `endnotes` and `markers`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from bs4 import BeautifulSoup, PageElement, Tag

from post2pod.narrate.html.tags import HEADINGS, ROOTS, TEXT_BLOCKS
from post2pod.narrate.notes.endnotes import extract_endnotes
from post2pod.narrate.notes.kinds import is_reference, join_reference
from post2pod.narrate.notes.markers import (
    MARKER_RE,
    NOTES_HEADING_RE,
    Footnote,
    Notes,
    clean_note,
    document_order,
    fragment,
    has_note_hint,
    is_notes_heading,
    label_core,
    label_prefix_end,
    leading_text,
    named,
    text_before_in_block,
    text_of,
)
from post2pod.narrate.notes.sidenotes import extract_sidenotes, extract_tooltips

_WRAPPERS = ("sup", "span", "small", "em", "strong", "b", "i", "cite")
_MAX_NOTE_CHARS = 5000


def extract_footnotes(soup: BeautifulSoup) -> list[Footnote]:
    """Detach every footnote from `soup`, replacing its first citation by a marker; return the notes."""
    notes = Notes(soup)
    if MARKER_RE.search(soup.get_text()):  # the page's own private-use characters are not markers
        for text in soup.find_all(string=MARKER_RE):
            text.replace_with(MARKER_RE.sub("", str(text)))
    extract_sidenotes(soup, notes)
    _linked(soup, notes)
    extract_tooltips(soup, notes)
    extract_endnotes(soup, notes)
    _detach(soup, notes)
    for note in notes.notes:
        if is_reference(note.body):
            join_reference(note.body)
    return notes.notes


# --- linked markers ---------------------------------------------------------------------------


@dataclass
class _Page:
    """What the linked pass knows of the page: ids, reading order, and the marker candidates."""

    soup: BeautifulSoup
    targets: dict[str, Tag]
    order: dict[int, int]
    markers: set[int] = field(default_factory=set)

    def before(self, a: Tag, b: Tag) -> bool:
        return self.order.get(id(a), 0) < self.order.get(id(b), 0)

    def back_link(self, note: Tag) -> Callable[[Tag], bool]:
        """Whether a link in `note` leads back to the text: to its marker, or up with a label or nothing."""
        position = self.order.get(id(note), 0)

        def points_back(link: Tag) -> bool:
            target = self.targets.get(fragment(str(link.get("href") or "")))
            if target is None or self.order.get(id(target), position) >= position:
                return False
            if id(target) in self.markers or any(id(p) in self.markers for p in target.parents):
                return True
            text = text_of(link)
            return not text or label_core(text) is not None

        return points_back


def _linked(soup: BeautifulSoup, notes: Notes) -> None:
    """In-page links shaped like markers whose target is, on evidence, a note."""
    page = _Page(soup, _targets(soup), document_order(soup))
    candidates = _candidates(soup, page.targets)
    page.markers = {id(wrapper) for _, wrapper, _, _ in candidates}
    found: list[Tag] = []
    for _link, wrapper, target, core in candidates:
        if wrapper.parent is None:
            continue
        element = _note_element(target)
        index = notes.index_of(target)  # a note on a line of its own is known by its anchor
        if index is None and element is not None:
            index = notes.index_of(element)
        if index is not None:  # a later citation of a note: silent
            if element is None or not _inside(wrapper, element) or notes.index_of(target) is not None:
                notes.cite(wrapper, index)
            continue
        if element is None or _inside(wrapper, element):
            _line_note(page, notes, wrapper, target, core)
            continue
        # a note comes after its marker (a link back up is a back-link) and the marker is in running text
        if page.before(target, wrapper):
            continue
        if not re.search(r"\w", text_before_in_block(wrapper)):
            continue
        if not _evidence(wrapper, element, core, page.targets):
            continue
        body, sources = _note_body(soup, element)
        index = notes.add(body, *sources)
        found.append(element)
        _claim_anchors(notes, element, index)
        clean_note(body, core, page.back_link(element))
        notes.cite(wrapper, index)
    _uncited_siblings(page, notes, found)


def _claim_anchors(notes: Notes, element: Tag, index: int) -> None:
    """Anchors inside a note stand for it: a later marker may point at one that cleaning removes
    (Org-mode's second reference `#fn.1` targets the note's own number link)."""
    for anchor in element.find_all(id=True):
        notes.sources.setdefault(id(anchor), index)


def _line_note(page: _Page, notes: Notes, wrapper: Tag, target: Tag, core: str | None) -> None:
    """A note written as a line of the same block as the text (`<br>`-separated, old Blogger posts):
    from its anchor to the end of the line, on a back-link or the marker's label."""
    if target.name in TEXT_BLOCKS or not page.before(wrapper, target):
        return
    if not re.search(r"\w", text_before_in_block(wrapper)):
        return
    start = target
    while isinstance(start.parent, Tag) and start.parent.name not in TEXT_BLOCKS:
        first = next((c for c in start.parent.children if not (isinstance(c, str) and not c.strip())), None)
        if first is not start:
            break
        start = start.parent
    line: list[PageElement] = []
    node: PageElement | None = start
    while node is not None and not (
        isinstance(node, Tag) and (node.name == "br" or node.name in TEXT_BLOCKS)
    ):
        line.append(node)
        node = node.next_sibling
    text = " ".join(text_of(n) for n in line)
    links = [a for n in line if isinstance(n, Tag) for a in ([n] if n.name == "a" else n.find_all("a"))]
    back = any(page.targets.get(fragment(str(a.get("href") or ""))) is wrapper for a in links)
    if not text or not (back or (core is not None and label_prefix_end(text, core))):
        return
    _drop_notes_heading_before(start)
    body = page.soup.new_tag("div")
    for part in line:
        body.append(part.extract())
    if isinstance(node, Tag) and node.name == "br":
        node.decompose()
    index = notes.add(body, body)
    notes.sources[id(target)] = index
    clean_note(body, core, page.back_link(target))
    notes.cite(wrapper, index)


def _drop_notes_heading_before(start: PageElement) -> None:
    node = start.previous_sibling
    while node is not None and (
        (isinstance(node, str) and not node.strip()) or (isinstance(node, Tag) and node.name == "br")
    ):
        node = node.previous_sibling
    if isinstance(node, Tag) and is_notes_heading(node):
        node.decompose()


def _candidates(soup: BeautifulSoup, targets: dict[str, Tag]) -> list[tuple[Tag, Tag, Tag, str | None]]:
    """(link, whole marker, target, label) of every in-page link that shows a label or nothing."""
    found = []
    for link in named(soup, "a"):
        target = targets.get(fragment(str(link.get("href") or "")))
        if target is None or target is link:
            continue
        wrapper = _wrapper(link)
        text = text_of(wrapper)
        core = label_core(text)
        if core is None and text:
            continue
        found.append((link, wrapper, target, core))
    return found


def _targets(soup: BeautifulSoup) -> dict[str, Tag]:
    found: dict[str, Tag] = {}
    for tag in named(soup):
        for key in (tag.get("id"), tag.get("name") if tag.name == "a" else None):
            if key and str(key) not in found:
                found[str(key)] = tag
    found.pop("", None)
    return found


def _wrapper(link: Tag) -> Tag:
    """The whole marker: the link, or the `sup`/`span` around it that shows nothing more."""
    wrapper = link
    core = label_core(text_of(link))
    while isinstance(wrapper.parent, Tag) and wrapper.parent.name in _WRAPPERS:
        outer = text_of(wrapper.parent)
        if outer != text_of(wrapper) and label_core(outer) != core:
            break
        wrapper = wrapper.parent
    return wrapper


def _note_element(target: Tag) -> Tag | None:
    """The note a marker points at: the block holding the target (a `dt`; a table, or its row)."""
    element = target
    while element.name not in TEXT_BLOCKS and isinstance(element.parent, Tag):
        element = element.parent
    if element.name in ("td", "th", "tr", "tbody", "thead"):
        row = element if element.name == "tr" else element.find_parent("tr")
        table = element.find_parent("table")
        one_row = table is not None and len(table.find_all("tr")) == 1
        element = (table if one_row or row is None else row) or element  # a stray cell: no table
    if element.name in ROOTS or element.name in HEADINGS or element.name in ("ol", "ul", "dl", "hr"):
        return None
    if element.name == "table" and len(element.find_all("tr")) > 1:
        return None
    if element.name != "dt" and element.find(HEADINGS) is not None:
        return None
    if len(leading_text(element, _MAX_NOTE_CHARS)) > _MAX_NOTE_CHARS:
        return None
    return element


def _evidence(wrapper: Tag, element: Tag, core: str | None, targets: dict[str, Tag]) -> bool:
    """A named notes list, a link back to the marker, the marker's label, or a "Notes" heading."""
    if has_note_hint(element) or any(has_note_hint(p) for p in _parents(element, 3)):
        return True
    if _links_back(element, wrapper, targets):
        return True
    if core is not None and _starts_with_label(element, core):
        return True
    return _under_notes_heading(element)


def _links_back(element: Tag, wrapper: Tag, targets: dict[str, Tag]) -> bool:
    for back in element.find_all("a", href=True):
        target = targets.get(fragment(str(back["href"])))
        if target is None:
            continue
        if target is wrapper or _inside(target, wrapper):
            return True
        if _inside(wrapper, target) and text_of(target) == text_of(wrapper):
            return True
        if not text_of(target) and target.parent is wrapper.parent:
            return True
    return False


def _starts_with_label(element: Tag, core: str) -> bool:
    return bool(label_prefix_end(leading_text(element, 16), core))


def _under_notes_heading(element: Tag) -> bool:
    node: Tag | None = element
    for _ in range(4):
        if node is None or node.name in ROOTS:
            return False
        sibling = node.find_previous_sibling()
        while sibling is not None and (sibling.name == "hr" or sibling.name == node.name):
            sibling = sibling.find_previous_sibling()
        if sibling is not None:
            return is_notes_heading(sibling)
        node = node.parent
    return False


def _note_body(soup: BeautifulSoup, element: Tag) -> tuple[Tag, tuple[Tag, ...]]:
    """The content to read: the element itself, or a new `div` for a `dt`+`dd` pair or a table row."""
    if element.name == "dt":
        definition = element.find_next_sibling()
        if definition is not None and definition.name == "dd":
            return _moved(soup, [definition]), (element, definition)
        return element, (element,)
    if element.name in ("table", "tr"):
        cells: list[Tag] = []
        for row in [element] if element.name == "tr" else element.find_all("tr"):
            row_cells: list[Tag] = row.find_all(["td", "th"], recursive=False)
            if len(row_cells) > 1 and label_core(text_of(row_cells[0]).strip(".")) is not None:
                row_cells = row_cells[1:]
            cells.extend(row_cells)
        return _moved(soup, cells), (element,)
    return element, (element,)


def _moved(soup: BeautifulSoup, containers: list[Tag]) -> Tag:
    body = soup.new_tag("div")
    for container in containers:
        for child in list(container.children):
            body.append(child.extract())
        body.append(" ")
    return body


def _uncited_siblings(page: _Page, notes: Notes, found: list[Tag]) -> None:
    """Notes listed beside cited ones (same list, same kind, with an id) but never cited: read at the end."""
    seen: set[int] = set()
    for element in found:
        parent = element.parent
        if parent is None or id(parent) in seen or parent.name in ROOTS:
            continue
        seen.add(id(parent))
        for sibling in parent.find_all(element.name, recursive=False):
            if notes.index_of(sibling) is not None or not sibling.get("id") or not text_of(sibling):
                continue
            body, sources = _note_body(page.soup, sibling)
            notes.add(body, *sources)
            clean_note(body, None, page.back_link(sibling))


# --- taking the notes out ---------------------------------------------------------------------


def _detach(soup: BeautifulSoup, notes: Notes) -> None:
    if not notes.notes:
        return
    parents, introducers = [], []
    for element in notes.detach:
        if element.parent is not None:
            parents.append(element.parent)
            introducers.append(element.find_previous_sibling())
            element.extract()
    for parent in parents:
        _remove_shell(parent)
    _drop_repeats(soup, notes)
    for tag in [*introducers, *notes.headings]:  # a "Notes" heading right before the notes
        if tag is not None and tag.parent is not None:
            _remove_separators(tag, always=True)
    for tag in named(soup, *HEADINGS, "p", "hr"):
        if tag.parent is not None and (tag.name == "hr" or is_notes_heading(tag)) and _nothing_after(tag):
            tag.decompose()


def _drop_repeats(soup: BeautifulSoup, notes: Notes) -> None:
    """A second copy of notes taken inline (a tooltip plugin's reference list): it goes too."""
    texts = {_words(n.body) for n in notes.notes}
    texts = {t for t in texts if t.count(" ") >= 2}
    if not texts:
        return
    longest = max(len(t) for t in texts) + 40
    for element in named(soup, "li", "p", "dd", "td", "div"):
        if element.parent is None or len(leading_text(element, longest)) > longest:
            continue
        if _words(element) not in texts:
            continue
        row = element.parent if element.name == "td" else None
        if row is not None and row.name == "tr":
            others = [c for c in row.find_all(["td", "th"], recursive=False) if c is not element]
            if all(label_core(text_of(c).strip("↑↩ ")) is not None or not text_of(c) for c in others):
                element = row
        parent = element.parent
        element.decompose()
        _remove_shell(parent)


def _words(tag: Tag) -> str:
    return " ".join(re.findall(r"[^\W_]+", text_of(tag).lower()))


def _remove_shell(tag: Tag | None) -> None:
    """Remove a container left empty by its notes, with the rule and "Notes" heading before it."""
    while tag is not None and tag.parent is not None and tag.name not in ROOTS and _is_shell(tag):
        parent = tag.parent
        previous = tag.find_previous_sibling()
        tag.decompose()
        _remove_separators(previous, always=True)  # the rule and heading that introduced it
        tag = parent


def _remove_separators(tag: Tag | None, always: bool = False) -> None:
    while tag is not None and (tag.name == "hr" or is_notes_heading(tag)) and (always or _nothing_after(tag)):
        previous = tag.find_previous_sibling()
        tag.decompose()
        tag = previous


def _is_shell(tag: Tag) -> bool:
    if tag.find(["img", "pre", "iframe", "video", "audio", "math"]) is not None:
        return False
    headings = [h for h in tag.find_all([*HEADINGS, "p", "strong", "b"]) if is_notes_heading(h)]
    for text in tag.find_all(string=True):
        words = text_of(MARKER_RE.sub("", str(text))).strip("↩↑⤴\ufe0e\ufe0f:")
        if not words or NOTES_HEADING_RE.match(words):  # nothing, or a label such as "References"
            continue
        if not any(_inside(text, h) for h in headings):
            return False
    return True


def _nothing_after(tag: Tag) -> bool:
    return all(not text_of(s) for s in tag.find_next_siblings() if isinstance(s, Tag) and s.name != "hr")


def _inside(node: PageElement, container: Tag) -> bool:
    return any(parent is container for parent in node.parents)


def _parents(tag: Tag, count: int) -> list[Tag]:
    found: list[Tag] = []
    for parent in tag.parents:
        if len(found) >= count or parent.name in ROOTS:
            break
        found.append(parent)
    return found
