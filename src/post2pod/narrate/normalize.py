"""Text normalisation: rewrite what espeak-ng (inside Piper) reads badly into plain spoken English.

Each rule is a (pattern, replacement) pair in a table, applied in order. `clean_text` (entities,
quotes, spaces, emoji, control characters) and the pause rules (ellipses, dashes) apply to every
language; the word tables (currency, units, dates, abbreviations, numerals...) only to English.
Footnote markers (private-use characters) pass through untouched.
"""

from __future__ import annotations

import calendar
import html
import re
import unicodedata
from collections.abc import Callable
from datetime import date
from urllib.parse import urlsplit

from num2words import num2words

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
    "\ufe00-\ufe0f\u200d\u20e3\U000e0000-\U000e007f\u2190-\u21ff\u2900-\u297f\u25a0-\u25ff]"
)
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

_URL_RE = re.compile(r"(?:\b[a-z][a-z0-9+.-]*://|\bwww\.)[^\s<>\"']+", re.IGNORECASE)
_EMAIL_RE = re.compile(r"\b([A-Za-z0-9._%+-]+)@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)\b")


def domain_of(url: str) -> str:
    """`https://www.example.com/x` -> `example.com` (empty when there is none)."""
    if "://" not in url:
        url = "//" + url
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    host = host[4:] if host.startswith("www.") else host
    return host if re.fullmatch(r"[\w.-]+\.[^\W\d_]{2,}", host) else ""


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

