"""The static server: Range requests, HEAD, MIME types, no escape from the output folder."""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from post2pod.errors import PublishError, UsageError
from post2pod.serve import content_type, make_server, parse_range

AUDIO = bytes(i % 251 for i in range(1000))


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("serve")
    (base / "secret.txt").write_text("outside")
    out = base / "out"
    (out / "episodes").mkdir(parents=True)
    (out / "episodes" / "a b.mp3").write_bytes(AUDIO)
    (out / "episodes" / "a.vtt").write_text("WEBVTT\n")
    (out / "episodes" / "a.chapters.json").write_text("{}")
    (out / "episodes" / ".a.mp3.123.tmp").write_bytes(b"half written")
    (out / "feed.xml").write_text("<rss/>")
    (out / "index.html").write_text("<!doctype html><p>hi</p>")
    (out / "cover.png").write_bytes(b"\x89PNG")
    (out / "cover.jpg").write_bytes(b"\xff\xd8")
    (out / "escape").symlink_to(base / "secret.txt")
    return out


@pytest.fixture(scope="module")
def port(root: Path) -> Iterator[int]:
    server = make_server(root, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


def _request(port: int, path: str, method: str = "GET", headers: dict | None = None) -> tuple:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        connection.request(method, path, headers=headers or {})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def test_range_returns_exactly_the_bytes_asked_for(port: int) -> None:
    status, headers, body = _request(port, "/episodes/a%20b.mp3", headers={"Range": "bytes=100-199"})
    assert status == 206
    assert body == AUDIO[100:200]
    assert headers["Content-Range"] == "bytes 100-199/1000"
    assert headers["Content-Length"] == "100"
    assert headers["Accept-Ranges"] == "bytes"


@pytest.mark.parametrize(
    ("header", "content_range", "expected"),
    [
        ("bytes=900-", "bytes 900-999/1000", AUDIO[900:]),
        ("bytes=-10", "bytes 990-999/1000", AUDIO[-10:]),
        ("bytes=990-5000", "bytes 990-999/1000", AUDIO[990:]),
    ],
)
def test_open_and_suffix_ranges(port: int, header: str, content_range: str, expected: bytes) -> None:
    status, headers, body = _request(port, "/episodes/a%20b.mp3", headers={"Range": header})
    assert (status, headers["Content-Range"], body) == (206, content_range, expected)


def test_unsatisfiable_range_is_416(port: int) -> None:
    status, headers, body = _request(port, "/episodes/a%20b.mp3", headers={"Range": "bytes=1000-"})
    assert status == 416
    assert headers["Content-Range"] == "bytes */1000"
    assert body == b""


def test_a_malformed_range_gets_the_whole_file(port: int) -> None:
    status, _, body = _request(port, "/episodes/a%20b.mp3", headers={"Range": "bytes=0-1,5-6"})
    assert (status, body) == (200, AUDIO)


def test_head_gives_the_length_and_no_body(port: int) -> None:
    status, headers, body = _request(port, "/episodes/a%20b.mp3", method="HEAD")
    assert (status, headers["Content-Length"], headers["Content-Type"], body) == (
        200,
        "1000",
        "audio/mpeg",
        b"",
    )


@pytest.mark.parametrize(
    ("path", "mime"),
    [
        ("/feed.xml", "application/rss+xml"),
        ("/episodes/a.vtt", "text/vtt"),
        ("/episodes/a.chapters.json", "application/json+chapters"),
        ("/cover.png", "image/png"),
        ("/cover.jpg", "image/jpeg"),
        ("/index.html", "text/html"),
        ("/", "text/html"),
    ],
)
def test_mime_types(port: int, path: str, mime: str) -> None:
    status, headers, _ = _request(port, path)
    assert status == 200
    assert headers["Content-Type"].split(";")[0] == mime


@pytest.mark.parametrize(
    "path",
    ["/../secret.txt", "/episodes/../../secret.txt", "/%2e%2e/secret.txt", "/..%2fsecret.txt", "/escape"],
)
def test_nothing_outside_the_folder_is_served(port: int, path: str) -> None:
    status, _, body = _request(port, path)
    assert status == 403
    assert b"outside" not in body


def test_missing_and_temporary_files_are_404(port: int) -> None:
    assert _request(port, "/nope.mp3")[0] == 404
    assert _request(port, "/episodes/.a.mp3.123.tmp")[0] == 404


def test_a_folder_without_slash_redirects(port: int) -> None:
    status, headers, _ = _request(port, "/episodes")
    assert (status, headers["Location"]) == (301, "/episodes/")


def test_bad_folders_and_busy_ports_are_publish_errors(root: Path, port: int, tmp_path: Path) -> None:
    with pytest.raises(PublishError, match="not a folder"):
        make_server(tmp_path / "missing")
    with pytest.raises(PublishError, match="cannot listen"):
        make_server(root, "127.0.0.1", port)


def test_parse_range() -> None:
    assert parse_range("bytes=0-0", 10) == (0, 0)
    assert parse_range("bytes=5-2", 10) is None
    assert parse_range("items=0-1", 10) is None
    assert parse_range("bytes=-0", 10) == "unsatisfiable"
    assert parse_range("bytes=0-", 0) == "unsatisfiable"


def test_content_type_defaults() -> None:
    assert content_type("x.chapters.json") == "application/json+chapters"
    assert content_type("data.json") == "application/json"
    assert content_type("blob") == "application/octet-stream"


# --- hostile requests and misuse (issue 16) ------------------------------------------------------


@pytest.mark.parametrize(
    "range_header", ["bytes=" + "9" * 5000 + "-", "bytes=-" + "9" * 5000, "bytes=0-" + "1" * 30]
)
def test_crafted_ranges_get_an_answer_not_a_traceback(port: int, range_header: str, capfd) -> None:
    status, _headers, _body = _request(port, "/episodes/a%20b.mp3", headers={"Range": range_header})
    assert status in (200, 206, 416)
    assert "Traceback" not in capfd.readouterr().err


@pytest.mark.parametrize(
    "path", ["/" + "/".join(["a"] * 3000), "/" + "x" * 5000, "/episodes/" + "y" * 300 + ".mp3"]
)
def test_absurd_paths_are_not_found(port: int, path: str, capfd) -> None:
    status, _headers, _body = _request(port, path)
    assert status == 404
    assert "Traceback" not in capfd.readouterr().err


def test_a_state_folder_is_never_served(tmp_path: Path) -> None:
    (tmp_path / "state.sqlite").write_bytes(b"SQLite format 3\x00")
    with pytest.raises(UsageError, match="state folder"):
        make_server(tmp_path, "127.0.0.1", 0)


def test_a_state_folder_inside_the_served_folder_stays_private(tmp_path: Path) -> None:
    (tmp_path / "state").mkdir()
    (tmp_path / "state" / "state.sqlite").write_bytes(b"SQLite format 3\x00")
    (tmp_path / "feed.xml").write_text("<rss/>")
    server = make_server(tmp_path, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        assert _request(server.server_address[1], "/state/state.sqlite")[0] == 404
        assert _request(server.server_address[1], "/feed.xml")[0] == 200
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("port_number", [99999, -1, 65536])
def test_an_impossible_port_is_a_usage_error(root: Path, port_number: int) -> None:
    with pytest.raises(UsageError, match="not a port"):
        make_server(root, "127.0.0.1", port_number)


def test_an_impossible_port_from_the_command_line(root: Path, tmp_path: Path) -> None:
    from cli_helpers import assert_one_line_error, invoke_cli

    result = invoke_cli("serve", "--out", str(root), "--port", "99999", cwd=tmp_path)
    assert_one_line_error(result, 2, "not a port", warnings_allowed=True)


# --- bounded work (issue 22, item 7) -------------------------------------------------------------


@pytest.fixture
def small_server(root: Path, monkeypatch) -> Iterator[tuple[object, int]]:
    """A server with two workers, one waiting place and half-second timeouts."""
    import post2pod.serve as serve

    monkeypatch.setattr(serve, "MAX_WORKERS", 2)
    monkeypatch.setattr(serve, "MAX_WAITING", 1)
    monkeypatch.setattr(serve.OutputHandler, "timeout", 0.5)
    server = make_server(root, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server, server.server_address[1]
    server.shutdown()
    server.server_close()


def _silent_client(port: int) -> socket.socket:
    return socket.create_connection(("127.0.0.1", port), timeout=5)


def test_a_silent_connection_is_closed_after_the_timeout(small_server) -> None:
    _server, port = small_server
    client = _silent_client(port)
    started = time.monotonic()
    assert client.recv(1024) == b""  # closed by the server, not left open forever
    assert time.monotonic() - started < 4
    client.close()


def test_connections_beyond_the_pool_get_a_503_and_no_thread(small_server, monkeypatch) -> None:
    import post2pod.serve as serve

    _server, port = small_server
    monkeypatch.setattr(serve.OutputHandler, "timeout", 10)  # none of them times out on a slow machine
    held = [_silent_client(port) for _ in range(3)]  # two served, one waiting
    time.sleep(0.1)
    extra = _silent_client(port)
    assert extra.recv(1024).startswith(b"HTTP/1.1 503")
    workers = [t for t in threading.enumerate() if t.name == f"post2pod-serve:{port}"]
    assert len(workers) <= 2
    for client in (*held, extra):
        client.close()
    deadline = time.monotonic() + 10  # once they are gone (the workers see them close), requests are served
    while (status := _request(port, "/feed.xml")[0]) == 503 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert status == 200


def test_a_client_that_stops_reading_frees_its_worker(root: Path, small_server) -> None:
    _server, port = small_server
    (root / "big.bin").write_bytes(b"\0" * 32_000_000)  # far more than the socket buffers hold
    try:
        stalled = []
        for _ in range(2):  # both workers
            client = socket.socket()
            client.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
            client.connect(("127.0.0.1", port))
            client.sendall(b"GET /big.bin HTTP/1.1\r\nHost: x\r\n\r\n")
            stalled.append(client)  # and never read
        time.sleep(0.2)
        started = time.monotonic()
        assert _request(port, "/feed.xml")[0] == 200
        assert time.monotonic() - started < 4
        for client in stalled:
            client.close()
    finally:
        (root / "big.bin").unlink()


CHILD_SERVER = """
import resource, sys
from pathlib import Path
import post2pod.serve as serve
resource.setrlimit(resource.RLIMIT_NOFILE, (48, 48))
server = serve.make_server(Path(sys.argv[1]), "127.0.0.1", 0)
print(server.server_address[1], flush=True)
server.serve_forever()
"""


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads CPU time from /proc")
def test_out_of_file_descriptors_the_server_backs_off_instead_of_spinning(root: Path) -> None:
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD_SERVER, str(root)], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    clients: list[socket.socket] = []
    try:
        port = int(child.stdout.readline())
        for _ in range(80):  # past the 48 descriptors the server may hold: accept() fails with EMFILE
            clients.append(_silent_client(port))
        time.sleep(0.5)
        before = _cpu_seconds(child.pid)
        time.sleep(2)
        assert _cpu_seconds(child.pid) - before < 0.5  # spinning on accept() burns the whole 2 s
        for client in clients:
            client.close()
        clients.clear()
        started = time.monotonic()
        while True:
            try:
                assert _request(port, "/feed.xml")[0] == 200
                break
            except (OSError, http.client.HTTPException):
                assert time.monotonic() - started < 30
                time.sleep(0.2)
    finally:
        for client in clients:
            client.close()
        child.kill()
        _out, err = child.communicate(timeout=10)
    assert b"out of file descriptors" in err and b"Traceback" not in err


# --- the banner names the feed the listeners' apps will use (issue 23) ------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_serve_prints_the_feed_url_the_feed_uses_and_warns_when_it_is_elsewhere(tmp_path: Path) -> None:
    from post2pod.serve import published_feed_url, served_address

    out = tmp_path / "out"
    out.mkdir()
    (out / "feed.xml").write_text(
        '<rss xmlns:atom="http://www.w3.org/2005/Atom" version="2.0"><channel>'
        '<atom:link href="http://localhost:8000/feed.xml" rel="self"/></channel></rss>'
    )
    assert published_feed_url(out) == "http://localhost:8000/feed.xml"
    assert published_feed_url(tmp_path / "missing") is None
    assert not served_address("0.0.0.0", 8000).startswith("http://0.0.0.0")
    port = _free_port()
    command = Path(sys.executable).parent / "post2pod"
    if not command.exists():
        pytest.skip("the post2pod command is not installed beside this Python")
    child = subprocess.Popen(
        [str(command), "serve", "--out", str(out), "--port", str(port)],
        cwd=tmp_path,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        lines = [child.stderr.readline() for _ in range(3)]
    finally:
        child.terminate()
        child.wait(timeout=10)
    assert lines[0].startswith(f"serving {out} at http://127.0.0.1:{port}/")
    assert lines[1].strip() == "subscribe to: http://localhost:8000/feed.xml"
    assert lines[2].startswith("warning: the feed's own links point at http://localhost:8000/")
    assert f"--base-url http://127.0.0.1:{port}/" in lines[2]


def test_a_browser_gets_the_feed_as_xml_so_its_stylesheet_shows_and_apps_get_rss(port: int) -> None:
    browser = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
    status, headers, _body = _request(port, "/feed.xml", headers=browser)
    assert status == 200 and headers["Content-Type"] == "application/xml; charset=utf-8"
    assert headers["Vary"] == "Accept"
    _status, headers, _body = _request(port, "/feed.xml", headers={"Accept": "application/rss+xml, */*"})
    assert headers["Content-Type"] == "application/rss+xml; charset=utf-8"
    assert content_type("feed.xsl").startswith("text/xsl")
