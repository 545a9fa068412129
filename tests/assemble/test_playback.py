"""A browser reads an episode joined from separately encoded parts: Chromium's own MP3 decoder
decodes it to exactly the length post2pod announces in the feed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from browser_helpers import headless_chromium, report_server
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

    with report_server(site, hold_s=60) as (base, reports):
        headless_chromium(tmp_path / "profile", "--dump-dom", base + "index.html", timeout_s=120)
    assert reports, "the page reported nothing"
    report = reports[0]
    assert "error" not in report, report
    samples, rate = int(report["samples"][0]), int(report["rate"][0])
    assert rate == 44100
    assert abs(samples / rate * 1000 - episode.duration_ms) <= 30
