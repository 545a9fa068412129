"""Number words: cardinals, years, fractions, digit strings, magnitudes and ratios (English)."""

from __future__ import annotations

import re

from num2words import num2words

from post2pod.narrate.speech.rule import text_after, text_before
from post2pod.narrate.speech.units import UNITS

DIGITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]


def words(number: int | float | str) -> str:
    """A number in English words, without the commas and hyphens num2words puts in."""
    return num2words(number).replace(",", "").replace("-", " ")


def year_words(year: int) -> str:
    """`1860` -> "eighteen sixty", `1905` -> "nineteen oh five", `2024` -> "twenty twenty-four"."""
    return num2words(year, to="year").replace(",", "").replace("-", " ")


def ordinal_words(number: int) -> str:
    """`3` -> "third"."""
    return num2words(number, to="ordinal").replace(",", "").replace("-", " ")


def fraction_words(numerator: int, denominator: int) -> str:
    """`1/2` -> "one half", `3/4` -> "three quarters", `9/10` -> "nine tenths"."""
    if denominator == 0:
        return f"{words(numerator)} over zero"
    if denominator == 1:
        return words(numerator)
    if denominator > 100:
        return f"{words(numerator)} over {words(denominator)}"
    if denominator == 2:
        name = "half" if numerator == 1 else "halves"
    elif denominator == 4:
        name = "quarter" if numerator == 1 else "quarters"
    else:
        name = ordinal_words(denominator) + ("" if numerator == 1 else "s")
    return f"{words(numerator)} {name}"


def mixed_fraction_words(numerator: int, denominator: int) -> str:
    """The fraction after a whole number: `1/2` -> "and a half", `3/4` -> "and three quarters"."""
    spoken = fraction_words(numerator, denominator)
    return "and " + (spoken.replace("one ", "a ", 1) if numerator == 1 else spoken)


VULGAR_FRACTIONS = {
    "½": (1, 2),
    "⅓": (1, 3),
    "⅔": (2, 3),
    "¼": (1, 4),
    "¾": (3, 4),
    "⅕": (1, 5),
    "⅖": (2, 5),
    "⅗": (3, 5),
    "⅘": (4, 5),
    "⅙": (1, 6),
    "⅚": (5, 6),
    "⅛": (1, 8),
    "⅜": (3, 8),
    "⅝": (5, 8),
    "⅞": (7, 8),
}
VULGAR_FRACTION_RE = re.compile(rf"(?:(?<!\d)(\d+)\s?)?([{''.join(VULGAR_FRACTIONS)}])")


def vulgar_fraction(match: re.Match[str]) -> str:
    """`3½` -> "3 and a half", `¼` -> "one quarter"."""
    numerator, denominator = VULGAR_FRACTIONS[match.group(2)]
    if match.group(1):
        return f"{match.group(1)} {mixed_fraction_words(numerator, denominator)}"
    spoken = fraction_words(numerator, denominator)
    if numerator == 1 and re.search(r"\ba $", text_before(match)):
        return spoken.removeprefix("one ")  # "a ¼ inch bit" -> "a quarter inch bit"
    return spoken


def digit_words(digits: str) -> str:
    """`4567` -> "four five six seven" (phone numbers, codes)."""
    return " ".join(DIGITS[int(d)] for d in digits if d.isdigit())


# --- years ------------------------------------------------------------------------------------

