"""The podcast feed, read back by real clients (feedparser, gPodder's podcastparser) and by lxml."""

from __future__ import annotations

import io
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import feedparser
import podcastparser
import pytest
from lxml import etree

from post2pod.models import Chapter
from post2pod.publish import write_feed
from post2pod.publish.published import ITUNES_NS, PODCAST_NS, podcast_guid
from post2pod.publish.text import truncate_utf8

from .conftest import BASE, MakeEpisode, make_podcast

NS = {"itunes": ITUNES_NS, "podcast": PODCAST_NS, "atom": "http://www.w3.org/2005/Atom"}


def _xml(path: Path) -> etree._Element:
    return etree.fromstring(path.read_bytes())


def test_podcast_guid_matches_the_podcasting20_vector() -> None:
    expected = "9b024349-ccf0-5f69-a609-6b82873eab3c"
    assert podcast_guid("podnews.net/rss") == expected
    assert podcast_guid("https://podnews.net/rss") == expected
    assert podcast_guid("http://podnews.net/rss/") == expected


def test_feedparser_reads_every_required_field(podcast, make_episode: MakeEpisode, out_dir: Path) -> None:
    episode = make_episode(1)
    parsed = feedparser.parse(write_feed(podcast, [episode], out_dir, "cover.png").read_bytes())
    assert not parsed.bozo
    feed, entry = parsed.feed, parsed.entries[0]
    assert feed.title == podcast.title
    assert feed.link == podcast.link
    assert feed.subtitle == podcast.description
    assert feed.language == "en"
    assert feed.image.href == BASE + "cover.png"
    assert feed.tags[0].term == "Technology"
    assert feed.author == "Ada Writer"
    assert feed.publisher_detail == {"name": "Ada Writer", "email": "ada@example.com"}
    assert feed.rights == podcast.copyright
    assert feed.generator == "post2pod"
    assert any(link.rel == "self" and link.href == podcast.feed_url for link in feed.links)
    assert entry.id == episode.guid and entry.guidislink is False
    assert entry.title == episode.title
    assert entry.link == episode.link
    assert entry.published_parsed[:6] == episode.published.timetuple()[:6]
    assert entry.itunes_duration == "62"  # 62,400 ms, in whole seconds
    assert entry.itunes_episodetype == "full"
    assert entry.author == "Ada Writer"
    assert entry.enclosures == [
        {"href": BASE + "episodes/post-1-v1.mp3", "length": str(episode.bytes), "type": "audio/mpeg"}
    ]
    assert entry.summary == f"{episode.description}\n\nRead the post: {episode.link}"


def test_podcastparser_reads_the_feed_like_gpodder(podcast, make_episode: MakeEpisode, out_dir: Path) -> None:
    episodes = [make_episode(1, real_mp3=True), make_episode(2)]
    path = write_feed(podcast, episodes, out_dir, "cover.png")
    parsed = podcastparser.parse(podcast.feed_url, io.BytesIO(path.read_bytes()))
    assert parsed["title"] == podcast.title
    assert parsed["link"] == podcast.link
    assert parsed["cover_url"] == BASE + "cover.png"
    assert parsed["explicit"] is False
    assert parsed["type"] == "episodic"
    assert parsed["itunes_categories"] == [["Technology"]]
    assert parsed["itunes_owner"] == {"name": "Ada Writer", "email": "ada@example.com"}
    newest = parsed["episodes"][0]
    assert newest["guid"] == episodes[1].guid  # newest first
    assert newest["total_time"] == 63
    assert newest["published"] == int(episodes[1].published.timestamp())
    assert newest["enclosures"] == [
        {"url": BASE + "episodes/post-2-v1.mp3", "file_size": episodes[1].bytes, "mime_type": "audio/mpeg"}
    ]
    assert parsed["episodes"][1]["enclosures"][0]["file_size"] == 8255  # the real MP3's exact size
    assert 'href="https://blog.example.com/post-2/"' in newest["description_html"]


