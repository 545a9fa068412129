"""Unlinked markers: `<sup>1</sup>`, superscript digits glued to a word (`word¹`), a trailing `*` or
`†`; each is matched to the entry with the same label in a notes block (a list, or a run of
paragraphs starting `1.`, `[1]`, `1)`, under a "Notes" heading or closing the post) or, for
symbols, to a paragraph starting with the same symbol."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bs4 import BeautifulSoup, NavigableString, Tag

from post2pod.narrate.html.tags import HEADINGS
from post2pod.narrate.notes.markers import (
    ARROWS_RE,
    SUPERSCRIPT_DIGITS,
    Notes,
    block_of,
    clean_note,
    is_notes_heading,
    label_core,
    leading_text,
    marker,
    named,
    text_before_in_block,
    text_of,
)

_ENTRY_LABEL_RE = re.compile(
    r"^\s*(?:\[\s*(\w{1,3})\s*\]|\(\s*(\w{1,3})\s*\)|(\d{1,3}|[a-z])\s*[.):](?=\s)|(\d{1,3})(?=\s)"
    r"|([⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3})|(\*{1,3}|†{1,2}|‡))"
)
_SUPERSCRIPT_RUN_RE = re.compile(f"[{SUPERSCRIPT_DIGITS}]+")
_SYMBOL_RE = re.compile(r"(?<=[\w.,;:!?)\"'”’])(\*{1,3}|†{1,2}|‡)(?=[\s.,;:!?)\]]|$)")
_ORDINAL_RE = re.compile(r"^(?:st|nd|rd|th|e|er|re|o|a|ª|º|ème|eme|me|de|ste)$", re.IGNORECASE)
_UNIT_WORD_RE = re.compile(r"(?:^|\s|\d)(?:[a-zA-Zµ]{1,2})$")
_LITERAL = frozenset({"pre", "code", "kbd", "samp", "tt", "var", "math", "script", "style"})
_ENTRY_TAGS = ("p", "li", "div", "dd", "small", "aside", "footer")


@dataclass
class _Block:
    entries: dict[str, Tag] = field(default_factory=dict)
    heading: Tag | None = None


def extract_endnotes(soup: BeautifulSoup, notes: Notes) -> None:
    block = _notes_block(soup)
    symbols = _symbol_notes(soup)
    if not block.entries and not symbols:
        return
    used = _Matcher(soup, notes, block, symbols).run()
    if used and block.entries:
        for core, entry in block.entries.items():
            if notes.index_of(entry) is None and text_of(entry):
                notes.add(entry)
                clean_note(entry, core)
        if block.heading is not None:
            notes.headings.append(block.heading)


class _Matcher:
    """Walks the text in reading order and turns unlinked markers into citations."""

    def __init__(
        self, soup: BeautifulSoup, notes: Notes, block: _Block, symbols: dict[str, list[Tag]]
    ) -> None:
        self.soup, self.notes, self.block, self.symbols = soup, notes, block, symbols
        self.expected = 1
        self.used = 0
        self.mine: set[int] = set()  # notes this pass created
        self.skip = {id(e) for e in block.entries.values()} | {id(p) for ps in symbols.values() for p in ps}

    def run(self) -> int:
        root = self.soup.body or self.soup
        for node in list(root.descendants):
            # gone since the list was made: extracted (no parent), or decomposed (bs4 empties the
            # element, so it has no `parent` at all)
            if vars(node).get("parent") is None or self._skipped(node):
                continue
            if isinstance(node, Tag) and node.name == "sup" and node.find("a") is None:
                self.superscript_tag(node)
            elif isinstance(node, NavigableString) and type(node) is NavigableString:
                self.text(node)
        return self.used

    def _skipped(self, node) -> bool:
        """Inside a notes entry, or inside code, where `*` and superscripts mean something else."""
        return any(id(parent) in self.skip or parent.name in _LITERAL for parent in node.parents)

    def superscript_tag(self, sup: Tag) -> None:
        text = text_of(sup)
        core = label_core(text)
        before = text_before_in_block(sup)
        if core is None or not re.search(r"\w", before):
            return
        after_digit = before.rstrip()[-1:].isdigit()
        if after_digit and _ORDINAL_RE.match(text):
            return
        index = self.resolve(core, after_digit)
        if index is not None:
            self.notes.cite(sup, index)

    def text(self, node: NavigableString) -> None:
        value = str(node)
        if not (_SUPERSCRIPT_RUN_RE.search(value) or _SYMBOL_RE.search(value)):
            return
        replaced = self.replace_in(value, node)
        if replaced != value:
            node.replace_with(NavigableString(replaced))

    def replace_in(self, value: str, node: NavigableString) -> str:
        out, last = [], 0
        matches = [*_SUPERSCRIPT_RUN_RE.finditer(value), *_SYMBOL_RE.finditer(value)]
        for match in sorted(matches, key=lambda m: m.start()):
            before = text_before_in_block(node) + value[: match.start()]
            if not re.search(r"\w", before):
                continue
            core = label_core(match.group(0))
            if core is None or before.split()[-1:][0].startswith(match.group(0)[0]):
                continue  # "*really*" is emphasis, not a note
            if core.isdigit():
                if _UNIT_WORD_RE.search(before) and not before.rstrip()[-1:].isdigit():
                    continue  # m², cm³: a unit, not a note
                index = self.resolve(core, before[-1:].isdigit())
            else:
                index = self.symbol(core, node)
            if index is None:
                continue
            out.append(value[last : match.start()])
            note = self.notes.notes[index]
            out.append("" if note.cited else marker(index))
            note.cited = True
            last = match.end()
        out.append(value[last:])
        return "".join(out)

    def resolve(self, core: str, after_digit: bool) -> int | None:
        entry = self.block.entries.get(core)
        if entry is None:
            return None
        index = self.notes.index_of(entry)
        if index is not None:  # cited again (silent), unless a linked marker owns that note
            return index if index in self.mine and not after_digit else None
        if core.isdigit():
            number = int(core)
            if number < self.expected or (after_digit and number != self.expected):
                return None
            self.expected = number + 1
        elif after_digit:
            return None
        index = self.notes.add(entry)
        clean_note(entry, core)
        self.mine.add(index)
        self.used += 1
        return index

    def symbol(self, core: str, node: NavigableString) -> int | None:
        paragraphs = self.symbols.get(core) or []
        entry = self.block.entries.get(core)
        if entry is not None:
            paragraphs = [entry, *paragraphs]
        for paragraph in paragraphs:
            index = self.notes.index_of(paragraph)
            if index is not None:
                return index
            if _follows(paragraph, node):
                index = self.notes.add(paragraph)
                clean_note(paragraph, core)
                self.used += 1
                return index
        return None


def _follows(element: Tag, node: NavigableString) -> bool:
    return any(e is element for e in node.next_elements)


# --- notes blocks -----------------------------------------------------------------------------


def _notes_block(soup: BeautifulSoup) -> _Block:
    headings = [t for t in named(soup, *HEADINGS, "p", "div", "dt") if is_notes_heading(t)]
    for heading in reversed(headings):
        entries = _entries_after(heading)
        if entries:
            return _Block(entries, heading)
    return _Block(_trailing_entries(soup))


def _entries_after(heading: Tag) -> dict[str, Tag]:
    entries: dict[str, Tag] = {}
    for sibling in heading.find_next_siblings():
        if sibling.name in HEADINGS or is_notes_heading(sibling):
            break
        if sibling.name == "hr":
            continue
        if sibling.name in ("ol", "ul"):
            entries.update(_list_entries(sibling, positional=sibling.name == "ol"))
            break
        label = _entry_label(sibling)
        if label is not None and sibling.name in _ENTRY_TAGS:
            entries.setdefault(label, sibling)
            continue
        if sibling.name in ("div", "section") and not entries:
            inner = _entries_in(sibling)
            if inner:
                entries.update(inner)
                break
        if text_of(sibling):
            break
    return entries


def _entries_in(container: Tag) -> dict[str, Tag]:
    entries: dict[str, Tag] = {}
    for child in container.find_all(True, recursive=False):
        if child.name in ("ol", "ul"):
            return _list_entries(child, positional=child.name == "ol")
        label = _entry_label(child)
        if label is None and child.name in ("div", "section"):
            return _entries_in(child)
        if label is None:
            if text_of(child):
                break
            continue
        entries.setdefault(label, child)
    return entries


def _list_entries(tag: Tag, positional: bool) -> dict[str, Tag]:
    entries: dict[str, Tag] = {}
    try:
        number = int(str(tag.get("start") or "1"))
    except ValueError:
        number = 1
    for item in tag.find_all("li", recursive=False):
        label = _entry_label(item)
        if label is None and positional:
            label = str(number)
        if label is not None:
            entries.setdefault(label, item)
        number += 1
    return entries


def _trailing_entries(soup: BeautifulSoup) -> dict[str, Tag]:
    """Entries closing the post: a list whose items end with a back arrow, or labelled paragraphs."""
    last = next((s for s in reversed(soup.find_all(string=True)) if s.strip()), None)
    if last is None:
        return {}
    block = block_of(last)
    if block is None:
        return {}
    item = block if block.name == "li" else block.find_parent("li")
    if item is not None and item.parent is not None and item.parent.name == "ol":
        items = item.parent.find_all("li", recursive=False)
        if all(ARROWS_RE.search(li.get_text()[-4:]) for li in items):
            return _list_entries(item.parent, positional=True)
        return {}
    run: list[tuple[str, Tag]] = []
    node: Tag | None = block
    while node is not None and node.name != "hr":
        label = _entry_label(node) if node.name in _ENTRY_TAGS else None
        if label is None:
            break
        run.append((label, node))
        node = node.find_previous_sibling()
    run.reverse()
    if not run or run[0][0] not in ("1", "*", "†", "a"):
        return {}
    return dict(run)


def _entry_label(tag: Tag) -> str | None:
    match = _ENTRY_LABEL_RE.match(leading_text(tag, 12))
    if not match:
        return None
    return label_core(next(g for g in match.groups() if g))


def _symbol_notes(soup: BeautifulSoup) -> dict[str, list[Tag]]:
    found: dict[str, list[Tag]] = {}
    for tag in named(soup, "p", "small", "div", "li"):
        text = leading_text(tag, 12)
        match = re.match(r"^(\*{1,3}|†{1,2}|‡)\s*[^\s*†‡]", text)
        if match and tag.find(["p", "div"]) is None:
            found.setdefault(match.group(1), []).append(tag)
    return found
