"""Where a post's formulas are, and their TeX source: KaTeX annotations, MathML, MathJax scripts,
Pandoc's `span.math`, and raw `$…$` / `\\(…\\)` / `\\[…\\]` left in the text for MathJax to render.

Reading the TeX aloud is `math.speak_tex`'s job; this module only finds the source.
"""

from __future__ import annotations

import re

from bs4 import Tag

# Raw TeX in text. `$…$` follows Pandoc's rule (no space inside either dollar, no digit right after
# the closing one), so "$5 and $10" stays money.
RAW_TEX_RE = re.compile(
    r"\$\$(?P<display>.+?)\$\$"
    r"|\\\((?P<paren>.+?)\\\)"
    r"|\\\[(?P<bracket>.+?)\\\]"
    r"|(?<![\\$\w])\$(?P<inline>[^\s$](?:[^$\n]{0,200}?[^\s$\\])?)\$(?![\d$])",
    re.DOTALL,
)
_DELIMITERS_RE = re.compile(r"^\s*(?:\$\$|\$|\\\(|\\\[)(.*?)(?:\$\$|\$|\\\)|\\\])\s*$", re.DOTALL)
# MathML elements read as TeX: token elements give their text, layout elements a TeX command.
_TOKENS = ("mi", "mn", "mo", "mtext", "ms")


def tex_source(node: Tag) -> str:
    """The TeX a math element stands for ("" when it has none we can read)."""
    annotation = node.find("annotation", attrs={"encoding": re.compile("tex", re.I)}) or node.find(
        "annotation"
    )
    if annotation is not None:
        return annotation.get_text().strip()
    if node.get("alttext"):
        return str(node["alttext"]).strip()
    math = node if node.name == "math" else node.find("math")
    if math is not None:
        return mathml_tex(math)
    return strip_delimiters(node.get_text())


def strip_delimiters(text: str) -> str:
    """`\\(x^2\\)` or `$x^2$` -> `x^2`."""
    match = _DELIMITERS_RE.match(text)
    return (match.group(1) if match else text).strip()


def raw_tex(match: re.Match[str]) -> str:
    """The TeX inside a `RAW_TEX_RE` match."""
    return next(group for group in match.groups() if group is not None)


def mathml_tex(node: Tag) -> str:
    """Presentation MathML as the equivalent TeX (enough for `speak_tex`; unknown layouts give "")."""
    name = node.name
    children = [c for c in node.children if isinstance(c, Tag)]
    if name in _TOKENS:
        text = node.get_text().strip().replace("\u2212", "-")
        return f"\\{_TEX_NAMES[text]} " if text in _TEX_NAMES else text
    if name in ("math", "mrow", "semantics", "mstyle", "mpadded", "mphantom"):
        return " ".join(mathml_tex(c) for c in children if c.name != "annotation")
    parts = [mathml_tex(c) for c in children]
    if name == "msup" and len(parts) == 2:
        return f"{{{parts[0]}}}^{{{parts[1]}}}"
    if name == "msub" and len(parts) == 2:
        return f"{{{parts[0]}}}_{{{parts[1]}}}"
    if name == "mfrac" and len(parts) == 2:
        return f"\\frac{{{parts[0]}}}{{{parts[1]}}}"
    if name == "msqrt":
        return f"\\sqrt{{{' '.join(parts)}}}"
    if name == "mroot" and len(parts) == 2:
        return f"\\sqrt[{parts[1]}]{{{parts[0]}}}"
    return "\\unreadable"  # tables, under/over scripts...: too complex to read


_TEX_NAMES = {
    "π": "pi",
    "α": "alpha",
    "β": "beta",
    "γ": "gamma",
    "δ": "delta",
    "θ": "theta",
    "λ": "lambda",
    "μ": "mu",
    "σ": "sigma",
    "ϕ": "phi",
    "φ": "phi",
    "ω": "omega",
    "Δ": "Delta",
    "Σ": "Sigma",
    "Ω": "Omega",
    "×": "times",
    "⋅": "cdot",
    "·": "cdot",
    "≤": "leq",
    "≥": "geq",
    "≠": "neq",
    "≈": "approx",
    "∞": "infty",
    "±": "pm",
    "→": "to",
}
