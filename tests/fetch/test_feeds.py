"""Feed files -> FeedResult: the fixtures in tests/fixtures/feeds and the shared corpus of real feeds."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from post2pod.errors import FetchError
from post2pod.fetch import FeedResult, fetch_feed, has_full_text
from post2pod.fetch.feeds import UNDATED, UNTITLED, parse_feed

from .conftest import CORPUS, FEEDS, all_text, feed_bytes

LAST_BUILD = b"<lastBuildDate>Fri, 05 Jan 2024 00:00:00 GMT</lastBuildDate>"
CORPUS_FEEDS = sorted(CORPUS.glob("*.xml")) if CORPUS.is_dir() else []


def read(name: str) -> FeedResult:
    return fetch_feed(str(FEEDS / name))


# --- good feeds -------------------------------------------------------------------------------


def test_rss_with_content_encoded() -> None:
    result = read("rss-content-encoded.xml")
    assert result.warnings == ()
    assert result.info.title == "Example & Co Blog"
    assert (result.info.link, result.info.language) == ("https://blog.example.org/", "en-gb")
    assert result.info.description == "Notes on things"
    assert result.info.image_url == "https://blog.example.org/logo.png"
    assert [p.guid for p in result.posts] == ["https://blog.example.org/newest/", "middle", "post-1"]
    newest, middle, older = result.posts
    assert newest.title == "Newest post: AT&T – a story"
    assert older.published == datetime(2024, 1, 1, 9, 0, tzinfo=UTC)
    assert older.author == "Ada Writer" and middle.author == "Ed Itor"
    assert older.summary == "A short summary of the older post."
    assert "The older post, in full." in older.html  # content:encoded, not the description
    assert 'role="doc-noteref"' in older.html and "data-footnote" in older.html  # not sanitised away
    assert all(has_full_text(p) for p in (newest, older))


def test_atom_with_xhtml_and_xml_base() -> None:
    result = read("atom.xml")
    assert result.info.title == "Atom & Eve"
    assert result.info.author == "Eve Atom"
    assert result.info.image_url == "https://atom.example.net/blog/logo.svg"
    xhtml, html = result.posts
    assert xhtml.url == "https://atom.example.net/blog/xhtml-entry/"
    assert 'href="https://atom.example.net/blog/xhtml-entry/page.html"' in xhtml.html
    assert "<abbr" in xhtml.html and xhtml.summary == "Short summary."
    assert xhtml.author == "Eve Atom"  # the feed's author
    assert html.title == "HTML entry" and html.author == "Guest Author"
    assert html.url == "https://atom.example.net/html-entry/"
    assert 'src="https://atom.example.net/blog/pic.jpg"' in html.html
    assert html.published == datetime(2024, 2, 1, 6, 0, tzinfo=UTC)
    assert html.updated == datetime(2024, 2, 5, 6, 0, tzinfo=UTC)


def test_summary_only_posts_need_their_page() -> None:
    result = read("summary-only.xml")
    assert [has_full_text(p) for p in result.posts] == [False, False, False]
    assert all(p.url.startswith("https://teaser.example.com/") for p in result.posts)


def test_posts_are_newest_first_and_stable() -> None:
    data = (
        feed_bytes("rss-content-encoded.xml")
        .replace(b"Tue, 02 Jan", b"Wed, 03 Jan")
        .replace(b"12:00:00", b"09:30:00")
    )
    result = parse_feed(data, "same-dates.xml")
    assert [p.guid for p in result.posts] == ["https://blog.example.org/newest/", "middle", "post-1"]
    assert all(p.published.tzinfo is UTC for p in result.posts)


def test_a_local_copy_resolves_links_against_its_self_link() -> None:
    data = feed_bytes("atom.xml").replace(b' xml:base="https://atom.example.net/blog/"', b"")
    result = parse_feed(data, "copy.atom")
    assert result.posts[1].url == "https://atom.example.net/html-entry/"
    assert result.warnings == ()


def test_relative_links_without_any_base_are_kept_with_a_warning() -> None:
    data = b"""<feed xmlns="http://www.w3.org/2005/Atom"><title>Rel</title><link href="/"/>
    <entry><title>A</title><id>/a</id><link href="/2024/a/"/><updated>2024-01-01T00:00:00Z</updated>
    <content type="html">&lt;a href="/b/"&gt;a link&lt;/a&gt;</content></entry></feed>"""
    result = parse_feed(data, "relative.atom")
    assert result.posts[0].url == "/2024/a/"
    assert any("relative links" in w for w in result.warnings)


# --- bad input --------------------------------------------------------------------------------


def test_missing_fields_get_stable_fallbacks() -> None:
    first, second = read("missing-fields.xml"), read("missing-fields.xml")
    assert [p.guid for p in first.posts] == [p.guid for p in second.posts]
    linked, unlinked, bare = first.posts
    assert linked.guid == linked.url == "https://sparse.example.com/linked/"
    assert unlinked.guid.startswith("urn:post2pod:") and unlinked.url == ""
    assert bare.title == UNTITLED and bare.published == UNDATED and bare.guid != unlinked.guid
    assert any("without a date" in w and "1970-01-01" in w for w in first.warnings)
    assert any("no web address" in w for w in first.warnings)


def test_undated_posts_take_the_feed_date() -> None:
    data = feed_bytes("missing-fields.xml").replace(
        b"<description>Entries",
        b"<lastBuildDate>Fri, 05 Jan 2024 00:00:00 GMT</lastBuildDate><description>Entries",
    )
    result = parse_feed(data, "dated.xml")
    assert result.posts[0].title == UNTITLED
    assert result.posts[0].published == datetime(2024, 1, 5, tzinfo=UTC)
    assert any("the feed's date, 2024-01-05" in w for w in result.warnings)


def test_hash_guid_does_not_depend_on_the_feed_date() -> None:
    plain = parse_feed(feed_bytes("missing-fields.xml"), "a.xml")
    data = feed_bytes("missing-fields.xml").replace(
        b"<description>Entries",
        b"<lastBuildDate>Fri, 05 Jan 2024 00:00:00 GMT</lastBuildDate><description>Entries",
    )
    assert {p.guid for p in plain.posts} == {p.guid for p in parse_feed(data, "b.xml").posts}


def test_duplicate_guids_keep_the_first() -> None:
    result = read("duplicate-guids.xml")
    assert [p.title for p in result.posts] == ["First copy", "Other"]
    assert any("repeats 1 entry id(s) (urn:same); kept the first" in w for w in result.warnings)


def test_malformed_xml_with_entries_is_used_with_a_warning() -> None:
    result = read("malformed.xml")
    assert [p.title for p in result.posts] == ["First readable post", "Fish & Chips"]
    (warning,) = result.warnings
    assert "is not well-formed XML (line 14" in warning and "using the 2 entries" in warning


def test_malformed_xml_without_entries_is_an_error() -> None:
    with pytest.raises(FetchError, match=r"not well-formed XML .* no entries could be read"):
        read("malformed-no-entries.xml")


def test_a_web_page_is_not_a_feed() -> None:
    with pytest.raises(
        FetchError,
        match=r"is a web page, not a feed; look for its RSS/Atom link \(this page names /feed.xml\)",
    ):
        read("html-page.html")


def test_an_empty_feed_is_an_error() -> None:
    with pytest.raises(FetchError, match="has no entries"):
        read("empty.xml")


def test_wrong_declared_encoding_utf8_but_cp1252() -> None:
    result = read("encoding-cp1252-declared-utf8.xml")
    assert result.posts[0].title == "Crème brûlée – “quoted”"
    assert result.info.title == "Café Blog"
    assert any("declared as utf-8, but parsed as windows-1252" in w for w in result.warnings)


def test_wrong_declared_encoding_latin1_but_utf8() -> None:
    result = read("encoding-utf8-declared-latin1.xml")
    assert result.posts[0].title == "Crème brûlée – 日本"
    assert result.posts[0].html == "Naïve text."
    assert any("declares the encoding ISO-8859-1 but is UTF-8" in w for w in result.warnings)


def test_control_characters_are_stripped() -> None:
    result = read("control-chars.xml")
    (post,) = result.posts
    assert post.title == "Bell and vertical tab"
    assert post.guid == "one"
    assert post.html == "<p>Body text here.</p>"
    assert result.info.title == "Control Blog"
    assert any("not well-formed" in w for w in result.warnings)


def test_external_entities_are_never_resolved() -> None:
    result = read("xxe.xml")
    passwd = Path("/etc/passwd")
    leaked = all_text(result)
    assert "root:" not in leaked
    if passwd.is_file() and passwd.read_text().strip():
        assert passwd.read_text().splitlines()[0] not in leaked
    assert result.posts[0].guid == "xxe-post"


@pytest.mark.parametrize(
    "doctype",
    [
        '<!DOCTYPE rss [<!ENTITY xxe SYSTEM "{uri}">]>',
        '<!DOCTYPE rss [<!ENTITY % xxe SYSTEM "{uri}"> %xxe;]>',
        '<!DOCTYPE rss SYSTEM "{uri}">',
    ],
)
def test_external_entities_never_read_local_files(tmp_path: Path, doctype: str) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-MARKER")
    head = doctype.format(uri=secret.as_uri())
    body = feed_bytes("xxe.xml").replace(
        b'<!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>', head.encode()
    )
    try:
        result = parse_feed(body, "xxe.xml")
    except FetchError:
        return
    assert "TOP-SECRET-MARKER" not in all_text(result)


def test_entity_expansion_is_not_a_bomb() -> None:
    lol = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    body = f"""<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY l0 "lol">{lol}]>
