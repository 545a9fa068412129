"""The user's pronunciation lexicon: whole-word replacements applied after normalisation."""

from __future__ import annotations

import re
from functools import lru_cache

Entries = tuple[tuple[str, str], ...]


@lru_cache(maxsize=16)
def _compiled(entries: Entries) -> tuple[re.Pattern[str], dict[str, str], dict[str, str]]:
    exact = {word.strip(): spoken for word, spoken in entries if word.strip()}
    folded: dict[str, str] = {}
    for word, spoken in exact.items():
        folded.setdefault(word.casefold(), spoken)
    words = sorted(exact, key=len, reverse=True)
    pattern = re.compile(rf"(?<![\w\[])(?:{'|'.join(map(re.escape, words))})(?![\w\]])", re.IGNORECASE)
    return pattern, exact, folded


def apply_lexicon(text: str, entries: Entries) -> str:
    """Replace each lexicon word (same case first, else any case) by its respelling, in one pass.

    A replacement may be Piper phonemes in `[[ ... ]]`; they are passed through untouched.
    """
    if not entries or not any(word.strip() for word, _ in entries):
        return text
    pattern, exact, folded = _compiled(tuple(entries))

    def replace(match: re.Match[str]) -> str:
        found = match.group(0)
        return exact.get(found, folded.get(found.casefold(), found))

    return pattern.sub(replace, text)
