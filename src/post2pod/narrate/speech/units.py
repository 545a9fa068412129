"""Units of measure: symbol -> spoken words, and compound units ("TB/s", "km/h", "m²").

`UNIT_RE` finds a number with its unit (`200ms`, `5 GB`), `BRACKETED_UNIT_RE` a unit alone in
brackets, as in a table header (`Time (ms)`).
"""

from __future__ import annotations

import re

from post2pod.narrate.speech.rule import text_after, text_before

# symbol: (singular, plural, may be separated from the number by a space)
UNITS: dict[str, tuple[str, str, bool]] = {
    "km/h": ("kilometer per hour", "kilometers per hour", True),
    "kph": ("kilometer per hour", "kilometers per hour", True),
    "m/s": ("meter per second", "meters per second", True),
    "GB/s": ("gigabyte per second", "gigabytes per second", True),
    "MB/s": ("megabyte per second", "megabytes per second", True),
    "mph": ("mile per hour", "miles per hour", True),
    "kWh": ("kilowatt hour", "kilowatt hours", True),
    "MWh": ("megawatt hour", "megawatt hours", True),
    "GWh": ("gigawatt hour", "gigawatt hours", True),
    "TWh": ("terawatt hour", "terawatt hours", True),
    "mAh": ("milliamp hour", "milliamp hours", True),
    "kW": ("kilowatt", "kilowatts", True),
    "MW": ("megawatt", "megawatts", True),
    "GW": ("gigawatt", "gigawatts", True),
    "TW": ("terawatt", "terawatts", True),
    "W": ("watt", "watts", True),
    "V": ("volt", "volts", True),
    "mA": ("milliamp", "milliamps", False),
    "ms": ("millisecond", "milliseconds", True),
    "µs": ("microsecond", "microseconds", True),
    "μs": ("microsecond", "microseconds", True),
    "ns": ("nanosecond", "nanoseconds", True),
    "s": ("second", "seconds", True),
    "sec": ("second", "seconds", True),
    "min": ("minute", "minutes", True),
    "h": ("hour", "hours", True),
    "hrs": ("hour", "hours", True),
    "yr": ("year", "years", True),
    "yrs": ("year", "years", True),
    "km": ("kilometer", "kilometers", True),
    "cm": ("centimeter", "centimeters", True),
    "mm": ("millimeter", "millimeters", True),
    "nm": ("nanometer", "nanometers", True),
    "µm": ("micrometer", "micrometers", True),
    "kg": ("kilogram", "kilograms", True),
    "mg": ("milligram", "milligrams", True),
    "g": ("gram", "grams", True),
    "lb": ("pound", "pounds", True),
    "lbs": ("pound", "pounds", True),
    "oz": ("ounce", "ounces", True),
    "tbsp": ("tablespoon", "tablespoons", True),
    "Tbsp": ("tablespoon", "tablespoons", True),
    "tsp": ("teaspoon", "teaspoons", True),
    "ft": ("foot", "feet", True),
    "mi": ("mile", "miles", True),
    "ml": ("milliliter", "milliliters", True),
    "mL": ("milliliter", "milliliters", True),
    "KB": ("kilobyte", "kilobytes", True),
    "kB": ("kilobyte", "kilobytes", True),
    "MB": ("megabyte", "megabytes", True),
    "GB": ("gigabyte", "gigabytes", True),
    "TB": ("terabyte", "terabytes", True),
    "PB": ("petabyte", "petabytes", True),
    "KiB": ("kibibyte", "kibibytes", True),
    "MiB": ("mebibyte", "mebibytes", True),
    "GiB": ("gibibyte", "gibibytes", True),
    "TiB": ("tebibyte", "tebibytes", True),
    "Kbps": ("kilobit per second", "kilobits per second", True),
    "kbps": ("kilobit per second", "kilobits per second", True),
    "Mbps": ("megabit per second", "megabits per second", True),
    "Gbps": ("gigabit per second", "gigabits per second", True),
    "Tbps": ("terabit per second", "terabits per second", True),
    "kbit": ("kilobit", "kilobits", True),
    "Mbit": ("megabit", "megabits", True),
    "Gbit": ("gigabit", "gigabits", True),
    "Kb": ("kilobit", "kilobits", True),
    "Mb": ("megabit", "megabits", True),
    "Gb": ("gigabit", "gigabits", True),
    "Tb": ("terabit", "terabits", True),
    "Hz": ("hertz", "hertz", True),
    "kHz": ("kilohertz", "kilohertz", True),
    "MHz": ("megahertz", "megahertz", True),
    "GHz": ("gigahertz", "gigahertz", True),
    "°C": ("degree Celsius", "degrees Celsius", True),
    "ºC": ("degree Celsius", "degrees Celsius", True),
    "°F": ("degree Fahrenheit", "degrees Fahrenheit", True),
    "ºF": ("degree Fahrenheit", "degrees Fahrenheit", True),
    "mK": ("millikelvin", "millikelvin", True),
    "µK": ("microkelvin", "microkelvin", True),
    "sq ft": ("square foot", "square feet", True),
    "sq.ft": ("square foot", "square feet", True),
    "sqft": ("square foot", "square feet", True),
    "sq m": ("square meter", "square meters", True),
    "sq.m": ("square meter", "square meters", True),
    "bps": ("basis point", "basis points", True),
    "bp": ("basis point", "basis points", True),
    "pp": ("percentage point", "percentage points", True),
    "ppt": ("percentage point", "percentage points", True),
    "°": ("degree", "degrees", False),
    "dB": ("decibel", "decibels", True),
    "fps": ("frame per second", "frames per second", True),
    "rpm": ("revolution per minute", "revolutions per minute", True),
    "k": ("thousand", "thousand", False),
}

