"""Synthesis on a real Dask cluster of two worker processes on 127.0.0.1 (no mock): a synced
episode is the one a local build makes, and a worker killed mid-run costs only time."""

from __future__ import annotations

import json
import logging
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import imageio_ffmpeg
import pytest
from distributed import LocalCluster

from post2pod import pipeline
from post2pod.config import load_config
from post2pod.errors import ConfigError
from post2pod.synth import ClipCache, PiperEngine, Synthesizer, SynthJob, SynthSettings, bundled_voice
from post2pod.synth.remote import scheduler_address

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
    assert connections == []  # the posts' full text was in the feed: nothing fetched


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
