"""Inline code read as a programmer says it: `snake_case_name` -> "snake case name", `foo()` -> "foo",
`a.b` -> "a dot b", `x != y` -> "x not equals y"; code made only of symbols names them (`|` -> "pipe")."""

from __future__ import annotations

import re

from post2pod.narrate.speech.links import EMAIL_RE, URL_RE
from post2pod.narrate.speech.symbols import symbol_names

# Operators in inline code, as a programmer reads them aloud. Longest first.
CODE_OPERATORS = {
    "<=>": "spaceship",  # three-way comparison (C++, Ruby, Perl, PHP)
    "<->": "left right arrow",  # PostgreSQL's distance, a two-way link
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
# `||` is "or" between operands (`a || b`, `x ||= 1`); after a keyword, an opening bracket, an operator
# or nothing it opens a closure without parameters (Rust's `move || {}`, `async || {}`, `f(|| 42)`).
_DOUBLE_PIPE_RE = re.compile(r"\|\|(=?)")
_CLOSURE_BEFORE = ("move", "async", "static", "return", "yield", "await", "in", "do")
_OPERAND_END_RE = re.compile(r"(?:[\w)\]}\"'`?])$")
_LAST_WORD_RE = re.compile(r"(\w+)\s*$")
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
    text = _DOUBLE_PIPE_RE.sub(_double_pipe, text)
    text = _CODE_OPERATOR_RE.sub(lambda m: "\0" + CODE_OPERATORS[m.group(0)] + "\0", text)
    text = _SPACED_OPERATOR_RE.sub(lambda m: "\0" + SPACED_CODE_OPERATORS[m.group(1)] + "\0", text)
    return re.sub(r"(?<=[\w.])/(?=[\w.~])", "\0slash\0", text)


def _double_pipe(match: re.Match[str]) -> str:
    """`||` as a programmer says it: "or" (or "or equals") after an operand, else "closure"."""
    before = match.string[max(0, match.start() - 40) : match.start()].rstrip()
    last = _LAST_WORD_RE.search(before)
    operand = bool(_OPERAND_END_RE.search(before)) and not (last and last.group(1) in _CLOSURE_BEFORE)
    if operand:
        return "\0or equals\0" if match.group(1) else "\0or\0"
    return "\0closure\0" + match.group(1)


def code_words(code: str, english: bool = True) -> str:
    """Inline code as words: `snake_case_name` -> `snake case name`, `foo()` -> `foo`, `a.b` -> `a dot b`,
    `x != y` -> `x not equals y`; code that only shows symbols names them (`|` -> `pipe`)."""
    stripped = code.strip()
    if URL_RE.fullmatch(stripped) or EMAIL_RE.fullmatch(stripped):
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
