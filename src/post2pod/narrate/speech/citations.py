"""Author-year citations said between pauses: `(Gare, 2010)` -> ", Gare, 2010,", `Gare (1998)` ->
"Gare, nineteen ninety eight,". Without the pauses the voice runs the reference into the sentence."""

from __future__ import annotations

import re

from post2pod.narrate.speech.numbers import year_words
from post2pod.narrate.speech.rule import rule, text_after

_CITATION_YEAR = r"(?:1\d{3}|20\d{2})[a-z]?"
_PAGES = r"(?:, (?:p|pp)\. ?[\d–-]+)?"
_PAREN_CITATION_RE = re.compile(
    rf"\s?\(((?:see |e\.g\.,? |cf\. )?[A-Z][\w'’-]+(?:[^();]{{0,60}}?),? {_CITATION_YEAR}{_PAGES}"
    rf"(?:; ?[A-Z][^();]{{0,60}}?,? {_CITATION_YEAR})*)\)"
)
_NARRATIVE_CITATION_RE = re.compile(
    rf"(?<![\w'’-])\b([A-Z][\w'’-]+(?: et al\.| (?:and|&) [A-Z][\w'’-]+)?) \(({_CITATION_YEAR}){_PAGES}\)"
)


def _citation_years(text: str) -> str:
    return re.sub(r"\b1\d{3}\b", lambda m: year_words(int(m.group(0))), text)


def _paren_citation(match: re.Match[str]) -> str:
    """`(Gare, 2010)` -> `, Gare, 2010,`: said between pauses, not run into the sentence."""
    return f", {_citation_years(match.group(1))},"


def _narrative_citation(match: re.Match[str]) -> str:
    """`Gare (2010)` -> `Gare, 2010,`; no closing pause where a bracket or a stop ends the sentence
    already ("(see Gare (2010))" -> "(see Gare, 2010)")."""
    ends = text_after(match, 1) in tuple(")]}.,;:!?")
    return f"{match.group(1)}, {_citation_years(match.group(2))}{'' if ends else ','}"


PARENTHETICAL = rule(
    "citation.parenthetical",
    "citation",
    _PAREN_CITATION_RE,
    _paren_citation,
    "as shown before (Gare, 2010). => as shown before, Gare, 2010.",
    "as (Smith and Jones 1998; Lee 2001) => as, Smith and Jones nineteen ninety eight; Lee 2001",
)
NARRATIVE = rule(
    "citation.narrative",
    "citation",
    _NARRATIVE_CITATION_RE,
    _narrative_citation,
    "Gare (1998) argued => Gare, nineteen ninety eight, argued",
    "Lee et al. (2019) found => Lee and colleagues, 2019, found",
    "(see Griewank (1998)) => (see Griewank, nineteen ninety eight)",
)
