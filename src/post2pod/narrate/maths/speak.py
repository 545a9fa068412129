"""A presentation MathML tree read aloud the way accessible-maths tools do (ClearSpeak, MathSpeak):
"x sub n", "the fraction a plus b over c", "the sum from i equals 1 to n of", "f of x",
"the absolute value of x". Numbers are spoken as words here ("four x"), so that no digit next to a
letter reaches the prose normaliser, which would read "4 x" as "4 times". Whatever has no reading (a
table, an unknown symbol) raises `Unreadable`, and the caller summarises the formula instead.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from post2pod.narrate.maths.tree import Node, Unreadable
from post2pod.narrate.maths.words import (
    ACCENTS,
    BIG_OPERATORS,
    BRACKET_NAMES,
    BRACKETS,
    ELLIPSIS,
    FUNCTION_LETTERS,
    FUNCTIONS,
    GREEK,
    INTEGRALS,
    NAMED_LETTERS,
    OPERATORS,
    QUANTIFIERS,
    RELATIONS,
    SET_LETTERS,
    VECTOR_OPERATORS,
)
from post2pod.narrate.speech.numbers import DIGITS, digit_words, fraction_words, ordinal_words, words

_ROWS = {"math", "mrow", "menclose"}
_SCRIPTS = {"msup", "msub", "msubsup", "munder", "mover", "munderover"}
_CLOSERS = {close: open_ for open_, close in BRACKETS.items()}
_PRIMES = {"′": "prime", "'": "prime", "″": "double prime", "‴": "triple prime", "*": "star", "∗": "star"}
_DEGREES = {"∘", "°", "○"}
_TRANSPOSE = {"⊤", "T", "𝖳"}
_GIVEN_FUNCTIONS = {"P", "Pr", "ℙ", "p"}
_CURRENCY = {"$": "dollars", "€": "euros", "£": "pounds"}
_OPERANDS = {"mi", "mn", "mtext", "mfrac", "msqrt", "mroot"} | _SCRIPTS
_TEXT_RE = re.compile(r"[^\w\s.,:;'’?!%()-]")
_SPACE_BEFORE_COMMA_RE = re.compile(r"\s+,")
_REPEATED_COMMA_RE = re.compile(r",(?:\s*,)+")
# A number the reader spoke as digits: a whole token ("1,000", "0.5"), never digits inside a word ("H2O").
_NUMBER_RE = re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?!\w|\.\d)")
_LONG_NUMBER = 12  # digits; a longer number is read digit by digit
_ELEMENT_OF = {"∈": "in", "∉": "not in"}


@dataclass(frozen=True, slots=True)
class _Item:
    """One element of a flattened row, with what it is for bracket matching."""

    node: Node
    char: str = ""  # the bracket or bar character it stands for ("" when none)
    opens: bool = False
    closes: bool = False


def speak(node: Node, number_words: bool = True) -> str:
    """The formula's words (raises `Unreadable` when part of it has no reading); numbers as words
    unless `number_words` is False."""
    spoken = tidy(_Reader().node(node))
    return spoken_numbers(spoken) if number_words else spoken


def spoken_numbers(text: str) -> str:
    """The numbers in a reading as words: "4 x" -> "four x", "0.25" -> "zero point two five"."""
    return _NUMBER_RE.sub(_number_words, text)


def _number_words(match: re.Match[str]) -> str:
    whole, decimals = match.group(1).replace(",", ""), match.group(2)
    if len(whole) > _LONG_NUMBER or (len(whole) > 1 and whole.startswith("0")):
        said = digit_words(whole)
    else:
        said = words(int(whole))
    if decimals:
        said += " point " + " ".join(DIGITS[int(d)] for d in decimals)
    return said


def tidy(words: str) -> str:
    """Spacing and commas cleaned up: none doubled, none at either end."""
    text = _SPACE_BEFORE_COMMA_RE.sub(",", " ".join(words.split()))
    text = _REPEATED_COMMA_RE.sub(",", text)
    return text.strip(" ,")


def flatten(node: Node) -> list[Node]:
    """The elements of a row, nested rows opened up (`{…}` groups and `\\left…\\right` alike)."""
    out: list[Node] = []
    stack = [node]
    while stack:
        current = stack.pop()
        if current.name in _ROWS:
            stack.extend(reversed(current.children))
        else:
            out.append(current)
    return out


def relation_word(node: Node) -> str:
    """The relation an `mo` stands for ("equals"), or ""."""
    return RELATIONS.get(node.text.strip(), "") if node.name == "mo" else ""


class _Reader:
    """Reads one formula; `given` says a bar means "given" (inside `P(…)`), `approaches` that an
    arrow means "approaches" (under a limit)."""

    def __init__(self) -> None:
        self.given = False
        self.approaches = False
        self.ranging = False  # under a big operator: "the sum over i in S"
        self.quantifier: tuple[list[_Item], int] | None = None  # where "for all" was: "for all x in S"

    # --- elements -------------------------------------------------------------------------------

    def node(self, node: Node) -> str:
        name = node.name
        if name in _ROWS:
            return self.row(flatten(node))
        if name == "mfenced":
            return self.row(_fenced(node))
        if name == "mi":
            return identifier(node.text)
        if name == "mn":
            return number(node.text)
        if name == "mo":
            return self.operator(node.text)
        if name in ("mtext", "ms"):
            words = " ".join(_TEXT_RE.sub(" ", node.text.replace("\xa0", " ")).split())
            return words if any(c.isalnum() for c in words) else ""  # a full stop after the formula
        if name == "mspace":
            return ""
        if name in _SCRIPTS:
            return self.scripts(node)
        if name == "mfrac":
            return self.fraction(node)
        if name == "msqrt":
            return _closed(f"the square root of {self.row(list(node.children))}")
        if name == "mroot" and len(node.children) == 2:
            return self.root(node)
        raise Unreadable(f"no reading for {name}")  # tables, multiscripts: summarised

    def operator(self, text: str) -> str:
        text = text.strip()
        if text == "→" and self.approaches:
            return "approaches"
        if text in _ELEMENT_OF and self.ranging:
            return _ELEMENT_OF[text]
        if text in BIG_OPERATORS and not text.isalpha():
            return f"the {BIG_OPERATORS[text]} of"  # `\\int f(x)\\,dx` with no limits
        for table in (RELATIONS, OPERATORS, NAMED_LETTERS, GREEK):
            if text in table:
                return table[text]
        if text in BRACKETS or text in _CLOSERS:
            return ""  # a bracket left unmatched ("[0, 1)")
        if text.isalpha():
            return FUNCTIONS.get(text, BIG_OPERATORS.get(text, text))
        raise Unreadable(f"unknown operator {text!r}")

    # --- rows -------------------------------------------------------------------------------------

    def row(self, nodes: list[Node]) -> str:
        items = _items(_merge_upright_letters(nodes))
        matches = _match_brackets(items)
        return self.span(items, matches, 0, len(items))

    def span(self, items: list[_Item], matches: dict[int, int], lo: int, hi: int) -> str:
        words: list[str] = []
        last_operand = False  # the word before can be multiplied ("2(x+1)": "2 times the quantity")
        i = lo
        while i < hi:
            item = items[i]
            if item.opens and i in matches and self.norm(items, matches, i, matches[i]):
                words.append(self.norm(items, matches, i, matches[i]))
                last_operand, i = True, matches[i] + 1
                continue
            if item.opens and i in matches:
                end = matches[i]
                if self.bound(items, i):  # "for all x, the quantity …": a predicate, not a product
                    words.append(",")
                    last_operand, self.quantifier = False, None
                group = self.group(items, matches, i, end, last_operand)
                script = self.closer_scripts(items[end].node)
                if script and len(group.split()) > 1 and not group.endswith(","):
                    group = _closed(f"{'times ' if last_operand else ''}the quantity {group}")  # (X^T X)^{-1}
                words += [group, script]
                last_operand, i = True, end + 1
                continue
            if item.char in ("|", "∣") and not item.opens and not item.closes:
                words.append("given" if self.given else "such that")
                last_operand, i = False, i + 1
                continue
            node = item.node
            if _currency(node) and i + 1 < hi and items[i + 1].node.name == "mn":
                words.append(f"{number(items[i + 1].node.text)} {_CURRENCY[node.text.strip()]}")
                last_operand, i = True, i + 2
                continue
            if i + 1 < hi and (i + 1) in matches and _applies(node, items, matches, i + 1):
                end = matches[i + 1]
                words.append(self.application(node, items, matches, i + 1, end))
                words.append(self.closer_scripts(items[end].node))
                last_operand, i = True, end + 1
                continue
            if node.name == "mn" and i + 2 < hi and _thousands(items[i + 1].node, items[i + 2].node):
                words.append(f"{number(node.text)},{items[i + 2].node.text.strip()}")
                last_operand, i = True, i + 3
                continue
            if node.name == "mo" and node.text.strip() == ":":
                words.append(self.colon(items, i, lo, hi))
                last_operand, i = False, i + 1
                continue
            spoken = self.node(node)
            if (
                spoken == "is similar to"
                and i + 2 < hi
                and _is_function(items[i + 1].node)
                and (i + 2) in matches
            ):
                spoken = "is distributed as"  # "X \\sim \\mathcal{N}(0, 1)"
            spoken, used = self.in_context(
                spoken, items, i, lo, hi, next((w for w in reversed(words) if w), "")
            )
            words.append(spoken)
            if spoken.endswith(" of") or spoken.endswith("up to"):
                last_operand, i = False, i + used
                continue
            if spoken:  # "k!(n-k)!": a factorial can be multiplied; "the sum … of" cannot
                last_operand = (node.name in _OPERANDS or spoken == "factorial") and not spoken.endswith(
                    " of"
                )
            i += 1
        return " ".join(w for w in words if w)

    def in_context(
        self, spoken: str, items: list[_Item], i: int, lo: int, hi: int, previous: str
    ) -> tuple[str, int]:
        """A word changed by what is around it, and how many items it used: "for all x in S",
        "del dot E", "partial by partial a of", "x sub 1 plus, and so on, up to x sub n"."""
        node = items[i].node
        text = node.text.strip() if node.name == "mo" else ""
        if spoken in QUANTIFIERS:
            self.quantifier = (items, i)
        elif text in _ELEMENT_OF and self.bound(items, i):
            self.quantifier = None
            return _ELEMENT_OF[text], 1
        elif spoken.startswith("is ") and relation_word(node) and self.bound(items, i):
            self.quantifier = None
            return spoken.removeprefix("is "), 1  # "for all epsilon greater than zero"
        elif spoken == ELLIPSIS:
            return _ellipsis(items, i, hi, previous)
        elif text in VECTOR_OPERATORS and i > lo and _vector_operands(items, i, hi):
            return VECTOR_OPERATORS[text], 1
        elif text in BIG_OPERATORS and (i + 1 >= hi or _is_operator(items[i + 1]) or _comma(items[i + 1])):
            return spoken.removesuffix(" of"), 1  # "the sum, the integral": of nothing
        elif node.name == "mfrac" and i + 1 < hi and _derivative_operator(node):
            return f"{spoken} of", 1  # an operator applies to what follows: "d by d x of x squared"
        return spoken, 1

    def bound(self, items: list[_Item], i: int) -> bool:
        """Whether only the variables a quantifier binds lie between it and `items[i]` ("for all x, y")."""
        if self.quantifier is None or self.quantifier[0] is not items or self.quantifier[1] >= i:
            return False
        between = items[self.quantifier[1] + 1 : i]
        return bool(between) and all(it.node.name == "mi" or it.node.text.strip() == "," for it in between)

    def colon(self, items: list[_Item], i: int, lo: int, hi: int) -> str:
        """`f: X \\to Y` "f from X to Y"; `\\{x : x > 0\\}` "such that"; `1:2` "1 to 2"."""
        for j in range(i + 1, hi):  # up to the next relation or colon: linear over a row
            word = relation_word(items[j].node)
            if word == "to":
                return "from"
            if word or items[j].node.text.strip() == ":":
                break
        if (lo > 0 and items[lo - 1].char == "{") or self.bound(items, i):
            return "such that"
        if lo < i < hi - 1 and items[i - 1].node.name == items[i + 1].node.name == "mn":
            return "to"
        return ","

    def norm(self, items: list[_Item], matches: dict[int, int], start: int, end: int) -> str:
        """`\\|x\\|_2` -> "the 2-norm of x" (its subscript names the norm), else ""."""
        closer = items[end].node
        if items[start].char not in ("‖", "∥") or closer.name not in ("msub", "msubsup"):
            return ""
        kind = self.node(closer.children[1])
        if len(kind.split()) != 1:
            return ""
        said = _closed_after(f"the {kind}-norm of", self.span(items, matches, start + 1, end))
        if closer.name == "msubsup" and len(closer.children) == 3:
            said = f"{said.rstrip(',')}, {_power(self.node(closer.children[2]))}"
        return said

    def group(self, items: list[_Item], matches: dict[int, int], start: int, end: int, after: bool) -> str:
        """A bracketed group: "the quantity a plus b," / "the absolute value of x," / "the set of …"."""
        char = items[start].char
        comma = _only_comma(items, matches, start + 1, end) if char in ("⟨", "〈") else None
        if comma is not None:  # "the inner product of x and y"
            left, right = (
                self.span(items, matches, start + 1, comma),
                self.span(items, matches, comma + 1, end),
            )
            return _closed(f"{BRACKET_NAMES[char]} {left} and {right}")
        inner = self.span(items, matches, start + 1, end)
        if char in BRACKET_NAMES:
            return _closed_after(BRACKET_NAMES[char], inner)
        if char == "{" and any(_is_separator(it) for it in items[start + 1 : end]):
            return _closed(f"the set of {inner}")
        if char == "{" and "," in inner:
            return _closed(f"the set {inner}")
        if _has_operator(items[start + 1 : end]):
            return _closed(f"{'times ' if after else ''}the quantity {inner}")
        return inner

    def application(
        self, function: Node, items: list[_Item], matches: dict[int, int], start: int, end: int
    ) -> str:
        """`f(x)` -> "f of x"; `P(A|B)` -> "P of A given B"; `E[X]` -> "the expected value of X"."""
        name = self.node(function)
        base = _base_text(function)
        given, self.given = self.given, base in _GIVEN_FUNCTIONS
        inner = self.span(items, matches, start + 1, end)
        self.given = given
        if _has_operator(items[start + 1 : end], relations=False) and not inner.startswith("the quantity"):
            inner = f"the quantity {inner}"
        if base in ("E", "𝔼") and items[start].char == "[":
            name = "the expected value"
        elif base == "O" and function.name == "mi":
            name = "big O"
        return _closed_after(f"{name} of", inner)

    def closer_scripts(self, closer: Node) -> str:
        """`(a+b)^2`: TeX puts the power on the closing bracket; it applies to the group."""
        if closer.name == "msup" and len(closer.children) == 2:
            return _power(self.node(closer.children[1]))
        if closer.name == "msub" and len(closer.children) == 2:
            return f"sub {self.node(closer.children[1])}"
        if closer.name == "msubsup" and len(closer.children) == 3:
            return f"sub {self.node(closer.children[1])} {_power(self.node(closer.children[2]))}"
        return ""

    # --- layouts ------------------------------------------------------------------------------------

    def scripts(self, node: Node) -> str:
        parts = node.children
        if len(parts) < 2:
            return self.row(list(parts))
        base_text = _base_text(parts[0])
        if base_text in BIG_OPERATORS:
            return self.big_operator(node, base_text)
        if node.name == "mover" and _accent(parts[1]) is not None:
            return _with_accent(self.node(parts[0]), _accent(parts[1]) or "")
        if node.name == "munder" and _accent(parts[1]) is not None:
            return self.node(parts[0])  # an underbrace or underline: what it marks
        if node.name == "mover" and relation_word(parts[0]):
            over = _base_text(parts[1])
            return "is defined as" if over in ("def", "Δ", ":", "d e f") else relation_word(parts[0])
        base = SET_LETTERS.get(base_text) or self.node(parts[0])  # "R to the n", not "the real numbers to…"
        if _bracketed(parts[0]) and len(base.split()) > 1 and not base.startswith("the "):
            base = f"the quantity {base},"  # `\\left( … \\right)^2`
        if node.name in ("msub", "munder"):
            return self.subscript(base, base_text, parts[1])
        if node.name in ("msup", "mover"):
            return self.superscript(base, base_text, parts[1])
        with_sub = self.subscript(base, base_text, parts[1])
        return self.superscript(with_sub, base_text, parts[2])

    def subscript(self, base: str, base_text: str, sub: Node) -> str:
        words = self.node(sub)
        if base_text in ("log", "lg"):
            return f"log base {words} of"
        if base_text in SET_LETTERS.values() and not words:
            return base
        return f"{base} sub {_closed(words)}" if len(words.split()) > 1 else f"{base} sub {words}"

    def superscript(self, base: str, base_text: str, sup: Node) -> str:
        text = _base_text(sup)
        if text in _PRIMES:
            return f"{base} {_PRIMES[text]}"
        if text in _DEGREES:
            return f"{base} degrees"
        if text in _TRANSPOSE and len(base.split()) == 1:
            return f"{base} transpose"
        if text == "†":
            return f"{base} dagger"
        index = _parenthesised(sup)
        if index is not None:  # `x^{(i)}`: the i-th example, not a power
            return f"{base} superscript {self.node(index)}"
        words = self.node(sup)
        if words in ("minus 1", "−1") and (base_text in FUNCTION_LETTERS or base_text in FUNCTIONS):
            return f"{base} inverse"
        return f"{base} {_power(words)}"

    def big_operator(self, node: Node, operator: str) -> str:
        """`\\sum_{i=1}^n` -> "the sum from i equals 1 to n of"; `\\lim_{x \\to 0}` -> "the limit as x
        approaches 0 of"; `\\max_x` -> "the maximum over x of"."""
        noun = BIG_OPERATORS[operator]
        parts = node.children
        lower = upper = ""
        approaches, self.approaches = self.approaches, True
        ranging, self.ranging = self.ranging, True
        if node.name in ("msub", "munder", "msubsup", "munderover"):
            lower = self.node(parts[1])
        self.approaches, self.ranging = approaches, ranging
        if node.name in ("msup", "mover"):
            upper = self.node(parts[1])
        elif node.name in ("msubsup", "munderover"):
            upper = self.node(parts[2])
        if operator == "lim":
            return f"the limit as {lower} of" if lower else "the limit of"
        ranged = operator in INTEGRALS or any(w in lower.split() for w in ("equals", "is"))
        if lower and upper:
            return f"the {noun} from {lower} to {upper} of"
        if lower:
            return f"the {noun} {'from' if ranged and operator in INTEGRALS else 'over'} {lower} of"
        if upper:
            return f"the {noun} to {upper} of"
        return f"the {noun} of"

    def fraction(self, node: Node) -> str:
        if len(node.children) != 2:
            raise Unreadable("malformed fraction")
        top, bottom = (self.node(child) for child in node.children)
        if node.attrs.get("linethickness", "").strip() in ("0", "0px", "0pt", "0em"):
            return f"{top} choose {bottom}"
        if top.isdigit() and bottom.isdigit() and len(top) <= 2 and len(bottom) <= 2 and int(bottom) > 0:
            return fraction_words(int(top), int(bottom))
        if top.split()[:1] in (["d"], ["partial"]) and bottom.split()[:1] == top.split()[:1]:
            return f"{top} by {bottom}"  # "d y by d x", "partial f by partial x"
        if len(top.split()) > 1 or len(bottom.split()) > 1:
            return _closed(f"the fraction {top} over {bottom}")
        return f"{top} over {bottom}"

    def root(self, node: Node) -> str:
        radicand, degree = self.node(node.children[0]), self.node(node.children[1])
        names = {"2": "square", "3": "cube"}
        if degree.isdigit():
            ordinal = names.get(degree) or ordinal_words(int(degree))
        else:
            ordinal = f"{degree}th" if degree.isalnum() else degree
        return _closed(f"the {ordinal} root of {radicand}")


