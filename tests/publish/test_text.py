"""Text helpers: XML-safe text, URLs, durations and dates."""

from __future__ import annotations

from datetime import UTC, datetime

from post2pod.publish.text import clean, format_date, format_duration, url_for


def test_clean_strips_xml_invalid_characters_only() -> None:
    assert clean("a\x00b\x08c\x0bd\x1fe\x7f\ud800f\ufffe\tg\nh\ri é 😀") == "abcdef\tg\nh\ri é 😀"
    assert clean(None) == ""


def test_url_for_quotes_each_path_component() -> None:
    assert url_for("https://x.org/p/", "episodes/a b#?.mp3") == "https://x.org/p/episodes/a%20b%23%3F.mp3"
    assert url_for("https://x.org/p", "cover.png") == "https://x.org/p/cover.png"


def test_format_duration() -> None:
    assert format_duration(0) == "0:00"
    assert format_duration(61_499) == "1:01"
    assert format_duration(3_723_000) == "1:02:03"


def test_format_date_ignores_the_locale() -> None:
    assert format_date(datetime(2026, 11, 3, tzinfo=UTC)) == "3 Nov 2026"
