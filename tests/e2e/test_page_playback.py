"""The landing page follows the words, in a real headless Chromium: the newest episode's transcript
is shown sentence by sentence, playing highlights the sentence being spoken, a click on a sentence or
a chapter seeks there, and the page fits a phone and a desktop window without sideways scrolling."""

from __future__ import annotations

import json
import shutil
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from browser_helpers import headless_chromium, report_server
from post2pod import pipeline
from post2pod.config import load_config
from post2pod.serve import make_server

FEED = Path(__file__).resolve().parents[1] / "fixtures" / "feeds" / "hugo-no-author.xml"
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("chromium") is None, reason="chromium is not on PATH"),
]

# Loaded beside index.html (same origin): drives the page in two iframes, phone- and desktop-sized,
# and sends what it saw to the report server. The image from the report server holds the page's load
# event (so --dump-dom waits) until the report is in.
HARNESS = r"""<!doctype html><html><body>
<iframe id="phone" src="index.html" style="width:390px;height:844px;border:0"></iframe>
<iframe id="desktop" src="index.html" style="width:1280px;height:900px;border:0"></iframe>
<script>
const wait = (test, ms = 15000) => new Promise((resolve, reject) => {
  const started = Date.now();
  (function poll() {
    let value; try { value = test(); } catch (e) { value = null; }
    if (value) return resolve(value);
    if (Date.now() - started > ms) return reject(new Error("timed out: " + test));
    setTimeout(poll, 50);
  })();
});
const seekedAfter = (audio, act) => new Promise(resolve => {
  audio.addEventListener("seeked", () => resolve(audio.currentTime), {once: true});
  act();
});
const panelVtt = article => article.querySelector("details.transcript").dataset.vtt;
async function run() {
  const out = {};
  const frame = document.getElementById("desktop");
  const loaded = id => {
    const d = document.getElementById(id).contentDocument;
    return d.readyState === "complete" && d.querySelector("article");
  };
  await wait(() => loaded("phone") && loaded("desktop"));
  const doc = frame.contentDocument;
  const article = doc.querySelector("article");
  const audio = article.querySelector("audio");
  await wait(() => article.querySelector("details.transcript").dataset.state === "ready");
  const cues = [...article.querySelectorAll(".cue")];
  out.cues = cues.map(c => [Number(c.dataset.t), c.textContent]);
  out.chapters = [...article.querySelectorAll("ol.chapters button")].map(b => Number(b.dataset.t));
  audio.muted = true;
  await audio.play();
  await wait(() => audio.currentTime > 0.5);
  out.played = audio.currentTime;
  out.now_while_playing = article.querySelector(".cue-now")?.textContent || null;
  audio.pause();
  const target = cues[cues.length - 2];
  out.sentence_seek = await seekedAfter(audio, () => target.click());
  audio.pause();
  out.sentence_target = Number(target.dataset.t);
  await wait(() => article.querySelector(".cue-now") === target);
  out.highlighted_after_click = target.textContent;
  const box = target.parentElement;
  out.target_visible = target.offsetTop - box.offsetTop >= box.scrollTop &&
    target.offsetTop - box.offsetTop <= box.scrollTop + box.clientHeight;
  const buttons = [...article.querySelectorAll("ol.chapters button")];
  const last = buttons[buttons.length - 1];
  out.chapter_seek = await seekedAfter(audio, () => last.click());
  audio.pause();
  await wait(() => last.closest("li").classList.contains("chapter-now"));
  out.chapter_now = last.closest("li").textContent;
  // a keyboard user: Enter on a focused sentence seeks there too
  const third = cues[2];
  third.focus();
  out.key_seek = await seekedAfter(audio, () =>
    third.dispatchEvent(new KeyboardEvent("keydown", {key: "Enter", bubbles: true})));
  audio.pause();
  out.key_target = Number(third.dataset.t);
  // an older episode's transcript loads when it is opened
  const older = doc.querySelectorAll("article")[1].querySelector("details.transcript");
  out.older_state_before = older.dataset.state || "";
  older.open = true;
  await wait(() => older.dataset.state === "ready");
  out.older_cues = older.querySelectorAll(".cue").length;
  // another origin (localhost, not 127.0.0.1) may read the transcript and chapters: CORS
  const other = location.origin.replace("127.0.0.1", "localhost");
  out.cross_origin = [];
  for (const file of [panelVtt(article), panelVtt(article).replace(/\.vtt$/, ".chapters.json")]) {
    try { out.cross_origin.push((await (await fetch(new URL(file, other + "/"))).text()).length); }
    catch (error) { out.cross_origin.push(String(error)); }
  }
  out.fits = {};
  for (const id of ["phone", "desktop"]) {
    const d = document.getElementById(id).contentDocument;
    out.fits[id] = [d.documentElement.scrollWidth, d.documentElement.clientWidth,
                    d.querySelector(".cues").getBoundingClientRect().width];
  }
  return out;
}
run().then(out => report("result", JSON.stringify(out)),
           error => report("error", String(error && error.stack || error)));
function report(key, value) {
  fetch(`http://127.0.0.1:REPORT_PORT/report?${key}=${encodeURIComponent(value)}`, {mode: "no-cors"});
}
</script><img src="http://127.0.0.1:REPORT_PORT/hold"></body></html>
"""