<rss version="2.0"><channel><title>&l9;</title><item><title>a</title><guid>a</guid></item></channel></rss>"""
    start = time.monotonic()
    result = parse_feed(body.encode(), "lol.xml")
    assert time.monotonic() - start < 0.5
    assert "lollol" not in all_text(result)


def test_single_character_entities_still_work() -> None:
    body = b"""<!DOCTYPE rss [<!ENTITY nbsp "&#160;"><!ENTITY big "&#x263A;">]><rss version="2.0"><channel>
<title>a&nbsp;b&big;</title><item><title>x</title><guid>g</guid></item></channel></rss>"""
    assert parse_feed(body, "entities.xml").info.title == "a b\u263a"


def test_missing_file() -> None:
    with pytest.raises(FetchError, match="does not exist; check the path"):
        fetch_feed(str(FEEDS / "no-such-feed.xml"))


def test_a_folder_is_not_a_feed() -> None:
    with pytest.raises(FetchError, match="is a folder"):
        fetch_feed(str(FEEDS))


def test_an_empty_file(tmp_path: Path) -> None:
    (tmp_path / "empty.xml").write_bytes(b"")
    with pytest.raises(FetchError, match="is empty"):
        fetch_feed(str(tmp_path / "empty.xml"))


def test_not_xml_at_all(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("just some notes\n")
    with pytest.raises(FetchError, match="not an RSS or Atom feed"):
        fetch_feed(str(tmp_path / "notes.txt"))


# --- real feeds -------------------------------------------------------------------------------


@pytest.mark.parametrize("path", CORPUS_FEEDS or [None], ids=lambda p: p.name if p else "absent")
def test_corpus_feed_parses(path: Path | None) -> None:
    if path is None:
        pytest.skip("../shared/corpus is not present")
    result = fetch_feed(str(path))
    assert result.info.title and result.posts
    for post in result.posts:
        assert post.guid and post.url and post.title and post.html.strip()
        assert post.published.tzinfo is not None and post.published > datetime(2000, 1, 1, tzinfo=UTC)
        assert post.source_feed == str(path)
    assert len({p.guid for p in result.posts}) == len(result.posts)
    published = [p.published for p in result.posts]
    assert published == sorted(published, reverse=True)


@pytest.mark.skipif(not CORPUS_FEEDS, reason="../shared/corpus is not present")
def test_corpus_specifics() -> None:
    typepad = fetch_feed(str(CORPUS / "typepad-pauldix.xml"))
    assert typepad.posts[0].url == "http://www.pauldix.net/2009/01/making-a-ruby-c-library-even-faster.html"
    vim = fetch_feed(str(CORPUS / "handwritten-vim-pappacoda.xml"))
    assert [has_full_text(p) for p in vim.posts] == [True, False, True]
    assert vim.posts[1].url == "https://andrea.pappacoda.it/blog/tesi.pdf"  # its only (alternate) link
    assert 'src="https://andrea.pappacoda.it/blog/c_su_windows/' in vim.posts[2].html
    frog = fetch_feed(str(CORPUS / "frog-lexi-lambda.xml"))
    assert "footnote-1-definition" in frog.posts[0].html and has_full_text(frog.posts[0])


def test_a_managing_editor_written_email_then_name_gives_the_name_and_the_owner_email():
    """RSS writes people as "ada@example.org (Ada Lindqvist)": the podcast's author is the name (never
    the address, which would be published and read aloud), and the address is the owner's e-mail."""
    feed = (
        b'<rss version="2.0"><channel><title>Notes</title><link>https://b.example/</link>'
        b"<managingEditor>ada@example.org (Ada Lindqvist)</managingEditor>"
        b"<item><title>x</title><link>https://b.example/x</link><description>Hello.</description></item>"
        b"</channel></rss>"
    )
    info = parse_feed(feed, "notes.xml").info
    assert (info.author, info.author_email) == ("Ada Lindqvist", "ada@example.org")


