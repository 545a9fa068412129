"""Page furniture written as text at the start or end of a post: datelines, reading times, tag lists,
calls to action, skip links, sign-offs, a signature every post of the feed ends with, "Read more",
share and comment lines, "The post … appeared first on …", lists of related links.

Class names catch most furniture (see `clean`); this catches what feeds inline as plain paragraphs.
Only short units at the edges of the post are considered, so the same words inside the post stay.
Structure decides first (`furniture`: any language); the English phrase rules below catch the rest.
A unit that an in-page link points at (a footnote, a section) is never furniture.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from urllib.parse import urlsplit

from bs4 import BeautifulSoup, NavigableString, Tag

from post2pod.narrate.html import furniture
from post2pod.narrate.html.clean import clean, is_gone, parse
from post2pod.narrate.html.furniture import text_of

UNIT_TAGS = (
    "p",
    "div",
    "li",
    "dd",
    "dt",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "section",
    "header",
    "footer",
    "span",
)
BLOCK_CHILDREN = ("p", "div", "ul", "ol", "dl", "table", "pre", "blockquote", "section", "figure", "li")
STOP_TAGS = ("pre", "table", "figure", "blockquote", "img", "iframe", "video")  # content, never furniture
EDGE_UNITS = 6  # at most this many units are dropped from each end
MAX_WORDS = 25
SIGNATURE_POSTS = 3  # a closing unit seen at the end of this many posts of a feed is its signature
MAX_SIGNATURE_WORDS = 60
_CONTROLS = ("form", "input", "button", "select", "textarea")
_TOGGLES = ("checkbox", "radio", "hidden")  # Tufte's margin-note toggles are not sign-ups
_BLOCKS = ("p", "div", "section", "aside", "footer", "li")
CONTROL_MARK = "data-p2p-control"

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
    text = text_of(unit)
    words = text.split()
    if _REMAINING_RE.search(text) and len(words) <= MAX_WORDS:
        return True
    if _READ_ON_RE.search(text) and (len(words) <= 4 or _mostly_links(unit)):
        return True
    links = unit.find_all("a")
    last = text_of(links[-1]) if links else ""
    return bool(last) and len(last.split()) <= 12 and bool(_READ_ON_RE.search(last)) and text.endswith(last)


def mark_controls(soup: BeautifulSoup) -> None:
    """Mark the short block around each form control or button-like link (a sign-up form, "Subscribe
    now") before `clean` removes controls, so the words around them are known as a call to action;
    a short lead-in right before it ("Want it in your inbox?") goes with it."""
    forms = [c for c in soup.find_all(_CONTROLS) if str(c.get("type") or "").lower() not in _TOGGLES]
    buttons = [a for a in soup.find_all("a", href=True) if furniture.is_action_link(a)]
    for control in [*forms, *buttons]:
        block = control.find_parent(_BLOCKS)
        if block is None or len(text_of(block).split()) > furniture.MAX_CTA_WORDS * 2:
            continue
        block[CONTROL_MARK] = ""
        lead = block.find_previous_sibling() if control.name != "a" else None
        if lead is not None and lead.name in UNIT_TAGS and _is_lead_in(text_of(lead)):
            lead[CONTROL_MARK] = ""


def _is_lead_in(text: str) -> bool:
    """A few words that introduce a form, not a sentence of the post ("Subscribe for more posts")."""
    return 0 < len(text.split()) <= 8 and not text.rstrip().endswith((".", "!"))


def _control_block(unit: Tag) -> Tag | None:
    """The marked call-to-action block holding `unit`, if any."""
    for tag in [unit, *list(unit.parents)[:4]]:
        if tag.has_attr(CONTROL_MARK):
            return tag
    return None


def feed_signatures(htmls: Iterable[str]) -> frozenset[str]:
    """The closing units (as `furniture.unit_key`) that end at least SIGNATURE_POSTS of these posts:
    a signature, a standing plug, a licence line. Pass them to `trim_boilerplate` for each post."""
    counts: Counter[str] = Counter()
    for html in htmls:
        soup = clean(parse(html))
        units = [u for u in _units(soup) if u.name not in STOP_TAGS]
        keys = {furniture.unit_key(text_of(u)) for u in units[-EDGE_UNITS:]}
        counts.update(k for k in keys if k and len(k.split()) <= MAX_SIGNATURE_WORDS)
    return frozenset(key for key, count in counts.items() if count >= SIGNATURE_POSTS)


def trim_boilerplate(soup: BeautifulSoup, signatures: frozenset[str] = frozenset(), site: str = "") -> None:
    """Drop furniture units from the start and the end of the post (in place). `signatures`: closing
    units of the post's feed (`feed_signatures`); `site`: the post's host, whose index links are
    furniture."""
    targets = _link_targets(soup)
    units = _units(soup)
    _trim_related_section(units)
    units = [u for u in units if not is_gone(u)]
    edge = _Edge(targets, signatures, site)
    for unit in reversed(units[-EDGE_UNITS:]):
        if is_gone(unit):
            continue
        if not edge.is_furniture(unit, at_start=False):
            break
        (_control_block(unit) or unit).decompose()
    units = [u for u in units if not is_gone(u)]
    for unit in units[:EDGE_UNITS]:
        if is_gone(unit):
            continue
        if not edge.is_furniture(unit, at_start=True):
            break
        (_control_block(unit) or unit).decompose()
    _trim_trailing_strings(soup)
    for marked in soup.find_all(None, {CONTROL_MARK: True}):
        del marked[CONTROL_MARK]


class _Edge:
    """What decides whether an edge unit is furniture: its structure, then the phrase rules."""

    def __init__(self, targets: set[str], signatures: frozenset[str], site: str) -> None:
        self.targets, self.signatures = targets, signatures
        self.site = (urlsplit(site).hostname or "") if "//" in site else site

    def is_furniture(self, unit: Tag, at_start: bool) -> bool:
        if self.targeted(unit):
            return False
        block = _control_block(unit)
        if block is not None and len(text_of(block).split()) <= furniture.MAX_CTA_WORDS * 2:
            return True
        if unit.name in STOP_TAGS:
            return False
        if _structural(unit, at_start, self.site):
            return True
        if not at_start and self.signatures and furniture.unit_key(text_of(unit)) in self.signatures:
            return True
        return _is_furniture(unit, at_start)

    def targeted(self, unit: Tag) -> bool:
        """An in-page link points at it, at something in it or at a close container (a note)."""
        if not self.targets:
            return False
        for tag in [unit, *unit.find_all(id=True, limit=20), *list(unit.parents)[:3]]:
            if str(tag.get("id") or "") in self.targets or str(tag.get("name") or "") in self.targets:
                return True
        return False


def _structural(unit: Tag, at_start: bool, site: str) -> bool:
    """Furniture by shape, in any language."""
    text = text_of(unit)
    if not re.search(r"\w", text):  # separators, pilcrows, a lone arrow
        return True
    if len(text.split()) > MAX_WORDS:
        return False
    if furniture.is_dateline(unit) or furniture.is_time_element(unit):
        return True
    if furniture.is_separated_list(unit) or furniture.is_hashtag_list(unit) or _is_link_list(unit):
        return True
    if furniture.is_call_to_action(unit, site):
        return True
    if at_start:
        return furniture.is_skip_link(unit)
    return furniture.is_signoff(unit)


def _link_targets(soup: BeautifulSoup) -> set[str]:
    """The ids that in-page links (`href="#id"`) point at."""
    found = set()
    for link in soup.find_all("a", href=True):
        href = str(link["href"])
        if "#" in href and (href.startswith("#") or not href.split("#", 1)[0].strip("/")):
            found.add(href.split("#", 1)[1])
    found.discard("")
    return found


def _units(soup: BeautifulSoup) -> list[Tag]:
    """Text blocks in reading order: elements with text of their own and no block children."""
    units = []
    for tag in soup.find_all([*UNIT_TAGS, *STOP_TAGS]):
        if tag.find_parent(STOP_TAGS) is not None:
            continue
        if tag.name == "span" and (tag.parent is None or tag.parent.name not in ("body", "[document]")):
            continue
        if tag.name in STOP_TAGS or (tag.find(BLOCK_CHILDREN) is None and text_of(tag)):
            units.append(tag)
    return units


def _is_furniture(unit: Tag, at_start: bool) -> bool:
    if unit.name in STOP_TAGS:
        return False
    text = text_of(unit)
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
    """Only short links ("slides · video", "Transcript: English Español"), maybe after a label of a
    word or two ("Tags: a, b", "Schlagwörter a · b"): nothing a listener can use."""
    links = unit.find_all("a")
    if not links or any(len(text_of(a).split()) > 3 for a in links):
        return False
    rest = text_of(unit)
    for link in links:
        rest = rest.replace(text_of(link), " ", 1)
    label = re.sub(r"[\W_]+", " ", rest).split()
    if not label:
        return True
    labelled = rest.strip().rstrip(" ·|•,").endswith(":") or len(links) >= 2
    return len(label) <= 2 and labelled


def _trim_related_section(units: list[Tag]) -> None:
    """A "Related posts" / "Read next" heading near the end and the links after it."""
    for index in range(len(units) - 1, max(-1, len(units) - EDGE_UNITS * 2), -1):
        unit = units[index]
        if not re.fullmatch(r"h[1-6]|p|div|strong", unit.name or ""):
            continue
        text = text_of(unit)
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
    total = len(text_of(unit))
    linked = sum(len(text_of(a)) for a in unit.find_all("a"))
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
