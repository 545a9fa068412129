"""Mathematical signs and relations in running text: `x ≥ 0`, `a ≠ b`, `7-3=4`, `±2`, `√2`, `~300`.

A sign is said only where it stands between things it relates (a number, a letter, a bracket), so a
dash in prose or an arrow in a menu path is left to the pause and symbol rules.
"""

from __future__ import annotations

import re

from post2pod.narrate.speech.rule import rule

APPROXIMATELY_AFTER_NAME = rule(
    "math.approximately_after_name",
    "math",
    r"(?<=\b[A-Za-z)])\s*≈\s*",
    " is approximately ",
    "where x ≈ y => where x is approximately y",
    "x≈2 => x is approximately 2",
)
ROUGHLY_AFTER_ARTICLE = rule(
    "math.roughly_after_article",
    "math",
    r"\b([Aa]n?|[Tt]he) (?:~|≈|∼)\s?(?=[$€£¥\d])",
    r"\1 roughly ",
    "a ~2x speedup => a roughly 2 times speedup",
    "the ~300 users => the roughly 300 users",
)
ABOUT = rule(
    "math.about",
    "math",
    r"(?:~|≈|∼)\s?(?=[$€£¥\d])",
    "about ",
    "it took ~300 ms => it took about 300 milliseconds",
    "costs ≈ $5 => costs about five dollars",
)
SECTIONS = rule(
    "verbatim.sections_sign",
    "verbatim",
    r"§§\s?(?=\d)",
    "sections ",
    "see §§ 3 and 4 => see sections 3 and 4",
    "§§12-14 apply => sections 12 to 14 apply",
)
SECTION = rule(
    "verbatim.section_sign",
    "verbatim",
    r"§\s?(?=\d)",
    "section ",
    "under § 1983 => under section 1983",
    "see §4.2 => see section 4.2",
)
BOTH_WAYS = rule(
    "math.both_ways_arrow",
    "math",
    r"(?<=\w)\s*(?:<->|↔|⟷)\s*(?=\w)",
    " to and from ",
    "sync client <-> server => sync client to and from server",
    "London ↔ Paris trains => London to and from Paris trains",
)
EQUIVALENT = rule(
    "math.equivalent",
    "math",
    r"(?<=[\w)])\s*(?:<=>|⇔|⟺)\s*(?=[\w(])",
    " is equivalent to ",
    "where p <=> q holds => where p is equivalent to q holds",
    "A ⇔ B => A is equivalent to B",
)
LESS_EQUAL = rule(
    "math.less_or_equal",
    "math",
    r"\s(?:<=|≤)\s?|≤\s?",
    " less than or equal to ",
    "if n <= 10 => if n less than or equal to 10",
    "x ≤ y => x less than or equal to y",
)
GREATER_EQUAL = rule(
    "math.greater_or_equal",
    "math",
    r"\s(?:>=|≥)\s?|≥\s?",
    " greater than or equal to ",
    "x ≥ 0 => x greater than or equal to 0",
    "when n >= 3 => when n greater than or equal to 3",
)
LESS = rule(
    "math.less_than",
    "math",
    r"\s<\s|(?<=\b[pnPN])\s?<\s?(?=[\d.])",
    " less than ",
    "if a < b => if a less than b",
    "p<0.05 => p less than 0.05",
)
GREATER = rule(
    "math.greater_than",
    "math",
    r"\s>\s|(?<=\b[pnPN])\s?>\s?(?=[\d.])",
    " greater than ",
    "if a > b => if a greater than b",
    "n>100 => n greater than 100",
)
NOT_EQUAL = rule(
    "math.not_equal",
    "math",
    r"\s*(?:!=|≠)\s*",
    " not equal to ",
    "a ≠ b => a not equal to b",
    "if x != y => if x not equal to y",
)
ARROW = rule(
    "math.arrow_to",
    "math",
    r"\s*(?:→|->|⟶|⇒|=>)\s*",
    " to ",
    "London → Paris => London to Paris",
    "input -> output => input to output",
)
TIMES = rule(
    "math.times_sign",
    "math",
    r"(?<=[\w)])\s?×\s?(?=[\w(])|(?<=[\w)]) \* (?=[\w($])",
    " times ",
    "a × b => a times b",
    "(a+b)×c => (a plus b) times c",
    "about 2 * 3 lookups => about 2 times 3 lookups",
)
DIVIDED = rule(
    "math.divided_by",
    "math",
    r"(?<=[\w)])\s?÷\s?(?=[\w(])",
    " divided by ",
    "6 ÷ 2 => 6 divided by 2",
    "a÷b => a divided by b",
)
MINUS_SIGN = rule(
    "math.minus_sign",
    "math",
    r"(?:(?<=[\s(\[=:/])|^)(?:−\s?|[–-](?=\d)|(?<=[=(] )[–-] (?=\d))(?=\d|\.\d)",
    lambda m: "minus " if not re.search(r"\d\s*$", m.string[: m.start()]) else m.group(0),
    "a correlation (-0.52) which => a correlation (minus 0.52) which",
    "down to –12°C overnight => down to minus 12 degrees Celsius overnight",
    "the coefficient r = –0.34 means => the coefficient r equals minus 0.34 means",
)
LEADING_POINT = rule(
    "decimal.leading_point",
    "decimal",
    r"(?:(?<=[\s(=])|^)\.(\d+)\b(?!\.\d)",
    lambda m: "point " + " ".join(m.group(1)),
    "the correlation is .38 => the correlation is point 3 8",
    "alpha = .05 here => alpha equals point 0 5 here",
)
MINUS_IN_EQUATION = rule(
    "math.minus_in_equation",
    "math",
    r"(?<=[\w)])\s?[−-]\s?(?=[\w(]+\s?=)|(?<==\s)([\w)]+)\s?−\s?(?=[\w(])|(?<=[\w)])\s−\s(?=[\w(])",
    lambda m: f"{m.group(1) or ''} minus ",
    "7-3=4 => 7 minus 3 equals 4",
    "g = a − b => g equals a minus b",
)
EQUALS = rule(
    "math.equals",
    "math",
    r"(?<=[\w)²³])\s*=\s*(?=[\w(-])",
    " equals ",
    "x = 5 => x equals 5",
    "E=mc² => E equals m c squared",
)
PLUS_MINUS = rule(
    "math.plus_or_minus",
    "math",
    r"±\s?",
    "plus or minus ",
    "±2% => plus or minus 2%",
    "3 ± 0.5 => 3 plus or minus 0.5",
)
PLUS = rule(
    "math.plus",
    "math",
    r"(?<=[\w)])(?:\+| \+ )(?=[\w(])",
    " plus ",
    "a + b => a plus b",
    "2+2=4 => 2 plus 2 equals 4",
)
PLUS_AFTER = rule(
    "math.plus_after",
    "math",
    r"(?<=[\w%])\+(?=[\s,.;:)!?]|$)",
    " plus",
    "100k+ users => 100 thousand plus users",
    "ages 18+ only => ages 18 plus only",
)
APPROXIMATELY = rule(
    "math.approximately",
    "math",
    r"≈\s?",
    "approximately ",
    "total ≈ π => total approximately pi",
    "(≈ half) => (approximately half)",
)
INFINITY = rule(
    "math.infinity",
    "math",
    r"∞",
    "infinity",
    "from 0 to ∞ => from 0 to infinity",
    "∞ loop => infinity loop",
)
SQUARE_ROOT = rule(
    "math.square_root",
    "math",
    r"√\s?",
    "the square root of ",
    "√2 is irrational => the square root of 2 is irrational",
    "√ x => the square root of x",
)
PLUS_OR_MINUS_WRITTEN = rule(
    "math.plus_or_minus_written",
    "math",
    r"(?<!\S)\+/-\s?(?=\d)",
    "plus or minus ",
    "the accuracy is +/- 3% of => the accuracy is plus or minus 3% of",
    "within +/-0.5 mm => within plus or minus 0.5 millimeters",
)
IF_AND_ONLY_IF = rule(
    "math.if_and_only_if",
    "math",
    r"\biff\b",
    "if and only if",
    "f is increasing iff its derivative => f is increasing if and only if its derivative",
    "a set is closed iff => a set is closed if and only if",
)
_BOUND = {"O": "big O", "Θ": "big Theta", "Ω": "big Omega"}
BIG_O = rule(
    "math.big_o",
    "math",
    r"\b[OΘΩ] ?\(([^()]{1,40}(?:\([^()]{0,20}\))?[^()]{0,20})\)",
    lambda m: f"{_BOUND[m.group(0)[0]]} of {_complexity(m.group(1))}",
    "runs in O(log n) time => runs in big O of log n time",
    "the O(n^2) loop => the big O of n squared loop",
)


def _complexity(inner: str) -> str:
    """`n log n` stays; `n^2` -> "n squared"; `1` -> "1" (constant)."""
    inner = re.sub(r"\s*\^\s*", "^", inner.replace("*", " ").replace("·", " "))
    inner = re.sub(r"(?<=\b[a-zA-Z])([23])\b", r"^\1", inner)  # "O(n2)": a superscript lost in copying
    inner = (
        inner.replace("^2", " squared")
        .replace("²", " squared")
        .replace("^3", " cubed")
        .replace("³", " cubed")
    )
    return " ".join(inner.split())
