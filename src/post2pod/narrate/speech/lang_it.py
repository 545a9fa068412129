"""Italian: "57,50€", "0,60%", "alle 18.30", "ore 21,30", "1° febbraio", "17 mila", "’46", "n. 446"."""

from __future__ import annotations

import re

from post2pod.narrate.speech.lang_common import (
    Currency,
    Words,
    cardinal_rule,
    money_rule,
    month_names,
    month_pattern,
    numeric_date_rule,
    percent_rule,
    year_words,
)
from post2pod.narrate.speech.rule import Rule, rule

WORDS = Words(
    "it",
    comma="virgola",
    digitwise=False,
    plus="più",
    minus="meno",
    percent="per cento",
    before_noun=((r"\buno$", "un"),),
    scales={
        "milioni": "milioni",
        "milione": "milione",
        "miliardi": "miliardi",
        "mln": "milione|milioni",
        "mld": "miliardo|miliardi",
    },
)
EURO = Currency("euro", "euro", "centesimo", "centesimi")
CURRENCIES = {"€": EURO, "euro": EURO, "EUR": EURO}
MONTHS = month_names("it")


def _day(day: int) -> str:
    return "primo" if day == 1 else WORDS.cardinal(day)


def _clock(match: re.Match[str]) -> str:
    """ "18.30" -> "diciotto e trenta", "10:00" -> "dieci"."""
    hour, minute = int(match.group(2)), int(match.group(3))
    lead = match.group(1) or ""
    spoken = f"{WORDS.cardinal(hour)} e {WORDS.cardinal(minute)}" if minute else WORDS.cardinal(hour)
    return lead + (spoken.upper() if lead.isupper() else spoken)


RULES: list[Rule] = [
    rule(
        "it.abbreviation.number",
        "abbreviation",
        r"\b(?:n\.|[nN][°º])\s?(?=\d)",
        "numero ",
        "Visto il D.Lgs. n. 446 => Visto il D.Lgs. numero quattrocentoquarantasei",
        "il decreto n° 23 => il decreto numero ventitré",
    ),
    numeric_date_rule(
        "it",
        "/.-",
        lambda _m, day, month, year: f"{_day(day)} {MONTHS[month - 1]} {year_words('it', year)}",
        "pubblicato il 20/06/2019 => pubblicato il venti giugno duemiladiciannove",
        "entro il 01.02.2024 => entro il primo febbraio duemilaventiquattro",
    ),
    rule(
        "it.date.first",
        "date",
        rf"(?<![\d.,])1\s?[°º](?=\s{month_pattern('it')})",
        "primo",
        "del 1° febbraio 1945 => del primo febbraio millenovecentoquarantacinque",
        "dal 1º luglio => dal primo luglio",
    ),
    rule(
        "it.time.clock",
        "time",
        r"(?i:((?:ore|alle|dalle|le|entro le)\s))?"
        r"(?<![\d.,:])([01]?\d|2[0-4])(?(1)[.:,]|:)([0-5]\d)(?![\d:])",
        _clock,
        "dalle 16 alle 18.30 => dalle sedici alle diciotto e trenta",
        "INIZIO CONCERTO: ORE 21,30 => INIZIO CONCERTO: ORE VENTUNO E TRENTA",
        "apertura 10:00 => apertura dieci",
    ),
    money_rule(
        "it",
        WORDS,
        CURRENCIES,
        "e",
        "Parterre 57,50€ => Parterre cinquantasette euro e cinquanta centesimi",
        "Tribuna 46,00€ => Tribuna quarantasei euro",
        "quasi 3,5 milioni di euro => quasi tre virgola cinque milioni di euro",
        of="di",
    ),
    percent_rule(
        "it",
        WORDS,
        "resterà allo 0,60%. => resterà allo zero virgola sessanta per cento.",
        "voti (54,3%) => voti (cinquantaquattro virgola tre per cento)",
    ),
    rule(
        "it.cardinal.thousands_word",
        "cardinal",
        r"(?<![\d.,])(\d{1,3})\s(mila)\b",
        lambda m: WORDS.cardinal(int(m.group(1))) + "mila",
        "appena 17 mila abitanti => appena diciassettemila abitanti",
        "circa 250 mila persone => circa duecentocinquantamila persone",
    ),
    rule(
        "it.date.short_year",
        "date",
        r"(?<![\w'’])['’](\d{2})\b",
        lambda m: WORDS.cardinal(int(m.group(1))),
        "del 2 giugno del ’46 => del due giugno del quarantasei",
        "previsione 2024-’26 => previsione duemilaventiquattro-ventisei",
    ),
    cardinal_rule(
        "it",
        WORDS,
        "",
        "Consigli di 5.722 Comuni => Consigli di cinquemilasettecentoventidue Comuni",
        "previsto per l’8 luglio => previsto per l'otto luglio",
    ),
]
