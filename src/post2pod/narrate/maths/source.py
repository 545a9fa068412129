"""Where a post's formulas are and what they are written in: MathML (KaTeX, MathJax, hand-written),
TeX in annotations, MathJax scripts, Pandoc's `span.math`, and raw `$…$`, `\\(…\\)`, `\\[…\\]`,
`$$…$$` or `\\begin{align}…\\end{align}` left in the text for MathJax to render.

TeX is tidied here for the parser: numbering and labels dropped, environments it does not know
mapped onto `align*`, which it does.
"""

from __future__ import annotations

import re

from bs4 import Tag

# Display environments MathJax renders from raw text.
_ENVIRONMENTS = r"(?:equation|align|alignat|gather|eqnarray|multline|flalign|displaymath)\*?"
# Raw TeX in text, each part bounded so that a stray delimiter costs linear time. `$…$` follows
# Pandoc's rule (no space inside either dollar, no digit right after the closing one), so
# "$5 and $10" stays money.
MAX_DISPLAY_CHARS = 20_000  # longer displayed TeX is found by `overlong_display_tex` instead
RAW_TEX_RE = re.compile(
    rf"\$\$(?P<display>[^$]{{1,{MAX_DISPLAY_CHARS}}}?)\$\$"
    rf"|(?P<environment>\\begin\{{(?P<name>{_ENVIRONMENTS})\}}.{{1,{MAX_DISPLAY_CHARS}}}?\\end\{{(?P=name)\}})"
    r"|\\\((?P<paren>.{1,5000}?)\\\)"
    rf"|\\\[(?P<bracket>.{{1,{MAX_DISPLAY_CHARS}}}?)\\\]"
    r"|(?<![\\$\w])\$(?P<inline>(?:\\\$|[^\s$])(?:(?:\\\$|[^$\n]){0,200}?[^\s$\\])?)\$(?![\d$])",
    re.DOTALL,
)
_DELIMITERS_RE = re.compile(r"^\s*(?:\$\$|\$|\\\(|\\\[)(.*?)(?:\$\$|\$|\\\)|\\\])\s*$", re.DOTALL)
_NUMBERING_RE = re.compile(r"\\(?:label|tag\*?|eqref|ref)\s*\{[^{}]{0,200}\}|\\(?:nonumber|notag)\b")
_ROW_SPACING_RE = re.compile(r"\\\\\s*\[[^\]]{0,20}\]")
_SINGLE_RE = re.compile(r"\\(begin|end)\{(?:equation|displaymath|math)\*?\}")
_ALIGNED_RE = re.compile(
    r"\\(begin|end)\{(?:gather|eqnarray|flalign|aligned|gathered|alignat|alignedat)\*?\}"
)
_ALIGNAT_COLUMNS_RE = re.compile(r"(\\begin\{align\*\})\s*\{\d+\}")
_MULTLINE_RE = re.compile(r"\\begin\{multline\*?\}(.*?)\\end\{multline\*?\}", re.DOTALL)
_OPERATOR_NAME_RE = re.compile(
    r"\\operatorname\*?\{([^{}]{1,40})\}|\\arg\s*\\(max|min)(?![A-Za-z])|\\arg(?![A-Za-z])"
)
# amsmath and mathtools commands the parser does not know, as ones it does.
_ALIASES = {
    "implies": "\\Longrightarrow",
    "impliedby": "\\Longleftarrow",
    "coloneqq": ":=",
    "eqqcolon": "=:",
    "dd": "d",
    "mathop": "",
    "limits": "",
    "nolimits": "",
}
_ALIAS_RE = re.compile(r"\\(" + "|".join(_ALIASES) + r")(?![A-Za-z])")
_TEX_ENCODINGS = re.compile("tex", re.IGNORECASE)
_TRAILING_PUNCTUATION_RE = re.compile(r"(?<!\\)[,.;]\s*$")  # "…, x^2." ends a sentence, not the formula


