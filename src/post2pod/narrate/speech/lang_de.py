"""German: "2.450,75 €", "3,5 %", "14:30 Uhr", "3. März 2019", "25.06.2024", "4. Kauf", "5 Mio. €"."""

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
    previous_word,
    year_range_rule,
    year_words,
)
from post2pod.narrate.speech.rule import Rule, rule, text_before

WORDS = Words(
    "de",
    comma="Komma",
    digitwise=True,
    plus="plus",
    minus="minus",
    percent="Prozent",
    before_noun=((r"eins$", "ein"),),
    scales={
        "mio": "Million|Millionen",
        "mrd": "Milliarde|Milliarden",
        "millionen": "Millionen",
        "million": "Million",
        "milliarden": "Milliarden",
        "milliarde": "Milliarde",
        "tsd": "tausend",
    },
)
EURO = Currency("Euro", "Euro", "Cent", "Cent")
FRANC = Currency("Franken", "Franken", "Rappen", "Rappen")
DOLLAR = Currency("Dollar", "Dollar", "Cent", "Cent")
CURRENCIES = {"€": EURO, "EUR": EURO, "Euro": EURO, "CHF": FRANC, "Fr.": FRANC, "Franken": FRANC, "$": DOLLAR}
MONTHS = month_names("de")
# Before these words an ordinal takes "-ten" (dative, accusative, genitive); after an article
# of the nominative, "-te"; alone (a heading, a dateline), "-ter".
_DATIVE = {
    "am",
    "vom",
    "zum",
    "beim",
    "im",
    "dem",
    "den",
    "des",
    "zur",
    "einem",
    "einen",
    "seit",
    "ab",
    "bis",
    "vor",
    "nach",
    "für",
    "über",
    "unter",
    "an",
}
_NOMINATIVE = {
    "der",
    "die",
    "das",
    "jeder",
    "jede",
    "jedes",
    "eine",
    "diese",
    "dieser",
    "dieses",
}
_WEEKDAY_RE = re.compile(r"(?:tag|woch),?\s*$")
# Capitalised words that start sentences, so "15. Die" is a number that ends one.
_NOT_NOUNS = {
    "Der",
    "Die",
    "Das",
    "Den",
    "Dem",
    "Des",
    "Ein",
    "Eine",
    "Er",
    "Sie",
    "Es",
    "Wir",
    "Ich",
    "Ihr",
    "Man",
    "Dann",
    "Danach",
    "Aber",
    "Und",
    "Oder",
    "Doch",
    "So",
    "Da",
    "Dies",
    "Diese",
    "Dieser",
    "Mit",
    "Nach",
    "Bei",
    "Für",
    "Von",
    "Vor",
    "Im",
    "In",
    "Am",
    "An",
    "Auf",
    "Aus",
    "Auch",
    "Als",
    "Wenn",
    "Wie",
    "Was",
    "Wer",
    "Wo",
    "Noch",
    "Nur",
}


def _ordinal(number: int, match: re.Match[str], alone: str = "r") -> str:
    """`number` as an ordinal with the ending its case takes, from the word before it."""
    stem = WORDS.ordinal(number)
    before = previous_word(match)
    written_before = text_before(match, 20)
    if before in _DATIVE or _WEEKDAY_RE.search(written_before):
        return stem + "n"
    return stem if before in _NOMINATIVE else stem + alone


def _date(match: re.Match[str], day: int, month: int, year: int | None) -> str:
    spoken = f"{_ordinal(day, match)} {MONTHS[month - 1]}"
    return f"{spoken} {year_words('de', year)}" if year else spoken


def _day_month(match: re.Match[str]) -> str:
    first = _ordinal(int(match.group(1)), match)
    if match.group(3):
        joint = "und" if match.group(2) in ("+", "&", "und") else "bis"
        first = f"{first} {joint} {_ordinal(int(match.group(3)), match)}"
    return f"{first} {match.group(4)}"


def _time(hours: str, minutes: str) -> str:
    hour, minute = int(hours), int(minutes)
    spoken = f"{WORDS.cardinal(hour, noun=True)} Uhr"
    return f"{spoken} {WORDS.cardinal(minute)}" if minute else spoken


