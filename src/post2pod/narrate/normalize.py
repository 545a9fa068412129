"""Text normalisation: rewrite what espeak-ng (inside Piper) reads badly into plain spoken English.

Each rule is a (pattern, replacement) pair in a table, applied in order. `clean_text` (entities,
quotes, spaces, emoji, control characters) and the pause rules (ellipses, dashes) apply to every
language; the word tables (currency, units, dates, abbreviations, numerals...) only to English.
Footnote markers (private-use characters) pass through untouched.

Cardinals stay digits (the voice reads them well); what it would misread becomes words. The
helpers live beside this module: `links` (URLs, DOIs), `units`, `numbers` (years, phone numbers,
magnitudes, fractions), `slashes` (what a slash means where it stands), `symbols` (other scripts,
emoticons, symbols shown on their own) and `math` (simple TeX).

Over 400 lines because the English rule table is one ordered list (each rule sees what the ones
before it left) with the handlers of its rules; links, units, numbers, slashes, symbols and formulas
already live in their own modules. Moving inline code and citations out is the next step (issue 13).
"""

from __future__ import annotations

import calendar
import html
import re
import unicodedata
from collections.abc import Callable
from datetime import date

from num2words import num2words

from post2pod.narrate.links import DOI_RE, domain_of
from post2pod.narrate.links import EMAIL_RE as _EMAIL_RE
from post2pod.narrate.links import URL_RE as _URL_RE
from post2pod.narrate.math import speak_tex
from post2pod.narrate.numbers import (
    MAGNITUDE_RE,
    PHONE_RE,
    VULGAR_FRACTION_RE,
    YEAR_RANGE_RE,
    YEAR_RE,
    magnitude,
    ordinal_words,
    phone,
    vulgar_fraction,
    year,
    year_range,
    year_words,
)
from post2pod.narrate.numbers import words as words
from post2pod.narrate.slashes import speak_slashes
from post2pod.narrate.symbols import drop_kaomoji, foreign_scripts, name_shown_symbols, symbol_names
from post2pod.narrate.units import DENOMINATORS, LENGTHS, UNITS

Replacement = str | Callable[[re.Match[str]], str]
Rule = tuple[re.Pattern[str], Replacement]

MONTHS = {m: calendar.month_name[m] for m in range(1, 13)}
MONTH_ABBREVIATIONS = {calendar.month_abbr[m]: calendar.month_name[m] for m in range(1, 13)} | {
    "Sept": "September"
}

# --- language-independent clean-up ------------------------------------------------------------

_ENTITY_RE = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_EMOJI_RE = re.compile(
    "[\U0001f000-\U0001faff\U0001fc00-\U0001ffff\u2600-\u27bf\u2b00-\u2bff\u2300-\u23ff"
    "\ufe00-\ufe0f\u200d\u20e3\U000e0000-\U000e007f\u2900-\u297f\u25a0-\u25ff]"
)
_ARROW_RE = re.compile(r"[\u2190-\u21ff\u27f5-\u27ff]")
QUOTES = str.maketrans(
    {
        "‘": "'",
        "’": "'",
        "‚": "'",
        "‛": "'",
        "′": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "‟": '"',
        "«": '"',
        "»": '"',
        "″": '"',
        "\u00a0": " ",
        "\u202f": " ",
        "\u2009": " ",
        "\u2007": " ",
        "\u2002": " ",
        "\u2003": " ",
        "\u3000": " ",
        "\t": " ",
        "\n": " ",
    }
)


def clean_text(text: str) -> str:
    """Entities (also double-escaped), smart quotes, odd spaces, emoji and control characters."""
    for _ in range(3):
        if not _ENTITY_RE.search(text):
            break
        text = html.unescape(text)
    text = text.translate(QUOTES)
    text = _EMOJI_RE.sub("", text)
    text = "".join(c for c in text if not _is_control(c))
    return re.sub(r" {2,}", " ", text)


def _is_control(char: str) -> bool:
    category = unicodedata.category(char)
    return category in ("Cc", "Cf", "Cs") and char not in "\n"


# --- links and addresses (every language) -----------------------------------------------------


def _url(match: re.Match[str], english: bool) -> str:
    raw = match.group(0)
    trail = re.search(r"[.,;:!?)\]}]+$", raw)
    url = raw[: trail.start()] if trail else raw
    domain = domain_of(url)
    spoken = (f"a link to {domain}" if english else domain) if domain else ""
    return spoken + (trail.group(0) if trail else "")


def _email(match: re.Match[str]) -> str:
    user = re.sub(r"[._-]", " dot ", match.group(1)).replace(" dot  dot ", " dot ")
    return f"{user} at {match.group(2).replace('.', ' dot ')}"


