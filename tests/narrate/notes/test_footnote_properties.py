# ruff: noqa: E501  (each markup is written out the way its generator writes it)
"""Property: a post with N notes, in any markup the narrator supports, reads exactly N asides, each
right after the sentence that cites it, and never speaks a marker, a label or a back arrow."""

from __future__ import annotations

import re
from collections.abc import Callable

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from post2pod.errors import NarrateError
from post2pod.models import KIND_ASIDE
from post2pod.narrate import narrate

WORDS = ["river", "garden", "window", "paper", "silver", "morning", "engine", "orange", "castle", "meadow"]
CITES = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot"]
NOTES = ["kilo", "lima", "mike", "november", "oscar", "papa"]
SYMBOLS = ["*", "†", "‡"]
LETTERS = "abcdef"
SUPERSCRIPTS = "¹²³⁴⁵⁶"


def _markup(ref: str, note: str, end: Callable[[str], str] = lambda s: s) -> tuple[str, str, Callable]:
    """A markup: the marker template, the note template, and what wraps the notes at the end."""
    return ref, note, end


MARKUPS = {
    "pandoc": _markup(
        '<sup id="fnref{n}"><a href="#fn{n}" class="footnote-ref" role="doc-noteref">{n}</a></sup>',
        '<li id="fn{n}"><p>{text}<a href="#fnref{n}" class="footnote-back" role="doc-backlink">↩︎</a></p></li>',
        lambda s: f'<section class="footnotes" role="doc-endnotes"><hr><ol>{s}</ol></section>',
    ),
    "markdown-it": _markup(
        '<sup class="footnote-ref"><a href="#fn{n}" id="fnref{n}">[{n}]</a></sup>',
        '<li id="fn{n}" class="footnote-item"><p>{text} <a href="#fnref{n}" class="footnote-backref">↩︎</a></p></li>',
        lambda s: (
            f'<hr class="footnotes-sep"><section class="footnotes"><ol class="footnotes-list">{s}</ol></section>'
        ),
    ),
    "zola": _markup(
        '<sup class="footnote-reference"><a href="#{n}">{n}</a></sup>',
        '<div class="footnote-definition" id="{n}"><sup class="footnote-definition-label">{n}</sup><p>{text}</p></div>',
    ),
    "org": _markup(
        '<sup><a id="fnr.{n}" class="footref" href="#fn.{n}" role="doc-backlink">{n}</a></sup>',
        '<div class="footdef"><sup><a id="fn.{n}" class="footnum" href="#fnr.{n}" role="doc-backlink">{n}</a></sup>'
        ' <div class="footpara" role="doc-footnote"><p class="footpara">{text}</p></div></div>',
        lambda s: (
            f'<div id="footnotes"><h2 class="footnotes">Footnotes: </h2><div id="text-footnotes">{s}</div></div>'
        ),
    ),
    "asciidoctor": _markup(
        '<sup class="footnote">[<a id="_footnoteref_{n}" class="footnote" href="#_footnotedef_{n}">{n}</a>]</sup>',
        '<div class="footnote" id="_footnotedef_{n}"><a href="#_footnoteref_{n}">{n}</a>. {text}</div>',
        lambda s: f'<div id="footnotes"><hr>{s}</div>',
    ),
    "docutils-aside": _markup(
        '<a class="footnote-reference brackets" href="#footnote-{n}" id="footnote-reference-{n}" role="doc-noteref">'
        '<span class="fn-bracket">[</span>{n}<span class="fn-bracket">]</span></a>',
        '<aside class="footnote brackets" id="footnote-{n}" role="doc-footnote"><span class="label">'
        '<span class="fn-bracket">[</span><a role="doc-backlink" href="#footnote-reference-{n}">{n}</a>'
        '<span class="fn-bracket">]</span></span><p>{text}</p></aside>',
        lambda s: f'<aside class="footnote-list brackets">{s}</aside>',
    ),
    "docutils-table": _markup(
        '<a class="footnote-reference" href="#id{n}0" id="id{n}">[{n}]</a>',
        '<table class="docutils footnote" frame="void" id="id{n}0" rules="none"><colgroup><col class="label" /><col />'
        '</colgroup><tbody valign="top"><tr><td class="label"><a class="fn-backref" href="#id{n}">[{n}]</a></td>'
        "<td>{text}</td></tr></tbody></table>",
        lambda s: f'<p class="rubric">Footnotes</p>{s}',
    ),
    "docutils-dl": _markup(
        '<a class="footnote-reference brackets" href="#note{n}" id="id{n}">{n}</a>',
        '<dt class="label" id="note{n}"><span class="brackets"><a class="fn-backref" href="#id{n}">{n}</a></span></dt>'
        "<dd><p>{text}</p></dd>",
        lambda s: f'<dl class="footnote brackets">{s}</dl>',
    ),
    "handwritten": _markup(
        ' <a href="#note{n}">[{n}]</a>',
        '<p id="note{n}">[{n}] {text}</p>',
        lambda s: f"<h3>Notes</h3>{s}",
    ),
    "blogger-lines": _markup(
        '<a href="#note{n}" name="ref{n}">[{n}]</a>',
        '<a name="note{n}"></a><a href="#ref{n}">[{n}]</a> {text}<br />',
        lambda s: f"<b>Notes</b><br />{s}",
    ),
    "easy-footnotes": _markup(
        '<span class="easy-footnote-margin-adjust" id="easy-footnote-{n}-7"></span><span class="easy-footnote">'
        '<a href="https://blog.example/p/#easy-footnote-bottom-{n}-7" title="A note."><sup>{n}</sup></a></span>',
        '<li class="easy-footnote-single"><span id="easy-footnote-bottom-{n}-7" class="easy-footnote-margin-adjust">'
        '</span>{text}<a class="easy-footnote-to-top" href="https://blog.example/p/#easy-footnote-{n}-7"></a></li>',
        lambda s: f'<ol class="easy-footnotes-wrapper">{s}</ol>',
    ),
    "unlinked-sup": _markup(
        "<sup>{n}</sup>", "<p>{n}. {text}</p>", lambda s: f"<p><strong>Notes</strong></p>{s}"
    ),
    "letters": _markup("<sup>{letter}</sup>", "<p>{letter}. {text}</p>", lambda s: f"<h4>Notes</h4>{s}"),
    "unicode": _markup("{sup}", "<p>{sup} {text}</p>", lambda s: f"<hr>{s}"),
    "symbols": _markup("{symbol}", "<p><small>{symbol} {text}</small></p>"),
}
INLINE = {
    "tufte": '<label for="sn-{n}" class="margin-toggle sidenote-number"></label>'
    '<input type="checkbox" id="sn-{n}" class="margin-toggle"/><span class="sidenote">{text}</span>',
    "marginnote": '<label for="mn-{n}" class="margin-toggle">&#8853;</label>'
    '<input type="checkbox" id="mn-{n}" class="margin-toggle"/><span class="marginnote">{text}</span>',
    "modern-footnotes": '<sup class="modern-footnotes-footnote " data-mfn="{n}"><a href="javascript:void(0)" '
    'aria-describedby="mfn-content-{n}">{n}</a></sup><span id="mfn-content-{n}" role="tooltip" '
    'class="modern-footnotes-footnote__note" data-mfn="{n}">{text}</span>',
}


