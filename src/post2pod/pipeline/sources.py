"""Getting a post's text: from the source feed, the post's own page, an HTML file or a URL."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from post2pod import fetch, narrate
from post2pod.config import Config
from post2pod.errors import FetchError, UsageError
from post2pod.models import Episode, PageState, Post, Script
from post2pod.pipeline.context import Run
from post2pod.pipeline.identity import body_hash, slugify
from post2pod.pipeline.log import LOG

SHORT_SUMMARY_WORDS = 40  # a summary this short is a subtitle or a teaser, not the post


def load_post_script(source: str, post_ref: str | None, config: Config) -> Script:
    """What will be spoken for one post: SOURCE is an HTML file, a post URL, or a feed with `post_ref`."""
    post, podcast_title = load_post(source, post_ref, config)
    return narrate.narrate(post, config.narration, podcast_title=podcast_title)


def explain_post_script(source: str, post_ref: str | None, config: Config) -> narrate.Explanation:
    """`load_post_script`'s Script with, for each segment, the rules that rewrote its text."""
    post, podcast_title = load_post(source, post_ref, config)
    return narrate.explain(post, config.narration, podcast_title=podcast_title)


def load_post(source: str, post_ref: str | None, config: Config) -> tuple[Post, str]:
    """One post, whole, and its feed's title ("" for a page): SOURCE is an HTML file, a post URL, or
    a feed with `post_ref` (default: its newest post)."""
    http = http_settings(config)
    if post_ref is not None or _looks_like_feed(source):
        result = fetch.fetch_feed(source, settings=http)
        post = (
            find_post(result.posts, post_ref, None)
            if post_ref
            else (result.posts[0] if result.posts else None)
        )
        if post is None:
            raise UsageError(f"no post {post_ref!r} in {source}; give its URL, guid or slug")
        post, _complete = with_full_text(post, page_settings(http, result))
        return post, result.info.title
    html = (
        fetch.fetch_page(source, settings=http, trusted=True) if fetch.is_url(source) else _read_html(source)
    )
    title, body = narrate.extract_article(html)
    _published, author = narrate.page_metadata(html)
    url = source if fetch.is_url(source) else ""
    found = fetch.page_date(html, url)
    post = Post(
        guid=source,
        url=url,
        title=title or Path(source).stem,
        published=found.when if found else datetime.now(UTC),
        date_known=found is not None,
        html=body,
        author=author,
    )
    return post, ""


def with_full_text(post: Post, settings: fetch.HttpSettings, page: str | None = None) -> tuple[Post, bool]:
    """The post with its full HTML, from the post's page when the feed only has a summary, and its
    date from that page when the feed gave none.

    The flag is False when the page could not be read and the summary stands in for the post.
    `settings` say which internal addresses the page may live on (`page_settings`).

    A whole post without a date has its page fetched for the date alone: only then, because a dated
    item (the usual case) costs nothing, and a post is narrated only when it is new or edited, so an
    undated feed costs one request per new post, not one per post per run. `page`: the page, read
    already (`check_page`).
    """
    full = fetch.has_full_text(post)
    if not fetch.is_url(post.url) or (full and post.date_known):
        return (post, True) if full else (replace(post, excerpt=True), True)  # fetch has warned
    try:
        page = page if page is not None else fetch.fetch_page(post.url, settings=settings)
    except FetchError as exc:
        if full:  # the date was all the page was for
            return post, True
        LOG.warning(f"reading the summary of {post.title!r} from the feed for now: {exc}")
        return _summary_only(post), False
    post = dated_from_page(post, page)
    if full:
        return post, True
    body = _article(page)
    return (replace(post, html=body), True) if body.strip() else (_summary_only(post), False)


def needs_page(post: Post) -> bool:
    """Whether the post's text comes from its page: the feed has only a summary, and it has an address."""
    return fetch.is_url(post.url) and not fetch.has_full_text(post)


