"""Find the article in a whole web page: its title and the HTML of its body (footnotes kept)."""

from __future__ import annotations

from bs4 import BeautifulSoup, Tag

from post2pod.narrate.clean import clean, parse

ARTICLE_SELECTORS = (
    "[itemprop=articleBody]",
    "article .post-content",
    "article .entry-content",
    "article",
    ".post-content",
    ".entry-content",
    ".post-body",
    ".article-content",
    ".article-body",
    ".post",
    "main",
    "[role=main]",
    "#content",
    ".content",
)
FOOTNOTE_SELECTORS = (
    ".footnotes",
    "[role=doc-endnotes]",
    "section[data-footnotes]",
    "ol.wp-block-footnotes",
    "div.footnote",
    "#footnotes",
)
FOOTNOTE_CSS = ", ".join(FOOTNOTE_SELECTORS)
CHROME = ("header", "footer")


def extract_article(page_html: str) -> tuple[str, str]:
    """(title, article_html) of a whole web page.

    Prefers `<article>`, `[itemprop=articleBody]`, `main`, `.post-content`/`.entry-content`, else the most
    text-dense block; keeps footnotes; drops navigation, header, footer, comments and share boxes.
    """
    soup = parse(page_html)
    title = _title(soup)
    clean(soup)
    article = _article(soup)
    if article is None:
        return title, ""
    notes = [n for n in soup.select(FOOTNOTE_CSS) if n is not article and not _related(n, article)]
    _drop_chrome(article)
    html = str(article) + "".join(str(n) for n in _outermost(notes))
    return title, html


def _title(soup: BeautifulSoup) -> str:
    meta = soup.find("meta", attrs={"property": "og:title"}) or soup.find(
        "meta", attrs={"name": "twitter:title"}
    )
    if meta is not None and str(meta.get("content") or "").strip():
        return " ".join(str(meta["content"]).split())
    for selector in ("article h1", "h1", "title"):
        found = soup.select_one(selector)
        if found is not None and found.get_text(strip=True):
            return " ".join(found.get_text(" ").split())
    return ""


def _article(soup: BeautifulSoup) -> Tag | None:
    body = soup.body or soup
    total = len(body.get_text(" ", strip=True))
    for selector in ARTICLE_SELECTORS:
        candidates = soup.select(selector)
        if candidates:
            best = max(candidates, key=_text_length)
            if _text_length(best) >= min(200, total * 0.2):
                return best
    return _densest(body) if isinstance(body, Tag) else None


def _densest(body: Tag) -> Tag:
    """The element whose own paragraphs hold the most text."""
    best, best_score = body, 0
    for tag in body.find_all(["div", "section", "td"]):
        score = sum(
            len(p.get_text(" ", strip=True))
            for p in tag.find_all(["p", "pre", "li", "blockquote"], recursive=False)
        )
        if score > best_score:
            best, best_score = tag, score
    return best


def _drop_chrome(article: Tag) -> None:
    """Headers and footers inside the article (title, byline, tags) go, unless they hold the notes."""
    for tag in article.find_all(CHROME):
        if not tag.decomposed and tag.select_one(FOOTNOTE_CSS) is None:
            tag.decompose()


def _outermost(tags: list[Tag]) -> list[Tag]:
    unique: list[Tag] = []
    for tag in tags:
        if tag not in unique and not any(other in tag.parents for other in tags):
            unique.append(tag)
    return unique


def _text_length(tag: Tag) -> int:
    return len(tag.get_text(" ", strip=True))


def _related(tag: Tag, article: Tag) -> bool:
    return article in tag.parents or tag in article.parents
