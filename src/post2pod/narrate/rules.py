"""A rewrite rule (a pattern and what replaces it) and how a table of them is applied, in order."""

from __future__ import annotations

import re
from collections.abc import Callable

Replacement = str | Callable[[re.Match[str]], str]
Rule = tuple[re.Pattern[str], Replacement]


def apply_rules(rules: list[Rule], text: str) -> str:
    """Each rule in turn, over the whole text: a rule sees what the ones before it left."""
    for pattern, replacement in rules:
        text = pattern.sub(replacement, text)
    return text
