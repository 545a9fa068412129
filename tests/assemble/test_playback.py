"""A browser reads an episode joined from separately encoded parts: Chromium's own MP3 decoder
decodes it to exactly the length post2pod announces in the feed."""

from __future__ import annotations

import shutil
import subprocess
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from post2pod import assemble
from post2pod.config import AudioSettings
from post2pod.models import Script, Section, Segment
from post2pod.synth import ClipCache, Synthesizer, SynthJob, SynthSettings, bundled_voice

# the page decodes the episode and reports what it got; a held image keeps the page loading
# (so --dump-dom waits) until the report is in
PAGE = """<!doctype html><html><body><script>
(async () => {
  let report;
  try {
    const data = await (await fetch("episode.mp3")).arrayBuffer();
    const decoded = await new OfflineAudioContext(1, 44100, 44100).decodeAudioData(data);
    report = `samples=${decoded.length}&rate=${decoded.sampleRate}`;
  } catch (error) {
    report = `error=${encodeURIComponent(String(error))}`;
  }
  await fetch(`report?${report}`);
})();
</script><img src="hold"></body></html>
"""


pytestmark = pytest.mark.slow  # subprocesses, real synthesis and encoding


class _Handler(SimpleHTTPRequestHandler):
    reports: list[dict[str, list[str]]]
    reported: threading.Event

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        if url.path == "/report":
            self.reports.append(parse_qs(url.query))
            self.reported.set()
        elif url.path == "/hold":
            self.reported.wait(60)
        else:
            super().do_GET()
            return
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.mark.skipif(shutil.which("chromium") is None, reason="chromium is not on PATH")
def test_chromium_decodes_the_whole_joined_episode(tmp_path: Path, fake_engine):
    segments = [Segment(f"Sentence number {n} of a long section.", "body", n % 3 == 2) for n in range(60)]
    script = Script("Long", (Section(None, tuple(segments)),))
    jobs = [SynthJob(s.text, bundled_voice(), SynthSettings()) for s in script.segments]
    with Synthesizer(ClipCache(tmp_path / "cache", 10**9), engine=fake_engine) as synthesizer:
        clips = synthesizer.synthesise(jobs)
    site = tmp_path / "site"
    tags = assemble.EpisodeTags("Long", "Ann", "My podcast", "2024-05-01")
    episode = assemble.assemble(
        script,
        clips,
        [j.key for j in jobs],
        site / "episode.mp3",
        tags,
        AudioSettings(),
        store_dir=tmp_path / "p",
    )
    assert len(list((tmp_path / "p").glob("*.mp3"))) >= 3  # really joined from parts
    (site / "index.html").write_text(PAGE, encoding="utf-8")

    handler = type("Handler", (_Handler,), {"reports": [], "reported": threading.Event()})
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        _dump_dom(f"http://127.0.0.1:{server.server_address[1]}/index.html", tmp_path / "profile")
    finally:
        server.shutdown()
        server.server_close()
    assert handler.reports, "the page reported nothing"
    report = handler.reports[0]
    assert "error" not in report, report
    samples, rate = int(report["samples"][0]), int(report["rate"][0])
    assert rate == 44100
    assert abs(samples / rate * 1000 - episode.duration_ms) <= 30


def _dump_dom(url: str, profile: Path) -> str:
    command = [
        "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        f"--user-data-dir={profile}", "--dump-dom", url,
    ]  # fmt: skip
    return subprocess.run(command, check=True, capture_output=True, text=True, timeout=120).stdout