# --- tokens -----------------------------------------------------------------------------------------


def identifier(text: str) -> str:
    """An `mi`: a letter, a Greek letter by name, a set ("the real numbers"), a function name."""
    text = text.strip()
    if not text:
        return ""
    if text in NAMED_LETTERS:
        return NAMED_LETTERS[text]
    if text in GREEK:
        return GREEK[text]
    folded = fold(text)
    if folded in GREEK:
        return GREEK[folded]
    if folded in FUNCTIONS:
        return FUNCTIONS[folded]
    if folded in _CURRENCY:
        return _CURRENCY[folded]
    if folded in OPERATORS or folded in RELATIONS:
        return OPERATORS.get(folded) or RELATIONS[folded]
    if all(c.isalnum() or c in " -" for c in folded):
        return folded
    raise Unreadable(f"unknown identifier {text!r}")


def number(text: str) -> str:
    """An `mn`, kept as digits for the normaliser ("3.14", "1,000")."""
    folded = fold(text.strip()).replace("−", "-")
    if re.fullmatch(r"-?[\d.,\s]*\d[\d.,]*", folded):
        return folded.replace(" ", "")
    return identifier(folded)


def _power(exponent: str) -> str:
    if exponent == "2":
        return "squared"
    if exponent == "3":
        return "cubed"
    if len(exponent.split()) <= 2 and "," not in exponent:
        return f"to the {exponent}"
    return _closed(f"to the power of {exponent}")


