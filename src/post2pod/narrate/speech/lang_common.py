"""What the continental languages share: how they write numbers ("1.234,56", "1 234,56",
"1'234.56"), and how their readings are built from num2words (cardinals, decimals, ordinals, money).

Every pattern here is a run of digit groups with fixed-width separators: no nested quantifier can
backtrack, so each rule stays linear in the length of the text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from functools import cache

from num2words import num2words

from post2pod.narrate.speech.roman import roman_value
from post2pod.narrate.speech.rule import Rule, rule, text_before

# A written number: dot groups ("1.234,5"), space groups ("1 234,5"), apostrophe groups ("1'234.5"),
# or plain digits ("1234,5"); never the tail of a longer number. Group 1 of any NUMBER_RE use.
NUMBER = (
    r"(?<![\d.,'’])("
    r"\d{1,3}(?:\.\d{3})+(?:,\d+)?"
    r"|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:,\d+)?"
    r"|\d{1,3}(?:['’]\d{3})+(?:[.,]\d+)?"
    r"|\d+(?:,\d+)?"
    r")(?![\d'’]|[.,]\d)"
)
SIGN = r"(?:(?<![\w)\]])([+\-−±]))?"  # a sign before a number, not a hyphen after a word
MONTHS = {
    "de": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
    "it": "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre",
    "pt": "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro",
    "nl": "januari februari maart april mei juni juli augustus september oktober november december",
}


def month_names(language: str) -> list[str]:
    """The twelve month names of `language`, January first."""
    return MONTHS[language].split()


def month_pattern(language: str) -> str:
    """A regex alternation of `language`'s month names (any case; "Jan." style abbreviations too)."""
    names = "|".join(month_names(language))
    return rf"(?i:{names}|(?:{'|'.join(sorted({m[:3] for m in month_names(language)}))})\.)"


def parse(written: str) -> tuple[int, str]:
    """`written` ("1.234,56", "1 234", "2'324.5") as its integer part and its decimal digits."""
    digits = re.sub(r"[ \u00a0\u202f'’]", "", written)
    if "'" in written or "’" in written:
        whole, _, fraction = digits.partition(".") if "." in digits else digits.partition(",")
    else:
        whole, _, fraction = digits.partition(",")
        whole = whole.replace(".", "")
    return int(whole), fraction


@dataclass(frozen=True)
class Words:
    """How one language says numbers: the words around num2words' digits."""

    language: str
    comma: str  # the decimal separator said ("Komma")
    digitwise: bool  # decimals said digit by digit ("Komma sechs sechs") or as a number
    plus: str
    minus: str
    percent: str
    feminine: tuple[tuple[str, str], ...] = ()  # word endings to change for a feminine noun
    before_noun: tuple[tuple[str, str], ...] = ()  # "eins" -> "ein" before "Euro"
    scales: dict[str, str] = field(default_factory=dict)  # "Mio." -> "Millionen"

    def cardinal(self, number: int, feminine: bool = False, noun: bool = False) -> str:
        """`number` in words; `feminine` or before a `noun` where the language changes it."""
        spoken = spell(number, self.language)
        for old, new in (self.feminine if feminine else ()) + (self.before_noun if noun else ()):
            spoken = re.sub(old, new, spoken)
        return spoken

    def ordinal(self, number: int, feminine: bool = False) -> str:
        """`number` as an ordinal word ("dritte", "troisième", "terzo"/"terza")."""
        spoken = spell(number, self.language, "ordinal")
        if feminine:
            spoken = re.sub(r"o\b", "a", spoken)
        return spoken

    def number(self, written: str, feminine: bool = False, noun: bool = False) -> str:
        """A written number ("1.234,56") in words, its decimals after the decimal word."""
        whole, fraction = parse(written)
        spoken = self.cardinal(whole, feminine, noun and not fraction)
        return f"{spoken} {self.comma} {self.decimals(fraction)}" if fraction else spoken

    def decimals(self, fraction: str) -> str:
        """The digits after the comma: one by one, or leading zeros and then a number."""
        if self.digitwise:
            return " ".join(self.cardinal(int(d)) for d in fraction)
        zeros = len(fraction) - len(fraction.lstrip("0"))
        rest = [self.cardinal(int(fraction[zeros:]))] if fraction[zeros:] else []
        return " ".join([self.cardinal(0)] * zeros + rest)

    def signed(self, sign: str | None, spoken: str) -> str:
        """`spoken` with its sign said ("minus zwei")."""
        if not sign:
            return spoken
        word = self.plus if sign == "+" else self.minus if sign in "-−" else f"{self.plus} {self.minus}"
        return f"{word} {spoken}"

    def scale(self, abbreviation: str | None, one: bool) -> str:
        """A scale abbreviation ("Mio.") in words; the singular after exactly one."""
        if not abbreviation:
            return ""
        spoken = self.scales[abbreviation.lower().rstrip(".")]
        return spoken.split("|")[0 if one else -1]


