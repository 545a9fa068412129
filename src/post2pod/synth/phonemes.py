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


# Letters spelled one by one in a reading a person wrote ("A M", "B A A"): joined with dots, as
# espeak reads a lone "A" before another letter as the article.
_LETTERS_RE = re.compile(r"\b[A-Z](?: [A-Z]\b)+")
_AND_RE = re.compile(r"\b(?:and|und|et|y|e|en)\b")


def heard(text: str, language: str = "en") -> str:
    """What a listener hears of `text`: its phonemes, lenient on differences nobody notices (a flapped
    t, a glide between vowels, "and" inside a number: "one hundred and two" = "one hundred two")."""
    if language.split("-")[0] == "en":
        text = _LETTERS_RE.sub(lambda m: m.group(0).replace(" ", "."), text)
    return phonemes(_AND_RE.sub(" ", text), language).replace("ɾ", "t").replace("ʲ", "")


def sounds_like(ours: str, readings: list[str], language: str = "en") -> bool:
    """Whether the voice says `ours` as one of `readings` (what careful narrators would say)."""
    sound = heard(ours, language)
    return any(sound == heard(reading, language) for reading in readings)
