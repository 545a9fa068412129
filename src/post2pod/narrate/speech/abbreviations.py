"""Abbreviations read as the words they stand for, by context: `Dr. Smith` -> "Doctor Smith", `Fig. 3`
-> "Figure 3", `St. Louis` -> "Saint Louis" but `Elm St.` -> "Elm Street", `Roe v. Wade` -> "Roe
versus Wade", `2 tbsp. olive oil` -> "2 tablespoons olive oil" (one sentence: the full stop is gone).

The plain ones are data (data/abbreviations.tsv: the written form, the words, what must follow it,
and an example); the ones that need more context than "what follows" are rules here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from post2pod.narrate.speech.dates import WEEKDAYS
from post2pod.narrate.speech.rule import Example, Rule, rule, text_after, text_before
from post2pod.narrate.speech.wordlists import data_rows

# What must follow a listed abbreviation for it to be one.
_FOLLOWERS = {
    "name": r"(?=\s+[A-Z])",
    "number": r"(?=\s*\(?\d)",
    "space": r"(?=\s)",
    "end": r"(?=[\s,;:)]|$)",
    "measure": r"(?=\s)",
}


@dataclass(frozen=True)
class Abbreviation:
    written: str
    spoken: str  # "word" or "singular|plural" (a measure after a number)
    follower: str
    example: Example


LISTED = [
    Abbreviation(written, spoken, follower, (example, example_spoken))
    for written, spoken, follower, example, example_spoken in data_rows("abbreviations.tsv")
]
_BY_WRITTEN = {a.written: a for a in LISTED}


def _listed_pattern(follower: str) -> str:
    written = {a.written for a in LISTED if a.follower == follower}
    if follower == "number":  # "fig. 3", "eq. 4" as well as "Fig. 3"
        written |= {w[0].lower() + w[1:] for w in written}
    longest_first = sorted(written, key=len, reverse=True)
    lead = r"(?<=\d)\s?" if follower == "measure" else r"(?<![\w.])"
    return rf"{lead}(?:{'|'.join(re.escape(w) for w in longest_first)}){_FOLLOWERS[follower]}"


def _listed(match: re.Match[str]) -> str:
    written = match.group(0).strip()
    listed = _BY_WRITTEN.get(written) or _BY_WRITTEN[written[0].upper() + written[1:]]
    spoken = listed.spoken if listed.written == written else listed.spoken.lower()
    if "|" in spoken:  # "1 tbsp." -> "1 tablespoon", "2 tbsp." -> "2 tablespoons"
        singular, plural = spoken.split("|")
        one = re.search(r"(?<![\d.,])1\s*$", text_before(match))
        return (" " if match.group(0)[0].isspace() else "") + (singular if one else plural)
    return spoken


def _listed_rule(follower: str, what: str) -> Rule:
    examples = [f"{a.example[0]} => {a.example[1]}" for a in LISTED if a.follower == follower]
    return rule(
        f"abbreviation.listed_before_{what}", "abbreviation", _listed_pattern(follower), _listed, *examples
    )


BEFORE_NAME = _listed_rule("name", "name")
BEFORE_NUMBER = _listed_rule("number", "number")
BEFORE_WORD = _listed_rule("space", "word")
AFTER_NUMBER = _listed_rule("measure", "measure_after_number")
AT_END = _listed_rule("end", "end")


def _etc(match: re.Match[str]) -> str:
    rest = text_after(match)
    ends_sentence = not rest.strip() or re.match(r"\s+[\"'(]?[A-Z]", rest)
    return "et cetera." if ends_sentence else "et cetera"


def _saint_or_street(match: re.Match[str]) -> str:
    """`St. Louis` -> Saint, `Elm St.` / `Main St, ` -> Street: a capitalised word before it names a
    street, except at a sentence start or after a preposition or article ("in St. Louis")."""
    before = text_before(match)
    word = re.search(r"\b([A-Z][a-z]+|\d+(?:st|nd|rd|th))\s$", before)
    if word and word.group(1) not in ("The", "In", "At", "From", "To", "Of", "On", "By", "And"):
        return "Street"
    after = text_after(match)
    return "Saint" if re.match(r"\s+[A-Z]", after) else "Street"


def _weekday(match: re.Match[str]) -> str:
    return WEEKDAYS[match.group(0)[:3]]


VERSUS = rule(
    "abbreviation.versus",
    "abbreviation",
    r"\bvs\.?(?=\s)|(?<![\w'’-])\b([A-Z][\w'’-]*) v\.(?= [A-Z])",
    lambda m: f"{m.group(1)} versus" if m.group(1) else "versus",
    "tabs vs. spaces => tabs versus spaces",
    "Roe v. Wade was decided => Roe versus Wade was decided",
)
THAT_IS = rule(
    "abbreviation.that_is",
    "abbreviation",
    r"\bi\.\s?e\.(?=[\s,;:)]|$)",
    lambda m: "that is" + _stop_at_end(m),
    "one value, i.e. a scalar => one value, that is a scalar",
    "the host (i.e., the server) => the host (that is, the server)",
)
FOR_EXAMPLE = rule(
    "abbreviation.for_example",
    "abbreviation",
    r"\be\.\s?g\.(?=[\s,;:)]|$)",
    lambda m: "for example" + _stop_at_end(m),
    "some fruit, e.g. apples => some fruit, for example apples",
    "tools (e.g., grep) => tools (for example, grep)",
    "random values, e.g. => random values, for example.",
)


def _stop_at_end(match: re.Match[str]) -> str:
    """The abbreviation's full stop ends the text too ("…, e.g." before a code block): keep one."""
    return "." if match.end() == len(match.string) else ""


