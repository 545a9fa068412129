"""Running the `post2pod` command line in tests, and checking its one-line errors.

`invoke_cli` runs it in this process through typer's CliRunner (no interpreter start-up, no imports
again); `run_cli` starts the real entry point, for the tests about the process itself (signals,
locks between processes, no stdin, `python -m post2pod`). Both answer a CompletedProcess.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from rich.console import Console
from typer.testing import CliRunner

from post2pod import cli

# what makes onnxruntime keep its telemetry to itself on its own (a CI machine), and post2pod's opt-out
ONNXRUNTIME_QUIETING = ("CI", "TF_BUILD", "ORT_RUNNING_UNIT_TESTS", "ORT_DISABLE_TELEMETRY")


def user_environment(cache: Path, **extra: str) -> dict[str, str]:
    """This environment as a user's shell has it (none of ONNXRUNTIME_QUIETING), with `cache` as the
    cache folder (where onnxruntime's telemetry would write), plus `extra`."""
    shell = {key: value for key, value in os.environ.items() if key not in ONNXRUNTIME_QUIETING}
    return {**shell, "XDG_CACHE_HOME": str(cache), **extra}


def run_cli(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """`python -m post2pod ARGS` in `cwd`, no stdin, wide terminal, output captured; in `env` (default:
    this one)."""
    return subprocess.run(
        [sys.executable, "-m", "post2pod", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**(os.environ if env is None else env), "COLUMNS": "300"},
        timeout=600,
        stdin=subprocess.DEVNULL,
    )


def invoke_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """`post2pod ARGS` run in this process from `cwd`, empty stdin, output captured.

    An exception that escapes the command (what a user would see as a traceback) is raised here, so a
    test cannot pass on output the real process would not have printed.
    """
    saved = Path.cwd(), signal.getsignal(signal.SIGTERM), cli.err, cli.out
    # the consoles a process started with its output piped builds: no terminal, so no colour codes
    # (the module's own were built on pytest's streams, a terminal under `pytest -s`)
    cli.err = Console(stderr=True, highlight=False, soft_wrap=True, force_terminal=False, width=300)
    cli.out = Console(highlight=False, soft_wrap=True, force_terminal=False, width=300)
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(cli.app, list(args), env={"COLUMNS": "300"})
    finally:
        os.chdir(saved[0])
        signal.signal(signal.SIGTERM, saved[1])  # the command installs its own handler
        cli.err, cli.out = saved[2], saved[3]
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return subprocess.CompletedProcess(["post2pod", *args], result.exit_code, result.stdout, result.stderr)


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
