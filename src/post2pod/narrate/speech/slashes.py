"""What a slash means where it stands, read as a narrator would (English).

A slash is "or" only between alternatives ("accessing/mapping"). Otherwise it is part of a link
("github.com/jane/x": the domain), a path ("/usr/local/bin"), a unit ("TB/s", "tokens/sec"), a
date ("15/06/2024"), a fraction ("1/2"), a pair of versions ("Gen 11/12"), a subreddit
("r/programming") or a pair that names two sides of one thing ("key/value", "client/server").
"""

from __future__ import annotations

import re

from post2pod.narrate.speech.dates import numeric_date
from post2pod.narrate.speech.links import BARE_LINK_RE, domain_of
from post2pod.narrate.speech.numbers import fraction_words, mixed_fraction_words, words
from post2pod.narrate.speech.rule import rule, text_after, text_before
from post2pod.narrate.speech.units import COUNT_ABBREVIATIONS, DENOMINATORS, UNITS, per_unit

# Pairs that name the two sides of one thing: read "key value", not "key or value".
COMPLEMENTARY_PAIRS = {
    frozenset(pair.split("/"))
    for pair in [
        "key/value",
        "client/server",
        "input/output",
        "read/write",
        "request/response",
        "producer/consumer",
        "sender/receiver",
        "frontend/backend",
        "front-end/back-end",
        "encoder/decoder",
        "encode/decode",
        "push/pull",
        "host/guest",
        "parent/child",
        "source/target",
        "source/destination",
        "question/answer",
        "cause/effect",
        "signal/noise",
        "time/space",
        "space/time",
        "lat/long",
        "lat/lon",
        "latitude/longitude",
        "cost/benefit",
        "risk/reward",
        "trial/error",
        "start/stop",
        "begin/end",
        "open/close",
        "compile/run",
        "build/test",
        "buy/sell",
        "supply/demand",
        "author/date",
        "title/author",
        "name/value",
        "label/value",
        "x/y",
        "width/height",
        "major/minor",
        "hardware/software",
        "training/inference",
        "train/test",
        "master/slave",
        "primary/replica",
        "leader/follower",
        "publish/subscribe",
        "pub/sub",
        "save/load",
        "import/export",
        "upload/download",
    ]
}
# A noun after the pair that says both sides are meant ("throughput/latency tradeoff").
PAIR_NOUNS = frozenset(
    [
        "tradeoff",
        "tradeoffs",
        "trade-off",
        "trade-offs",
        "ratio",
        "ratios",
        "split",
        "pair",
        "pairs",
        "relationship",
        "balance",
        "divide",
        "dichotomy",
        "duality",
        "axis",
        "interface",
        "boundary",
        "combination",
        "combo",
        "distinction",
        "spectrum",
    ]
)
FIXED = {
    "and/or": "and or",
    "w/o": "without",
    "n/a": "not applicable",
    "c/o": "care of",
    "s/he": "she or he",
    "24/7": "24 7",
    "50/50": "fifty fifty",
    "20/20": "twenty twenty",
}
SENTENCE_STARTS = frozenset(
    [
        "in",
        "on",
        "at",
        "about",
        "only",
        "over",
        "nearly",
        "almost",
        "by",
        "for",
        "with",
        "the",
        "a",
        "and",
        "but",
        "some",
    ]
)
RATING_CUE_RE = re.compile(r"(?:\b(?:rated?|rating|scored?|score|gives?|gave|give it|got|gets)|:)\s*$", re.I)
CUE_CHARS = 300  # around a token, where a camera or a rating may be named
_TOKEN_RE = re.compile(r"""(?<!\S)([("'\[]*+)(\S*[^\s/]/\S*?|/\S+?|\S*/)([.,;:!?)"'\]]*)(?=\s|$)""")
_WORD = r"[A-Za-z](?:[\w'-]|\.(?=\w))*"
_SPACED_SLASH_RE = re.compile(r"(?<=\S) / (?=\S)")


