"""Tables for languages other than English: the shared rules (links, emoticons, pauses) around each
language's own readings of numbers, dates, times and money."""

from __future__ import annotations

from post2pod.narrate.speech import common
from post2pod.narrate.speech.rule import Rule


def table_for(language: str) -> list[Rule]:
    """The ordered rules for `language` (a base code: "de", "fr"...)."""
    return [*common.FIRST_RULES, common.doi("DOI"), common.url(english=False), common.ARROW, *common.PAUSES]


LANGUAGES = ("de", "fr", "es", "it", "pt", "nl")
