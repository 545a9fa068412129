"""Input that is not text is recognised from its first bytes (and text, in any encoding, is not)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from post2pod.fetch.sniff import binary_kind

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"


def noise(size: int) -> bytes:
    return random.Random(size).randbytes(size)


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"\x89PNG\r\n\x1a\n" + noise(100), "a PNG image"),
        (b"\xff\xd8\xff\xe0" + noise(100), "a JPEG image"),
        (b"%PDF-1.7\n" + noise(100), "a PDF document"),
        (b"PK\x03\x04" + noise(100), "a ZIP archive"),
        (b"\x1f\x8b\x08" + noise(100), "a gzip archive"),
        (b"RIFF\x00\x00\x00\x00WEBPVP8 ", "a WebP image"),
        (noise(64), "binary data"),
        (noise(4096), "binary data"),
        (b"\x00" * 200, "binary data"),
    ],
)
def test_binary_input_is_named(data: bytes, kind: str) -> None:
    assert binary_kind(data) == kind


@pytest.mark.parametrize(
    "data",
    [
        b"",
        "<p>Caff\u00e8 \u00e8 buono</p>".encode("cp1252"),
        "<p>Caff\u00e8</p>".encode(),
        "\u3042\u308a\u304c\u3068\u3046".encode("utf-16"),
        b"BZh is how the word starts",
        b"<rss>\x07 a bell and a \x00 NUL in a broken feed" + b"<item>text</item>" * 20 + b"</rss>",
        b"plain text, no markup at all",
    ],
)
def test_text_is_not_binary(data: bytes) -> None:
    assert binary_kind(data) == ""


def test_no_fixture_or_corpus_feed_is_taken_for_binary() -> None:
    texts = [*FIXTURES.glob("feeds/*"), *FIXTURES.glob("narration/*"), *CORPUS.glob("*.xml")]
    assert [p.name for p in texts if binary_kind(p.read_bytes())] == []