MONTH_NAMES = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
_YEAR_BEFORE_RE = re.compile(
    rf"(?:\b(?:in|since|by|until|till|from|circa|c\.|ca\.|around|before|after|during|year|early|late|"
    rf"mid|summer|winter|spring|autumn|fall|Summer|Winter|Spring|Autumn|Fall|of|between|through|AD|CE|"
    rf"FY|Q[1-4]|H[12]|{MONTH_NAMES})"
    rf"|\b(?:{MONTH_NAMES})\.? \d{{1,2}}(?:st|nd|rd|th)?,"
    rf"|\d{{1,2}}(?:st|nd|rd|th)? (?:{MONTH_NAMES}),?|[(–]|\bmid-)\s*$",
    re.IGNORECASE,
)
_YEAR_AFTER_RE = re.compile(
    r"^(?:\s?(?:AD|BC|BCE|CE|A\.D\.|B\.C\.)\b|\)|'s\b|–\d|,\s+(?:when|the|a|and|[A-Z])"
    r"|\s(?:was|saw|marked|brought)\b)"
)
# "the 1860 election" is a year, "the 1500 soldiers" and "the 1500 men" are counts.
_DETERMINER_RE = re.compile(r"\b(?:the|a|an|his|her|their|its|this|that|our|my)\s$", re.IGNORECASE)
_SINGULAR_NEXT_RE = re.compile(r"^\s[A-Za-z][a-z]*[a-rt-z]\b")
IRREGULAR_PLURALS = frozenset(
    [
        "men",
        "women",
        "people",
        "children",
        "feet",
        "teeth",
        "mice",
        "geese",
        "sheep",
        "fish",
        "deer",
        "persons",
        "staff",
    ]
)
YEAR_RE = re.compile(r"(?<![\d,.$£€¥#:/-])\b(1\d{3}|20\d\d)\b(?![.,]\d|\s?%|:\d|-\d)")
YEAR_RANGE_RE = re.compile(r"(?<![\d,.])\b(1\d{3}|20\d\d)\s?[–-]\s?(1\d{3}|20\d\d|\d{2})\b(?![.,]\d|-)")


def year_range(match: re.Match[str]) -> str:
    """`1914–1918` and `1914-18` -> "nineteen fourteen to nineteen eighteen" (or as written)."""
    start, end_text = match.group(1), match.group(2)
    end = int(end_text) if len(end_text) == 4 else int(start[:2] + end_text)
    if not 0 < end - int(start) < 1000:
        return match.group(0)
    return f"{year_words(int(start))} to {year_words(end)}"


def year(match: re.Match[str]) -> str:
    """A four-digit number read as a year where the words around it say it is one."""
    if _is_year(match.string, match.start(), match.end()):
        return year_words(int(match.group(1)))
    return match.group(0)


def _is_year(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 40) : start]
    after = text[end : end + 20]
    if re.search(r"(?:=|\bequals)\s*$", before):
        return False  # a value given to a setting ("--seed=1234"), not a year
    if int(text[start:end]) >= 2040:
        return False  # "2048: the size of the table": a power of two, not a year
    if start <= 40 and re.fullmatch(r"\s*(?:[A-Z][a-z]+,\s*)?", before) and after.startswith(": "):
        return True  # a timeline entry: "1815: Tambora erupts." (or a list item, "Third, 1815: …")
    if _YEAR_BEFORE_RE.search(before) or _YEAR_AFTER_RE.match(after):
        return True
    following = _SINGULAR_NEXT_RE.match(after)
    if _DETERMINER_RE.search(before) and following:
        word = following.group(0).strip()
        return word.lower() not in IRREGULAR_PLURALS and word not in UNITS and word != "percent"
    # the second year of "from 1914 to 1918", "between 1500 and 1600"
    pair = re.search(r"\b1\d{3}(?= (?:to|and|or|until|till|through) $)", text[max(0, start - 20) : start])
    if pair is None:
        return False
    first = max(0, start - 20) + pair.start()
    return _is_year(text, first, first + 4)


# --- phone numbers ----------------------------------------------------------------------------

PHONE_RE = re.compile(
    r"(?<![\w+])(?:\+\d{1,3}(?:\s?\(0\)\s?\d{1,4}|[ .-]\(?\d{1,4}\)?)(?:[ .-]\(?\d{1,4}\)?){1,4}"
    r"|(?:1[ .-])?\(\d{3}\)\s?\d{3}[ .-]\d{4}"
    r"|(?:1[.-])?\d{3}[.-]\d{3}[.-]\d{4}"
    r"|0\d{2,4} \d{3} \d{3,4}"  # a national number: "0330 024 1001"
    r"|1[38]00 \d{3} \d{3})"  # an Australian free call: "1800 333 362"
    r"(?:,?\s?(?:[Ee]xt\.?|[Ee]xtension|x)\s?(?P<extension>\d{1,6})|,(?P<appended>\d{2,6}))?(?![\w-])"
)
# Groups people say as numbers, not digit by digit: toll-free prefixes.
_SAID_GROUPS = {"800": "eight hundred", "1800": "one eight hundred", "1300": "thirteen hundred"}