# The right-hand side of a compound unit ("TB/s", "$5/month", "tokens/sec"): symbol -> singular.
DENOMINATORS = {
    "s": "second",
    "sec": "second",
    "second": "second",
    "ms": "millisecond",
    "min": "minute",
    "minute": "minute",
    "h": "hour",
    "hr": "hour",
    "hour": "hour",
    "d": "day",
    "day": "day",
    "wk": "week",
    "week": "week",
    "mo": "month",
    "month": "month",
    "yr": "year",
    "year": "year",
    "user": "user",
    "seat": "seat",
    "person": "person",
    "capita": "capita",
    "head": "head",
    "kg": "kilogram",
    "g": "gram",
    "km": "kilometer",
    "m": "meter",
    "mi": "mile",
    "GB": "gigabyte",
    "TB": "terabyte",
    "kWh": "kilowatt hour",
    "query": "query",
    "request": "request",
    "bag": "bag",
    "box": "box",
    "pack": "pack",
    "item": "item",
    "piece": "piece",
    "serving": "serving",
    "page": "page",
    "night": "night",
    "share": "share",
    "barrel": "barrel",
    "bottle": "bottle",
    "gallon": "gallon",
    "gal": "gallon",
    "liter": "liter",
    "litre": "litre",
    "l": "liter",
    "lb": "pound",
    "oz": "ounce",
    "token": "token",
}
# Counted things written short in rates ("12 tok/s", "17 req/s", tqdm's "3.5 it/s").
COUNT_ABBREVIATIONS = {
    "tok": "tokens",
    "toks": "tokens",
    "req": "requests",
    "reqs": "requests",
    "it": "iterations",
    "op": "operations",
    "ops": "operations",
    "msg": "messages",
    "msgs": "messages",
    "pkt": "packets",
    "pkts": "packets",
}
# Lengths that take "square" and "cubic": symbol -> plural.
LENGTHS = {
    "m": "meters",
    "km": "kilometers",
    "cm": "centimeters",
    "mm": "millimeters",
    "ft": "feet",
    "in": "inches",
    "mi": "miles",
    "yd": "yards",
}


def per_unit(symbol: str) -> str | None:
    """`TB/s` -> "terabytes per second" (None when either side is not a unit)."""
    top, _, bottom = symbol.partition("/")
    if top not in UNITS or bottom not in DENOMINATORS:
        return None
    return f"{UNITS[top][1]} per {DENOMINATORS[bottom]}"