@cache
def spell(number: int, language: str, to: str = "cardinal") -> str:
    """num2words' reading of `number` (`to`: "cardinal", "ordinal", "year"), its slips mended;
    a number of more than twelve digits (a code, not a quantity) is said digit by digit."""
    if number >= 10**12:
        return " ".join(spell(int(digit), language) for digit in str(number))
    spoken = num2words(number, lang=language, to=to)
    if to == "year":
        return spoken.replace(" ", "" if language in ("de", "nl") else " ")
    if language == "fr":
        spoken = re.sub(r"(vingt|cent)sième", r"\1ième", spoken)
    if language == "pt":  # Brazil's spelling, as most Portuguese posts are written
        spoken = spoken.replace("dezass", "dezess").replace("dezanove", "dezenove")
    if language == "nl":  # "drieënveertigduizend achthonderdacht"
        spoken = re.sub(r"duizend(?=\w*honderd)", "duizend ", spoken)
    if language == "it":
        spoken = spoken.replace("dicotto", "diciotto")
    if language == "es":
        spoken = re.sub(r"\buno(?= mil)", "un", spoken).replace("veintiuno mil", "veintiún mil")
    return spoken


@dataclass(frozen=True)
class Currency:
    """A currency as one language says it: unit words, and its subunit words if they are said."""

    one: str
    many: str
    cent_one: str = ""
    cent_many: str = ""


def amount(
    words: Words,
    written: str,
    currency: Currency,
    joiner: str,
    cents_after: bool = True,
    cent_word: bool = True,
) -> str:
    """Money in words, never rounded: "336,90" euros -> "dreihundertsechsunddreißig Euro neunzig".

    `joiner` goes between the units and the cents ("con", "e", ""); without subunit words the cents
    follow the joiner ("cuarenta y tres con cincuenta pesos" when `cents_after` is False); without
    `cent_word` the subunit is named only alone ("Euro neunzig", but "neunzig Cent")."""
    whole, fraction = parse(written)
    unit = currency.one if whole == 1 else currency.many
    units = f"{words.cardinal(whole, noun=True)} {unit}"
    if not fraction or not fraction.strip("0"):
        return units
    cents = int(fraction[:2].ljust(2, "0")) if len(fraction) <= 2 else None
    if cents is None:  # "1,125 €": not cents; say the decimal, never round
        return f"{words.number(written)} {currency.many}"
    cent_words = words.cardinal(cents, noun=bool(currency.cent_one))
    cent_unit = (currency.cent_one if cents == 1 else currency.cent_many) if currency.cent_one else ""
    if whole == 0 and cent_unit:
        return f"{cent_words} {cent_unit}"
    link = f" {joiner} " if joiner else " "
    if not cent_word:
        cent_unit = ""
    if not cents_after and not cent_unit:
        return f"{words.cardinal(whole)}{link}{cent_words} {currency.many}"
    return f"{units}{link}{cent_words} {cent_unit}".rstrip()


def number_group(name: str) -> str:
    """NUMBER with its group named `name` (so several can share one pattern)."""
    return NUMBER.replace(r"(?<![\d.,'’])(", rf"(?<![\d.,])(?<!\d['’])(?P<{name}>", 1)


def previous_word(match: re.Match[str]) -> str:
    """The word just before `match` (lower-cased; "" at the start), for the case it governs."""
    before = re.search(r"([^\W\d]+)[\s,]*$", text_before(match, 40))
    return before.group(1).lower() if before else ""


def alternation(words: Collection[str]) -> str:
    """A regex alternation of literal `words`, longest first (so "US$" wins over "$")."""
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


