"""Finding the article in a whole page."""

from __future__ import annotations

from post2pod.narrate import extract_article, narrate, script_text

PAGE = """<html><head><title>Site | Tea notes</title><meta property="og:title" content="Tea notes"></head>
<body><nav><a href="/">Home</a></nav><header><h1>My Site</h1></header>
<div class="sidebar"><p>About me and my many cats.</p></div>
<article><header><h1>Tea notes</h1><p class="byline">By Ada</p></header>
<p>Green tea wants cooler water than black tea.</p>
<p>Steep it briefly.<sup id="fnref:1"><a href="#fn:1">1</a></sup></p>
<footer><div class="share-buttons">Share</div><p>Tags: tea</p></footer></article>
<div class="footnotes"><ol><li id="fn:1"><p>Two minutes at most.</p></li></ol></div>
<section id="comments"><p>Nice post!</p></section><footer><p>Copyright me.</p></footer></body></html>"""


def test_extract_article_prefers_article_and_keeps_footnotes(make_post, quiet) -> None:
    title, html = extract_article(PAGE)
    assert title == "Tea notes"
    text = script_text(narrate(make_post(html, title=title), quiet))
    assert text.splitlines() == [
        "Green tea wants cooler water than black tea.",
        "Steep it briefly.",
        "  (aside) A footnote: Two minutes at most.",
    ]


def test_extract_article_falls_back_to_densest_block() -> None:
    page = (
        "<html><body><div><p>short</p></div><div id='x'>"
        + "<p>Long paragraph text here.</p>" * 10
        + "</div></body></html>"
    )
    title, html = extract_article(page)
    assert title == "" and html.count("Long paragraph") == 10 and "short" not in html


def test_extract_article_of_empty_page() -> None:
    assert extract_article("") == ("", "") or extract_article("")[1].strip() in ("", "<html></html>")
