"""Dates and times: `2024-03-05` -> "March 5, 2024", `14:30` -> "14 30", `9:05 a.m.` -> "9 oh 5 a m",
`Mon–Fri` -> "Monday to Friday", `2023–24` -> "2023 to 2024", `1990s` -> "nineteen nineties",
`1h 45m` -> "1 hour 45 minutes"."""

from __future__ import annotations

import calendar
import re
from datetime import date

from num2words import num2words

from post2pod.narrate.speech.numbers import words

MONTHS = {m: calendar.month_name[m] for m in range(1, 13)}
_WEEKDAY = "Mon|Tue|Wed|Thu|Fri|Sat|Sun"
WEEKDAYS = {d[:3]: d for d in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")}

ISO_DATE_RE = re.compile(
    r"\b(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?\b"
)
TIME_RE = re.compile(
    r"(?<![\d:.])([01]?\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?(?:\s?([AaPp])\.?[Mm]\.?(?![\w]))?(?![\d:])"
)
WEEKDAY_RANGE_RE = re.compile(rf"\b({_WEEKDAY})[a-z]*\.?\s?[–-]\s?({_WEEKDAY})[a-z]*\.?(?!\w)")
SHORT_YEAR_RANGE_RE = re.compile(r"(?<![\d,.])\b(20\d{2})\s?[–-]\s?(\d{2})\b(?![.,]\d|-)")
DECADE_RE = re.compile(r"(?<![\w'])(?:(1\d|20)(\d)0|'(\d)0|([1-9])0|([1-9])00)s\b")
# A word before "30s" or "500s" that makes it a decade, an age or a century, not seconds.
_DECADE_CUE_RE = re.compile(
    r"\b(?:the|her|his|their|my|your|our|its|early|late|mid|mid-|throwing|threw|returns?|returned)\s*$",
    re.IGNORECASE,
)


def iso_date(match: re.Match[str]) -> str:
    """`2024-03-05T14:30Z` -> "March 5, 2024 at 14 30" (an impossible date stays as written)."""
    year, month, day = (int(g) for g in match.group(1, 2, 3))
    try:
        date(year, month, day)
    except ValueError:
        return match.group(0)
    spoken = f"{MONTHS[month]} {day}, {year}"
    if match.group(4):
        spoken += " at " + _clock(int(match.group(4)), int(match.group(5)), "")
    return spoken


def _clock(hour: int, minute: int, meridiem: str) -> str:
    suffix = f" {meridiem[0].lower()} m" if meridiem else ""
    if minute == 0:
        if suffix:
            return f"{hour}{suffix}"
        return f"{hour} o'clock" if 0 < hour <= 12 else f"{hour} hundred"
    minutes = f"oh {minute}" if minute < 10 else str(minute)
    return f"{hour} {minutes}{suffix}"


def time_of_day(match: re.Match[str]) -> str:
    """`9:05 a.m.` -> "9 oh 5 a m", `14:00` -> "14 hundred", `10:30:15` -> "10 30 and 15 seconds"."""
    spoken = _clock(int(match.group(1)), int(match.group(2)), match.group(4) or "")
    rest = match.string[match.end() :]
    if match.group(0).endswith(".") and (not rest.strip() or re.match(r"\s+[\"'(]?[A-Z]", rest)):
        spoken += "."  # "9 a.m. Then" still ends the sentence
    seconds = int(match.group(3) or 0)
    if seconds:
        spoken += f" and {seconds} second{'s' if seconds != 1 else ''}"
    return spoken


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
    return f"{start} to {start[:2]}{end}"


def decade(match: re.Match[str]) -> str:
    """`1990s` -> "nineteen nineties", `'80s` -> "eighties", "the 30s" -> "thirties" (a bare "30s" is
    seconds and stays for the unit rule)."""
    if match.group(1):
        return _decade_words(int(match.group(1) + match.group(2) + "0"), year=True)
    if match.group(3):
        return _decade_words(int(match.group(3) + "0"), year=False)
    if not _DECADE_CUE_RE.search(match.string[: match.start()]):
        return match.group(0)  # "a timeout of 30s": seconds, read by the unit rule
    if match.group(5):
        return words(int(match.group(5) + "00")) + "s"  # "the 500s", "throwing 500s"
    return _decade_words(int(match.group(4) + "0"), year=False)


def _decade_words(number: int, year: bool) -> str:
    spoken = (num2words(number, to="year") if year else words(number)).replace("-", " ")
    return spoken[:-1] + "ies" if spoken.endswith("y") else spoken + "s"
