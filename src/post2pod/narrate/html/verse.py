"""Line-broken text (poems, lyrics, addresses) read with its line ends as short pauses.

A `<br>` reaches the block's text as "\n" (`inline`). A line end becomes a comma
when the line has no punctuation of its own: inside one sentence a comma is a short pause with
the voice held up, where a full stop (or a segment per line) would drop the voice at every line
as if each were a sentence. A blank line (two `<br>`) ends a stanza or a paragraph: the text is cut
there into blocks of their own, so assembly puts a paragraph pause between them.

A list whose items are short lines that run on into each other (verse set as `<ul>`) is read the
same way, as lines, not as list items that each end with a full stop. The work is one pass over
the text: 100,000 `<br>` cost 100,000 short steps.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bs4 import Tag

from post2pod.narrate.html.tags import WALK_BLOCKS

MAX_LINE_WORDS = 12  # a verse line; longer ones are sentences (a few are allowed: prose poems)
MIN_LINES = 3
_PUNCTUATED_RE = re.compile(r"[.!?…:;,\-–—][\"'”’»)\]]*$")
_SENTENCE_END_RE = re.compile(r"[.!?…][\"'”’»)\]]*$")
_RUNS_ON_RE = re.compile(r"[,;:\-–—][\"'”’»)\]]*$")
_MARKERS_RE = re.compile(r"[\ue000-\uefff]+$")


def paragraphs(text: str) -> list[str]:
    """`text` with "\n" line ends, cut at blank lines, each piece's lines joined with pauses."""
    result: list[list[str]] = [[]]
    blank = False
    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            blank = blank or bool(result[-1])
            continue
        if blank:
            result.append([])
            blank = False
        result[-1].append(line)
    return [joined for lines in result if (joined := join_lines(lines))]


def join_lines(lines: Sequence[str]) -> str:
    """Lines said as one passage: a comma after a line that has no punctuation of its own."""
    said = [line if _PUNCTUATED_RE.search(_MARKERS_RE.sub("", line)) else line + "," for line in lines[:-1]]
    return " ".join([*said, *lines[-1:]])


def one_text(text: str) -> str:
    """All of `text` as one passage: paragraphs after the first start a new sentence."""
    pieces = paragraphs(text)
    return " ".join(
        piece if i == len(pieces) - 1 or _SENTENCE_END_RE.search(_MARKERS_RE.sub("", piece)) else piece + "."
        for i, piece in enumerate(pieces)
    )


_LABEL_RE = re.compile(r"^\S{1,30}:\s")


def _starts_lower_case(line: str) -> bool:
    """A line that goes on from the one before ("and the rain came"): a lower-case word, not a point's
    label ("x86: new CPU model", "s390x:", "qemu-nbd:") or an identifier."""
    first = line.split(maxsplit=1)[0]
    return first.isalpha() and first.islower() and not _LABEL_RE.match(line)


def is_verse_list(items: Sequence[Tag]) -> bool:
    """A list of short lines that run on into each other: verse or lyrics, not points."""
    lines = [item.get_text(" ", strip=True) for item in items if item.find(WALK_BLOCKS) is None]
    if len(items) - len(lines) > 1:
        return False
    filled = [line for line in lines if line]
    if len(filled) < MIN_LINES:
        return False
    short = sum(1 for line in filled if len(line.split()) <= MAX_LINE_WORDS)
    ended = sum(1 for line in filled if _SENTENCE_END_RE.search(line))
    if short * 3 < len(filled) * 2 or ended * 2 > len(filled):
        return False
    runs_on = sum(1 for line in filled[:-1] if _RUNS_ON_RE.search(line))
    lower = sum(1 for line in filled[1:] if _starts_lower_case(line))
    stanzas = len(filled) < len(lines)
    return runs_on * 4 >= len(filled) or lower * 2 >= len(filled) - 1 or (stanzas and runs_on > 0)
