"""Spanish: "7.171.081,05 euros", "5,67%", "a las 7:45", "20.30 horas", "03/05", "1º", "2ª", "$ 730"."""

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
from post2pod.narrate.speech.rule import Rule, rule, text_after

WORDS = Words(
    "es",
    comma="coma",
    digitwise=False,
    plus="más",
    minus="menos",
    percent="por ciento",
    feminine=((r"\b(veinti)?(?:uno|ún)\b(?!.* mill)", r"\1una"), (r"ientos\b(?!.* mill)", "ientas")),
    before_noun=((r"veintiuno$", "veintiún"), (r"\buno$", "un")),
    scales={"millones": "millones", "millón": "millón", "mill": "millón|millones", "m": "millón|millones"},
)
EURO = Currency("euro", "euros", "céntimo", "céntimos")
PESO = Currency("peso", "pesos")
DOLLAR = Currency("dólar", "dólares", "centavo", "centavos")
CURRENCIES = {
    "€": EURO,
    "euros": EURO,
    "euro": EURO,
    "$": PESO,
    "pesos": PESO,
    "US$": DOLLAR,
    "dólares": DOLLAR,
}
MONTHS = month_names("es")
FEMININE_NOUNS = "horas|personas|veces|ocasiones|entradas|semanas|plazas|viviendas|empresas|páginas|canciones"


def _day(day: int) -> str:
    return "primero" if day == 1 else WORDS.cardinal(day)


def _clock(match: re.Match[str]) -> str:
    """ "12:02" -> "doce y dos", "20:30 h" -> "veinte treinta horas" (a 24-hour time)."""
    hour, minute, unit = int(match.group(1)), int(match.group(2)), match.group(3)
    afternoon = re.match(r"\s+de la (?:tarde|noche)", text_after(match))
    if afternoon and hour > 12:
        hour -= 12
    spoken = WORDS.cardinal(hour, feminine=True)
    if minute:
        spoken += f" {'y ' if hour <= 12 else ''}{WORDS.cardinal(minute)}"
    return f"{spoken} horas" if unit else spoken


RULES: list[Rule] = [
    rule(
        "es.abbreviation.number",
        "abbreviation",
        r"\b[nN][º°]\s?(?=\d)",
        "número ",
        "el portal nº 5 => el portal número cinco",
        "la ley Nº 27 => la ley número veintisiete",
    ),
    numeric_date_rule(
        "es",
        "/.-",
        lambda _m, day, month, year: f"{_day(day)} de {MONTHS[month - 1]} de {year_words('es', year)}",
        "publicado el 20/05/2020 => publicado el veinte de mayo de dos mil veinte",
        "hasta el 01-04-2023 => hasta el primero de abril de dos mil veintitrés",
    ),
    rule(
        "es.date.day_month",
        "date",
        r"(?<![\d.,/])(0?[1-9]|[12]\d|3[01])/(0[1-9]|1[0-2])(?![\d/])",
        lambda m: f"{_day(int(m.group(1)))} de {MONTHS[int(m.group(2)) - 1]}",
        "funciones 03/05 y 04/05 => funciones tres de mayo y cuatro de mayo",
        "desde el 16/12 => desde el dieciséis de diciembre",
    ),
    rule(
        "es.time.clock",
        "time",
        r"(?<![\d.,:])([01]?\d|2[0-4])(?::|(?<=las \d)\.|(?<=las \d\d)\.|\.(?=\d\d\s?h))"
        r"([0-5]\d)(?![\d:])(\s?h(?:oras|rs)?\b)?",
        _clock,
        "en 2020 se cantó a las 12:02 => en dos mil veinte se cantó a las doce y dos",
        "a las 20.30 horas arrancará => a las veinte treinta horas arrancará",
        "comenzará a las 17:00 de la tarde => comenzará a las cinco de la tarde",
    ),
    money_rule(
        "es",
        WORDS,
        CURRENCIES,
        "con",
        "son 5.071,16 euros => son cinco mil setenta y un euros con dieciséis céntimos",
        "terminó a $43,50 => terminó a cuarenta y tres con cincuenta pesos",
        "cotizó a $ 730 => cotizó a setecientos treinta pesos",
        "un valor de 18,95 pesos => un valor de dieciocho con noventa y cinco pesos",
        cents_after=False,
        of="de",
    ),
    rule(
        "es.money.millions_of_euros",
        "money",
        r"(?<=\d)\s?ME\b",
        " millones de euros",
        "rondará los 213ME => rondará los doscientos trece millones de euros",
        "un gasto de 1.200 ME => un gasto de mil doscientos millones de euros",
    ),
    percent_rule(
        "es",
        WORDS,
        "un 5,67% más => un cinco coma sesenta y siete por ciento más",
        "subió $30 (+2,2%) => subió treinta pesos (más dos coma dos por ciento)",
    ),
    rule(
        "es.ordinal.number",
        "ordinal",
        r"(?<![\d.,])(\d{1,3})\.?([º°ª])(?!\w)(?=\s(?:de\s)?[^\W\d]|\s?$)",
        lambda m: (
            m.group(0)
            if m.group(2) == "°" and not re.match(r"\s(?:de\s)", m.string[m.end() :])
            else WORDS.ordinal(int(m.group(1)), feminine=m.group(2) == "ª")
        ),
        "el 100º aniversario => el centésimo aniversario",
        "la 2ª edición => la segunda edición",
        "el 1º de mayo => el primero de mayo",
    ),
    year_range_rule(
        "es",
        "a",
        "el periodo 2023-2024 => el periodo dos mil veintitrés a dos mil veinticuatro",
        "(1936-1939) => (mil novecientos treinta y seis a mil novecientos treinta y nueve)",
    ),
    cardinal_rule(
        "es",
        WORDS,
        FEMININE_NOUNS,
        "el segundo premio, 72.119 => el segundo premio, setenta y dos mil ciento diecinueve",
        "lo hemos oído en 1.794 ocasiones => lo hemos oído en mil setecientas noventa y cuatro ocasiones",
        "el 21 de abril => el veintiuno de abril",
    ),
]