# --- pauses: ellipses and dashes (every language) ---------------------------------------------

_ELLIPSIS = r"(?:\.\s?\.\s?\.+|…)"
PAUSE_RULES: list[Rule] = [
    (re.compile(rf"^(\s*[\"'(]?)\s*{_ELLIPSIS}\s*"), r"\1"),
    (re.compile(rf"\s*{_ELLIPSIS}\s*(?=[\"')\]]*\s*$)"), "."),
    (re.compile(rf"\s*{_ELLIPSIS}\s*(?=[?!])"), ""),
    (re.compile(rf"\s*{_ELLIPSIS}\s+(?=[\"'(]?[A-Z])(?!I\b)"), ". "),
    (re.compile(rf"\s*{_ELLIPSIS}\s*"), ", "),
    (re.compile(r"^\s*(?:—|―|–|--)\s*"), ""),
    (re.compile(r"\s*(?:—|―|--)\s*|\s+[–-]\s+"), ", "),
    (re.compile(r"\s*,(?:\s*,)+"), ","),
    (re.compile(r",\s*([.!?;:)])"), r"\1"),
    (re.compile(r"([(\[])\s*,\s*"), r"\1"),
    (re.compile(r"([!?:;])\s*,"), r"\1"),
]

# --- English word tables ----------------------------------------------------------------------

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

ABBREVIATIONS: dict[str, str] = {
    r"\bvs\.?(?=\s)": "versus",
    r"\bi\.\s?e\.(?=[\s,;:)])": "that is",
    r"\bet al\.": "and colleagues",
    r"\bDr\.(?=\s+[A-Z])": "Doctor",
    r"\bMr\.(?=\s)": "Mister",
    r"\bMrs\.(?=\s)": "Missus",
    r"\bMs\.(?=\s+[A-Z])": "Miz",
    r"\bProf\.(?=\s+[A-Z])": "Professor",
    r"\bJr\.(?=[\s,])": "Junior",
    r"\bSr\.(?=[\s,])": "Senior",
    r"\bNo\.(?=\s*\d)": "number",
    r"\bnos?\.(?=\s*\d)": "number",
    r"\bapprox\.(?=\s)": "approximately",
    r"\bcf\.(?=\s)": "compare",
    r"\bw/o\b": "without",
    r"\bw/(?=\s)": "with",
    r"\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.(?=\s+\d)": "<month>",
}

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


def _iso_date(match: re.Match[str]) -> str:
    year, month, day = (int(g) for g in match.group(1, 2, 3))
    try:
        date(year, month, day)
    except ValueError:
        return match.group(0)
    spoken = f"{MONTHS[month]} {day}, {year}"
    if match.group(4):
        spoken += " at " + _clock(int(match.group(4)), int(match.group(5)), "")
    return spoken


def _clock(hour: int, minute: int, meridiem: str) -> str:
    suffix = f" {meridiem[0].lower()} m" if meridiem else ""
    if minute == 0:
        if suffix:
            return f"{hour}{suffix}"
        return f"{hour} o'clock" if 0 < hour <= 12 else f"{hour} hundred"
    minutes = f"oh {minute}" if minute < 10 else str(minute)
    return f"{hour} {minutes}{suffix}"


def _time(match: re.Match[str]) -> str:
    spoken = _clock(int(match.group(1)), int(match.group(2)), match.group(4) or "")
    rest = match.string[match.end() :]
    if match.group(0).endswith(".") and (not rest.strip() or re.match(r"\s+[\"'(]?[A-Z]", rest)):
        spoken += "."  # "9 a.m. Then" still ends the sentence
    seconds = int(match.group(3) or 0)
    if seconds:
        spoken += f" and {seconds} second{'s' if seconds != 1 else ''}"
    return spoken


def _etc(match: re.Match[str]) -> str:
    rest = match.string[match.end() :]
    ends_sentence = not rest.strip() or re.match(r"\s+[\"'(]?[A-Z]", rest)
    return "et cetera." if ends_sentence else "et cetera"


def _saint_or_street(match: re.Match[str]) -> str:
    before = match.string[: match.start()]
    return "Street" if re.search(r"\b[A-Z][a-z]+\s$", before) else "Saint"


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
    return not re.match(r"\.\s+[A-Z][a-z]", match.string[match.end() :])


def _version(match: re.Match[str]) -> str:
    return "version " + match.group(1).replace(".", " point ")


def _month(match: re.Match[str]) -> str:
    return MONTH_ABBREVIATIONS.get(match.group(0)[:-1], match.group(0))


def _abbreviation_rules() -> list[Rule]:
    rules: list[Rule] = []
    for pattern, spoken in ABBREVIATIONS.items():
        rules.append((re.compile(pattern), _month if spoken == "<month>" else spoken))
    rules.append((re.compile(r"\betc\.(?:(?=[\s,;:)\]])|$)"), _etc))
    rules.append((re.compile(r"\bSt\.(?=\s+[A-Z]|[\s,]|$)"), _saint_or_street))
    return rules


