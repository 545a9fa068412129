"""Page furniture known by its shape, in any language: datelines, reading times, tag lists, calls to
action, skip links, sign-offs, navigation lines.

Each predicate looks at one short unit (a paragraph, a list item, a line) and says whether it is
furniture by what it is made of (dates, numbers with a minute word, short links and separators, a
link to a feed or to the site's index), never by the phrases it uses; `boilerplate` applies them at
the edges of a post only. Month and weekday names are tables (the languages the speech rules know,
plus Russian), dates in numbers and CJK dates need none.
"""

from __future__ import annotations

import calendar
import re
from urllib.parse import urlsplit

from bs4 import Tag

from post2pod.narrate.html.tags import HEADINGS, classes
from post2pod.narrate.speech.lang_common import MONTHS

_WEEKDAYS = {
    "de": ("montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag"),
    "fr": ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
    "es": ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"),
    "it": ("lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica"),
    "pt": (
        "segunda-feira",
        "terça-feira",
        "quarta-feira",
        "quinta-feira",
        "sexta-feira",
        "sábado",
        "domingo",
    ),
    "nl": ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"),
    "ru": ("понедельник", "вторник", "среда", "четверг", "пятница", "суббота", "воскресенье"),
}
_RUSSIAN_MONTHS = (
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
)
_MONTH_WORDS = frozenset(
    [m.lower() for m in calendar.month_name[1:]]
    + [m.lower() for names in MONTHS.values() for m in names.split()]
    + list(_RUSSIAN_MONTHS)
)
_MONTH_ABBREVIATIONS = frozenset([*(m[:3] for m in _MONTH_WORDS), "sept", "févr", "janv", "juil", "déc"])
_WEEKDAY_WORDS = frozenset(
    [d.lower() for d in calendar.day_name]
    + [d for days in _WEEKDAYS.values() for d in days]
    + [d.split("-")[0] for d in _WEEKDAYS["pt"]]
)
_WEEKDAY_ABBREVIATIONS = frozenset(d[:3] for d in _WEEKDAY_WORDS)
# Little words that join a date's parts: "the 3rd of May", "3 de mayo de 2024", "am 3. Mai", "le 3 mai".
_DATE_JOINERS = frozenset(
    [
        *("of", "the", "on", "at", "de", "del", "do", "da", "le", "el", "il", "den", "der", "am", "um", "om"),
        *("à", "às", "alle", "ore", "h", "feira", "г", "года", "年", "月", "日", "号"),
    ]
)

# The preposition that ends a two-word date label: "Posted on", "Publié le", "Veröffentlicht am".
_LABEL_ENDS = frozenset(["on", "le", "am", "el", "il", "em", "op", "в", "de", "del", "du", "in"])
_CJK_DATE_RE = re.compile(r"\d{2,4}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号])?")
_NUMERIC_DATE_RE = re.compile(
    r"(?<![\d.])(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.](?:\d{4}|\d{2}))(?![\d.]\d)"
)
_CLOCK_RE = re.compile(
    r"(?<!\d)\d{1,2}[:h.]\d{2}(?::\d{2})?(?:\s*(?:[ap]\.?\s?m\.?))?(?![\d])", re.IGNORECASE
)
_WORD_RE = re.compile(r"[^\W\d_][^\W\d_'’.-]*\.?|\d+(?:st|nd|rd|th|er|e|º|ª|°)?\.?|\S", re.UNICODE)
_DAY_RE = re.compile(r"(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th|er|e|º|ª|°)?\.?")
_YEAR_RE = re.compile(r"(?:1[89]|20)\d\d\.?")
# Separators of a dateline or a navigation line: "Feb 3, 2024 · 5 min read", "Home | About".
_SEPARATOR_RE = re.compile(r"\s*(?:[·•|‧∙⋅]|\s[—–-]\s|\s?[—–]\s?)\s*")
# A minute word: "5 min read", "6 Min. Lesezeit", "lecture de 4 minutes", "5 мин", "阅读时长 5 分钟".
_MINUTE_RE = re.compile(r"^(?:min|мин|分)", re.IGNORECASE)
_SENTENCE_END_RE = re.compile(r"[^\W\d_]{2,}[.!?](?:\s|$)")
MAX_META_WORDS = 4
MAX_CTA_WORDS = 15

