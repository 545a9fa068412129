"""Interviews: the label that opens a paragraph ("Q:", "A.", "Question:", `<strong>Jane Doe:</strong>`)
said as a short sentence of its own ("Question." / "Jane Doe."), so the voice stops after it
before the words it introduces; read inside the sentence ("Jane Doe: I think…") a name runs into
the answer, and "Q" alone is heard as the letter.
"""

from __future__ import annotations

import re

from bs4 import Comment, NavigableString, Tag

from post2pod.narrate.phrases import phrase

MAX_LABEL_WORDS = 5
MAX_LABEL_CHARS = 40
LEAD_CHARS = 80  # only the start of a paragraph is looked at
_BOLD_LABEL_RE = re.compile(rf"\s*([^:.!?\n]{{1,{MAX_LABEL_CHARS}}}?)\s*:\s+")


def speaker(paragraph: Tag, language: str, asked: bool) -> tuple[str, str]:
    """The spoken label opening `paragraph` ("Question. ", "Jane Doe. ") and its kind ("question",
    "answer", "name"), the written label removed from the tree; ("", "") when there is none.
    `asked`: a question label came earlier, so a bare "A." is an answer, not an initial."""
    lead = _lead(paragraph)
    match = _qa_re(language).match(lead)
    if match and (match.group("sep") == ":" or match.group("q") or asked) and lead[match.end() :].strip():
        kind = "question" if match.group("q") else "answer"
        _strip_leading(paragraph, match.end())
        return phrase(language, kind) + " ", kind
    name = _bold_label(paragraph, lead)
    if name:
        _strip_leading(paragraph, len(name[1]))
        return name[0] + ". ", "name"
    return "", ""


def _qa_re(language: str) -> re.Pattern[str]:
    words = {key: re.escape(phrase(language, key)) for key in ("question_word", "answer_word")}
    letters = {key: re.escape(phrase(language, key)) for key in ("question_letter", "answer_letter")}
    return re.compile(
        rf"\s*(?:(?P<q>{letters['question_letter']}|{words['question_word']})"
        rf"|(?P<a>{letters['answer_letter']}|{words['answer_word']}))\s*(?P<sep>[:.])\s+",
        re.IGNORECASE if language != "en" else 0,
    )


def _lead(paragraph: Tag) -> str:
    """The first LEAD_CHARS characters of the paragraph's text."""
    text = ""
    for node in paragraph.descendants:
        if isinstance(node, NavigableString) and not isinstance(node, Comment):
            text += str(node)
            if len(text) >= LEAD_CHARS:
                break
    return text[:LEAD_CHARS]


def _bold_label(paragraph: Tag, lead: str) -> tuple[str, str] | None:
    """ "Jane Doe" and the written "Jane Doe: " from `<strong>Jane Doe:</strong> …`."""
    first = next((c for c in paragraph.children if not (isinstance(c, str) and not c.strip())), None)
    if not isinstance(first, Tag) or first.name not in ("strong", "b"):
        return None
    match = _BOLD_LABEL_RE.match(lead)
    bold = first.get_text()
    if match is None or len(match.group(1).split()) > MAX_LABEL_WORDS or not lead[match.end() :].strip():
        return None
    if lead.find(":") > len(lead) - len(lead.lstrip()) + len(bold.rstrip()):
        return None  # the colon must close the bold words, not come later in the sentence
    return _said_name(match.group(1).strip()), match.group(0)


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
