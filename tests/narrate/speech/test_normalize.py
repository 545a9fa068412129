"""The normalisation table: each tricky written form and what should be spoken."""

from __future__ import annotations

import pytest

from post2pod.narrate.html.inline_code import code_words
from post2pod.narrate.speech import normalize
from post2pod.narrate.speech.characters import clean_text
from post2pod.narrate.speech.keys import key_words
from post2pod.narrate.speech.links import domain_of
from post2pod.narrate.speech.roman import roman_value

TABLE = [
    # currency
    ("$2 billion", "two billion dollars"),
    ("€30", "thirty euros"),
    ("$3.50", "three dollars and fifty cents"),
    ("£12", "twelve pounds"),
    ("$1", "one dollar"),
    ("$5M", "five million dollars"),
    ("$10–20 million", "ten to twenty million dollars"),
    ("30€", "Thirty euros"),
    ("it costs $2,500.", "it costs two thousand five hundred dollars."),
    # units
    ("100MW", "100 megawatts"),
    ("1MW", "1 megawatt"),
    ("200ms", "200 milliseconds"),
    ("3 kWh", "3 kilowatt hours"),
    ("90 km/h", "90 kilometers per hour"),
    ("40°C", "40 degrees Celsius"),
    ("512 GB", "512 gigabytes"),
    ("3.2 GHz", "3.2 gigahertz"),
    ("10k users", "10 thousand users"),
    # approximations, multipliers, ranges
    ("~2500", "about 2500"),
    ("40x", "40 times"),
    ("3.5x", "3.5 times"),
    ("250x faster", "250 times faster"),
    ("1920x1080", "1920 by 1080"),
    ("10–20", "10 to 20"),
    ("100-500", "100 to 500"),
    ("76% to 96%", "76% to 96%"),
    ("76%–96%", "76% to 96%"),
    ("978-1-4648-1330-6", "Nine seven eight, one, four six four eight, one three three zero, six"),
    ("COVID-19", "COVID-19"),
    # decades, dates and times
    ("the 1810s", "the eighteen tens"),
    ("the 1990s", "the nineteen nineties"),
    ("the '90s", "the nineties"),
    ("the ’80s", "the eighties"),
    ("2023-05-01", "May first, twenty twenty three"),
    ("2023-02-30", "Two zero two three, zero two, three zero"),
    ("at 14:30", "at 14 30"),
    ("at 9:05 am", "at 9 oh 5 AM"),
    # abbreviations, without breaking the sentence
    ("Python vs. Ruby", "Python versus Ruby"),
    ("one, i.e. two", "one, that is two"),
    ("apples, pears, etc. and more", "apples, pears, et cetera and more"),
    ("and so on etc. Then", "and so on et cetera. Then"),
    ("Dr. Smith", "Doctor Smith"),
    ("St. Louis", "Saint Louis"),
    ("Main St. is long", "Main Street is long"),
    ("Mr. Jones", "Mister Jones"),
    ("Jan. 3", "January third"),
    ("Rosso et al. (2007)", "Rosso and colleagues, 2007"),
    # roman numerals
    ("World War II", "World War Two"),
    ("Henry VIII", "Henry the Eighth"),
    ("Louis XIV", "Louis the Fourteenth"),
    ("Part I", "Part One"),
    ("I think I am", "I think I am"),
    ("MIX", "MIX"),
    ("when John I said", "when John I said"),
    # versions
    ("v2.0.1", "version 2 point 0 point 1"),
    ("QEMU 10.1.0.", "QEMU 10 point 1 point 0."),
    ("Python 3.12", "Python 3 point 12"),
    ("GPT-realtime-2.0", "GPT-realtime-2.0"),
    ("V4-Flash", "V4-Flash"),
    # pauses
    ("Wait... what?", "Wait, what?"),
    ("cold—very cold", "cold, very cold"),
    ("a – b", "a, b"),
    ("and lots more…", "and lots more."),
    ("…no, I'm not", "no, I'm not"),
    ("He left... Then", "He left. Then"),
    ("well… I won't", "well, I won't"),
    # symbols, links, addresses
    ("see https://www.example.com/a/b.", "see a link to example.com."),
    ("mail jane.doe@example.com now", "mail jane dot doe at example dot com now"),
    ("R&D", "R and D"),
    ("C++ and C#", "C plus plus and C sharp"),
    ("#1 fan", "number 1 fan"),
    ("accessing/mapping", "accessing or mapping"),
    ("TCP/IP", "TCP IP"),
    ("a/b/c words", "a or b or c words"),
    ("Array<T>", "Array T"),
    ("snake_case in prose", "snake case in prose"),
    # fine as is
    ("20%", "20%"),
    ("1,000,000", "1,000,000"),
    ("0.5", "0.5"),
    ("21st", "21st"),
    ("U.S.", "U.S."),
    ("API", "API"),
    ("NASA", "NASA"),
    ("e.g. this", "for example this"),
]


@pytest.mark.parametrize(("written", "spoken"), TABLE, ids=[w for w, _ in TABLE])
def test_normalize_table(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Tom &amp;amp; Jerry", "Tom & Jerry"),
        ("&amp;quot;hi&amp;quot;", '"hi"'),
        ("“smart” ‘quotes’", "\"smart\" 'quotes'"),
        ("non\u00a0breaking", "non breaking"),
        ("bell\x07 and\u200b zero width", "bell and zero width"),
        ("party 🎉 time", "party time"),
        ("marker\ue001 kept", "marker\ue001 kept"),
    ],
)
def test_clean_text(raw: str, clean: str) -> None:
    assert clean_text(raw) == clean


def test_non_english_gets_its_own_readings_not_english_ones() -> None:
    assert normalize("Costa 30 € e sono 10–20 persone... davvero", "it") == (
        "Costa trenta euro e sono dieci–venti persone, davvero"
    )
    assert normalize("vedi https://www.example.it/pagina", "it") == "vedi example.it"


@pytest.mark.parametrize(
    ("code", "words"),
    [
        ("snake_case_name", "snake case name"),
        ("foo()", "foo"),
        ("config.toml", "config dot toml"),
        ('getFirst(["hello", "world"])', "getFirst hello world"),
        ("n + 1", "n plus 1"),
        ("string | number", "string or number"),
        ("https://example.com/x", "https://example.com/x"),
        ("|", "pipe"),
    ],
)
def test_code_words(code: str, words: str) -> None:
    assert code_words(code) == words


def test_key_words() -> None:
    assert key_words("Ctrl+Shift+P") == "Control plus Shift plus P"
    assert key_words("Esc") == "Escape"


def test_roman_and_domain() -> None:
    assert [roman_value(n) for n in ("I", "IV", "IX", "XIV", "XL", "MCMXC")] == [1, 4, 9, 14, 40, 1990]
    assert domain_of("https://www.example.com/x?y=1") == "example.com"
    assert domain_of("not a url") == ""
