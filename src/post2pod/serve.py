"""A small static server for the output folder: Range requests, HEAD, podcast MIME types.

Good enough to listen on the local network or to test with real podcast clients; put a real
web server or object store in front of the folder for the public.
"""

from __future__ import annotations

import contextlib
import os
import posixpath
import re
import sys
from email.utils import formatdate
from functools import partial
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import BinaryIO
from urllib.parse import unquote, urlsplit

from post2pod.errors import PublishError, UsageError

CHUNK = 64 * 1024
MIME_TYPES = {
    ".mp3": "audio/mpeg",
    ".m4a": "audio/mp4",
    ".xml": "application/xml",
    ".rss": "application/rss+xml",
    ".vtt": "text/vtt; charset=utf-8",
    ".json": "application/json",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
}
SPECIAL_TYPES = {
    "feed.xml": "application/rss+xml; charset=utf-8",
}
_RANGE = re.compile(r"^bytes=([0-9]{0,18})-([0-9]{0,18})$")  # ASCII digits, no 4,300-digit ints
MAX_PATH = 1024  # longer request paths are refused before touching the file system
STORE_NAME = "state.sqlite"  # a folder holding a store is state, never served


def content_type(name: str) -> str:
    """MIME type for a file name in the output folder."""
    if name in SPECIAL_TYPES:
        return SPECIAL_TYPES[name]
    if name.endswith(".chapters.json"):
        return "application/json+chapters"
    return MIME_TYPES.get(os.path.splitext(name)[1].lower(), "application/octet-stream")


def parse_range(header: str, size: int) -> tuple[int, int] | str | None:
    """(first, last) byte of a single `bytes=` range; None to ignore it; "unsatisfiable" for a 416."""
    match = _RANGE.match(header.strip())
    if not match or not any(match.groups()):
        return None  # malformed or multiple ranges: RFC 9110 lets us send the whole file
    first, last = match.groups()
    if not first:  # suffix: the last N bytes
        length = int(last)
        return (max(0, size - length), size - 1) if length and size else "unsatisfiable"
    start = int(first)
    end = min(int(last), size - 1) if last else size - 1
    if last and int(last) < start:
        return None  # invalid range: ignore it
    return (start, end) if start < size else "unsatisfiable"