def _with_accent(base: str, accent: str) -> str:
    if not accent:
        return base
    if accent == "vector":
        return f"vector {base}"
    return f"{base} {accent}"


def _accent(node: Node) -> str | None:
    text = _base_text(node)
    return ACCENTS.get(text) if node.name == "mo" else None


def _closed_after(head: str, inner: str) -> str:
    """ "f of x" as is, "f of x plus 1," with a pause: only an argument of several words needs one."""
    return f"{head} {inner}," if len(inner.split()) > 1 else f"{head} {inner}"


def _has_operator(items: list[_Item], relations: bool = True) -> bool:
    """Whether a bracket holds an operation ("x + 1") rather than one thing or a list ("x", "0, 1")."""
    return any(
        OPERATORS.get(it.node.text.strip(), ",") not in (",", "", "factorial", "prime")
        or (relations and bool(relation_word(it.node)))
        for it in items
        if it.node.name == "mo"
    )


def _closed(words: str) -> str:
    """A phrase that needs a pause after it when more follows ("the quantity a plus b, squared")."""
    return f"{words}," if len(words.split()) > 2 else words


def _base_text(node: Node) -> str:
    """The token text at the bottom-left of an element (`f` of `f_\\theta`, `∑` of `\\sum_i`)."""
    while node.children:
        if node.name in _ROWS and len(node.children) != 1:
            letters = "".join(child.text for child in node.children if child.name == "mi")
            return letters if len(letters) == len(node.children) else ""
        node = node.children[0]
    return fold(node.text.strip())


