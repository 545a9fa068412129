"""The tables of languages other than English: their shape, that they never fall back on English
readings, that money is said exactly, and that every rule stays linear on long hostile text."""

from __future__ import annotations

import re
import time

import pytest

from post2pod.narrate.speech import common, normalize
from post2pod.narrate.speech.languages import LANGUAGES, table_for

ENGLISH_WORDS = re.compile(r"\b(?:point|percent|thousand|hundred|and|o'clock|twenty|fifty|first|third|th)\b")
SAMPLE = {  # each language's own way of writing numbers, dates, times and money
    "de": "Am 03.02.2024 um 14:30 Uhr kostet es 2.450,75 € (3,5 %), 1.234 Stück, der 3. Platz.",
    "fr": "Le 03/02/2024 à 9h30, il coûte 2 450,75 € (3,5 %), 1 234 pièces, le 21e rang.",
    "es": "El 03/02/2024 a las 14:30 cuesta 2.450,75 € (3,5 %), 1.234 piezas, el 2º puesto.",
    "it": "Il 03/02/2024 alle 14.30 costa 2.450,75 € (3,5 %), 1.234 pezzi, il 1° febbraio.",
    "pt": "Em 03/02/2024 às 14h30 custa R$ 2.450,75 (3,5 %), 1.234 peças, a 3ª vez.",
    "nl": "Op 03-02-2024 om 19.45 uur kost het € 2.450,75 (3,5 %), 1.234 stuks, de 21e plek.",
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_table_is_shared_rules_around_the_languages_own(language: str) -> None:
    rules = table_for(language)
    assert rules[: len(common.FIRST_RULES)] == common.FIRST_RULES
    assert rules[len(common.FIRST_RULES)].name == "electronic.doi"
    assert rules[len(common.FIRST_RULES) + 1].name == "electronic.url"
    assert rules[-len(common.PAUSES) :] == common.PAUSES
    assert rules[-len(common.PAUSES) - 1] is common.ARROW
    own = rules[len(common.FIRST_RULES) + 2 : -len(common.PAUSES) - 1]
    assert own and all(rule.name.startswith(f"{language}.") for rule in own)


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_english_reading(language: str) -> None:
    spoken = normalize(SAMPLE[language], language)
    assert not re.search(r"\d", spoken), spoken
    examples = [
        said
        for rule in table_for(language)
        if rule.name.startswith(f"{language}.")
        for _, said in rule.examples
    ]
    for said in [spoken, *examples]:
        assert not ENGLISH_WORDS.search(said), said


@pytest.mark.parametrize(
    ("language", "written", "spoken"),
    [
        ("de", "Preis: 1.234,56 €", "Preis: eintausendzweihundertvierunddreißig Euro sechsundfünfzig"),
        ("fr", "soit 1 234,05 €", "soit mille deux cent trente-quatre euros cinq"),
        ("es", "son 1.000,99 euros", "son mil euros con noventa y nueve céntimos"),
        ("it", "costa 12,01€", "costa dodici euro e un centesimo"),
        ("pt", "custa R$ 1.999,99", "custa mil novecentos e noventa e nove reais e noventa e nove centavos"),
        ("nl", "kost € 0,05", "kost vijf cent"),
        ("de", "ein Kurs von 1,125 €", "ein Kurs von eins Komma eins zwei fünf Euro"),
    ],
)
def test_money_is_never_rounded(language: str, written: str, spoken: str) -> None:
    assert normalize(written, language) == spoken


@pytest.mark.parametrize(
    ("language", "written", "sign"),
    [
        ("de", "ein Wert von -3,5 %", "minus"),
        ("fr", "(+4,0 %)", "plus"),
        ("es", "(-2%)", "menos"),
        ("it", "(-1,5%)", "meno"),
        ("pt", "(+0,9%)", "mais"),
        ("nl", "(-2,5%)", "min"),
    ],
)
def test_signs_are_kept(language: str, written: str, sign: str) -> None:
    assert re.search(rf"\b{sign}\b", normalize(written, language))


@pytest.mark.slow  # megabytes of hostile input: a time bound, not a dev-loop check
@pytest.mark.parametrize("language", LANGUAGES)
def test_long_runs_of_digits_dots_and_commas_are_linear(language: str) -> None:
    paragraph = (
        "1.234.567,89 1 234 567,8 12'345.6 3,5 % 14:30 9h30 03.02.2024 1.2.3.4.5 ,,.. 99999999 € " * 2200
    )[:200_000]
    solid = "1.2,3" * 40_000  # no spaces at all: one long token
    for text in (paragraph, solid):
        start = time.perf_counter()
        normalize(text, language)
        assert time.perf_counter() - start < 5, f"{language}: {len(text)} characters too slow"
