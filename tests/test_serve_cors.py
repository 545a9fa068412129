"""`post2pod serve` lets browser players on other sites read transcripts and chapters (CORS)."""

from __future__ import annotations

import threading
import urllib.request
from pathlib import Path

from post2pod.serve import make_server


def test_files_carry_the_cors_header(tmp_path: Path):
    (tmp_path / "episodes").mkdir()
    (tmp_path / "episodes" / "a-v1.vtt").write_text("WEBVTT\n", encoding="utf-8")
    (tmp_path / "episodes" / "a-v1.chapters.json").write_text('{"version": "1.2.0"}', encoding="utf-8")
    server = make_server(tmp_path, "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/episodes/"
    try:
        for name in ("a-v1.vtt", "a-v1.chapters.json"):
            request = urllib.request.Request(base + name, headers={"Origin": "https://player.example"})
            with urllib.request.urlopen(request, timeout=10) as response:
                assert response.headers["Access-Control-Allow-Origin"] == "*"
                assert "Content-Range" in response.headers["Access-Control-Expose-Headers"]
    finally:
        server.shutdown()
        server.server_close()
