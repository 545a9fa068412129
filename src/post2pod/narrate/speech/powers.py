"""Powers and scientific notation: `m²` -> "square meters", `x^2` -> "x squared", `10^-3` -> "10 to the
minus 3", `3e-4` -> "3 times 10 to the minus 4". Superscript digits are first written as `^` powers."""

from __future__ import annotations

import re

from post2pod.narrate.speech.units import LENGTHS

_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺ⁿⁱ", "0123456789-+ni")
_SUBSCRIPTS = str.maketrans("₀₁₂₃₄₅₆₇₈₉", "0123456789")
_LENGTH_NAMES = "|".join(sorted(LENGTHS, key=len, reverse=True))
AREA_RE = re.compile(rf"(?<![\w.])(\d+(?:\.\d+)?)?\s?(?<![A-Za-z])({_LENGTH_NAMES})\^([23])(?!\w)")
POWER_RE = re.compile(r"(?<![\w.])([A-Za-z]{1,2}|\d+(?:\.\d+)?|\))\^(\(?[-+]?\w{1,3}\)?|\{[-+]?\w{1,3}\})")
E_NOTATION_RE = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)[eE]([-+]?)(\d{1,3})(?!\w|\.\d|-\d)")


SUPERSCRIPT_RE = re.compile(r"[⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺ⁿⁱ]+")
SUBSCRIPT_RE = re.compile(r"[₀₁₂₃₄₅₆₇₈₉]+")


def superscript(match: re.Match[str]) -> str:
    """`m²` -> `m^2`, `10⁻³` -> `10^-3`: one written form for the power rules."""
    return "^" + match.group(0).translate(_SUPERSCRIPTS)


def subscript(match: re.Match[str]) -> str:
    """`H₂O` -> `H2O`: a formula's subscripts as the digits the chemistry rules read."""
    return match.group(0).translate(_SUBSCRIPTS)


def area(match: re.Match[str]) -> str:
    """`20 m^2` -> "20 square meters", `ft^3` -> "cubic foot"."""
    number, unit, power = match.group(1), match.group(2), match.group(3)
    shape = "square" if power == "2" else "cubic"
    name = LENGTHS[unit]
    if not number:
        singular = {"feet": "foot", "inches": "inch"}.get(name, name.rstrip("s"))
        return f"{shape} {singular}"
    return f"{number} {shape} {name}"


def power(match: re.Match[str]) -> str:
    """`x^2` -> "x squared", `10^-3` -> "10 to the minus 3", `mc^2` -> "m c squared"."""
    base, exponent = match.group(1), match.group(2).strip("(){}")
    if re.fullmatch(r"[A-Za-z]{2}", base) and base.lower() == base:
        base = " ".join(base)  # "mc²": two symbols, not a word
    if exponent == "2":
        return f"{base} squared"
    if exponent == "3":
        return f"{base} cubed"
    return f"{base} to the {exponent.replace('-', 'minus ').replace('+', '')}"


def e_notation(match: re.Match[str]) -> str:
    """`3e-4` -> "3 times 10 to the minus 4", `1e6` -> "10 to the 6" (scientific notation)."""
    mantissa, sign, exponent = match.groups()
    tens = f"10 to the {'minus ' if sign == '-' else ''}{int(exponent)}"
    return tens if mantissa == "1" else f"{mantissa} times {tens}"
