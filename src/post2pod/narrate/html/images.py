"""Images and figures: whether an alt text or a caption describes the picture (not a file name, a
credit or a placeholder), and whether a figure is more than its picture."""

from __future__ import annotations

import re

from bs4 import Tag

from post2pod.narrate.html.tags import classes

_FILE_ALT_RE = re.compile(
    r"^[\w\-. ]+\.(?:png|jpe?g|gif|svg|webp|bmp|tiff?|avif|heic)$"
    r"|^(?:img|image|dsc|dscn|pxl|screenshot|photo|pic)[-_ ]?\d|^[\w-]*[_-]\d[\w-]*$"
    r"|^(?:screen ?shot|bildschirmfoto|schermata)\b|^(?:image|figure|fig|photo|picture|img)\.? ?\d+$"
    r"|^(?:image|photo|picture|img|figure|screenshot|logo|icon|banner|header|thumbnail|avatar|spacer|pixel|untitled)$",
    re.IGNORECASE,
)
# Alt texts that say there is none (Jupyter writes the first for every plot).
_NO_DESCRIPTION_RE = re.compile(
    r"^\W*no (?:description|alt(?:ernative)? text|caption)\b"
    r"|^\W*(?:image|photo|picture) (?:description|alt text)\W*$",
    re.IGNORECASE,
)
_CREDIT_RE = re.compile(
    r"^\W*(?:(?:photo|image|picture|illustration|cover|header)(?: image| photo)?\s+(?:by|via|courtesy of)\b"
    r"|(?:photo |image )?(?:credit|source)s?\s*:)[^.!?]{0,80}[.!]?$",
    re.IGNORECASE,
)
_NON_SPACED_RE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")  # scripts written without spaces
_WS_RE = re.compile(r"\s+")


def meaningful_alt(image: Tag) -> str:
    """The alt text of an image if it says something (not empty, not a file name, not an emoji)."""
    if str(image.get("role") or "") == "presentation" or "emoji" in " ".join(classes(image)):
        return ""
    alt = _WS_RE.sub(" ", str(image.get("alt") or "")).strip()
    if len(alt) < 3 or _FILE_ALT_RE.match(alt) or not re.search(r"[^\W\d_]{2}", alt):
        return ""
    if _is_slug(alt) or _NO_DESCRIPTION_RE.match(alt):
        return ""
    # one word ("tweet", "fig10", "cerebras") names the file, not what the picture shows
    if len(re.findall(r"[^\W\d_]{2,}", alt)) < 2 and not _NON_SPACED_RE.search(alt):
        return ""
    return alt


def _is_slug(alt: str) -> bool:
    """`sunset_final_v2`, `header-image-dark-mode`: a file name, not a description."""
    return not re.search(r"\s", alt) and ("_" in alt or alt.count("-") >= 2)


def is_credit(text: str) -> bool:
    """ "Photo by Jane on Unsplash": a credit, not a description."""
    return bool(_CREDIT_RE.match(text))


def has_prose(figure: Tag, caption: Tag | None) -> bool:
    """A figure with paragraphs of its own beside its image (not just a `p` wrapping the image)."""
    for p in figure.find_all("p"):
        if caption is not None and caption in p.parents:
            continue
        if p.get_text(strip=True):
            return True
    return False


def same_words(a: str, b: str) -> bool:
    """Whether one text says what the other does (equal, or one contains the other)."""
    x, y = sorted((" ".join(re.findall(r"[^\W_]+", t.lower())) for t in (a, b)), key=len)
    return bool(x) and x in y and len(y.split()) <= len(x.split()) + 3