def fold(text: str) -> str:
    """Math letters (`𝐱`, `𝒩`) as plain ones; symbols, which NFKC would decompose, as they are."""
    if text in NAMED_LETTERS or text in SET_LETTERS:
        return text
    folded = unicodedata.normalize("NFKC", text)
    return folded if folded.isalnum() else text


def _applies(node: Node, items: list[_Item], matches: dict[int, int], start: int) -> bool:
    """Whether `node(…)` is a function applied ("f of x", "J of theta"), not a product ("a(b + c)")."""
    if _is_function(node):
        return True
    base = _base_text(node)
    plain = len(base) == 1 and base.isascii() and base.isalpha() and items[start].char == "("
    return plain and node.name in ("mi", "msub") and not _has_operator(items[start + 1 : matches[start]])


def _is_function(node: Node) -> bool:
    base = _base_text(node)
    if node.name not in ("mi", "mo", "mtext") and node.name not in _SCRIPTS:
        return False
    if node.name in _SCRIPTS and base in BIG_OPERATORS:
        return False
    return base in FUNCTION_LETTERS or base in FUNCTIONS or (len(base) > 1 and base.isalpha())


def _is_separator(item: _Item) -> bool:
    text = item.node.text.strip() if item.node.name == "mo" else ""
    return (item.char in ("|", "∣") and not item.opens and not item.closes) or text in (":", "∣")


