"""Sentence segmentation (pysbd, once per block) and splitting of over-long sentences."""

from __future__ import annotations

import re
from functools import lru_cache

import pysbd

from post2pod.narrate.speech import pieces

SPEAKABLE_RE = re.compile(r"[^\W_]")  # a letter or a digit: something to say

MAX_SEGMENT_CHARS = 300
# pysbd's abbreviation scan is quadratic in the text it is given: a run of a thousand "a." costs a
# million steps per piece, so it sees pieces of a few sentences (cut at sentence ends where there are)
PYSBD_PIECE = 600
# What pysbd cuts at: sentence ends, list items ("1)", "a)"), carriage returns.
_MAY_END_RE = re.compile(r"[.!?…)\r。！？]")
MIN_TAIL_CHARS = 40
PYSBD_LANGUAGES = {"en", "it", "fr", "es", "de", "nl", "pt", "ru", "pl", "da", "el", "ja", "zh", "ar", "hi"}

# Abbreviations that pysbd may take for a sentence end. After these, a piece that starts with a
# lower-case letter or a digit continues the sentence ("on Mon. the 3rd", "vol. 2", "Cf. the U.S.").
ABBREVIATIONS = frozenset(
    [
        "mon",
        "tue",
        "tues",
        "wed",
        "thu",
        "thur",
        "thurs",
        "fri",
        "sat",
        "sun",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "vol",
        "vols",
        "no",
        "nos",
        "p",
        "pp",
        "fig",
        "figs",
        "eq",
        "eqs",
        "sec",
        "secs",
        "ch",
        "chap",
        "cf",
        "approx",
        "ca",
        "c",
        "vs",
        "al",
        "inc",
        "ltd",
        "co",
        "corp",
        "e.g",
        "i.e",
        "ed",
        "eds",
        "ibid",
        "op",
        "cit",
        "dept",
        "est",
        "avg",
        "ref",
        "refs",
        "art",
        "para",
        "ex",
        "viz",
        "resp",
        "incl",
        "excl",
        "misc",
        "n.b",
        "tab",
        "app",
        "ps",
        "nr",
        "jr",
        "sr",
        "st",
        "ave",
        "rd",
        "dr",
        "mr",
        "mrs",
        "ms",
        "prof",
        "rev",
        "gen",
        "col",
        "lt",
        "sgt",
        "capt",
        "hon",
        "gov",
        "sen",
        "rep",
        "univ",
        # short forms of table headers and measurements ("Max rel. error", "std. dev.", "temp. range")
        "rel",
        "abs",
        "std",
        "dev",
        "temp",
        "max",
        "min",
        "qty",
        "diff",
        "var",
        "coef",
        "corr",
        "pct",
        "hr",
        "hrs",
        "yr",
        "yrs",
        "wk",
        "mo",
    ]
)
# ...and after these the next piece never starts a new sentence (a name or a number follows).
ALWAYS_CONTINUE = frozenset(
    ["fig", "figs", "vol", "vols", "pp", "eq", "eqs", "cf", "dr", "mr", "mrs", "ms", "prof"]
)
# ...and after these only when a number follows ("No. 5"; but "No. Yes." is two answers).
NUMBER_FOLLOWS = frozenset(["no", "nos"])
_LAST_WORD_RE = re.compile(r"(?:^|[\s(\"'])([A-Za-z]+(?:\.[A-Za-z]+)*)\.$")

# Where a long sentence may be cut, best first: the cut goes after the match.
CLAUSE_BREAKS = (
    re.compile(r"[;:](?=\s)"),
    re.compile(r",(?=\s)"),
    re.compile(r"\s[–—-](?=\s)|\)(?=\s)"),
    re.compile(r"(?=\s(?:and|but|or|so|yet|because|which|while|whereas|although|though|where|when|who)\s)"),
)
# "…in Appendix B. See also…": a letter that labels a part ends the sentence (pysbd takes it for an
# initial, as in "John F. Kennedy").
_LETTER_LABEL_END_RE = re.compile(
    r"\b(?:Appendix|Section|Part|Table|Figure|Exhibit|Annex|Plan|Option|Type|Class|Group|Vitamin) [A-Z]\."
    r"(?=\s+[A-Z][a-z])"
)
_OPENERS = {"(": ")", "[": "]", "{": "}"}
_ENUMERATOR_RE = re.compile(r"\(([a-zA-Z]|[ivxIVX]{1,4}|\d{1,2})\)")


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
    parts = []
    for piece in pieces(text, PYSBD_PIECE):
        if not _MAY_END_RE.search(piece):
            parts.append(piece)  # nothing pysbd could cut at: one sentence, without its costly scans
            continue
        try:
            parts += _in_text(_segmenter(language).processor(piece).process(), piece)
        except Exception:  # pysbd can trip over odd input; one sentence is a safe answer
            parts.append(piece)
    parts = [part.replace("\uf8f0", "(").replace("\uf8f1", ")") for part in parts]
    parts = [piece for part in parts for piece in _split_after_letter_labels(part)]
    parts = _numbers_end_sentences(parts)
    return _rejoin_abbreviations([part.strip() for part in parts if part.strip()])


