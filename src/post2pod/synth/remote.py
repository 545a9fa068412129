"""Synthesis on a running Dask cluster (`[run] executor = "dask://host:8786"`): its scheduler's address, the
check that it answers, the executor that sends it sentences and the worker-side engine that returns clips.

Each worker process loads a voice once and keeps it; a clip comes back as 16-bit PCM bytes and is
written into the clip cache here, by the driver, so the cache and the store keep one writer. A
worker that dies mid-run has its sentences rerun on another worker by the scheduler (up to
`distributed.scheduler.allowed-failures` times). `distributed` is imported only here, and only when
a cluster is configured: it is the optional `post2pod[dask]` extra.
"""

from __future__ import annotations

import contextlib
import os
import socket
import struct
import threading
from concurrent.futures import CancelledError, Future
from pathlib import Path
from typing import Any

from post2pod.config import Executor, ExecutorKind
from post2pod.errors import ClusterError, ConfigError, SynthError, VoiceError
from post2pod.synth.engine import PiperEngine, to_pcm16
from post2pod.synth.voices import DEFAULT_VOICE_NAME, SynthJob, VoiceSpec, bundled_voice
from post2pod.workspace import write_atomic

SCHEDULER_ENV = "DASK_SCHEDULER_ADDRESS"  # what `auto` joins; dask's own variable
INSTALL_HINT = 'pip install "post2pod[dask]"'
CONNECT_TIMEOUT_S = 10
GREETING_TIMEOUT_S = 10  # a Dask server speaks first on every connection; silence means frozen or not Dask
CLOSE_TIMEOUT_S = 10
_MAX_GREETING_BYTES = 1 << 24  # the first frame's length; anything bigger is not a Dask handshake

_ENGINE: PiperEngine | None = None  # one per worker process: its voices stay loaded between clips
_ENGINE_LOCK = threading.Lock()  # espeak-ng (phonemes) is not thread-safe: one clip at a time
_CHECKED: set[tuple[Path, str]] = set()  # voice files this worker has checked against their digest


def scheduler_address(executor: str | Executor) -> str | None:
    """The Dask scheduler `executor` names (`config.RunSettings.target`, or its text: `local`, `auto`,
    `dask://host:port`) as "tcp://host:port"; None: local workers. `auto` reads $DASK_SCHEDULER_ADDRESS."""
    target = executor if isinstance(executor, Executor) else Executor.parse(executor)
    if target.kind is ExecutorKind.AUTO:
        return os.environ.get(SCHEDULER_ENV, "").strip() or None
    return target.scheduler


def greet(address: str, timeout_s: float = GREETING_TIMEOUT_S) -> None:
    """Check that a Dask scheduler answers at `address` (`tcp://host:port`) within `timeout_s`.

    Dask's client waits for the scheduler's handshake without a deadline, so a server that accepts the
    connection and never answers (a frozen scheduler, a wrong port) would hang the run for ever, and an
    HTTP server's reply is read as a frame of exabytes. A Dask server sends its handshake first, as soon
    as the connection opens: its first eight bytes are the message's length."""
    host, _, port = address.removeprefix("tcp://").rpartition(":")
    if not host or not port.isdigit():
        raise ConfigError(f'[run] executor: {address!r} is not "host:port"')
    hint = 'check the scheduler (`dask scheduler`) or set [run] executor = "local"'
    try:
        with socket.create_connection((host.strip("[]"), int(port)), timeout=timeout_s) as probe:
            probe.settimeout(timeout_s)
            first = _read_exactly(probe, 8)
    except TimeoutError:
        raise ClusterError(
            f"the Dask scheduler at {address} did not answer within {timeout_s:g} s "
            f"(frozen, or not a Dask scheduler); {hint}"
        ) from None
    except OSError as exc:
        raise ClusterError(
            f"cannot reach the Dask scheduler at {address} ({exc.strerror or exc.__class__.__name__}); {hint}"
        ) from None
    (length,) = struct.unpack("<Q", first) if len(first) == 8 else (0,)
    if not 0 < length <= _MAX_GREETING_BYTES:
        raise ClusterError(f"{address} answered, but not as a Dask scheduler; {hint}")


def _read_exactly(connection: socket.socket, size: int) -> bytes:
    data = b""
    while len(data) < size:
        chunk = connection.recv(size - len(data))
        if not chunk:
            break
        data += chunk
    return data


