"""The composition of narration: `narrate`, `explain` and their texts, over the stages below
(see the package docstring)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from bs4 import BeautifulSoup

from post2pod.config import NarrationSettings
from post2pod.errors import NarrateError
from post2pod.models import KIND_ASIDE, KIND_BODY, Post, Script
from post2pod.narrate.html.blocks import BlockCollector
from post2pod.narrate.html.boilerplate import is_teaser, mark_controls, trim_boilerplate
from post2pod.narrate.html.clean import clean, parse, remove_selected
from post2pod.narrate.notes.footnotes import extract_footnotes
from post2pod.narrate.notes.kinds import shorten_link_notes
from post2pod.narrate.script.builder import Explanation, ScriptBuilder, rewrite_line
from post2pod.narrate.script.phrases import disclosure_text, guess_language
from post2pod.narrate.script.templates import template_values
from post2pod.narrate.speech import Rewrite

MAX_TEXT_BEFORE_TITLE = 200  # a subtitle or a date line may come before a repeated title


def narrate(
    post: Post,
    settings: NarrationSettings,
    podcast_title: str = "",
    voice_languages: frozenset[str] = frozenset(),
    signatures: frozenset[str] = frozenset(),
) -> Script:
    """Everything that will be spoken for `post`: intro, body sections (one per heading), outro.

    A passage in another language is kept as its own segment (with its `language`) when
    `voice_languages` has a voice for it, else named ("a quotation in French").
    `signatures`: what ends many posts of the post's feed (`feed_signatures` of their HTML), not read.
    Raises NarrateError when the post has nothing speakable.
    """
    return _build(post, settings, podcast_title, voice_languages, explain=False, signatures=signatures).script


def explain(
    post: Post,
    settings: NarrationSettings,
    podcast_title: str = "",
    voice_languages: frozenset[str] = frozenset(),
) -> Explanation:
    """`narrate`'s Script (the same one) and, for each segment, the normaliser's rewrites that made its
    text: which rule read which written form, and how (`post2pod script --explain`)."""
    return _build(post, settings, podcast_title, voice_languages, explain=True)


def _build(
    post: Post,
    settings: NarrationSettings,
    podcast_title: str,
    voice_languages: frozenset[str],
    explain: bool,
    signatures: frozenset[str] = frozenset(),
) -> Explanation:
    """The script of `post`, with its rewrites when `explain` (else none are traced)."""
    soup = parse(post.html or "")
    remove_selected(soup, settings.skip)
    teaser = post.excerpt or is_teaser(soup)
    mark_controls(soup)
    soup = clean(soup)
    _drop_title_heading(soup, post.title)  # first: a dateline under the title is at the post's edge
    trim_boilerplate(soup, signatures, post.url)
    language = _language(soup, post.language)
    notes = extract_footnotes(soup)
    shorten_link_notes(notes, settings.link_notes)
    blocks = BlockCollector(language, settings.code, voice_languages).collect(soup.body or soup, KIND_BODY)
    builder = ScriptBuilder(settings, language, notes, voice_languages, explain=explain)
    builder.add_blocks(blocks)
    builder.finish_notes()
    if not builder.has_body():
        raise NarrateError("post has no text to read")
    published = post.published if post.date_known else None  # an ordering date is not announced
    values = template_values(post.title, post.author, published, post.url, podcast_title, language)
    disclosure = disclosure_text(settings, language)
    builder.add_opening(values, disclosure)
    builder.add_closing(values, teaser, summary=post.excerpt and post.summary_only)
    script = builder.script(values["title"] or post.title)
    return builder.explanation(replace(script, language=language, disclosure=disclosure))


def script_text(script: Script) -> str:
    """Plain text for `post2pod script`: one segment per line, a blank line between sections."""
    return _text(script, None)


def explain_text(explanation: Explanation) -> str:
    """`script_text` with, under each segment, the rewrites that made it, one a line, indented:
    `rule (class): "written" -> "spoken"`."""
    return _text(explanation.script, iter(explanation.rewrites))


def _text(script: Script, rewrites: Iterator[tuple[Rewrite, ...]] | None) -> str:
    sections = []
    for section in script.sections:
        lines = []
        for seg in section.segments:
            prefix = "  (aside) " if seg.kind == KIND_ASIDE else ""
            lines.append(prefix + seg.text)
            if rewrites is not None:
                lines += [f"{' ' * len(prefix)}    {rewrite_line(rewrite)}" for rewrite in next(rewrites)]
        if lines:
            sections.append("\n".join(lines))
    return "\n\n".join(sections)


def _language(soup: BeautifulSoup, feed_language: str = "") -> str:
    """The page's `lang`, else the language its words are in, else the feed's."""
    declared = ""
    root = soup.find(None, {"lang": True}) or soup.find(None, {"xml:lang": True})
    if root is not None and root.name in ("html", "body", "article", "main", "div", "section"):
        declared = str(root.get("lang") or root.get("xml:lang") or "")
    return guess_language(soup.get_text(" "), declared, feed_language)


def _drop_title_heading(soup: BeautifulSoup, title: str) -> None:
    """A post that repeats its title as an opening heading: don't read the title twice (Medium's
    export repeats it as an `h3` after the subtitle)."""
    if not _words(title):
        return
    for heading in soup.find_all(["h1", "h2", "h3"], limit=3):
        if _words(heading.get_text()) != _words(title):
            continue
        before = "".join(heading.find_all_previous(string=True))
        if len(before.strip()) <= MAX_TEXT_BEFORE_TITLE:
            heading.decompose()


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", text.lower())
