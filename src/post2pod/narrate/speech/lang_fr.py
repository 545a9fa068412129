"""French: "2 450,75 €", "3,5 %", "9h30", "06/06/2019", "1er janvier", "80e", "XXe siècle", "CHF 3'224"."""

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
    previous_word,
    roman_suffix_rule,
    year_words,
)
from post2pod.narrate.speech.rule import Rule, rule

WORDS = Words(
    "fr",
    comma="virgule",
    digitwise=False,
    plus="plus",
    minus="moins",
    percent="pour cent",
    feminine=((r"\bun$", "une"),),
    scales={
        "millions": "millions",
        "million": "million",
        "milliards": "milliards",
        "milliard": "milliard",
        "md": "milliard|milliards",
        "mds": "milliards",
        "m": "million|millions",
    },
)
EURO = Currency("euro", "euros", "centime", "centimes")
FRANC = Currency("franc", "francs", "centime", "centimes")
DOLLAR = Currency("dollar", "dollars", "cent", "cents")
CURRENCIES = {"€": EURO, "EUR": EURO, "CHF": FRANC, "$": DOLLAR, "$ CA": DOLLAR, "$CA": DOLLAR}
MONTHS = month_names("fr")
FEMININE_NOUNS = "heures?|personnes|fois|semaines|années|pages|places|voitures|entreprises|femmes"


def _ordinal(number: int, feminine: bool = False) -> str:
    if number == 1:
        return "première" if feminine else "premier"
    return WORDS.ordinal(number)


def _day(day: int) -> str:
    return "premier" if day == 1 else WORDS.cardinal(day)


def _hours(match: re.Match[str]) -> str:
    """ "9h30", "13 h", "06:15": hours (feminine: "une heure") and minutes."""
    hour = int(match.group(1) or match.group(3))
    minute = int(match.group(2) or match.group(4) or 0)
    spoken = f"{WORDS.cardinal(hour, feminine=True)} {'heure' if hour == 1 else 'heures'}"
    return f"{spoken} {WORDS.cardinal(minute)}" if minute else spoken


def _year_range(match: re.Match[str]) -> str:
    lead = "" if previous_word(match) in ("de", "du", "des", "entre") else "de "
    return f"{lead}{match.group(1)} à {match.group(2)}"


RULES: list[Rule] = [
    rule(
        "fr.abbreviation.number",
        "abbreviation",
        r"\b[nN][°º]\s?(?=\d)",
        "numéro ",
        "le commando n°4 => le commando numéro quatre",
        "la loi nº 2023-22 => la loi numéro deux mille vingt-trois-vingt-deux",
    ),
    numeric_date_rule(
        "fr",
        "/.",
        lambda _m, day, month, year: f"{_day(day)} {MONTHS[month - 1]} {year_words('fr', year)}",
        "publié le 06/06/2019 => publié le six juin deux mille dix-neuf",
        "valable dès le 01/02/2026 => valable dès le premier février deux mille vingt-six",
    ),
    rule(
        "fr.time.clock",
        "time",
        r"(?<![\d.,:])([01]?\d|2[0-4])\s?h(?:\s?([0-5]\d))?(?![\w:])|(?<![\d.,:])([01]?\d|2[0-4]):([0-5]\d)(?![\d:])",
        _hours,
        "à Asnelles dès 8h45, les spectateurs => à Asnelles dès huit heures quarante-cinq, les spectateurs",
        "reçues avant 13 h => reçues avant treize heures",
        "publié à 06:15 => publié à six heures quinze",
        "ouvert de 1h à 21h => ouvert de une heure à vingt et une heures",
    ),
    rule(
        "fr.money.per_hour",
        "money",
        r"(?<=\d)\s?(\$|€|CHF)/h\b",
        r"\1 de l'heure",
        "passé de 12$/h => passé de douze dollars de l'heure",
        "payé 15,50 €/h => payé quinze euros cinquante de l'heure",
    ),
    money_rule(
        "fr",
        WORDS,
        CURRENCIES,
        "",
        "facturé 9,90 € hors TVA => facturé neuf euros quatre-vingt-dix hors TVA",
        "environ CHF 3'224 par mois => environ trois mille deux cent vingt-quatre francs par mois",
        "de 15,25$ de l'heure => de quinze dollars vingt-cinq de l'heure",
        "un budget de 2,5 M€ => un budget de deux virgule cinq millions d'euros",
        cent_word=False,
        of="d’|d'|de",
    ),
    percent_rule(
        "fr",
        WORDS,
        "soit 6,5 % de plus => soit six virgule cinq pour cent de plus",
        "à Lausanne (-1,68 %) => à Lausanne (moins un virgule soixante-huit pour cent)",
    ),
    rule(
        "fr.ordinal.premier",
        "ordinal",
        r"(?<![\d.,])1(er|re|ère)\b",
        lambda m: "premier" if m.group(1) == "er" else "première",
        "au 1er juillet => au premier juillet",
        "la 1re fois => la première fois",
    ),
    rule(
        "fr.ordinal.number",
        "ordinal",
        r"(?<![\d.,])(\d+)(?:e|ème|è|nd|nde)\b",
        lambda m: _ordinal(int(m.group(1))),
        "du 80e anniversaire => du quatre-vingtième anniversaire",
        "au 2e étage => au deuxième étage",
    ),
    roman_suffix_rule(
        "fr",
        "(?:e|ème|er)",
        _ordinal,
        "du XXe siècle => du vingtième siècle",
        "au XIXème siècle => au dix-neuvième siècle",
    ),
    rule(
        "fr.range.years",
        "range",
        r"(?<![\d.,])([12]\d{3})\s?[-–]\s?([12]\d{3})(?![\d.,]\d)",
        _year_range,
        "la guerre (1939-1945) => la guerre (de mille neuf cent trente-neuf à mille neuf cent quarante-cinq)",
        "entre 2023-2024 => entre deux mille vingt-trois à deux mille vingt-quatre",
    ),
    cardinal_rule(
        "fr",
        WORDS,
        FEMININE_NOUNS,
        "entre 10.000 et 12.000 personnes => entre dix mille et douze mille personnes",
        "pas moins de 683’000 annonces => pas moins de six cent quatre-vingt-trois mille annonces",
        "cette année, 21 personnes => cette année, vingt et une personnes",
    ),
]
