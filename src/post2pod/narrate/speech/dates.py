"""Dates, said with ordinal days in the writer's order: `2024-03-05` -> "March fifth, twenty twenty four",
`8 June 1944` -> "the eighth of June, nineteen forty four", `03.02.2024` -> "the third of February, ...",
`Mon–Fri` -> "Monday to Friday", `2023–24` -> "twenty twenty three to twenty twenty four", `1990s` ->
"nineteen nineties", `AD79` -> "A.D 79"; and durations, `1h 45m` -> "1 hour 45 minutes"."""

from __future__ import annotations

import calendar
import re
from datetime import date

from num2words import num2words

from post2pod.narrate.speech.letters import spelled
from post2pod.narrate.speech.numbers import ordinal_words, words, year_words
from post2pod.narrate.speech.rule import text_before
from post2pod.narrate.speech.times import clock_words

MONTHS = {m: calendar.month_name[m] for m in range(1, 13)}
_WEEKDAY = "Mon|Tue|Wed|Thu|Fri|Sat|Sun"
WEEKDAYS = {d[:3]: d for d in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")}

ISO_DATE_RE = re.compile(
    r"\b(\d{4})([-/])(\d{2})\2(\d{2})(?:[T ](\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?\b"
)
WEEKDAY_RANGE_RE = re.compile(rf"\b({_WEEKDAY})[a-z]*\.?\s?[–-]\s?({_WEEKDAY})[a-z]*\.?(?!\w)")
SHORT_YEAR_RANGE_RE = re.compile(r"(?<![\d,.])\b(20\d{2})\s?[–-]\s?(\d{2})\b(?![.,]\d|-)")
DECADE_RE = re.compile(r"(?<![\w'])(?:(1\d|20)(\d)0|'(\d)0|([1-9])0|([1-9])00)'?s\b")
# A word before "30s" or "500s" that makes it a decade, an age or a century, not seconds.
_DECADE_CUE_RE = re.compile(
    r"(?:\b(?:the|her|his|their|my|your|our|its|early|late|mid|mid-|throwing|threw|returns?|returned)"
    r"|(?:ies|[0-9]0'?s),? (?:and|or|to|through)|'?\d0'?s ?[–-] ?)\s*$",
    re.IGNORECASE,
)


def iso_date(match: re.Match[str]) -> str:
    """`2024-03-05T14:30Z` -> "March 5, 2024 at 14 30" (an impossible date stays as written)."""
    year, month, day = (int(g) for g in match.group(1, 3, 4))
    try:
        date(year, month, day)
    except ValueError:
        return match.group(0)
    spoken = numeric_date(day, month, year, day_first=False)
    if match.group(5):
        spoken += " at " + clock_words(int(match.group(5)), int(match.group(6)))
    return spoken


def numeric_date(day: int, month: int, year: int | None, day_first: bool) -> str:
    """A date given in numbers, said with its month's name and an ordinal day, in the writer's order:
    "the 3rd of February, 2024" (day first) or "February 3rd, 2024" (month first)."""
    spoken_day = ordinal_words(day)
    spoken = f"the {spoken_day} of {MONTHS[month]}" if day_first else f"{MONTHS[month]} {spoken_day}"
    return f"{spoken}, {year_words(year)}" if year else spoken


NUMERIC_DATE_RE = re.compile(r"(?<![\d.,/:-])(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})(?![\d.]\d|\.\d|\w)")


def dotted_date(match: re.Match[str]) -> str:
    """`03.02.2024` -> "the third of February, 2024" (day first, as where dots are written, unless
    the first number cannot be a day... or the second cannot be a month); two-digit years need a
    leading zero somewhere, so a version like `1.2.21` stays."""
    a, b, year_text = match.groups()
    if len(year_text) == 2 and not (a.startswith("0") or b.startswith("0")):
        return match.group(0)
    first, second = int(a), int(b)
    year = int(year_text) if len(year_text) == 4 else 2000 + int(year_text)
    day_first = not (second > 12 and first <= 12)
    day, month = (first, second) if day_first else (second, first)
    try:
        date(year, month, day)
    except ValueError:
        return match.group(0)
    return numeric_date(day, month, year, day_first)


def duration(match: re.Match[str], big: str, small: str) -> str:
    """`1h 45m` -> "1 hour 45 minutes", `2m30s` -> "2 minutes 30 seconds"."""
    first, second = match.group(1), match.group(2)
    return f"{first} {big}{'' if first == '1' else 's'} {second} {small}{'' if second == '1' else 's'}"


def weekday_range(match: re.Match[str]) -> str:
    """`Mon–Fri` -> "Monday to Friday"."""
    return f"{WEEKDAYS[match.group(1)]} to {WEEKDAYS[match.group(2)]}"


def short_year_range(match: re.Match[str]) -> str:
    """`2023–24` -> "2023 to 2024" (not "2023 to 24"); `2023-05` is left alone."""
    start, end = match.group(1), match.group(2)
    if int(end) <= int(start[2:]):
        return match.group(0)
    return f"{_year(start)} to {_year(start[:2] + end)}"


def decade(match: re.Match[str]) -> str:
    """`1990s` -> "nineteen nineties", `'80s` -> "eighties", "the 30s" -> "thirties" (a bare "30s" is
    seconds and stays for the unit rule)."""
    if match.group(1):
        return _decade_words(int(match.group(1) + match.group(2) + "0"), year=True)
    if match.group(3):
        return (
            _decade_words(int(match.group(3) + "0"), year=False) if match.group(3) != "0" else "two thousands"
        )
    if not _DECADE_CUE_RE.search(text_before(match)):
        return match.group(0)  # "a timeout of 30s": seconds, read by the unit rule
    if match.group(5):
        return words(int(match.group(5) + "00")) + "s"  # "the 500s", "throwing 500s"
    return _decade_words(int(match.group(4) + "0"), year=False)


def _decade_words(number: int, year: bool) -> str:
    spoken = (num2words(number, to="year") if year else words(number)).replace("-", " ")
    return spoken[:-1] + "ies" if spoken.endswith("y") else spoken + "s"


# --- dates with month names: said with ordinal days, in the order the writer used --------------

_MONTH_NAMES = "|".join(calendar.month_name[m] for m in range(1, 13))
_MONTH_SHORT = "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
_FULL_MONTH = {calendar.month_abbr[m]: calendar.month_name[m] for m in range(1, 13)} | {"Sept": "September"}
_SUFFIX = r"(?:st|nd|rd|th|ST|ND|RD|TH)"
_YEAR = r"(?:1\d|20)\d\d"
MONTH_DAY_RE = re.compile(
    rf"\b(?P<month>{_MONTH_NAMES}|(?:{_MONTH_SHORT})\.?)\s(?P<day>[1-9]|[12]\d|3[01]){_SUFFIX}?\b"
    rf"(?:\s?[–-]\s?(?P<day2>[1-9]|[12]\d|3[01]){_SUFFIX}?\b)?"
    rf"(?:(?P<comma>,)?\s(?P<year>{_YEAR})\b)?(?![.,:]\d|\s?(?:%|percent|[ap]\.?m\b|[AP]M\b))"
)
DAY_MONTH_RE = re.compile(
    rf"\b(?P<the>the\s)?(?P<day>0?[1-9]|[12]\d|3[01])(?P<suffix>{_SUFFIX})?"
    rf"(?:\s?[–-]\s?(?:the\s)?(?P<day2>[1-9]|[12]\d|3[01]){_SUFFIX}?)?(?:\sof)?\s"
    rf"(?P<month>{_MONTH_NAMES}|(?:{_MONTH_SHORT})\.?)(?![a-z])(?:,?\s(?P<year>{_YEAR})\b)?(?![.,:]\d)"
)
MONTH_YEAR_RE = re.compile(rf"\b(?P<month>{_MONTH_NAMES}),?\s(?P<year>20\d\d)\b(?![.,:]\d|\s?%)")
ERA_RE = re.compile(
    r"\b(?P<before>AD|CE)\s?(?P<year>\d{1,4})\b(?!\.\d)"
    r"|(?<![\w.,])(?P<year2>\d{1,4})\s?(?P<after>AD|BC|BCE|CE|A\.D\.|B\.C\.E?\.|C\.E\.)(?![\w])"
)


def _month_name(written: str) -> str:
    return _FULL_MONTH.get(written.rstrip("."), written.rstrip("."))


def _year(text: str) -> str:
    return year_words(int(text)) if len(text) == 4 else text


def month_day(match: re.Match[str]) -> str:
    """`March 3, 2019` -> "March third, twenty nineteen"; `June 11` -> "June eleventh"."""
    spoken = f"{_month_name(match.group('month'))} {ordinal_words(int(match.group('day')))}"
    if match.group("day2"):
        spoken += f" to {ordinal_words(int(match.group('day2')))}"
    if match.group("year"):
        spoken += f", {_year(match.group('year'))}"
    return spoken


def day_month(match: re.Match[str]) -> str:
    """`8 June 1944` -> "the eighth of June, nineteen forty four" (the writer's order kept)."""
    month = match.group("month")
    spoken = f"the {ordinal_words(int(match.group('day')))}"
    if match.group("day2"):
        spoken += f" to the {ordinal_words(int(match.group('day2')))}"
    spoken += f" of {_month_name(month)}"
    if match.group("year"):
        spoken += f", {_year(match.group('year'))}"
    return spoken


def month_year(match: re.Match[str]) -> str:
    """`March 2017` -> "March twenty seventeen"."""
    return f"{match.group('month')} {_year(match.group('year'))}"


def era(match: re.Match[str]) -> str:
    """`AD79` -> "A.D 79", `500 BC` -> "500 B.C": the era spelled, a four-digit year said as a year."""
    year = match.group("year") or match.group("year2")
    letters = (match.group("before") or match.group("after")).replace(".", "")
    spoken_year = _year(year) if len(year) == 4 else year
    dotted = spelled(letters)
    return f"{dotted} {spoken_year}" if match.group("before") else f"{spoken_year} {dotted}"


_SPOKEN_DATE_START = rf"(?:the [a-z ]+ of |(?:{_MONTH_NAMES}) [a-z]+)"
# A dash between two dates just said ("3 June 1865 – 20 January 1936"): "to".
DATE_RANGE_DASH_RE = re.compile(
    rf"(?<=[a-z]),?\s?[–—]\s?(?={_SPOKEN_DATE_START})|(?<=[a-z]),? - (?={_SPOKEN_DATE_START})"
)
