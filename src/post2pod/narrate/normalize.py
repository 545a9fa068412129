"""Text normalisation: rewrite what espeak-ng (inside Piper) reads badly into plain spoken English.

`normalize` runs the steps in order. `clean_text` (entities, quotes, spaces, emoji, control
characters), links and the pause rules (ellipses, dashes) apply to every language; the English
rule table, inline TeX, symbols and slashes only to English. Footnote markers (private-use
characters) pass through untouched.

`ENGLISH_RULES` is one ordered table: each rule sees what the ones before it left, so the order is
the design. Cardinals stay digits (the voice reads them well); what it would misread becomes words.
Each kind of thing is read by its own module, whose patterns and handlers the table lists:
`citations`, `abbreviations`, `dates`, `money`, `numbers` (years, phone numbers, magnitudes,
fractions, ratios), `powers`, `units`, `roman`; then `slashes` (what a slash means where it stands),
`symbols` (other scripts, emoticons, symbols shown on their own), `math` (simple TeX) and `links`.
"""

from __future__ import annotations

import re

from post2pod.narrate.abbreviations import ABBREVIATION_RULES, WORD_ABBREVIATIONS
from post2pod.narrate.characters import clean_text
from post2pod.narrate.citations import CITATION_RULES
from post2pod.narrate.dates import (
    DECADE_RE,
    ISO_DATE_RE,
    SHORT_YEAR_RANGE_RE,
    TIME_RE,
    WEEKDAY_RANGE_RE,
    decade,
    duration,
    iso_date,
    short_year_range,
    time_of_day,
    weekday_range,
)
from post2pod.narrate.links import DOI_RE, EMAIL_RE, URL_RE, spoken_email, spoken_url
from post2pod.narrate.math import speak_tex
from post2pod.narrate.money import CURRENCY_RE, currency
from post2pod.narrate.numbers import (
    MAGNITUDE_RE,
    PHONE_RE,
    RATIO_RE,
    VULGAR_FRACTION_RE,
    YEAR_RANGE_RE,
    YEAR_RE,
    magnitude,
    ordinal_words,
    phone,
    ratio,
    vulgar_fraction,
    year,
    year_range,
)
from post2pod.narrate.powers import AREA_RE, E_NOTATION_RE, POWER_RE, area, e_notation, power, superscripts
from post2pod.narrate.roman import ROMAN_RULES
from post2pod.narrate.rules import Rule, apply_rules
from post2pod.narrate.slashes import speak_slashes
from post2pod.narrate.symbols import drop_kaomoji, foreign_scripts, name_shown_symbols
from post2pod.narrate.units import BRACKETED_UNIT_RE, UNIT_RE, unit, unit_in_brackets

_ARROW_RE = re.compile(r"[\u2190-\u21ff\u27f5-\u27ff]")

# --- pauses: ellipses and dashes (every language) ---------------------------------------------

_ELLIPSIS = r"(?:\.\s?\.\s?\.+|…)"
PAUSE_RULES: list[Rule] = [
    (re.compile(rf"^(\s*[\"'(]?)\s*{_ELLIPSIS}\s*"), r"\1"),
    (re.compile(rf"\s*{_ELLIPSIS}\s*(?=[\"')\]]*\s*$)"), "."),
    (re.compile(rf"\s*{_ELLIPSIS}\s*(?=[?!])"), ""),
    (re.compile(rf"\s*{_ELLIPSIS}\s+(?=[\"'(]?[A-Z])(?!I\b)"), ". "),
    (re.compile(rf"\s*{_ELLIPSIS}\s*"), ", "),
    (re.compile(r"^\s*(?:—|―|–|--)\s*"), ""),
    (re.compile(r"\s*(?:—|―|--)\s*|\s+[–-]\s+"), ", "),
    (re.compile(r"\s*,(?:\s*,)+"), ","),
    (re.compile(r",\s*([.!?;:)])"), r"\1"),
    (re.compile(r"([(\[])\s*,\s*"), r"\1"),
    (re.compile(r"([!?:;])\s*,"), r"\1"),
]

# --- English --------------------------------------------------------------------------------------


def _version(match: re.Match[str]) -> str:
    """`v2.1` -> "version 2 point 1"."""
    number = match.group(1) or match.group(2)
    return "version " + number.replace(".", " point ")


