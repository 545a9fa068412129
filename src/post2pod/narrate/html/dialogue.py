"""Interviews: the label that opens a paragraph ("Q:", "A.", "Question:", `<strong>Jane Doe:</strong>`)
said as a short sentence of its own ("Question." / "Jane Doe."), so the voice stops after it
before the words it introduces; read inside the sentence ("Jane Doe: I think…") a name runs into
the answer, and "Q" alone is heard as the letter.

A bold label is a speaker only by the shape of the post, never by its words: bold "Note:",
"Step 1:", "Date:" open paragraphs as often as names do. The labels of an interview come back
(each opens at least two paragraphs) and take turns (another label comes between two of them);
a label said once, or a run of the same label, stays in its sentence ("Note: this is important.").
Question and answer labels ("Q:", "A:") are labels wherever they stand. A paragraph of `<br>` lines
that open with labels ("Q: …<br>A: …") is cut into one paragraph per turn.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from functools import cache

from bs4 import Comment, NavigableString, PageElement, Tag

from post2pod.narrate.script.phrases import phrase

MAX_LABEL_WORDS = 5
MAX_LABEL_CHARS = 40
LEAD_CHARS = 80  # only the start of a paragraph (or of a line) is looked at
_BOLD_LABEL_RE = re.compile(rf"\s*([^:.!?\n]{{1,{MAX_LABEL_CHARS}}}?)\s*:\s+")
_BOLD = ("strong", "b")
_SENTENCE_END_RE = re.compile(r"[.!?…][\"'”’»)\]]*\s*$")


def speaker(
    paragraph: Tag, language: str, asked: bool, names: frozenset[str] = frozenset()
) -> tuple[str, str]:
    """The spoken label opening `paragraph` ("Question. ", "Jane Doe. ") and its kind ("question",
    "answer", "name"), the written label removed from the tree; ("", "") when there is none.
    `asked`: a question label came earlier, so a bare "A." is an answer, not an initial.
    `names`: the post's speaker labels (`speakers`), case-folded."""
    lead = _lead(paragraph.children, LEAD_CHARS)
    kind, end = _qa_label(lead, language, asked)
    if kind:
        _strip_leading(paragraph, end)
        return phrase(language, kind) + " ", kind
    name = _bold_label(paragraph.children, lead)
    if name and name[0].casefold() in names:
        _strip_leading(paragraph, len(name[1]))
        return _said_name(name[0]) + ". ", "name"
    return "", ""


def speakers(root: Tag) -> frozenset[str]:
    """The bold labels that name the speakers of an interview in `root` (case-folded): each opens
    at least two paragraphs or lines, and another repeated label comes between two of them."""
    sequence = [label.casefold() for paragraph in root.find_all("p") for label in _labels(paragraph)]
    counts = Counter(sequence)
    repeated = [label for label in sequence if counts[label] >= 2]
    first: dict[str, int] = {}
    last: dict[str, int] = {}
    for index, label in enumerate(repeated):
        first.setdefault(label, index)
        last[label] = index
    # covering[i]: how many labels' spans (first, last) hold position i strictly inside them
    delta = [0] * (len(repeated) + 1)
    for label, start in first.items():
        if last[label] - start >= 2:
            delta[start + 1] += 1
            delta[last[label]] -= 1
    taking_turns: set[str] = set()
    covering = 0
    for index, label in enumerate(repeated):
        covering += delta[index]
        own = 1 if first[label] < index < last[label] else 0
        if covering - own > 0:
            taking_turns.add(label)  # said inside another speaker's turns
    for label, start in first.items():
        if last[label] - start + 1 > counts[label]:
            taking_turns.add(label)  # another speaker is heard between its turns
    return frozenset(taking_turns)


def lines(paragraph: Tag, language: str, names: frozenset[str]) -> list[Tag]:
    """`paragraph` cut before each `<br>` line that opens with a label ("Q: …<br>A: …"): the first
    piece stays in place, the others become paragraphs after it; [paragraph] when there is none."""
    cuts = []
    asked = _qa_label(_lead(paragraph.children, LEAD_CHARS), language, False)[0] == "question"
    for br in _line_breaks(paragraph):
        line = list(_line(br))
        lead = _lead(line, LEAD_CHARS)
        kind = _qa_label(lead, language, asked)[0]
        name = _bold_label(line, lead) if not kind else None
        if kind or (name and name[0].casefold() in names):
            cuts.append(br)
            asked = asked or kind == "question"
    return [paragraph, *_cut(paragraph, cuts)] if cuts else [paragraph]