def _spaced_slash(match: re.Match[str]) -> str:
    """A slash with spaces around it: "yes / no" is "or"; between phrases
    ("80% bread / 20% whole wheat", "250 °C / 480 °F") it is a pause."""
    before = re.search(r"(\w+)$", text_before(match))
    after = re.match(r"(\w+)\b", text_after(match))
    one_word = bool(before and after and before.group(1).isalpha() and after.group(1).isalpha())
    return " or " if one_word else ", "


def _bare_link(match: re.Match[str]) -> str:
    raw = match.group(0)
    trail = re.search(r"[.,;:!?)\]}]+$", raw)
    domain = domain_of(raw[: trail.start()] if trail else raw)
    return (domain or raw) + (trail.group(0) if trail else "")


def _token(match: re.Match[str]) -> str:
    token = match.group(2)
    before = text_before(match, CUE_CHARS)
    after = text_after(match, CUE_CHARS)
    lowered = token.lower()
    if lowered in FIXED:
        return FIXED[lowered]
    if re.fullmatch(r"/?[ru]/\w+", token):
        prefix, name = token.lstrip("/").split("/", 1)
        return f"{prefix} slash {name}"
    if re.fullmatch(r"\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})", token):
        return _date(token)
    if re.fullmatch(r"f/\d{1,2}(?:\.\d)?", token) and _is_aperture(token, before + " " + after):
        return "f " + token[2:]  # "f/2.8": an f-number, said "f two point eight"
    if re.fullmatch(r"[A-Za-z\u0370-\u03ff]/\d+", token):
        symbol, number = token.split("/")
        return f"{symbol} over {number}"  # "π/2", "x/2"
    if re.fullmatch(r"\d+\.\d+/(?:5|10|100)", token) and RATING_CUE_RE.search(before):
        return token.replace("/", " out of ")  # "scored 7.5/10"
    if re.fullmatch(r"\d+/\d+", token):
        return _number_pair(token, before, after)
    spoken_unit = _unit(token, before)
    if spoken_unit:
        return spoken_unit
    if _is_path(token):
        return speak_path(token)
    if re.fullmatch(rf"{_WORD}'?(?:/'?{_WORD})+", token):
        return _words(token.split("/"), after)
    return token


_CAMERA_RE = re.compile(r"\d\s?mm\b|\bI\.?S\.?O\b|\baperture|\blens|\bshutter|\bstops?\b|\bbokeh", re.I)


def _is_aperture(token: str, around: str) -> bool:
    return "." in token or bool(_CAMERA_RE.search(around))


def _unit(token: str, before: str) -> str | None:
    """`TB/s` -> "terabytes per second", `tokens/sec` -> "tokens per second",
    `12 tok/s` -> "12 tokens per second"."""
    spoken = per_unit(token)
    if spoken:
        return spoken
    match = re.fullmatch(r"([A-Za-z]+)/([A-Za-z]+)", token)
    if not match or match.group(2) not in DENOMINATORS or match.group(1) in UNITS:
        return None
    # "friend/s" is a plural written short; after a number, "12 tok/s" is a rate
    if len(match.group(2)) == 1 and not re.search(r"\d\s*$", before):
        return None
    top = COUNT_ABBREVIATIONS.get(match.group(1), match.group(1))
    return f"{top} per {DENOMINATORS[match.group(2)]}"


def _is_path(token: str) -> bool:
    if re.match(r"(?:~|\.{1,2})?/[\w.]|[A-Za-z]:\\", token):
        return True
    return bool(re.fullmatch(r"[\w.-]+(?:/[\w.-]+)+/?", token)) and bool(re.search(r"\.\w{1,5}$", token))


def speak_path(path: str) -> str:
    """`/usr/local/bin` -> "slash usr slash local slash bin"; long paths keep their last part."""
    parts = [p for p in re.split(r"[/\\]", path) if p]
    if len(parts) > 4:
        return f"a path ending in {_path_part(parts[-1])}"
    spoken = " slash ".join(_path_part(p) for p in parts)
    if path.startswith("~"):
        spoken = spoken.replace("~", "home", 1)
    elif path.startswith("/"):
        spoken = "slash " + spoken
    return spoken