def _unit_rule() -> Rule:
    spaced = [u for u, (_, _, space) in UNITS.items() if space]
    glued = [u for u, (_, _, space) in UNITS.items() if not space]
    by_length = lambda names: "|".join(re.escape(u) for u in sorted(names, key=len, reverse=True))  # noqa: E731
    pattern = rf"(?<![\w.,])(\d+(?:[.,]\d+)*)(?:\s?({by_length(spaced)})|({by_length(glued)}))(?![\w/°])"
    compiled = re.compile(pattern)

    def unit(match: re.Match[str]) -> str:
        symbol = match.group(2) or match.group(3)
        singular, plural, _ = UNITS[symbol]
        return f"{match.group(1)} {singular if match.group(1) == '1' else plural}"

    return compiled, unit


_NUMBER = r"\d{1,3}(?:,\d{3})+|\d+"
_CURRENCY_RE = re.compile(
    rf"(?<![\w$€£¥₹])(?P<sym>US\$|[$€£¥₹])\s?(?P<amount>(?:{_NUMBER})(?:\.\d+)?)"
    rf"(?:\s?[-–]\s?(?:US\$|[$€£¥₹])?(?P<high>(?:{_NUMBER})(?:\.\d+)?))?"
    r"(?:\s?(?P<scale>thousand|million|billion|trillion|bn|mn|tn|[kKmMbBT])\b)?"
    r"|(?<![\w.])(?P<amount2>\d+(?:[.,]\d{1,2})?)\s?(?P<post>€|EUR|USD)(?!\w)"
)


def _currency_any(match: re.Match[str]) -> str:
    if match.group("post"):
        return _currency_value(match.group("amount2").replace(",", "."), match.group("post"))
    return _currency(match)


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


_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺ⁿⁱ", "0123456789-+ni")
_SUBSCRIPTS = str.maketrans("₀₁₂₃₄₅₆₇₈₉", "0123456789")
_LENGTH_NAMES = "|".join(sorted(LENGTHS, key=len, reverse=True))


def _superscripts(text: str) -> str:
    """`m²` -> `m^2`, `10⁻³` -> `10^-3`, `H₂O` -> `H2O`: one written form for the power rules."""
    text = re.sub(r"[⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺ⁿⁱ]+", lambda m: "^" + m.group(0).translate(_SUPERSCRIPTS), text)
    return text.translate(_SUBSCRIPTS)


def _area(match: re.Match[str]) -> str:
    number, unit, power = match.group(1), match.group(2), match.group(3)
    shape = "square" if power == "2" else "cubic"
    name = LENGTHS[unit]
    if not number:
        singular = {"feet": "foot", "inches": "inch"}.get(name, name.rstrip("s"))
        return f"{shape} {singular}"
    return f"{number} {shape} {name}"


def _power(match: re.Match[str]) -> str:
    base, exponent = match.group(1), match.group(2).strip("(){}")
    if re.fullmatch(r"[A-Za-z]{2}", base) and base.lower() == base:
        base = " ".join(base)  # "mc²": two symbols, not a word
    if exponent == "2":
        return f"{base} squared"
    if exponent == "3":
        return f"{base} cubed"
    return f"{base} to the {exponent.replace('-', 'minus ').replace('+', '')}"


_CITATION_YEAR = r"(?:1\d{3}|20\d{2})[a-z]?"
_PAGES = r"(?:, (?:p|pp)\. ?[\d–-]+)?"
_PAREN_CITATION_RE = re.compile(
    rf"\s?\(((?:see |e\.g\.,? |cf\. )?[A-Z][\w'’-]+(?:[^();]{{0,60}}?),? {_CITATION_YEAR}{_PAGES}"
    rf"(?:; ?[A-Z][^();]{{0,60}}?,? {_CITATION_YEAR})*)\)"
)
_NARRATIVE_CITATION_RE = re.compile(
    rf"\b([A-Z][\w'’-]+(?: et al\.| (?:and|&) [A-Z][\w'’-]+)?) \(({_CITATION_YEAR}){_PAGES}\)"
)


def _citation_years(text: str) -> str:
    return re.sub(r"\b1\d{3}\b", lambda m: year_words(int(m.group(0))), text)


def _paren_citation(match: re.Match[str]) -> str:
    """`(Gare, 2010)` -> `, Gare, 2010,`: said between pauses, not run into the sentence."""
    return f", {_citation_years(match.group(1))},"


