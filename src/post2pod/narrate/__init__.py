"""Narration: a post's HTML becomes a `Script` of spoken segments. This package only composes; each
concern is a subpackage:

    html/    parse and clean, find the article, trim furniture, walk the page into blocks
    notes/   footnotes: markers and the notes they point at, taken out of the page
    speech/  the text normaliser: named rules over semiotic classes, per language
    maths/   formulas read aloud or summarised (for the walk, and for TeX in prose)
    script/  sentences and segments, footnotes as asides, intro and outro, phrases, lexicon

    clean -> footnotes -> blocks -> normalise -> sentences -> lexicon -> script   (`compose`)

Pure functions: HTML in, objects out (no disk, no network, no piper). bs4 is imported only here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from post2pod.lazy import exports

if TYPE_CHECKING:
    from post2pod.narrate.compose import Explanation, explain, explain_text, narrate, script_text
    from post2pod.narrate.html.boilerplate import feed_signatures
    from post2pod.narrate.html.extract import extract_article, page_metadata
    from post2pod.narrate.script.phrases import disclosure_text

# Each public name and the module that defines it. They load on first use (PEP 562), so a run with
# nothing to narrate (a no-op sync, `--help`) never imports bs4, the speech tables or the maths reader.
_HOME = {
    "Explanation": "compose",
    "disclosure_text": "script.phrases",
    "explain": "compose",
    "explain_text": "compose",
    "narrate": "compose",
    "script_text": "compose",
    "extract_article": "html.extract",
    "page_metadata": "html.extract",
    "feed_signatures": "html.boilerplate",
}

__all__ = [
    "Explanation",
    "disclosure_text",
    "explain",
    "explain_text",
    "extract_article",
    "feed_signatures",
    "narrate",
    "page_metadata",
    "script_text",
]


__getattr__ = exports(__name__, _HOME)
