"""Running the real `post2pod` command line in tests, and checking its one-line errors."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """`python -m post2pod ARGS` in `cwd`, no stdin, wide terminal, output captured."""
    return subprocess.run(
        [sys.executable, "-m", "post2pod", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "300"},
        timeout=600,
        stdin=subprocess.DEVNULL,
    )


def assert_one_line_error(
    result: subprocess.CompletedProcess, code: int, *words: str, warnings_allowed: bool = False
) -> None:
    """The run failed with `code` and one `error: ` line holding `words`, and no traceback.

    Unless `warnings_allowed`, that line is all it printed on stderr.
    """
    assert result.returncode == code, result.stderr
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    errors = [line for line in lines if line.startswith("error: ")]
    assert len(errors) == 1, result.stderr
    if not warnings_allowed:
        assert lines == errors, result.stderr
    for word in words:
        assert word in errors[0], errors[0]
