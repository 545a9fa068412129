"""The intro and outro: the settings' templates filled from the post (title, author, spoken date, site,
podcast), and what is said instead of the outro after a teaser or a feed's summary."""

from __future__ import annotations

import re
from datetime import datetime

from post2pod.narrate.script.phrases import phrase, spoken_date
from post2pod.narrate.script.sentences import SPEAKABLE_RE
from post2pod.narrate.speech import Rewrite, normalize
from post2pod.narrate.speech.characters import clean_text
from post2pod.narrate.speech.links import domain_of


def template_values(
    title: str, author: str, published: datetime | None, url: str, podcast: str, language: str = "en"
) -> dict[str, str]:
    """What the templates' placeholders stand for: {title}, {author}, {date} (spoken), {site}, {podcast}."""
    return {
        "title": clean_text(title).strip(),
        "author": clean_text(author).strip(),
        "date": spoken_date(language, published) if published else "",
        "site": domain_of(url) if url.startswith(("http://", "https://")) else "",
        "podcast": podcast.strip(),
    }


# The words that introduce "{date}" in its clause (at most three, none of them a placeholder), with the
# comma before them: "{title}. By {author}, published {date}." -> "{title}. By {author}."
_DATE_CLAUSE_RE = re.compile(r"[,;]?[ \t]*(?:[^\W\d_][^\s{}.,;:!?]*[ \t]+){0,3}\{date\}")


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return ""


def render_template(
    template: str, values: dict[str, str], language: str, trace: list[Rewrite] | None = None
) -> str:
    """Fill an intro/outro template; drop "By {author}" when there is no author; "" when unusable.

    The normaliser's rewrites go into `trace` when it is a list."""
    if not template.strip():
        return ""
    if "{site}" in template and not values.get("site"):
        return ""
    if not values.get("author"):  # drop "By {author}", "Di {author}", "Von {author}"...
        template = re.sub(r"\s*\b[^\W\d_]{1,5}\s+\{author\}\s*[,;]?", "", template)
        template = template.replace("{author}", "")
    if not values.get("date"):  # drop "published {date}", "veröffentlicht am {date}", ", {date}"...
        template = re.sub(r"\s*\(\s*\)", "", _DATE_CLAUSE_RE.sub("", template).replace("{date}", ""))
    try:
        text = template.format_map(_Blank(values))
    except (ValueError, IndexError, AttributeError):
        text = template
    text = re.sub(r"([.!?])\.", r"\1", text)
    text = re.sub(r"\s+([,.;:!?])", r"\1", text)
    text = re.sub(r"^[\s,.;:]+", "", text)
    text = re.sub(r"([.!?]\s+)([a-z])", lambda m: m.group(1) + m.group(2).upper(), text)
    text = text[:1].upper() + text[1:]
    return normalize(text, language, trace) if SPEAKABLE_RE.search(text) else ""


def summary_outro(language: str, site: str) -> str:
    """What closes a post the feed only summarised and whose page could not be read: that it was a
    summary (not "the opening"), and where the full post is."""
    if site:
        return phrase(language, "summary_outro").format(site)
    return phrase(language, "summary_outro_nosite")


def teaser_outro(language: str, site: str) -> str:
    """What closes an excerpt whose full post could not be read: where the rest is."""
    if site:
        return phrase(language, "teaser_outro").format(site)
    return phrase(language, "teaser_outro_nosite")