def _fill(template: str, n: int, text: str = "") -> str:
    return template.format(
        n=n, text=text, letter=LETTERS[n - 1], sup=SUPERSCRIPTS[n - 1], symbol=SYMBOLS[(n - 1) % len(SYMBOLS)]
    )


@st.composite
def posts(draw) -> tuple[str, str, int]:
    markup = draw(st.sampled_from(sorted([*MARKUPS, *INLINE])))
    limit = 3 if markup == "symbols" else len(CITES)
    shape = draw(st.lists(st.integers(1, 3), min_size=1, max_size=4))  # sentences per paragraph
    sentences = sum(shape)
    count = draw(st.integers(1, min(limit, sentences)))
    # which sentence cites each note, in order; a sentence may cite several
    citing = sorted(draw(st.lists(st.integers(0, sentences - 1), min_size=count, max_size=count)))
    notes = [f"Remark {NOTES[i]} {draw(st.sampled_from(WORDS))}." for i in range(count)]
    paragraphs, index, cited = [], 0, 0
    for size in shape:
        parts = []
        for _ in range(size):
            words = draw(st.lists(st.sampled_from(WORDS), min_size=2, max_size=5))
            sentence = " ".join(words).capitalize() + "."
            here = citing.count(index)
            for j in range(here):
                n = cited + 1
                template = INLINE[markup] if markup in INLINE else MARKUPS[markup][0]
                marker = _fill(template, n, notes[cited])
                cited += 1
                # in reading order: the first may sit mid-sentence, only the last after the full stop
                places = ["end"] + (["middle"] if j == 0 else []) + (["after"] if j == here - 1 else [])
                where = draw(st.sampled_from(places if markup != "symbols" else ["end"]))
                if where == "middle":
                    head, rest = sentence.split(" ", 1)
                    sentence = f"{head} {CITES[n - 1]}{marker} {rest}"
                elif where == "end" or not sentence.endswith("."):
                    sentence = f"{sentence.removesuffix('.')} {CITES[n - 1]}{marker}."
                else:
                    sentence = f"{sentence.removesuffix('.')} {CITES[n - 1]}.{marker}"
            parts.append(sentence)
            index += 1
        paragraphs.append("<p>" + " ".join(parts) + "</p>")
    html = "".join(paragraphs)
    if markup not in INLINE:
        _ref, note, end = MARKUPS[markup]
        html += end("".join(_fill(note, n, text) for n, text in enumerate(notes, 1)))
    return markup, html, count


