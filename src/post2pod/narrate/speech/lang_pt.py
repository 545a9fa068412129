"""Portuguese: "R$ 505,90", "10,3%", "21h30", "16/12", "1º de janeiro", "2.ª", "às 21 horas", "nº 473"."""

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
    "pt",
    comma="vírgula",
    digitwise=False,
    plus="mais",
    minus="menos",
    percent="por cento",
    feminine=(
        (r"\bum\b(?!.* milh)", "uma"),
        (r"\bdois\b(?!.* milh)", "duas"),
        (r"entos\b(?!.* milh)", "entas"),
    ),
    scales={
        "milhões": "milhões",
        "milhão": "milhão",
        "mil milhões": "mil milhões",
        "bilhões": "bilhões",
        "mi": "milhão|milhões",
        "bi": "bilhão|bilhões",
    },
)
REAL = Currency("real", "reais", "centavo", "centavos")
EURO = Currency("euro", "euros", "cêntimo", "cêntimos")
DOLLAR = Currency("dólar", "dólares", "centavo", "centavos")
CURRENCIES = {"R$": REAL, "reais": REAL, "€": EURO, "euros": EURO, "US$": DOLLAR, "dólares": DOLLAR}
MONTHS = month_names("pt")
FEMININE_NOUNS = "horas|pessoas|vezes|semanas|páginas|empresas|casas|crianças|mulheres|famílias"


def _day(day: int) -> str:
    return "primeiro" if day == 1 else WORDS.cardinal(day)


def _day_month(match: re.Match[str]) -> str:
    """ "16/12" -> "dezasseis de dezembro"; "1/2" (one digit each: a fraction) stays."""
    day, month = match.group(1), match.group(2)
    if len(day + month) < 3 or not (1 <= int(day) <= 31 and 1 <= int(month) <= 12):
        return match.group(0)
    return f"{_day(int(day))} de {MONTHS[int(month) - 1]}"


def _clock(match: re.Match[str]) -> str:
    """ "21h30" -> "vinte e uma e trinta", "22h" -> "vinte e duas horas" (hours are feminine)."""
    hour, minute = int(match.group(1) or match.group(3)), int(match.group(2) or match.group(4) or 0)
    spoken = WORDS.cardinal(hour, feminine=True)
    return (
        f"{spoken} e {WORDS.cardinal(minute)}" if minute else f"{spoken} {'hora' if hour == 1 else 'horas'}"
    )


RULES: list[Rule] = [
    rule(
        "pt.abbreviation.number",
        "abbreviation",
        r"\b[nN]\.?[º°]\s?(?=\d)",
        "número ",
        "o decreto nº 473 => o decreto número quatrocentos e setenta e três",
        "a lei n.º 12 => a lei número doze",
    ),
    numeric_date_rule(
        "pt",
        "/.-",
        lambda _m, day, month, year: f"{_day(day)} de {MONTHS[month - 1]} de {year_words('pt', year)}",
        "publicado em 22/09/2005 => publicado em vinte e dois de setembro de dois mil e cinco",
        "válido até 01/02/2026 => válido até primeiro de fevereiro de dois mil e vinte e seis",
    ),
    rule(
        "pt.date.day_month",
        "date",
        r"(?<![\d.,/])(\d{1,2})/(\d{1,2})(?![\d/])(?!\s(?:dos|das|de)\b)",
        _day_month,
        "além do dia 16/12 => além do dia dezesseis de dezembro",
        "de 6 a 9/10 => de seis a nove de outubro",
    ),
    rule(
        "pt.time.clock",
        "time",
        r"(?<![\d.,:])([01]?\d|2[0-4])h(?:([0-5]\d))?(?!\w)|(?<![\d.,:])([01]?\d|2[0-4]):([0-5]\d)(?![\d:])",
        _clock,
        "hoje, às 21h30; => hoje, às vinte e uma e trinta;",
        "sábado, às 22h; => sábado, às vinte e duas horas;",
        "abre às 9:15 => abre às nove e quinze",
    ),
    money_rule(
        "pt",
        WORDS,
        CURRENCIES,
        "e",
        "no valor de R$ 505,90 em => no valor de quinhentos e cinco reais e noventa centavos em",
        "aos R$ 1.320 => aos mil trezentos e vinte reais",
        "défice de 3.591 milhões de euros => défice de três mil quinhentos e noventa e um milhões de euros",
        of="de",
    ),
    percent_rule(
        "pt",
        WORDS,
        "equivale a 10,3% => equivale a dez vírgula três por cento",
        "(-0,9% do PIB) => (menos zero vírgula nove por cento do PIB)",
    ),
    rule(
        "pt.ordinal.number",
        "ordinal",
        r"(?<![\d.,])(\d{1,3})\.?([ºª])(?!\w)",
        lambda m: WORDS.ordinal(int(m.group(1)), feminine=m.group(2) == "ª"),
        "começa em 1º de janeiro => começa em primeiro de janeiro",
        "2.ª SESSÃO => segunda SESSÃO",
    ),
    year_range_rule(
        "pt",
        "a",
        "LEGISLATIVA (2023-2024) => LEGISLATIVA (dois mil e vinte e três a dois mil e vinte e quatro)",
        "em 1939–1945 => em mil novecentos e trinta e nove a mil novecentos e quarenta e cinco",
    ),
    cardinal_rule(
        "pt",
        WORDS,
        FEMININE_NOUNS,
        "Capacidade: 3.628 pessoas => Capacidade: três mil seiscentas e vinte e oito pessoas",
        "às 21 horas => às vinte e uma horas",
        "parte dos 2.000 lugares => parte dos dois mil lugares",
    ),
]
