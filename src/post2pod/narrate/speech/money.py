"""Money, said exactly: `$7.0625` -> "seven point zero six two five dollars" (never rounded), `€3.5m`
and `3.5m€` -> "three point five million euros", `₹12 lakh`, `₹12,00,000` -> "twelve lakh rupees",
`45p` -> "forty five pence", `$10–20k` -> "ten to twenty thousand dollars", `$0.40/lb` -> "forty cents
per pound", `a $550,000 penalty` -> "a five hundred and fifty thousand dollar penalty".

The currencies are data (data/currencies.tsv). Amounts are said in words, as a narrator would,
because espeak reads "$2.49" as "dollar two point four nine".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from post2pod.narrate.speech.numbers import words
from post2pod.narrate.speech.rule import text_before
from post2pod.narrate.speech.units import DENOMINATORS, UNITS
from post2pod.narrate.speech.wordlists import data_rows


@dataclass(frozen=True)
class Currency:
    one: str
    many: str
    minor_one: str
    minor_many: str


CURRENCIES = {
    form: Currency(*names) for written, *names in data_rows("currencies.tsv") for form in written.split()
}
SCALES = {
    "k": "thousand",
    "K": "thousand",
    "thousand": "thousand",
    "m": "million",
    "M": "million",
    "mn": "million",
    "mln": "million",
    "million": "million",
    "b": "billion",
    "B": "billion",
    "bn": "billion",
    "billion": "billion",
    "tn": "trillion",
    "T": "trillion",
    "trillion": "trillion",
    "lakh": "lakh",
    "lakhs": "lakh",
    "crore": "crore",
    "crores": "crore",
    "cr": "crore",
    "Cr": "crore",
}
_SYMBOLS = sorted((c for c in CURRENCIES if not c.isalpha() or len(c) <= 2), key=len, reverse=True)
_CODES = sorted((c for c in CURRENCIES if c.isalpha() and len(c) > 2), key=len, reverse=True)
_SYMBOL = "|".join(re.escape(s) for s in _SYMBOLS)
_CODE = "|".join(re.escape(c) for c in _CODES)
# 1,234,567.89 · 12,00,000 (Indian grouping) · 1234.5 · .06
_AMOUNT = r"(?:\d{1,3}(?:,\d{2})+,\d{3}|\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+"
_SCALE_WORD = r"[-\s]?(?:thousand|million|billion|trillion|lakhs?|crores?)\b"
_SCALE = rf"(?:{_SCALE_WORD}|\s?(?:mn|mln|bn|tn|cr|Cr|[kKmMbBT])(?![\w$€£¥₹'’]|-[A-Za-z]))"
_SUFFIX_SCALE = rf"(?:{_SCALE_WORD}|mn|mln|bn|tn|[kKmMbB])"
_PER = r"(?:\s?/\s?(?P<per>[A-Za-z]{1,12})\b)?"

PREFIX_RE = re.compile(
    rf"(?<![\w$€£¥₹.])(?P<cur>{_SYMBOL}|(?:{_CODE})(?=\s?\d)|(?i:chf)(?=\d))\s?(?P<amount>{_AMOUNT})"
    rf"(?P<low_scale>{_SCALE})?(?:\s?[-–]\s?(?:{_SYMBOL})?(?P<high>{_AMOUNT}))?(?P<scale>{_SCALE})?{_PER}"
    r"(?P<dash>\.-)?"
)
SUFFIX_RE = re.compile(
    rf"(?<![\w.,$€£¥₹])(?P<amount>\d+,\d\d(?![\d,])|{_AMOUNT})(?:\s?[-–]\s?(?P<high>{_AMOUNT}))?"
    rf"(?P<scale>{_SUFFIX_SCALE})?\s?(?P<cur>€|(?:{_CODE}|Euros?)\b){_PER}"
)
PENCE_RE = re.compile(r"(?<![\w.,£$€])(?P<amount>\d{1,3})p\b(?!\.\w)")
_VIDEO_LINES = {"144", "240", "360", "480", "576", "720"}
_NOUN_AFTER_RE = re.compile(
    r"\s(?!(?:a|an|the|and|or|but|to|in|on|of|for|from|by|at|per|each|with|is|was|were|are|be|been|"
    r"in|into|over|under|than|that|which|who|this|it|more|less|last|next|this|a|year|month|week|day|"
    r"hour|annually|monthly|yearly|today|now|so|as|if)\b)[a-z][a-z-]+"
)


def _currency(written: str) -> Currency:
    return CURRENCIES.get(written) or CURRENCIES[written.upper()]  # "chf10": the pattern admits only these


def money(match: re.Match[str]) -> str:
    """A `PREFIX_RE` or `SUFFIX_RE` match in words."""
    currency = _currency(match.group("cur"))
    low, high = match.group("amount"), match.group("high")
    low_scale = SCALES.get((match.groupdict().get("low_scale") or "").strip(" -"), "")
    if re.fullmatch(r"\d+,\d\d", low):  # "2,50 €": a decimal comma
        low = low.replace(",", ".")
    scale = SCALES.get((match.group("scale") or "").strip(" -"), "")
    adjective = _is_adjective(match)
    if high and not scale and _has_cents(low) and _has_cents(high):  # "$2.49–$3.99"
        spoken = f"{amount_words(low, currency, adjective)} to {amount_words(high, currency, adjective)}"
    elif low_scale and not high:  # "$5bn" (the scale right after the amount)
        spoken = " ".join([_number(low), low_scale, _unit(currency, adjective)])
    elif high or scale or _is_indian(low) or _long_decimal(low):
        low_words = f"{_number(low)} {low_scale}" if low_scale and low_scale != scale else _number(low)
        numbers = f"{low_words} to {_number(high)}" if high else _number(low)
        if _is_indian(low) and not scale:
            numbers, scale = _indian(low)
        spoken = " ".join(
            filter(None, [numbers, scale, _unit(currency, adjective or _plural_one(low, high, scale))])
        )
    else:
        spoken = amount_words(low, currency, adjective)
    if match.group("per"):
        spoken += f" per {_per(match.group('per'))}"
    return spoken


def pence(match: re.Match[str]) -> str:
    """`45p` -> "forty five pence" (not a video resolution, `720p`)."""
    amount = match.group("amount")
    if amount in _VIDEO_LINES:
        return match.group(0)
    return f"{words(int(amount))} {'penny' if amount == '1' else 'pence'}"


def amount_words(amount: str, currency: Currency, adjective: bool = False) -> str:
    """`2.49` -> "two dollars and forty nine cents"; `7.0625` -> "seven point zero six two five dollars"."""
    if _long_decimal(amount) or (("." in amount) and not currency.minor_many):
        return f"{_number(amount)} {currency.one if adjective else currency.many}"
    whole_text, _, cents_text = amount.replace(",", "").partition(".")
    whole = int(whole_text or 0)
    cents = int((cents_text + "0")[:2]) if cents_text else 0
    major = currency.one if whole == 1 or adjective else currency.many
    if cents and not whole:
        return f"{words(cents)} {currency.minor_one if cents == 1 else currency.minor_many}"
    spoken = f"{words(whole)} {major}"
    if cents:
        spoken += f" and {words(cents)} {currency.minor_one if cents == 1 else currency.minor_many}"
    return spoken


def _number(amount: str) -> str:
    """`1,234.5` -> "one thousand two hundred thirty four point five" (every digit kept)."""
    whole, _, decimals = amount.replace(",", "").partition(".")
    spoken = words(int(whole or 0))
    if decimals:
        spoken += " point " + " ".join(words(int(d)) for d in decimals)
    return spoken


def _unit(currency: Currency, one: bool) -> str:
    return currency.one if one else currency.many


def _plural_one(low: str, high: str | None, scale: str) -> bool:
    return not high and not scale and low in ("1", "1.0")


def _has_cents(amount: str) -> bool:
    return bool(re.search(r"\.\d\d$", amount))


def _long_decimal(amount: str) -> bool:
    return bool(re.search(r"\.\d{3,}$", amount))


def _is_indian(amount: str) -> bool:
    return bool(re.fullmatch(r"\d{1,3}(?:,\d{2})+,\d{3}(?:\.\d+)?", amount))


def _indian(amount: str) -> tuple[str, str]:
    """`12,00,000` -> ("twelve", "lakh"); `4,20,00,000` -> ("four point two", "crore")."""
    value = float(amount.replace(",", ""))
    for size, name in ((10**7, "crore"), (10**5, "lakh")):
        if value >= size:
            number = f"{value / size:.4f}".rstrip("0").rstrip(".")
            return _number(number), name
    return _number(amount), ""


def _is_adjective(match: re.Match[str]) -> bool:
    """`a $550,000 penalty`: money before a noun, after an article, is said in the singular."""
    before = text_before(match, 6)
    if not re.search(r"\b(?:a|an|each|every)\s$", before, re.IGNORECASE):
        return False
    return bool(_NOUN_AFTER_RE.match(match.string, match.end()))


def _per(unit: str) -> str:
    """`lb` -> "pound", `gallon` -> "gallon", `mo` -> "month"."""
    if unit in DENOMINATORS:
        return DENOMINATORS[unit]
    if unit in UNITS:
        return UNITS[unit][0]
    return unit
