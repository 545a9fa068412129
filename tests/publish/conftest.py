"""Factories for publish tests: a podcast and episodes with small fake files in an output folder."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from post2pod.models import Chapter, Episode, Podcast

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "publish"
TONE_MP3 = FIXTURES / "tone-2s.mp3"  # a real, decodable 2-second MP3 (8,255 bytes)
BASE = "https://pod.example.com/show/"
T0 = datetime(2026, 11, 1, 9, 30, tzinfo=UTC)

MakeEpisode = Callable[..., Episode]


def make_podcast(**overrides: object) -> Podcast:
    values: dict = {
        "title": "Example Blog, Read Aloud",
        "description": "Every post of the Example Blog, narrated.",
        "link": "https://blog.example.com/",
        "feed_url": BASE + "feed.xml",
        "base_url": BASE,
        "language": "en",
        "author": "Ada Writer",
        "owner_name": "Ada Writer",
        "owner_email": "ada@example.com",
        "category": "Technology",
        "copyright": "© 2026 Ada Writer",
    }
    values.update(overrides)
    return Podcast(**values)


@pytest.fixture
def podcast() -> Podcast:
    return make_podcast()


@pytest.fixture
def out_dir(tmp_path: Path) -> Path:
    out = tmp_path / "out"
    (out / "episodes").mkdir(parents=True)
    return out


@pytest.fixture
def make_episode(out_dir: Path) -> MakeEpisode:
    """Build an Episode and write its MP3 (and, by default, transcript and chapters) under out_dir."""

    def make(
        number: int = 1, *, companions: bool = True, real_mp3: bool = False, **overrides: object
    ) -> Episode:
        slug = str(overrides.pop("slug", f"post-{number}"))
        audio = f"episodes/{slug}-v1.mp3"
        mp3 = out_dir / audio
        if real_mp3:
            shutil.copyfile(TONE_MP3, mp3)
        else:
            mp3.write_bytes(bytes(range(256)) * (number + 1))
        values: dict = {
            "guid": f"https://blog.example.com/?p={number}",
            "slug": slug,
            "version": 1,
            "title": f"Post number {number}",
            "link": f"https://blog.example.com/{slug}/",
            "published": T0 + timedelta(days=number),
            "description": f"The opening sentences of post {number}.",
            "audio_file": audio,
            "bytes": mp3.stat().st_size,
            "duration_ms": 61_400 + number * 1000,
            "content_hash": f"hash{number}",
            "updated_at": T0 + timedelta(days=number, hours=1),
            "author": "Ada Writer",
            "chapters": (Chapter("Introduction", 0, 20_000), Chapter("The point", 20_000, 61_400)),
        }
        if companions:
            (out_dir / f"episodes/{slug}-v1.vtt").write_text("WEBVTT\n\n00:00.000 --> 00:01.000\nHi\n")
            (out_dir / f"episodes/{slug}-v1.chapters.json").write_text(
                '{"version": "1.2.0", "chapters": []}\n'
            )
            values["transcript_file"] = f"episodes/{slug}-v1.vtt"
            values["chapters_file"] = f"episodes/{slug}-v1.chapters.json"
        values.update(overrides)
        return Episode(**values)

    return make
