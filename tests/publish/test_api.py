"""The stage's public API: check_podcast, feed_url and the writers' error handling."""

from __future__ import annotations

from pathlib import Path

import pytest

from post2pod.errors import PublishError
from post2pod.publish import check_podcast, feed_url, write_feed, write_index

from .conftest import make_podcast


def test_feed_url() -> None:
    assert feed_url("https://example.com/pod/") == "https://example.com/pod/feed.xml"
    assert feed_url("https://example.com/pod") == "https://example.com/pod/feed.xml"


def test_a_complete_podcast_has_no_warnings() -> None:
    assert check_podcast(make_podcast(subcategory="")) == []


def test_missing_recommended_values_give_one_warning_each() -> None:
    podcast = make_podcast(owner_email="", author="", description="", language="English")
    warnings = check_podcast(podcast)
    assert len(warnings) == 4
    assert all("\n" not in w for w in warnings)
    joined = " | ".join(warnings)
    for hint in (
        "[podcast] email",
        "[podcast] author",
        "[podcast] description",
        "[podcast] language",
    ):
        assert hint in joined


def test_too_long_description_is_a_warning() -> None:
    assert any("4000 bytes" in w for w in check_podcast(make_podcast(description="x" * 4001)))


@pytest.mark.parametrize(
    ("overrides", "fragment"),
    [
        ({"category": "Tecnology"}, 'did you mean "Technology"'),
        ({"category": "Tech News"}, 'category = "News" and subcategory = "Tech News"'),
        ({"category": "Science", "subcategory": "Physic"}, 'did you mean "Physics"'),
        ({"category": "Technology", "subcategory": "Podcasting"}, "has no subcategories"),
        ({"explicit": "no"}, "true or false"),
        ({"locked": "yes"}, "true or false"),
        ({"podcast_type": "daily"}, '"episodic"'),
    ],
)
def test_invalid_values_raise_with_a_fix(overrides: dict, fragment: str) -> None:
    with pytest.raises(PublishError) as info:
        check_podcast(make_podcast(**overrides))
    assert fragment in str(info.value)


def test_unwritable_output_is_a_publish_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(PublishError, match="cannot write"):
        write_feed(make_podcast(), [], blocker / "out", "cover.png")
    with pytest.raises(PublishError, match="cannot write"):
        write_index(make_podcast(), [], blocker / "out", "cover.png")