def _narrative_citation(match: re.Match[str]) -> str:
    """`Gare (2010)` -> `Gare, 2010,`."""
    return f"{match.group(1)}, {_citation_years(match.group(2))},"


def _ratio(match: re.Match[str]) -> str:
    left, right = match.group(1), match.group(2)
    if re.search(r"\b[A-Z][a-z]+\s$", match.string[: match.start()]):
        return f"{left} {right}"  # chapter and verse: "Matthew 5:3"
    aspect = (left, right) in {("16", "9"), ("16", "10"), ("4", "3"), ("21", "9"), ("32", "9"), ("3", "2")}
    return f"{left} {'by' if aspect else 'to'} {right}"


def _unit_in_brackets(match: re.Match[str]) -> str:
    """`Time (ms)` -> `Time (milliseconds)`: a unit alone in brackets, as in a table header."""
    symbol = match.group(1)
    if "/" in symbol:
        top, bottom = symbol.split("/")
        return f"({UNITS[top][1]} per {DENOMINATORS[bottom]})"
    return f"({UNITS[symbol][1]})"


def _bracket_units_rule() -> Rule:
    names = [u for u in UNITS if u not in ("k", "°")]
    alternatives = "|".join(re.escape(u) for u in sorted(names, key=len, reverse=True))
    denominators = "|".join(re.escape(d) for d in sorted(DENOMINATORS, key=len, reverse=True))
    return re.compile(rf"(?<!\S)\(((?:{alternatives})(?:/(?:{denominators}))?)\)"), _unit_in_brackets


def _cased(word: str) -> Callable[[re.Match[str]], str]:
    """A replacement that keeps the capital of the abbreviation (`Fig.` -> `Figure`)."""
    return lambda m: word.capitalize() if m.group(0)[0].isupper() else word


