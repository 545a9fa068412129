"""What the narrator says about things a listener cannot see, per language (English fallback).

It owns the phrase table in seven languages, language names and stop words (data, most of it), and
the few lookups over them: a phrase, the language a text is in, the AI disclosure.
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from post2pod.config import NarrationSettings

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
        "intro": "{title}. By {author}, published {date}.",
        "outro": "You can read this post at {site}.",
        "footnote_cue": "A footnote:",
        "disclosure": "Read by a synthetic voice.",
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
        # a dateline ("Di Anna Neri, 14 novembre 2026"): "pubblicato il" would need "l'8", "l'11"
        "intro": "{title}. Di {author}, {date}.",
        "outro": "Puoi leggere questo articolo su {site}.",
        "footnote_cue": "Una nota:",
        "disclosure": "Letto da una voce sintetica.",
    },
    "de": {
        "code": "Im Beitrag folgt ein Codebeispiel.",
        "table": "Im Beitrag folgt eine Tabelle.",
        "equation": "Im Beitrag folgt eine Gleichung.",
        "formula": "eine Formel",
        "video": "Im Beitrag ist ein Video eingebettet.",
        "audio": "Im Beitrag ist eine Audioaufnahme eingebettet.",
        "image": "Ein Bild: {}",
        "quote_open": "Zitat.",
        "quote_close": "Zitat Ende.",
        "tweet_open": "Zitat aus einem Tweet.",
        "references": "Im Beitrag folgt ein Literaturverzeichnis.",
        "numbered": "Nummer {}: {}",
        "footnote": "Fußnote {}.",
        "footnotes": "Fußnoten",
        "plus": "plus",
        "intro": "{title}. Von {author}, veröffentlicht am {date}.",
        "outro": "Diesen Beitrag können Sie auf {site} nachlesen.",
        "footnote_cue": "Eine Fußnote:",
        "disclosure": "Vorgelesen von einer synthetischen Stimme.",
    },
    "fr": {
        "code": "L'article présente ici un exemple de code.",
        "table": "L'article présente ici un tableau.",
        "equation": "L'article présente ici une équation.",
        "formula": "une formule",
        "video": "Une vidéo est intégrée à l'article.",
        "audio": "Un extrait audio est intégré à l'article.",
        "image": "Une image : {}",
        "quote_open": "Citation.",
        "quote_close": "Fin de citation.",
        "tweet_open": "Citation d'un tweet.",
        "references": "L'article présente ici une bibliographie.",
        "numbered": "Numéro {} : {}",
        "footnote": "Note {}.",
        "footnotes": "Notes",
        "plus": "plus",
        "intro": "{title}. Par {author}, publié le {date}.",
        "outro": "Vous pouvez lire cet article sur {site}.",
        "footnote_cue": "Une note :",
        "disclosure": "Lu par une voix de synthèse.",
    },
    "es": {
        "code": "Aquí el artículo incluye un ejemplo de código.",
        "table": "Aquí el artículo incluye una tabla.",
        "equation": "Aquí el artículo incluye una ecuación.",
        "formula": "una fórmula",
        "video": "El artículo incluye un vídeo.",
        "audio": "El artículo incluye un audio.",
        "image": "Una imagen: {}",
        "quote_open": "Cita.",
        "quote_close": "Fin de la cita.",
        "tweet_open": "Cita de un tuit.",
        "references": "Aquí el artículo incluye una bibliografía.",
        "numbered": "Número {}: {}",
        "footnote": "Nota {}.",
        "footnotes": "Notas",
        "plus": "más",
        "intro": "{title}. Por {author}, publicado el {date}.",
        "outro": "Puedes leer este artículo en {site}.",
        "footnote_cue": "Una nota al pie:",
        "disclosure": "Leído por una voz sintética.",
    },
    "pt": {
        "code": "Aqui o artigo inclui um exemplo de código.",
        "table": "Aqui o artigo inclui uma tabela.",
        "equation": "Aqui o artigo inclui uma equação.",
        "formula": "uma fórmula",
        "video": "O artigo inclui um vídeo.",
        "audio": "O artigo inclui um áudio.",
        "image": "Uma imagem: {}",
        "quote_open": "Citação.",
        "quote_close": "Fim da citação.",
        "tweet_open": "Citação de um tweet.",
        "references": "Aqui o artigo inclui uma bibliografia.",
        "numbered": "Número {}: {}",
        "footnote": "Nota {}.",
        "footnotes": "Notas",
        "plus": "mais",
        "intro": "{title}. Por {author}, publicado em {date}.",
        "outro": "Este artigo pode ser lido em {site}.",
        "footnote_cue": "Uma nota de rodapé:",
        "disclosure": "Lido por uma voz sintética.",
    },
    "nl": {
        "code": "Hier volgt in het bericht een codevoorbeeld.",
        "table": "Hier volgt in het bericht een tabel.",
        "equation": "Hier volgt in het bericht een vergelijking.",
        "formula": "een formule",
        "video": "In het bericht staat een video.",
        "audio": "In het bericht staat een audiofragment.",
        "image": "Een afbeelding: {}",
        "quote_open": "Citaat.",
        "quote_close": "Einde citaat.",
        "tweet_open": "Citaat uit een tweet.",
        "references": "Hier volgt in het bericht een literatuurlijst.",
        "numbered": "Nummer {}: {}",
        "footnote": "Voetnoot {}.",
        "footnotes": "Voetnoten",
        "plus": "plus",
        "intro": "{title}. Door {author}, gepubliceerd op {date}.",
        "outro": "Je kunt dit bericht lezen op {site}.",
        "footnote_cue": "Een voetnoot:",
        "disclosure": "Voorgelezen door een synthetische stem.",
    },
}

# Phrases the config can set ([narration] for every language, [phrases.LANG] for one).
CONFIGURABLE = ("intro", "outro", "footnote_cue", "disclosure")

# How a publication date is said: month names and the order of day, month and year.
MONTHS = {
    "en": "January February March April May June July August September October November December",
    "it": "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre",
    "de": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
    "pt": "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro",
    "nl": "januari februari maart april mei juni juli augustus september oktober november december",
}
DATE_FORMATS = {
    "en": "{month} {day}, {year}",
    "it": "{day} {month} {year}",
    "de": "{day}. {month} {year}",  # "am 3. März": the dot makes the number an ordinal
    "fr": "{day} {month} {year}",
    "es": "{day} de {month} de {year}",
    "pt": "{day} de {month} de {year}",
    "nl": "{day} {month} {year}",
}
FIRST_DAY = {"it": "primo", "fr": "premier"}  # "le premier mai", never "le un mai"
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
        "summary_outro": "The feed gives only a short summary of this post; the full post is at {}.",
        "summary_outro_nosite": (
            "The feed gives only a short summary of this post; the full post is on its web page."
        ),
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
        "summary_outro": (
            "Il feed riporta solo un breve riassunto di questo articolo; l'articolo completo si trova su {}."
        ),
        "summary_outro_nosite": (
            "Il feed riporta solo un breve riassunto di questo articolo; "
            "l'articolo completo si trova sulla sua pagina web."
        ),
        "foreign_quote": "(una citazione in {})",
        "foreign_passage": "(un passo in {})",
        "table": "Qui il post mostra una tabella.",
        "equation": "Qui il post mostra un'equazione.",
    },
    "de": {
        "code": "Hier zeigt der Beitrag ein Codebeispiel.",
        "code_in": "Hier zeigt der Beitrag ein Beispiel in {}.",
        "code_output": "Hier zeigt der Beitrag die Ausgabe eines Programms.",
        "code_session": "Hier zeigt der Beitrag eine Terminalsitzung.",
        "code_command": "Hier zeigt der Beitrag einen Terminalbefehl.",
        "table": "Hier zeigt der Beitrag eine Tabelle.",
        "equation": "Hier zeigt der Beitrag eine Gleichung.",
        "quote_from": "Zitat Ende, von {}.",
        "teaser_outro": "Das war der Anfang des Beitrags; den Rest finden Sie auf {}.",
        "teaser_outro_nosite": "Das war der Anfang des Beitrags; den Rest finden Sie auf seiner Webseite.",
        "summary_outro": (
            "Der Feed enthält nur eine kurze Zusammenfassung dieses Beitrags; "
            "den ganzen Beitrag finden Sie auf {}."
        ),
        "summary_outro_nosite": (
            "Der Feed enthält nur eine kurze Zusammenfassung dieses Beitrags; "
            "den ganzen Beitrag finden Sie auf seiner Webseite."
        ),
        "foreign_quote": "(ein Zitat auf {})",
        "foreign_passage": "(eine Passage auf {})",
    },
    "fr": {
        "code": "Ici, l'article présente un exemple de code.",
        "code_in": "Ici, l'article présente un exemple en {}.",
        "code_output": "Ici, l'article présente la sortie d'un programme.",
        "code_session": "Ici, l'article présente une session de terminal.",
        "code_command": "Ici, l'article présente une commande de terminal.",
        "table": "Ici, l'article présente un tableau.",
        "equation": "Ici, l'article présente une équation.",
        "quote_from": "Fin de citation, de {}.",
        "teaser_outro": "C'était le début de l'article ; la suite est sur {}.",
        "teaser_outro_nosite": "C'était le début de l'article ; la suite est sur sa page web.",
        "summary_outro": "Le flux ne donne qu'un court résumé de cet article ; l'article complet est sur {}.",
        "summary_outro_nosite": (
            "Le flux ne donne qu'un court résumé de cet article ; l'article complet est sur sa page web."
        ),
        "foreign_quote": "(une citation en {})",
        "foreign_passage": "(un passage en {})",
    },
    "es": {
        "code": "Aquí el artículo muestra un ejemplo de código.",
        "code_in": "Aquí el artículo muestra un ejemplo en {}.",
        "code_output": "Aquí el artículo muestra la salida de un programa.",
        "code_session": "Aquí el artículo muestra una sesión de terminal.",
        "code_command": "Aquí el artículo muestra un comando de terminal.",
        "table": "Aquí el artículo muestra una tabla.",
        "equation": "Aquí el artículo muestra una ecuación.",
        "quote_from": "Fin de la cita, de {}.",
        "teaser_outro": "Hasta aquí el comienzo del artículo; el resto está en {}.",
        "teaser_outro_nosite": "Hasta aquí el comienzo del artículo; el resto está en su página web.",
        "summary_outro": (
            "El feed solo ofrece un breve resumen de este artículo; el artículo completo está en {}."
        ),
        "summary_outro_nosite": (
            "El feed solo ofrece un breve resumen de este artículo; "
            "el artículo completo está en su página web."
        ),
        "foreign_quote": "(una cita en {})",
        "foreign_passage": "(un pasaje en {})",
    },
    "pt": {
        "code": "Aqui o artigo mostra um exemplo de código.",
        "code_in": "Aqui o artigo mostra um exemplo em {}.",
        "code_output": "Aqui o artigo mostra a saída de um programa.",
        "code_session": "Aqui o artigo mostra uma sessão de terminal.",
        "code_command": "Aqui o artigo mostra um comando de terminal.",
        "table": "Aqui o artigo mostra uma tabela.",
        "equation": "Aqui o artigo mostra uma equação.",
        "quote_from": "Fim da citação, de {}.",
        "teaser_outro": "Este foi o início do artigo; o resto está em {}.",
        "teaser_outro_nosite": "Este foi o início do artigo; o resto está na sua página web.",
        "summary_outro": "O feed traz apenas um breve resumo deste artigo; o artigo completo está em {}.",
        "summary_outro_nosite": (
            "O feed traz apenas um breve resumo deste artigo; o artigo completo está na sua página web."
        ),
        "foreign_quote": "(uma citação em {})",
        "foreign_passage": "(um trecho em {})",
    },
    "nl": {
        "code": "Hier toont het bericht een codevoorbeeld.",
        "code_in": "Hier toont het bericht een voorbeeld in {}.",
        "code_output": "Hier toont het bericht de uitvoer van een programma.",
        "code_session": "Hier toont het bericht een terminalsessie.",
        "code_command": "Hier toont het bericht een terminalopdracht.",
        "table": "Hier toont het bericht een tabel.",
        "equation": "Hier toont het bericht een vergelijking.",
        "quote_from": "Einde citaat, van {}.",
        "teaser_outro": "Dat was het begin van het bericht; de rest staat op {}.",
        "teaser_outro_nosite": "Dat was het begin van het bericht; de rest staat op de webpagina.",
        "summary_outro": (
            "De feed geeft alleen een korte samenvatting van dit bericht; het volledige bericht staat op {}."
        ),
        "summary_outro_nosite": (
            "De feed geeft alleen een korte samenvatting van dit bericht; "
            "het volledige bericht staat op de webpagina."
        ),
        "foreign_quote": "(een citaat in het {})",
        "foreign_passage": "(een passage in het {})",
    },
}
for _language, _phrases in BLOCK_PHRASES.items():
    PHRASES.setdefault(_language, {}).update(_phrases)

# Tables described in one sentence ("A table, "Results", of 12 rows comparing size and score by
# model; see the post."), check marks in cells, and interview labels ("Q:" said as "Question.").
# `question_letter`/`answer_letter` are how the language abbreviates them in print.
STRUCTURE_PHRASES: dict[str, dict[str, str]] = {
    "en": {
        "table_a": "A table",
        "table_rows": "of {} rows",
        "table_and_columns": "and {} columns",
        "table_columns": "of {} columns",
        "table_by": "giving {} for each {}",
        "table_with": "with columns for {}",
        "table_including": "including {}",
        "table_see": "see the post.",
        "and": "and",
        "yes": "yes",
        "no": "no",
        "question": "Question.",
        "answer": "Answer.",
        "question_word": "Question",
        "answer_word": "Answer",
        "question_letter": "Q",
        "answer_letter": "A",
    },
    "it": {
        "table_a": "Una tabella",
        "table_rows": "di {} righe",
        "table_and_columns": "e {} colonne",
        "table_columns": "di {} colonne",
        "table_by": "che confronta {} per {}",
        "table_with": "con le colonne {}",
        "table_including": "tra cui {}",
        "table_see": "si veda il post.",
        "and": "e",
        "yes": "sì",
        "no": "no",
        "question": "Domanda.",
        "answer": "Risposta.",
        "question_word": "Domanda",
        "answer_word": "Risposta",
        "question_letter": "D",
        "answer_letter": "R",
    },
    "de": {
        "table_a": "Eine Tabelle",
        "table_rows": "mit {} Zeilen",
        "table_and_columns": "und {} Spalten",
        "table_columns": "mit {} Spalten",
        "table_by": "die {} nach {} vergleicht",
        "table_with": "mit den Spalten {}",
        "table_including": "darunter {}",
        "table_see": "siehe den Beitrag.",
        "and": "und",
        "yes": "ja",
        "no": "nein",
        "question": "Frage.",
        "answer": "Antwort.",
        "question_word": "Frage",
        "answer_word": "Antwort",
        "question_letter": "F",
        "answer_letter": "A",
    },
    "fr": {
        "table_a": "Un tableau",
        "table_rows": "de {} lignes",
        "table_and_columns": "et {} colonnes",
        "table_columns": "de {} colonnes",
        "table_by": "qui compare {} par {}",
        "table_with": "avec les colonnes {}",
        "table_including": "dont {}",
        "table_see": "voir l'article.",
        "and": "et",
        "yes": "oui",
        "no": "non",
        "question": "Question.",
        "answer": "Réponse.",
        "question_word": "Question",
        "answer_word": "Réponse",
        "question_letter": "Q",
        "answer_letter": "R",
    },
    "es": {
        "table_a": "Una tabla",
        "table_rows": "de {} filas",
        "table_and_columns": "y {} columnas",
        "table_columns": "de {} columnas",
        "table_by": "que compara {} por {}",
        "table_with": "con las columnas {}",
        "table_including": "entre ellas {}",
        "table_see": "véase el artículo.",
        "and": "y",
        "yes": "sí",
        "no": "no",
        "question": "Pregunta.",
        "answer": "Respuesta.",
        "question_word": "Pregunta",
        "answer_word": "Respuesta",
        "question_letter": "P",
        "answer_letter": "R",
    },
    "pt": {
        "table_a": "Uma tabela",
        "table_rows": "de {} linhas",
        "table_and_columns": "e {} colunas",
        "table_columns": "de {} colunas",
        "table_by": "que compara {} por {}",
        "table_with": "com as colunas {}",
        "table_including": "entre elas {}",
        "table_see": "veja o artigo.",
        "and": "e",
        "yes": "sim",
        "no": "não",
        "question": "Pergunta.",
        "answer": "Resposta.",
        "question_word": "Pergunta",
        "answer_word": "Resposta",
        "question_letter": "P",
        "answer_letter": "R",
    },
    "nl": {
        "table_a": "Een tabel",
        "table_rows": "van {} rijen",
        "table_and_columns": "en {} kolommen",
        "table_columns": "van {} kolommen",
        "table_by": "die {} per {} vergelijkt",
        "table_with": "met de kolommen {}",
        "table_including": "waaronder {}",
        "table_see": "zie het bericht.",
        "and": "en",
        "yes": "ja",
        "no": "nee",
        "question": "Vraag.",
        "answer": "Antwoord.",
        "question_word": "Vraag",
        "answer_word": "Antwoord",
        "question_letter": "V",
        "answer_letter": "A",
    },
}
for _language, _phrases in STRUCTURE_PHRASES.items():
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
    "de": {
        "de": "Deutsch",
        "el": "Griechisch",
        "en": "Englisch",
        "es": "Spanisch",
        "fr": "Französisch",
        "it": "Italienisch",
        "ja": "Japanisch",
        "la": "Latein",
        "nl": "Niederländisch",
        "pt": "Portugiesisch",
        "ru": "Russisch",
        "zh": "Chinesisch",
    },
    "fr": {
        "de": "allemand",
        "el": "grec",
        "en": "anglais",
        "es": "espagnol",
        "fr": "français",
        "it": "italien",
        "ja": "japonais",
        "la": "latin",
        "nl": "néerlandais",
        "pt": "portugais",
        "ru": "russe",
        "zh": "chinois",
    },
    "es": {
        "de": "alemán",
        "el": "griego",
        "en": "inglés",
        "es": "español",
        "fr": "francés",
        "it": "italiano",
        "ja": "japonés",
        "la": "latín",
        "nl": "neerlandés",
        "pt": "portugués",
        "ru": "ruso",
        "zh": "chino",
    },
    "pt": {
        "de": "alemão",
        "el": "grego",
        "en": "inglês",
        "es": "espanhol",
        "fr": "francês",
        "it": "italiano",
        "ja": "japonês",
        "la": "latim",
        "nl": "neerlandês",
        "pt": "português",
        "ru": "russo",
        "zh": "chinês",
    },
    "nl": {
        "de": "Duits",
        "el": "Grieks",
        "en": "Engels",
        "es": "Spaans",
        "fr": "Frans",
        "it": "Italiaans",
        "ja": "Japans",
        "la": "Latijn",
        "nl": "Nederlands",
        "pt": "Portugees",
        "ru": "Russisch",
        "zh": "Chinees",
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
    """The narrator's phrase `key` in `language` (English when the table has no such language)."""
    return PHRASES.get(language, PHRASES["en"]).get(key, PHRASES["en"][key])


