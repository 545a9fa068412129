"""Number words: cardinals, years, fractions, digit strings (English)."""

from __future__ import annotations

from num2words import num2words

DIGITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]


def words(number: int | float | str) -> str:
    """A number in English words, without the commas and hyphens num2words puts in."""
    return num2words(number).replace(",", "").replace("-", " ")


def year_words(year: int) -> str:
    """`1860` -> "eighteen sixty", `1905` -> "nineteen oh five", `2024` -> "twenty twenty-four"."""
    return num2words(year, to="year").replace(",", "").replace("-", " ")


def ordinal_words(number: int) -> str:
    """`3` -> "third"."""
    return num2words(number, to="ordinal").replace(",", "").replace("-", " ")


def fraction_words(numerator: int, denominator: int) -> str:
    """`1/2` -> "one half", `3/4` -> "three quarters", `9/10` -> "nine tenths"."""
    if denominator == 0:
        return f"{words(numerator)} over zero"
    if denominator == 1:
        return words(numerator)
    if denominator > 100:
        return f"{words(numerator)} over {words(denominator)}"
    if denominator == 2:
        name = "half" if numerator == 1 else "halves"
    elif denominator == 4:
        name = "quarter" if numerator == 1 else "quarters"
    else:
        name = ordinal_words(denominator) + ("" if numerator == 1 else "s")
    return f"{words(numerator)} {name}"


def digit_words(digits: str) -> str:
    """`4567` -> "four five six seven" (phone numbers, codes)."""
    return " ".join(DIGITS[int(d)] for d in digits if d.isdigit())
