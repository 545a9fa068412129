"""The per-language phrase table: complete, well-formed, and configurable per language."""

from __future__ import annotations

import re
import string
from dataclasses import replace
from datetime import date

import pytest

from post2pod.config import NarrationSettings
from post2pod.narrate import disclosure_text, narrate
from post2pod.narrate.script.phrases import (
    CONFIGURABLE,
    PHRASES,
    configured_phrase,
    guess_language,
    spoken_date,
)

ITALIAN = (
    '<div lang="it"><p>Il vecchio banco da lavoro era troppo basso.<sup><a href="#fn1">1</a></sup> '
    "Ho aggiunto dieci centimetri alle gambe.</p>"
    '<ol class="footnotes"><li id="fn1">Per la mia schiena, almeno.</li></ol></div>'
)
FOOTNOTED = (
    '<p>The bench was too low.<sup><a href="#fn1">1</a></sup> I raised it.</p>'
    '<ol class="footnotes"><li id="fn1">For my back, at least.</li></ol>'
)


def _fields(text: str) -> list[str | None]:
    return sorted(str(name) for _, name, _, _ in string.Formatter().parse(text) if name is not None)


@pytest.mark.parametrize("language", sorted(PHRASES))
def test_every_language_has_every_phrase_with_the_same_placeholders(language: str) -> None:
    assert set(PHRASES[language]) == set(PHRASES["en"])
    for key, english in PHRASES["en"].items():
        assert _fields(PHRASES[language][key]) == _fields(english), (language, key)


@pytest.mark.parametrize("language", sorted(PHRASES))
def test_spoken_dates_name_the_month(language: str) -> None:
    said = spoken_date(language, date(2026, 3, 14))
    assert re.findall(r"\d+", said) == ["14", "2026"]
    assert re.search(r"[^\W\d_]{3,}", said)  # the month, as a word


def test_the_first_of_the_month_is_an_ordinal_where_it_must_be() -> None:
    assert spoken_date("it", date(2026, 5, 1)) == "primo maggio 2026"
    assert spoken_date("fr", date(2026, 5, 1)) == "premier mai 2026"
    assert spoken_date("de", date(2026, 5, 1)) == "1. Mai 2026"
    assert spoken_date("en", date(2026, 5, 1)) == "May 1, 2026"


def test_an_italian_post_gets_italian_intro_disclosure_cue_and_outro(make_post) -> None:
    script = narrate(make_post(ITALIAN, title="Il banco"), NarrationSettings())
    texts = [s.text for s in script.segments]
    assert script.language == "it"
    assert texts[0] == "Il banco. Di Ada Lovelace, tre marzo duemilaventiquattro."
    assert texts[1] == "Letto da una voce sintetica."
    assert any(t.startswith("Una nota: Per la mia schiena") for t in texts)
    assert texts[-1] == "Puoi leggere questo articolo su example.com."


def test_the_disclosure_is_spoken_in_the_intro(make_post) -> None:
    script = narrate(make_post("<p>Body.</p>"), NarrationSettings())
    intro = [s.text for s in script.sections[0].segments if s.kind == "intro"]
    assert "Read by a synthetic voice." in intro
    assert script.disclosure == "Read by a synthetic voice."


def test_one_line_turns_the_disclosure_off(make_post) -> None:
    script = narrate(make_post("<p>Body.</p>"), NarrationSettings(disclosure=""))
    assert not any("synthetic" in s.text for s in script.segments)
    assert script.disclosure == ""
    assert disclosure_text(NarrationSettings(disclosure=""), "it") == ""


def test_a_user_footnote_cue_holds_in_every_language(make_post) -> None:
    settings = NarrationSettings(footnote_cue="Side note:", intro="", outro="", disclosure="")
    english = [s.text for s in narrate(make_post(FOOTNOTED), settings).segments]
    italian = [s.text for s in narrate(make_post(ITALIAN), settings).segments]
    assert "Side note: For my back, at least." in english
    assert any(t.startswith("Side note: Per la mia schiena") for t in italian)


def test_a_per_language_override_changes_only_that_language(make_post) -> None:
    overrides = (("it", "footnote_cue", "Nota a piè di pagina:"), ("it", "disclosure", "Voce artificiale."))
    settings = NarrationSettings(intro="", outro="", phrases=overrides)
    italian = [s.text for s in narrate(make_post(ITALIAN), settings).segments]
    english = [s.text for s in narrate(make_post(FOOTNOTED), settings).segments]
    assert italian[0] == "Voce artificiale."
    assert any(t.startswith("Nota a piè di pagina: Per la mia schiena") for t in italian)
    assert english[0] == "Read by a synthetic voice."
    assert "A footnote: For my back, at least." in english


def test_configured_phrase_order() -> None:
    overrides = (("de", "outro", "Tschüss."),)
    assert configured_phrase("de", "outro", PHRASES["en"]["outro"], overrides) == "Tschüss."
    assert configured_phrase("fr", "outro", PHRASES["en"]["outro"], overrides) == PHRASES["fr"]["outro"]
    assert configured_phrase("fr", "outro", "Bye.", overrides) == "Bye."
    assert configured_phrase("xx", "intro", PHRASES["en"]["intro"]) == PHRASES["en"]["intro"]
    assert set(CONFIGURABLE) <= set(PHRASES["en"])


def test_a_short_post_is_read_in_the_feeds_language(make_post) -> None:
    post = replace(make_post("<p>Ciao a tutti, oggi niente.</p>", title="Breve"), language="it-IT")
    script = narrate(post, NarrationSettings(outro=""))
    assert script.language == "it"
    assert script.segments[0].text == "Breve. Di Ada Lovelace, tre marzo duemilaventiquattro."


def test_words_beat_the_feeds_language_and_the_page_lang_beats_both() -> None:
    english = "the cat and the dog of the house is not for you, " * 3
    assert guess_language(english, "", "it") == "en"
    assert guess_language("Ciao.", "", "de-AT") == "de"
    assert guess_language(english, "fr-CA", "it") == "fr"
    assert guess_language("Hello.") == "en"