def phone(match: re.Match[str]) -> str:
    """`+44 20 7946 0958` -> "plus four four, two zero, seven nine four six, zero nine five eight";
    `1-800-555-1212 ext. 4` -> "one eight hundred, five five five, one two one two, extension four"."""
    raw = match.group(0)
    extension = match.group("extension") or match.group("appended")
    number = raw[: match.start("extension") - match.start()] if match.group("extension") else raw
    number = re.sub(r",\d+$", "", number) if match.group("appended") else number
    number = number.replace("(0)", " ")  # "+44 (0)20": the trunk zero is not dialled from abroad
    groups = re.findall(r"\d+", number)
    if not 7 <= sum(len(g) for g in groups) <= 15:
        return raw
    if groups[0] == "1" and len(groups) > 1 and groups[1] in _SAID_GROUPS:
        groups = groups[1:]
        spoken_groups = ["one " + _SAID_GROUPS[groups[0]]] + [digit_words(g) for g in groups[1:]]
    else:
        spoken_groups = [
            _SAID_GROUPS.get(g, digit_words(g)) if i == 0 else digit_words(g) for i, g in enumerate(groups)
        ]
    spoken = ", ".join(spoken_groups)
    if extension:
        spoken += f", extension {digit_words(extension)}"
    return ("plus " + spoken) if raw.startswith("+") else spoken


# --- magnitudes: 20B, 1.5K, 3M ----------------------------------------------------------------

MAGNITUDES = {"K": "thousand", "M": "million", "B": "billion", "T": "trillion"}
# Not before a capitalised word: "i.MX 8M Plus" is a product name.
MAGNITUDE_RE = re.compile(r"(?<![\w.,])(\d+(?:\.\d+)?)([KMBT])\b(?![-/'])(?!\s+[A-Z][a-z])")


def magnitude(match: re.Match[str]) -> str:
    """`20B` -> "20 billion"; a single-digit `4K` is a resolution or a race and stays."""
    number, suffix = match.groups()
    if suffix == "K" and re.fullmatch(r"\d", number):
        return match.group(0)
    return f"{number} {MAGNITUDES[suffix]}"


# A pair of numbers after a word of games ("a 2-0 win", "beat Liverpool 1-0", "tied at 19-19"): a score.
SCORE_RE = re.compile(r"(?<![\w.,$€£/-])(?P<a>\d{1,3})[-–](?P<b>\d{1,3})(?![\w/–-]|[.,]\d)")
_SCORE_CUE_RE = re.compile(
    r"\b(?:win|wins|won|beat|beats|beating|defeated|defeat|lead|leads|led|score|scored|stayed|tied|tie|"
    r"victory|loss|lost|losing|record|run|draw|drew|down|up|trail|trailed|trailing|final|finished|at)\b"
)


def score(match: re.Match[str]) -> str:
    """`a 2-0 win` -> "a 2 nothing win", `tied at 19-19` -> "19 all", `a 36-15 record` -> "36 and 15"."""
    before = text_before(match, 40)
    after = text_after(match, 20)
    if not (
        _SCORE_CUE_RE.search(before[-25:])
        or re.match(r"\s(?:win|victory|loss|lead|run|draw|record)\b", after)
    ):
        return match.group(0)
    a, b = match.group("a"), match.group("b")
    if int(b) > 30 and int(a) < int(b) and not re.search(r"\b(?:down|trail\w*|lost|losing)\s*$", before):
        return match.group(0)  # "pages 12-45": a range, not a score
    if re.search(r"\brecord\b", before[-20:] + after[:8]):
        return f"{a} and {b}"
    if a == b:
        return f"{a} all"
    return f"{a} {'nothing' if b == '0' else 'to ' + b}"


RATIO_RE = re.compile(r"(?<![\d:.])(\d{1,3}(?:\.\d{1,3})?):(\d{1,3}(?::\d{1,3})*)(?![\d:]|\.\d)")
ASPECT_RATIOS = {("16", "9"), ("16", "10"), ("4", "3"), ("21", "9"), ("32", "9"), ("3", "2")}


def ratio(match: re.Match[str]) -> str:
    """`3:1` -> "3 to 1", `16:9` -> "16 by 9" (a screen), `Matthew 5:3` -> "Matthew 5 3" (a verse)."""
    left, right = match.group(1), match.group(2)
    if ":" in right:  # "1:2:3" -> "1 to 2 to 3"
        return " to ".join([left, *right.split(":")])
    if re.search(r"\b[A-Z][a-z]+\s$", text_before(match)):
        return f"{left} {right}"  # chapter and verse: "Matthew 5:3"
    aspect = (left, right) in ASPECT_RATIOS
    return f"{left} {'by' if aspect else 'to'} {right}"
