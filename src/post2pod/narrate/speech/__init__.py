"""Speech: a text normaliser of named rules over semiotic classes (see shared/design/SPEECH.md).

    tokenise -> classify -> verbalise

`normalize` cleans a block's characters (entities, quotes, spaces, emoji), cuts it into pieces at
sentence or word boundaries (so no rule ever sees more than a few thousand characters: every rule
stays linear in the post's length), and runs the language's ordered table over each piece. Each
`Rule` is a classifier (its pattern and the context it checks) and a verbaliser for one semiotic
class; the table (`english.ENGLISH`, `languages.table_for`) says which wins where two could read the
same span. Pass a `trace` list to learn which rule rewrote which span (`post2pod script --explain`).
Footnote markers (private-use characters) pass through untouched.
"""

from __future__ import annotations

import re
from functools import cache

from post2pod.narrate.speech.characters import clean_text
from post2pod.narrate.speech.rule import Rewrite, Rule, Trace, apply_rules

__all__ = ["Rewrite", "Rule", "Trace", "normalize", "table", "tidy"]

MAX_PIECE = 2000  # characters one run of the table sees at most

# Where sentences start, and whether with a number ("1860 was...", "+44 20..."), which the
# rules turn into lower-case words: those get their capital back.
_SENTENCE_START_RE = re.compile(r"(?:^|(?<=[.!?]\s))[\"'(]?(?:([\d+])|\S)")
_PIECE_END_RE = re.compile(r"[.!?][\"')\]]*\s+(?=[\"'(]?[A-Z\d])")


def base_language(language: str) -> str:
    """`pt-BR` -> "pt"; empty -> "en"."""
    return (language or "en").split("-")[0].lower()


@cache
def table(language: str) -> tuple[Rule, ...]:
    """The ordered rules for `language` ("en", "de", "pt-BR"...); other languages get the shared ones."""
    base = base_language(language)
    if base == "en":
        from post2pod.narrate.speech.english import ENGLISH

        return tuple(ENGLISH)
    from post2pod.narrate.speech.languages import table_for

    return tuple(table_for(base))


def normalize(text: str, language: str = "en", trace: Trace | None = None) -> str:
    """Rewrite `text` (one block, markers allowed) into what should be spoken in `language`."""
    text = clean_text(text)
    english = base_language(language) == "en"
    number_starts = [m.group(1) is not None for m in _SENTENCE_START_RE.finditer(text)] if english else []
    rules = table(language)
    text = "".join(apply_rules(rules, piece, trace) for piece in pieces(text))
    if english:
        text = _capitalise_number_starts(text, number_starts)
    return tidy(text).rstrip(",")


def pieces(text: str, limit: int = MAX_PIECE) -> list[str]:
    """`text` cut into runs of at most about `limit` characters, at a sentence end where there is
    one, else at a space, else anywhere (a megabyte with no space is still read in linear time)."""
    if len(text) <= limit:
        return [text]
    result = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        ends = [m.end() for m in _PIECE_END_RE.finditer(window)]
        cut = ends[-1] if ends else window.rfind(" ", limit // 2) + 1
        if cut <= 0:
            cut = limit
        result.append(text[start : start + cut])
        start += cut
    result.append(text[start:])
    return result


def _capitalise_number_starts(text: str, number_starts: list[bool]) -> str:
    starts = list(_SENTENCE_START_RE.finditer(text))
    if len(starts) != len(number_starts):
        starts, number_starts = starts[:1], number_starts[:1]
    chars = list(text)
    for match, was_number in zip(starts, number_starts, strict=False):
        letter = match.end() - 1
        if was_number and chars[letter].islower():
            chars[letter] = chars[letter].upper()
    return "".join(chars)


def tidy(text: str) -> str:
    """Collapse spaces and drop spaces before punctuation."""
    text = re.sub(r"<([^<>\s]{1,40})>", r" \1 ", text)
    text = re.sub(r"(?<=\w)_+(?=\w)", " ", text)
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"\s+([,.;:!?)\]])(?!\w)", r"\1", text)
    text = re.sub(r"([(\[])\s+", r"\1", text)
    text = re.sub(r"\(\s*\)|\[\s*\]", "", text)
    return text.strip()
