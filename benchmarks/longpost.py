"""A long, deterministic blog post (HTML and plain text) for benchmarks: unique sentences, headings,
lists and a footnote, so no sentence is ever served from the cache by accident."""

from __future__ import annotations

import random

SUBJECTS = [
    "The old mill",
    "A careful editor",
    "Our small team",
    "The river town",
    "A patient gardener",
    "The night train",
    "Every new reader",
    "The village baker",
    "A quiet library",
    "The harbour crane",
    "My grandmother",
    "The second draft",
    "A winter storm",
    "The lighthouse keeper",
    "The city council",
]
VERBS = [
    "remembered",
    "rebuilt",
    "measured",
    "ignored",
    "questioned",
    "described",
    "repaired",
    "carried",
    "painted",
    "followed",
    "weighed",
    "counted",
    "welcomed",
    "postponed",
    "explained",
]
OBJECTS = [
    "the long wooden bridge",
    "a box of unsent letters",
    "the price of fresh bread",
    "every crooked fence post",
    "the colour of the morning sky",
    "a map of forgotten roads",
    "the noise of the market",
    "the rules of an old card game",
    "a basket of green apples",
    "the sound of distant bells",
    "the last chapter of the book",
    "a row of empty chairs",
    "the shape of the coastline",
]
ENDINGS = [
    "before anyone else had woken up",
    "with more patience than usual",
    "because nobody else would",
    "while the kettle slowly boiled",
    "long after the shops had closed",
    "as if it were the first time",
    "without saying a single word",
    "in the middle of a busy week",
    "just as the rain began",
    "for reasons that were never clear",
]


def sentences(count: int, seed: int = 7) -> list[str]:
    """`count` distinct sentences, the same ones for the same seed."""
    rng = random.Random(seed)
    seen: set[str] = set()
    out: list[str] = []
    while len(out) < count:
        sentence = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(ENDINGS)}."
        if sentence not in seen:
            seen.add(sentence)
            out.append(sentence)
    return out


def long_post(words: int = 2200, seed: int = 7) -> tuple[str, str]:
    """(html, plain_text) of a post of about `words` words: six sections of paragraphs and lists."""
    pool = sentences(words // 11 + 10, seed)
    html, text = [], []
    index = 0
    section = 0
    while sum(len(t.split()) for t in text) < words:
        if index % 30 == 0:
            section += 1
            html.append(f"<h2>Part {section} of the story</h2>")
            text.append(f"Part {section} of the story.")
        paragraph = pool[index : index + 4]
        index += 4
        if index % 24 == 0:
            html.append("<ul>" + "".join(f"<li>{s}</li>" for s in paragraph) + "</ul>")
        else:
            html.append("<p>" + " ".join(paragraph) + "</p>")
        text.append(" ".join(paragraph))
    html.insert(2, '<p>This post has a note.<sup id="fnref:1"><a href="#fn:1">1</a></sup></p>')
    html.append(
        '<div class="footnotes"><ol><li id="fn:1"><p>A short note about the story.'
        ' <a href="#fnref:1">↩</a></p></li></ol></div>'
    )
    text.insert(2, "This post has a note. A footnote: A short note about the story.")
    return "\n".join(html), "\n\n".join(text)


def feed_xml(posts: list[tuple[str, str, str]]) -> str:
    """An RSS feed of (guid, title, html) posts, newest first."""
    items = []
    for number, (guid, title, html) in enumerate(posts):
        items.append(
            f"<item><title>{title}</title><link>https://bench.example/{guid}/</link>"
            f'<guid isPermaLink="false">{guid}</guid>'
            f"<pubDate>Mon, {20 - number:02d} Nov 2026 10:00:00 +0000</pubDate>"
            f"<content:encoded><![CDATA[{html}]]></content:encoded></item>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Bench blog</title>'
        "<link>https://bench.example/</link><description>Benchmark posts.</description>"
        + "".join(items)
        + "</channel></rss>"
    )
