"""Rules every language shares: emoticons and kaomoji, links, arrows, and the pauses that ellipses and
dashes stand for. Each language's table puts `FIRST` before its own rules and `LAST` after them."""

from __future__ import annotations

from post2pod.narrate.speech.links import DOI_RE, URL_RE, spoken_url
from post2pod.narrate.speech.rule import Rule, rule
from post2pod.narrate.speech.symbols import EMOTICON_RE, emoticon_end, is_kaomoji

EMOTICON = rule(
    "script.emoticon",
    "script",
    EMOTICON_RE,
    emoticon_end,
    "that was fun :-) Next time => that was fun. Next time",
    "sure ;) we can => sure we can",
)
HEART_LOVE = rule(
    "script.heart_as_love",
    "script",
    r"(?<=\w )<3(?= \w)",
    "love",
    "I <3 NY => I love NY",
    "we <3 Rust => we love Rust",
)
HEART = rule(
    "script.heart",
    "script",
    r"(?<!\S)<3+(?!\S)",
    "",
    "thanks all <3 => thanks all",
    "<333 see you => see you",
)
KAOMOJI = rule(
    "script.kaomoji",
    "script",
    r"(?<!\S)\S{2,}(?!\S)",
    lambda m: "" if is_kaomoji(m.group(0)) else m.group(0),
    "oh well ¯\\_(ツ)_/¯ => oh well",
    "angry (╯°□°)╯︵ ┻━┻ => angry",
)
TWEET_PICTURE = rule(
    "electronic.tweet_picture",
    "electronic",
    r"\bpic\.(?:twitter|x)\.com/\S+",
    "",
    "Look at this pic.twitter.com/AbC123 => Look at this",
    "new logo pic.x.com/xyz9 => new logo",
)
# Markdown a feed left unrendered: a link is its text; a reference definition is an address, not words.
MARKDOWN_LINK = rule(
    "electronic.markdown_link",
    "electronic",
    r"\[([^\[\]\n]{1,200})\](?:\((?:https?://|mailto:|/|#|\./)[^()\s]{0,500}\)|\[[\w .-]{1,30}\])",
    r"\1",
    "inspired by [this article][2] by Thiago => inspired by this article by Thiago",
    "read [the docs](https://x.org/docs) first => read the docs first",
)
MARKDOWN_LINK_DEFINITION = rule(
    "electronic.markdown_link_definition",
    "electronic",
    r"(?m)^[ \t]*\[[\w .-]{1,30}\]:[ \t]*(?:https?://|/)\S{1,500}(?:[ \t]+\"[^\"\n]{0,200}\")?[ \t]*$",
    "",
    "[2]: http://avelino.xxx/2014/11/golang => ",
    '[docs]: https://x.org/docs "The docs" => ',
)
FIRST_RULES = [EMOTICON, HEART_LOVE, HEART, KAOMOJI, TWEET_PICTURE, MARKDOWN_LINK, MARKDOWN_LINK_DEFINITION]
ARROW = rule(
    "verbatim.arrow_symbol",
    "verbatim",
    r"[\u2190-\u21ff\u27f5-\u27ff]",
    " ",
    "Next ↗ => Next",
    "⟵ back => back",
)


def doi(spoken: str) -> Rule:
    """A written-out DOI, said as `spoken` ("a DOI")."""
    return rule(
        "electronic.doi",
        "electronic",
        DOI_RE,
        spoken,
        f"see doi:10.1000/182 for more => see {spoken} for more",
        f"at https://doi.org/10.1038/nphys1170. => at {spoken}.",
    )


def url(english: bool) -> Rule:
    """A URL said as where it points: "a link to example.com" (other languages: the domain)."""
    lead = "a link to " if english else ""
    return rule(
        "electronic.url",
        "electronic",
        URL_RE,
        lambda m: spoken_url(m, english),
        f"read https://www.example.com/a/b?c=1 first => read {lead}example.com first",
        f"(see http://blog.jane.dev/post). => (see {lead}blog.jane.dev/post).".replace("/post", ""),
    )


_ELLIPSIS = r"(?:(?<!\.)\.\s?\.\s?\.++|…)"  # possessive, from the first dot: linear on a run of dots


def _pause(name: str, pattern: str, spoken: str, *examples: str) -> Rule:
    return rule(f"pause.{name}", "pause", pattern, spoken, *examples)


PAUSES: list[Rule] = [
    _pause(
        "leading_ellipsis",
        rf"^(\s*[\"'(]?)\s*{_ELLIPSIS}\s*",
        r"\1",
        "...and then it rained. => and then it rained.",
        "… so we left. => so we left.",
    ),
    _pause(
        "final_ellipsis",
        rf"\s*{_ELLIPSIS}\s*(?=[\"')\]]*\s*$)",
        ".",
        "and then... => and then.",
        "we waited… => we waited.",
    ),
    _pause(
        "ellipsis_before_question",
        rf"\s*{_ELLIPSIS}\s*(?=[?!])",
        "",
        "Really...? => Really?",
        "And then…! => And then!",
    ),
    _pause(
        "ellipsis_before_sentence",
        rf"\s*{_ELLIPSIS}\s+(?=[\"'(]?[A-Z])(?!I\b)",
        ". ",
        "Wait... What happened? => Wait. What happened?",
        "It broke… Then it worked. => It broke. Then it worked.",
    ),
    _pause(
        "ellipsis",
        rf"\s*{_ELLIPSIS}\s*",
        ", ",
        "well... maybe => well, maybe",
        "one…two => one, two",
    ),
    _pause(
        "leading_dash",
        r"^\s*(?:—|―|–|--)\s*",
        "",
        "— Jane Austen => Jane Austen",
        "-- the end => the end",
    ),
    _pause(
        "dash",
        r"\s*(?:—|―|--)\s*|\s+[–-]\s+",
        ", ",
        "cold—very cold => cold, very cold",
        "it works - mostly => it works, mostly",
    ),
    _pause("double_comma", r"\s*,(?:\s*,)+", ",", "one, , two => one, two", "yes,, no => yes, no"),
    _pause(
        "comma_before_stop",
        r",\s*([.!?;:)])(?![\w.])",
        r"\1",
        "the end, . => the end.",
        "(so it goes, ) => (so it goes)",
    ),
    _pause(
        "comma_after_bracket",
        r"([(\[])\s*,\s*",
        r"\1",
        "a note (, see below) => a note (see below)",
        "[, sic] => [sic]",
    ),
    _pause(
        "comma_after_stop",
        r"([!?:;])\s*,",
        r"\1",
        "Why?, he asked => Why? he asked",
        "Stop!, she said => Stop! she said",
    ),
]
