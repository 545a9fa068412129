"""Parse post HTML and remove what a listener should never hear (page clutter, hidden text).

Embeds that carry meaning but are removed as scripts (gists, MathJax sources) are first turned
into placeholder elements that the structure pass announces.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator, Sequence

from bs4 import (
    BeautifulSoup,
    Comment,
    MarkupResemblesLocatorWarning,
    NavigableString,
    PageElement,
    Tag,
    XMLParsedAsHTMLWarning,
)

from post2pod.narrate.html.tags import CODE_PLACEHOLDER, HEADINGS, MATH_PLACEHOLDER, PARAGRAPH_BREAKS, classes

MAX_DEPTH = 64  # elements nested deeper are flattened (see flatten_deep)

REMOVED_TAGS = (
    "script",
    "style",
    "noscript",
    "nav",
    "form",
    "button",
    "input",
    "select",
    "textarea",
    "template",
    "svg",
    "canvas",
    "link",
    "meta",
    "head",
    "label",
    "dialog",
)

# Class/id tokens of boxes that are page furniture, not the post (matched at the start of a token).
CLUTTER_WORDS = (
    "share",
    "sharing",
    "social",
    "subscribe",
    "subscription",
    "newsletter",
    "related",
    "comments",
    "comment",
    "disqus",
    "respond",
    "sidebar",
    "advert",
    "advertisement",
    "ads",
    "ad",
    "promo",
    "cookie",
    "popup",
    "modal",
    "breadcrumb",
    "breadcrumbs",
    "pagination",
    "pager",
    "feedflare",
    "sharedaddy",
    "jp-relatedposts",
    "byline",
    "post-meta",
    "entry-meta",
    "post-navigation",
    "nav-links",
    "navigation",
    "navbar",
    "menu",
    "skip-link",
    "author-box",
    "tags",
    "post-tags",
    "tag-links",
    "cat-links",
    "wp-block-buttons",
    "wp-block-search",
    "mc4wp",
    "subscribe-widget",
    "toc",
    "table-of-contents",
    "postamble",
    "jp-InputPrompt",  # Jupyter's "In [1]:" / "Out[1]:" (JupyterLab and classic nbconvert)
    "jp-OutputPrompt",
    "input_prompt",
    "output_prompt",
    "anchorjs-link",
    "header-anchor",
    "heading-anchor",
    "anchor-link",
    "headerlink",
    "copy-button",
    "code-copy",
)
_CLUTTER_RE = re.compile(
    r"^(?:" + "|".join(re.escape(w) for w in sorted(CLUTTER_WORDS, key=len, reverse=True)) + r")(?:$|[-_])",
    re.IGNORECASE,
)
_PROTECTED = {"html", "body", "article", "main"}
READ_MORE_STARTS = (
    "continue reading",
    "keep reading",
    "read more",
    "read the rest",
    "read the full",
    "read on",
)
# What a heading's permalink shows: a pilcrow, a hash, a section sign, a link or anchor emoji (or an icon).
PERMALINK_SYMBOLS = frozenset(["¶", "#", "§", "🔗", "⚓", "∞", "⁋", "link"])
_HEADINGS = (*HEADINGS, "dt", "figcaption", "caption", "summary")
_HIDDEN_STYLE_RE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_MATH_SCRIPT_RE = re.compile(r"math/(?:tex|asciimath|mml)", re.IGNORECASE)
_GIST_RE = re.compile(r"gist\.github(?:usercontent)?\.com", re.IGNORECASE)


def parse(html: str) -> BeautifulSoup:
    """Parse HTML leniently (lxml); CR characters and `&#xD;` become plain spaces."""
    html = html.replace("\r\n", "\n").replace("\r", "\n")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)  # XHTML exports (Org-mode) open with <?xml
        soup = BeautifulSoup(html, "lxml")
    flatten_deep(soup)
    return soup


def flatten_deep(soup: BeautifulSoup, max_depth: int = MAX_DEPTH) -> None:
    """Replace what an element at `max_depth` holds by its text, one paragraph per block inside.

    No real post nests that deep; a hostile one (10,000 nested `div`s) would otherwise make later
    passes quadratic or overflow recursive walks. Linear time, no recursion.
    """
    for tag in [tag for tag, depth in _tags_with_depth(soup, max_depth) if depth == max_depth]:
        if not any(isinstance(child, Tag) for child in tag.children):
            continue
        paragraphs = _paragraphs(tag)
        tag.clear()
        for text in paragraphs:
            paragraph = soup.new_tag("p")
            paragraph.string = text
            tag.append(paragraph)


def _tags_with_depth(soup: BeautifulSoup, max_depth: int) -> Iterator[tuple[Tag, int]]:
    """Each element down to `max_depth` with its depth (not below: those are flattened)."""
    stack: list[tuple[Tag, int]] = [(soup, 0)]
    while stack:
        tag, depth = stack.pop()
        yield tag, depth
        if depth < max_depth:
            stack.extend((child, depth + 1) for child in tag.children if isinstance(child, Tag))


def _paragraphs(tag: Tag) -> list[str]:
    """The text under `tag`, a new paragraph at each block element; scripts and comments dropped."""
    paragraphs: list[list[str]] = [[]]
    for node in tag.descendants:
        if isinstance(node, Tag):
            if node.name in PARAGRAPH_BREAKS and paragraphs[-1]:
                paragraphs.append([])
        elif (
            not isinstance(node, Comment) and node.parent is not None and node.parent.name not in REMOVED_TAGS
        ):
            paragraphs[-1].append(str(node))
    texts = (" ".join("".join(parts).split()) for parts in paragraphs)
    return [text for text in texts if text]


def remove_selected(soup: BeautifulSoup, selectors: Sequence[str]) -> None:
    """Remove what the user's CSS selectors (`[narration] skip`) match, in place."""
    for selector in selectors:
        for tag in soup.select(selector):
            if not is_gone(tag) and tag.parent is not None:
                tag.decompose()


