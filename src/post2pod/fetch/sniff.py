"""Recognise input that is not text at all (an image, a PDF, an archive, random bytes) from its first
bytes, so it is refused with a clear message instead of being parsed or narrated."""

from __future__ import annotations

import codecs

SNIFF_BYTES = 4096

# File signatures (magic numbers) of formats people might hand over by mistake.
SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive"),
    (b"PK\x05\x06", "a ZIP archive"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\x28\xb5\x2f\xfd", "a zstd archive"),
    (b"ID3", "an MP3 file"),
    (b"\xff\xfb", "an MP3 file"),
    (b"\xff\xf3", "an MP3 file"),
    (b"OggS", "an Ogg file"),
    (b"fLaC", "a FLAC file"),
    (b"\x7fELF", "a program"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\x00asm", "a WebAssembly module"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an Office document"),
)
_TEXT_BOMS = (
    codecs.BOM_UTF8,
    codecs.BOM_UTF16_LE,
    codecs.BOM_UTF16_BE,
    codecs.BOM_UTF32_LE,
    codecs.BOM_UTF32_BE,
)
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13)) + b"\x7f"


def binary_kind(data: bytes) -> str:
    """What `data` is when it is not text ("a PNG image", "binary data"), else ""."""
    head = data[:SNIFF_BYTES]
    for signature, kind in SIGNATURES:
        if head.startswith(signature) and (signature != b"BZh" or head[3:4].isdigit()):
            return kind
    if head[:12].startswith(b"RIFF") and head[8:12] in (b"WAVE", b"WEBP", b"AVI "):
        return {b"WAVE": "a WAV file", b"WEBP": "a WebP image", b"AVI ": "an AVI video"}[head[8:12]]
    if head.startswith(_TEXT_BOMS) or not head:
        return ""
    if _looks_like_noise(head):
        return "binary data"
    return ""


def _looks_like_noise(head: bytes) -> bool:
    """NUL and other control characters (text has next to none; a stray one in a broken feed is not
    enough) or mostly undecodable bytes (legacy 8-bit text has a few accented letters, not a majority)."""
    controls = sum(head.count(bytes([b])) for b in _CONTROL_BYTES)
    if head.count(b"\x00") > 0.01 * len(head) or controls > 0.1 * len(head):
        return True
    return head.decode("utf-8", "replace").count("\ufffd") > 0.3 * len(head)
