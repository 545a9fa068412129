"""Find the article in a whole web page: its title and the HTML of its body (footnotes kept)."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from typing import Any

from bs4 import BeautifulSoup, Tag

from post2pod.narrate.html.clean import clean, is_gone, parse
from post2pod.narrate.html.tags import classes

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


DATE_METAS = (
    ("property", "article:published_time"),
    ("itemprop", "datePublished"),
    ("name", "date"),
    ("name", "dc.date"),
    ("name", "DC.date.issued"),
    ("name", "citation_publication_date"),
    ("property", "og:published_time"),
    ("name", "dcterms.date"),  # pandoc's standalone HTML
)
# Where static generators print the date in the page header, as text: Asciidoctor's `#revdate`,
# pandoc's title block, Org-mode's "Date:" line (not "Created:", which is the export time).
_HEADER_DATES = ("#revdate", "#title-block-header .date", "#postamble .date", "#preamble .date")
AUTHOR_METAS = (("name", "author"), ("property", "article:author"), ("name", "dc.creator"))
_TIME_HINT_RE = re.compile(r"publish|posted|dt-published|entry-date|post-date|date", re.I)


def page_metadata(page_html: str) -> tuple[datetime | None, str]:
    """(published, author) a post's web page declares: meta tags (`article:published_time`,
    `name=author`), JSON-LD `datePublished`/`author`, a `<time datetime>`, a `rel=author` byline."""
    soup = parse(page_html)
    ld = _json_ld(soup)
    published = (
        _meta_date(soup) or _parse_date(ld.get("datePublished")) or _time_date(soup) or _header_date(soup)
    )
    author = _meta_author(soup) or _ld_author(ld.get("author")) or _byline_author(soup)
    return published, author


def _meta_content(soup: BeautifulSoup, attr: str, value: str) -> str:
    meta = soup.find("meta", attrs={attr: re.compile(f"^{re.escape(value)}$", re.I)})
    return " ".join(str(meta.get("content") or "").split()) if meta is not None else ""


def _meta_date(soup: BeautifulSoup) -> datetime | None:
    for attr, value in DATE_METAS:
        found = _parse_date(_meta_content(soup, attr, value))
        if found:
            return found
    return None


def _meta_author(soup: BeautifulSoup) -> str:
    for attr, value in AUTHOR_METAS:
        name = _meta_content(soup, attr, value)
        if name and not re.match(r"https?://", name):
            return name
    return ""


def _json_ld(soup: BeautifulSoup) -> dict[str, Any]:
    """The first JSON-LD object on the page that has a `datePublished` (inside `@graph` too)."""
    for script in soup.find_all("script", attrs={"type": "application/ld+json"}):
        try:
            data = json.loads(script.get_text())
        except ValueError:
            continue
        items = data if isinstance(data, list) else [data]
        for item in list(items):
            if isinstance(item, dict) and isinstance(item.get("@graph"), list):
                items.extend(item["@graph"])
        for item in items:
            if isinstance(item, dict) and item.get("datePublished"):
                return item
    return {}


def _ld_author(value: object) -> str:
    if isinstance(value, list):
        names = [_ld_author(v) for v in value]
        return " and ".join(n for n in names if n)
    if isinstance(value, dict):
        value = value.get("name")
    return " ".join(value.split()) if isinstance(value, str) and not value.startswith("http") else ""


def _time_date(soup: BeautifulSoup) -> datetime | None:
    times = [t for t in soup.find_all("time") if t.get("datetime")]
    hinted = [t for t in times if _TIME_HINT_RE.search(" ".join([*classes(t), str(t.get("itemprop") or "")]))]
    for tag in hinted or times[:1]:
        found = _parse_date(str(tag["datetime"]))
        if found:
            return found
    return None


def _header_date(soup: BeautifulSoup) -> datetime | None:
    for selector in _HEADER_DATES:
        tag = soup.select_one(selector)
        text = " ".join(tag.get_text(" ").split()) if tag is not None else ""
        match = re.match(r"(?:Date:\s*)?(\d{4}-\d{2}-\d{2})\b", text)
        if match:
            return _parse_date(match.group(1))
    return None


def _byline_author(soup: BeautifulSoup) -> str:
    tag = soup.select_one("[rel~=author], [itemprop=author], .p-author, .author-name")
    if tag is None:
        return ""
    name_tag = tag.select_one("[itemprop=name]") or tag
    name = " ".join(name_tag.get_text(" ").split())
    return name if 0 < len(name) <= 80 else ""


def _parse_date(value: object) -> datetime | None:
    """An ISO 8601 date or date-time; a date alone is midnight UTC, a time without zone is UTC."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        found = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return found if found.tzinfo else found.replace(tzinfo=UTC)


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
    """The element whose own paragraphs hold the most text (the body itself too: a bare fragment)."""
    best, best_score = body, 0
    for tag in [body, *body.find_all(["div", "section", "td"])]:
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
        if is_gone(tag) or tag.find_parent(["blockquote", "figure"]) is not None:
            continue  # a quotation's footer names its source
        if tag.select_one(FOOTNOTE_CSS) is None:
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
