"""Synthesis on a real Dask cluster of two worker processes on 127.0.0.1 (no mock): a synced
episode is the one a local build makes, and a worker killed mid-run costs only time."""

from __future__ import annotations

import contextlib
import http.server
import json
import logging
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import Future
from pathlib import Path

import imageio_ffmpeg
import pytest
from distributed import LocalCluster

from cli_helpers import assert_one_line_error, invoke_cli, run_cli
from fakes import log_lines
from post2pod import pipeline
from post2pod.config import load_config
from post2pod.errors import ConfigError
from post2pod.synth import ClipCache, PiperEngine, Synthesizer, SynthJob, SynthSettings, bundled_voice, remote
from post2pod.synth.remote import scheduler_address
from post2pod.synth.workers import _as_ready

pytestmark = pytest.mark.slow  # a cluster's worker processes load Piper

DETERMINISTIC = SynthSettings(noise_scale=0.0, noise_w_scale=0.0)  # Piper's noise is random per call

FEED = """<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Tiny blog</title><link>https://blog.example/</link>
<description>Two short posts.</description>
<item><title>First</title><link>https://blog.example/first</link><guid>first</guid>
<pubDate>Mon, 02 Nov 2026 10:00:00 +0000</pubDate>
<content:encoded>&lt;p&gt;Clusters read aloud. Each worker loads the voice once. A sentence goes
to whichever worker is free. Its clip comes back as bytes. The driver keeps the cache. A worker may
die at any time. The scheduler then gives its sentences to another worker. The episode is still
complete.&lt;/p&gt;</content:encoded>
</item>
<item><title>Second</title><link>https://blog.example/second</link><guid>second</guid>
<pubDate>Tue, 03 Nov 2026 10:00:00 +0000</pubDate>
<content:encoded>&lt;p&gt;The driver writes every clip. One writer per episode.&lt;/p&gt;</content:encoded>
</item>
</channel></rss>"""


@pytest.fixture(scope="module")
def cluster() -> Iterator[LocalCluster]:
    with LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
        silence_logs=logging.ERROR,
    ) as local:
        yield local


def _executor(cluster: LocalCluster) -> str:
    return "dask://" + cluster.scheduler_address.removeprefix("tcp://")


