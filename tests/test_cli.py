"""The command line as a user runs it: real Piper, real ffmpeg, one-line errors and exit codes.

Commands that need no process of their own run in this one (typer's CliRunner); the real entry point
(`python -m post2pod`) runs for a whole sync, for the lock held by another process and for -v.
"""

from __future__ import annotations

import inspect
import json
import shutil
import socket
from pathlib import Path

import podcastparser
import pytest
import webvtt
from filelock import FileLock
from mutagen.id3 import ID3
from mutagen.mp3 import MP3, BitrateMode

from cli_helpers import assert_one_line_error, invoke_cli, run_cli
from fakes import FakeEngine, fake_assemble
from post2pod import assemble, cli, pipeline
from post2pod.config import load_config

FIXTURES = Path(__file__).parent / "fixtures" / "cli"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    shutil.copy(FIXTURES / "tiny-feed.xml", tmp_path / "feed.xml")
    shutil.copy(FIXTURES / "tiny.toml", tmp_path / "post2pod.toml")
    return tmp_path


@pytest.mark.slow  # real synthesis and encoding, twice
def test_sync_end_to_end_with_real_synthesis(site: Path):
    args = (
        "sync",
        "--feed",
        "feed.xml",
        "--out",
        "out",
        "--base-url",
        "https://tiny.example/pod/",
        "--limit",
        "1",
    )
    first = run_cli(*args, cwd=site)
    assert first.returncode == 0, first.stderr
    # results on stdout, one line per episode as it goes live, then the summary; the rest on stderr
    assert first.stdout.splitlines() == ["published: Hello", "1 new, 0 regenerated, 0 unchanged, 0 failed"]
    assert "publishing 'Hello'" in first.stderr
    with (site / "out" / "feed.xml").open("rb") as stream:
        parsed = podcastparser.parse("https://tiny.example/pod/feed.xml", stream)
    assert [e["guid"] for e in parsed["episodes"]] == ["tiny-hello"]
    enclosure = parsed["episodes"][0]["enclosures"][0]
    mp3 = site / "out" / enclosure["url"].removeprefix("https://tiny.example/pod/")
    assert mp3.stat().st_size == enclosure["file_size"]
    length = MP3(mp3).info.length
    assert abs(length - parsed["episodes"][0]["total_time"]) <= max(1.0, 0.02 * length)
    assert 3.0 < length < 15.0
    assert (site / ".post2pod" / "state.sqlite").is_file()
    _assert_produced(mp3)
    mtimes = {p: p.stat().st_mtime_ns for p in (site / "out").rglob("*") if p.is_file()}

    second = run_cli(*args, cwd=site)
    assert second.returncode == 0, second.stderr
    assert second.stdout.splitlines() == ["0 new, 0 regenerated, 1 unchanged, 0 failed"]
    assert run_cli(*args, "--quiet", cwd=site).stdout == ""  # -q: errors only
    assert {p: p.stat().st_mtime_ns for p in (site / "out").rglob("*") if p.is_file()} == mtimes


def _assert_produced(mp3: Path) -> None:
    """A real synthesis meets the podcast standards: loudness, peak, format, tags, chapters, transcript."""
    loudness = assemble.measure(mp3)
    assert abs(loudness.integrated_lufs + 16) <= 1 and loudness.true_peak_db <= -1
    info = MP3(mp3).info
    assert (info.sample_rate, info.channels) == (44100, 1)
    assert abs(info.bitrate - 64000) <= 1000  # mutagen estimates it from a short file's size
    assert info.bitrate_mode in (BitrateMode.CBR, BitrateMode.UNKNOWN)
    tags = ID3(mp3)
    assert tags.version[:2] == (2, 3) and str(tags["TIT2"]) == "Hello" and tags.getall("APIC")
    assert [c.sub_frames["TIT2"].text[0] for c in tags.getall("CHAP")] == ["Hello"]
    cues = list(webvtt.read(str(mp3.with_suffix(".vtt"))))
    assert [" ".join(c.text.split()) for c in cues] == [
        "Hello, listener.",
        "This blog is now a podcast.",
        "A footnote: Really.",
    ]


@pytest.mark.slow
def test_a_sync_while_another_run_holds_the_state_gives_up_at_once(site: Path):
    """Another run holds the state folder's lock (taken here as a run takes it, so no race on when a
    real run gets to it): a sync exits 3 with one line instead of waiting, and touches nothing."""
    lock = FileLock(str(load_config(cwd=site).workspace.lock), timeout=0)
    lock.acquire()
    try:
        second = run_cli("sync", "--feed", "feed.xml", "--out", "out", "--limit", "1", cwd=site)
    finally:
        lock.release()
    assert_one_line_error(second, 3, "another post2pod run")
    assert not (site / "out").exists()