def _thousands(comma: Node, digits: Node) -> bool:
    return (
        comma.name == "mo"
        and comma.text.strip() == ","
        and digits.name == "mn"
        and bool(re.fullmatch(r"\d{3}", digits.text.strip()))
    )


def _merge_upright_letters(nodes: list[Node]) -> list[Node]:
    """`\\mathrm{speed}` arrives as five upright `mi`s: one word again; so does `Var` written in italics."""
    out: list[Node] = []
    nodes = _merge_function_names(nodes)
    for node in nodes:
        previous = out[-1] if out else None
        if _upright_letters(node) and previous is not None and _upright_letters(previous):
            out[-1] = Node("mi", previous.text.strip() + node.text.strip(), attrs=previous.attrs)
            continue
        out.append(node)
    return out


def _merge_function_names(nodes: list[Node]) -> list[Node]:
    """A run of single italic letters that spells a function name (`Var(X)`, `log n`): that name."""
    out: list[Node] = []
    run: list[Node] = []
    for node in [*nodes, Node("end")]:
        if node.name == "mi" and len(node.text.strip()) == 1 and node.text.strip().isascii():
            run.append(node)
            continue
        word = "".join(n.text.strip() for n in run)
        out += [Node("mi", word)] if len(run) > 2 and word in FUNCTIONS else run
        run = []
        if node.name != "end":
            out.append(node)
    return out


