"""Small text helpers shared by the feed and the page: XML-safe text, URLs, durations, dates, and
descriptions cut to fit."""

from __future__ import annotations

import re
from datetime import datetime
from urllib.parse import quote

# Characters XML 1.0 forbids (C0 controls but tab/newline/CR, surrogates, U+FFFE/U+FFFF),
# plus the C1 controls it discourages; lxml refuses the first kind outright.
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
MAX_DESCRIPTION_BYTES = 4000  # Apple Podcasts' limit for a description
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def clean(text: str | None) -> str:
    """`text` without characters that are invalid (or discouraged) in XML; None gives ""."""
    return _INVALID_XML.sub("", text or "")


def url_for(base_url: str, relative: str) -> str:
    """Public URL of a file in the output folder: base URL + the URL-quoted relative path."""
    base = clean(base_url).strip()
    if not base.endswith("/"):
        base += "/"
    return base + "/".join(quote(part, safe="") for part in relative.strip("/").split("/"))


def format_duration(ms: int) -> str:
    """`m:ss` or `h:mm:ss`, as podcast apps show it."""
    minutes, seconds = divmod(max(0, round(ms / 1000)), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"


def format_date(moment: datetime) -> str:
    """`23 Nov 2026`, independent of the locale."""
    return f"{moment.day} {_MONTHS[moment.month - 1]} {moment.year}"


def truncate_utf8(text: str, limit: int = MAX_DESCRIPTION_BYTES) -> str:
    """`text` cut at a word boundary (with an ellipsis) so that it fits in `limit` UTF-8 bytes."""
    if len(text.encode("utf-8")) <= limit:
        return text
    cut = text.encode("utf-8")[: limit - len("…".encode())].decode("utf-8", "ignore")
    head, _, _ = cut.rpartition(" ")
    return (head or cut).rstrip(" ,;:.-") + "…"
