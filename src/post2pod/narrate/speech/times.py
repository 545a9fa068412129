"""Times of day: `07:45 pm` -> "7 45 PM", `9–9:30 AM` -> "9 to 9 30 AM", `3 p.m. ET` -> "3 PM E.T",
`17:14Z` -> "17 14 Zulu", `2100hrs` -> "21 hundred hours", `0615-0700` -> "oh 6 15 to oh 7 hundred".

The meridiem is written "AM"/"PM": espeak says those as letters, while "a m" is the article "a" and
an "m". Zones after a time are spelled ("E.T", "A.E.S.T"). A time needs its colon, or its meridiem,
or (for `14.30`, `9.30`) a word before it that says a time follows ("at", "until", "from"...).
"""

from __future__ import annotations

import re

from post2pod.narrate.speech.letters import spelled
from post2pod.narrate.speech.rule import rule, text_after, text_before

_MERIDIEM = (
    r"(?:\s?(?P<{n}>[AaPp])(?:\.\s?[Mm]\.|\s?[Mm])(?![A-Za-z])|(?P<{n}s>[ap])(?=\s?[–—-]|\s*$|[\s,;.)]))"
)
_ZONE = (
    r"UTC|GMT|BST|CET|CEST|EET|EEST|WET|IST|JST|KST|AEST|AEDT|ACST|AWST|NZST|NZDT|"
    r"ET|CT|MT|PT|EST|EDT|CST|CDT|MST|MDT|PST|PDT|AKST|HST|SGT|HKT"
)
_TIME_WORD = r"(?:at|until|till|til|by|before|after|around|since|@)"


_RATIO_CUE_RE = re.compile(r"\b(?:ratios?|odds|proportions?|mix|mixed)\b", re.IGNORECASE)


def _time(n: str, dotted: bool) -> str:
    """One time of day; `n` names its groups. A dotted time (`9.30`) needs a meridiem or a cue."""
    separator = r"[:.]" if dotted else ":"
    return (
        rf"(?P<{n}h>[01]?\d|2[0-3])(?:{separator}(?P<{n}m>[0-5]\d)(?::(?P<{n}sec>[0-5]\d))?)?"
        rf"(?:{_MERIDIEM.format(n=n + 'mer')})?"
    )


_ONE = _time("a", dotted=True)
_TWO = _time("b", dotted=True)
_NOON = r"(?P<{n}w>[Nn]oon|[Mm]idnight)"
TIME_RANGE_RE = re.compile(
    rf"(?<![\w.:$€£/])(?:{_ONE}|{_NOON.format(n='a')})\s?[–—-]\s?(?:{_TWO}|{_NOON.format(n='b')})"
    rf"(?:\s(?P<zone>{_ZONE})\b)?(?![\w:]|[.,]\d)"
)
CLOCK_RE = re.compile(
    rf"(?<![\w.:$€£/])(?P<ah>[01]?\d|2[0-3]):(?P<am>[0-5]\d)(?::(?P<asec>[0-5]\d))?"
    rf"(?:{_MERIDIEM.format(n='amer')})?(?:(?P<zulu>Z)\b|\s(?P<zone>{_ZONE})\b)?(?![\w:]|[.,]\d)"
)
DOTTED_RE = re.compile(
    rf"(?<![\w.,:$€£/])(?P<ah>[01]?\d|2[0-3])\.(?P<am>[0-5]\d)"
    rf"(?:{_MERIDIEM.format(n='amer')})?(?:\s(?P<zone>{_ZONE})\b)?(?![\w]|[.,]\d)"
)
HOUR_RE = re.compile(
    rf"(?<![\w.:$€£/])(?P<ah>1[0-2]|0?[1-9])\s?(?P<amer>[AaPp])(?:\.\s?[Mm]\.|\s?[Mm])(?![A-Za-z])"
    rf"(?:\s(?P<zone>{_ZONE})\b)?"
)
MILITARY_RE = re.compile(
    r"(?<![\w.,:$€£/])(?P<h>[01]\d|2[0-3])(?P<m>[0-5]\d)(?:\s?[–-]\s?(?P<h2>[01]\d|2[0-3])(?P<m2>[0-5]\d))?"
    r"(?P<suffix>\s?(?:hrs|hours|h)\b)?(?![\w,.]\d|\d)"
)


def clock_words(hour: int, minute: int | None, second: int | None = None, meridiem: str = "") -> str:
    """`9, 5, am` -> "9 oh 5 AM"; `14, 0` -> "14 hundred"; `10, 0` -> "10 o'clock"."""
    suffix = f" {meridiem.upper()}M" if meridiem else ""
    if not minute and second is None:
        if suffix or minute is None:
            return f"{hour}{suffix}"
        return f"{hour} o'clock" if 0 < hour <= 12 else f"{hour} hundred"
    minute = minute or 0  # seconds without minutes (no pattern matches them) read as minute 0
    spoken = f"{hour} {f'oh {minute}' if minute < 10 else minute}"
    if second is not None:
        spoken += f" {f'oh {second}' if second < 10 else second}"
    return spoken + suffix