def test_script_json_shows_asides(site: Path):
    result = invoke_cli("script", "feed.xml", "--post", "tiny-hello", "--json", cwd=site)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    segments = [s for section in data["sections"] for s in section["segments"]]
    assert data["title"] == "Hello"
    assert any(s["kind"] == "aside" and "Really" in s["text"] for s in segments)
    assert not any("1" in s["text"] for s in segments)


def test_voices_lists_the_bundled_voice(site: Path):
    result = invoke_cli("voices", cwd=site)
    assert result.returncode == 0
    assert "en_US-joe-medium (default)" in result.stdout


def test_dry_run_lists_posts(site: Path):
    result = invoke_cli("sync", "--feed", "feed.xml", "--out", "out", "--dry-run", cwd=site)
    assert result.returncode == 0, result.stderr
    assert "would publish: Hello" in result.stdout and "would publish: Second" in result.stdout
    assert not (site / "out").exists()


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (("sync", "--feed", "missing.xml"), 4, ("missing.xml",)),
        (("sync", "--feed", "http://127.0.0.1:{port}/feed.xml"), 4, ("127.0.0.1",)),
        (("sync", "--feed", "page.html"), 4, ("not a feed",)),
        (("sync", "--feed", "feed.xml", "--voice", "nosuchvoice"), 2, ("nosuchvoice",)),
        (("sync",), 2, ("--feed",)),
        (("sync", "--feed", "feed.xml", "--config", "nope.toml"), 2, ("nope.toml",)),
        (("regenerate", "no-such-post", "--feed", "feed.xml"), 2, ("no-such-post",)),
    ],
)
def test_user_errors_are_one_line(site: Path, args: tuple[str, ...], code: int, words: tuple[str, ...]):
    (site / "page.html").write_text(
        "<!doctype html><html><head><title>Blog</title></head><body><p>Hi</p></body></html>"
    )
    with (site / "post2pod.toml").open("a") as config:  # retry the closed port at once, not over 7 s
        config.write("[fetch]\nbackoff_s = 0\n")
    port = _closed_port()
    result = invoke_cli(*(a.replace("{port}", str(port)) for a in args), "--out", "out", cwd=site)
    assert_one_line_error(result, code, *words)


def test_verbose_shows_the_traceback(site: Path):
    result = run_cli("sync", "--feed", "missing.xml", "-v", cwd=site)
    assert result.returncode == 4
    assert "Traceback" in result.stderr


def test_script_of_a_page_reads_its_date_and_author(tmp_path: Path):
    (tmp_path / "page.html").write_text(
        '<html><head><meta property="og:title" content="Tea notes">'
        '<meta property="article:published_time" content="2019-06-15T08:00:00Z">'
        '<meta name="author" content="Ada Lovelace"></head>'
        "<body><article><p>Green tea wants cooler water than black tea does.</p></article></body></html>",
        encoding="utf-8",
    )
    result = invoke_cli("script", "page.html", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == (
        "Tea notes. By Ada Lovelace, published June fifteenth, twenty nineteen."
    )


def test_a_message_shows_the_start_and_the_advice_of_a_huge_redirect_url():
    url = "https://blog.example/" + "a" * 1_000_000
    line = cli.shown(f"cannot read \x1b]0;{url}: too many redirects; check the feed URL")
    assert line.startswith("cannot read ]0;https://blog.example/aaa") and line.endswith("check the feed URL")
    assert len(line) <= cli.MAX_SHOWN_CHARS and "…" in line and "\x1b" not in line
    words = cli.shown("skipped '" + "Long title " * 100_000 + "': post has no text; see the post")
    assert len(words) <= cli.MAX_SHOWN_CHARS and words.endswith("post has no text; see the post")


@pytest.mark.slow  # starts the command line four times
def test_ctrl_c_at_any_moment_is_one_line_and_exit_130(tmp_path: Path):
    import signal
    import subprocess
    import sys
    import time

    body = "&lt;p&gt;" + "A plain sentence about the garden. " * 8000 + "&lt;/p&gt;"  # seconds to narrate
    (tmp_path / "feed.xml").write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><link>https://b.example/</link>'
        "<item><title>Long</title><link>https://b.example/long</link><guid>long</guid>"
        f"<pubDate>Mon, 01 Jun 2026 10:00:00 GMT</pubDate><description>{body}</description></item>"
        "</channel></rss>",
        encoding="utf-8",
    )
    command = Path(sys.executable).parent / "post2pod"  # the installed command, as cron runs it
    if not command.exists():
        pytest.skip("the post2pod command is not installed beside this Python")
    for delay in (0.3, 0.5, 0.8, 1.5):  # importing, parsing, the config, the feed, narrating
        child = subprocess.Popen(
            [str(command), "sync", "--feed", "feed.xml", "--dry-run"],
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),  # a test runner may ignore it
        )
        time.sleep(delay)
        child.send_signal(signal.SIGINT)
        _out, err = child.communicate(timeout=60)
        assert child.returncode == 130, (delay, err)
        assert "Traceback" not in err and err.strip().splitlines()[-1].startswith("interrupted; "), err


