"""Property tests: whatever text a blog feeds us, the podcast feed stays well-formed and complete."""

from __future__ import annotations

import io
import re
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import podcastparser
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from post2pod import pipeline, publish
from post2pod.models import Chapter, Episode, Podcast
from post2pod.publish.text import clean

from .conftest import BASE, make_podcast

SETTINGS = settings(max_examples=60, deadline=None)
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
ITUNES = "{http://www.itunes.com/dtds/podcast-1.0.dtd}"

# Pieces that break naive XML writers, mixed into arbitrary Unicode text (control characters
# included; lone surrogates too: a str can hold them even though UTF-8 cannot).
TRICKY = st.sampled_from(
    [
        "]]>",
        "<![CDATA[",
        "<",
        ">",
        "&",
        "&amp;",
        "&#0;",
        '"',
        "'",
        "-->",
        "<!--",
        "😀",
        "👩‍👩‍👧",
        "\x00",
        "\x08",
        "\x0b",
        "\x0c",
        "\x1b",
        "\x7f",
        "\x85",
        "\x9f",
        "\r",
        "\r\n",
        "\t",
        "\u2028",
        "\ufeff",
        "\ufffe",
        "\uffff",
        "\ud800",
        "\udfff",
        " ",
        "\u00a0",
    ]
)
ANY_CHAR = st.characters(codec=None)
TEXT = st.lists(st.one_of(st.text(ANY_CHAR, max_size=12), TRICKY), max_size=8).map("".join)
MOMENTS = st.datetimes(
    min_value=datetime(1971, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.sampled_from([None, UTC])
)


@st.composite
def podcasts(draw: st.DrawFn) -> Podcast:
    return make_podcast(
        title=draw(TEXT),
        description=draw(TEXT),
        link=draw(TEXT),
        language=draw(TEXT),
        author=draw(TEXT),
        owner_name=draw(TEXT),
        owner_email=draw(TEXT),
        copyright=draw(TEXT),
        explicit=draw(st.booleans()),
        locked=draw(st.booleans()),
    )


@st.composite
def episode_lists(draw: st.DrawFn) -> list[Episode]:
    episodes = []
    for number in range(draw(st.integers(0, 5))):
        slug = f"post-{number}"
        chapters = tuple(
            Chapter(draw(TEXT), start, start + 1000)
            for start in range(0, 1000 * draw(st.integers(0, 3)), 1000)
        )
        episodes.append(
            Episode(
                guid=f"{number}:{draw(TEXT)}",  # the store keys episodes by guid: always distinct
                slug=slug,
                version=draw(st.integers(1, 9)),
                title=draw(TEXT),
                link=draw(TEXT),
                published=draw(MOMENTS),
                description=draw(TEXT),
                audio_file=f"episodes/{slug}-v1.mp3",
                bytes=draw(st.integers(0, 2**40)),
                duration_ms=draw(st.integers(0, 10**8)),
                content_hash=f"hash{number}",
                updated_at=draw(MOMENTS),
                author=draw(TEXT),
                transcript_file=draw(st.sampled_from([None, f"episodes/{slug}-v1.vtt"])),
                chapters_file=draw(st.sampled_from([None, f"episodes/{slug}-v1.chapters.json"])),
                chapters=chapters,
            )
        )
    return episodes


def _write(podcast: Podcast, episodes: list[Episode]) -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        (out / "episodes").mkdir()
        for episode in episodes:
            for name in (episode.transcript_file, episode.chapters_file):
                if name:
                    (out / name).write_text("{}")
        return publish.write_feed(podcast, episodes, out, "cover.png").read_bytes()


@SETTINGS
@given(podcast=podcasts(), episodes=episode_lists())
def test_feed_always_parses_with_lxml_and_podcastparser(podcast: Podcast, episodes: list[Episode]) -> None:
    xml = _write(podcast, episodes)

    root = etree.fromstring(xml)  # raises on anything not well-formed
    items = root.findall("channel/item")
    assert len(items) == len(episodes)
    by_guid = {item.findtext("guid"): item for item in items}
    assert len(by_guid) == len(episodes)
    for episode in episodes:
        item = by_guid[clean(episode.guid)]
        assert item.findtext("title") == (clean(episode.title) or "Untitled episode")
        assert item.find("enclosure").get("length") == str(episode.bytes)
    assert root.findtext("channel/title") == (clean(podcast.title) or "Untitled podcast")
    if clean(podcast.author):
        assert root.findtext(f"channel/{ITUNES}author") == clean(podcast.author)

    parsed = podcastparser.parse(BASE + "feed.xml", io.BytesIO(xml))
    assert len(parsed["episodes"]) == len(episodes)
    assert {e["guid"] for e in parsed["episodes"]} == {guid.strip() for guid in by_guid}  # it strips guids
    for entry in parsed["episodes"]:
        assert entry["enclosures"][0]["url"].startswith(BASE + "episodes/")


@SETTINGS
@given(text=st.text(ANY_CHAR) | TEXT)
def test_slugify_always_gives_a_safe_non_empty_stem(text: str) -> None:
    slug = pipeline.slugify(text)
    assert SLUG.match(slug), slug
    assert 0 < len(slug) <= pipeline.SLUG_MAX
