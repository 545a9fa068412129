"""Every rule has a name, a known class and at least two examples, and every example holds: the
whole normaliser says the written form as the example says."""

from __future__ import annotations

import pytest

from post2pod.narrate.speech import normalize, table
from post2pod.narrate.speech.languages import LANGUAGES

TABLES = {language: table(language) for language in ("en", *LANGUAGES)}
EXAMPLES = [
    pytest.param(language, rule.name, written, spoken, id=f"{language}:{rule.name}:{written[:40]}")
    for language, rules in TABLES.items()
    for rule in rules
    if language == "en" or rule.name.startswith(f"{language}.")
    for written, spoken in rule.examples
]


@pytest.mark.parametrize("language", TABLES)
def test_rules_are_named_and_proved(language: str) -> None:
    names = [rule.name for rule in TABLES[language]]
    assert len(names) == len(set(names)), "a rule name is used twice"
    for rule in TABLES[language]:
        assert len(rule.examples) >= 2, f"{rule.name} has fewer than two examples"


@pytest.mark.parametrize(("language", "name", "written", "spoken"), EXAMPLES)
def test_example(language: str, name: str, written: str, spoken: str) -> None:
    trace: list = []
    assert normalize(written, language, trace) == spoken
    assert name in {rewrite.rule for rewrite in trace}, f"{name} did not fire on its own example"
