"""Identifiers and serial numbers, read as a person reads them out: `CVE-2021-44228` -> "C.V.E 2021,
four four two two eight", `ISBN 0-306-40615-2` -> "I.S.B.N zero, three zero six, four zero six one five,
two", `192.168.1.100` -> "one nine two dot one six eight dot one dot one zero zero", `BA263` -> "B.A two
six three", `#100DaysOfCode` -> "hashtag 100 Days Of Code".

A dash inside an identifier is nothing (never "to" or "minus"); its digit groups are read digit by
digit, except a year-like group (2021) and a short one (ISBN-13: "thirteen").
"""

from __future__ import annotations

import re

from post2pod.narrate.speech.letters import LISTED, spelled
from post2pod.narrate.speech.numbers import digit_words, year_words
from post2pod.narrate.speech.rule import text_after

# Prefixes of identifiers whose numbers follow after a space or a dash.
PREFIXES = (
    "CVE|CWE|GHSA|RFC|ISBN|ISSN|SBN|PEP|KB|INC|CHG|RITM|JIRA|BUG|PR|MR|OSV|USN|DSA|RHSA|ECMA|IEC|EN|DIN|BS|"
    "ANSI|NIST|FIPS|SP|ASTM|IEEE|UN|EC|SKU|ASIN|UPC|EAN|VIN|NCT|PMID|PMC|arXiv"
)
PREFIXED_RE = re.compile(
    rf"\b(?P<prefix>{PREFIXES})(?:[-\u2010\u2011 ]|:\s?)?(?P<number>\d+(?:[-\u2010\u2011]\d+)*)\b(?!\.\d)"
)
NUMBERED_RE = re.compile(r"(?<=\bnumber )(?P<number>\d+(?:-\d+)+)\b(?!\.\d)")
GROUPS_RE = re.compile(r"(?<![\w.,:/$€£-])(?P<number>\d{1,6}(?:-\d{1,7}){2,5})(?![\w-]|\.\d)")
IP_RE = re.compile(
    r"(?<![\w.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d|[a-z])(?![\w.]|\.\d)"
)
CODE_RE = re.compile(r"(?<![\w.-])(?P<letters>[A-Z]{2,4})(?P<digits>\d{3,12})(?![\w.]|\.\d)")
HASHTAG_RE = re.compile(r"(?<![\w&#/])#(?P<tag>\d*[A-Za-z][\w]*)")
_WORD_PARTS_RE = re.compile(r"\d+|[A-Z]{2,}(?=[A-Z][a-z]|\d|\b|$)|[A-Z]?[a-z]+|[A-Z]")


def _group(digits: str, first: bool) -> str:
    if first and len(digits) == 4 and digits[:2] in ("19", "20"):
        return year_words(int(digits))
    if len(digits) <= 2 and not digits.startswith("0"):
        return digits
    return digit_words(digits)


_SAID_AS_WORDS = frozenset({"PEP", "arXiv", "JIRA", "SKU", "ASIN", "NIST", "ANSI", "ASTM", "IEEE", "ECMA"})


def _letters(prefix: str) -> str:
    if prefix in LISTED:
        return LISTED[prefix]
    if prefix in _SAID_AS_WORDS or len(prefix) < 3:
        return prefix
    return spelled(prefix)


def prefixed(match: re.Match[str]) -> str:
    """`CVE-2021-44228` -> "C.V.E twenty twenty one, four four two two eight"."""
    groups = re.split(r"[-\u2010\u2011]", match.group("number"))
    spoken = ", ".join(_group(g, i == 0 and len(groups) > 1) for i, g in enumerate(groups))
    return f"{_letters(match.group('prefix'))} {spoken}"


def digit_groups(match: re.Match[str]) -> str:
    """`0-306-40615-2` -> "zero, three zero six, four zero six one five, two" (an ISBN, a sort code)."""
    return ", ".join(digit_words(g) for g in match.group("number").split("-"))


def numbered(match: re.Match[str]) -> str:
    """`number 19-2207` -> "number 19, two two zero seven": a case or file number, not a range."""
    return ", ".join(_group(g, False) for g in match.group("number").split("-"))


def ip_address(match: re.Match[str]) -> str:
    """`192.168.1.100` -> "one nine two dot one six eight dot one dot one zero zero"."""
    parts = match.group(0).split(".")
    return " dot ".join(digit_words(p) if p.isdigit() else p.upper() for p in parts)


def letters_and_digits(match: re.Match[str]) -> str:
    """`BA263` -> "B.A two six three", `INC0034779` -> "I.N.C zero zero three four seven seven nine"."""
    return f"{spelled(match.group('letters'))} {digit_words(match.group('digits'))}"


def hashtag(match: re.Match[str]) -> str:
    """`#OpenSourceFriday` -> "hashtag Open Source Friday" (just the words before "tag"/"hashtag")."""
    words = " ".join(_WORD_PARTS_RE.findall(match.group("tag").replace("_", " ")))
    after = text_after(match)
    if re.match(r"\s+(?:hash)?tags?\b", after):
        return words
    if re.match(r"\s+(?:channel|room)\b", after):
        return f"hash {words}"  # an IRC or chat channel
    return f"hashtag {words}"


# --- postal addresses -------------------------------------------------------------------------

STREET_SUFFIXES = {
    "St": "Street",
    "Ave": "Avenue",
    "Rd": "Road",
    "Blvd": "Boulevard",
    "Dr": "Drive",
    "Ln": "Lane",
    "Ct": "Court",
    "Pl": "Place",
    "Hwy": "Highway",
    "Pkwy": "Parkway",
    "Sq": "Square",
}
DIRECTIONS = {
    "N": "North",
    "S": "South",
    "E": "East",
    "W": "West",
    "NW": "Northwest",
    "NE": "Northeast",
    "SW": "Southwest",
    "SE": "Southeast",
}
ADDRESS_RE = re.compile(
    r"\b(?P<number>\d{1,5}) (?P<name>(?:[A-Z][a-z]+ ){1,3})(?P<suffix>"
    + "|".join(STREET_SUFFIXES)
    + r")\b\.?(?: (?P<direction>NW|NE|SW|SE|[NSEW])\b\.?)?"
)
ZIP_RE = re.compile(r"(?<=\b[A-Z]{2} )(?P<zip>\d{5})(?:-(?P<plus4>\d{4}))?\b(?![.,]\d)")


def house_number(number: str) -> str:
    """`1600` -> "16 hundred", `1234` -> "12 34", `221` -> "2 21": a house number said in pairs."""
    if len(number) == 4 and number[0] != "0":
        return f"{number[:2]} hundred" if number[2:] == "00" else f"{number[:2]} {_pair(number[2:])}"
    if len(number) == 3:
        return f"{number[0]} {_pair(number[1:])}"
    return number


def _pair(digits: str) -> str:
    return f"oh {digits[1]}" if digits.startswith("0") else digits


def address(match: re.Match[str]) -> str:
    """`1600 Pennsylvania Ave NW` -> "16 hundred Pennsylvania Avenue Northwest"."""
    spoken = (
        f"{house_number(match.group('number'))} {match.group('name')}{STREET_SUFFIXES[match.group('suffix')]}"
    )
    if match.group("direction"):
        spoken += f" {DIRECTIONS[match.group('direction')]}"
    return spoken


def zip_code(match: re.Match[str]) -> str:
    """`DC 20500` -> "DC two zero five zero zero": a ZIP code after a state is read digit by digit."""
    spoken = digit_words(match.group("zip"))
    return spoken + (f", {digit_words(match.group('plus4'))}" if match.group("plus4") else "")