RULES: list[Rule] = [
    rule(
        "de.abbreviation.number",
        "abbreviation",
        r"\b(ca|Nr|Mio|Mrd)\.(?=\s?\d)",
        lambda m: {"ca": "circa", "Nr": "Nummer", "Mio": "Millionen", "Mrd": "Milliarden"}[m.group(1)],
        "um ca. 15 Prozent => um circa fünfzehn Prozent",
        "Haus Nr. 7 => Haus Nummer sieben",
    ),
    numeric_date_rule(
        "de",
        ".",
        _date,
        "am 25.06.2024 gesendet => am fünfundzwanzigsten Juni zweitausendvierundzwanzig gesendet",
        "Stand: 03.02.1998 => Stand: dritter Februar neunzehnhundertachtundneunzig",
    ),
    rule(
        "de.date.day_month_numeric",
        "date",
        r"(?<![\d.,])(\d{1,2})\.(\d{1,2})\.(?!\d)",
        lambda m: (
            _date(m, int(m.group(1)), int(m.group(2)), None)
            if 1 <= int(m.group(1)) <= 31 and 1 <= int(m.group(2)) <= 12
            else m.group(0)
        ),
        "Tretter (20.6.) spielt => Tretter (zwanzigster Juni) spielt",
        "ab dem 1.9. geöffnet => ab dem ersten September geöffnet",
    ),
    rule(
        "de.date.day_month",
        "date",
        rf"(?<![\d.,])(\d{{1,2}})\.(?:\s?(\+|&|und|bis|–|-)\s?(\d{{1,2}})\.)?\s?({month_pattern('de')})(?!\w)",
        _day_month,
        "am 1. Mai 2024 => am ersten Mai zweitausendvierundzwanzig",
        "16. November 2007 => sechzehnter November zweitausendsieben",
        "der Basar am 4.+5. Dezember => der Basar am vierten und fünften Dezember",
    ),
    rule(
        "de.time.clock",
        "time",
        r"(?<![\d.,])([01]?\d|2[0-4])[.:]([0-5]\d)(?=\s?Uhr\b)(?:\s?Uhr\b)?|(?<![\d.,:])([01]?\d|2[0-4]):([0-5]\d)(?![\d:])",
        lambda m: _time(m.group(1), m.group(2)) if m.group(1) else _time(m.group(3), m.group(4)),
        "von 14 bis 17.30 Uhr => von vierzehn bis siebzehn Uhr dreißig",
        "um 10.00 Uhr => um zehn Uhr",
        "Treffen 9:05 im Hof => Treffen neun Uhr fünf im Hof",
    ),
    rule(
        "de.measure.hours",
        "measure",
        r"(?<![\d.,])(\d+)\s?h\b(?![\w/])",
        lambda m: (
            f"{WORDS.cardinal(int(m.group(1)), noun=True)} {'Stunde' if m.group(1) == '1' else 'Stunden'}"
        ),
        "jeweils 2 Tage (8 h) => jeweils zwei Tage (acht Stunden)",
        "nach 1 h Fahrt => nach ein Stunde Fahrt",
    ),
    money_rule(
        "de",
        WORDS,
        CURRENCIES,
        "",
        "ab 336,90 € erhältlich => ab dreihundertsechsunddreißig Euro neunzig erhältlich",
        "zwischen 0,25€ und 1,00€ => zwischen fünfundzwanzig Cent und ein Euro",
        "auf 2 Mio. Euro begrenzt => auf zwei Millionen Euro begrenzt",
        "zahlt man CHF 2’324 im Monat => zahlt man zweitausenddreihundertvierundzwanzig Franken im Monat",
        cent_word=False,
    ),
    percent_rule(
        "de",
        WORDS,
        "um 6,6 % gesunken => um sechs Komma sechs Prozent gesunken",
        "ein Minus von -1,5% => ein Minus von minus eins Komma fünf Prozent",
    ),
    rule(
        "de.ordinal.number",
        "ordinal",
        r"(?<![\d.,])(\d{1,3})\.(?=\s(?:(?:Jahr|Jh)\.|([A-ZÄÖÜ][a-zäöüß]+)))",
        lambda m: m.group(0) if m.group(2) in _NOT_NOUNS else _ordinal(int(m.group(1)), m, "r"),
        "Jeder 4. Kauf => Jeder vierte Kauf",
        "nach dem 2. Weltkrieg => nach dem zweiten Weltkrieg",
        "zur 15. Ausgabe => zur fünfzehnten Ausgabe",
    ),
    rule(
        "de.cardinal.compound",
        "cardinal",
        r"(?<![\d.,])(\d+)-(?=[a-zäöü])",
        lambda m: WORDS.cardinal(int(m.group(1))),
        "die 20-fache Menge => die zwanzigfache Menge",
        "ein 3-teiliges Set => ein dreiteiliges Set",
    ),
    year_range_rule(
        "de",
        "bis",
        "die Jahre 1939-1945 => die Jahre neunzehnhundertneununddreißig bis neunzehnhundertfünfundvierzig",
        "Haushalt 2024–2026 => Haushalt zweitausendvierundzwanzig bis zweitausendsechsundzwanzig",
    ),
    cardinal_rule(
        "de",
        WORDS,
        "",
        "mit über 1.000 Artikeln => mit über eintausend Artikeln",
        "ein Plus von gut 300'000 Menschen => ein Plus von gut dreihunderttausend Menschen",
        "im Jahr 1939 begann es => im Jahr neunzehnhundertneununddreißig begann es",
        years=True,
    ),
]