# A link that acts rather than informs: to a feed, a newsletter or sign-up page (a mail address is a
# contact a sentence may give: "email Stefan").
_ACTION_HREF_RE = re.compile(
    r"/(?:feed|rss|atom)(?:\.xml)?/?$|\.(?:rss|atom)$|/feed\.xml$|/index\.xml$|[/?&=](?:subscribe|signup"
    r"|sign-up|newsletter|join)\b|substack\.com/subscribe|buttondown\.(?:email|com)|eepurl\.com"
    r"|list-manage\.com|tinyletter\.com|mailchi\.mp|feedburner\.com|ck\.page|convertkit\.com",
    re.IGNORECASE,
)
_BUTTON_CLASS_RE = re.compile(r"(?:^|[-_])(?:button|btn|cta)(?:$|[-_])", re.IGNORECASE)
# The site's own listings: its home, "/blog/", "/posts/", "/archive/", "/tags/x/", "/categories/x/".
_LISTING_PATH_RE = re.compile(
    r"^/?(?:(?:blog|posts?|articles?|archives?|writing|essays|notes|news|all|index\.html?)/?)?$"
    r"|^/?(?:tags?|categor(?:y|ies)|topics?|archives?|page)/",
    re.IGNORECASE,
)
_SIGNOFF_RE = re.compile(r"^\s*(?:[—–~]|-{1,2})\s*\S")


def text_of(tag: Tag) -> str:
    """The tag's visible text, whitespace collapsed."""
    return " ".join(tag.get_text(" ").split())


def is_date(text: str) -> bool:
    """Whether `text` is a date or a date and time and nothing else ("Saturday, February 21, 2015",
    "21. Februar 2015", "2015-02-21 14:30", "2015年2月21日"), in any of the tabled languages."""
    text, cjk = _CJK_DATE_RE.subn(" ", text)
    text, numbers = _NUMERIC_DATE_RE.subn(" ", text)
    text = _CLOCK_RE.sub(" ", text)
    numeric = bool(cjk or numbers)
    month = day = year = weekday = False
    for token in _WORD_RE.findall(text):
        word = token.lower().rstrip(".,")
        if not re.search(r"\w", token) or word in _DATE_JOINERS:  # punctuation, an icon
            continue
        if word in _MONTH_WORDS or word in _MONTH_ABBREVIATIONS:
            month = True
        elif word in _WEEKDAY_WORDS or word in _WEEKDAY_ABBREVIATIONS:
            weekday = True
        elif _YEAR_RE.fullmatch(token):
            year = True
        elif _DAY_RE.fullmatch(token):
            day = True
        else:
            return False
    return numeric or (month and (day or year)) or (weekday and day)


def _labelled_date(piece: str) -> bool:
    """A date with at most a short label before it: a word, a label ending in ":", or a word and a
    preposition ("Updated 3 May 2024", "Posted on", "Publié le", "Aktualisiert am", "Fecha:", "发表于")."""
    if is_date(piece):
        return True
    words = piece.split()
    for cut in (1, 2):
        label = words[:cut]
        if len(words) <= cut or not (cut == 1 or label[-1].endswith(":") or label[-1].lower() in _LABEL_ENDS):
            continue
        if is_date(" ".join(words[cut:])):
            return True
    match = re.match(r"^[^\W\d]{1,4}[:：]?\s*(?=\d)", piece)  # CJK labels are not space-separated
    return match is not None and is_date(piece[match.end() :])


def is_reading_time(piece: str) -> bool:
    """A number with a minute word and at most three other words ("5 min read", "6 Min. Lesezeit",
    "Lesezeit: 6 Minuten", "阅读时长 ≈ 5 分钟")."""
    tokens = re.findall(r"\d+|[^\W\d_]+", piece)
    if len(tokens) > 5 or not any(t.isdigit() for t in tokens):
        return False
    return any(_MINUTE_RE.match(t) for t in tokens if not t.isdigit())


def _is_count(piece: str) -> bool:
    """A number and a word or two: "1234 words", "12 comments", "3 Kommentare"."""
    tokens = piece.split()
    return 2 <= len(tokens) <= 3 and any(re.fullmatch(r"[\d.,k]+", t) for t in tokens)


def _is_meta(piece: str, links: set[str]) -> bool:
    """A short name-like part of a dateline: an author, a category, a link's text."""
    words = piece.split()
    if not words or len(words) > MAX_META_WORDS or _SENTENCE_END_RE.search(piece):
        return False
    if piece in links:
        return True
    if not any(c.isupper() or c.islower() for c in piece):  # a script without case (CJK): short is enough
        return len(piece) <= 12
    capitalised = sum(1 for w in words if w[:1].isupper() or not w[:1].isalpha())
    return words[-1][:1].isupper() and 2 * capitalised >= len(words)


