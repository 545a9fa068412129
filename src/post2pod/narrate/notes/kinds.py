"""Two kinds of note a listener hears differently: a note that is only a link (said once briefly, or
dropped) and a reference (authors, title, journal, year, DOI: read as one unit with its parts in
order, not cut into "Stroke." / "2007." / "a DOI." at every full stop)."""

from __future__ import annotations

import re

from bs4 import NavigableString, Tag

from post2pod.narrate.notes.markers import Footnote, text_of
from post2pod.narrate.speech.links import BARE_LINK_RE, DOI_RE, URL_RE, domain_of

MAX_LINK_LABEL_WORDS = 2  # "See", "Source:", "Quelle:" before a link; a link text of "IBM docs"
MAX_REFERENCE_CHARS = 800

_YEAR_RE = re.compile(r"(?<![\d.])(?:1[5-9]|20)\d\d[a-z]?(?![\d.]\d)")
_REFERENCE_SIGNS = (
    DOI_RE,
    re.compile(r"\b\d+\s*\(\s*[\w–-]{1,9}\s*\)\s*[:,]\s*\d+"),  # volume(issue):pages
    re.compile(r"(?<![\w.])\d+\s*[-–]\s*\d+(?![\w.])"),  # a page range
    re.compile(r"\bp{1,2}\.\s*\d+|\bet al\b|\bIn:\s", re.IGNORECASE),
    re.compile(
        r"\b[A-Z][\w'’-]+,?\s+(?:[A-Z]\.\s?){1,3}(?=[,;.&\s])|\b[A-Z][a-z'’-]+\s[A-Z]{1,3}[,.]"
    ),  # Doe J.
)
# A full stop that closes one part of a reference ("Doe J. Title. Journal. 2007;38:862."): after a
# word of two letters or more, a number or a bracket, before the next part; never an initial ("J.").
_PART_STOP_RE = re.compile(r"(?:(?<=[^\W\d_]{2})|(?<=[\d)\]”\"]))\.\s+(?=\S)")
_LEADING_STOP_RE = re.compile(r"^\.\s+(?=\S)")
_TRAILING_STOP_RE = re.compile(r"(?:(?<=[^\W\d_]{2})|(?<=[\d)\]”\"]))\.\s*$")
_ABBREVIATIONS = frozenset(["al", "eds", "ed", "vol", "vols", "no", "nos", "pp", "jr", "sr", "st", "dr"])


def is_link_only(body: Tag) -> str | None:
    """The address a note points at when the note is only a link (a URL, a link with a word or two,
    "See <url>"); None for a note that says something."""
    text = text_of(body)
    if not text:
        return None
    rest, urls = text, []
    for link in body.find_all("a", href=True):
        href, shown = str(link["href"]).strip(), text_of(link)
        if href.startswith("#") or not shown:
            continue
        if not (_is_address(shown) or _is_short_label(shown)):
            return None
        rest = rest.replace(shown, " ", 1)
        urls.append(href)
    for match in URL_RE.finditer(rest):
        urls.append(match.group(0))
    rest = URL_RE.sub(" ", rest)
    if not urls or len(re.findall(r"[^\W_]+", rest)) > MAX_LINK_LABEL_WORDS:
        return None
    return urls[0]


def _is_address(shown: str) -> bool:
    return bool(URL_RE.fullmatch(shown) or BARE_LINK_RE.fullmatch(shown) or domain_of(shown) == shown)


def _is_short_label(shown: str) -> bool:
    """A link text of a word or two without numbers ("here", "IBM docs"): "Smith 2019" says something."""
    return len(shown.split()) <= MAX_LINK_LABEL_WORDS and not re.search(r"\d", shown)


def shorten_link_notes(notes: list[Footnote], mode: str) -> None:
    """Notes that are only a link: "brief" keeps the first to each site as its address (spoken "a link
    to ibm.com"), the others are emptied; "skip" empties them all. An empty note is not read."""
    said: set[str] = set()
    for note in notes:
        url = is_link_only(note.body)
        if url is None:
            continue
        domain = domain_of(url)
        note.body.clear()
        if mode == "brief" and domain and domain not in said:
            said.add(domain)
            note.body.append(NavigableString(f"https://{domain}"))


def is_reference(body: Tag) -> bool:
    """A bibliographic reference: a year and at least two other signs (a DOI, volume(issue):pages,
    a page range, "et al.", authors' initials)."""
    text = text_of(body)
    if len(text) > MAX_REFERENCE_CHARS or not _YEAR_RE.search(text):
        return False
    return sum(1 for sign in _REFERENCE_SIGNS if sign.search(text)) >= 2


def join_reference(body: Tag) -> None:
    """Join a reference's parts with commas so it reads as one unit ("Doe J, Title, Stroke, 2007")."""
    nodes = [
        node
        for node in body.find_all(string=True)
        if type(node) is NavigableString and str(node).strip() and node.find_parent(["code", "pre"]) is None
    ]
    previous = ""
    for i, node in enumerate(nodes):
        value = str(node)
        joined = _stops_to_commas(_PART_STOP_RE, value)
        if previous[-1:].isalnum() or previous[-1:] in ")]":
            joined = _LEADING_STOP_RE.sub(", ", joined)
        if i < len(nodes) - 1:  # the next part is in the next element ("(Study). <i>Stroke</i>")
            joined = _stops_to_commas(_TRAILING_STOP_RE, joined)
        if joined != value:
            node.replace_with(NavigableString(joined))
        if value.strip():
            previous = value.rstrip()


def _stops_to_commas(pattern: re.Pattern[str], value: str) -> str:
    return pattern.sub(lambda match: _comma(match, value), value)


def _comma(match: re.Match[str], value: str) -> str:
    word = re.findall(r"[^\W\d_]+$", value[: match.start()])
    if word and word[0].lower() in _ABBREVIATIONS:
        return match.group(0)
    return ", "