ENGLISH_RULES: list[Rule] = [
    *CITATION_RULES,
    *WORD_ABBREVIATIONS,
    (ISO_DATE_RE, iso_date),
    # "9am–5pm", "10:30am-2pm": the dash between two clock times is "to"
    (re.compile(r"(?<=\d[AaPp][Mm])\s?[–-]\s?(?=\d{1,2}(?::\d\d)?\s?[AaPp]\.?[Mm]\b)"), " to "),
    (re.compile(r"(?<![\w.:])(\d{1,2})\s?([AaPp])[Mm]\b"), lambda m: f"{m.group(1)} {m.group(2).lower()} m"),
    (  # a height: 5'11" -> "5 foot 11"
        re.compile(r"(?<![\w.'])([1-9])\s?['′’](\d{1,2})\s?(?:\"|″|”|'')(?!\w)"),
        lambda m: f"{m.group(1)} foot {m.group(2)}",
    ),
    (PHONE_RE, phone),
    (TIME_RE, time_of_day),
    (WEEKDAY_RANGE_RE, weekday_range),
    (SHORT_YEAR_RANGE_RE, short_year_range),
    (RATIO_RE, ratio),
    (re.compile(r"(?<=\b[A-Za-z)])\s*≈\s*"), " is approximately "),
    (re.compile(r"\b([Aa]n?|[Tt]he) (?:~|≈|∼)\s?(?=[$€£¥\d])"), r"\1 roughly "),  # "a ~2x speedup"
    (re.compile(r"(?:~|≈|∼)\s?(?=[$€£¥\d])"), "about "),
    (re.compile(r"§§\s?(?=\d)"), "sections "),
    (re.compile(r"§\s?(?=\d)"), "section "),
    (CURRENCY_RE, currency),
    (VULGAR_FRACTION_RE, vulgar_fraction),
    (E_NOTATION_RE, e_notation),
    (YEAR_RANGE_RE, year_range),
    (DECADE_RE, decade),
    (YEAR_RE, year),
    (MAGNITUDE_RE, magnitude),
    (AREA_RE, area),
    (POWER_RE, power),
    # "8×H100", "4x A100": so many of that part, "8 H100s"
    (
        re.compile(r"(?<![\w.])([1-9]\d*)\s?[x×]\s?([A-Z][A-Za-z]{0,3}\d{2,4}[A-Za-z]?)\b(?!-)"),
        lambda m: f"{m.group(1)} {m.group(2)}{'' if m.group(2).endswith('s') else 's'}",
    ),
    (re.compile(r"(?<![\w.])([1-9]\d*)(?:[x×]| x )(\d+)\b"), r"\1 by \2"),
    # "10x", "3.5 x"; not "0.5 x y", where x is a variable multiplied by a number
    (re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)(?:\s?×|\s?x(?!\s+[b-zB-HJ-Z]\b))(?![\w])"), r"\1 times"),
    (re.compile(r"(?<!-)\b[vV](\d+(?:\.\d+)+)\b|(?<!-)\bv(\d+)\b"), _version),
    (
        re.compile(r"(?<![\w.])(\d+\.\d+\.\d+(?:\.\d+)*)(?!\w|\.\d)"),
        lambda m: m.group(1).replace(".", " point "),
    ),
    (  # a shutter speed: "1/250s" -> "one two hundred fiftieth of a second"
        re.compile(r"(?<![\w./])1/(\d{2,5})\s?s(?:ec)?\b"),
        lambda m: f"one {ordinal_words(int(m.group(1)))} of a second",
    ),
    (re.compile(r"(?<![\w.])(\d+)\s?h\s?(\d{1,2})\s?m(?:in)?\b"), lambda m: duration(m, "hour", "minute")),
    (re.compile(r"(?<![\w.])(\d+)\s?m(?:in)?\s?(\d{1,2})\s?s\b"), lambda m: duration(m, "minute", "second")),
    (  # "300 m of climbing": metres (a bare "m" is also minutes and millions, so only before these words)
        re.compile(
            r"(?<![\w.,])(\d+(?:\.\d+)?)\s?m(?=\s+(?:of|high|tall|long|deep|wide|above|below|away|up)\b)"
        ),
        lambda m: f"{m.group(1)} {'meter' if m.group(1) == '1' else 'meters'}",
    ),
    (UNIT_RE, unit),
    (BRACKETED_UNIT_RE, unit_in_brackets),
    (
        re.compile(
            r"(?<![\w.,/–-])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(%?)\s?[–-]\s?(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
            r"(?![\w/–-]|[.,]\d)"
        ),
        r"\1\2 to \3",
    ),
    *ABBREVIATION_RULES,
    *ROMAN_RULES,
    # "C/C++", "C#/F#", "C++/Rust": a slash next to a language name with a symbol is "or"
    (re.compile(r"(?<=\w)/(?=[CF](?:\+\+|#)(?!\w))|(?<=\+\+|[CF]#)/(?=\w)"), " or "),
    (re.compile(r"\bC\+\+"), "C plus plus"),
    (re.compile(r"\b([CF])#(?!\w)"), r"\1 sharp"),
    (re.compile(r"(?<=[\w%])\+(?=[\s,.;:)!?]|$)"), " plus"),  # "100k+ users", "64GB+", "Disney+"
    (re.compile(r"(?<![\w&])#(\d+)"), r"number \1"),
    (re.compile(r"\s*&\s*"), " and "),
    (re.compile(r"\s(?:<=|≤)\s?|≤\s?"), " less than or equal to "),
    (re.compile(r"\s(?:>=|≥)\s?|≥\s?"), " greater than or equal to "),
    (re.compile(r"\s<\s"), " less than "),
    (re.compile(r"\s>\s"), " greater than "),
    (re.compile(r"\s*(?:!=|≠)\s*"), " not equal to "),
    (re.compile(r"\s*(?:→|->|⟶|⇒|=>)\s*"), " to "),
    (re.compile(r"(?<=[\w)])\s?×\s?(?=[\w(])"), " times "),
    (re.compile(r"(?<=[\w)])\s?÷\s?(?=[\w(])"), " divided by "),
    (re.compile(r"(?<=[\w)²³])\s*=\s*(?=[\w(-])"), " equals "),
    (re.compile(r"±\s?"), "plus or minus "),
    (re.compile(r"(?<=\w)\s\+\s(?=[\w(])"), " plus "),
    (re.compile(r"≈\s?"), "approximately "),
    (re.compile(r"∞"), "infinity"),
    (re.compile(r"√\s?"), "the square root of "),
    (re.compile(r"\bI/O\b"), "I O"),
]