@pytest.mark.parametrize(("explicit", "text"), [(False, "false"), (True, "true")])
def test_itunes_explicit_is_true_or_false(
    explicit: bool, text: str, make_episode: MakeEpisode, out_dir: Path
) -> None:
    path = write_feed(make_podcast(explicit=explicit), [make_episode(1)], out_dir, "cover.png")
    assert _xml(path).findtext("channel/itunes:explicit", namespaces=NS) == text
    assert podcastparser.parse("u", io.BytesIO(path.read_bytes()))["explicit"] is explicit


def test_podcasting20_and_itunes_channel_tags(make_episode: MakeEpisode, out_dir: Path) -> None:
    podcast = make_podcast(category="News", subcategory="Tech News", locked=True, podcast_type="serial")
    root = _xml(write_feed(podcast, [make_episode(1)], out_dir, "cover.jpg"))
    assert root.nsmap["podcast"] == PODCAST_NS
    channel = root.find("channel")
    assert channel.findtext("podcast:guid", namespaces=NS) == podcast_guid(podcast.feed_url)
    locked = channel.find("podcast:locked", NS)
    assert (locked.text, locked.get("owner")) == ("yes", "ada@example.com")
    category = channel.find("itunes:category", NS)
    assert category.get("text") == "News"
    assert [c.get("text") for c in category.findall("itunes:category", NS)] == ["Tech News"]
    assert channel.find("itunes:image", NS).get("href") == BASE + "cover.jpg"
    assert channel.findtext("itunes:type", namespaces=NS) == "serial"
    assert channel.find("atom:link", NS).attrib == {
        "href": podcast.feed_url,
        "rel": "self",
        "type": "application/rss+xml",
    }


def test_item_transcript_and_chapters_only_when_the_files_exist(
    make_episode: MakeEpisode, out_dir: Path
) -> None:
    with_files = make_episode(2)
    without = make_episode(1, companions=False)
    missing = make_episode(
        3, transcript_file="episodes/gone.vtt", chapters_file="episodes/gone.chapters.json"
    )
    root = _xml(write_feed(make_podcast(), [with_files, without, missing], out_dir, "cover.png"))
    items = {item.findtext("guid"): item for item in root.iter("item")}
    transcript = items[with_files.guid].find("podcast:transcript", NS)
    chapters = items[with_files.guid].find("podcast:chapters", NS)
    assert transcript.attrib == {"url": BASE + "episodes/post-2-v1.vtt", "type": "text/vtt"}
    assert chapters.attrib == {
        "url": BASE + "episodes/post-2-v1.chapters.json",
        "type": "application/json+chapters",
    }
    for guid in (without.guid, missing.guid):
        assert items[guid].find("podcast:transcript", NS) is None
        assert items[guid].find("podcast:chapters", NS) is None


def test_items_newest_first_then_by_guid(podcast, make_episode: MakeEpisode, out_dir: Path) -> None:
    same_day = datetime(2026, 5, 1, tzinfo=UTC)
    episodes = [make_episode(1), make_episode(3, published=same_day), make_episode(2, published=same_day)]
    root = _xml(write_feed(podcast, episodes, out_dir, "cover.png"))
    guids = [item.findtext("guid") for item in root.iter("item")]
    assert guids == [episodes[0].guid, episodes[2].guid, episodes[1].guid]


def test_hostile_text_still_gives_a_well_formed_feed(make_episode: MakeEpisode, out_dir: Path) -> None:
    hostile = "A ]]> <b>bold</b> & \x00\x01\x1b\x7f\ud800 end"
    podcast = make_podcast(title=hostile, description=hostile, author=hostile)
    episode = make_episode(
        1, title=hostile, description=hostile, guid="g]]>&<1", chapters=(Chapter(hostile, 0, 5),)
    )
    data = write_feed(podcast, [episode], out_dir, "cover.png").read_bytes()
    root = etree.fromstring(data)  # well-formed
    expected = "A ]]> <b>bold</b> &  end"
    assert root.findtext("channel/title") == expected
    assert root.findtext("channel/item/title") == expected
    assert root.findtext("channel/item/guid") == "g]]>&<1"
    assert not feedparser.parse(data).bozo
    parsed = podcastparser.parse("u", io.BytesIO(data))
    assert parsed["episodes"][0]["title"] == " ".join(expected.split())  # gPodder squashes spaces


