"""A small static server for the output folder: Range requests, HEAD, podcast MIME types.

Good enough to listen on the local network or to test with real podcast clients; put a real
web server or object store in front of the folder for the public.
"""

from __future__ import annotations

import contextlib
import errno
import os
import posixpath
import queue
import re
import socket
import sys
import threading
import time
from email.utils import formatdate
from functools import partial
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import BinaryIO
from urllib.parse import unquote, urlsplit

from post2pod.errors import PublishError, UsageError
from post2pod.workspace import FEED_FILE

CHUNK = 64 * 1024
MIME_TYPES = {
    ".mp3": "audio/mpeg",
    ".m4a": "audio/mp4",
    ".xml": "application/xml",
    ".xsl": "text/xsl; charset=utf-8",
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
    FEED_FILE: "application/rss+xml; charset=utf-8",
}
_RANGE = re.compile(r"^bytes=([0-9]{0,18})-([0-9]{0,18})$")  # ASCII digits, no 4,300-digit ints
MAX_PATH = 1024  # longer request paths are refused before touching the file system
STORE_NAME = "state.sqlite"  # a folder holding a store is state, never served
CONNECTION_TIMEOUT_S = 20.0  # a client silent this long (sending its request, reading ours) is dropped
MAX_WORKERS = 32  # connections served at once
MAX_WAITING = 64  # accepted connections waiting for a worker; beyond these a client gets a 503
ACCEPT_BACKOFF_S = (0.05, 1.0)  # out of file descriptors: pause accepting, doubling up to the last
_OUT_OF_DESCRIPTORS = {errno.EMFILE, errno.ENFILE, errno.ENOBUFS, errno.ENOMEM}
_BUSY = (
    b"HTTP/1.1 503 Service Unavailable\r\nRetry-After: 5\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
)


def content_type(name: str, accept: str = "") -> str:
    """MIME type for a file name in the output folder. A browser (it accepts HTML) gets the feed as
    XML, which it shows through the feed's stylesheet; as `application/rss+xml` it would offer a
    download or show raw text. Podcast apps still get `application/rss+xml`."""
    if name in SPECIAL_TYPES and "text/html" in accept:
        return "application/xml; charset=utf-8"
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
    timeout = CONNECTION_TIMEOUT_S  # the socket's: every read and write, keep-alive waits included

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
        self.send_header("Content-Type", content_type(path.name, self.headers.get("Accept", "")))
        if path.name in SPECIAL_TYPES:
            self.send_header("Vary", "Accept")
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
        try:
            while length > 0:
                chunk = handle.read(min(CHUNK, length))
                if not chunk:
                    break
                self.wfile.write(chunk)
                length -= len(chunk)
        except (BrokenPipeError, ConnectionResetError, TimeoutError):
            self.close_connection = True  # players drop connections all the time; some stop reading

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


class _Server(HTTPServer):
    """An HTTP server with a bounded pool: MAX_WORKERS threads serve connections, MAX_WAITING more
    wait for one, any beyond get a 503; accepting pauses while the process is out of descriptors
    (instead of spinning on the listening socket)."""

    request_queue_size = 128  # the listen backlog: connections the kernel holds before accept()

    def __init__(self, address: tuple[str, int], handler: partial[OutputHandler]) -> None:
        self._waiting: queue.Queue[tuple[socket.socket, object] | None] = queue.Queue(MAX_WAITING)
        self._workers: list[threading.Thread] = []
        self._connections = 0  # waiting or being served
        self._lock = threading.Lock()
        self._backoff = 0.0
        super().__init__(address, handler)  # last: a failed bind calls server_close

    def get_request(self) -> tuple[socket.socket, object]:
        try:
            request = super().get_request()
        except OSError as exc:
            if exc.errno in _OUT_OF_DESCRIPTORS:
                self._pause_accepting()
            raise
        self._backoff = 0.0
        return request

    def _pause_accepting(self) -> None:
        first, most = ACCEPT_BACKOFF_S
        if not self._backoff:
            sys.stderr.write("out of file descriptors: pausing new connections until some close\n")
        self._backoff = min(most, self._backoff * 2 or first)
        time.sleep(self._backoff)

    def process_request(self, request: socket.socket, client_address: object) -> None:  # type: ignore[override]
        try:
            self._waiting.put_nowait((request, client_address))
        except queue.Full:
            self._refuse(request)
            return
        with self._lock:
            self._connections += 1
            if self._connections > len(self._workers) and len(self._workers) < MAX_WORKERS:
                name = f"post2pod-serve:{self.server_address[1]}"
                worker = threading.Thread(target=self._work, name=name, daemon=True)
                self._workers.append(worker)
                worker.start()

    def _work(self) -> None:
        while (item := self._waiting.get()) is not None:
            request, client_address = item
            try:
                self.finish_request(request, client_address)
            except Exception:
                self.handle_error(request, client_address)
            finally:
                self.shutdown_request(request)
                with self._lock:
                    self._connections -= 1

    def _refuse(self, request: socket.socket) -> None:
        with contextlib.suppress(OSError):
            request.settimeout(1)
            request.sendall(_BUSY)
        self.shutdown_request(request)

    def server_close(self) -> None:
        super().server_close()
        for _ in self._workers:
            with contextlib.suppress(queue.Full):
                self._waiting.put_nowait(None)

    def handle_error(self, _request: object, client_address: object) -> None:
        """One line per failed request, never a traceback in the log."""
        error = sys.exc_info()[1]
        sys.stderr.write(f"{client_address}: request failed: {type(error).__name__}\n")


def make_server(out_dir: Path, host: str = "127.0.0.1", port: int = 8000) -> HTTPServer:
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
    return server


def published_feed_url(out_dir: Path) -> str | None:
    """The address the published feed gives for itself (its `atom:link rel="self"`): where the
    podcast's links point, whatever address this server listens on."""
    from xml.etree import ElementTree

    try:
        for _event, element in ElementTree.iterparse(out_dir / FEED_FILE, events=("end",)):
            if element.tag == "{http://www.w3.org/2005/Atom}link" and element.get("rel") == "self":
                return element.get("href") or None
    except (OSError, ElementTree.ParseError):
        return None
    return None


def network_address() -> str:
    """This machine's address on its local network (no packet is sent), else 127.0.0.1."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("10.255.255.255", 1))  # any unroutable address: only picks the interface
        return probe.getsockname()[0]
    except OSError:
        return "127.0.0.1"
    finally:
        probe.close()


def served_address(host: str, port: int) -> str:
    """The base URL a listener's app would use for this server (0.0.0.0: the network address)."""
    if host in ("0.0.0.0", "", "::"):
        host = network_address()
    if ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{port}/"


def serve_forever(out_dir: Path, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve `out_dir` until interrupted (Ctrl-C returns normally)."""
    server = make_server(out_dir, host, port)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