# Inline TeX as Pandoc reads it: no space inside either `$`, the closing one not before a digit.
_INLINE_TEX_RE = re.compile(
    r"(?<![\\$\w])\$(?=[^\s$])([^$\n]{1,200}?)(?<=[^\s$\\])\$(?![\d$])|\\\((.{1,200}?)\\\)"
)


# Where sentences start, and whether with a number ("1860 was...", "+44 20..."), which the
# rules turn into lower-case words: those get their capital back.
_SENTENCE_START_RE = re.compile(r"(?:^|(?<=[.!?]\s))[\"'(]?(?:([\d+])|\S)")


def _capitalise_number_starts(text: str, number_starts: list[bool]) -> str:
    starts = list(_SENTENCE_START_RE.finditer(text))
    if len(starts) != len(number_starts):
        starts, number_starts = starts[:1], number_starts[:1]
    chars = list(text)
    for match, was_number in zip(starts, number_starts, strict=False):
        letter = match.end() - 1
        if was_number and chars[letter].islower():
            chars[letter] = chars[letter].upper()
    return "".join(chars)


def _inline_tex(match: re.Match[str], english: bool) -> str:
    tex = match.group(1) or match.group(2)
    if match.group(1) and not re.search(r"[\\^_=]|^[A-Za-z]$", tex):
        return match.group(0)  # "$5 and 10$" is money, not math
    spoken = speak_tex(tex) if english else None
    return spoken if spoken is not None else ("a formula" if english else tex)


def normalize(text: str, english: bool = True) -> str:
    """Rewrite `text` (one block, markers allowed) into what should be spoken."""
    text = drop_kaomoji(clean_text(text))
    text = re.sub(r"\bpic\.(?:twitter|x)\.com/\S+", "", text)  # a tweet's picture link: nothing to say
    text = DOI_RE.sub("a DOI" if english else "DOI", text)
    text = URL_RE.sub(lambda m: spoken_url(m, english), text)
    if english:
        number_starts = [m.group(1) is not None for m in _SENTENCE_START_RE.finditer(text)]
        text = _INLINE_TEX_RE.sub(lambda m: _inline_tex(m, english), text)
        text = name_shown_symbols(text)
        text = re.sub(r"(?<![\w@])@(?=[\w.]+@[\w-]+\.\w)", "", text)  # a fediverse handle: "@priya@host"
        text = EMAIL_RE.sub(spoken_email, text)
        text = superscripts(text)
        text = apply_rules(ENGLISH_RULES, text)
        text = speak_slashes(text)
        text = foreign_scripts(text)
    text = _ARROW_RE.sub(" ", text)
    if english:
        text = _capitalise_number_starts(text, number_starts)
    text = apply_rules(PAUSE_RULES, text)
    return tidy(text).rstrip(",")


def tidy(text: str) -> str:
    """Collapse spaces and drop spaces before punctuation."""
    text = re.sub(r"<([^<>\s]{1,40})>", r" \1 ", text)
    text = re.sub(r"(?<=\w)_+(?=\w)", " ", text)
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"\s+([,.;:!?)\]])(?!\w)", r"\1", text)
    text = re.sub(r"([(\[])\s+", r"\1", text)
    text = re.sub(r"\(\s*\)|\[\s*\]", "", text)
    return text.strip()
