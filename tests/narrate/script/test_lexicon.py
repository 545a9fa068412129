"""The pronunciation lexicon: whole words, exact case first, phonemes passed through."""

from __future__ import annotations

from dataclasses import replace

from post2pod.narrate import narrate
from post2pod.narrate.script.lexicon import apply_lexicon

ENTRIES = (
    ("nginx", "engine x"),
    ("US", "United States"),
    ("us", "uss"),
    ("Kubernetes", "[[ kˌuːbɚnˈɛtiːz ]]"),
)


def test_whole_words_only() -> None:
    assert apply_lexicon("nginx and nginxes", ENTRIES) == "engine x and nginxes"


def test_exact_case_first_then_any_case() -> None:
    assert apply_lexicon("US and us and Nginx", ENTRIES) == "United States and uss and engine x"


def test_phonemes_pass_through() -> None:
    assert apply_lexicon("Kubernetes runs.", ENTRIES) == "[[ kˌuːbɚnˈɛtiːz ]] runs."


def test_no_entries() -> None:
    assert apply_lexicon("same", ()) == "same"


def test_lexicon_applies_after_normalisation(make_post, quiet) -> None:
    settings = replace(quiet, lexicon_entries=(("versus", "verses"),))
    script = narrate(make_post("<p>Vim vs. Emacs.</p>"), settings)
    assert script.segments[0].text == "Vim verses Emacs."