@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(posts())
def test_every_note_is_one_aside_after_its_citing_sentence(
    make_post, quiet, post: tuple[str, str, int]
) -> None:
    markup, html, count = post
    segments = narrate(make_post(html), quiet).segments
    cue = quiet.footnote_cue
    starts = [i for i, s in enumerate(segments) if s.kind == KIND_ASIDE and s.text.startswith(cue)]
    assert len(starts) == count, (markup, html, [s.text for s in segments])
    for n in range(1, count + 1):
        opening = [i for i in starts if NOTES[n - 1] in segments[i].text.lower()]
        assert len(opening) == 1, (markup, n, html)
        before = opening[0] - 1
        while segments[before].kind == KIND_ASIDE:
            before -= 1
        assert CITES[n - 1] in segments[before].text.lower(), (markup, n, html, [s.text for s in segments])
    spoken = " ".join(s.text for s in segments)
    assert not re.search(
        r"[\ue000-\uf8ff↩⤴*†‡⊕]|\[\d|\b(?:alpha|bravo|charlie|delta|echo|foxtrot)\s?\d", spoken
    ), (
        markup,
        spoken,
    )
    assert not re.search(f"[{SUPERSCRIPTS}]", spoken)


PIECES = st.one_of(
    st.sampled_from([*WORDS, "Notes", "Footnotes:", "1.", "[2]", "*", "†", "¹", "²", "↩", "1932", " ", ". "]),
    st.sampled_from(
        [
            "<p>",
            "</p>",
            "<sup>",
            "</sup>",
            '<a href="#fn1">',
            '<a href="#fn2" id="r2">',
            '<a href="#r2">',
            "</a>",
            '<li id="fn1">',
            '<p id="fn2">',
            "</li>",
            "<ol>",
            "</ol>",
            "<h3>",
            "</h3>",
            '<span class="sidenote">',
            '<span class="marginnote">',
            "</span>",
            "<aside>",
            "</aside>",
            '<a href="#x" title="a note in a title">',
            '<dl><dt id="fn1">',
            "</dt><dd>",
            "</dd></dl>",
            '<table id="fn2"><tr><td>',
            "</td><td>",
            "</td></tr></table>",
            '<span role="tooltip">',
            "<hr>",
            '<section class="footnotes">',
            "</section>",
        ]
    ),
)


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(st.lists(PIECES, max_size=40).map("".join))
@example("river¹<p><sup>¹")  # a note's text decomposed while the endnote pass walked past it
def test_footnote_markup_soup_never_crashes_or_leaks(make_post, quiet, html: str) -> None:
    try:
        segments = narrate(make_post(html), quiet).segments
    except NarrateError:
        return
    for segment in segments:
        assert segment.text.strip() and not re.search(r"[\ue000-\uf8ff]", segment.text)