# Path parts said as the words they shorten ("/usr/local/bin": "slash user slash local slash bin").
PATH_WORDS = {"usr": "user", "src": "source", "tmp": "temp", "etc": "E.T.C", "lib64": "lib 64", "opt": "opt"}


def _path_part(part: str) -> str:
    part = PATH_WORDS.get(part, part).replace("~", "home")
    return re.sub(r"(?<=\w)\.(?=\w)|^\.(?=\w)", " dot ", part).replace("_", " ").replace("-", " ")


def _words(parts: list[str], after: str) -> str:
    """A chain of words: "or" between alternatives, a space between the sides of one thing."""
    if len(parts) == 2 and parts[1] == "s":
        return parts[0] + "s"  # "friend/s": the plural written short
    if all(p.isupper() and len(p) <= 5 for p in parts) or (
        len(parts) == 2
        and parts[0].isalpha()
        and parts[0].isupper()
        and len(parts[0]) <= 5
        and parts[1][:1].isupper()
    ):
        return " ".join(parts)
    if len(parts) == 2 and frozenset(p.lower() for p in parts) in COMPLEMENTARY_PAIRS:
        return " ".join(parts)
    following = re.match(r"\s+([\w-]+)", after)
    if following and following.group(1).lower() in PAIR_NOUNS:
        return " ".join(parts)
    return " or ".join(parts)


def _number_pair(token: str, before: str, after: str) -> str:
    """`1/2` -> "one half", `9/10` (a rating) -> "9 out of 10", `Gen 11/12` -> "11 and 12"."""
    top, bottom = (int(n) for n in token.split("/"))
    previous = re.search(r"(\S+)\s+$", before)
    of_follows = bool(re.match(r"\s+of\b", after))
    if re.match(r"\s+(?:split|splits|ratio|mix|rule|weighting)\b", after) and top + bottom in (10, 100):
        return f"{top} {bottom}"  # "a 70/30 split": seventy thirty
    if re.search(r"(?<![\d.,])\d+ $", before) and 0 < top < bottom <= 16:
        return mixed_fraction_words(top, bottom)  # "1 1/2 cups"
    if bottom in (5, 10, 100) and top <= bottom and RATING_CUE_RE.search(before):
        return f"{top} out of {bottom}"
    if (
        previous
        and re.search(r"[A-Z]", previous.group(1))
        and previous.group(1).lower() not in SENTENCE_STARTS
        and not re.search(r"(?:^|[.!?:]\s+)\S+\s+$", before)
        and not of_follows
        and top < bottom
    ):
        return f"{top} and {bottom}"
    if bottom in (5, 10, 100) and top <= bottom and not of_follows:
        return f"{top} out of {bottom}"
    if 0 < bottom <= 100 and (top < bottom or bottom <= 4) and not token.startswith("0"):
        return fraction_words(top, bottom)
    return f"{top} over {bottom}"


def _date(token: str) -> str:
    """`15/06/2024` -> "June 15, 2024" (day first when the first number cannot be a month)."""
    first, second, year_text = token.split("/")
    a, b, year = int(first), int(second), int(year_text)
    if len(year_text) == 2:
        year += 2000 if year < 50 else 1900
    day_first = a > 12 and b <= 12
    month, day = (b, a) if day_first else (a, b)
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return " ".join(words(n) for n in (a, b, year))
    return numeric_date(day, month, year, day_first)


RULES = [
    rule(
        "verbatim.spaced_slash",
        "verbatim",
        _SPACED_SLASH_RE,
        _spaced_slash,
        "Sales / Marketing => Sales or Marketing",
        "80% bread / 20% rye => 80% bread, 20% rye",
    ),
    rule(
        "electronic.bare_link",
        "electronic",
        BARE_LINK_RE,
        _bare_link,
        "see github.com/jane/project for code => see github.com for code",
        "at example.org/docs. => at example.org.",
    ),
    rule(
        "verbatim.slash",
        "verbatim",
        _TOKEN_RE,
        lambda m: m.group(1) + _token(m) + m.group(3),
        "users choose accessing/mapping the file => users choose accessing or mapping the file",
        "a 5 TB/s link => a 5 terabytes per second link",
    ),
]
