"""Dutch: "€ 2,1 miljoen", "3,725%", "19.45 uur", "12u00", "1e", "2e", "16-03-2022", "’70"."""

from __future__ import annotations

import re

from post2pod.narrate.speech.lang_common import (
    Currency,
    Words,
    cardinal_rule,
    money_rule,
    month_names,
    numeric_date_rule,
    percent_rule,
    year_range_rule,
    year_words,
)
from post2pod.narrate.speech.rule import Rule, rule

WORDS = Words(
    "nl",
    comma="komma",
    digitwise=True,
    plus="plus",
    minus="min",
    percent="procent",
    scales={"miljoen": "miljoen", "miljard": "miljard", "mln": "miljoen", "mld": "miljard", "mrd": "miljard"},
)
EURO = Currency("euro", "euro", "cent", "cent")
DOLLAR = Currency("dollar", "dollar", "cent", "cent")
CURRENCIES = {"€": EURO, "EUR": EURO, "euro": EURO, "$": DOLLAR}
MONTHS = month_names("nl")


def _clock(match: re.Match[str]) -> str:
    """ "19.15 uur" -> "negentien uur vijftien", "12u00" -> "twaalf uur"."""
    hour = int(match.group(1) or match.group(4))
    minute = int(match.group(2) or match.group(3) or match.group(5) or 0)
    spoken = f"{WORDS.cardinal(hour)} uur"
    return f"{spoken} {WORDS.cardinal(minute)}" if minute else spoken


RULES: list[Rule] = [
    numeric_date_rule(
        "nl",
        "-/.",
        lambda _m, day, month, year: f"{WORDS.cardinal(day)} {MONTHS[month - 1]} {year_words('nl', year)}",
        "verkiezingen van 16-03-2022 => verkiezingen van zestien maart tweeduizendtweeëntwintig",
        "geboren op 2/9/1985 => geboren op twee september negentienhonderdvijfentachtig",
    ),
    year_range_rule(
        "nl",
        "tot",
        "raming 2024-2026 => raming tweeduizendvierentwintig tot tweeduizendzesentwintig",
        "in de jaren 1940–1945 => in de jaren negentienhonderdveertig tot negentienhonderdvijfenveertig",
    ),
    rule(
        "nl.time.clock",
        "time",
        r"(?<![\d.,:])([01]?\d|2[0-4])(?:[.:]([0-5]\d)\s?uur\b|:([0-5]\d)(?![\d:]))"
        r"|(?<![\d.,:])([01]?\d|2[0-4])u([0-5]\d)?(?!\w)",
        _clock,
        "Aanvang 19.15 uur. => Aanvang negentien uur vijftien.",
        "rond 12u00. => rond twaalf uur.",
        "vanaf 18u, buiten => vanaf achttien uur, buiten",
        "start 14:30 => start veertien uur dertig",
    ),
    money_rule(
        "nl",
        WORDS,
        CURRENCIES,
        "",
        "staat € 2,1 miljoen in de plus => staat twee komma één miljoen euro in de plus",
        "Kaarten à € 15,00 => Kaarten à vijftien euro",
        "kost €2,50 per stuk => kost twee euro vijftig per stuk",
        cent_word=False,
    ),
    percent_rule(
        "nl",
        WORDS,
        "bedraagt 3,725%. => bedraagt drie komma zeven twee vijf procent.",
        "een daling van -2% => een daling van min twee procent",
    ),
    rule(
        "nl.ordinal.number",
        "ordinal",
        r"(?<![\d.,])(\d{1,3})(?:e|ste|de)\b",
        lambda m: WORDS.ordinal(int(m.group(1))),
        "De 1e prijs => De eerste prijs",
        "de 3e was voor hen => de derde was voor hen",
    ),
    rule(
        "nl.date.short_year",
        "date",
        r"(?<![\w'’])['’](\d{2})\b",
        lambda m: WORDS.cardinal(int(m.group(1))),
        "de jaren ’70 en ’80 => de jaren zeventig en tachtig",
        "de zomer van '69 => de zomer van negenenzestig",
    ),
    rule(
        "nl.cardinal.compound",
        "cardinal",
        r"(?<![\d.,])(\d+)-(?=[a-zë])",
        lambda m: WORDS.cardinal(int(m.group(1))),
        "de 92-jarige Omara => de tweeënnegentigjarige Omara",
        "2-daagse tickets => tweedaagse tickets",
    ),
    rule(
        "nl.cardinal.thousands_word",
        "cardinal",
        r"(?<![\d.,])(\d{1,3})\s(duizend)\b",
        lambda m: WORDS.cardinal(int(m.group(1))) + "duizend",
        "bijna 250 duizend eigenaren => bijna tweehonderdvijftigduizend eigenaren",
        "zo'n 40 duizend mensen => zo'n veertigduizend mensen",
    ),
    cardinal_rule(
        "nl",
        WORDS,
        "",
        "telde 8.043.808 woningen => telde acht miljoen drieënveertigduizend achthonderdacht woningen",
        "in 1985 woonden => in negentienhonderdvijfentachtig woonden",
        "met 55.000 festivalgangers => met vijfenvijftigduizend festivalgangers",
        years=True,
    ),
]