class OutputHandler(BaseHTTPRequestHandler):
    """GET and HEAD for files under `root`; directories serve their index.html; nothing outside root."""

    server_version = "post2pod"
    protocol_version = "HTTP/1.1"

    def __init__(self, *args: object, root: Path, **kwargs: object) -> None:
        self.root = root
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    def do_GET(self) -> None:
        self._respond(body=True)

    def do_HEAD(self) -> None:
        self._respond(body=False)

    def _respond(self, body: bool) -> None:
        path = self._resolve()
        if path is None:
            return
        try:
            handle = path.open("rb")
        except OSError:
            self._error(HTTPStatus.NOT_FOUND)
            return
        with handle:
            self._send_file(handle, path, body)

    def _resolve(self) -> Path | None:
        """The file the request names, or None after sending 403/404."""
        raw = unquote(urlsplit(self.path).path)
        parts = [p for p in raw.split("/") if p not in ("", ".")]
        if "\x00" in raw or "\\" in raw or ".." in parts:
            self._error(HTTPStatus.FORBIDDEN)
            return None
        if len(raw) > MAX_PATH:
            self._error(HTTPStatus.NOT_FOUND)
            return None
        try:
            return self._existing(raw, parts)
        except OSError:  # a name too long for the file system, a loop of symlinks…
            self._error(HTTPStatus.NOT_FOUND)
            return None

    def _existing(self, raw: str, parts: list[str]) -> Path | None:
        target = self.root.joinpath(*parts).resolve()
        if not target.is_relative_to(self.root):
            self._error(HTTPStatus.FORBIDDEN)  # a symlink pointing out of the folder
            return None
        if target.is_dir():
            if not raw.endswith("/"):
                self._redirect(posixpath.join(urlsplit(self.path).path, ""))
                return None
            target = target / "index.html"
        if not target.is_file() or any(p.startswith(".") for p in parts) or _in_state(self.root, target):
            self._error(HTTPStatus.NOT_FOUND)  # temporary files (".feed.xml.123.tmp") stay private
            return None
        return target

    def _send_file(self, handle: BinaryIO, path: Path, body: bool) -> None:
        stat = os.fstat(handle.fileno())
        size = stat.st_size
        span = parse_range(self.headers.get("Range", ""), size) if self.headers.get("Range") else None
        if span == "unsatisfiable":
            self.send_response(HTTPStatus.REQUESTED_RANGE_NOT_SATISFIABLE)
            self.send_header("Content-Range", f"bytes */{size}")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        first, last = span if isinstance(span, tuple) else (0, size - 1)
        if isinstance(span, tuple):
            self.send_response(HTTPStatus.PARTIAL_CONTENT)
            self.send_header("Content-Range", f"bytes {first}-{last}/{size}")
        else:
            self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", content_type(path.name))
        self.send_header("Content-Length", str(last - first + 1))
        self.send_header("Accept-Ranges", "bytes")
        self.send_header("Last-Modified", formatdate(stat.st_mtime, usegmt=True))
        self.send_header("Cache-Control", "no-cache")
        # browser players on other sites fetch transcripts and chapters (and seek the MP3) from script
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Expose-Headers", "Content-Range, Content-Length, Accept-Ranges")
        self.end_headers()
        if body:
            self._copy(handle, first, last - first + 1)

    def _copy(self, handle: BinaryIO, offset: int, length: int) -> None:
        handle.seek(offset)
        with contextlib.suppress(
            BrokenPipeError, ConnectionResetError
        ):  # players drop connections all the time
            while length > 0:
                chunk = handle.read(min(CHUNK, length))
                if not chunk:
                    break
                self.wfile.write(chunk)
                length -= len(chunk)

    def _redirect(self, location: str) -> None:
        self.send_response(HTTPStatus.MOVED_PERMANENTLY)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _error(self, status: HTTPStatus) -> None:
        message = f"{status.value} {status.phrase}\n".encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(message)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(message)


def _in_state(root: Path, target: Path) -> bool:
    """Whether `target` lies in a state folder (one holding state.sqlite) under `root`."""
    folder = target.parent
    while folder != root and root in folder.parents:
        if (folder / STORE_NAME).exists():
            return True
        folder = folder.parent
    return False


class _Server(ThreadingHTTPServer):
    def handle_error(self, _request: object, client_address: object) -> None:
        """One line per failed request, never a traceback in the log."""
        error = sys.exc_info()[1]
        sys.stderr.write(f"{client_address}: request failed: {type(error).__name__}\n")


def make_server(out_dir: Path, host: str = "127.0.0.1", port: int = 8000) -> ThreadingHTTPServer:
    """A threading HTTP server for `out_dir` (not started; port 0 picks a free port)."""
    root = Path(out_dir).resolve()
    if not root.is_dir():
        raise PublishError(f"{out_dir} is not a folder; run `post2pod sync` first or pass --out")
    if (root / STORE_NAME).exists():
        raise UsageError(
            f"{out_dir} is a state folder (it holds {STORE_NAME}); serve the published --out folder"
        )
    if not 0 <= port <= 65535:
        raise UsageError(f"--port {port} is not a port; give a number from 1 to 65535 (0: any free port)")
    try:
        server = _Server((host, port), partial(OutputHandler, root=root))
    except (OSError, OverflowError, UnicodeError) as exc:
        reason = getattr(exc, "strerror", None) or exc
        raise PublishError(
            f"cannot listen on {host}:{port}: {reason}; choose another --host or --port"
        ) from None
    server.daemon_threads = True
    return server


def serve_forever(out_dir: Path, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve `out_dir` until interrupted (Ctrl-C returns normally)."""
    server = make_server(out_dir, host, port)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
