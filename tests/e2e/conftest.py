"""The end-to-end tests: whole runs through the command line, real servers and real podcast clients.
All of them count as `slow`, so the `-m "not slow"` loop leaves them to the full suite (CI runs it)."""

from __future__ import annotations

from pathlib import Path

import pytest

_HERE = Path(__file__).parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if _HERE in item.path.parents:
            item.add_marker(pytest.mark.slow)