def _bracketed(node: Node) -> bool:
    items = flatten(node) if node.name in _ROWS else []
    return (
        len(items) > 2
        and items[0].name == "mo"
        and BRACKETS.get(items[0].text.strip()) == items[-1].text.strip()
    )


def _upright_letters(node: Node) -> bool:
    text = node.text.strip()
    return node.name == "mi" and node.attrs.get("mathvariant") == "normal" and text.isalpha()


def _currency(node: Node) -> bool:
    return node.name in ("mi", "mo") and node.text.strip() in _CURRENCY


def _items(nodes: list[Node]) -> list[_Item]:
    out = []
    for node in nodes:
        char = ""
        if node.name == "mo":
            char = node.text.strip()
        elif node.name in ("msup", "msub", "msubsup") and node.children and node.children[0].name == "mo":
            char = node.children[0].text.strip()
            char = char if char in _CLOSERS else ""
        out.append(_Item(node, char))
    return out


def _match_brackets(items: list[_Item]) -> dict[int, int]:
    """Opening index -> closing index, in one pass; `|` opens or closes by what is beside it, else it
    is a separator ("given", "such that"). Openers and closers are marked on the items in place."""
    matches: dict[int, int] = {}
    stack: list[int] = []
    for i, item in enumerate(items):
        char = item.char
        if not char:
            continue
        before = items[i - 1] if i else None
        operand_before = before is not None and not _is_operator(before)
        if char in ("|", "‖", "∥") and stack and items[stack[-1]].char == char and operand_before:
            start = stack.pop()
            matches[start] = i
            items[start] = _Item(items[start].node, char, opens=True)
            items[i] = _Item(item.node, char, closes=True)
        elif (char in ("|", "‖") and not operand_before) or (
            char in BRACKETS and char not in ("|", "‖", "∥") and item.node.name == "mo"
        ):
            stack.append(i)
        elif char in _CLOSERS and stack and items[stack[-1]].char == _CLOSERS[char]:
            start = stack.pop()
            matches[start] = i
            items[start] = _Item(items[start].node, items[start].char, opens=True)
            items[i] = _Item(item.node, char, closes=True)
        if len(stack) > 200:
            raise Unreadable("brackets nested too deep")
    for start in stack:  # a `|` that opened nothing was a separator after all
        if items[start].char in ("|", "‖"):
            items[start] = _Item(items[start].node, items[start].char)
    return matches