def _alternatives(symbols: list[str]) -> str:
    """A regex alternation of `symbols`, longest first so "ms" is tried before "m"."""
    return "|".join(re.escape(u) for u in sorted(symbols, key=len, reverse=True))


UNIT_RE = re.compile(
    r"(?<![\w.,])(\d+(?:[.,]\d+)*)"
    rf"(?:\s?({_alternatives([u for u, (_, _, space) in UNITS.items() if space])})"
    rf"|({_alternatives([u for u, (_, _, space) in UNITS.items() if not space])}))(?![\w/°])"
)
BRACKETED_UNIT_RE = re.compile(
    rf"(?<!\S)\(((?:{_alternatives([u for u in UNITS if u not in ('k', '°')])})"
    rf"(?:/(?:{_alternatives(list(DENOMINATORS))}))?)\)"
)


# A word after a measure that makes the measure a modifier ("a 25W charger", "3.5mm jack"), unless it
# is one of these (a preposition, a comparison, an adverb of place or time).
_NOT_A_NOUN = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "to",
        "in",
        "on",
        "of",
        "for",
        "from",
        "by",
        "at",
        "per",
        "each",
        "with",
        "is",
        "was",
        "were",
        "are",
        "be",
        "been",
        "into",
        "over",
        "under",
        "than",
        "that",
        "which",
        "who",
        "this",
        "it",
        "its",
        "more",
        "less",
        "so",
        "as",
        "if",
        "free",
        "left",
        "total",
        "remaining",
        "used",
        "available",
        "faster",
        "slower",
        "higher",
        "lower",
        "long",
        "wide",
        "high",
        "tall",
        "deep",
        "away",
        "ago",
        "later",
        "earlier",
        "apart",
        "max",
        "min",
        "old",
        "late",
        "early",
        "up",
        "down",
        "off",
        "out",
        "back",
        "then",
        "now",
        "here",
        "there",
        "only",
        "just",
        "overnight",
        "today",
        "tonight",
        "yesterday",
        "tomorrow",
        "outside",
        "inside",
        "instead",
        "average",
        "once",
        "twice",
        "when",
        "while",
        "since",
        "until",
        "before",
        "after",
    ]
)
# "a 25W charger", "the 1200 km route": a measure before a noun is a modifier only after a determiner
# ("1000g flour" in a recipe is "grams").
_DETERMINER_RE = re.compile(r"\b(?:a|an|the|this|that|its|their|our|his|her|my|your)\s(?:[\w-]+\s)?$", re.I)
_FINANCE_RE = re.compile(
    r"\b(?:rates?|hikes?|cuts?|yields?|spreads?|bonds?|Fed|interest|points?|basis)\b", re.I
)


def unit(match: re.Match[str]) -> str:
    """`200ms` -> "200 milliseconds", `1 GB` -> "1 gigabyte", `a 25W charger` -> "a 25 watt charger"."""
    symbol = match.group(2) or match.group(3)
    singular, plural, _ = UNITS[symbol]
    if symbol == "bps" and not _FINANCE_RE.search(
        match.string[max(0, match.start() - 60) : match.end() + 60]
    ):
        singular, plural = "bit per second", "bits per second"
    following = re.match(r"\s([a-z][a-z-]+)\b", text_after(match))
    determiner = _DETERMINER_RE.search(text_before(match, 30))
    modifier = bool(determiner and following and following.group(1) not in _NOT_A_NOUN and symbol != "k")
    return f"{match.group(1)} {singular if match.group(1) == '1' or modifier else plural}"


def unit_in_brackets(match: re.Match[str]) -> str:
    """`Time (ms)` -> `Time (milliseconds)`: a unit alone in brackets, as in a table header."""
    symbol = match.group(1)
    if "/" in symbol:
        top, bottom = symbol.split("/")
        return f"({UNITS[top][1]} per {DENOMINATORS[bottom]})"
    return f"({UNITS[symbol][1]})"