def _cut(paragraph: Tag, cuts: list[Tag]) -> list[Tag]:
    """The turns after each `<br>` of `cuts`, moved out of `paragraph` into paragraphs after it. Taken
    from the end, where a child leaves its parent in constant time (100,000 lines stay linear)."""
    contents = paragraph.contents
    turns: list[list[PageElement]] = [[]]
    while cuts:
        node = contents[-1].extract(_self_index=len(contents) - 1)
        if node is cuts[-1]:
            cuts.pop()
            turns.append([])
        else:
            turns[-1].append(node)
    pieces = []
    for nodes in reversed(turns[:-1]):
        piece = Tag(name=paragraph.name, attrs={k: v for k, v in paragraph.attrs.items() if k != "id"})
        for node in reversed(nodes):
            piece.append(node)
        pieces.append(piece)
    if paragraph.parent is not None:
        paragraph.insert_after(*pieces)
    return pieces


def _labels(paragraph: Tag) -> Iterator[str]:
    """The bold labels opening `paragraph` and its `<br>` lines, where the words after them end like
    a sentence (a turn says something; "Host: localhost" in a list of settings does not)."""
    starts = [_until_break(paragraph.children)]
    if paragraph.find("br") is not None:
        starts += [list(_line(br)) for br in _line_breaks(paragraph)]
    for nodes in starts:
        name = _bold_label(nodes, _lead(nodes, LEAD_CHARS))
        if name and _SENTENCE_END_RE.search("".join(piece for node in nodes for piece in _strings(node))):
            yield name[0]


def _until_break(nodes: Iterable[object]) -> list[object]:
    line = []
    for node in nodes:
        if isinstance(node, Tag) and node.name == "br":
            break
        line.append(node)
    return line


def _line_breaks(paragraph: Tag) -> Iterator[Tag]:
    return (child for child in paragraph.children if isinstance(child, Tag) and child.name == "br")


def _line(br: Tag) -> Iterator[object]:
    """The nodes after `br` up to the next `<br>` of the same parent."""
    for node in br.next_siblings:
        if isinstance(node, Tag) and node.name == "br":
            return
        yield node


def _qa_label(lead: str, language: str, asked: bool) -> tuple[str, int]:
    """("question" or "answer", the label's length) when `lead` opens with one, else ("", 0)."""
    match = _qa_re(language).match(lead)
    if match and (match.group("sep") == ":" or match.group("q") or asked) and lead[match.end() :].strip():
        return ("question" if match.group("q") else "answer"), match.end()
    return "", 0


@cache
def _qa_re(language: str) -> re.Pattern[str]:
    words = {key: re.escape(phrase(language, key)) for key in ("question_word", "answer_word")}
    letters = {key: re.escape(phrase(language, key)) for key in ("question_letter", "answer_letter")}
    return re.compile(
        rf"\s*(?:(?P<q>{letters['question_letter']}|{words['question_word']})"
        rf"|(?P<a>{letters['answer_letter']}|{words['answer_word']}))\s*(?P<sep>[:.])\s+",
        re.IGNORECASE if language != "en" else 0,
    )


def _lead(nodes: Iterable[object], limit: int) -> str:
    """The first `limit` characters of the text of `nodes` (a paragraph's children, or a line's)."""
    text = ""
    for node in nodes:
        for piece in _strings(node):
            text += piece
            if len(text) >= limit:
                return text[:limit]
    return text


def _strings(node: object) -> Iterator[str]:
    if isinstance(node, Comment):
        return
    if isinstance(node, NavigableString):
        yield str(node)
    elif isinstance(node, Tag):
        for child in node.descendants:
            if isinstance(child, NavigableString) and not isinstance(child, Comment):
                yield str(child)


def _bold_label(nodes: Iterable[object], lead: str) -> tuple[str, str] | None:
    """ "Jane Doe" and the written "Jane Doe: " from `<strong>Jane Doe:</strong> …`."""
    first = next((c for c in nodes if not (isinstance(c, str) and not c.strip())), None)
    if not isinstance(first, Tag) or first.name not in _BOLD:
        return None
    match = _BOLD_LABEL_RE.match(lead)
    bold = first.get_text()
    if match is None or len(match.group(1).split()) > MAX_LABEL_WORDS or not lead[match.end() :].strip():
        return None
    if lead.find(":") > len(lead) - len(lead.lstrip()) + len(bold.rstrip()):
        return None  # the colon must close the bold words, not come later in the sentence
    return match.group(1).strip(), match.group(0)


def _said_name(name: str) -> str:
    """ "JANE DOE" as "Jane Doe" (a voice spells capitals out); "JD" stays initials."""
    return " ".join(w.capitalize() if w.isupper() and len(w) >= 4 else w for w in name.split())


def _strip_leading(paragraph: Tag, count: int) -> None:
    """Remove the first `count` characters of the paragraph's text (across elements)."""
    for node in list(paragraph.descendants):
        if count <= 0:
            return
        if isinstance(node, NavigableString) and not isinstance(node, Comment):
            text = str(node)
            node.replace_with(NavigableString(text[count:]))
            count -= len(text)