# symbol: (singular, plural, may be separated from the number by a space)
UNITS: dict[str, tuple[str, str, bool]] = {
    "km/h": ("kilometer per hour", "kilometers per hour", True),
    "kph": ("kilometer per hour", "kilometers per hour", True),
    "m/s": ("meter per second", "meters per second", True),
    "GB/s": ("gigabyte per second", "gigabytes per second", True),
    "MB/s": ("megabyte per second", "megabytes per second", True),
    "mph": ("mile per hour", "miles per hour", True),
    "kWh": ("kilowatt hour", "kilowatt hours", True),
    "MWh": ("megawatt hour", "megawatt hours", True),
    "GWh": ("gigawatt hour", "gigawatt hours", True),
    "TWh": ("terawatt hour", "terawatt hours", True),
    "mAh": ("milliamp hour", "milliamp hours", True),
    "kW": ("kilowatt", "kilowatts", True),
    "MW": ("megawatt", "megawatts", True),
    "GW": ("gigawatt", "gigawatts", True),
    "TW": ("terawatt", "terawatts", True),
    "W": ("watt", "watts", False),
    "V": ("volt", "volts", False),
    "mA": ("milliamp", "milliamps", False),
    "ms": ("millisecond", "milliseconds", True),
    "µs": ("microsecond", "microseconds", True),
    "μs": ("microsecond", "microseconds", True),
    "ns": ("nanosecond", "nanoseconds", True),
    "s": ("second", "seconds", False),
    "sec": ("second", "seconds", True),
    "min": ("minute", "minutes", True),
    "h": ("hour", "hours", False),
    "hrs": ("hour", "hours", True),
    "km": ("kilometer", "kilometers", True),
    "cm": ("centimeter", "centimeters", True),
    "mm": ("millimeter", "millimeters", True),
    "nm": ("nanometer", "nanometers", True),
    "µm": ("micrometer", "micrometers", True),
    "kg": ("kilogram", "kilograms", True),
    "mg": ("milligram", "milligrams", True),
    "lb": ("pound", "pounds", True),
    "lbs": ("pound", "pounds", True),
    "oz": ("ounce", "ounces", True),
    "ft": ("foot", "feet", True),
    "mi": ("mile", "miles", False),
    "ml": ("milliliter", "milliliters", True),
    "mL": ("milliliter", "milliliters", True),
    "KB": ("kilobyte", "kilobytes", True),
    "kB": ("kilobyte", "kilobytes", True),
    "MB": ("megabyte", "megabytes", True),
    "GB": ("gigabyte", "gigabytes", True),
    "TB": ("terabyte", "terabytes", True),
    "PB": ("petabyte", "petabytes", True),
    "KiB": ("kibibyte", "kibibytes", True),
    "MiB": ("mebibyte", "mebibytes", True),
    "GiB": ("gibibyte", "gibibytes", True),
    "TiB": ("tebibyte", "tebibytes", True),
    "Kbps": ("kilobit per second", "kilobits per second", True),
    "kbps": ("kilobit per second", "kilobits per second", True),
    "Mbps": ("megabit per second", "megabits per second", True),
    "Gbps": ("gigabit per second", "gigabits per second", True),
    "Hz": ("hertz", "hertz", True),
    "kHz": ("kilohertz", "kilohertz", True),
    "MHz": ("megahertz", "megahertz", True),
    "GHz": ("gigahertz", "gigahertz", True),
    "°C": ("degree Celsius", "degrees Celsius", True),
    "ºC": ("degree Celsius", "degrees Celsius", True),
    "°F": ("degree Fahrenheit", "degrees Fahrenheit", True),
    "°": ("degree", "degrees", False),
    "dB": ("decibel", "decibels", True),
    "fps": ("frame per second", "frames per second", True),
    "rpm": ("revolution per minute", "revolutions per minute", True),
    "k": ("thousand", "thousand", False),
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
    "Super Bowl|Article|Title|Appendix|Psalm|Category|Tier|Mark|Vatican|Apollo|Gemini|Schedule|Round"
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


def words(number: int | float | str) -> str:
    """A number in English words, without the commas num2words puts in."""
    return num2words(number).replace(",", "").replace("-", " ")


def _amount(text: str) -> float | int:
    text = text.replace(",", "")
    return float(text) if "." in text else int(text)


def _currency(match: re.Match[str]) -> str:
    symbol = match.group("sym") or match.group("post")
    many = CURRENCIES[symbol][1]
    low, high, scale = match.group("amount"), match.group("high"), match.group("scale")
    scale_word = SCALES.get(scale, scale.lower()) if scale else ""
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
    return _clock(int(match.group(1)), int(match.group(2)), match.group(3) or "")


def _etc(match: re.Match[str]) -> str:
    rest = match.string[match.end() :]
    ends_sentence = not rest.strip() or re.match(r"\s+[\"'(]?[A-Z]", rest)
    return "et cetera." if ends_sentence else "et cetera"


def _saint_or_street(match: re.Match[str]) -> str:
    before = match.string[: match.start()]
    return "Street" if re.search(r"\b[A-Z][a-z]+\s$", before) else "Saint"


def _regnal(match: re.Match[str]) -> str:
    numeral = match.group(2)
    return f"{match.group(1)} the {num2words(roman_value(numeral), to='ordinal').replace('-', ' ').title()}"


def _cardinal_roman(match: re.Match[str]) -> str:
    return f"{match.group(1)} {words(roman_value(match.group(2))).title()}"


def _version(match: re.Match[str]) -> str:
    return "version " + match.group(1).replace(".", " point ")


def _slash(match: re.Match[str]) -> str:
    """`left/` of `left/right` (the right-hand word stays for the next match in a chain)."""
    left, right = match.group(1), match.group(2)
    if left.isupper() and right.isupper() and len(left) <= 4 and len(right) <= 4:
        return f"{left} "
    return f"{left} or "


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
    spoken = f"{words(whole)} {one if whole == 1 else many}"
    if fraction and cent:
        spoken += f" and {words(fraction)} {cent if fraction == 1 else cents}"
    return spoken


ENGLISH_RULES: list[Rule] = [
    (
        re.compile(
            r"\b(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?\b"
        ),
        _iso_date,
    ),
    (
        re.compile(
            r"(?<![\d:.])([01]?\d|2[0-3]):([0-5]\d)(?::[0-5]\d)?(?:\s?([AaPp])\.?[Mm]\.?(?![\w]))?(?![\d:])"
        ),
        _time,
    ),
    (re.compile(r"(?:~|≈|∼)\s?(?=[$€£¥\d])"), "about "),
    (_CURRENCY_RE, _currency_any),
    (re.compile(r"(?<![\w'])(?:(1\d|20)(\d)0|'(\d)0|([1-9])0)s\b"), lambda m: _decade_any(m)),
    (
        re.compile(r"(?<![\w.,/–-])(\d+(?:\.\d+)?)(%?)\s?[–-]\s?(\d+(?:\.\d+)?)(?![\w/–-]|\.\d)"),
        r"\1\2 to \3",
    ),
    (re.compile(r"(?<![\w.])([1-9]\d*)\s?[x×]\s?(\d+)\b"), r"\1 by \2"),
    (re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)\s?[x×](?![\w])"), r"\1 times"),
    (re.compile(r"\b[vV](\d+(?:\.\d+)+)\b|\bv(\d+)\b"), lambda m: _version_any(m)),
    (
        re.compile(r"(?<![\w.])(\d+\.\d+\.\d+(?:\.\d+)*)(?!\w|\.\d)"),
        lambda m: m.group(1).replace(".", " point "),
    ),
    _unit_rule(),
    *_abbreviation_rules(),
    (re.compile(rf"\b({REGNAL_NAMES}) ({_ROMAN_RE})(?![\w-]|\.\w)(?!(?<= I)\s+[a-z])"), _regnal),
    (re.compile(rf"\b({CARDINAL_CONTEXTS}) ({_ROMAN_RE})(?![\w-]|\.\w)(?!(?<= I)\s+[a-z])"), _cardinal_roman),
    (re.compile(r"\bC\+\+"), "C plus plus"),
    (re.compile(r"\b([CF])#(?!\w)"), r"\1 sharp"),
    (re.compile(r"(?<![\w&])#(\d+)"), r"number \1"),
    (re.compile(r"\s*&\s*"), " and "),
    (re.compile(r"\s<=?\s"), " less than "),
    (re.compile(r"\s>=?\s"), " greater than "),
    (re.compile(r"\s*(?:→|->|⟶)\s*"), " to "),
    (re.compile(r"(?<=\d)\s?×\s?(?=\d)"), " times "),
    (re.compile(r"±\s?"), "plus or minus "),
    (re.compile(r"\bI/O\b"), "I O"),
    # the right-hand word is only looked at, so "a/b/c" is read as a chain in one pass
    (re.compile(r"\b([A-Za-z][A-Za-z-]*)/(?=([A-Za-z][A-Za-z-]*)\b)"), _slash),
]


def _decade_any(match: re.Match[str]) -> str:
    if match.group(1):
        return _decade_words(int(match.group(1) + match.group(2) + "0"), year=True)
    return _decade_words(int((match.group(3) or match.group(4)) + "0"), year=False)


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


def normalize(text: str, english: bool = True) -> str:
    """Rewrite `text` (one block, markers allowed) into what should be spoken."""
    text = clean_text(text)
    text = _URL_RE.sub(lambda m: _url(m, english), text)
    if english:
        text = _EMAIL_RE.sub(_email, text)
        text = _apply(ENGLISH_RULES, text)
    text = _apply(PAUSE_RULES, text)
    return tidy(text)


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


CODE_OPERATORS = {
    "+": "plus",
    "-": "minus",
    "*": "times",
    "=": "equals",
    "==": "equals",
    "|": "or",
    "||": "or",
    "&&": "and",
    "->": "to",
    "=>": "to",
    "<": "less than",
    ">": "greater than",
}
_CODE_OPERATOR_RE = re.compile(r"(?<=\s)(==|\|\||&&|->|=>|[-+*=|<>])(?=\s)")


def code_words(code: str, english: bool = True) -> str:
    """Inline code as words: `snake_case_name` -> `snake case name`, `foo()` -> `foo`, `a.b` -> `a dot b`."""
    stripped = code.strip()
    if _URL_RE.fullmatch(stripped) or _EMAIL_RE.fullmatch(stripped):
        return stripped
    text = re.sub(r"\(\s*\)", "", code)
    if english:
        text = _CODE_OPERATOR_RE.sub(lambda m: "\0" + CODE_OPERATORS[m.group(1)] + "\0", text)
    text = re.sub(r"(?<=[A-Za-z])\.(?=[A-Za-z])", " dot " if english else " ", text)
    text = re.sub(r"(?<=[A-Za-z])-(?=[A-Za-z])", "\1", text)  # keep hyphenated words
    text = re.sub(r"[^\w\s'\0\1.,]|_", " ", text)
    text = re.sub(r"(?<!\d)[.,]|[.,](?!\d)", " ", text).replace("\1", "-").replace("\0", " ")
    return " ".join(text.split())
