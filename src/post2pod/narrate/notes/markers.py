"""What footnote detection shares: the marker characters, the notes found so far, and the shapes of
markers, labels, back-links and "Notes" headings as readers recognise them.

A citation becomes one private-use character, `marker(i)`, glued to the text that cites it;
`split_markers` takes them out of a sentence again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import unquote

from bs4 import BeautifulSoup, NavigableString, PageElement, Tag

from post2pod.narrate.html.tags import HEADINGS, TEXT_BLOCKS, classes

MARKER_BASE = 0xE000
MARKER_LIMIT = 0xF000
MARKER_RE = re.compile("[\ue000-\uefff]")

SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUPERSCRIPT_TABLE = str.maketrans(SUPERSCRIPT_DIGITS, "0123456789")
SYMBOLS = "*†‡§¶"
# The visible text of a marker: 1, [1], (1), a, [a], *, †, ‡‡, ¹… (an empty one is judged apart).
MARKER_TEXT_RE = re.compile(
    r"^\s*[\[(]?\s*(\d{1,3}|[a-zA-Z]|[*†‡§¶]{1,3}|[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3})(?::\d{1,2})?\s*[\])]?\s*$"
)
# Back-link arrows and phrases, never spoken.
ARROWS_RE = re.compile(r"[↩⤴↵⏎]\ufe0e?\ufe0f?")
BACKREF_TEXT_RE = re.compile(
    r"\s*(?:[↩⤴↑↵⏎^]\ufe0e?\ufe0f?|return to (?:footnote|article|text)\s*\d*"
    r"|back to (?:reference|text|content|top)\s*\d*"
    r"|jump back to footnote\s*\d*(?: in the text)?)\s*(?:\d+\s*)?$",
    re.IGNORECASE,
)
# Headings of a notes block, in the languages where that is cheap.
NOTES_HEADING_RE = re.compile(
    r"^\s*(?:foot\s*notes?|end\s*notes?|notes?|references|sources|"
    r"notas?(?: al pie)?|anmerkungen|fu(?:ß|ss)noten|endnoten|noten|voetnoten|"
    r"notes de bas de page|références|riferimenti|referencias|referências|примечания|сноски|"
    r"脚注|注释|注|註)\s*[:.]?\s*$",
    re.IGNORECASE,
)
# Class, id or role tokens that name a footnote, a notes list or a note (fast paths).
NOTE_HINT_RE = re.compile(
    r"^(?:foot-?notes?|end-?notes?|fn|fn-?list|footdef|footnote-definition|footnotes-list|doc-(?:end)?notes?"
    r"|doc-footnote|footnote-item|easy-footnotes?-wrapper|wp-block-footnotes|notes-list)(?:$|[-_])",
    re.IGNORECASE,
)


@dataclass
class Footnote:
    """One note: its position in the notes list, its content element, and whether it is cited."""

    number: int
    body: Tag
    cited: bool = False


@dataclass
class Notes:
    """The notes found so far, the elements they were taken from, and the markers that cite them."""

    soup: BeautifulSoup
    notes: list[Footnote] = field(default_factory=list)
    sources: dict[int, int] = field(default_factory=dict)  # id(element) -> note index
    detach: list[Tag] = field(default_factory=list)  # elements to take out of the page at the end
    headings: list[Tag] = field(default_factory=list)  # "Notes" headings that may go with them

    def index_of(self, element: Tag) -> int | None:
        return self.sources.get(id(element))

    def add(self, body: Tag, *sources: Tag) -> int:
        index = len(self.notes)
        self.notes.append(Footnote(number=index + 1, body=body))
        for source in sources or (body,):
            self.sources[id(source)] = index
            self.detach.append(source)
        return index

    def cite(self, ref: PageElement, index: int) -> None:
        """Replace `ref` by the note's marker (first citation) or by nothing (later ones)."""
        if ref.parent is None:
            return
        note = self.notes[index]
        if note.cited or index >= MARKER_LIMIT - MARKER_BASE:
            ref.replace_with(NavigableString(""))
            return
        note.cited = True
        ref.replace_with(NavigableString(marker(index)))


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


def label_core(text: str) -> str | None:
    """The label a marker shows, without brackets ("[1]" -> "1", "¹" -> "1"); None if not a marker."""
    match = MARKER_TEXT_RE.match(text)
    if not match:
        return None
    return match.group(1).translate(_SUPERSCRIPT_TABLE).lower()


def hints(tag: Tag) -> list[str]:
    return [*classes(tag), str(tag.get("id") or ""), str(tag.get("role") or "")]


def has_note_hint(tag: Tag) -> bool:
    return tag.has_attr("data-footnotes") or any(h and NOTE_HINT_RE.match(h) for h in hints(tag))


def fragment(href: str) -> str:
    return unquote(href.rsplit("#", 1)[1]).strip() if "#" in href else ""


_INVISIBLE_RE = re.compile("[\u200b-\u200d\u2060\ufeff]")


def text_of(tag: PageElement | str) -> str:
    """Visible text (zero-width characters dropped), stripped."""
    text = tag.get_text(" ", strip=True) if isinstance(tag, Tag) else str(tag).strip()
    return _INVISIBLE_RE.sub("", text).strip()


