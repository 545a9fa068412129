"""The word lists in data/: read once at import, comments (`#`) and blank lines skipped."""

from __future__ import annotations

from importlib import resources


def _lines(name: str) -> list[str]:
    text = resources.files("post2pod.narrate.speech").joinpath(f"data/{name}").read_text("utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


def data_rows(name: str) -> list[list[str]]:
    """The tab-separated rows of `data/<name>`."""
    return [line.split("\t") for line in _lines(name)]


def data_words(name: str) -> frozenset[str]:
    """The whitespace-separated words of `data/<name>`."""
    return frozenset(word for line in _lines(name) for word in line.split())