WORD_ABBREVIATIONS: list[Rule] = [
    (re.compile(r"\bparams\b"), "parameters"),
    (re.compile(r"\b[Ff]igs?\.(?=\s*\d)"), _cased("figure")),
    (re.compile(r"\b[Vv]ol\.(?=\s*\d)"), _cased("volume")),
    (re.compile(r"\bpp\.(?=\s*\d)"), "pages"),
    (re.compile(r"\bp\.(?=\s*\d)"), "page"),
    (re.compile(r"\b[Ee]qs?\.(?=\s*\(?\d)"), _cased("equation")),
    (re.compile(r"\b[Ss]ecs?\.(?=\s*\d)"), _cased("section")),
    (re.compile(r"\b[Cc]h\.(?=\s*\d)"), _cased("chapter")),
    (re.compile(r"\bCf\.(?=\s)"), "Compare"),
    (re.compile(r"\b(\d{1,2}(?:st|nd|rd|th))\s?c\.(?=\s)"), r"\1 century"),
    (re.compile(r"\b(?:ca|c)\.(?=\s?\d{3,4}\b)"), "circa"),
    (re.compile(r"\b(\w+)\(s\)"), r"\1s"),
    (
        re.compile(r"\b(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\.(?=\s+(?:[a-z\d]|[A-Z][a-z]+ \d))"),
        lambda m: _weekday(m),
    ),
]
_WEEKDAY = "Mon|Tue|Wed|Thu|Fri|Sat|Sun"
WEEKDAYS = {d[:3]: d for d in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")}


def _weekday(match: re.Match[str]) -> str:
    return WEEKDAYS[match.group(0)[:3]]


ENGLISH_RULES: list[Rule] = [
    (_PAREN_CITATION_RE, _paren_citation),
    (_NARRATIVE_CITATION_RE, _narrative_citation),
    *WORD_ABBREVIATIONS,
    (
        re.compile(
            r"\b(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?\b"
        ),
        _iso_date,
    ),
    # "9am–5pm", "10:30am-2pm": the dash between two clock times is "to"
    (re.compile(r"(?<=\d[AaPp][Mm])\s?[–-]\s?(?=\d{1,2}(?::\d\d)?\s?[AaPp]\.?[Mm]\b)"), " to "),
    (re.compile(r"(?<![\w.:])(\d{1,2})\s?([AaPp])[Mm]\b"), lambda m: f"{m.group(1)} {m.group(2).lower()} m"),
    (  # a height: 5'11" -> "5 foot 11"
        re.compile(r"(?<![\w.'])([1-9])\s?['′’](\d{1,2})\s?(?:\"|″|”|'')(?!\w)"),
        lambda m: f"{m.group(1)} foot {m.group(2)}",
    ),
    (PHONE_RE, phone),
    (
        re.compile(
            r"(?<![\d:.])([01]?\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?(?:\s?([AaPp])\.?[Mm]\.?(?![\w]))?(?![\d:])"
        ),
        _time,
    ),
    (
        re.compile(rf"\b({_WEEKDAY})[a-z]*\.?\s?[–-]\s?({_WEEKDAY})[a-z]*\.?(?!\w)"),
        lambda m: _weekday_range(m),
    ),
    (re.compile(r"(?<![\d,.])\b(20\d{2})\s?[–-]\s?(\d{2})\b(?![.,]\d|-)"), lambda m: _short_year_range(m)),
    (re.compile(r"(?<![\d:.])(\d{1,3}):(\d{1,3})(?![\d:]|\.\d)"), _ratio),
    (re.compile(r"(?<=\b[A-Za-z)])\s*≈\s*"), " is approximately "),
    (re.compile(r"\b([Aa]n?|[Tt]he) (?:~|≈|∼)\s?(?=[$€£¥\d])"), r"\1 roughly "),  # "a ~2x speedup"
    (re.compile(r"(?:~|≈|∼)\s?(?=[$€£¥\d])"), "about "),
    (re.compile(r"§§\s?(?=\d)"), "sections "),
    (re.compile(r"§\s?(?=\d)"), "section "),
    (_CURRENCY_RE, _currency_any),
    (VULGAR_FRACTION_RE, vulgar_fraction),
    (re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)[eE]([-+]?)(\d{1,3})(?!\w|\.\d|-\d)"), lambda m: _e_notation(m)),
    (YEAR_RANGE_RE, year_range),
    (re.compile(r"(?<![\w'])(?:(1\d|20)(\d)0|'(\d)0|([1-9])0|([1-9])00)s\b"), lambda m: _decade_any(m)),
    (YEAR_RE, year),
    (MAGNITUDE_RE, magnitude),
    (re.compile(rf"(?<![\w.])(\d+(?:\.\d+)?)?\s?\b({_LENGTH_NAMES})\^([23])(?!\w)"), _area),
    (
        re.compile(r"(?<![\w.])([A-Za-z]{1,2}|\d+(?:\.\d+)?|\))\^(\(?[-+]?\w{1,3}\)?|\{[-+]?\w{1,3}\})"),
        _power,
    ),
    # "8×H100", "4x A100": so many of that part, "8 H100s"
    (
        re.compile(r"(?<![\w.])([1-9]\d*)\s?[x×]\s?([A-Z][A-Za-z]{0,3}\d{2,4}[A-Za-z]?)\b(?!-)"),
        lambda m: f"{m.group(1)} {m.group(2)}{'' if m.group(2).endswith('s') else 's'}",
    ),
    (re.compile(r"(?<![\w.])([1-9]\d*)(?:[x×]| x )(\d+)\b"), r"\1 by \2"),
    # "10x", "3.5 x"; not "0.5 x y", where x is a variable multiplied by a number
    (re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)(?:\s?×|\s?x(?!\s+[b-zB-HJ-Z]\b))(?![\w])"), r"\1 times"),
    (re.compile(r"(?<!-)\b[vV](\d+(?:\.\d+)+)\b|(?<!-)\bv(\d+)\b"), lambda m: _version_any(m)),
    (
        re.compile(r"(?<![\w.])(\d+\.\d+\.\d+(?:\.\d+)*)(?!\w|\.\d)"),
        lambda m: m.group(1).replace(".", " point "),
    ),
    (  # a shutter speed: "1/250s" -> "one two hundred fiftieth of a second"
        re.compile(r"(?<![\w./])1/(\d{2,5})\s?s(?:ec)?\b"),
        lambda m: f"one {ordinal_words(int(m.group(1)))} of a second",
    ),
    (re.compile(r"(?<![\w.])(\d+)\s?h\s?(\d{1,2})\s?m(?:in)?\b"), lambda m: _duration(m, "hour", "minute")),
    (re.compile(r"(?<![\w.])(\d+)\s?m(?:in)?\s?(\d{1,2})\s?s\b"), lambda m: _duration(m, "minute", "second")),
    (  # "300 m of climbing": metres (a bare "m" is also minutes and millions, so only before these words)
        re.compile(
            r"(?<![\w.,])(\d+(?:\.\d+)?)\s?m(?=\s+(?:of|high|tall|long|deep|wide|above|below|away|up)\b)"
        ),
        lambda m: f"{m.group(1)} {'meter' if m.group(1) == '1' else 'meters'}",
    ),
    _unit_rule(),
    _bracket_units_rule(),
    (
        re.compile(
            r"(?<![\w.,/–-])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(%?)\s?[–-]\s?(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
            r"(?![\w/–-]|[.,]\d)"
        ),
        r"\1\2 to \3",
    ),
    *_abbreviation_rules(),
    (re.compile(rf"\b({REGNAL_NAMES}) ({_ROMAN_RE})(?![\w-]|\.\w)(?!(?<= I)\s+[a-z])"), _regnal),
    # a title before the name settles it: "Pope Gregory I in", "King Charles I was"
    (
        re.compile(
            rf"\b((?:Pope|King|Queen|Tsar|Czar|Emperor|Empress) (?:{REGNAL_NAMES})) (I)\b(?![\w-]|\.\w)"
        ),
        _regnal,
    ),
    (
        re.compile(
            rf"\b({CARDINAL_CONTEXTS}) ({_ROMAN_RE})(?:\.([A-Z0-9])\b)?(?![\w-]|\.\w)(?!(?<= I)\s+[a-z])"
        ),
        _cardinal_roman,
    ),
    # "C/C++", "C#/F#", "C++/Rust": a slash next to a language name with a symbol is "or"
    (re.compile(r"(?<=\w)/(?=[CF](?:\+\+|#)(?!\w))|(?<=\+\+|[CF]#)/(?=\w)"), " or "),
    (re.compile(r"\bC\+\+"), "C plus plus"),
    (re.compile(r"\b([CF])#(?!\w)"), r"\1 sharp"),
    (re.compile(r"(?<=[\w%])\+(?=[\s,.;:)!?]|$)"), " plus"),  # "100k+ users", "64GB+", "Disney+"
    (re.compile(r"(?<![\w&])#(\d+)"), r"number \1"),
    (re.compile(r"\s*&\s*"), " and "),
    (re.compile(r"\s(?:<=|≤)\s?|≤\s?"), " less than or equal to "),
    (re.compile(r"\s(?:>=|≥)\s?|≥\s?"), " greater than or equal to "),
    (re.compile(r"\s<\s"), " less than "),
    (re.compile(r"\s>\s"), " greater than "),
    (re.compile(r"\s*(?:!=|≠)\s*"), " not equal to "),
    (re.compile(r"\s*(?:→|->|⟶|⇒|=>)\s*"), " to "),
    (re.compile(r"(?<=[\w)])\s?×\s?(?=[\w(])"), " times "),
    (re.compile(r"(?<=[\w)])\s?÷\s?(?=[\w(])"), " divided by "),
    (re.compile(r"(?<=[\w)²³])\s*=\s*(?=[\w(-])"), " equals "),
    (re.compile(r"±\s?"), "plus or minus "),
    (re.compile(r"(?<=\w)\s\+\s(?=[\w(])"), " plus "),
    (re.compile(r"≈\s?"), "approximately "),
    (re.compile(r"∞"), "infinity"),
    (re.compile(r"√\s?"), "the square root of "),
    (re.compile(r"\bI/O\b"), "I O"),
]


# A word before "30s" or "500s" that makes it a decade, an age or a century, not seconds.
_DECADE_CUE_RE = re.compile(
    r"\b(?:the|her|his|their|my|your|our|its|early|late|mid|mid-|throwing|threw|returns?|returned)\s*$",
    re.IGNORECASE,
)


def _duration(match: re.Match[str], big: str, small: str) -> str:
    """`1h 45m` -> "1 hour 45 minutes", `2m30s` -> "2 minutes 30 seconds"."""
    first, second = match.group(1), match.group(2)
    return f"{first} {big}{'' if first == '1' else 's'} {second} {small}{'' if second == '1' else 's'}"


def _weekday_range(match: re.Match[str]) -> str:
    """`Mon–Fri` -> "Monday to Friday"."""
    return f"{WEEKDAYS[match.group(1)]} to {WEEKDAYS[match.group(2)]}"


def _short_year_range(match: re.Match[str]) -> str:
    """`2023–24` -> "2023 to 2024" (not "2023 to 24"); `2023-05` is left alone."""
    start, end = match.group(1), match.group(2)
    if int(end) <= int(start[2:]):
        return match.group(0)
    return f"{start} to {start[:2]}{end}"


def _spaced_slash(match: re.Match[str]) -> str:
    """A slash with spaces around it: "yes / no" is "or"; between phrases
    ("80% bread / 20% whole wheat", "250 °C / 480 °F") it is a pause."""
    before = re.search(r"(\w+)$", match.string[: match.start()])
    after = re.match(r"(\w+)\b", match.string[match.end() :])
    one_word = bool(before and after and before.group(1).isalpha() and after.group(1).isalpha())
    return " or " if one_word else ", "


def _e_notation(match: re.Match[str]) -> str:
    """`3e-4` -> "3 times 10 to the minus 4", `1e6` -> "10 to the 6" (scientific notation)."""
    mantissa, sign, exponent = match.groups()
    power = f"10 to the {'minus ' if sign == '-' else ''}{int(exponent)}"
    return power if mantissa == "1" else f"{mantissa} times {power}"


def _decade_any(match: re.Match[str]) -> str:
    if match.group(1):
        return _decade_words(int(match.group(1) + match.group(2) + "0"), year=True)
    if match.group(3):
        return _decade_words(int(match.group(3) + "0"), year=False)
    if not _DECADE_CUE_RE.search(match.string[: match.start()]):
        return match.group(0)  # "a timeout of 30s": seconds, read by the unit rule
    if match.group(5):
        return words(int(match.group(5) + "00")) + "s"  # "the 500s", "throwing 500s"
    return _decade_words(int(match.group(4) + "0"), year=False)


def _decade_words(number: int, year: bool) -> str:
    spoken = (num2words(number, to="year") if year else words(number)).replace("-", " ")
    return spoken[:-1] + "ies" if spoken.endswith("y") else spoken + "s"


def _version_any(match: re.Match[str]) -> str:
    number = match.group(1) or match.group(2)
    return "version " + number.replace(".", " point ")


def _apply(rules: list[Rule], text: str) -> str:
    for pattern, replacement in rules:
        text = pattern.sub(replacement, text)
    return text


# Inline TeX as Pandoc reads it: no space inside either `$`, the closing one not before a digit.
_INLINE_TEX_RE = re.compile(
    r"(?<![\\$\w])\$(?=[^\s$])([^$\n]{1,200}?)(?<=[^\s$\\])\$(?![\d$])|\\\((.{1,200}?)\\\)"
)


# Where sentences start, and whether with a number ("1860 was...", "+44 20..."), which the
# rules turn into lower-case words: those get their capital back.
_SENTENCE_START_RE = re.compile(r"(?:^|(?<=[.!?]\s))[\"'(]?(?:([\d+])|\S)")


def _capitalise_number_starts(text: str, number_starts: list[bool]) -> str:
    starts = list(_SENTENCE_START_RE.finditer(text))
    if len(starts) != len(number_starts):
        starts, number_starts = starts[:1], number_starts[:1]
    chars = list(text)
    for match, was_number in zip(starts, number_starts, strict=False):
        letter = match.end() - 1
        if was_number and chars[letter].islower():
            chars[letter] = chars[letter].upper()
    return "".join(chars)


def _inline_tex(match: re.Match[str], english: bool) -> str:
    tex = match.group(1) or match.group(2)
    if match.group(1) and not re.search(r"[\\^_=]|^[A-Za-z]$", tex):
        return match.group(0)  # "$5 and 10$" is money, not math
    spoken = speak_tex(tex) if english else None
    return spoken if spoken is not None else ("a formula" if english else tex)


def normalize(text: str, english: bool = True) -> str:
    """Rewrite `text` (one block, markers allowed) into what should be spoken."""
    text = drop_kaomoji(clean_text(text))
    text = re.sub(r"\bpic\.(?:twitter|x)\.com/\S+", "", text)  # a tweet's picture link: nothing to say
    text = DOI_RE.sub("a DOI" if english else "DOI", text)
    text = _URL_RE.sub(lambda m: _url(m, english), text)
    if english:
        number_starts = [m.group(1) is not None for m in _SENTENCE_START_RE.finditer(text)]
        text = _INLINE_TEX_RE.sub(lambda m: _inline_tex(m, english), text)
        text = name_shown_symbols(text)
        text = re.sub(r"(?<![\w@])@(?=[\w.]+@[\w-]+\.\w)", "", text)  # a fediverse handle: "@priya@host"
        text = _EMAIL_RE.sub(_email, text)
        text = _superscripts(text)
        text = _apply(ENGLISH_RULES, text)
        text = re.sub(r"(?<=\S) / (?=\S)", _spaced_slash, text)
        text = speak_slashes(text)
        text = foreign_scripts(text)
    text = _ARROW_RE.sub(" ", text)
    if english:
        text = _capitalise_number_starts(text, number_starts)
    text = _apply(PAUSE_RULES, text)
    return tidy(text).rstrip(",")


def tidy(text: str) -> str:
    """Collapse spaces and drop spaces before punctuation."""
    text = re.sub(r"<([^<>\s]{1,40})>", r" \1 ", text)
    text = re.sub(r"(?<=\w)_+(?=\w)", " ", text)
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"\s+([,.;:!?)\]])(?!\w)", r"\1", text)
    text = re.sub(r"([(\[])\s+", r"\1", text)
    text = re.sub(r"\(\s*\)|\[\s*\]", "", text)
    return text.strip()


