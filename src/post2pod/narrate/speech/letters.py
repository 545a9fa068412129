"""Letters: initialisms spelled, acronyms said as words, names with odd capitals said as people say them.

espeak-ng says an unknown all-capitals word as a word ("BAA" -> "baa", "AEST" -> "east") and a lone
"A" before another letter as the article, so an initialism is written with dots ("B.A.A"), which the
voice spells. The exceptions are data (data/letters.tsv: acronyms said as words, mixed-case names)
and common words written in capitals for emphasis (data/common_words.txt) stay words, as does a run of
capitals (a shouted line or a heading in capitals).
"""

from __future__ import annotations

import re

from post2pod.narrate.speech.rule import rule, text_after, text_before
from post2pod.narrate.speech.wordlists import data_rows, data_words

LISTED = {written: spoken for written, spoken in data_rows("letters.tsv")}
COMMON_WORDS = data_words("common_words.txt")
_VOWEL_RE = re.compile(r"[AEIOUY]")
# Three letters with a vowel between consonants ("SAX", "RAM") or four or more that alternate consonants
# and single vowels ("NASA", "QEMU", "GNOME") read as a word; espeak says those as people do.
# "AEST", "ISBN", "BAA", "AWS" do not, and are spelled.
_SAYABLE_RE = re.compile(
    r"[^AEIOU][AEIOU][^AEIOUY]|(?=.{4})[^AEIOU]{0,2}(?:[AEIOUY][^AEIOUY]{1,2})+[AEIOUY]?"
)
_ROMAN_RE = re.compile(r"M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
_CAPITALS_WORD_RE = re.compile(r"\b[A-Z]{3,}\b")

LISTED_RE = re.compile(
    r"(?<![\w.@/-])(" + "|".join(re.escape(w) for w in sorted(LISTED, key=len, reverse=True)) + r")"
    r"(?=(?:'s|’s|s)?(?![\w@/]|-\w|\.\w))"
)
INITIALISM_RE = re.compile(r"(?<![\w.'’@/#-])([A-Z]{3,6})('s|’s|s)?(?![\w'’@/-]|\.\w)")


def listed(match: re.Match[str]) -> str:
    """A listed name as people say it: `JSON` -> "Jason", `PostgreSQL` -> "postgres Q L"."""
    return LISTED[match.group(1)]


def spelled(letters: str) -> str:
    """`BAA` -> `B.A.A`: the voice spells letters joined by dots."""
    return ".".join(letters)


def initialism(match: re.Match[str]) -> str:
    """An all-capitals word with a vowel that is not a word: spelled, `APIs` -> `A.P.I's`."""
    letters, plural = match.group(1), match.group(2)
    if (
        letters in LISTED
        or letters in COMMON_WORDS
        or not _VOWEL_RE.search(letters)
        or _ROMAN_RE.fullmatch(letters)
    ):
        return match.group(0)
    if _SAYABLE_RE.fullmatch(letters) or _shouted(match):
        return match.group(0)
    return spelled(letters) + ("'s" if plural else "")


def _shouted(match: re.Match[str]) -> bool:
    """Whether the word stands among other words in capitals (a heading or a line in capitals)."""
    before = text_before(match, 40)
    after = text_after(match, 40)
    if re.search(r"\b[A-Z]{3,}\s$", before) or re.match(r"\s[A-Z]{3,}\b", after):
        return True  # "MAX RETRIES": a constant's name, or a heading in capitals
    return len(_CAPITALS_WORD_RE.findall(before)) + len(_CAPITALS_WORD_RE.findall(after)) >= 2


LISTED_NAMES = rule(
    "letters.listed",
    "letters",
    LISTED_RE,
    listed,
    "responds with JSON data => responds with Jason data",
    "SaaS eliminates installs => sass eliminates installs",
    "between MySQL and PostgreSQL => between my S Q L and postgres Q L",
)
INITIALISM = rule(
    "letters.initialism",
    "letters",
    INITIALISM_RE,
    initialism,
    "a BAA statement said => a B.A.A statement said",
    "two IDEs compared => two I.D.E's compared",
    "the AEST offset => the A.E.S.T offset",
)
