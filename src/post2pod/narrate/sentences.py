"""Sentence segmentation (pysbd, once per block) and splitting of over-long sentences."""

from __future__ import annotations

import re
from functools import lru_cache

import pysbd

MAX_SEGMENT_CHARS = 300
PYSBD_LANGUAGES = {"en", "it", "fr", "es", "de", "nl", "pt", "ru", "pl", "da", "el", "ja", "zh", "ar", "hi"}
_ENUMERATOR_RE = re.compile(r"\(([a-zA-Z]|[ivxIVX]{1,4}|\d{1,2})\)")
# Where a long sentence may be cut, best first.
CLAUSE_BREAKS = (re.compile(r"[;:]\s"), re.compile(r",\s"), re.compile(r"\s[–—-]\s|\)\s"), re.compile(r"\s"))


@lru_cache(maxsize=8)
def _segmenter(language: str) -> pysbd.Segmenter:
    return pysbd.Segmenter(language=language if language in PYSBD_LANGUAGES else "en", clean=False)


def split_sentences(text: str, language: str = "en") -> list[str]:
    """Split one block of normalised text into sentences (abbreviations, decimals, initials kept whole)."""
    text = text.strip()
    if not text:
        return []
    # pysbd cuts before "(a)", "(ii)", "(2)" as if they opened list items; inside running text
    # they are enumerations, so hide their brackets from it.
    text = _ENUMERATOR_RE.sub("\uf8f0\\1\uf8f1", text)
    try:
        parts = _segmenter(language).segment(text)
    except Exception:  # pysbd can trip over odd input; one sentence is a safe answer
        parts = [text]
    parts = [part.replace("\uf8f0", "(").replace("\uf8f1", ")") for part in parts]
    return [part.strip() for part in parts if part.strip()]


def split_long(sentence: str, limit: int = MAX_SEGMENT_CHARS) -> list[str]:
    """Cut a sentence longer than `limit` at clause boundaries, then at word boundaries."""
    pieces: list[str] = []
    rest = sentence.strip()
    while len(rest) > limit:
        cut = _cut_point(rest, limit)
        head, rest = rest[:cut].strip(), rest[cut:].strip()
        if head:
            pieces.append(head)
    if rest:
        pieces.append(rest)
    return pieces


def _cut_point(text: str, limit: int) -> int:
    floor = limit // 3
    for pattern in CLAUSE_BREAKS:
        ends = [
            m.start() + 1 for m in pattern.finditer(text, 0, limit + 1) if floor <= m.start() + 1 <= limit
        ]
        if ends:
            return ends[-1]
    return limit