def is_notes_heading(tag: Tag) -> bool:
    """A heading, a rubric or a line in bold that announces notes ("Notes", "Footnotes:", "脚注")."""
    if tag.name not in (*HEADINGS, "p", "div", "strong", "b", "dt"):
        return False
    text = leading_text(tag, 60)
    if len(text) > 40 or not NOTES_HEADING_RE.match(text):
        return False
    if tag.name in HEADINGS or tag.name in ("strong", "b") or "rubric" in classes(tag):
        return True
    bold = tag.find(["strong", "b"])
    return bold is not None and text_of(bold) == text


def leading_text(tag: Tag, limit: int) -> str:
    """The start of a tag's visible text, reading no further than about `limit` characters."""
    parts, size = [], 0
    for string in tag.strings:
        parts.append(string)
        size += len(string.strip())
        if size > limit:
            break
    return _INVISIBLE_RE.sub("", " ".join(" ".join(parts).split())).strip()


def block_of(element: PageElement) -> Tag | None:
    parent = element.parent
    while parent is not None and parent.name not in TEXT_BLOCKS:
        parent = parent.parent
    return parent


def text_before_in_block(element: PageElement) -> str:
    """The running text just before `element` in its block (up to ~40 characters)."""
    block = block_of(element)
    text = ""
    for node in element.previous_elements:
        if node is block:
            break
        if isinstance(node, NavigableString):
            text = str(node) + text
            if len(text.strip()) > 40:
                break
    return text


def named(root: Tag, *names: str) -> list[Tag]:
    """Every element under `root` with one of `names` (any name if none), in reading order.

    A plain walk: much cheaper than `find_all` on a whole page, which these passes do often."""
    wanted = set(names)
    return [n for n in root.descendants if isinstance(n, Tag) and (not wanted or n.name in wanted)]


def document_order(soup: BeautifulSoup) -> dict[int, int]:
    """Position of every element in reading order, by `id()`."""
    return {id(node): i for i, node in enumerate(soup.descendants) if isinstance(node, Tag)}


# --- cleaning a note --------------------------------------------------------------------------

_BACKREF_CLASS_RE = re.compile(
    r"backref|backlink|reversefootnote|footnote-back|footnote-return|footnote-number|fn-back|footnum"
    r"|to-top",
    re.IGNORECASE,
)
_PUNCT_LEFTOVER_RE = re.compile(r"^\s*(?:\[\s*\]|\(\s*\)|[.:)\]])\s*")


def is_backlink_shape(link: Tag) -> bool:
    """A link that says "back to the text" by its class, role, attribute or arrow."""
    text = link.get_text(" ", strip=True)
    return (
        any(_BACKREF_CLASS_RE.search(c) for c in classes(link))
        or link.has_attr("data-footnote-backref")
        or str(link.get("role") or "") == "doc-backlink"
        or str(link.get("rev") or "") == "footnote"
        or bool(text and BACKREF_TEXT_RE.fullmatch(text))
    )


def clean_note(body: Tag, core: str | None, is_back=None) -> None:
    """Remove back-links, the leading number or symbol, and back arrows from a note's content."""
    for link in body.find_all("a"):
        if link.parent is not None and (is_backlink_shape(link) or (is_back is not None and is_back(link))):
            link.decompose()
    strip_leading_label(body, core)
    for node in list(body.find_all(string=True)):
        if ARROWS_RE.search(node):
            node.replace_with(ARROWS_RE.sub("", str(node)))


def strip_leading_label(body: Tag, core: str | None) -> None:
    """Take the note's own number ("1.", "[1]", "¹", "*") off its start, as an element or as text."""
    for _ in range(4):
        first = next((s for s in body.find_all(string=True) if s.strip()), None)
        if first is None:
            return
        label_element = None
        for parent in first.parents:
            if parent is body or parent.name in TEXT_BLOCKS:
                break
            if _is_label_text(text_of(parent), core):
                label_element = parent
            else:
                break
        if label_element is not None:
            label_element.decompose()
            continue
        text = str(first)
        end = label_prefix_end(text, core) or _punct_leftover_end(text)
        if not end:
            return
        first.replace_with(NavigableString(text[end:]))


def _is_label_text(text: str, core: str | None) -> bool:
    bare = re.sub(r"[\s\[\]().:,]", "", text)
    if not bare:
        return True
    found = label_core(text.rstrip(".:"))
    if found is None:
        return False
    return found == core if core is not None else (found.isdigit() or found[0] in SYMBOLS)


# The label a note starts with: "[1]", "(1)", "1.", "1)", "a.", "¹", "*", or a bare "1 ".
_LABEL_PREFIX_RE = re.compile(
    r"^\s*(?:\[\s*([\w*†‡§¶]{1,3})\s*\]|\(\s*([\w*†‡§¶]{1,3})\s*\)|(\w{1,3}|[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3})\s*[.):]"
    r"|(\d{1,3}|[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3}|[*†‡§¶]{1,3})(?=\s|$))\s*"
)


def label_prefix_end(text: str, core: str | None) -> int:
    """Where the note's own label `core` ends at the start of `text` (0 if it does not start with it)."""
    if core is None:
        return 0
    match = _LABEL_PREFIX_RE.match(text)
    if not match:
        return 0
    label = next(g for g in match.groups() if g)
    return match.end() if label_core(label) == core else 0


def _punct_leftover_end(text: str) -> int:
    match = _PUNCT_LEFTOVER_RE.match(text)
    return match.end() if match and match.group(0).strip() else 0
