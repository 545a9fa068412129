"""What the narrator says about things a listener cannot see, per language (English fallback)."""

from __future__ import annotations

import re

PHRASES: dict[str, dict[str, str]] = {
    "en": {
        "code": "A code sample follows in the post.",
        "table": "A table follows in the post.",
        "equation": "An equation follows in the post.",
        "formula": "a formula",
        "video": "A video is embedded in the post.",
        "audio": "An audio clip is embedded in the post.",
        "image": "An image: {}",
        "quote_open": "Quote.",
        "quote_close": "End of quote.",
        "tweet_open": "Quote from a tweet.",
        "references": "A list of references follows in the post.",
        "numbered": "Number {}: {}",
        "footnote": "Footnote {}.",
        "footnotes": "Footnotes",
        "plus": "plus",
    },
    "it": {
        "code": "Nel post segue un esempio di codice.",
        "table": "Nel post segue una tabella.",
        "equation": "Nel post segue un'equazione.",
        "formula": "una formula",
        "video": "Nel post è incorporato un video.",
        "audio": "Nel post è incorporato un audio.",
        "image": "Un'immagine: {}",
        "quote_open": "Citazione.",
        "quote_close": "Fine della citazione.",
        "tweet_open": "Citazione da un tweet.",
        "references": "Nel post segue una bibliografia.",
        "numbered": "Numero {}: {}",
        "footnote": "Nota {}.",
        "footnotes": "Note",
        "plus": "più",
    },
}
ORDINAL_WORDS = (
    "First",
    "Second",
    "Third",
    "Fourth",
    "Fifth",
    "Sixth",
    "Seventh",
    "Eighth",
    "Ninth",
    "Tenth",
)

# Block-level announcements (code runs, formulas, tables, quotations, passages in other languages,
# excerpts). Kept apart from PHRASES so that the two tables merge cleanly; folded into it below.
BLOCK_PHRASES: dict[str, dict[str, str]] = {
    "en": {
        "code": "The post shows a code example here.",
        "code_in": "The post shows a {} example here.",
        "code_output": "The post shows some output here.",
        "code_session": "The post shows a terminal session here.",
        "code_command": "The post shows a terminal command here.",
        "table": "The post shows a table here.",
        "equation": "The post shows an equation here.",
        "quote_from": "End of quote, from {}.",
        "teaser_outro": "That is the opening of the post; the rest is at {}.",
        "teaser_outro_nosite": "That is the opening of the post; the rest is on its web page.",
        "foreign_quote": "(a quotation in {})",
        "foreign_passage": "(a passage in {})",
    },
    "it": {
        "code": "Qui il post mostra un esempio di codice.",
        "code_in": "Qui il post mostra un esempio in {}.",
        "code_output": "Qui il post mostra l'output di un programma.",
        "code_session": "Qui il post mostra una sessione di terminale.",
        "code_command": "Qui il post mostra un comando da terminale.",
        "quote_from": "Fine della citazione, di {}.",
        "teaser_outro": "Questo è l'inizio del post; il resto si trova su {}.",
        "teaser_outro_nosite": "Questo è l'inizio del post; il resto si trova sulla sua pagina web.",
        "foreign_quote": "(una citazione in {})",
        "foreign_passage": "(un passo in {})",
    },
}
for _language, _phrases in BLOCK_PHRASES.items():
    PHRASES.setdefault(_language, {}).update(_phrases)

# Names of languages as said in the post's language (for "a quotation in French").
LANGUAGE_NAMES: dict[str, dict[str, str]] = {
    "en": {
        "ar": "Arabic",
        "ca": "Catalan",
        "cs": "Czech",
        "da": "Danish",
        "de": "German",
        "el": "Greek",
        "en": "English",
        "es": "Spanish",
        "fi": "Finnish",
        "fr": "French",
        "he": "Hebrew",
        "hi": "Hindi",
        "hu": "Hungarian",
        "it": "Italian",
        "ja": "Japanese",
        "ko": "Korean",
        "la": "Latin",
        "nl": "Dutch",
        "no": "Norwegian",
        "pl": "Polish",
        "pt": "Portuguese",
        "ro": "Romanian",
        "ru": "Russian",
        "sv": "Swedish",
        "tr": "Turkish",
        "uk": "Ukrainian",
        "zh": "Chinese",
    },
    "it": {
        "de": "tedesco",
        "el": "greco",
        "en": "inglese",
        "es": "spagnolo",
        "fr": "francese",
        "ja": "giapponese",
        "la": "latino",
        "pt": "portoghese",
        "ru": "russo",
        "zh": "cinese",
    },
}


def language_name(language: str, code: str) -> str:
    """The name of language `code` said in `language` ("" when unknown; English names for a
    language without its own list)."""
    names = LANGUAGE_NAMES.get(language, LANGUAGE_NAMES["en"])
    return names.get(code, "")


# Frequent short words, to guess the language of a post that does not declare one.
STOPWORDS = {
    "en": {
        "the",
        "and",
        "of",
        "to",
        "is",
        "that",
        "it",
        "for",
        "with",
        "this",
        "are",
        "was",
        "you",
        "not",
        "be",
    },
    "it": {
        "il",
        "di",
        "che",
        "è",
        "la",
        "per",
        "non",
        "una",
        "sono",
        "della",
        "del",
        "con",
        "questo",
        "anche",
        "gli",
    },
    "fr": {
        "le",
        "les",
        "des",
        "est",
        "et",
        "une",
        "pour",
        "dans",
        "que",
        "qui",
        "pas",
        "sur",
        "avec",
        "du",
        "au",
    },
    "es": {
        "el",
        "los",
        "las",
        "que",
        "y",
        "es",
        "por",
        "una",
        "para",
        "con",
        "del",
        "no",
        "se",
        "como",
        "pero",
    },
    "de": {
        "der",
        "die",
        "das",
        "und",
        "ist",
        "nicht",
        "mit",
        "ein",
        "eine",
        "zu",
        "den",
        "von",
        "auf",
        "für",
        "sich",
    },
}


def phrase(language: str, key: str) -> str:
    return PHRASES.get(language, PHRASES["en"]).get(key, PHRASES["en"][key])


def list_prefix(language: str, number: int, count: int) -> str:
    """How an ordered-list item is introduced: "First, " for short English lists, else "Number 12: "."""
    if language == "en" and count <= len(ORDINAL_WORDS) and 1 <= number <= len(ORDINAL_WORDS):
        return f"{ORDINAL_WORDS[number - 1]}, "
    return phrase(language, "numbered").format(number, "")


def guess_language(text: str, declared: str = "") -> str:
    """Two-letter language code: the declared one if any, else by counting frequent words; "en" if unsure."""
    if declared:
        return declared.split("-")[0].split("_")[0].lower()
    tokens = re.findall(r"[^\W\d_]+", text.lower())[:2000]
    if len(tokens) < 20:
        return "en"
    scores = {lang: sum(token in words for token in tokens) for lang, words in STOPWORDS.items()}
    best = max(scores, key=lambda lang: scores[lang])
    return best if scores[best] > scores["en"] * 1.5 else "en"
