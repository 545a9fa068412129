"""Show notes: the post's own opening, sanitised, with absolute links (issue 23)."""

from __future__ import annotations

from pathlib import Path

import pytest

from post2pod.errors import Post2PodError
from post2pod.publish.notes import MAX_NOTES_BYTES, NOTES_CHARS, notes_text, show_notes

CORPUS = Path(__file__).parents[3] / "shared" / "corpus"
POST = (
    '<p class="dateline">June 3, 2024</p>'
    '<p>This is the <a href="/about">first</a> paragraph of my post<sup><a href="#fn1">1</a></sup>, '
    "with <script>alert(1)</script><em>emphasis</em> and more words.</p>"
    '<figure><img src="x.png" alt="A chart"><figcaption>Figure 1</figcaption></figure>'
    "<pre><code>rm -rf /tmp/cache</code></pre>"
    '<p onclick="steal()">Second paragraph, a little longer than six words, with a '
    '<a href="javascript:alert(1)">bad link</a> and <a href="https://example.org/x">a good one</a>.</p>'
    "<ul><li>one item in the list</li><li>another item in the list</li></ul>"
)


def test_the_notes_are_the_posts_opening_with_its_links_and_nothing_unsafe():
    notes = show_notes(POST, "https://blog.example/2024/post/")
    assert notes.startswith("<p>This is the ")
    assert '<a href="https://blog.example/about" rel="nofollow noopener">first</a>' in notes
    assert '<a href="https://example.org/x" rel="nofollow noopener">a good one</a>' in notes
    for unsafe in ("script", "alert", "onclick", "javascript", "<img", "<pre", "June 3", ">1<", "#fn1"):
        assert unsafe not in notes, unsafe
    assert "post, with" in notes  # the footnote marker is gone, not glued to "post"
    assert notes_text(notes).split("\n\n") == [
        "This is the first paragraph of my post, with emphasis and more words.",
        "Second paragraph, a little longer than six words, with a bad link and a good one.",
        "- one item in the list\n- another item in the list",
    ]


def test_a_long_post_gives_a_few_paragraphs_and_a_post_without_paragraphs_none():
    long = "".join(f"<p>Paragraph {n} says something about the garden in the spring.</p>" for n in range(200))
    notes = show_notes(long, "https://blog.example/p")
    assert NOTES_CHARS <= len(notes_text(notes)) < NOTES_CHARS + 100
    assert len(notes.encode()) <= MAX_NOTES_BYTES
    assert show_notes("<div><img src=x></div>", "") == "" and show_notes("", "") == ""
    assert show_notes("<p>Too short.</p>", "") == ""


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared corpus is not beside the checkout")
def test_real_posts_give_notes_in_the_authors_words():
    from post2pod.fetch import fetch_feed

    checked = 0
    for feed in sorted(CORPUS.rglob("*.xml"))[:6]:
        try:
            posts = fetch_feed(str(feed)).posts
        except Post2PodError:  # a corpus file that is not a feed
            continue
        for post in posts[:5]:
            notes = show_notes(post.html, post.url)
            if not notes:
                continue
            checked += 1
            assert len(notes.encode()) <= MAX_NOTES_BYTES
            assert "<script" not in notes and "<img" not in notes
            assert notes_text(notes)
    assert checked >= 5


def test_footnotes_and_in_page_links_stay_out_of_the_notes():
    post = (
        '<p>A paragraph with a <a href="#part-two">link to a later part</a> and a marker'
        '<a href="#fn1" class="footnote-ref">1</a> in it.</p>'
        '<section class="footnotes" role="doc-endnotes"><ol><li id="fn1">The note itself, long enough '
        'to count as a paragraph <a href="#fnref1">↩</a></li></ol></section>'
    )
    notes = show_notes(post, "https://blog.example/p")
    assert notes == "<p>A paragraph with a link to a later part and a marker in it.</p>"
