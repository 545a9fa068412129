"""Simple TeX read aloud: `x^2 + y^2 = r^2` -> "x squared plus y squared equals r squared".

`speak_tex` covers what bloggers write inline: letters, numbers, operators, super- and subscripts,
`\\frac`, `\\sqrt`, Greek letters, relations and a few function names. Anything beyond that
(sums, integrals, matrices, environments, unknown commands, long formulas) returns None, so the
caller can say "a formula" instead of reading something a listener could not follow.
"""

from __future__ import annotations

import re

from post2pod.narrate.speech.numbers import fraction_words

GREEK = [
    "alpha",
    "beta",
    "gamma",
    "delta",
    "epsilon",
    "varepsilon",
    "zeta",
    "eta",
    "theta",
    "vartheta",
    "iota",
    "kappa",
    "lambda",
    "mu",
    "nu",
    "xi",
    "omicron",
    "pi",
    "varpi",
    "rho",
    "varrho",
    "sigma",
    "varsigma",
    "tau",
    "upsilon",
    "phi",
    "varphi",
    "chi",
    "psi",
    "omega",
]
GREEK_NAMES = {name: name.removeprefix("var") for name in GREEK} | {
    name.capitalize(): name.capitalize() for name in GREEK if not name.startswith("var")
}

SYMBOLS = {
    "+": "plus",
    "-": "minus",
    "/": "over",
    "=": "equals",
    "<": "is less than",
    ">": "is greater than",
    "times": "times",
    "cdot": "times",
    "div": "divided by",
    "pm": "plus or minus",
    "mp": "minus or plus",
    "le": "is less than or equal to",
    "leq": "is less than or equal to",
    "ge": "is greater than or equal to",
    "geq": "is greater than or equal to",
    "neq": "is not equal to",
    "ne": "is not equal to",
    "approx": "is approximately",
    "sim": "is similar to",
    "equiv": "is equivalent to",
    "propto": "is proportional to",
    "to": "to",
    "rightarrow": "to",
    "infty": "infinity",
    "in": "in",
    "ldots": "and so on",
    "dots": "and so on",
    "cdots": "and so on",
    "circ": "degrees",
    "partial": "partial",
    "nabla": "del",
}
FUNCTIONS = {
    "sin": "sine",
    "cos": "cosine",
    "tan": "tangent",
    "log": "log",
    "ln": "natural log",
    "exp": "exp",
    "max": "max",
    "min": "min",
}
# Commands that only change how their argument looks.
STYLE = {
    "text",
    "mathrm",
    "mathbf",
    "mathit",
    "mathsf",
    "mathtt",
    "operatorname",
    "boldsymbol",
    "textrm",
    "bm",
}
SPACING = {
    ",",
    ";",
    ":",
    "!",
    " ",
    "quad",
    "qquad",
    "left",
    "right",
    "big",
    "Big",
    "bigl",
    "bigr",
    "displaystyle",
}
FUNCTION_LETTERS = set("fghFGHP")
_GROUPING_OPERATORS = {"+", "-", "=", "/", "\\pm", "\\cdot", "\\times", "\\div", "\\mp"}
MAX_WORDS = 40

_TOKEN_RE = re.compile(r"\\[A-Za-z]+|\\.|\d+(?:\.\d+)?|[A-Za-z]|\S")


class _TooComplex(Exception):
    """Raised when the formula is beyond what `speak_tex` reads."""


def speak_tex(tex: str) -> str | None:
    """Simple TeX as spoken English, or None when it is too complex to read aloud."""
    tokens = _TOKEN_RE.findall(tex.strip())
    if not tokens:
        return None
    try:
        parser = _Parser(tokens)
        # "P(A \mid B)": a conditional probability; elsewhere ("{x \mid x > 0}") "such that"
        parser.bar = "given" if re.match(r"\s*(?:P|p|\\Pr|\\mathbb\{P\})\s*\(", tex) else "such that"
        spoken = parser.sequence(end=None)
    except (_TooComplex, IndexError):
        return None
    spoken = re.sub(r",(?=\s*(?:,|$))", "", " ".join(spoken.split()))
    if not spoken or len(spoken.split()) > MAX_WORDS:
        return None
    return spoken


