"""The tag vocabulary every pass shares: headings, the block sets (one core and what each pass adds to
it), the placeholder tags cleaning leaves for the walk, and `classes()`, an element's class list."""

from __future__ import annotations

from bs4 import Tag

# Placeholder tags created by `clean` (an embed removed as a script) and announced by the walk.
CODE_PLACEHOLDER = "p2p-code"
MATH_PLACEHOLDER = "p2p-math"

HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
HEADING_LEVELS = {name: level for level, name in enumerate(HEADINGS, start=1)}

# The blocks every pass agrees on: running text never crosses their edges.
BLOCKS = frozenset(
    [
        *HEADINGS,
        "p",
        "div",
        "li",
        "dt",
        "dd",
        "blockquote",
        "pre",
        "table",
        "tr",
        "td",
        "th",
        "section",
        "article",
        "aside",
        "header",
        "footer",
        "figure",
        "figcaption",
        "main",
        "hr",
        "ul",
        "ol",
        "dl",
    ]
)
# Where flattening a too-deep nest starts a new paragraph (`clean`): the blocks and a line break.
PARAGRAPH_BREAKS = BLOCKS | {"br"}
# The block a footnote marker's running text stands in (`notes`): the blocks, the page's roots, a
# table's row groups and a disclosure widget.
TEXT_BLOCKS = BLOCKS | {"html", "body", "thead", "tbody", "details", "summary"}
# What the block walk reads as blocks of its own rather than as part of a sentence: the text blocks,
# the other containers HTML has, embedded media and players, and the code placeholder.
WALK_BLOCKS = TEXT_BLOCKS | {
    "address",
    "caption",
    "center",
    "fieldset",
    "hgroup",
    "legend",
    "noscript",
    "tfoot",
    "iframe",
    "video",
    "audio",
    "object",
    "embed",
    "picture",
    "lite-youtube",
    CODE_PLACEHOLDER,
}
# The top of a parsed page: a walk up from an element stops here.
ROOTS = frozenset({"html", "body", "[document]"})


def classes(tag: Tag) -> list[str]:
    """The element's classes, as a list whatever the parser gave (the one copy narration uses)."""
    value: str | list[str] = tag.get("class") or []
    return [value] if isinstance(value, str) else list(value)