def spoken_date(value: date) -> str:
    """`2024-03-03` -> `March 3, 2024`."""
    return f"{MONTHS[value.month]} {value.day}, {value.year}"


KEY_NAMES = {
    "ctrl": "Control",
    "control": "Control",
    "cmd": "Command",
    "⌘": "Command",
    "command": "Command",
    "esc": "Escape",
    "del": "Delete",
    "ins": "Insert",
    "alt": "Alt",
    "⌥": "Option",
    "opt": "Option",
    "⇧": "Shift",
    "shift": "Shift",
    "pgup": "Page Up",
    "pgdn": "Page Down",
    "bksp": "Backspace",
    "⏎": "Enter",
    "↵": "Enter",
    "enter": "Enter",
    "return": "Return",
    "tab": "Tab",
    "⇥": "Tab",
    "↑": "Up",
    "↓": "Down",
    "←": "Left",
    "→": "Right",
    "win": "Windows",
    "super": "Super",
    "fn": "Function",
}


def key_words(keys: str, plus: str = "plus") -> str:
    """`Ctrl+Shift+P` -> `Control plus Shift plus P`."""
    names = [KEY_NAMES.get(k.strip().lower(), k.strip()) for k in re.split(r"(?<=.)\+", keys) if k.strip()]
    return f" {plus} ".join(names)