def clean(soup: BeautifulSoup) -> BeautifulSoup:
    """Remove clutter in place: comments, scripts, hidden elements, share boxes, tracking pixels,
    headings' permalink anchors."""
    _keep_embeds(soup)
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    for tag in soup.find_all(REMOVED_TAGS):
        tag.decompose()
    _remove_matching(soup, _is_hidden)
    _remove_matching(soup, _is_clutter)
    _remove_matching(soup, _is_read_more)
    _remove_matching(soup, _is_tracking_pixel)
    _remove_matching(soup, _is_permalink)
    _remove_template_tags(soup)
    return soup


# Template tags a generator failed to render (Liquid/Jinja `{% image … %}`, `{{ page.url }}`, Hugo's
# `{{< figure … >}}`): markup for the generator, never words for a reader. Code keeps them.
_TEMPLATE_TAG_RE = re.compile(
    r"\{%-?\s.{0,500}?%\}"  # {% tag … %}
    r"|\{\{[<%].{0,500}?[>%]\}\}"  # {{< shortcode … >}}, {{% shortcode %}}
    r"|\{\{-?\s+[\w.\[\]'\" |:-]{1,200}?\s+-?\}\}",  # {{ page.title | escape }}
    re.DOTALL,
)
_CODE_TAGS = ("pre", "code", "kbd", "samp", "tt", "script", "style")


def _remove_template_tags(soup: BeautifulSoup) -> None:
    for text in soup.find_all(string=lambda s: "{%" in s or "{{" in s):
        if isinstance(text, Comment) or text.find_parent(_CODE_TAGS) is not None:
            continue
        cleaned = _TEMPLATE_TAG_RE.sub(" ", str(text))
        if cleaned != str(text):
            text.replace_with(NavigableString(cleaned))


# TeX as MathJax or KaTeX rendered it: the formula is read from its source instead
_TEX_RENDERINGS = ["MathJax_Preview", "MathJax_Assistive_MathML", "katex-html"]


