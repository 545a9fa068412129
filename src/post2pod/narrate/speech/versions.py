"""Versions, said group by group: `Python 3.12` -> "Python 3 point 12", `Ubuntu 22.04` -> "Ubuntu 22 point
oh 4", `Node.js 20` -> "node J.S 20", `ES2015` -> "E.S twenty fifteen", `HTTP/2` -> "H.T.T.P 2".

espeak reads "3.12" as a decimal ("three point one two"); after a name or the word "version" the
part after the point is a number of its own ("twelve"), and a leading zero is "oh".
"""

from __future__ import annotations

import re

from post2pod.narrate.speech.letters import spelled
from post2pod.narrate.speech.numbers import year_words
from post2pod.narrate.speech.rule import rule, text_after
from post2pod.narrate.speech.units import UNITS

# A name (capitalised, or a known lower-case word) right before a two-part number: a version.
NAMED_RE = re.compile(
    r"\b(?P<name>(?<![\w+#-])[A-Z][\w+#-]*(?:\.js)?|[Vv]ersion|kernel|release|[a-z]+\.js|cmake|npm|pip|gcc|clang|go)"
    r"\s(?P<major>\d{1,4})\.(?P<minor>\d{1,3})(?![\d.%]|\.\d|\s?(?:%|percent)|[a-zA-Z])"
)
JS_RE = re.compile(r"\b(?P<name>[A-Za-z][a-z]*)\.js\b")
PROTOCOL_RE = re.compile(r"\b(?P<name>HTTP|HTTPS|SPDY)/(?P<version>\d(?:\.\d)?)\b")
YEAR_EDITION_RE = re.compile(r"\b(?P<name>ES|C\+\+|ECMAScript|Java ?SE)\s?(?P<year>(?:19|20)\d\d)\b")


def _minor(minor: str) -> str:
    return f"oh {int(minor)}" if minor.startswith("0") and len(minor) > 1 else minor


# Capitalised words that start a sentence before a plain decimal ("Add 0.5 to it", "About 3.5 of").
_NOT_NAMES = frozenset(
    [
        "add",
        "set",
        "use",
        "multiply",
        "divide",
        "subtract",
        "about",
        "around",
        "only",
        "just",
        "roughly",
        "nearly",
        "almost",
        "approximately",
        "over",
        "under",
        "at",
        "by",
        "to",
        "from",
        "than",
        "is",
        "was",
        "of",
        "and",
        "or",
        "but",
        "in",
        "on",
        "with",
        "for",
        "average",
        "mean",
        "total",
        "score",
        "rating",
        "the",
        "a",
        "an",
        "it",
        "its",
        "this",
        "that",
        "we",
        "i",
        "you",
        "they",
        "he",
        "she",
    ]
)


# Statistics written before a value ("HR 1.12", "95% CI 0.98–1.27"): a decimal, not a version.
_STATISTICS = frozenset(
    ["HR", "OR", "RR", "CI", "SD", "SE", "SEM", "IQR", "AUC", "OD", "ROC", "IRR", "ARR", "NNT"]
)


def named(match: re.Match[str]) -> str:
    """`Python 3.12` -> "Python 3 point 12"."""
    if match.group("name").lower() in _NOT_NAMES or match.group("name") in _STATISTICS:
        return match.group(0)
    unit = re.match(r"\s?([^\s,.;:)]+)", text_after(match))
    if unit and unit.group(1) in UNITS:
        return match.group(0)  # "Macbook Pro 2.4 GHz": a measure, not a version
    return f"{match.group('name')} {match.group('major')} point {_minor(match.group('minor'))}"


NAMED = rule(
    "version.after_name",
    "version",
    NAMED_RE,
    named,
    "For Python 3.12 the new => For Python 3 point 12 the new",
    "Ubuntu 22.04 LTS => Ubuntu 22 point oh 4 LTS",
    "the Linux kernel 5.15, providing => the Linux kernel 5 point 15, providing",
)
JS = rule(
    "version.js_name",
    "version",
    JS_RE,
    lambda m: f"{m.group('name')} J.S",
    "require Node.js 20. => require Node J.S 20.",
    "a Vue.js app => a Vue J.S app",
)
PROTOCOL = rule(
    "version.protocol",
    "version",
    PROTOCOL_RE,
    lambda m: f"{spelled(m.group('name'))} {m.group('version').replace('.', ' point ')}",
    "HTTP/2 uses TCP => H.T.T.P 2 uses TCP",
    "compared to HTTP/1.1? => compared to H.T.T.P 1 point 1?",
)
YEAR_EDITION = rule(
    "version.year_edition",
    "version",
    YEAR_EDITION_RE,
    lambda m: f"{'E.S' if m.group('name') == 'ES' else m.group('name')} {year_words(int(m.group('year')))}",
    "also (ES2015) is => also (E.S twenty fifteen) is",
    "ECMAScript 2015 added => ECMAScript twenty fifteen added",
)