def is_dateline(unit: Tag) -> bool:
    """A line of dates, reading times, authors and counts, split by separators; a date or a reading
    time is part of it ("Saturday, February 21, 2015 · 5 minutes read", "Nov 12, 2024 · 6 min · Jane")."""
    text = text_of(unit)
    if unit.name in HEADINGS:  # "Plans for 2024-03-05" is a title
        return is_date(text)
    pieces = [p.strip(" ,:;()[]") for p in _SEPARATOR_RE.split(text)]
    if len(pieces) == 1:  # parts set apart by markup only: "<span>📅 2024-03-03</span><span>5 分钟</span>"
        pieces = [text_of(c) if isinstance(c, Tag) else " ".join(str(c).split()) for c in unit.children]
    pieces = [p for p in pieces if p and re.search(r"\w", p)]
    if not pieces or len(text.split()) > 25:
        return False
    links = {text_of(a) for a in unit.find_all("a")}
    anchors = any(_labelled_date(p) or is_reading_time(p) for p in pieces)
    if len(pieces) == 1:
        return anchors
    return anchors and all(
        _labelled_date(p) or is_reading_time(p) or _is_count(p) or _is_meta(p, links) for p in pieces
    )


def is_time_element(unit: Tag) -> bool:
    """A unit that is only a `<time>` element (with a label of a word or two at most)."""
    times = unit.find_all("time")
    if not times:
        return False
    rest = text_of(unit)
    for time in times:
        rest = rest.replace(text_of(time), " ", 1)
    return len(re.findall(r"[^\W\d_]+", rest)) <= 2 and not _SENTENCE_END_RE.search(rest)


def is_separated_list(unit: Tag) -> bool:
    """Three or more short parts between `|`, `·` or `•` and no sentence: a navigation or tag line
    ("Home | About | Archive", "python · rust · wasm")."""
    text = text_of(unit)
    if not re.search(r"[|·•]", text):
        return False
    pieces = [p.strip() for p in re.split(r"[|·•]", text)]
    pieces = [p for p in pieces if p]
    return len(pieces) >= 3 and all(len(p.split()) <= 3 and not _SENTENCE_END_RE.search(p) for p in pieces)


def is_hashtag_list(unit: Tag) -> bool:
    """Two or more `#tags` and nothing else ("#python #rust")."""
    words = text_of(unit).replace(",", " ").split()
    return len(words) >= 2 and all(re.fullmatch(r"#[^\W_][\w-]*", w) for w in words)


def is_action_link(link: Tag) -> bool:
    """A link to a feed, a newsletter, a sign-up or mail address, or one styled as a button."""
    href = str(link.get("href") or "").strip()
    return bool(_ACTION_HREF_RE.search(href)) or any(_BUTTON_CLASS_RE.search(c) for c in classes(link))


def is_call_to_action(unit: Tag, base_host: str = "") -> bool:
    """A short unit built around an action link or button: a feed, a newsletter, a sign-up, the
    site's list of posts ("Want it in your inbox? Subscribe here.", "See all posts")."""
    text = text_of(unit)
    if not text or len(text.split()) > MAX_CTA_WORDS:
        return False
    for link in unit.find_all("a", href=True):
        href = str(link["href"]).strip()
        if is_action_link(link):
            return True
        if _is_listing(href, base_host) and len(text_of(link)) >= 0.5 * len(text):
            return True
    return False


def _is_listing(href: str, base_host: str) -> bool:
    try:
        parts = urlsplit(href)
    except ValueError:
        return False
    if parts.scheme not in ("", "http", "https") or parts.fragment or parts.query:
        return False
    host = (parts.hostname or "").removeprefix("www.")
    if host and host != base_host.removeprefix("www."):
        return False
    if not host and not href.startswith("/"):
        return False
    return bool(_LISTING_PATH_RE.match(parts.path or "/"))


def is_skip_link(unit: Tag) -> bool:
    """A link into the page itself standing alone at the top ("Skip to the recipe", "Jump to code")."""
    links = [
        a for a in unit.find_all("a", href=True) if str(a["href"]).startswith("#") and len(a["href"]) > 1
    ]
    text = text_of(unit)
    linked = sum(len(text_of(a)) for a in links)
    return bool(links) and len(text.split()) <= MAX_CTA_WORDS and linked >= 0.6 * len(text)


def is_signoff(unit: Tag) -> bool:
    """A closing name after a dash ("— Jane", "-- Bob Smith", "~ the team")."""
    text = text_of(unit)
    return bool(_SIGNOFF_RE.match(text)) and len(text.split()) <= 5 and not _SENTENCE_END_RE.search(text)


def unit_key(text: str) -> str:
    """A unit's words, lowercased: how a signature repeated across posts is compared."""
    return " ".join(re.findall(r"[^\W_]+", text.lower()))