def _is_operator(item: _Item) -> bool:
    if item.opens or (item.char in BRACKETS and not item.closes and item.node.name == "mo"):
        return True
    node = item.node
    if node.name != "mo":
        return False
    text = node.text.strip()
    return text in RELATIONS or (text in OPERATORS and text not in ("!", "′", "'", "″"))


def _fenced(node: Node) -> list[Node]:
    """`<mfenced open="[" separators=",">` as the row it stands for."""
    open_, close = node.attrs.get("open", "("), node.attrs.get("close", ")")
    inner: list[Node] = []
    for i, child in enumerate(node.children):
        if i:
            inner.append(Node("mo", ","))
        inner.append(child)
    return [Node("mo", open_), *inner, Node("mo", close)]


def _ellipsis(items: list[_Item], i: int, hi: int, previous: str) -> tuple[str, int]:
    """`x_1 + \\dots + x_n` -> "x sub 1 plus, and so on, up to x sub n"; `1, \\ldots` -> "1, and so on"."""
    if i + 1 >= hi:
        return ELLIPSIS, 1
    after = items[i + 1]
    repeated = after.node.name == "mo" and OPERATORS.get(after.node.text.strip()) == previous
    if repeated and i + 2 < hi:
        return f", {ELLIPSIS}, up to", 2
    if _is_operator(after):
        return f", {ELLIPSIS},", 1
    return f", {ELLIPSIS}, up to", 1