def check_page(run: Run, post: Post) -> tuple[PageState | None, str | None]:
    """Read a summary-only post's page again, conditionally on the last read: (what it holds now, the
    page when it was fetched in full). An unchanged page costs a 304; a page checked within
    `[fetch] page_recheck_h` hours is not asked again; an unreadable one stays as it was last read."""
    now = datetime.now(UTC).replace(microsecond=0)
    stored, recheck_h = run.store.page_state(post.url), run.config.fetch.page_recheck_h
    if stored is not None and recheck_h and now - stored.checked_at < timedelta(hours=recheck_h):
        return stored, None
    etag, modified = (stored.etag, stored.last_modified) if stored is not None else (None, None)
    try:
        read = fetch.read_page(post.url, settings=run.pages, etag=etag, last_modified=modified)
    except FetchError:
        return stored, None  # `with_full_text` says why if the post is narrated
    if read.page is None:
        return (replace(stored, checked_at=now) if stored is not None else None), None
    return PageState(post.url, read.etag, read.last_modified, body_hash(_article(read.page)), now), read.page


@lru_cache(maxsize=1)
def _article(page: str) -> str:
    """A page's article HTML. A summary-only post's page is read by `check_page` and, when it changed,
    by `with_full_text` right after: the last one is kept, so it is extracted once."""
    return narrate.extract_article(page)[1]


def dated_from_page(post: Post, page: str) -> Post:
    """`post` dated from its page (meta tags, JSON-LD, `<time>`, byline, address) if the feed gave no
    date, and with the page's picture (og:image) if the feed gave none."""
    if not post.image_url:
        post = replace(post, image_url=fetch.page_image(page, post.url))
    if post.date_known:
        return post
    found = fetch.page_date(page, post.url)
    return replace(post, published=found.when, date_known=True) if found else post


def _summary_only(post: Post) -> Post:
    """The feed's summary stands in for `post` (its episode says so); a short one is worth a warning,
    since its episode is hardly a post at all."""
    words = len(narrate_words(post.html))
    if words <= SHORT_SUMMARY_WORDS:
        LOG.warning(
            f"post {post.title!r} has only a {words}-word summary in the feed and its page could not "
            "be read; "
            "its episode reads the summary and says where the full post is"
        )
    return replace(post, excerpt=True)


def narrate_words(html: str) -> list[str]:
    """The words of an HTML fragment, as counted for a summary's length."""
    return fetch.plain_text(html).split()


def post_from_page(episode: Episode, settings: fetch.HttpSettings) -> Post | None:
    """A published episode's post read again from its page (None when it has no web address)."""
    if not fetch.is_url(episode.link):
        return None
    page = fetch.fetch_page(episode.link, settings=settings)
    title, body = narrate.extract_article(page)
    found = None if episode.date_known else fetch.page_date(page, episode.link)
    return Post(
        guid=episode.guid,
        url=episode.link,
        title=episode.title or title,
        published=found.when if found else episode.published,
        date_known=episode.date_known or found is not None,
        html=body,
        author=episode.author,
    )


def find_post(posts: Sequence[Post], reference: str | None, stored: Episode | None) -> Post | None:
    """The post that `reference` (a URL, guid or slug) or the `stored` episode names, if any."""
    if reference is None:
        return None
    wanted = {reference, reference.rstrip("/")}
    if stored is not None:
        wanted.add(stored.guid)
    for post in posts:
        if wanted & {post.guid, post.url, post.url.rstrip("/"), slugify(post.title)}:
            return post
    slug = reference.strip("/").rsplit("/", 1)[-1]
    return next((p for p in posts if urlsplit(p.url).path.rstrip("/").endswith("/" + slug)), None)


def http_settings(config: Config) -> fetch.HttpSettings:
    """The fetch stage's HTTP settings from the config's [fetch] table, for a run starting now:
    all its fetching ends within [fetch] budget_s."""
    return fetch.HttpSettings.for_run(config.fetch)


def page_settings(settings: fetch.HttpSettings, *feeds: fetch.FeedResult) -> fetch.HttpSettings:
    """Settings for the pages of the `feeds`' posts: the internal addresses the feeds came from (a blog
    on the LAN) are allowed for them, no other."""
    return replace(settings, allowed_addresses=frozenset().union(*(feed.addresses for feed in feeds)))


def _looks_like_feed(source: str) -> bool:
    if fetch.is_url(source):
        return source.rstrip("/").endswith((".xml", ".rss", ".atom", "/feed", "/rss"))
    return Path(source).suffix.lower() in (".xml", ".rss", ".atom")


def _read_html(source: str) -> str:
    return fetch.read_page_file(source, fetch.HttpSettings().max_bytes)
