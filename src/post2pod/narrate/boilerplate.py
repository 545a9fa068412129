"""Page furniture written as text at the start or end of a post: bylines, reading times, "Read more",
share and comment lines, tags, "The post … appeared first on …", lists of related links.

Class names catch most furniture (see `clean`); this catches what feeds inline as plain paragraphs.
Only short units at the edges of the post are considered, so the same words inside the post stay.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, NavigableString, Tag

from post2pod.narrate.clean import is_gone
from post2pod.narrate.phrases import phrase

UNIT_TAGS = ("p", "div", "li", "dd", "dt", "h1", "h2", "h3", "h4", "h5", "h6", "section", "footer", "span")
BLOCK_CHILDREN = ("p", "div", "ul", "ol", "dl", "table", "pre", "blockquote", "section", "figure", "li")
STOP_TAGS = ("pre", "table", "figure", "blockquote", "img", "iframe", "video")  # content, never furniture
EDGE_UNITS = 6  # at most this many units are dropped from each end
MAX_WORDS = 25

# Reading time, teaser counters: "5 min read", "a 3 minutes' read", "(25 paragraphs remaining)".
_READ_TIME = r"\b(?:\d+|an?|one|two|three|four|five|ten)[\s-]+min(?:ute)?s?['’]?\s+read\b|\breading time\b"
_REMAINING = r"\b\d+\s+(?:more\s+)?(?:paragraphs?|words?|minutes?)\s+(?:remaining|left|more)\b"
_READ_ON = (
    r"^\W*(?:continue|keep)\s+reading\b|^\W*read\s+(?:more|on|the\s+(?:rest|full))\b"
    r"|^\W*(?:view|see)\s+the\s+full\s+(?:post|article|story)\b|^\W*\(?more\W*$"
)
_APPEARED = r"\bappeared\s+first\s+(?:on|in)\b|\boriginally\s+(?:published|posted|appeared)\s+(?:on|at|in)\b"
_LABEL = (
    r"^\W*(?:tags?|tagged(?:\s+with)?|categories|category|filed\s+under|posted\s+in|topics?"
    r"|related(?:\s+(?:posts?|articles?|reading))?|see\s+also|read\s+next|more\s+from|share\s+(?:this|on)"
    r"|transcript|permalink)\s*[:·|•-]"
    r"|^\W*(?:posted\s+in|filed\s+under|tagged\s+with|categorized\s+as)\b"
)
_SUBSCRIBE = (
    r"^\W*(?:subscribe|sign\s+up|join)\b[^.!?]{0,80}\b(?:newsletter|updates|rss|feed|e-?mail|inbox|list)\b"
    r"|^\W*subscribe\W*$"
)
_REMAINING_RE = re.compile(_REMAINING, re.IGNORECASE)
_READ_ON_RE = re.compile(_READ_ON, re.IGNORECASE)
_EDGE_RE = re.compile("|".join((_READ_TIME, _REMAINING, _APPEARED, _LABEL, _SUBSCRIBE)), re.IGNORECASE)
_BYLINE_RE = re.compile(
    r"^\W*(?:(?:[Pp]osted|[Pp]ublished|[Ww]ritten)\s+(?:on|by|in|at)\b[^.!?]{0,80}$|[Bb]y\s+[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,3}\W*$)"
)
_DATE_RE = re.compile(
    r"^\W*(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}"
    r"|\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{4}|\d{4}-\d{2}-\d{2})\W*$",
    re.IGNORECASE,
)
# Words of share and comment lines ("Share.", "Discuss on Hacker News · Comments (12)", "Like this: Like").
SOCIAL_WORDS = {
    "share",
    "shares",
    "sharing",
    "this",
    "on",
    "via",
    "tweet",
    "twitter",
    "x",
    "facebook",
    "linkedin",
    "reddit",
    "hacker",
    "news",
    "lobsters",
    "mastodon",
    "bluesky",
    "threads",
    "email",
    "e-mail",
    "print",
    "pocket",
    "whatsapp",
    "telegram",
    "comment",
    "comments",
    "discuss",
    "discussion",
    "like",
    "likes",
    "loading",
    "reply",
    "replies",
    "leave",
    "a",
    "no",
    "the",
    "post",
    "it",
    "and",
    "or",
    "permalink",
}
SOCIAL_ANCHORS = {"share", "tweet", "comment", "comments", "discuss", "discussion", "like", "reply"}


def is_teaser(soup: BeautifulSoup) -> bool:
    """Whether the post ends like an excerpt: a "Read more" / "Continue reading" link or a
    "25 paragraphs remaining" counter in or after its last paragraph."""
    units = [u for u in _units(soup) if u.name not in STOP_TAGS]
    return any(_is_read_on(unit) for unit in units[-2:])


def _is_read_on(unit: Tag) -> bool:
    """A unit that says the post goes on elsewhere (a "Read more" line with nothing else in it, or a
    "Continue reading" link at its end): "Read more about X on Wikipedia." in prose is not one."""
    text = _text(unit)
    words = text.split()
    if _REMAINING_RE.search(text) and len(words) <= MAX_WORDS:
        return True
    if _READ_ON_RE.search(text) and (len(words) <= 4 or _mostly_links(unit)):
        return True
    links = unit.find_all("a")
    last = _text_of(links[-1]) if links else ""
    return bool(last) and len(last.split()) <= 12 and bool(_READ_ON_RE.search(last)) and text.endswith(last)


def teaser_outro(language: str, site: str) -> str:
    """What closes an excerpt whose full post could not be read: where the rest is."""
    if site:
        return phrase(language, "teaser_outro").format(site)
    return phrase(language, "teaser_outro_nosite")


def trim_boilerplate(soup: BeautifulSoup) -> None:
    """Drop furniture units from the start and the end of the post (in place)."""
    units = _units(soup)
    _trim_related_section(units)
    units = [u for u in units if not is_gone(u)]
    for unit in reversed(units[-EDGE_UNITS:]):
        if not _is_furniture(unit, at_start=False):
            break
        unit.decompose()
    units = [u for u in units if not is_gone(u)]
    for unit in units[:EDGE_UNITS]:
        if not _is_furniture(unit, at_start=True):
            break
        unit.decompose()
    _trim_trailing_strings(soup)


def _units(soup: BeautifulSoup) -> list[Tag]:
    """Text blocks in reading order: elements with text of their own and no block children."""
    units = []
    for tag in soup.find_all([*UNIT_TAGS, *STOP_TAGS]):
        if tag.find_parent(STOP_TAGS) is not None:
            continue
        if tag.name == "span" and (tag.parent is None or tag.parent.name not in ("body", "[document]")):
            continue
        if tag.name in STOP_TAGS or (tag.find(BLOCK_CHILDREN) is None and _text(tag)):
            units.append(tag)
    return units


def _is_furniture(unit: Tag, at_start: bool) -> bool:
    if unit.name in STOP_TAGS:
        return False
    text = _text(unit)
    words = text.split()
    if not words:
        return True
    if _APPEARED_RE.search(text) and len(words) <= 3 * MAX_WORDS:
        return True
    if len(words) > MAX_WORDS:
        return False
    if _EDGE_RE.search(text) or _is_social(words) or _is_link_list(unit):
        return True
    if _READ_ON_RE.search(text) and (len(words) <= 4 or _mostly_links(unit)):
        return True
    return at_start and bool(_BYLINE_RE.match(text) or _DATE_RE.match(text))


_APPEARED_RE = re.compile(_APPEARED, re.IGNORECASE)


def _is_social(words: list[str]) -> bool:
    tokens = [w for w in (re.sub(r"[^\w-]", "", w).lower() for w in words) if w and not w.isdigit()]
    return bool(tokens) and all(t in SOCIAL_WORDS for t in tokens) and bool(SOCIAL_ANCHORS & set(tokens))


def _is_link_list(unit: Tag) -> bool:
    """Only short links ("slides · video", "Transcript: English Español"): nothing a listener can use."""
    links = unit.find_all("a")
    if not links or any(len(_text_of(a).split()) > 3 for a in links):
        return False
    rest = _text(unit)
    for link in links:
        rest = rest.replace(_text_of(link), " ", 1)
    label = re.sub(r"[\W_]+", " ", rest).split()
    return not label or (len(label) <= 2 and rest.strip().rstrip(" ·|•").endswith(":"))


def _trim_related_section(units: list[Tag]) -> None:
    """A "Related posts" / "Read next" heading near the end and the links after it."""
    for index in range(len(units) - 1, max(-1, len(units) - EDGE_UNITS * 2), -1):
        unit = units[index]
        if not re.fullmatch(r"h[1-6]|p|div|strong", unit.name or ""):
            continue
        text = _text(unit)
        label = re.fullmatch(
            r"\W*(?:related(?:\s+(?:posts?|articles?|reading))?|read\s+next|more\s+(?:posts|reading)"
            r"|you\s+(?:might|may)\s+also\s+like|see\s+also)\W*",
            text,
            re.IGNORECASE,
        )
        after = units[index + 1 :]
        if label and all(_mostly_links(u) for u in after):
            for tag in [unit, *after]:
                if not is_gone(tag):
                    tag.decompose()
            return


def _mostly_links(unit: Tag) -> bool:
    total = len(_text(unit))
    linked = sum(len(_text_of(a)) for a in unit.find_all("a"))
    return total > 0 and linked >= 0.7 * total


def _trim_trailing_strings(soup: BeautifulSoup) -> None:
    """Loose text at the very end of the post (not inside a paragraph) that is furniture."""
    root = soup.body or soup
    for node in reversed(list(root.children)):
        if isinstance(node, NavigableString):
            text = " ".join(str(node).split())
            if not text:
                continue
            if len(text.split()) <= MAX_WORDS and _EDGE_RE.search(text):
                node.extract()
                continue
        break


def _text(tag: Tag) -> str:
    return " ".join(tag.get_text(" ").split())


def _text_of(tag: Tag) -> str:
    return " ".join(tag.get_text(" ").split())