def configured_phrase(
    language: str, key: str, configured: str, overrides: tuple[tuple[str, str, str], ...] = ()
) -> str:
    """A phrase the user may set: `[phrases.LANG]` for this language first; then the `[narration]`
    value when it differs from the English default (the user wrote it, so it holds for every
    language); else the table's phrase for `language`."""
    for lang, name, text in overrides:
        if lang == language and name == key:
            return text
    if configured != PHRASES["en"][key]:
        return configured
    return phrase(language, key)


def spoken_date(language: str, day: date) -> str:
    """A date as said in `language`: "March 3, 2024", "3 marzo 2024", "3 de marzo de 2024"."""
    language = language if language in MONTHS else "en"
    number = FIRST_DAY.get(language, "1") if day.day == 1 else str(day.day)
    month = MONTHS[language].split()[day.month - 1]
    return DATE_FORMATS[language].format(day=number, month=month, year=day.year)


def list_prefix(language: str, number: int, count: int) -> str:
    """How an ordered-list item is introduced: "First, " for short English lists, else "Number 12: "."""
    if language == "en" and count <= len(ORDINAL_WORDS) and 1 <= number <= len(ORDINAL_WORDS):
        return f"{ORDINAL_WORDS[number - 1]}, "
    return phrase(language, "numbered").format(number, "")


def guess_language(text: str, declared: str = "", fallback: str = "") -> str:
    """Two-letter language code: the declared one if any, else by counting frequent words; when unsure
    the fallback (the feed's language), else "en"."""
    if declared:
        return declared.split("-")[0].split("_")[0].lower()
    default = guess_language("", fallback) if fallback else "en"
    tokens = re.findall(r"[^\W\d_]+", text.lower())[:2000]
    if len(tokens) < 20:
        return default
    scores = {lang: sum(token in words for token in tokens) for lang, words in STOPWORDS.items()}
    best = max(scores, key=lambda lang: scores[lang])
    base = scores.get(default, scores["en"])
    return best if best == default or scores[best] > base * 1.5 else default


def disclosure_text(settings: NarrationSettings, language: str) -> str:
    """The AI disclosure in `language` ("it", "pt-BR"...) as configured ("" when turned off)."""
    language = guess_language("", language or "en")
    return configured_phrase(language, "disclosure", settings.disclosure, settings.phrases).strip()