@pytest.fixture(scope="module")
def quiet_voice(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled voice with its noise turned off, so two builds of one text are identical."""
    folder = tmp_path_factory.mktemp("voice")
    voice = bundled_voice()
    (folder / "quiet.onnx").symlink_to(voice.model)
    config = json.loads(voice.config.read_text(encoding="utf-8"))
    config["inference"].update(noise_scale=0.0, noise_w=0.0)
    (folder / "quiet.onnx.json").write_text(json.dumps(config), encoding="utf-8")
    return folder / "quiet.onnx"


def _site(root: Path, voice: Path, executor: str) -> Path:
    root.mkdir()
    (root / "feed.xml").write_text(FEED, encoding="utf-8")
    (root / "post2pod.toml").write_text(
        f'feed = "feed.xml"\nout = "out"\nbase_url = "https://pod.example/"\nvoice = "{voice}"\n'
        f'workers = 1\n\n[run]\nexecutor = "{executor}"\n',
        encoding="utf-8",
    )
    return root


def _pcm(mp3: Path) -> bytes:
    decode = [imageio_ffmpeg.get_ffmpeg_exe(), "-v", "error", "-i", str(mp3), "-f", "s16le", "-ac", "1", "-"]
    return subprocess.run(decode, capture_output=True, check=True).stdout


class _KillABusyWorker(pipeline.Progress):
    """Kills a cluster worker that holds unfinished sentences as soon as the first clip is ready."""

    def __init__(self, cluster: LocalCluster) -> None:
        self.cluster = cluster
        self.killed = 0

    def advance(self, segments: int = 1) -> None:
        if segments and not self.killed:
            self.killed = _busy_worker_pid(self.cluster)
            os.kill(self.killed, signal.SIGKILL)


@pytest.fixture(scope="module")
def local_build(quiet_voice: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    return _sync(_site(tmp_path_factory.mktemp("local") / "site", quiet_voice, "local"))


def _sync(site: Path, options: pipeline.Options | None = None) -> dict[str, bytes]:
    report = pipeline.sync(load_config(site / "post2pod.toml"), options or pipeline.Options())
    assert report.ok
    return {mp3.name: _pcm(mp3) for mp3 in sorted((site / "out" / "episodes").glob("*.mp3"))}


def test_a_sync_on_the_cluster_publishes_what_a_local_build_does(
    cluster: LocalCluster, quiet_voice: Path, local_build: dict[str, bytes], tmp_path: Path, connections: list
):
    transitions = cluster.scheduler.transition_counter
    on_cluster = _sync(_site(tmp_path / "dask", quiet_voice, _executor(cluster)))
    assert cluster.scheduler.transition_counter > transitions  # the clips were made on the cluster
    assert len(on_cluster) == 2
    assert on_cluster == local_build  # the same decoded PCM, sample for sample
    assert cluster.scheduler.tasks == {}  # the driver released every task it sent
    scheduler_port = int(cluster.scheduler_address.rpartition(":")[2])
    assert [port for _host, port in connections if port != scheduler_port] == []  # nothing fetched


def test_clips_are_identical_to_this_process_synthesis(cluster: LocalCluster, tmp_path: Path):
    jobs = [SynthJob(text, bundled_voice(), DETERMINISTIC) for text in ("One clip.", "And another one.")]
    with Synthesizer(ClipCache(tmp_path / "clips", 10**8), executor=_executor(cluster)) as remote:
        clips = remote.synthesise(jobs)
    engine = PiperEngine()
    for job in jobs:
        audio, _rate = engine.synthesize(job.text, job.voice, job.settings)
        assert clips[job.key].path.read_bytes() == (audio.clip(-1, 1) * 32767).astype("<i2").tobytes()


def test_a_worker_killed_mid_sync_has_its_sentences_retried_elsewhere(
    cluster: LocalCluster, quiet_voice: Path, local_build: dict[str, bytes], tmp_path: Path
):
    killer = _KillABusyWorker(cluster)
    on_cluster = _sync(
        _site(tmp_path / "dask", quiet_voice, _executor(cluster)), pipeline.Options(progress=killer)
    )
    assert killer.killed
    assert killer.killed not in {worker.pid for worker in cluster.scheduler.workers.values()}
    assert on_cluster == local_build  # every sentence made, by the surviving worker or the restarted one


def _busy_worker_pid(cluster: LocalCluster) -> int:
    """The process id of a worker holding sentences not yet done."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        for worker in cluster.scheduler.workers.values():
            if worker.processing:
                return worker.pid
        time.sleep(0.01)
    raise AssertionError("no worker was busy")


@pytest.mark.parametrize(
    ("executor", "message"),
    [("ray://head:10001", 'not "local", "auto"'), ("dask://", 'not "local", "auto"')],
)
def test_an_unknown_executor_is_a_config_error(tmp_path: Path, executor: str, message: str):
    (tmp_path / "post2pod.toml").write_text(f'[run]\nexecutor = "{executor}"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=message) as info:
        load_config(tmp_path / "post2pod.toml")
    assert "\n" not in str(info.value)


def test_a_cluster_without_dask_installed_says_how_to_install_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setitem(sys.modules, "distributed", None)  # how Python marks a module as absent
    (tmp_path / "post2pod.toml").write_text('[run]\nexecutor = "dask://127.0.0.1:8786"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r'pip install "post2pod\[dask\]"'):
        load_config(tmp_path / "post2pod.toml")


def test_auto_joins_the_cluster_the_environment_names(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("DASK_SCHEDULER_ADDRESS", raising=False)
    assert scheduler_address("auto") is None
    monkeypatch.setenv("DASK_SCHEDULER_ADDRESS", "tcp://127.0.0.1:8786")
    assert scheduler_address("auto") == "tcp://127.0.0.1:8786"
    assert scheduler_address("dask://10.0.0.5:8786") == "tcp://10.0.0.5:8786"


# --- deadlines: a cluster that does not answer never hangs the cron ------------------------------


@pytest.fixture
def silent_server() -> Iterator[str]:
    """`host:port` of a TCP server that accepts connections and never says a word (a frozen scheduler)."""
    server = socket.create_server(("127.0.0.1", 0))
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        server.settimeout(0.2)
        while not stop.is_set():
            with contextlib.suppress(TimeoutError, OSError):
                held.append(server.accept()[0])

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"127.0.0.1:{server.getsockname()[1]}"
    stop.set()
    thread.join()
    for connection in held:
        connection.close()
    server.close()


@pytest.fixture
def http_server() -> Iterator[str]:
    """`host:port` of a real HTTP server (someone's wrong port)."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), http.server.SimpleHTTPRequestHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_a_frozen_scheduler_ends_the_run_with_exit_4_and_frees_the_lock(
    silent_server: str, quiet_voice: Path, tmp_path: Path
):
    site = _site(tmp_path / "site", quiet_voice, "dask://" + silent_server)
    started = time.monotonic()
    result = run_cli("sync", cwd=site)
    assert time.monotonic() - started < remote.GREETING_TIMEOUT_S + 50  # the greeting's deadline
    assert_one_line_error(result, 4, "did not answer within", warnings_allowed=True)
    again = run_cli("sync", cwd=site)  # the lock was released: the next run is not "locked" (exit 3)
    assert again.returncode == 4, again.stderr


def test_an_http_server_named_as_the_scheduler_is_a_one_line_error(
    http_server: str, quiet_voice: Path, tmp_path: Path
):
    site = _site(tmp_path / "site", quiet_voice, "dask://" + http_server)
    result = invoke_cli("sync", cwd=site)
    assert_one_line_error(result, 4, "not a Dask scheduler", warnings_allowed=True)
    assert "MemoryError" not in result.stderr + result.stdout


def test_auto_falls_back_to_local_synthesis_when_the_cluster_is_frozen(
    silent_server: str,
    quiet_voice: Path,
    local_build: dict[str, bytes],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
):
    monkeypatch.setenv("DASK_SCHEDULER_ADDRESS", "tcp://" + silent_server)
    warnings = log_lines()
    built = _sync(_site(tmp_path / "site", quiet_voice, "auto"), pipeline.Options())
    assert built == local_build
    assert any("did not answer" in w and "on this machine instead" in w for w in warnings)


def test_a_cluster_that_returns_no_clip_in_its_deadline_stops_the_run(quiet_voice: Path, tmp_path: Path):
    """A real scheduler with no workers: the sentences wait for ever unless the clip deadline ends them."""
    with LocalCluster(
        n_workers=0, processes=True, host="127.0.0.1", dashboard_address=None, silence_logs=logging.ERROR
    ) as idle:
        site = _site(tmp_path / "site", quiet_voice, _executor(idle))
        with (site / "post2pod.toml").open("a", encoding="utf-8") as config:
            config.write("cluster_timeout_s = 3\n")
        started = time.monotonic()
        result = invoke_cli("sync", cwd=site)
        assert time.monotonic() - started < 40
    assert_one_line_error(result, 4, "no clip came back from the Dask cluster", warnings_allowed=True)
    assert not list((site / "out").glob("episodes/*.mp3"))


def test_clip_waits_have_a_deadline_only_when_given_one():
    never: Future = Future()
    done: Future = Future()
    done.set_result((1, 22050))
    assert [key for key, _ in _as_ready({"a": done})] == ["a"]
    with pytest.raises(TimeoutError):
        list(_as_ready({"a": done, "b": never}, timeout_s=0.2))


EXITS_AFTER_CLOSING = """
import logging, sys
from pathlib import Path
from distributed import LocalCluster
from post2pod.synth import SynthJob, SynthSettings, bundled_voice
from post2pod.synth.remote import DaskExecutor
if __name__ == "__main__":
    with LocalCluster(n_workers=0, processes=True, host="127.0.0.1", dashboard_address=None,
                      silence_logs=logging.ERROR) as idle:
        executor = DaskExecutor(idle.scheduler_address, clip_timeout_s=1)
        jobs = [SynthJob(f"Clip {n}.", bundled_voice(), SynthSettings()) for n in range(3)]
        clips = [executor.submit(job, Path(sys.argv[1]) / f"{n}.pcm") for n, job in enumerate(jobs)]
        executor.shutdown()  # the tasks were never run: the client releases them
    print("closed", all(clip.done() for clip in clips))
"""


def test_closing_the_client_with_tasks_pending_lets_the_process_exit(tmp_path: Path):
    """Tasks another post never waited for are released when the client closes: asking them for their
    result then would wait on the closed client for ever, and the run would hang at exit."""
    script = tmp_path / "close.py"
    script.write_text(EXITS_AFTER_CLOSING, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(script), str(tmp_path)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "closed True" in done.stdout