def _keep_embeds(soup: BeautifulSoup) -> None:
    """Turn gist embeds and TeX scripts into placeholders before scripts are removed."""
    for script in soup.find_all("script"):
        src = str(script.get("src") or "")
        kind = str(script.get("type") or "")
        if _GIST_RE.search(src):
            script.replace_with(soup.new_tag(CODE_PLACEHOLDER))
        elif _MATH_SCRIPT_RE.search(kind):
            math = soup.new_tag(MATH_PLACEHOLDER)
            math["display"] = "block" if "mode=display" in kind.replace(" ", "") else "inline"
            math.string = script.get_text()
            script.replace_with(math)
    # find_all, not a CSS select: soupsieve's first use costs 0.15 s of regex compiling per run
    for preview in soup.find_all(class_=_TEX_RENDERINGS):
        if not is_gone(preview):
            preview.decompose()


def is_gone(tag: PageElement) -> bool:
    """Whether `tag` was decomposed. bs4's own `.decomposed` searches a live tag's whole subtree
    for a child named "_decomposed" (attribute lookups fall back to `find`), which made page walks
    quadratic."""
    return bool(vars(tag).get("_decomposed"))


def _remove_matching(soup: BeautifulSoup, predicate) -> None:
    for tag in list(soup.find_all(True)):
        if is_gone(tag) or tag.parent is None:
            continue
        if predicate(tag):
            tag.decompose()


def _is_hidden(tag: Tag) -> bool:
    if tag.name in _PROTECTED:
        return False
    if tag.has_attr("hidden") or str(tag.get("aria-hidden", "")).lower() == "true":
        return not _holds_post(tag)
    return bool(_HIDDEN_STYLE_RE.search(str(tag.get("style") or "")))


def _is_clutter(tag: Tag) -> bool:
    if tag.name in _PROTECTED:
        return False
    names = [*classes(tag), str(tag.get("id") or "")]
    if not any(name and _CLUTTER_RE.match(name) for name in names):
        return False
    return not _holds_post(tag)


def _holds_post(tag: Tag) -> bool:
    """True when the element holds most of the page's text (never drop the post itself)."""
    root = tag
    while root.parent is not None:
        root = root.parent
    total = len(root.get_text(" ", strip=True))
    mine = len(tag.get_text(" ", strip=True))
    return total > 400 and mine > 0.5 * total


def _is_read_more(tag: Tag) -> bool:
    """ "Read more" / "Continue reading →" / "(more…)" links of excerpts."""
    if tag.name != "a":
        return False
    text = " ".join(tag.get_text(" ").split()).lower()
    if len(text) > 80:
        return False
    core = text.strip(" .…»›→[](){}<>-–—:")
    starts = core.startswith(READ_MORE_STARTS)
    return starts or (core in {"more", ""} and core != text)


def _is_permalink(tag: Tag) -> bool:
    """A heading's own anchor link: an in-page link showing only a symbol (¶, #, §, 🔗) or nothing,
    inside a heading; elsewhere only the symbols no footnote uses (¶, #, 🔗)."""
    if tag.name != "a":
        return False
    href = str(tag.get("href") or "")
    if "#" not in href:
        return False
    text = " ".join(tag.get_text(" ").split()).replace("\ufe0e", "").replace("\ufe0f", "").lower()
    if tag.find_parent(_HEADINGS) is not None:
        return not text or text in PERMALINK_SYMBOLS
    return text in PERMALINK_SYMBOLS and text not in ("§", "link")


def _is_tracking_pixel(tag: Tag) -> bool:
    if tag.name != "img":
        return False
    sizes = [str(tag.get("width") or ""), str(tag.get("height") or "")]
    tiny = any(s.strip().rstrip("px") in {"0", "1", "2"} for s in sizes)
    src = str(tag.get("src") or "")
    return tiny or bool(re.search(r"feedburner\.com/~r/|/pixel|beacon|stats\.wordpress\.com/b\.gif", src))
