"""The words for math symbols, after ClearSpeak and MathSpeak: operators, relations, letters, sets,
function names and accents, keyed by the Unicode character MathML carries (and TeX produces)."""

from __future__ import annotations

GREEK = {
    "α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ε": "epsilon", "ϵ": "epsilon", "ζ": "zeta",
    "η": "eta", "θ": "theta", "ϑ": "theta", "ι": "iota", "κ": "kappa", "λ": "lambda", "μ": "mu",
    "ν": "nu", "ξ": "xi", "ο": "omicron", "π": "pi", "ϖ": "pi", "ρ": "rho", "ϱ": "rho", "σ": "sigma",
    "ς": "sigma", "τ": "tau", "υ": "upsilon", "φ": "phi", "ϕ": "phi", "χ": "chi", "ψ": "psi",
    "ω": "omega", "Γ": "Gamma", "Δ": "Delta", "Θ": "Theta", "Λ": "Lambda", "Ξ": "Xi", "Π": "Pi",
    "Σ": "Sigma", "Υ": "Upsilon", "Φ": "Phi", "Ψ": "Psi", "Ω": "Omega",
}  # fmt: skip

# Letters that stand for something as a whole (checked before NFKC folds them to plain letters).
NAMED_LETTERS = {
    "ℝ": "the real numbers", "ℕ": "the natural numbers", "ℤ": "the integers", "ℚ": "the rationals",
    "ℂ": "the complex numbers", "∅": "the empty set", "ℓ": "ell", "ℏ": "h bar", "∞": "infinity",
    "∂": "partial", "∇": "del", "ℵ": "aleph", "%": "percent", "°": "degrees", "…": "and so on",
    "⋯": "and so on", "⋮": "dot dot dot", "⋱": "dot dot dot", "⊤": "transpose", "⊥": "perpendicular",
    "#": "number", "&": "and", "✓": "check",
}  # fmt: skip
SET_LETTERS = {"ℝ": "R", "ℕ": "N", "ℤ": "Z", "ℚ": "Q", "ℂ": "C"}

OPERATORS = {
    "+": "plus", "-": "minus", "−": "minus", "–": "minus", "±": "plus or minus", "∓": "minus or plus",
    "×": "times", "·": "times", "⋅": "times", "∗": "times", "*": "times", "÷": "divided by",
    "/": "over", "∘": "composed with", "⊕": "circle plus", "⊗": "tensor", "⊙": "circle dot",
    "∪": "union", "∩": "intersection", "∖": "minus", "⧵": "minus", "∧": "and", "∨": "or", "¬": "not",
    "∀": "for all", "∃": "there exists", "∄": "there is no", "!": "factorial", "′": "prime",
    "″": "double prime", "‴": "triple prime", "'": "prime", "∴": "therefore", "∵": "because",
    "†": "dagger", "⋆": "star", "•": "times", "∠": "angle", "△": "triangle", "□": "", "∎": "",
    ",": ",", ";": ",", ".": "", "\u2061": "", "\u2062": "", "\u2063": "", "\u2064": "",
}  # fmt: skip

RELATIONS = {
    "=": "equals", "≠": "is not equal to", "<": "is less than", ">": "is greater than",
    "≤": "is less than or equal to", "⩽": "is less than or equal to", "≦": "is less than or equal to",
    "≥": "is greater than or equal to", "⩾": "is greater than or equal to",
    "≧": "is greater than or equal to", "≈": "is approximately", "≃": "is approximately equal to",
    "≅": "is congruent to", "≡": "is equivalent to", "≢": "is not equivalent to",
    "∝": "is proportional to", "≪": "is much less than", "≫": "is much greater than",
    "∼": "is similar to", "~": "is similar to", "∈": "is an element of", "∉": "is not an element of",
    "∋": "contains", "⊂": "is a subset of", "⊆": "is a subset of or equal to", "⊊": "is a proper subset of",
    "⊃": "is a superset of", "⊇": "is a superset of or equal to", "→": "to", "⟶": "to", "↦": "maps to",
    "⟼": "maps to", "⇒": "implies", "⟹": "implies", "⇔": "if and only if", "⟺": "if and only if",
    "↔": "if and only if", "←": "gets", "⟵": "gets", "≔": "is defined as", "≜": "is defined as",
    "≝": "is defined as", "∣": "divides", "∤": "does not divide", "∥": "is parallel to",
    "⊥": "is perpendicular to", "⊢": "proves", "⊨": "models", "≺": "precedes", "≻": "succeeds",
    ":=": "is defined as", "=:": "is defined as", "==": "equals", "!=": "is not equal to",
    "<=": "is less than or equal to", ">=": "is greater than or equal to", "≐": "equals",
}  # fmt: skip