def test_rebuild_is_byte_identical_and_leaves_the_file_alone(
    podcast, make_episode: MakeEpisode, out_dir: Path
) -> None:
    episodes = [make_episode(1), make_episode(2), make_episode(3)]
    path = write_feed(podcast, episodes, out_dir, "cover.png")
    first = path.read_bytes()
    os.utime(path, (1_000_000, 1_000_000))
    write_feed(podcast, list(reversed(episodes)), out_dir, "cover.png")
    assert path.read_bytes() == first
    assert path.stat().st_mtime == 1_000_000
    assert [p.name for p in out_dir.iterdir() if p.name.startswith(".")] == []


def test_last_build_date_is_the_newest_episode_change(
    podcast, make_episode: MakeEpisode, out_dir: Path
) -> None:
    edited = make_episode(1, updated_at=datetime(2027, 1, 2, 3, 4, 5, tzinfo=UTC))
    root = _xml(write_feed(podcast, [edited, make_episode(2)], out_dir, "cover.png"))
    assert root.findtext("channel/lastBuildDate") == "Sat, 02 Jan 2027 03:04:05 +0000"


def test_pub_date_keeps_the_time_zone(podcast, make_episode: MakeEpisode, out_dir: Path) -> None:
    from datetime import timezone

    paris = timezone(timedelta(hours=1))
    root = _xml(
        write_feed(
            podcast, [make_episode(1, published=datetime(2026, 3, 1, 8, 0, tzinfo=paris))], out_dir, "c.png"
        )
    )
    assert root.findtext("channel/item/pubDate") == "Sun, 01 Mar 2026 08:00:00 +0100"


def test_empty_feed_is_valid_and_deterministic(podcast, out_dir: Path) -> None:
    data = write_feed(podcast, [], out_dir, "cover.png").read_bytes()
    root = etree.fromstring(data)
    assert root.find("channel/lastBuildDate") is None
    assert root.find("channel/item") is None
    assert write_feed(podcast, [], out_dir, "cover.png").read_bytes() == data


def test_urls_quote_path_components(podcast, make_episode: MakeEpisode, out_dir: Path) -> None:
    episode = make_episode(1, slug="café au lait?")
    root = _xml(write_feed(podcast, [episode], out_dir, "cover.png"))
    url = root.find("channel/item/enclosure").get("url")
    assert url == BASE + "episodes/caf%C3%A9%20au%20lait%3F-v1.mp3"


def test_channel_description_is_cut_to_4000_bytes(make_episode: MakeEpisode, out_dir: Path) -> None:
    podcast = make_podcast(description="Grüße aus Köln. " * 400)
    root = _xml(write_feed(podcast, [make_episode(1)], out_dir, "cover.png"))
    description = root.findtext("channel/description")
    assert len(description.encode("utf-8")) <= 4000
    assert description.endswith("…")


def test_truncate_utf8_leaves_short_text_alone() -> None:
    assert truncate_utf8("short") == "short"
    assert len(truncate_utf8("é" * 3000).encode()) <= 4000


def test_an_episode_shows_its_posts_picture_when_it_is_a_jpeg_or_png(
    podcast, make_episode: MakeEpisode, out_dir: Path
) -> None:
    episodes = [
        make_episode(1, image_url="https://blog.example.com/img/pic.jpg"),
        make_episode(2, image_url="https://blog.example.com/img/pic.webp"),  # Apple takes JPEG or PNG
        make_episode(3, image_url="javascript:alert(1).png"),
        # Quarto writes .jpeg; image hosts add a query (feedgen took neither: the sync failed)
        make_episode(4, image_url="https://jaime.rs/posts/irl/paper-thumbnail.jpeg"),
        make_episode(5, image_url="https://cdn.example.com/pic.PNG?width=1400"),
    ]
    root = etree.parse(str(write_feed(podcast, episodes, out_dir, "cover.png")))
    images = {
        item.findtext("guid"): item.find(f"{{{ITUNES_NS}}}image") for item in root.iterfind("channel/item")
    }
    pictured = {guid: node.get("href") for guid, node in images.items() if node is not None}
    assert sorted(pictured.values()) == [
        "https://blog.example.com/img/pic.jpg",
        "https://cdn.example.com/pic.PNG?width=1400",
        "https://jaime.rs/posts/irl/paper-thumbnail.jpeg",
    ]
