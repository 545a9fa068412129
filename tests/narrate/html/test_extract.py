"""Finding the article in a whole page."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from post2pod.narrate import extract_article, narrate, page_metadata, script_text

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


def test_extract_article_of_a_bare_fragment_keeps_paragraphs_under_the_body() -> None:
    page = (
        "<p>" + "First paragraph, straight under the body. " * 3 + "</p>"
        "<div class='note'><p>A short aside in a div.</p></div>"
        "<p>" + "Last paragraph, also under the body. " * 3 + "</p>"
    )
    _, html = extract_article(page)
    assert "First paragraph" in html and "A short aside" in html and "Last paragraph" in html


def test_extract_article_of_empty_page() -> None:
    assert extract_article("") == ("", "") or extract_article("")[1].strip() in ("", "<html></html>")


@pytest.mark.parametrize(
    ("head", "published", "author"),
    [
        (
            '<meta property="article:published_time" content="2020-08-13T10:00:00+02:00">'
            '<meta name="author" content="Alexis King">',
            datetime(2020, 8, 13, 8, 0, tzinfo=UTC),
            "Alexis King",
        ),
        (
            '<script type="application/ld+json">{"@context": "https://schema.org", "@graph": [{"@type": '
            '"BlogPosting", "datePublished": "2019-01-02", "author": [{"@type": "Person", "name": "Ann Bo"}, '
            '{"name": "Cy Di"}]}]}</script>',
            datetime(2019, 1, 2, tzinfo=UTC),
            "Ann Bo and Cy Di",
        ),
        (
            '<script type="application/ld+json">{not json</script><meta name="author" content="https://x.com/me">',
            None,
            "",
        ),
    ],
)
def test_page_metadata_from_head(head: str, published: datetime | None, author: str) -> None:
    page = f"<html><head>{head}</head><body><article><p>Text.</p></article></body></html>"
    assert page_metadata(page) == (published, author)


def test_page_metadata_from_time_and_byline() -> None:
    page = (
        "<article><header><time datetime='2001-01-01'>Jan 1</time> <a rel='author' href='/me'>Jo Smith</a>"
        "<time class='dt-published' datetime='2018-05-06T10:00Z'>May 6</time></header><p>Text.</p></article>"
    )
    assert page_metadata(page) == (datetime(2018, 5, 6, 10, 0, tzinfo=UTC), "Jo Smith")


def test_quote_footer_is_not_page_chrome(make_post, quiet) -> None:
    page = (
        "<article><header><h1>Quotes</h1></header><p>Kay said it well, as usual, in his talk.</p>"
        "<blockquote><p>Simple things should be simple.</p><footer>— <cite>Alan Kay</cite></footer>"
        "</blockquote><footer>Posted in quotes</footer></article>"
    )
    _title, html = extract_article(page)
    assert script_text(narrate(make_post(html), quiet)).endswith("End of quote, from Alan Kay.")


@pytest.mark.parametrize(
    "page",
    [
        # Asciidoctor's header
        '<div id="header"><h1>T</h1><div class="details"><span id="revdate">2024-09-30</span></div></div>'
        "<div id='content'><p>Text.</p></div>",
        # pandoc's standalone title block
        '<header id="title-block-header"><h1 class="title">T</h1><p class="date">2024-09-30</p></header>'
        "<p>Text.</p>",
        # Org-mode's postamble: the "Date:" line, not the "Created:" export time
        '<div id="content"><p>Text.</p></div><div id="postamble" class="status">'
        '<p class="date">Date: 2024-09-30</p><p class="date">Created: 2026-01-01 Thu 10:00</p></div>',
    ],
)
def test_page_metadata_from_generator_headers(page: str) -> None:
    assert page_metadata(f"<html><body>{page}</body></html>")[0] == datetime(2024, 9, 30, tzinfo=UTC)


def test_org_created_time_is_not_the_publication_date() -> None:
    page = '<div id="postamble"><p class="date">Created: 2026-01-01 Thu 10:00</p></div>'
    assert page_metadata(f"<html><body><p>Text.</p>{page}</body></html>")[0] is None