# Operator names, as said before their argument ("sine x", "the determinant of A").
FUNCTIONS = {
    "sin": "sine", "cos": "cosine", "tan": "tangent", "cot": "cotangent", "sec": "secant",
    "csc": "cosecant", "arcsin": "arc sine", "arccos": "arc cosine", "arctan": "arc tangent",
    "sinh": "hyperbolic sine", "cosh": "hyperbolic cosine", "tanh": "hyperbolic tangent", "log": "log",
    "ln": "natural log", "lg": "log", "exp": "exp", "det": "determinant", "tr": "trace",
    "Tr": "trace", "dim": "dimension", "ker": "kernel", "deg": "degree", "gcd": "gcd", "lcm": "lcm",
    "Var": "variance", "Cov": "covariance", "Pr": "P", "sgn": "sign", "sign": "sign", "mod": "mod",
    "arg": "arg", "diag": "diag", "rank": "rank", "erf": "erf", "softmax": "softmax", "ReLU": "ReLU",
    "relu": "ReLU", "Re": "real part", "Im": "imaginary part",
}  # fmt: skip
# Operators whose script says what they range over: "the sum from i equals 1 to n of".
BIG_OPERATORS = {
    "∑": "sum", "∏": "product", "∫": "integral", "∬": "double integral", "∭": "triple integral",
    "∮": "contour integral", "⋃": "union", "⋂": "intersection", "lim": "limit", "max": "maximum",
    "min": "minimum", "sup": "supremum", "inf": "infimum", "argmax": "arg max", "argmin": "arg min",
    "limsup": "limit superior", "liminf": "limit inferior", "⨁": "direct sum",
}  # fmt: skip
INTEGRALS = {"∫", "∬", "∭", "∮"}
# Identifiers read as functions when a bracket follows ("f of x"), besides operator names.
FUNCTION_LETTERS = set("fghFGHPpqLNUφϕψσΦΓ") | {"ℙ", "𝔼", "E", "O", "ℓ"}

ACCENTS = {
    "^": "hat", "ˆ": "hat", "\u0302": "hat", "¯": "bar", "‾": "bar", "―": "bar", "_": "bar",
    "\u0304": "bar", "\u0305": "bar", "−": "bar", "~": "tilde", "˜": "tilde", "\u0303": "tilde",
    "˙": "dot", "\u0307": "dot", "¨": "double dot", "\u0308": "double dot", "→": "vector",
    "\u20d7": "vector", "⏞": "", "⏟": "", "︷": "", "︸": "", "⌢": "arc", "⌒": "arc",
}  # fmt: skip

# Brackets: opener -> closer, and how a group in them is said.
BRACKETS = {
    "(": ")",
    "[": "]",
    "{": "}",
    "⟨": "⟩",
    "〈": "〉",
    "⌊": "⌋",
    "⌈": "⌉",
    "|": "|",
    "‖": "‖",
    "∥": "∥",
}
BRACKET_NAMES = {
    "|": "the absolute value of",
    "‖": "the norm of",
    "∥": "the norm of",
    "⌊": "the floor of",
    "⌈": "the ceiling of",
    "⟨": "the inner product of",
    "〈": "the inner product of",
}
ELLIPSIS = "and so on"
QUANTIFIERS = {"for all", "there exists", "there is no"}
# Operators said differently between vectors (bold or arrowed letters) or after del: "del dot E".
VECTOR_OPERATORS = {"·": "dot", "⋅": "dot", "∙": "dot", "×": "cross"}
