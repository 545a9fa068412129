"""A named rewrite rule over one semiotic class, and how an ordered table of them is applied.

A rule finds a written form (its pattern, with the context it needs in look-arounds or in its
verbaliser) and says it (its verbaliser: a template or a function of the match). Its examples are
written -> spoken pairs of the whole normaliser, so a rule cannot exist without its proof
(tests/narrate/speech/test_rules.py runs every one).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

Speak = str | Callable[[re.Match[str]], str]
Example = tuple[str, str]

# The semiotic classes (Sproat et al. 2001; Kestrel; NeMo), plus the shared marks rules.
CLASSES = frozenset(
    {
        "cardinal",
        "ordinal",
        "decimal",
        "fraction",
        "money",
        "measure",
        "date",
        "time",
        "range",
        "ratio",
        "telephone",
        "identifier",
        "version",
        "letters",
        "abbreviation",
        "electronic",
        "math",
        "chemical",
        "code",
        "verbatim",
        "citation",
        "script",  # other writing systems, emoticons
        "pause",  # ellipses and dashes
    }
)


@dataclass(frozen=True)
class Rewrite:
    """One span a rule rewrote: what was written and what will be said."""

    rule: str
    semiotic_class: str
    written: str
    spoken: str


Trace = list[Rewrite]

CONTEXT_CHARS = 80  # what a verbaliser may look at around its match: enough for a cue, and bounded


def text_before(match: re.Match[str], chars: int = CONTEXT_CHARS) -> str:
    """Up to `chars` characters of the text right before `match` (a bounded window: looking at the
    whole text before every match would make a rule quadratic in a long run of matches)."""
    return match.string[max(0, match.start() - chars) : match.start()]


def text_after(match: re.Match[str], chars: int = CONTEXT_CHARS) -> str:
    """Up to `chars` characters of the text right after `match` (see `text_before`)."""
    return match.string[match.end() : match.end() + chars]


@dataclass(frozen=True)
class Rule:
    """A named reading: `pattern` finds the written form, `speak` says it."""

    name: str
    semiotic_class: str
    pattern: re.Pattern[str]
    speak: Speak
    examples: tuple[Example, ...] = ()

    def __post_init__(self) -> None:
        if self.semiotic_class not in CLASSES:
            raise ValueError(f"rule {self.name}: unknown class {self.semiotic_class!r}")

    def apply(self, text: str, trace: Trace | None = None) -> str:
        """Every match in `text` said; the spans that changed are added to `trace`."""
        if trace is None:
            return self.pattern.sub(self.speak, text)

        def speak(match: re.Match[str]) -> str:
            spoken = self.speak(match) if callable(self.speak) else match.expand(self.speak)
            if spoken != match.group(0):
                trace.append(Rewrite(self.name, self.semiotic_class, match.group(0), spoken))
            return spoken

        return self.pattern.sub(speak, text)


def rule(
    name: str, semiotic_class: str, pattern: str | re.Pattern[str], speak: Speak, *examples: str
) -> Rule:
    """A `Rule` written compactly: examples as "written => spoken" strings."""
    compiled = pattern if isinstance(pattern, re.Pattern) else re.compile(pattern)
    pairs = []
    for example in examples:
        written, _, spoken = example.partition(" => ")
        pairs.append((written, spoken))
    return Rule(name, semiotic_class, compiled, speak, tuple(pairs))


def apply_rules(rules: Iterable[Rule], text: str, trace: Trace | None = None) -> str:
    """Each rule in turn, over the whole text: a rule sees what the ones before it left."""
    for each in rules:
        text = each.apply(text, trace)
    return text
