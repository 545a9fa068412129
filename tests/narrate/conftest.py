"""Shared builders for narration tests: a fixed post and settings without intro/outro."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest

from post2pod.config import NarrationSettings
from post2pod.models import Post

QUIET = NarrationSettings(intro="", outro="", disclosure="")


def build_post(html: str, title: str = "A Test Post", author: str = "Ada Lovelace", url: str = "") -> Post:
    """The fixed post every narration test reads (title, author, date and URL never change)."""
    return Post(
        guid="test-guid",
        url=url or "https://www.example.com/posts/test/",
        title=title,
        published=datetime(2024, 3, 3, 9, 30, tzinfo=UTC),
        html=html,
        author=author,
    )


@pytest.fixture
def make_post() -> Callable[..., Post]:
    return build_post


@pytest.fixture
def quiet() -> NarrationSettings:
    """Default narration settings without intro, outro and disclosure."""
    return QUIET