_LEADING_NUMBER_RE = re.compile(r"(\d{1,3}\.)\s+(?=\S)")


def _numbers_end_sentences(parts: list[str]) -> list[str]:
    """pysbd takes "by 1. Then" for a list item "1." opening a sentence; after a word that a sentence
    cannot end on ("rose by"), the number ends the sentence before ("It rose by 1." / "Then…").
    After a colon or a full stop it is an item number and stays."""
    out: list[str] = []
    for part in parts:
        number = _LEADING_NUMBER_RE.match(part)
        if out and number and re.search(r"[^\W\d_]\s*$", out[-1]):
            out[-1] = out[-1].rstrip() + " " + number.group(1)
            part = part[number.end() :]
        out.append(part)
    return out


def _split_after_letter_labels(text: str) -> list[str]:
    ends = [m.end() for m in _LETTER_LABEL_END_RE.finditer(text)]
    return [text[a:b] for a, b in zip([0, *ends], [*ends, len(text)], strict=True)]


def _in_text(sentences: list[str], text: str) -> list[str]:
    """The sentences pysbd found, as they stand in `text`, in order (what `Segmenter.segment` keeps).

    pysbd locates each sentence with a regular expression made from it, one new pattern per sentence,
    which floods `re`'s cache and makes every other pattern in narration compile again; a plain
    search finds the same spans.
    """
    found: list[str] = []
    end_of_previous = 0
    start_of_previous = 0
    for sentence in sentences:
        # sentences come in order, so the search starts at the previous one (a piece of a thousand
        # "a." sentences is not searched from its start a thousand times)
        start = start_of_previous
        while (at := text.find(sentence, start)) >= 0:
            end = at + len(sentence)
            while end < len(text) and text[end].isspace():
                end += 1
            if end > end_of_previous:
                found.append(text[at:end])
                end_of_previous, start_of_previous = end, at
                break
            start = end if end > at else at + 1
    return found


def _rejoin_abbreviations(parts: list[str]) -> list[str]:
    """Undo splits that pysbd made right after an abbreviation."""
    result: list[str] = []
    for part in parts:
        if result and _continues(result[-1], part):
            result[-1] = f"{result[-1]} {part}"
        else:
            result.append(part)
    return result


def _continues(previous: str, following: str) -> bool:
    match = _LAST_WORD_RE.search(previous)
    if match is None:
        return False
    word = match.group(1).lower()
    if word in ALWAYS_CONTINUE:
        return True
    if word in NUMBER_FOLLOWS:
        return following[:1].isdigit()
    return word in ABBREVIATIONS and bool(re.match(r"[\"'(]?[a-z0-9]", following))


def split_long(sentence: str, limit: int = MAX_SEGMENT_CHARS) -> list[str]:
    """Cut a sentence longer than `limit` at clause boundaries outside brackets and quotes."""
    pieces: list[str] = []
    rest = sentence.strip()
    while len(rest) > limit:
        # a few words over the limit: cut earlier rather than strand them ("…, Das, / 2013.")
        cut = _cut_point(rest, min(limit, max(limit // 2, len(rest) - MIN_TAIL_CHARS)))
        head, rest = rest[:cut].strip(), rest[cut:].strip()
        if head:
            pieces.append(head)
    if rest:
        pieces.append(rest)
    return pieces


def _cut_point(text: str, limit: int) -> int:
    floor = limit // 3
    nested = _nested_positions(text[: limit + 1])
    for pattern in CLAUSE_BREAKS:
        ends = [
            m.end()
            for m in pattern.finditer(text, 0, limit + 1)
            if floor <= m.end() <= limit and m.start() not in nested
        ]
        if ends:
            return ends[-1]
    spaces = [m.start() for m in re.finditer(r"\s", text[: limit + 1]) if m.start() >= floor]
    outside = [i for i in spaces if i not in nested]
    if outside or spaces:
        return (outside or spaces)[-1]
    return limit


def _nested_positions(text: str) -> set[int]:
    """Indexes of characters inside brackets or double quotes (where a cut would be heard wrong)."""
    inside: set[int] = set()
    closers: list[str] = []
    in_quote = False
    for i, char in enumerate(text):
        if char == '"':
            in_quote = not in_quote
            continue
        if char in _OPENERS:
            closers.append(_OPENERS[char])
        elif closers and char == closers[-1]:
            closers.pop()
            continue
        if closers or in_quote:
            inside.add(i)
    return inside