def test_the_owner_email_from_the_feed_fills_an_unset_podcast_email(tmp_path: Path):
    from post2pod.config import load_config
    from post2pod.models import FeedInfo
    from post2pod.pipeline.podcast import build_podcast

    info = FeedInfo(title="Notes", link="https://b.example/", author="Ada", author_email="ada@example.org")
    podcast = build_podcast(load_config(cwd=tmp_path), info)
    assert (podcast.author, podcast.owner_email) == ("Ada", "ada@example.org")
    (tmp_path / "post2pod.toml").write_text('[podcast]\nemail = "pod@example.org"\n')
    assert build_podcast(load_config(cwd=tmp_path), info).owner_email == "pod@example.org"


def test_a_posts_picture_comes_from_media_tags_an_image_enclosure_or_its_page():
    from post2pod.fetch import page_image

    feed = (
        b'<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>t</title>'
        b"<link>https://b.example/</link>"
        b"<item><title>a</title><link>https://b.example/a</link><description>Hi there.</description>"
        b'<media:thumbnail url="https://b.example/a.jpg"/></item>'
        b"<item><title>b</title><link>https://b.example/b</link><description>Hi there.</description>"
        b'<media:content url="https://b.example/b.png" medium="image"/></item>'
        b"<item><title>c</title><link>https://b.example/c</link><description>Hi there.</description>"
        b'<enclosure url="https://b.example/c.jpeg" type="image/jpeg" length="10"/></item>'
        b"<item><title>d</title><link>https://b.example/d</link><description>Hi there.</description>"
        b'<enclosure url="https://b.example/d.mp3" type="audio/mpeg" length="10"/></item>'
        b"</channel></rss>"
    )
    images = {p.title: p.image_url for p in parse_feed(feed, "f.xml").posts}
    assert images == {
        "a": "https://b.example/a.jpg",
        "b": "https://b.example/b.png",
        "c": "https://b.example/c.jpeg",
        "d": "",
    }
    head = '<head><meta content="/img/x.png" property="og:image"></head>'
    head += '<body><meta property="og:image" content="https://b.example/not-the-head.png">'
    assert page_image(head, "https://b.example/p/1") == "https://b.example/img/x.png"
    assert page_image('<meta property="og:image" content="javascript:x">', "") == ""
