"""Symbols a reader names or skips: other scripts, emoticons, symbols shown on their own.

- A run of words in a script the voice cannot read ("ありがとう") becomes one short "(Japanese text)".
- A single Greek letter is a symbol (α, π, Δ) and is read by its name.
- Kaomoji (¯\\_(ツ)_/¯, (╯°□°)╯︵ ┻━┻) are dropped.
- Text that only shows symbols, in quotes, brackets or code ("--", `|`), reads the symbols' names.
"""

from __future__ import annotations

import re
import unicodedata

from post2pod.narrate.speech.rule import text_after, text_before

# Unicode script (first word of the character name) -> how a narrator names the text.
SCRIPT_NAMES = {
    "CJK": "Chinese",
    "HIRAGANA": "Japanese",
    "KATAKANA": "Japanese",
    "HANGUL": "Korean",
    "CYRILLIC": "Cyrillic",
    "GREEK": "Greek",
    "ARABIC": "Arabic",
    "HEBREW": "Hebrew",
    "DEVANAGARI": "Devanagari",
    "BENGALI": "Bengali",
    "TAMIL": "Tamil",
    "TELUGU": "Telugu",
    "KANNADA": "Kannada",
    "GUJARATI": "Gujarati",
    "GURMUKHI": "Punjabi",
    "THAI": "Thai",
    "LAO": "Lao",
    "KHMER": "Khmer",
    "GEORGIAN": "Georgian",
    "ARMENIAN": "Armenian",
    "ETHIOPIC": "Ethiopic",
    "SINHALA": "Sinhala",
    "MYANMAR": "Burmese",
    "TIBETAN": "Tibetan",
    "MALAYALAM": "Malayalam",
}
_KAOMOJI_PARTS = set("¯ツ°□︵┻━┳┛┗ಠ͜͡ʖ╯╰ᕕᕗ◕‿◔ω♥")

SYMBOL_NAMES = {
    "-": ("hyphen", "hyphens"),
    "—": ("em dash", "em dashes"),
    "–": ("en dash", "en dashes"),
    "/": ("slash", "slashes"),
    "\\": ("backslash", "backslashes"),
    "&": ("ampersand", "ampersands"),
    "@": ("at sign", "at signs"),
    "#": ("hash", "hashes"),
    "*": ("asterisk", "asterisks"),
    "_": ("underscore", "underscores"),
    "~": ("tilde", "tildes"),
    "|": ("pipe", "pipes"),
    "^": ("caret", "carets"),
    "%": ("percent sign", "percent signs"),
    "$": ("dollar sign", "dollar signs"),
    "`": ("backtick", "backticks"),
    "'": ("apostrophe", "apostrophes"),
    '"': ("double quote", "double quotes"),
    "!": ("exclamation mark", "exclamation marks"),
    "?": ("question mark", "question marks"),
    ";": ("semicolon", "semicolons"),
    ":": ("colon", "colons"),
    ",": ("comma", "commas"),
    ".": ("dot", "dots"),
    "…": ("ellipsis", "ellipses"),
    "=": ("equals sign", "equals signs"),
    "+": ("plus sign", "plus signs"),
    "<": ("less-than sign", "less-than signs"),
    ">": ("greater-than sign", "greater-than signs"),
    "(": ("opening parenthesis", "opening parentheses"),
    ")": ("closing parenthesis", "closing parentheses"),
    "[": ("opening bracket", "opening brackets"),
    "]": ("closing bracket", "closing brackets"),
    "{": ("opening brace", "opening braces"),
    "}": ("closing brace", "closing braces"),
}
SYMBOL_SEQUENCES = {
    "->": "arrow",
    "=>": "fat arrow",
    "::": "double colon",
    "...": "three dots",
    "!=": "not equals",
    "==": "double equals",
    "===": "triple equals",
    "<=": "less than or equal",
    ">=": "greater than or equal",
    "&&": "double ampersand",
    "||": "double pipe",
    "<->": "left right arrow",
    "<=>": "spaceship operator",
    "++": "plus plus",
    "{}": "braces",
    "()": "parentheses",
    "[]": "square brackets",
    "<>": "angle brackets",
}
COUNTS = {2: "two", 3: "three", 4: "four", 5: "five"}


def symbol_names(symbols: str) -> str:
    """`--` -> "two hyphens", `|` -> "pipe", `->` -> "arrow" ("" when a symbol has no name)."""
    if symbols in SYMBOL_SEQUENCES:
        return SYMBOL_SEQUENCES[symbols]
    if len(set(symbols)) == 1 and symbols[0] in SYMBOL_NAMES and len(symbols) in COUNTS:
        one, many = SYMBOL_NAMES[symbols[0]]
        return one if len(symbols) == 1 else f"{COUNTS[len(symbols)]} {many}"
    names = [SYMBOL_NAMES.get(char, ("", ""))[0] for char in symbols]
    return " ".join(names) if all(names) else ""


