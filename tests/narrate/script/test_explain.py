"""`post2pod script --explain`: which rule rewrote which span, attached to the segment that says it.

The library side (`narrate.explain`, `ScriptBuilder(explain=True)`, `attribute`), the command over an
HTML file (text and JSON), and the command over every post of the real feeds in ../shared/corpus.
Spoken forms belong to the rules' own tests: here the rewrites are compared with what `normalize`
traces, so a rule that changes its wording does not break these tests.
"""

from __future__ import annotations

import json
import re
import socket
from pathlib import Path

import pytest

from cli_helpers import invoke_cli
from post2pod.config import NarrationSettings
from post2pod.fetch import fetch_feed
from post2pod.models import Segment
from post2pod.narrate import explain, explain_text, narrate
from post2pod.narrate.script.builder import ScriptBuilder, attribute, rewrite_line
from post2pod.narrate.speech import Rewrite, normalize, table

ROOT = Path(__file__).resolve().parents[3]
CORPUS = ROOT.parent / "shared" / "corpus"
FIXTURE = ROOT / "tests" / "fixtures" / "narration" / "data-science-units.html"
REWRITE_LINE_RE = re.compile(r'^ {4,}\S+ \([a-z]+\): ".*" -> ".*"$', re.MULTILINE)
RULES = {each.name for each in table("en")}


def _traced(text: str) -> list[Rewrite]:
    trace: list[Rewrite] = []
    normalize(text, "en", trace)
    return trace


def test_rewrites_name_the_rules_that_fired_on_their_segment(make_post, quiet) -> None:
    explained = explain(make_post("<p>Call me at 9am on 2024-03-05.</p>"), quiet)
    [(segment, rewrites)] = list(explained.segments())
    assert segment.text == normalize("Call me at 9am on 2024-03-05.")
    assert list(rewrites) == _traced("Call me at 9am on 2024-03-05.")
    assert {r.semiotic_class for r in rewrites} >= {"time", "date"}
    assert {r.rule for r in rewrites} <= RULES
    assert {r.written for r in rewrites} >= {"9am", "2024-03-05"}


def test_each_sentence_gets_its_own_rewrites(make_post, quiet) -> None:
    html = "<p>Call me at 9am. Or write on 2024-03-05. Nothing here. Again at 9am!</p>"
    explained = explain(make_post(html), quiet)
    by_text = {segment.text: rewrites for segment, rewrites in explained.segments()}
    assert len(by_text) == 4
    first, second, third, fourth = by_text.values()
    assert [r.written for r in first] == ["9am"]
    assert [r.written for r in second] == ["2024-03-05"]
    assert third == ()
    assert [r.written for r in fourth] == ["9am"]  # the same form twice: one rewrite each


def test_headings_notes_and_intro_are_explained_too(make_post) -> None:
    html = (
        '<h2>Plans for 2024-03-05</h2><p>Meet at 9am.<sup><a href="#fn:1">1</a></sup></p>'
        '<div class="footnotes"><ol><li id="fn:1"><p>Or at 10pm.</p></li></ol></div>'
    )
    settings = NarrationSettings(intro="{title} on 2024-01-02.", outro="", disclosure="")
    explained = explain(make_post(html), settings)
    written = {segment.kind: [r.written for r in rewrites] for segment, rewrites in explained.segments()}
    assert written["intro"] == ["2024-01-02"]
    assert written["heading"] == ["2024-03-05"]
    assert written["body"] == ["9am"]
    assert written["aside"] == ["10pm"]


def test_explaining_does_not_change_the_script(make_post) -> None:
    post = make_post("<h2>Part 2</h2><p>It costs $5.50 at 9am on 2024-03-05.</p><p>Plain words.</p>")
    settings = NarrationSettings()
    explained = explain(post, settings)
    assert explained.script == narrate(post, settings)
    assert len(explained.rewrites) == len(explained.script.segments)