class DaskExecutor:
    """Sends (job, path) pairs to a Dask cluster; each future resolves once the clip is in the cache.

    Every wait on the cluster has a deadline: the greeting, the client's connection, each clip
    (`clip_timeout_s` without any clip coming back: see `PendingClips`) and closing."""

    def __init__(self, address: str, use_cuda: bool = False, clip_timeout_s: float = 300.0) -> None:
        try:
            from distributed import Client
        except ImportError:
            raise ConfigError(f"[run] executor needs Dask; install it with: {INSTALL_HINT}") from None
        self.use_cuda = use_cuda
        self.address = address
        self.closing = threading.Event()
        self.clip_timeout_s = clip_timeout_s
        greet(address)
        try:
            self.client = Client(address, timeout=CONNECT_TIMEOUT_S, set_as_default=False)
        except (OSError, TimeoutError) as exc:
            raise ClusterError(
                f"cannot reach the Dask scheduler at {address} ({exc.__class__.__name__}); start it "
                '(`dask scheduler`) or set [run] executor = "local"'
            ) from None

    def submit(self, job: SynthJob, path: Path) -> Future:
        remote = self.client.submit(synthesize_on_worker, job, job.voice.digest(), self.use_cuda, pure=False)
        clip: Future = Future()
        remote.add_done_callback(lambda done: _deliver(done, path, clip, self.closing))
        clip.add_done_callback(
            lambda mine: remote.cancel() if mine.cancelled() and not self.closing.is_set() else None
        )
        return clip

    def shutdown(self, cancel_futures: bool = True, wait: bool = True) -> None:
        del cancel_futures, wait  # closing the client releases every task it still holds, in bounded time
        self.closing.set()
        with contextlib.suppress(OSError, TimeoutError):  # a frozen scheduler: its tasks die with it
            self.client.close(timeout=CLOSE_TIMEOUT_S)


def _deliver(remote: Any, path: Path, clip: Future, closing: threading.Event) -> None:
    """Write a finished task's PCM into the cache and settle `clip` (on the client's thread).

    A task released by a closing client (another post's, never waited for) is not asked for its result:
    that would wait on the client's stopped loop for ever, and hang the process at exit."""
    if not clip.set_running_or_notify_cancel():  # cancelled here: the caller stopped waiting
        return
    if closing.is_set() or remote.status not in ("finished", "error"):
        clip.set_exception(SynthError("the Dask cluster dropped this run's clips (scheduler gone?); rerun"))
        return
    try:
        pcm, rate = remote.result()
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, pcm, durable=False)  # `ClipCache.get` checks the size, as for local clips
    except CancelledError:
        clip.set_exception(SynthError("the Dask cluster dropped this run's clips (scheduler gone?); rerun"))
    except Exception as exc:
        clip.set_exception(_worded(exc))
    else:
        clip.set_result((len(pcm) // 2, rate))


def _worded(exc: Exception) -> Exception:
    if exc.__class__.__name__ == "KilledWorker":
        return SynthError(
            "Dask workers died on every attempt at one sentence (out of memory?); "
            "check the workers' logs, or rerun"
        )
    return exc


def synthesize_on_worker(job: SynthJob, digest: str, use_cuda: bool) -> tuple[bytes, int]:
    """Runs on a Dask worker: one clip as 16-bit mono PCM bytes and its sample rate."""
    global _ENGINE
    voice = _worker_voice(job.voice, digest)
    with _ENGINE_LOCK:
        if _ENGINE is None:
            _ENGINE = PiperEngine(threads=1, use_cuda=use_cuda)
        audio, rate = _ENGINE.synthesize(job.text, voice, job.settings)
    return to_pcm16(audio), rate


def _worker_voice(spec: VoiceSpec, digest: str) -> VoiceSpec:
    """The voice the driver means, on this worker: the same path, or the bundled package's own
    copy; either way its files must match the driver's (digest), or clips would differ by host."""
    candidates = [spec]
    if spec.name == DEFAULT_VOICE_NAME:
        candidates.append(bundled_voice())
    for voice in candidates:
        if (voice.model, digest) in _CHECKED:
            return voice
        if voice.model.is_file() and voice.config.is_file() and voice.digest() == digest:
            _CHECKED.add((voice.model, digest))
            return voice
    raise VoiceError(
        f"voice {spec.name} is missing or different at {spec.model} on a Dask worker; "
        "put voices/ at the same path on every worker (shared storage)"
    )
