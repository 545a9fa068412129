"""Characters every language cleans up the same way before anything is read: HTML entities (also
double-escaped), smart quotes, odd spaces, emoji and control characters."""

from __future__ import annotations

import html
import re
import unicodedata

_ENTITY_RE = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_EMOJI_RE = re.compile(
    "[\U0001f000-\U0001faff\U0001fc00-\U0001ffff\u2600-\u27bf\u2b00-\u2bff\u2300-\u23ff"
    "\ufe00-\ufe0f\u200d\u20e3\U000e0000-\U000e007f\u2900-\u297f\u25a0-\u25ff]"
)
QUOTES = str.maketrans(
    {
        "‘": "'",
        "’": "'",
        "‚": "'",
        "‛": "'",
        "′": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "‟": '"',
        "«": '"',
        "»": '"',
        "″": '"',
        "\u00a0": " ",
        "\u202f": " ",
        "\u2009": " ",
        "\u2007": " ",
        "\u2002": " ",
        "\u2003": " ",
        "\u3000": " ",
        "\t": " ",
        "⁄": "/",  # the fraction slash: "1⁄2" is "1/2"
        "\n": " ",
    }
)


def clean_text(text: str) -> str:
    """Entities (also double-escaped), smart quotes, odd spaces, emoji and control characters."""
    for _ in range(3):
        if not _ENTITY_RE.search(text):
            break
        text = html.unescape(text)
    text = text.translate(QUOTES)
    text = _EMOJI_RE.sub("", text)
    text = "".join(c for c in text if not _is_control(c))
    return re.sub(r" {2,}", " ", text)


def _is_control(char: str) -> bool:
    category = unicodedata.category(char)
    return category in ("Cc", "Cf", "Cs") and char not in "\n"
