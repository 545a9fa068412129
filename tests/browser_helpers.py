"""Headless Chromium for tests: run it on a page, and a server that collects what the page reports.

A test page reports its findings by requesting `/report?key=value`; an image it loads from `/hold` is
answered only once a report is in, so `--dump-dom` (which returns when the page has loaded) waits.
"""

from __future__ import annotations

import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

Reports = list[dict[str, list[str]]]


def headless_chromium(profile: Path, *args: str, timeout_s: float = 150) -> subprocess.CompletedProcess:
    """Chromium, headless and quiet (no network of its own, autoplay allowed), with `args`."""
    command = [
        "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--autoplay-policy=no-user-gesture-required", f"--user-data-dir={profile}", *args,
    ]  # fmt: skip
    return subprocess.run(command, check=True, capture_output=True, text=True, timeout=timeout_s)


class _ReportHandler(SimpleHTTPRequestHandler):
    reports: Reports
    reported: threading.Event
    hold_s: float

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        if url.path == "/report":
            self.reports.append(parse_qs(url.query))
            self.reported.set()
        elif url.path == "/hold":
            self.reported.wait(self.hold_s)
        else:
            super().do_GET()
            return
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@contextmanager
def report_server(directory: Path, hold_s: float) -> Iterator[tuple[str, Reports]]:
    """Serve `directory` on 127.0.0.1 with `/report` and `/hold`; yields (base URL, reports so far)."""
    handler = type(
        "Reports", (_ReportHandler,), {"reports": [], "reported": threading.Event(), "hold_s": hold_s}
    )
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(handler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", handler.reports
    finally:
        server.shutdown()
        server.server_close()