def test_a_form_a_later_rule_rewrote_follows_that_rewrite() -> None:
    builder = ScriptBuilder(NarrationSettings(), "en", [], explain=True)
    entries = [builder.add(Segment(text)) for text in ("Open at nine AM.", "Closed at ten.")]
    trace = [
        Rewrite("time.hour_meridiem", "time", "9am", "9 AM"),  # then "9" was rewritten: follows it
        Rewrite("cardinal.number", "cardinal", "10", "ten"),
        Rewrite("time.noon", "time", "noon", "12 PM"),  # said nowhere: goes to the first segment
        Rewrite("cardinal.number", "cardinal", "9", "nine"),
    ]
    attribute(trace, entries)
    rewrites = builder.explanation(builder.script("t")).rewrites
    assert [r.written for r in rewrites[0]] == ["9am", "noon", "9"]
    assert [r.written for r in rewrites[1]] == ["10"]


def test_the_text_shows_each_rewrite_indented_under_its_segment(make_post, quiet) -> None:
    explained = explain(make_post("<p>Call me at 9am.</p><p>Bye.</p>"), quiet)
    [(segment, [rewrite]), _bye] = list(explained.segments())
    assert explain_text(explained).splitlines() == [segment.text, "    " + rewrite_line(rewrite), "Bye."]
    assert rewrite_line(rewrite) == f'{rewrite.rule} (time): "9am" -> {json.dumps(rewrite.spoken)}'


# --- the command ------------------------------------------------------------------------------


def test_script_explain_prints_rewrites_under_segments(tmp_path: Path) -> None:
    result = invoke_cli("script", str(FIXTURE), "--explain", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    plain = invoke_cli("script", str(FIXTURE), cwd=tmp_path)
    lines = result.stdout.splitlines()
    rewrites = [line for line in lines if REWRITE_LINE_RE.match(line)]
    assert rewrites
    assert [line for line in lines if line not in rewrites] == plain.stdout.splitlines()
    assert {line.split()[0] for line in rewrites} <= RULES


def test_script_json_explain_adds_rewrites_to_each_segment(tmp_path: Path) -> None:
    result = invoke_cli("script", str(FIXTURE), "--json", "--explain", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    segments = [segment for section in data["sections"] for segment in section["segments"]]
    assert all(isinstance(segment["rewrites"], list) for segment in segments)
    rewrites = [rewrite for segment in segments for rewrite in segment["rewrites"]]
    assert rewrites
    assert all(set(rewrite) == {"rule", "class", "written", "spoken"} for rewrite in rewrites)
    assert {rewrite["rule"] for rewrite in rewrites} <= RULES
    plain = json.loads(invoke_cli("script", str(FIXTURE), "--json", cwd=tmp_path).stdout)
    for section in data["sections"]:
        for segment in section["segments"]:
            del segment["rewrites"]
    assert data == plain


@pytest.fixture
def offline(monkeypatch: pytest.MonkeyPatch) -> None:
    """No name resolves: a summary-only post's page cannot be fetched, so its summary is read."""

    def getaddrinfo(host: str, *_args: object, **_kwargs: object) -> None:
        raise socket.gaierror(f"{host}: no network in tests")

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not present")
@pytest.mark.usefixtures("offline")
@pytest.mark.parametrize("feed", sorted(CORPUS.glob("*.xml")), ids=lambda path: path.stem)
def test_script_explain_over_every_corpus_post(feed: Path, tmp_path: Path) -> None:
    (tmp_path / "post2pod.toml").write_text("[fetch]\nbackoff_s = 0\n", encoding="utf-8")
    explained = 0
    for guid in [post.guid for post in fetch_feed(str(feed)).posts]:
        result = invoke_cli("script", str(feed), "--post", guid, "--explain", cwd=tmp_path)
        assert result.returncode == 0, f"{guid}: {result.stderr}"
        explained += len(REWRITE_LINE_RE.findall(result.stdout))
    assert explained > 0, f"no rewrite explained in {feed.name}"