def test_help_is_plain_and_imports_no_pipeline():
    """`post2pod --help` took 3.5 s on a busy machine: help needs typer, not the pipeline, narration,
    numpy or onnxruntime (issue 23)."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from post2pod.cli import app\n"
        "from typer.testing import CliRunner\n"
        "for args in ([], ['sync'], ['cache', 'prune'], ['remove']):\n"
        "    result = CliRunner().invoke(app, [*args, '--help'], env={'COLUMNS': '100'})\n"
        "    assert result.exit_code == 0, result.output\n"
        "    print(result.output)\n"
        "heavy = [m for m in ('post2pod.pipeline', 'post2pod.narrate', 'numpy', 'onnxruntime', 'bs4')"
        " if m in sys.modules]\n"
        "print('HEAVY', heavy)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "HEAVY []" in done.stdout, done.stdout[-300:]
    assert "<bool>" not in done.stdout and "<str>" not in done.stdout and "<path>" not in done.stdout
    assert "([cache]" in done.stdout and "( max_mb)" not in done.stdout  # not taken for markup
    assert "--limit N" in done.stdout and "--dry-run  " in done.stdout


def test_remove_dry_run_names_what_it_would_remove(site: Path):
    config = load_config(site / "post2pod.toml", {"feed": "feed.xml", "out": "out", "limit": 1}, cwd=site)
    first = pipeline.sync(config, pipeline.Options(engine=FakeEngine(), assembler=fake_assemble))
    assert first.new == ("Hello",)
    dry = run_cli("remove", "--out", "out", "--dry-run", "tiny-hello", cwd=site)
    assert dry.returncode == 0, dry.stderr
    assert dry.stdout.splitlines() == ["would remove: Hello"]


def test_a_sync_with_nothing_to_narrate_imports_no_narration():
    """A no-op sync (the cron's usual run) needs no HTML parser, speech tables or maths reader:
    narrate's names load on first use (issue 25: a no-op in well under a second)."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from post2pod import narrate, pipeline\n"
        "assert narrate.disclosure_text is not None\n"  # a light name loads alone
        "print('HEAVY', [m for m in ('bs4', 'post2pod.narrate.compose', 'post2pod.narrate.speech', 'numpy',"
        " 'onnxruntime', 'piper') if m in sys.modules])\n"
        "narrate.narrate\n"
        "print('LOADED', 'post2pod.narrate.compose' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "HEAVY []" in done.stdout and "LOADED True" in done.stdout, done.stdout


def _options_of(command: str) -> list[str]:
    """The long option names `post2pod COMMAND --help` lists, in order."""
    result = invoke_cli(command, "--help", cwd=Path.cwd())
    assert result.returncode == 0, result.stderr
    listed = result.stdout.split("Options:")[1].splitlines()
    lines = [line.strip() for line in listed if line.strip().startswith("-")]
    names = [next(word for word in line.replace(",", " ").split() if word.startswith("--")) for line in lines]
    return [name for name in names if name != "--help"]


PODCAST = ["--config", "--feed", "--out", "--base-url", "--state", "--only"]
BUILD = ["--limit", "--voice", "--workers", "--dry-run", "--cuda"]
VERBOSITY = ["--verbose", "--quiet"]


@pytest.mark.parametrize(
    ("command", "options"),
    [
        ("sync", PODCAST + BUILD + VERBOSITY),
        ("regenerate", PODCAST + BUILD + VERBOSITY),
        ("remove", [*PODCAST, "--dry-run", *VERBOSITY]),
        ("adopt", PODCAST + VERBOSITY),
    ],
)
def test_the_commands_that_change_a_podcast_share_their_option_groups(command: str, options: list[str]):
    assert _options_of(command) == options


def test_an_option_group_reaches_the_command_as_its_record(tmp_path: Path):
    seen = {}

    @cli.option_groups
    def command(post: str, podcast: cli.PodcastFlags, *, dry_run: bool = False, talk: cli.Verbosity) -> None:
        seen.update(post=post, podcast=podcast, dry_run=dry_run, talk=talk)

    names = list(inspect.signature(command).parameters)
    assert names == [
        "post",
        "config",
        "feed",
        "out_dir",
        "base_url",
        "state",
        "only",
        "dry_run",
        "verbose",
        "quiet",
    ]
    command(
        post="p",
        config=None,
        feed="f.xml",
        out_dir=None,
        base_url=None,
        state=tmp_path,
        only="a",
        dry_run=True,
        verbose=False,
        quiet=True,
    )
    assert seen["podcast"] == cli.PodcastFlags(feed="f.xml", state=tmp_path, only="a")
    assert seen["talk"] == cli.Verbosity(quiet=True) and seen["talk"].ui.quiet
    assert seen["post"] == "p" and seen["dry_run"] is True
    assert seen["podcast"].overrides({"limit": 2}) == {
        "feed": "f.xml",
        "out": None,
        "base_url": None,
        "state": tmp_path,
        "limit": 2,
    }
