"""The feed as the Podcast Index's own parser reads it (podcast-partytime, run with node): every
episode parsed, nothing logged as a warning or error, and every Podcasting 2.0 tag we emit recognised.

Skipped where node or the package is missing; `.ci/run` installs it into .ci/node/ (best effort).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from post2pod import pipeline
from post2pod.config import load_config

ROOT = Path(__file__).resolve().parents[2]
FEED = ROOT / "tests" / "fixtures" / "feeds" / "hugo-no-author.xml"
MODULES = Path(os.environ.get("POST2POD_NODE_MODULES", ROOT / ".ci" / "node" / "node_modules"))

PARSE = """
const {parseFeed} = require("podcast-partytime");
const feed = parseFeed(require("fs").readFileSync(process.argv[1], "utf8"));
console.log("RESULT " + JSON.stringify(feed && {
  title: feed.title, author: feed.author, guid: feed.guid, locked: feed.locked,
  newFeedUrl: feed.itunesNewFeedUrl || null,
  support: feed.pc20support,
  items: feed.items.map(item => ({
    guid: item.guid, author: item.author, enclosure: item.enclosure, description: item.description,
    transcripts: item.podcastTranscripts, chapters: item.podcastChapters,
  })),
}));
"""

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        shutil.which("node") is None or not (MODULES / "podcast-partytime").is_dir(),
        reason="node or podcast-partytime is missing (npm install --prefix .ci/node podcast-partytime)",
    ),
]


def _parsed(feed_xml: Path) -> dict:
    """The feed as podcast-partytime reads it; nothing may be logged as a warning or an error."""
    environment = {**os.environ, "NODE_PATH": str(MODULES), "NODE_ENV": "production", "PARTYTIME_LOG": "warn"}
    run = subprocess.run(
        ["node", "-e", PARSE, str(feed_xml)], capture_output=True, text=True, timeout=60, env=environment
    )
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    logged = [line for line in lines if not line.startswith("RESULT ")]
    assert not logged and not run.stderr.strip(), (logged, run.stderr)  # no warnings, no errors
    return json.loads(next(line for line in lines if line.startswith("RESULT "))[len("RESULT ") :])


def test_the_podcast_index_parser_reads_every_tag(tmp_path: Path, fake_engine):
    shutil.copy(FEED, tmp_path / "feed.xml")
    (tmp_path / "post2pod.toml").write_text('[podcast]\nemail = "sam@allotment.example.org"\n', "utf-8")
    values = {"feed": str(tmp_path / "feed.xml"), "out": tmp_path / "out", "state": tmp_path / "state"}
    config = load_config(tmp_path / "post2pod.toml", {**values, "base_url": "https://pod.example/"})
    assert len(pipeline.sync(config, pipeline.Options(engine=fake_engine)).new) == 2
    feed_xml = tmp_path / "out" / "feed.xml"
    parsed = _parsed(feed_xml)

    emitted = set(re.findall(r"<podcast:(\w+)", feed_xml.read_text(encoding="utf-8")))
    recognised = {tag for tags in parsed["support"].values() for tag in tags}
    assert emitted == {"guid", "locked", "transcript", "chapters"}
    assert emitted <= recognised, f"not recognised by the Podcast Index: {emitted - recognised}"
    assert parsed["author"] == "Field Notes from the Allotment" and parsed["locked"] is False
    assert len(parsed["items"]) == 2
    for item in parsed["items"]:
        assert item["author"] and "Read by a synthetic voice." in item["description"]
        assert item["enclosure"]["type"] == "audio/mpeg" and item["enclosure"]["length"] > 0
        assert item["transcripts"][0]["type"] == "text/vtt"
        assert item["chapters"]["type"] == "application/json+chapters"

    # the feed moves: the same podcast (its guid), and a pointer to where it lives now
    moved = load_config(tmp_path / "post2pod.toml", {**values, "base_url": "https://cast.example.net/"})
    pipeline.sync(moved, pipeline.Options(engine=fake_engine))
    after = _parsed(feed_xml)
    assert after["guid"] == parsed["guid"] and after["newFeedUrl"] == "https://cast.example.net/feed.xml"
    assert len(after["items"]) == 2