def _vector_operands(items: list[_Item], i: int, hi: int) -> bool:
    """Whether a dot or cross joins vectors (`\\mathbf{u} \\cdot \\mathbf{v}`) or follows del."""
    before = items[i - 1].node
    if _base_text(before) == "∇":
        return True
    return i + 1 < hi and _is_vector(before) and _is_vector(items[i + 1].node)


def _is_vector(node: Node) -> bool:
    """A bold letter (`\\mathbf{x}`, `\\boldsymbol{\\mu}`, `𝐱_i`) or an arrowed one (`\\vec{a}`)."""
    if node.name == "mover" and len(node.children) == 2 and _accent(node.children[1]) == "vector":
        return True
    if node.name in _SCRIPTS and node.children:
        node = node.children[0]
    while node.name in _ROWS and len(node.children) == 1:
        node = node.children[0]
    if node.name != "mi" or not node.text.strip():
        return False
    if node.attrs.get("mathvariant") in ("bold", "bold-italic"):
        return True
    return unicodedata.name(node.text.strip()[0], "").startswith("MATHEMATICAL BOLD")


def _derivative_operator(node: Node) -> bool:
    """`\\frac{\\partial}{\\partial a}` or `\\frac{d}{dx}`: an operator, with nothing on top but d."""
    if len(node.children) != 2:
        return False
    top = flatten(node.children[0])
    return len(top) == 1 and _base_text(top[0]) in ("d", "∂")


def _parenthesised(node: Node) -> Node | None:
    """The one token in `(…)`, when `node` is just that (`x^{(i)}`'s `(i)`), else None."""
    items = flatten(node) if node.name in _ROWS else []
    if len(items) == 3 and items[0].text.strip() == "(" and items[2].text.strip() == ")":
        return items[1] if items[1].name in ("mi", "mn") else None
    return None


def _comma(item: _Item) -> bool:
    return item.node.name == "mo" and item.node.text.strip() == ","


def _only_comma(items: list[_Item], matches: dict[int, int], lo: int, hi: int) -> int | None:
    """The index of the one comma at the top level of `items[lo:hi]`, or None (none or several)."""
    found = None
    i = lo
    while i < hi:
        if i in matches:
            i = matches[i] + 1
            continue
        if _comma(items[i]):
            if found is not None:
                return None
            found = i
        i += 1
    return found