class _Parser:
    def __init__(self, tokens: list[str]) -> None:
        self.tokens = tokens
        self.pos = 0
        self.bar = "such that"

    def peek(self) -> str | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self) -> str:
        token = self.tokens[self.pos]
        self.pos += 1
        return token

    def sequence(self, end: str | None) -> str:
        words: list[str] = []
        while (token := self.peek()) is not None and token != end:
            words.append(self.with_scripts(self.atom()))
        if end is not None:
            self.take()
        return " ".join(w for w in words if w)

    def group(self) -> str:
        """A `{...}` group or a single atom (TeX's argument rule)."""
        if self.peek() == "{":
            self.take()
            return self.sequence("}")
        return self.atom()

    def with_scripts(self, base: str) -> str:
        while self.peek() in ("^", "_"):
            mark = self.take()
            raw_start = self.pos
            argument = self.group()
            simple = self.pos - raw_start == 1 or (
                self.pos - raw_start <= 4 and self.tokens[raw_start] == "{" and len(argument.split()) <= 2
            )
            base = f"{base} sub {argument}" if mark == "_" else f"{base} {_power(argument, simple)}"
        return base

    def atom(self) -> str:
        token = self.take()
        if token == "{":
            return self.sequence("}")
        if token in ("}", "&") or token.startswith("\\begin"):
            raise _TooComplex
        if token == "(":
            return self.bracket()
        if token in ("\\mid", "|") and self.bar == "given":
            return "given"
        if token == "\\mid":
            return self.bar
        if not token.startswith("\\"):
            if token in FUNCTION_LETTERS and self.peek() == "(":
                return f"{token} of"
            return _plain(token)
        name = token[1:]
        if name in SPACING:
            return ""
        if name == "frac" or name in ("dfrac", "tfrac"):
            return _fraction(self.group(), self.group())
        if name == "sqrt":
            return self.root()
        if name in STYLE:
            return self.style_argument()
        if name in GREEK_NAMES:
            return GREEK_NAMES[name]
        if name in FUNCTIONS:
            return FUNCTIONS[name]
        if name in SYMBOLS:
            return SYMBOLS[name]
        if name in ("{", "}", "%", "$", "#", "_"):
            return "" if name in "{}" else _plain(name)
        raise _TooComplex

    def bracket(self) -> str:
        """`(a+b)^2` -> "the quantity a plus b, squared"; `2(x+1)` -> "2 times the quantity x plus 1,"."""
        before = self.tokens[self.pos - 2] if self.pos >= 2 else ""
        start = self.pos
        inner = self.sequence(")")
        if not any(t in _GROUPING_OPERATORS for t in self.tokens[start : self.pos - 1]):
            return inner  # "f(x)", "(n)": nothing to group
        times = bool(re.fullmatch(r"[\w.]+|\)|\}", before)) and before not in FUNCTION_LETTERS
        return f"{'times ' if times else ''}the quantity {inner},"

    def root(self) -> str:
        degree = ""
        if self.peek() == "[":
            self.take()
            degree = self.sequence("]")
        radicand = self.group()
        names = {"": "square", "2": "square", "3": "cube"}
        if degree in names:
            return f"the {names[degree]} root of {radicand}"
        return f"the {degree} root of {radicand}"

    def style_argument(self) -> str:
        if self.peek() != "{":
            return self.atom()
        self.take()
        depth, parts = 1, []
        while True:
            token = self.take()
            depth += {"{": 1, "}": -1}.get(token, 0)
            if depth == 0:
                break
            parts.append(token)
        text = "".join(p if not p.startswith("\\") else " " for p in parts)
        return " ".join(text.split())


def _plain(token: str) -> str:
    if token in SYMBOLS:
        return SYMBOLS[token]
    if token in "()[],.|'!":
        return {"'": "prime", "!": "factorial", "|": ""}.get(token, "")
    if token.isalnum() or re.fullmatch(r"\d+\.\d+", token):
        return token
    raise _TooComplex


def _power(exponent: str, simple: bool) -> str:
    if exponent == "2":
        return "squared"
    if exponent == "3":
        return "cubed"
    if exponent in ("\\circ", "degrees"):
        return "degrees"
    return f"to the {exponent}" if simple else f"to the power of {exponent}"


def _fraction(numerator: str, denominator: str) -> str:
    if numerator.isdigit() and denominator.isdigit():
        return fraction_words(int(numerator), int(denominator))
    if len(numerator.split()) > 1 or len(denominator.split()) > 1:
        return f"the fraction {numerator} over {denominator}"
    return f"{numerator} over {denominator}"
