"""What the voice will say: text as espeak-ng phonemes, the way Piper phonemises it before synthesis.

Used to judge a reading by its sound rather than its spelling ("3" and "three" are the same speech;
"a m" and "AM" are not: the first is the article "a").
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

# espeak voices for the languages post2pod narrates (Piper voices name the same ones)
ESPEAK_VOICES = {"en": "en-us", "de": "de", "fr": "fr", "es": "es", "it": "it", "pt": "pt", "nl": "nl"}
_NOT_SOUND_RE = re.compile(r"[\sˈˌ.,;:!?\"'()\-–—‖|¡¿«»]")


@cache
def _phonemizer():
    from piper.phonemize_espeak import EspeakPhonemizer

    return EspeakPhonemizer()


def phonemes(text: str, language: str = "en") -> str:
    """`text` as the voice's phonemes: stress, pauses and word breaks removed (sound only)."""
    voice = ESPEAK_VOICES.get(language.split("-")[0].lower(), language)
    sentences = _phonemizer().phonemize(voice, text)
    spoken = unicodedata.normalize("NFC", "".join("".join(sentence) for sentence in sentences))
    return _NOT_SOUND_RE.sub("", spoken)


def sounds_same(a: str, b: str, language: str = "en") -> bool:
    """Whether the voice says `a` and `b` alike."""
    return phonemes(a, language) == phonemes(b, language)