def _zone(match: re.Match[str]) -> str:
    zone = match.groupdict().get("zone")
    if match.groupdict().get("zulu"):
        return " Zulu"
    return f" {spelled(zone)}" if zone else ""


def _one(match: re.Match[str], n: str, meridiem: str = "") -> str:
    groups = match.groupdict()
    if groups.get(f"{n}w"):
        return groups[f"{n}w"].lower()
    minute = groups.get(f"{n}m")
    second = groups.get(f"{n}sec")
    meridiem = (groups.get(f"{n}mer") or groups.get(f"{n}mers") or meridiem).lower()
    return clock_words(
        int(groups[f"{n}h"]), int(minute) if minute else None, int(second) if second else None, meridiem
    )


def _ends_sentence(match: re.Match[str]) -> bool:
    rest = text_after(match)
    return match.group(0).endswith(".") and (not rest.strip() or bool(re.match(r"\s+[\"'(]?[A-Z]", rest)))


def time_range(match: re.Match[str]) -> str:
    """`9–9:30 AM` -> "9 to 9 30 AM"; a range needs a colon or a meridiem on one side at least."""
    groups = match.groupdict()
    if not (
        ":" in match.group(0)
        or groups.get("amer")
        or groups.get("bmer")
        or groups.get("aw")
        or groups.get("bw")
    ):
        return match.group(0)
    spoken = f"{_one(match, 'a')} to {_one(match, 'b')}{_zone(match)}"
    return spoken + ("." if _ends_sentence(match) else "")


def clock(match: re.Match[str]) -> str:
    """`9:05 a.m.` -> "9 oh 5 AM", `14:00` -> "14 hundred", `17:14Z` -> "17 14 Zulu"."""
    if not match.groupdict().get("amer") and _RATIO_CUE_RE.search(text_before(match, 30)):
        return match.group(0)  # "ratios are 1:25": a ratio, read by the ratio rule
    spoken = _one(match, "a") + _zone(match)
    return spoken + ("." if _ends_sentence(match) else "")


def dotted(match: re.Match[str]) -> str:
    """`9.30 pm`, `at 14.30` -> a time; `3.50` with no cue stays a number."""
    if not match.group("amer") and not re.search(rf"\b{_TIME_WORD}\s$", text_before(match)):
        return match.group(0)
    if not match.group("amer") and (len(match.group("ah")) < 2 or match.group("ah") == "00"):
        return match.group(0)  # "at 3.50", "up to 0.08": a price, a score or a value as often as a time
    return clock(match)


def military(match: re.Match[str]) -> str:
    """`2100hrs` -> "21 hundred hours", `0615-0700` -> "oh 6 15 to oh 7 hundred": only with "hrs"
    or a leading zero, so a four-digit count or year is left alone."""
    if not match.group("suffix") and not (
        match.group("h2") and "0" in (match.group("h")[0], match.group("h2")[0])
    ):
        return match.group(0)
    spoken = _military(match.group("h"), match.group("m"))
    if match.group("h2"):
        spoken += " to " + _military(match.group("h2"), match.group("m2"))
    return spoken + (" hours" if match.group("suffix") else "")


def _military(hour: str, minute: str) -> str:
    lead = "oh " if hour.startswith("0") else ""
    rest = "hundred" if minute == "00" else (f"oh {int(minute)}" if minute.startswith("0") else minute)
    return f"{lead}{int(hour)} {rest}"


RANGE = rule(
    "time.range",
    "time",
    TIME_RANGE_RE,
    time_range,
    "open 9am–5pm => open 9 AM to 5 PM",
    "between 5:30-6:00pm for snacks => between 5 30 to 6 PM for snacks",
    "from 6:30 a.m. - 6:30 p.m. daily => from 6 30 AM to 6 30 PM daily",
    "8:30 a.m.–Noon Workshops => 8 30 AM to noon Workshops",
)
CLOCK = rule(
    "time.clock",
    "time",
    CLOCK_RE,
    clock,
    "at 9:05 a.m. we => at 9 oh 5 AM we",
    "by 14:00 => by 14 hundred",
    "at 17:14Z on => at 17 14 Zulu on",
    "at 3:15 p.m. ET => at 3 15 PM E.T",
)
DOTTED = rule(
    "time.clock_dotted",
    "time",
    DOTTED_RE,
    dotted,
    "landed at 5.26pm, and => landed at 5 26 PM, and",
    "until 14.30 when => until 14 30 when",
)
HOUR = rule(
    "time.hour_meridiem",
    "time",
    HOUR_RE,
    lambda m: clock(m),
    "an 8 pm start => an 8 PM start",
    "starting at 7PM AEST on => starting at 7 PM A.E.S.T on",
)
MILITARY = rule(
    "time.military",
    "time",
    MILITARY_RE,
    military,
    "Tattoo at 2100hrs => Tattoo at 21 hundred hours",
    "served 0615-0700 daily => served oh 6 15 to oh 7 hundred daily",
)
