"""English: ONE ordered table of the rules that say written forms as words.

The order is the design: each rule sees what the ones before it left. Roughly, from the most
specific to the most general: what carries its own markup (links, TeX, e-mail), what a number is
part of (citations, abbreviations before numbers, dates, times, telephone numbers, money, measures,
versions, identifiers), then numbers alone, then words and letters, then signs, then what a slash
means, then other scripts. Cardinals stay digits (the voice reads them well); what it would misread
becomes words. Every rule's examples are run by tests/narrate/speech/test_rules.py.
"""

from __future__ import annotations

import re

from post2pod.narrate.math import speak_tex
from post2pod.narrate.speech import (
    abbreviations,
    citations,
    common,
    operators,
    roman,
    slashes,
)
from post2pod.narrate.speech.dates import (
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
from post2pod.narrate.speech.links import EMAIL_RE, spoken_email
from post2pod.narrate.speech.money import CURRENCY_RE, currency
from post2pod.narrate.speech.numbers import (
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
from post2pod.narrate.speech.powers import (
    AREA_RE,
    E_NOTATION_RE,
    POWER_RE,
    SUBSCRIPT_RE,
    SUPERSCRIPT_RE,
    area,
    e_notation,
    power,
    subscript,
    superscript,
)
from post2pod.narrate.speech.rule import Rule, rule
from post2pod.narrate.speech.symbols import (
    FOREIGN_RUN_RE,
    GREEK_LETTER_RE,
    SHOWN_SYMBOLS_RE,
    foreign_run,
    greek_letter,
    shown_symbols,
)
from post2pod.narrate.speech.units import BRACKETED_UNIT_RE, UNIT_RE, unit, unit_in_brackets

# Inline TeX as Pandoc reads it: no space inside either `$`, the closing one not before a digit.
_INLINE_TEX_RE = re.compile(
    r"(?<![\\$\w])\$(?=[^\s$])([^$\n]{1,200}?)(?<=[^\s$\\])\$(?![\d$])|\\\((.{1,200}?)\\\)"
)


def _inline_tex(match: re.Match[str]) -> str:
    tex = match.group(1) or match.group(2)
    if match.group(1) and not re.search(r"[\\^_=]|^[A-Za-z]$", tex):
        return match.group(0)  # "$5 and 10$" is money, not math
    spoken = speak_tex(tex)
    return spoken if spoken is not None else "a formula"


def _version(match: re.Match[str]) -> str:
    """`v2.1` -> "version 2 point 1"."""
    number = match.group(1) or match.group(2)
    return "version " + number.replace(".", " point ")


def _parts(match: re.Match[str]) -> str:
    """`8×H100` -> "8 H100s"."""
    return f"{match.group(1)} {match.group(2)}{'' if match.group(2).endswith('s') else 's'}"


ENGLISH: list[Rule] = [
    *common.FIRST_RULES,
    common.doi("a DOI"),
    common.url(english=True),
    rule(
        "math.inline_tex",
        "math",
        _INLINE_TEX_RE,
        _inline_tex,
        r"where $x^2$ grows => where x squared grows",
        r"so \(a_n\) tends => so a sub n tends",
    ),
    rule(
        "verbatim.shown_symbols",
        "verbatim",
        SHOWN_SYMBOLS_RE,
        shown_symbols,
        'type "--" before it => type "two hyphens" before it',
        "the pipe (|) joins => the pipe (pipe) joins",
    ),
    rule(
        "electronic.fediverse_handle_at",
        "electronic",
        r"(?<![\w@])@(?=[\w.]+@[\w-]+\.\w)",
        "",
        "follow @priya@hachyderm.io for news => follow priya at hachyderm dot io for news",
        "by @jo@example.social => by jo at example dot social",
    ),
    rule(
        "electronic.email",
        "electronic",
        EMAIL_RE,
        spoken_email,
        "write to jane.doe@example.org today => write to jane dot doe at example dot org today",
        "mail info@acme.co.uk => mail info at acme dot co dot uk",
    ),
    rule(
        "math.superscript",
        "math",
        SUPERSCRIPT_RE,
        superscript,
        "an area of 20 m² => an area of 20 square meters",
        "10⁻³ of it => 10 to the minus 3 of it",
    ),
    rule("chemical.subscript", "chemical", SUBSCRIPT_RE, subscript, "H₂O => H2O", "CO₂ levels => CO2 levels"),
    citations.PARENTHETICAL,
    citations.NARRATIVE,
    abbreviations.PARAMS,
    abbreviations.BEFORE_NUMBER,
    abbreviations.AFTER_NUMBER,
    abbreviations.CENTURY,
    abbreviations.CIRCA,
    abbreviations.PLURAL_S,
    abbreviations.WEEKDAY,
    rule(
        "date.iso",
        "date",
        ISO_DATE_RE,
        iso_date,
        "released 2024-03-05 => released March 5, 2024",
        "at 2024-03-05T14:30Z => at March 5, 2024 at 14 30",
    ),
    rule(
        "time.range_dash",
        "time",
        r"(?<=\d[AaPp][Mm])\s?[–-]\s?(?=\d{1,2}(?::\d\d)?\s?[AaPp]\.?[Mm]\b)",
        " to ",
        "open 9am–5pm => open 9 a m to 5 p m",
        "10:30am-2pm daily => 10 30 a m to 2 p m daily",
    ),
    rule(
        "time.hour_meridiem",
        "time",
        r"(?<![\w.:])(\d{1,2})\s?([AaPp])[Mm]\b",
        lambda m: f"{m.group(1)} {m.group(2).lower()} m",
        "at 9am sharp => at 9 a m sharp",
        "until 5 PM => until 5 p m",
    ),
    rule(
        "measure.height_feet_inches",
        "measure",
        r"(?<![\w.'])([1-9])\s?['′’](\d{1,2})\s?(?:\"|″|”|'')(?!\w)",
        lambda m: f"{m.group(1)} foot {m.group(2)}",
        "he is 5'11\" tall => he is 5 foot 11 tall",
        "a 6'2'' forward => a 6 foot 2 forward",
    ),
    rule(
        "telephone.number",
        "telephone",
        PHONE_RE,
        phone,
        "call +44 20 7946 0958 now => call plus four four, two zero, seven nine four six, zero nine five eight now",
        "dial (555) 123-4567 => dial five five five, one two three, four five six seven",
    ),
    rule(
        "time.clock",
        "time",
        TIME_RE,
        time_of_day,
        "at 9:05 a.m. we => at 9 oh 5 a m we",
        "by 14:00 => by 14 hundred",
    ),
    rule(
        "date.weekday_range",
        "date",
        WEEKDAY_RANGE_RE,
        weekday_range,
        "open Mon–Fri => open Monday to Friday",
        "Tue-Thu only => Tuesday to Thursday only",
    ),
    rule(
        "date.short_year_range",
        "date",
        SHORT_YEAR_RANGE_RE,
        short_year_range,
        "the 2023–24 season => the 2023 to 2024 season",
        "in 2019-20 => in 2019 to 2020",
    ),
    rule("ratio.colon", "ratio", RATIO_RE, ratio, "a 3:1 ratio => a 3 to 1 ratio", "in 16:9 => in 16 by 9"),
    operators.APPROXIMATELY_AFTER_NAME,
    operators.ROUGHLY_AFTER_ARTICLE,
    operators.ABOUT,
    operators.SECTIONS,
    operators.SECTION,
    rule(
        "money.amount",
        "money",
        CURRENCY_RE,
        currency,
        "only $2.49 each => only two dollars and forty nine cents each",
        "a €5bn fund => a five billion euros fund",
    ),
    rule(
        "fraction.vulgar",
        "fraction",
        VULGAR_FRACTION_RE,
        vulgar_fraction,
        "add 1½ cups => add 1 and a half cups",
        "a ¼ inch bit => a quarter inch bit",
    ),
    rule(
        "math.e_notation",
        "math",
        E_NOTATION_RE,
        e_notation,
        "a rate of 3e-4 => a rate of 3 times 10 to the minus 4",
        "about 1e6 rows => about 10 to the 6 rows",
    ),
    rule(
        "date.year_range",
        "date",
        YEAR_RANGE_RE,
        year_range,
        "the war of 1914–1918 => the war of nineteen fourteen to nineteen eighteen",
        "in 1939-45 => in nineteen thirty nine to nineteen forty five",
    ),
    rule(
        "date.decade",
        "date",
        DECADE_RE,
        decade,
        "music of the 1990s => music of the nineteen nineties",
        "in the '80s => in the eighties",
    ),
    rule(
        "date.year",
        "date",
        YEAR_RE,
        year,
        "in 1860 Lincoln won => in eighteen sixty Lincoln won",
        "since 1905, the => since nineteen oh five, the",
    ),
    rule(
        "cardinal.magnitude_suffix",
        "cardinal",
        MAGNITUDE_RE,
        magnitude,
        "a 20B model => a 20 billion model",
        "1.5K stars => 1.5 thousand stars",
    ),
    rule(
        "measure.area_volume",
        "measure",
        AREA_RE,
        area,
        "a 20 m^2 room => a 20 square meters room",
        "per ft^3 => per cubic foot",
    ),
    rule("math.power", "math", POWER_RE, power, "x^2 grows => x squared grows", "10^-3 => 10 to the minus 3"),
    rule(
        "measure.count_of_parts",
        "measure",
        r"(?<![\w.])([1-9]\d*)\s?[x×]\s?([A-Z][A-Za-z]{0,3}\d{2,4}[A-Za-z]?)\b(?!-)",
        _parts,
        "on 8×H100 nodes => on 8 H100s nodes",
        "with 4x A100 => with 4 A100s",
    ),
    rule(
        "measure.dimensions",
        "measure",
        r"(?<![\w.])([1-9]\d*)(?:[x×]| x )(\d+)\b",
        r"\1 by \2",
        "a 1920x1080 screen => a 1920 by 1080 screen",
        "a 4 x 4 grid => a 4 by 4 grid",
    ),
    rule(
        "measure.multiplier",
        "measure",
        r"(?<![\w.])(\d+(?:\.\d+)?)(?:\s?×|\s?x(?!\s+[b-zB-HJ-Z]\b))(?![\w])",
        r"\1 times",
        "a 10x speedup => a 10 times speedup",
        "3.5 x faster => 3.5 times faster",
    ),
    rule(
        "version.v_number",
        "version",
        r"(?<!-)\b[vV](\d+(?:\.\d+)+)\b|(?<!-)\bv(\d+)\b",
        _version,
        "in v2.1 we => in version 2 point 1 we",
        "the v3 API => the version 3 API",
    ),
    rule(
        "version.dotted",
        "version",
        r"(?<![\w.])(\d+\.\d+\.\d+(?:\.\d+)*)(?!\w|\.\d)",
        lambda m: m.group(1).replace(".", " point "),
        "upgrade to 1.2.3 now => upgrade to 1 point 2 point 3 now",
        "release 10.0.1 => release 10 point 0 point 1",
    ),
    rule(
        "measure.shutter_speed",
        "measure",
        r"(?<![\w./])1/(\d{2,5})\s?s(?:ec)?\b",
        lambda m: f"one {ordinal_words(int(m.group(1)))} of a second",
        "shot at 1/250s => shot at one two hundred and fiftieth of a second",
        "at 1/60 sec => at one sixtieth of a second",
    ),
    rule(
        "measure.hours_minutes",
        "measure",
        r"(?<![\w.])(\d+)\s?h\s?(\d{1,2})\s?m(?:in)?\b",
        lambda m: duration(m, "hour", "minute"),
        "it took 1h 45m => it took 1 hour 45 minutes",
        "a 2h30min film => a 2 hours 30 minutes film",
    ),
    rule(
        "measure.minutes_seconds",
        "measure",
        r"(?<![\w.])(\d+)\s?m(?:in)?\s?(\d{1,2})\s?s\b",
        lambda m: duration(m, "minute", "second"),
        "in 2m30s => in 2 minutes 30 seconds",
        "ran 3min 5s => ran 3 minutes 5 seconds",
    ),
    rule(
        # a bare "m" is also minutes and millions, so metres only before these words
        "measure.meters_before_word",
        "measure",
        r"(?<![\w.,])(\d+(?:\.\d+)?)\s?m(?=\s+(?:of|high|tall|long|deep|wide|above|below|away|up)\b)",
        lambda m: f"{m.group(1)} {'meter' if m.group(1) == '1' else 'meters'}",
        "300 m of climbing => 300 meters of climbing",
        "a wall 1m high => a wall 1 meter high",
    ),
    rule(
        "measure.unit",
        "measure",
        UNIT_RE,
        unit,
        "took 200ms => took 200 milliseconds",
        "5 GB free => 5 gigabytes free",
    ),
    rule(
        "measure.unit_in_brackets",
        "measure",
        BRACKETED_UNIT_RE,
        unit_in_brackets,
        "Time (ms) => Time (milliseconds)",
        "Speed (km/h) => Speed (kilometers per hour)",
    ),
    rule(
        "range.numbers",
        "range",
        r"(?<![\w.,/–-])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(%?)\s?[–-]\s?(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
        r"(?![\w/–-]|[.,]\d|\s?=)",
        r"\1\2 to \3",
        "wait 10–20 minutes => wait 10 to 20 minutes",
        "a 5-10% rise => a 5 to 10% rise",
    ),
    abbreviations.VERSUS,
    abbreviations.THAT_IS,
    abbreviations.ALSO_KNOWN_AS,
    abbreviations.ET_AL,
    abbreviations.ET_CETERA,
    abbreviations.SAINT_OR_STREET,
    abbreviations.WITH_WITHOUT,
    abbreviations.MONTH,
    abbreviations.CODE_OF_LAW,
    abbreviations.BEFORE_NAME,
    abbreviations.BEFORE_WORD,
    abbreviations.AT_END,
    roman.REGNAL,
    roman.TITLED_FIRST,
    roman.NUMBERED,
    rule(
        # "C/C++", "C#/F#", "C++/Rust": a slash next to a language name with a symbol is "or"
        "code.language_or_language",
        "code",
        r"(?<=\w)/(?=[CF](?:\+\+|#)(?!\w))|(?<=\+\+|[CF]#)/(?=\w)",
        " or ",
        "in C/C++ code => in C or C plus plus code",
        "C#/F# both => C sharp or F sharp both",
    ),
    rule(
        "code.c_plus_plus",
        "code",
        r"\bC\+\+",
        "C plus plus",
        "C++ is hard => C plus plus is hard",
        "in C++17 => in C plus plus17",
    ),
    rule(
        "code.sharp",
        "code",
        r"\b([CF])#(?!\w)",
        r"\1 sharp",
        "written in C# => written in C sharp",
        "F# code => F sharp code",
    ),
    operators.PLUS_AFTER,
    rule(
        "cardinal.number_sign",
        "cardinal",
        r"(?<![\w&])#(\d+)",
        r"number \1",
        "issue #42 => issue number 42",
        "ranked #1 => ranked number 1",
    ),
    rule(
        "verbatim.ampersand",
        "verbatim",
        r"\s*&\s*",
        " and ",
        "salt & pepper => salt and pepper",
        "R&D => R and D",
    ),
    operators.LESS_EQUAL,
    operators.GREATER_EQUAL,
    operators.LESS,
    operators.GREATER,
    operators.NOT_EQUAL,
    operators.ARROW,
    operators.TIMES,
    operators.DIVIDED,
    operators.PLUS,
    operators.MINUS_IN_EQUATION,
    operators.EQUALS,
    operators.PLUS_MINUS,
    operators.APPROXIMATELY,
    operators.INFINITY,
    operators.SQUARE_ROOT,
    rule(
        "letters.i_o",
        "letters",
        r"\bI/O\b",
        "I O",
        "disk I/O is slow => disk I O is slow",
        "I/O bound => I O bound",
    ),
    *slashes.RULES,
    rule(
        "script.greek_letter",
        "script",
        GREEK_LETTER_RE,
        greek_letter,
        "where α is small => where alpha is small",
        "a Δt of 2 => a Delta t of 2",
    ),
    rule(
        "script.foreign_run",
        "script",
        FOREIGN_RUN_RE,
        foreign_run(),
        "she said ありがとう to me => she said (Japanese text) to me",
        "the word Спасибо means => the word (Cyrillic text) means",
    ),
    rule(
        "script.quoted_foreign_run",
        "script",
        r"""(["'])\((\w+ text)\)\1|\(\((\w+ text)\)\)""",
        lambda m: f"({m.group(2) or m.group(3)})",
        'the sign "東京" => the sign (Chinese text)',
        "the name (東京) => the name (Chinese text)",
    ),
    common.ARROW,
    *common.PAUSES,
]
