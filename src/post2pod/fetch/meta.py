"""A post's picture from its page's head: Open Graph `og:image`, else `twitter:image`.

Read with the standard library's HTML parser over the page's head only (it stops at `<body>`), so a
huge page costs nothing more; a relative address is resolved against the page's.
"""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

MAX_HEAD_CHARS = 300_000  # a head longer than this is not read further
IMAGE_METAS = ("og:image", "og:image:url", "og:image:secure_url", "twitter:image", "twitter:image:src")


class _Head(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.images: dict[str, str] = {}
        self.done = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "body":
            self.done = True
        elif tag == "meta":
            values = {name: value or "" for name, value in attrs}
            key = (values.get("property") or values.get("name") or "").strip().lower()
            if key in IMAGE_METAS and values.get("content", "").strip():
                self.images.setdefault(key, values["content"].strip())


def page_image(page: str, page_url: str = "") -> str:
    """The picture the page shares itself with (http(s) only), or ""."""
    reader = _Head()
    for start in range(0, min(len(page), MAX_HEAD_CHARS), 20_000):
        reader.feed(page[start : start + 20_000])
        if reader.done:
            break
    for key in IMAGE_METAS:
        if key in reader.images:
            url = urljoin(page_url, reader.images[key])
            if urlsplit(url).scheme in ("http", "https") and len(url) <= 2000:
                return url
    return ""
