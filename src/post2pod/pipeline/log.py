"""The `post2pod` logger every stage writes to (INFO: what a run does; WARNING: what its user may want
to fix), and the name of the podcast being run on each of its records (`record.podcast`)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

LOG = logging.getLogger("post2pod")
LOG.addHandler(logging.NullHandler())  # a library logs nowhere until its user says where
_PODCAST: ContextVar[str] = ContextVar("post2pod_podcast", default="")


class _PodcastName(logging.Filter):
    """Puts the name of the podcast being run on each record ("" outside a run), so that a handler can
    say which of several podcasts a line is about."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.podcast = _PODCAST.get()
        return True


LOG.addFilter(_PodcastName())


@contextmanager
def podcast_named(name: str) -> Iterator[None]:
    """The records logged in the block name the podcast `name`."""
    token = _PODCAST.set(name)
    try:
        yield
    finally:
        _PODCAST.reset(token)