def formula_source(node: Tag) -> Tag | str:
    """What a math element of the post says: its `<math>` tree when it has one, else its TeX."""
    math = node if node.name == "math" else node.find("math")
    if isinstance(math, Tag) and _has_tokens(math):
        return math
    annotation = node.find("annotation", attrs={"encoding": _TEX_ENCODINGS}) or node.find("annotation")
    if annotation is not None:
        return annotation.get_text().strip()
    if node.get("alttext"):
        return str(node["alttext"]).strip()
    return strip_delimiters(node.get_text())


def tex_of(node: Tag) -> str:
    """The TeX a math element carries in an annotation or `alttext` ("" when none)."""
    annotation = node.find("annotation", attrs={"encoding": _TEX_ENCODINGS})
    if annotation is not None:
        return annotation.get_text().strip()
    return str(node.get("alttext") or "").strip()


def _has_tokens(math: Tag) -> bool:
    return math.find(["mi", "mn", "mo", "mtext"]) is not None


def strip_delimiters(text: str) -> str:
    """`\\(x^2\\)` or `$x^2$` -> `x^2`."""
    match = _DELIMITERS_RE.match(text)
    return (match.group(1) if match else text).strip()


_DISPLAY_OPENER_RE = re.compile(rf"\$\$|\\\[|\\begin\{{({_ENVIRONMENTS})\}}")


def overlong_display_tex(text: str, limit: int = MAX_DISPLAY_CHARS) -> list[tuple[int, int]]:
    """Spans of displayed TeX (`$$…$$`, `\\[…\\]`, an environment) longer than `RAW_TEX_RE`'s bounds:
    still formulas, to summarise, never to read out as markup. One pass: each closer is searched for
    once per place it is found, so a page of unclosed openers stays linear."""
    spans: list[tuple[int, int]] = []
    next_closer: dict[str, int] = {}  # closer -> where it next stands (-1: nowhere after)
    done = 0
    for opener in _DISPLAY_OPENER_RE.finditer(text):
        if opener.start() < done:
            continue
        token = opener.group(0)
        closer = "$$" if token == "$$" else "\\]" if token == "\\[" else f"\\end{{{opener.group(1)}}}"
        at = next_closer.get(closer, -2)
        if at == -1:
            continue
        if at < opener.end():
            at = text.find(closer, opener.end())
            next_closer[closer] = at
            if at < 0:
                continue
        end = at + len(closer)
        if end - opener.start() > limit:
            spans.append((opener.start(), end))
            done = end
    return spans


def raw_tex(match: re.Match[str]) -> tuple[str, bool]:
    """The TeX inside a `RAW_TEX_RE` match, and whether it is displayed."""
    if match.group("inline") is not None:
        return match.group("inline"), False
    if match.group("paren") is not None:
        return match.group("paren"), False
    return match.group("display") or match.group("environment") or match.group("bracket") or "", True


def tidy_tex(tex: str) -> str:
    """TeX as latex2mathml reads it: no labels or numbering, environments it knows."""
    tex = _NUMBERING_RE.sub(" ", tex)
    tex = _ROW_SPACING_RE.sub(r"\\\\", tex)
    tex = _MULTLINE_RE.sub(lambda m: m.group(1).replace("\\\\", " "), tex)
    tex = _SINGLE_RE.sub(" ", tex)
    tex = _ALIGNED_RE.sub(lambda m: f"\\{m.group(1)}{{align*}}", tex)
    tex = _ALIGNAT_COLUMNS_RE.sub(r"\1", tex)
    tex = tex.replace("&=&", "&=").replace("& = &", "&=")
    tex = _OPERATOR_NAME_RE.sub(_operator_name, tex)
    tex = _ALIAS_RE.sub(lambda m: _ALIASES[m.group(1)], tex)
    return _TRAILING_PUNCTUATION_RE.sub("", tex).strip()


def _operator_name(match: re.Match[str]) -> str:
    """`\\operatorname*{arg\\,max}`, `\\arg\\max` -> `\\operatorname{argmax}`: one name the parser knows."""
    name = match.group(1) or "arg" + (match.group(2) or "")
    return "\\operatorname{" + re.sub(r"\\[,;: !]|\s", "", name) + "}"
