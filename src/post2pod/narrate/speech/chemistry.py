"""Chemical formulas, element by element: `CO2` -> "C O 2", `H2SO4` -> "H 2 S O 4", `NaCl` -> "N.A C.L",
`Fe2O3` -> "F.E 2 O 3". A token counts as a formula only when it splits wholly into element symbols and
has a digit or an element written with a small letter ("NaCl", "HCl"): "CO2" and "NaOH" yes, "SQL",
"He", "Co" and "FP8" no.
"""

from __future__ import annotations

import re

from post2pod.narrate.speech.letters import spelled
from post2pod.narrate.speech.rule import rule
from post2pod.narrate.speech.wordlists import data_words

ELEMENTS = data_words("elements.txt")
FORMULA_RE = re.compile(
    r"(?<![\w.+-])(?P<count>[2-9])?(?P<formula>(?:[A-Z][a-z]?\d{0,3}){2,8})(?P<charge>[+-])?(?![\w])"
)
# A formula of one-letter symbols only ("CO2", "CH4", "NO2") has one of these; "FP8" and "BF16" do not.
_COMMON = frozenset(["H", "C", "N", "O", "S"])
# Two-letter symbols common in formulas written without digits ("NaCl", "HCl", "AgCl", "NaOH").
_IN_SALTS = frozenset(
    ["Na", "Cl", "Mg", "Ca", "Fe", "Zn", "Ag", "Li", "Al", "Cu", "Pb", "Hg", "Br", "Mn", "Ba"]
)
_PART_RE = re.compile(r"([A-Z][a-z]?)(\d*)")


def _parts(formula: str) -> list[tuple[str, str]] | None:
    parts = _PART_RE.findall(formula)
    if "".join(e + n for e, n in parts) != formula or not all(e in ELEMENTS for e, _ in parts):
        return None
    return parts


def formula(match: re.Match[str]) -> str:
    """A formula said element by element, with its count and charge."""
    parts = _parts(match.group("formula"))
    two_letter = sum(1 for element, _ in parts or [] if len(element) == 2)
    if parts is None or not (any(n for _, n in parts) or (two_letter >= 1 and len(parts) >= 2)):
        return match.group(0)
    if not two_letter and not {element for element, _ in parts} & _COMMON:
        return match.group(0)  # "FP8", "BF16": number formats, not molecules
    if not any(n for _, n in parts) and not {element for element, _ in parts} & _IN_SALTS:
        return match.group(0)  # "CfP", "PoC": a call for papers, a proof of concept
    spoken = " ".join(
        spelled(element.upper()) + (f" {number}" if number else "") for element, number in parts
    )
    if match.group("count"):
        spoken = f"{match.group('count')} {spoken}"
    if match.group("charge"):
        spoken += " plus" if match.group("charge") == "+" else " minus"
    return spoken


FORMULA = rule(
    "chemical.formula",
    "chemical",
    FORMULA_RE,
    formula,
    "release SO2 and CO2 => release S O 2 and C O 2",
    "of NaCl (brine) => of N.A C.L (brine)",
    "sulfuric acid (H2SO4) => sulfuric acid (H 2 S O 4)",
    "either Fe2O3 or => either F.E 2 O 3 or",
)
