"""Tables for languages other than English: the shared rules (links, emoticons, pauses) around each
language's own readings of numbers, dates, times and money (lang_de.py ... lang_nl.py, built from
the shared number readings in lang_common.py)."""

from __future__ import annotations

from importlib import import_module

from post2pod.narrate.speech import common
from post2pod.narrate.speech.rule import Rule

LANGUAGES = ("de", "fr", "es", "it", "pt", "nl")


def rules_for(language: str) -> list[Rule]:
    """`language`'s own rules (none for a language without a module)."""
    if language not in LANGUAGES:
        return []
    return list(import_module(f"post2pod.narrate.speech.lang_{language}").RULES)


def table_for(language: str) -> list[Rule]:
    """The ordered rules for `language` (a base code: "de", "fr"...)."""
    return [
        *common.FIRST_RULES,
        common.doi("DOI"),
        common.url(english=False),
        *rules_for(language),
        common.ARROW,
        *common.PAUSES,
    ]