SHOWN_SYMBOLS_RE = re.compile(
    r"""(?<!\w)(["'`])([^\w\s"'`]{1,3})\1(?!\w)|\((?![!?]\))([^\w\s()"'`]{1,3})\)"""
)


def shown_symbols(match: re.Match[str]) -> str:
    """Symbols shown on their own between quotes or brackets keep their names: `"--"` -> `"two hyphens"`."""
    symbols = match.group(2) or match.group(3)
    if set(symbols) <= set(".…"):
        return match.group(0)
    name = symbol_names(symbols)
    if not name:
        return match.group(0)
    if match.string.startswith(" sign", match.end()):
        name = name.removesuffix(" sign")  # the "@" sign
    return f'"{name}"' if match.group(1) else f"({name})"


def script_of(char: str) -> str:
    """The Unicode script of a letter (`あ` -> "HIRAGANA"), "" for Latin, digits and symbols."""
    if not char.isalpha():
        return ""
    name = unicodedata.name(char, "")
    first = name.split(" ", 1)[0]
    return first if first in SCRIPT_NAMES else ""


def is_kaomoji(token: str) -> bool:
    if re.search(r"[A-Za-z0-9]", token) or len(token) < 2:
        return False
    letters = sum(1 for c in token if c.isalpha())
    if any(c in _KAOMOJI_PARTS or "\u2500" <= c <= "\u257f" for c in token):
        return letters <= 3
    return False


# Western emoticons: ":-)", ";)", ":D", ":P", "=)", ":'(" (eyes, an optional nose, a mouth).
EMOTICON_RE = re.compile(
    r"(?<![:/\w])\s?[:;=][-^o']?[)(DPp3|\]\[]+(?=\s|$|[.,!?])|(?<=\w)[:;]-?[)(DP](?=\s|$|[.,!?])"
)


def emoticon_end(match: re.Match[str]) -> str:
    """An emoticon often ends a sentence ("great :-) Next time"): keep the full stop it stood for."""
    before = text_before(match).rstrip()
    after = text_after(match)
    if (re.match(r"\s+[A-Z]", after) or not after.strip()) and before and before[-1].isalnum():
        return "."
    return ""


GREEK_LETTER_RE = re.compile(r"(?<![\u0370-\u03ff])[\u0370-\u03ff](?![\u0370-\u03ff])")
# A run of letters of one non-Latin script, with the spaces and punctuation between its words.
_NON_LATIN_LETTER = r"[^\W\d_A-Za-z\u00c0-\u024f\u1e00-\u1eff\ue000-\uf8ff]"
_MARKS = (
    r"[\u0300-\u036f\u0591-\u05c7\u064b-\u065f\u0670\u0900-\u0dff\u0e00-\u0e7f\u3000-\u303f\uff01-\uff65]"
)
FOREIGN_RUN_RE = re.compile(
    rf"[\u3000-\u303f\uff01-\uff65]*{_NON_LATIN_LETTER}(?:{_NON_LATIN_LETTER}|{_MARKS}|[ \t])*"
)


def greek_letter_name(char: str) -> str:
    """`α` -> "alpha", `Δ` -> "Delta"."""
    name = unicodedata.name(char, "")
    match = re.match(r"GREEK (SMALL|CAPITAL) LETTER (\w+)$", name)
    if not match:
        return char
    letter = match.group(2).lower()
    letter = {"lamda": "lambda", "final sigma": "sigma"}.get(letter, letter)
    return letter.capitalize() if match.group(1) == "CAPITAL" else letter


def greek_letter(match: re.Match[str]) -> str:
    """The letter's name, set apart from a letter or digit it is written against ("2π", "Δt")."""
    text, start, end = match.string, match.start(), match.end()
    before = " " if start and text[start - 1].isalnum() else ""
    after = " " if end < len(text) and text[end].isalnum() else ""
    return before + greek_letter_name(match.group(0)) + after


def foreign_run(label: str = "{} text"):
    """Each run of another script becomes one "(Japanese text)"."""

    def replace(match: re.Match[str]) -> str:
        run = match.group(0)
        scripts = {script_of(c) for c in run} - {""}
        if not scripts:
            return run
        name = "Japanese" if scripts & {"HIRAGANA", "KATAKANA"} else SCRIPT_NAMES[sorted(scripts)[0]]
        trailing = run[len(run.rstrip()) :]
        return f"({label.format(name)}){trailing}"

    return replace