def money_rule(
    language: str,
    words: Words,
    currencies: dict[str, Currency],
    joiner: str,
    *examples: str,
    cents_after: bool = True,
    cent_word: bool = True,
    of: str = "",
) -> Rule:
    """ "<lang>.money.amount": a currency symbol or word before or after a number, with an optional
    scale ("Mio.", "milliards") between: "2.450,75 €", "R$ 10,50", "5 Mio. Euro", "€ 2,1 miljoen"."""
    currency = alternation(currencies)
    scale = rf"(?i:{alternation(words.scales)})\.?" if words.scales else r"(?!)"
    link = rf"(?:\s(?:{of}))?\s?" if of else r"\s?"
    pattern = (
        rf"(?<![\w$€£])(?P<c1>{currency})\s?{SIGN.replace('([', '(?P<s1>[')}{number_group('n1')}"
        rf"(?:\s(?P<x1>{scale})(?!\w))?"
        rf"|{SIGN.replace('([', '(?P<s2>[')}{number_group('n2')}\s?(?:(?P<x2>{scale})(?P<l2>{link}))?"
        rf"(?P<c2>{currency})(?![\w$])(?!\s?\d)"
    )
    lookup = {key.lower(): value for key, value in currencies.items()}

    def speak(match: re.Match[str]) -> str:
        first = match.group("c1") is not None
        written = match.group("n1" if first else "n2")
        sign = match.group("s1" if first else "s2")
        scale_word = match.group("x1" if first else "x2")
        money = lookup[match.group("c1" if first else "c2").lower()]
        if scale_word:
            whole, fraction = parse(written)
            big = words.scale(scale_word, whole == 1 and not fraction)
            said = match.group("c2") if not first and match.group("c2")[0].isalpha() else None
            joint = match.group("l2") if said else f" {of.split('|')[-1]} " if of else " "
            spoken = f"{words.number(written, noun=True)} {big}{joint or ' '}{said or money.many}"
            if words.language == "fr":
                spoken = re.sub(r"\bde (?=[aeiouy])", "d'", spoken)
        else:
            spoken = amount(words, written, money, joiner, cents_after, cent_word)
        return words.signed(sign, spoken)

    return rule(f"{language}.money.amount", "money", pattern, speak, *examples)


def percent_rule(language: str, words: Words, *examples: str) -> Rule:
    """ "<lang>.measure.percent": "3,5 %", "-1,68%", "+4,0 %"."""
    pattern = rf"{SIGN}{number_group('n')}\s?%"
    return rule(
        f"{language}.measure.percent",
        "measure",
        pattern,
        lambda m: words.signed(m.group(1), f"{words.number(m.group('n'))} {words.percent}"),
        *examples,
    )


def cardinal_rule(
    language: str, words: Words, feminine_nouns: str, *examples: str, years: bool = False
) -> Rule:
    """ "<lang>.cardinal.number": any number left, in words ("1.234,5", "300'000", "-3"); before a
    feminine noun in its feminine form; with `years`, 1100-1999 as a year ("neunzehnhundert")."""
    feminine = rf"(?=\s(?:{feminine_nouns})\b)" if feminine_nouns else r"(?!)"
    pattern = rf"(?<![^\W\d_]){SIGN}{number_group('n')}(?![^\W\d_])(?P<f>{feminine})?"

    def speak(match: re.Match[str]) -> str:
        written = match.group("n")
        if years and re.fullmatch(r"1[1-9]\d\d", written):
            return spell(int(written), language, "year")
        spoken = words.number(written, feminine=match.group("f") is not None)
        return words.signed(match.group(1), spoken)

    return rule(f"{language}.cardinal.number", "cardinal", pattern, speak, *examples)


def numeric_date_rule(
    language: str, separators: str, say: Callable[[re.Match[str], int, int, int], str], *examples: str
) -> Rule:
    """ "<lang>.date.numeric": day, month and year in numbers ("03.02.2024", "06/06/2019"), said by
    `say(match, day, month, year)`; impossible days or months stay as written."""
    sep = f"[{re.escape(separators)}]"
    pattern = rf"(?<![\d.,/])(\d{{1,2}})({sep})(\d{{1,2}})\2(\d{{4}})(?!\d|[.,/-]\d)"

    def speak(match: re.Match[str]) -> str:
        day, month, year = int(match.group(1)), int(match.group(3)), int(match.group(4))
        if not (1 <= day <= 31 and 1 <= month <= 12):
            return match.group(0)
        return say(match, day, month, year)

    return rule(f"{language}.date.numeric", "date", pattern, speak, *examples)


def year_words(language: str, year: int) -> str:
    """`year` as that language says a year ("neunzehnhundertneununddreißig", "mil novecientos")."""
    return spell(year, language, "year")


def roman_suffix_rule(language: str, suffix: str, say: Callable[[int], str], *examples: str) -> Rule:
    """ "<lang>.ordinal.roman": a Roman numeral with an ordinal ending ("XXe siècle")."""
    roman = r"(?=[IVX]|[MDCL]{2})M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})"
    pattern = rf"\b({roman}){suffix}\b"
    return rule(
        f"{language}.ordinal.roman", "ordinal", pattern, lambda m: say(roman_value(m.group(1))), *examples
    )


def year_range_rule(language: str, to: str, *examples: str) -> Rule:
    """ "<lang>.range.years": "1939-1945" as "1939 <to> 1945" (each year is read by later rules)."""
    return rule(
        f"{language}.range.years",
        "range",
        r"(?<![\d.,/-])([12]\d{3})\s?[-–]\s?([12]\d{3})(?![\d-]|[.,]\d)",
        rf"\1 {to} \2",
        *examples,
    )