def _publish(site: Path, engine) -> Path:
    shutil.copy(FEED, site / "feed.xml")
    values = {"feed": str(site / "feed.xml"), "out": site / "out", "state": site / "state"}
    config = load_config(None, {**values, "base_url": "http://127.0.0.1:8000/"}, cwd=site)
    report = pipeline.sync(config, pipeline.Options(engine=engine))
    assert len(report.new) == 2
    return site / "out"


@pytest.fixture
def served(tmp_path: Path, fake_engine):
    out = _publish(tmp_path, fake_engine)
    server = make_server(out, "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield out, f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def test_the_page_follows_the_words(served, tmp_path: Path):
    out, base = served
    with report_server(tmp_path, hold_s=90) as (report_base, reports):
        port = urlsplit(report_base).port
        (out / "harness.html").write_text(HARNESS.replace("REPORT_PORT", str(port)), "utf-8")
        headless_chromium(tmp_path / "profile", "--dump-dom", base + "harness.html")
    assert reports, "the page reported nothing"
    assert "error" not in reports[0], reports[0]["error"][0]
    seen = json.loads(reports[0]["result"][0])

    vtt = (out / "episodes").glob("saving-bean-seed-v1.vtt")
    cue_count = next(vtt).read_text(encoding="utf-8").count("-->")
    assert len(seen["cues"]) == cue_count > 5  # one clickable sentence per transcript cue
    assert seen["cues"][0][1].startswith("Saving bean seed for next year.")
    assert any(text == "Read by a synthetic voice." for _, text in seen["cues"])
    assert seen["played"] > 0.5 and seen["now_while_playing"]  # playing highlights a sentence
    assert abs(seen["sentence_seek"] - seen["sentence_target"]) < 0.3  # a click on a sentence seeks
    assert seen["highlighted_after_click"] == seen["cues"][-2][1] and seen["target_visible"]
    assert len(seen["chapters"]) == 2  # the intro and "Shelling"
    assert abs(seen["chapter_seek"] - seen["chapters"][-1]) < 0.3 and "Shelling" in seen["chapter_now"]
    assert abs(seen["key_seek"] - seen["key_target"]) < 0.3
    assert seen["older_state_before"] == "" and seen["older_cues"] > 3  # loaded only when opened
    assert all(isinstance(length, int) and length > 50 for length in seen["cross_origin"]), seen[
        "cross_origin"
    ]
    for name, (scroll_width, width, transcript_width) in seen["fits"].items():
        assert scroll_width <= width, f"the page scrolls sideways in the {name} window"
        assert transcript_width > 0.75 * width if name == "phone" else transcript_width > 500


def test_screenshots_at_phone_and_desktop_size(served, tmp_path: Path):
    _, base = served
    for name, size in (("phone", "390,844"), ("desktop", "1280,900")):
        shot = tmp_path / f"page-{name}.png"
        headless_chromium(
            tmp_path / f"profile-{name}",
            "--hide-scrollbars",
            "--virtual-time-budget=5000",
            f"--window-size={size}",
            f"--screenshot={shot}",
            base + "index.html",
        )
        from PIL import Image

        with Image.open(shot) as image:
            assert image.size == tuple(int(n) for n in size.split(","))
            assert len(image.convert("RGB").getcolors(maxcolors=1_000_000) or []) > 200
