"""`python -m post2pod` and the `post2pod` command: the CLI, with Ctrl-C clean from the first instant
(an interrupt while the modules are still being imported ends with one line too, not a traceback)."""

from __future__ import annotations

import sys

EXIT_INTERRUPTED = 130  # as cli.EXIT_INTERRUPTED, without importing it (the import may be what Ctrl-C stops)


def main() -> None:
    """Console-script entry point."""
    try:
        from post2pod.cli import main as run

        run()
    except KeyboardInterrupt:
        sys.stderr.write("interrupted; nothing half-written was published, rerun to finish\n")
        raise SystemExit(EXIT_INTERRUPTED) from None


if __name__ == "__main__":
    main()
