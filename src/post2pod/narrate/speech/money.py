"""Money: `$2.49` -> "two dollars and forty nine cents", `€5bn` -> "five billion euros",
`$10–20k` -> "ten to twenty thousand dollars", `12 EUR` -> "twelve euros"."""

from __future__ import annotations

import re

from post2pod.narrate.speech.numbers import words

CURRENCIES = {
    "$": ("dollar", "dollars", "cent", "cents"),
    "US$": ("dollar", "dollars", "cent", "cents"),
    "€": ("euro", "euros", "cent", "cents"),
    "£": ("pound", "pounds", "penny", "pence"),
    "¥": ("yen", "yen", "", ""),
    "₹": ("rupee", "rupees", "paisa", "paise"),
    "EUR": ("euro", "euros", "cent", "cents"),
    "USD": ("dollar", "dollars", "cent", "cents"),
}
SCALES = {
    "k": "thousand",
    "K": "thousand",
    "m": "million",
    "M": "million",
    "mn": "million",
    "b": "billion",
    "B": "billion",
    "bn": "billion",
    "tn": "trillion",
    "T": "trillion",
}

_NUMBER = r"\d{1,3}(?:,\d{3})+|\d+"
CURRENCY_RE = re.compile(
    rf"(?<![\w$€£¥₹])(?P<sym>US\$|[$€£¥₹])\s?(?P<amount>(?:{_NUMBER})(?:\.\d+)?)"
    rf"(?:\s?[-–]\s?(?:US\$|[$€£¥₹])?(?P<high>(?:{_NUMBER})(?:\.\d+)?))?"
    r"(?:\s?(?P<scale>thousand|million|billion|trillion|bn|mn|tn|[kKmMbBT])\b)?"
    r"|(?<![\w.])(?P<amount2>\d+(?:[.,]\d{1,2})?)\s?(?P<post>€|EUR|USD)(?!\w)"
)


def currency(match: re.Match[str]) -> str:
    """A `CURRENCY_RE` match in words."""
    if match.group("post"):
        return _currency_value(match.group("amount2").replace(",", "."), match.group("post"))
    return _currency(match)


def _amount(text: str) -> float | int:
    text = text.replace(",", "")
    return float(text) if "." in text else int(text)


def _currency(match: re.Match[str]) -> str:
    symbol = match.group("sym") or match.group("post")
    many = CURRENCIES[symbol][1]
    low, high, scale = match.group("amount"), match.group("high"), match.group("scale")
    scale_word = SCALES.get(scale, scale.lower()) if scale else ""
    if high and not scale_word and "." in low + high:  # "$2.49–$3.99": each with its cents
        return f"{_currency_value(low, symbol)} to {_currency_value(high, symbol)}"
    if high:
        value = f"{words(_amount(low))} to {words(_amount(high))}"
        return " ".join(filter(None, [value, scale_word, many]))
    if scale_word:
        return f"{words(_amount(low))} {scale_word} {many}"
    return _currency_value(low, symbol)


def _currency_value(amount: str, symbol: str) -> str:
    one, many, cent, cents = CURRENCIES[symbol]
    value = _amount(amount)
    whole = int(value)
    fraction = round((value - whole) * 100) if isinstance(value, float) else 0
    if fraction and cent and not whole:
        return f"{words(fraction)} {cent if fraction == 1 else cents}"  # "$0.21": twenty-one cents
    spoken = f"{words(whole)} {one if whole == 1 else many}"
    if fraction and cent:
        spoken += f" and {words(fraction)} {cent if fraction == 1 else cents}"
    return spoken