ALSO_KNOWN_AS = rule(
    "abbreviation.also_known_as",
    "abbreviation",
    r"\b(?:a\.k\.a\.|aka)(?=\s)",
    "also known as",
    "Robert Zimmerman, a.k.a. Bob Dylan => Robert Zimmerman, also known as Bob Dylan",
    "the sloth, aka the slow one => the sloth, also known as the slow one",
)
ET_AL = rule(
    "abbreviation.et_al",
    "abbreviation",
    r"\bet al\.",
    "and colleagues",
    "as Smith et al. showed => as Smith and colleagues showed",
    "Lee et al. found it => Lee and colleagues found it",
)
ET_CETERA = rule(
    "abbreviation.et_cetera",
    "abbreviation",
    r"\betc\.(?:(?=[\s,;:)\]])|$)",
    _etc,
    "apples, pears, etc. are fruit => apples, pears, et cetera are fruit",
    "apples, pears, etc. The rest => apples, pears, et cetera. The rest",
)
SAINT_OR_STREET = rule(
    "abbreviation.saint_or_street",
    "abbreviation",
    r"\bSt\.(?=\s+[A-Z]|[\s,]|$)",
    _saint_or_street,
    "flew to St. Louis => flew to Saint Louis",
    "a cafe on Elm St. near the park => a cafe on Elm Street near the park",
)
WITH_WITHOUT = rule(
    "abbreviation.with_without",
    "abbreviation",
    r"\bw/o\b|\bw/(?=\s)",
    lambda m: "without" if m.group(0) == "w/o" else "with",
    "coffee w/o sugar => coffee without sugar",
    "tea w/ milk => tea with milk",
)
PARAMS = rule(
    "abbreviation.params",
    "abbreviation",
    r"\bparams\b",
    "parameters",
    "7B params => 7 billion parameters",
    "the params are => the parameters are",
)
CENTURY = rule(
    "abbreviation.century",
    "abbreviation",
    r"\b(\d{1,2}(?:st|nd|rd|th))\s?c\.(?=\s)",
    r"\1 century",
    "a 17th c. house => a 17th century house",
    "the 5th c. church => the 5th century church",
)
CIRCA = rule(
    "abbreviation.circa",
    "abbreviation",
    r"\b(?:ca|c)\.(?=\s?\d{3,4}\b)",
    "circa",
    "built c. 1850 => built circa eighteen fifty",
    "ca. 1500 years => circa fifteen hundred years",
)
PLURAL_S = rule(
    "abbreviation.optional_plural",
    "abbreviation",
    r"\b(\w+)\(s\)",
    r"\1s",
    "the file(s) you chose => the files you chose",
    "one or more user(s) => one or more users",
)
WEEKDAY = rule(
    "date.weekday_abbreviation",
    "date",
    r"\b(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\.(?=\s+(?:[a-z\d]|[A-Z][a-z]+ \d))",
    _weekday,
    "open Sat. and Sun. mornings => open Saturday and Sunday mornings",
    "Fri. March 3 => Friday March third",
)
CODE_OF_LAW = rule(
    "abbreviation.code_of_law",
    "abbreviation",
    r"\b(Cal|Tex|Fla|Mass|Penn|Ill|Wash|N\.Y)\.? "
    r"(Civ|Penal|Gov't|Gov|Bus\. & Prof|Health & Safety|Lab|Evid|Fam)"
    r"\.? Code\b",
    lambda m: f"{_STATES[m.group(1)]} {_CODES[m.group(2)]} Code",
    "under Cal. Civ. Code § 1714 => under California Civil Code section 1714",
    "Tex. Penal Code § 22.01 => Texas Penal Code section 22.01",
)
_STATES: dict[str, str] = {
    "Cal": "California",
    "Tex": "Texas",
    "Fla": "Florida",
    "Mass": "Massachusetts",
    "Penn": "Pennsylvania",
    "Ill": "Illinois",
    "Wash": "Washington",
    "N.Y": "New York",
}
_CODES: dict[str, str] = {
    "Civ": "Civil",
    "Penal": "Penal",
    "Gov't": "Government",
    "Gov": "Government",
    "Bus. & Prof": "Business and Professions",
    "Health & Safety": "Health and Safety",
    "Lab": "Labor",
    "Evid": "Evidence",
    "Fam": "Family",
}
