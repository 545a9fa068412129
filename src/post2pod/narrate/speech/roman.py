"""Roman numerals in names and numbered things: `Henry VIII` -> "Henry the Eighth", `World War II`
-> "World War Two", `Appendix IV` -> "Appendix Four"; a lone letter that is an initial or a series
letter (`John D. Rockefeller`, `Plan B`) stays as written."""

from __future__ import annotations

import re

from num2words import num2words

from post2pod.narrate.speech.numbers import words
from post2pod.narrate.speech.rule import rule, text_after

REGNAL_NAMES = (
    "Henry|Louis|Elizabeth|George|Edward|Charles|Richard|William|James|Napoleon|Pius|Benedict|Leo|"
    "Gregory|Innocent|Clement|Boniface|Urban|Alexander|Nicholas|Ivan|Peter|Catherine|Mary|Philip|"
    "Frederick|Ferdinand|Constantine|Ramesses|Rameses|Thutmose|Amenhotep|Ptolemy|Francis|Wilhelm|"
    "Friedrich|Gustav|Gustavus|Christian|Haakon|Olav|Harald|Carl|Felipe|Alfonso|Otto|Rudolf|Sigismund|"
    "Casimir|Mehmed|Suleiman|Selim|Murad|Rama|John Paul|John|Paul|Stephen|Malcolm|Robert|David|"
    "Edmund|Harold|Umberto|Pedro|Manuel|Leopold|Albert|Willem|Juan Carlos|Victor Emmanuel|Queen|King|Pope"
)
CARDINAL_CONTEXTS = (
    "World War|Part|Chapter|Volume|Vol\\.|Act|Phase|Type|Class|Level|Stage|Book|Episode|Season|"
    "Super Bowl|Article|Title|Appendix|Psalm|Category|Tier|Mark|Vatican|Apollo|Gemini|Schedule|Round|"
    "Section|Annex|Plan|Exhibit|Figure|Table|Grade|Division|Unit|Lesson|Canto|Movement|Vitamin|Team"
)
# Series mostly counted with letters: a single letter after these is a letter, not a numeral.
LETTER_SERIES = (
    r"Appendix|Annex|Schedule|Plan|Exhibit|Type|Class|Category|Tier|Grade|Figure|Table|Vitamin|Team|Section|"
    r"Division|Unit"
)
_ROMAN_RE = r"(?=[MDCLXVI])M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})"
_ROMAN_VALUES = {"M": 1000, "D": 500, "C": 100, "L": 50, "X": 10, "V": 5, "I": 1}


def roman_value(numeral: str) -> int:
    """`XIV` -> 14 (assumes a valid numeral)."""
    total = 0
    for char, following in zip(numeral, [*numeral[1:], ""], strict=True):
        value = _ROMAN_VALUES[char]
        total += -value if following and _ROMAN_VALUES[following] > value else value
    return total


def _regnal(match: re.Match[str]) -> str:
    numeral = match.group(2)
    if not _roman_fits(numeral, match, letters_series=False):
        return match.group(0)
    return f"{match.group(1)} the {num2words(roman_value(numeral), to='ordinal').replace('-', ' ').title()}"


def _cardinal_roman(match: re.Match[str]) -> str:
    context, numeral, part = match.group(1), match.group(2), match.group(3)
    if not _roman_fits(numeral, match, letters_series=bool(re.match(LETTER_SERIES, context))):
        return match.group(0)
    spoken = f"{context} {words(roman_value(numeral)).title()}"
    return f"{spoken} {part}" if part else spoken


def _roman_fits(numeral: str, match: re.Match[str], letters_series: bool) -> bool:
    """One letter is a numeral only if it is I, V or X and not an initial ("John D. Rockefeller");
    in series usually lettered (Appendix C, Plan B, Type A) only longer numerals count."""
    if len(numeral) > 1:
        return True
    if letters_series or numeral not in "IVX":
        return False
    return not re.match(r"\.\s+[A-Z][a-z]", text_after(match))


REGNAL = rule(
    "cardinal.roman_regnal",
    "ordinal",
    rf"\b({REGNAL_NAMES}) ({_ROMAN_RE})(?![\w-]|\.\w)(?!(?<= I)\s+[a-z])",
    _regnal,
    "Henry VIII had six wives. => Henry the Eighth had six wives.",
    "Pope Benedict XVI resigned. => Pope Benedict the Sixteenth resigned.",
)
# a title before the name settles it: "Pope Gregory I in", "King Charles I was"
TITLED_FIRST = rule(
    "cardinal.roman_titled_first",
    "ordinal",
    rf"\b((?:Pope|King|Queen|Tsar|Czar|Emperor|Empress) (?:{REGNAL_NAMES})) (I)\b(?![\w-]|\.\w)",
    _regnal,
    "King Charles I was beheaded. => King Charles the First was beheaded.",
    "Pope Gregory I in 590 => Pope Gregory the First in 590",
)
NUMBERED = rule(
    "cardinal.roman_numbered",
    "cardinal",
    rf"\b({CARDINAL_CONTEXTS}) ({_ROMAN_RE})(?:\.([A-Z0-9])\b)?(?![\w-]|\.\w)(?!(?<= I)\s+[a-z])",
    _cardinal_roman,
    "after World War II ended => after World War Two ended",
    "see Appendix IV for details => see Appendix Four for details",
)
