"""What an element of a post is, as the block walk sees it: a block or inline, code, math (displayed
or inline), a bibliography, a table's header row, an embedded player, a quotation's source."""

from __future__ import annotations

import re

from bs4 import Tag

from post2pod.narrate.html.tags import CODE_PLACEHOLDER, MATH_PLACEHOLDER, WALK_BLOCKS, classes

_CODE_CLASS_RE = re.compile(
    r"^(?:highlight|highlighttable|sourceCode|codehilite|code-block|gist|highlighter-rouge|syntaxhighlighter"
    r"|wp-block-code|hljs|prism|language-\w+|code-toolbar|codeblock|listingblock)$"
)
_MATH_CLASS_RE = re.compile(r"^(?:katex|katex-display|MathJax|MathJax_Display|MathJax_SVG|math|mjx-chtml)$")
_DISPLAY_TEX_RE = re.compile(r"\s*(?:\\\[|\$\$|\\begin\{)")  # TeX delimited as a displayed formula
_VIDEO_RE = re.compile(
    r"youtube|youtu\.be|vimeo|dailymotion|loom\.com|twitch|ted\.com|wistia|\.mp4|\.webm", re.I
)
_AUDIO_RE = re.compile(r"soundcloud|spotify|bandcamp|anchor\.fm|podcasts\.apple|\.mp3|\.ogg|\.m4a", re.I)
_CODE_EMBED_RE = re.compile(r"codepen|jsfiddle|codesandbox|replit|glitch\.com|gist\.github", re.I)
_ATTRIBUTION_DASH_RE = re.compile(r"^[\s\-–—―~]+")
MAX_ATTRIBUTION_CHARS = 120


def is_block(tag: Tag) -> bool:
    """Whether the walk reads `tag` as blocks of its own rather than as part of a sentence."""
    return tag.name in WALK_BLOCKS or is_code(tag) or is_display_math(tag) or tag.name == "dl"


def is_code(tag: Tag) -> bool:
    """A code listing: `pre`, a highlighter's wrapper, or inline `code` broken into lines."""
    if tag.name in ("pre", CODE_PLACEHOLDER):
        return True
    if tag.name in ("div", "figure", "table", "section") and any(
        _CODE_CLASS_RE.match(c) for c in classes(tag)
    ):
        return True
    if tag.name == "table" and tag.find("pre") is not None:
        return True
    return (
        tag.name == "code"
        and tag.find("br") is not None
        and tag.parent is not None
        and tag.parent.name != "pre"
    )


def is_math(tag: Tag) -> bool:
    """A formula: MathML, KaTeX, MathJax or the cleaner's math placeholder."""
    return tag.name in ("math", MATH_PLACEHOLDER, "mjx-container") or any(
        _MATH_CLASS_RE.match(c) for c in classes(tag)
    )


def is_display_math(tag: Tag) -> bool:
    """A formula shown on its own line."""
    if not is_math(tag):
        return False
    names = classes(tag)
    return (
        str(tag.get("display") or "") in ("block", "true")
        or "katex-display" in names
        or "MathJax_Display" in names
        or ("math" in names and "display" in names)
        or (tag.name != "math" and _DISPLAY_TEX_RE.match(tag.get_text()) is not None)  # `\[…\]` for MathJax
    )


def is_references(tag: Tag) -> bool:
    """A bibliography (Pandoc's `#refs`, CSL's `csl-bib-body`)."""
    names = classes(tag)
    return (
        str(tag.get("id") or "") in ("refs", "references", "bibliography")
        or "csl-bib-body" in names
        or "references" in names
        or "bibliography" in names
    )


def is_header_row(row: Tag) -> bool:
    """A table row of `th` cells, or one inside `thead`."""
    cells = row.find_all(["th", "td"], recursive=False)
    return bool(cells) and (all(c.name == "th" for c in cells) or row.find_parent("thead") is not None)


def embed_kind(tag: Tag) -> str:
    """What an embedded player plays: "video", "audio", "code" (a sandbox like CodePen) or ""."""
    sources = " ".join(
        str(t.get(a) or "")
        for t in [tag, *tag.find_all(["source", "embed"])]
        for a in ("src", "data-src", "videoid")
    )
    if tag.name in ("video", "lite-youtube") or _VIDEO_RE.search(sources):
        return "video"
    if tag.name == "audio" or _AUDIO_RE.search(sources):
        return "audio"
    if _CODE_EMBED_RE.search(sources):
        return "code"
    return ""


def quote_source(quote: Tag) -> Tag | None:
    """The element that names a quotation's source: a `footer`, a `cite` or a last "— Name" line."""
    children = [c for c in quote.children if isinstance(c, Tag)]
    for child in reversed(children):
        if child.name in ("footer", "cite", "figcaption"):
            return child
        break
    if len(children) >= 2:
        last = children[-1]
        text = last.get_text(" ", strip=True)
        if last.name == "p" and _ATTRIBUTION_DASH_RE.match(text) and len(text) <= MAX_ATTRIBUTION_CHARS:
            return last
    return None


def source_name(text: str) -> str:
    """ "Alan Kay" from "— Alan Kay." (dashes and the full stop trimmed; "" when too long for a name)."""
    text = _ATTRIBUTION_DASH_RE.sub("", text).strip().rstrip(".")
    return text if 0 < len(text) <= MAX_ATTRIBUTION_CHARS else ""
