"""Abbreviations read as the words they stand for: `vs.` -> "versus", `Dr. Smith` -> "Doctor Smith",
`Fig. 3` -> "Figure 3", `etc.` -> "et cetera", `St.` -> "Saint" or "Street"."""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable

from post2pod.narrate.dates import WEEKDAYS
from post2pod.narrate.rules import Rule

MONTH_ABBREVIATIONS = {calendar.month_abbr[m]: calendar.month_name[m] for m in range(1, 13)} | {
    "Sept": "September"
}

# Abbreviations with a full stop, read late in the rule table (after numbers, units and dates).
ABBREVIATIONS: dict[str, str] = {
    r"\bvs\.?(?=\s)": "versus",
    r"\bi\.\s?e\.(?=[\s,;:)])": "that is",
    r"\bet al\.": "and colleagues",
    r"\bDr\.(?=\s+[A-Z])": "Doctor",
    r"\bMr\.(?=\s)": "Mister",
    r"\bMrs\.(?=\s)": "Missus",
    r"\bMs\.(?=\s+[A-Z])": "Miz",
    r"\bProf\.(?=\s+[A-Z])": "Professor",
    r"\bJr\.(?=[\s,])": "Junior",
    r"\bSr\.(?=[\s,])": "Senior",
    r"\bNo\.(?=\s*\d)": "number",
    r"\bnos?\.(?=\s*\d)": "number",
    r"\bapprox\.(?=\s)": "approximately",
    r"\bcf\.(?=\s)": "compare",
    r"\bw/o\b": "without",
    r"\bw/(?=\s)": "with",
    r"\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.(?=\s+\d)": "<month>",
}


def _etc(match: re.Match[str]) -> str:
    rest = match.string[match.end() :]
    ends_sentence = not rest.strip() or re.match(r"\s+[\"'(]?[A-Z]", rest)
    return "et cetera." if ends_sentence else "et cetera"


def _saint_or_street(match: re.Match[str]) -> str:
    before = match.string[: match.start()]
    return "Street" if re.search(r"\b[A-Z][a-z]+\s$", before) else "Saint"


def _month(match: re.Match[str]) -> str:
    return MONTH_ABBREVIATIONS.get(match.group(0)[:-1], match.group(0))


def _abbreviation_rules() -> list[Rule]:
    rules: list[Rule] = []
    for pattern, spoken in ABBREVIATIONS.items():
        rules.append((re.compile(pattern), _month if spoken == "<month>" else spoken))
    rules.append((re.compile(r"\betc\.(?:(?=[\s,;:)\]])|$)"), _etc))
    rules.append((re.compile(r"\bSt\.(?=\s+[A-Z]|[\s,]|$)"), _saint_or_street))
    return rules


ABBREVIATION_RULES = _abbreviation_rules()


def _cased(word: str) -> Callable[[re.Match[str]], str]:
    """A replacement that keeps the capital of the abbreviation (`Fig.` -> `Figure`)."""
    return lambda m: word.capitalize() if m.group(0)[0].isupper() else word


def _weekday(match: re.Match[str]) -> str:
    return WEEKDAYS[match.group(0)[:3]]


# Abbreviations of words before a number, read early (before numbers, units and dates).
WORD_ABBREVIATIONS: list[Rule] = [
    (re.compile(r"\bparams\b"), "parameters"),
    (re.compile(r"\b[Ff]igs?\.(?=\s*\d)"), _cased("figure")),
    (re.compile(r"\b[Vv]ol\.(?=\s*\d)"), _cased("volume")),
    (re.compile(r"\bpp\.(?=\s*\d)"), "pages"),
    (re.compile(r"\bp\.(?=\s*\d)"), "page"),
    (re.compile(r"\b[Ee]qs?\.(?=\s*\(?\d)"), _cased("equation")),
    (re.compile(r"\b[Ss]ecs?\.(?=\s*\d)"), _cased("section")),
    (re.compile(r"\b[Cc]h\.(?=\s*\d)"), _cased("chapter")),
    (re.compile(r"\bCf\.(?=\s)"), "Compare"),
    (re.compile(r"\b(\d{1,2}(?:st|nd|rd|th))\s?c\.(?=\s)"), r"\1 century"),
    (re.compile(r"\b(?:ca|c)\.(?=\s?\d{3,4}\b)"), "circa"),
    (re.compile(r"\b(\w+)\(s\)"), r"\1s"),
    (
        re.compile(r"\b(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\.(?=\s+(?:[a-z\d]|[A-Z][a-z]+ \d))"),
        _weekday,
    ),
]
