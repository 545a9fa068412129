"""One exception family, worded for the user: what failed and how to fix it."""

from __future__ import annotations

# Exit codes (documented in the README).
EXIT_OK = 0
EXIT_SOME_FAILED = 1
EXIT_USAGE = 2
EXIT_LOCKED = 3
EXIT_ERROR = 4


class Post2PodError(Exception):
    """Base class: the message is shown to the user as one line."""

    exit_code = EXIT_ERROR


class ConfigError(Post2PodError):
    exit_code = EXIT_USAGE


class FetchError(Post2PodError):
    pass


class NarrateError(Post2PodError):
    pass


class VoiceError(Post2PodError):
    exit_code = EXIT_USAGE


class SynthError(Post2PodError):
    pass


class ClusterError(SynthError):
    """The synthesis cluster cannot be used (unreachable, frozen, not a Dask scheduler): the run stops,
    since every later post would wait on it too."""


class AssembleError(Post2PodError):
    pass


class PublishError(Post2PodError):
    pass


class StoreError(Post2PodError):
    pass


class LockedError(Post2PodError):
    exit_code = EXIT_LOCKED


class UsageError(Post2PodError):
    """The command was given something it cannot use (no feed, unknown post...)."""

    exit_code = EXIT_USAGE