# Operators in inline code, as a programmer reads them aloud. Longest first.
CODE_OPERATORS = {
    "===": "triple equals",
    "!==": "not equals",
    "!=": "not equals",
    "==": "double equals",
    "<=": "less than or equal to",
    ">=": "greater than or equal to",
    "+=": "plus equals",
    "-=": "minus equals",
    "*=": "times equals",
    "/=": "divided by equals",
    "&&": "and",
    "||": "or",
    "->": "arrow",
    "=>": "arrow",
    "**": "to the power of",
    "=": "equals",
}
# Operators that are only words when they stand between spaces ("n + 1", "string | number").
SPACED_CODE_OPERATORS = {
    "+": "plus",
    "-": "minus",
    "*": "times",
    "/": "divided by",
    "%": "mod",
    "|": "or",
    "<": "less than",
    ">": "greater than",
    "&": "and",
}
_CODE_OPERATOR_RE = re.compile("|".join(re.escape(op) for op in CODE_OPERATORS))
_SPACED_OPERATOR_RE = re.compile(r"(?<=\s)([-+*/%|<>&])(?=\s)")


def _code_operators(text: str) -> str:
    """Speak operators: `x != y`, `i++`, `--force`, `MAX_RETRIES=3`, `!done`, `a::b`, `src/x`."""
    text = re.sub(
        r"(?<=\w)(\+\+|--)",
        lambda m: "\0" + ("plus plus" if m.group(1) == "++" else "minus minus") + "\0",
        text,
    )
    text = re.sub(r"(?<![\w-])--(?=\w)", "\0double dash\0", text)
    text = re.sub(r"(?<![\w-])-(?=[A-Za-z])", "\0dash\0", text)
    text = re.sub(r"(?<![\w)-])-(?=\d)", "\0minus\0", text)
    text = re.sub(r"(?<![\w!=])!(?=[\w(])", "\0not\0", text)
    text = re.sub(r"(?<=\w)~(?=\d)", "\0tilde\0", text)  # git's "HEAD~3"
    text = re.sub(r"(?<=\w)\.\.\.?(?=\w)", "\0dot dot\0", text)  # ranges: "main..feature", "1..10"
    text = _CODE_OPERATOR_RE.sub(lambda m: "\0" + CODE_OPERATORS[m.group(0)] + "\0", text)
    text = _SPACED_OPERATOR_RE.sub(lambda m: "\0" + SPACED_CODE_OPERATORS[m.group(1)] + "\0", text)
    return re.sub(r"(?<=[\w.])/(?=[\w.~])", "\0slash\0", text)


def code_words(code: str, english: bool = True) -> str:
    """Inline code as words: `snake_case_name` -> `snake case name`, `foo()` -> `foo`, `a.b` -> `a dot b`,
    `x != y` -> `x not equals y`; code that only shows symbols names them (`|` -> `pipe`)."""
    stripped = code.strip()
    if _URL_RE.fullmatch(stripped) or _EMAIL_RE.fullmatch(stripped):
        return stripped
    if english and stripped and not re.search(r"[^\W_]", stripped):
        return symbol_names(stripped) or " ".join(symbol_names(c) for c in stripped if symbol_names(c))
    text = re.sub(r"\(\s*\)", "", code)
    if english:
        text = _code_operators(text)
    text = re.sub(r"(?<=[A-Za-z])\.(?=[A-Za-z])", " dot " if english else " ", text)
    text = re.sub(r"(?<=[A-Za-z])-(?=[A-Za-z])", "\1", text)  # keep hyphenated words
    text = re.sub(r"[^\w\s'\0\1.,]|_", " ", text)
    text = re.sub(r"(?<!\d)[.,]|[.,](?!\d)", " ", text).replace("\1", "-").replace("\0", " ")
    return " ".join(text.split())
