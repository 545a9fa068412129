"""Workers: the `Synthesizer` sends what the cache lacks to the run's `WorkerPool` (worker processes
or a Dask cluster; for a few clips or a custom engine, it synthesises here) and hands clips back as they
are ready; a crashed worker pool is replaced, and the post it was reading fails alone."""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor
from concurrent.futures import wait as wait_for
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from multiprocessing.context import BaseContext
from pathlib import Path
from typing import Any

from post2pod.config import Executor, ExecutorKind
from post2pod.errors import ClusterError, Post2PodError, SynthError, VoiceError
from post2pod.models import Clip
from post2pod.synth import remote
from post2pod.synth.cache import ClipCache, write_clip_file
from post2pod.synth.engine import Engine, PiperEngine
from post2pod.synth.pool import WorkerPool, local_kind
from post2pod.synth.voices import SynthJob, VoiceSpec

INLINE_MAX_CLIPS = 3  # up to this many missing clips are synthesised here, without starting workers

_WORKER_ENGINE: PiperEngine | None = None
_WORKER_LOADS: Any = None  # the pool's shared count of voice loads (a multiprocessing Value)
_WORKER_LOADS_COUNTED = 0  # this worker's loads already added to it


PARENT_CHECK_S = 1.0  # how often a worker checks that the run that started it is still alive
# what every worker imports before its voice: imported once, by the forkserver that forks them
FORKSERVER_PRELOAD = ["numpy", "onnxruntime", "piper", "post2pod.synth.workers"]


def _worker_init(
    threads: int,
    use_cuda: bool,
    run: int | None = None,
    voice: VoiceSpec | None = None,
    loads: Any = None,
) -> None:
    global _WORKER_ENGINE, _WORKER_LOADS
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's to handle
    if run is not None:
        _exit_with_run(run)
    _WORKER_ENGINE = PiperEngine(threads=threads, use_cuda=use_cuda)
    _WORKER_LOADS = loads
    if voice is not None:
        # loaded while the run is still narrating; a voice that cannot load fails its first clip instead
        with contextlib.suppress(Post2PodError):
            _WORKER_ENGINE.load(voice)
        _count_loads()


def _exit_with_run(run: int) -> None:
    """End this worker within PARENT_CHECK_S once the run (process `run`) is gone, killed with SIGKILL
    say: orphaned workers would otherwise hold hundreds of MB each, forever.

    The worker's parent is the run (spawned) or the run's forkserver, which outlives the run as long
    as any worker does. Polling who the parent is (and on Linux, the forkserver's parent) works with
    no help from the run and, unlike PR_SET_PDEATHSIG, does not fire when a parent *thread* ends."""
    starter = os.getppid()

    def run_alive() -> bool:
        return os.getppid() == starter and (starter == run or _parent_of(starter) in (run, None))

    if not run_alive():
        os._exit(1)

    def watch() -> None:
        while run_alive():
            time.sleep(PARENT_CHECK_S)
        os._exit(1)

    threading.Thread(target=watch, name="post2pod-parent-watch", daemon=True).start()


def _parent_of(pid: int) -> int | None:
    """The parent of process `pid`, from /proc (Linux, where the forkserver is used); None unknown."""
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, ValueError, IndexError):
        return None


def _worker_synthesize(job: SynthJob, path: Path) -> tuple[int, int]:
    assert _WORKER_ENGINE is not None
    audio, rate = _WORKER_ENGINE.synthesize(job.text, job.voice, job.settings)
    _count_loads()
    return write_clip_file(path, audio), rate


def worker_started() -> None:
    """A task that only makes the pool start a worker (which loads its voice in `_worker_init`)."""


def _count_loads() -> None:
    """Add the voices this worker loaded since it last counted to the pool's shared count."""
    global _WORKER_LOADS_COUNTED
    assert _WORKER_ENGINE is not None
    new = _WORKER_ENGINE.loads - _WORKER_LOADS_COUNTED
    if new and _WORKER_LOADS is not None:
        with _WORKER_LOADS.get_lock():
            _WORKER_LOADS.value += new
    _WORKER_LOADS_COUNTED = _WORKER_ENGINE.loads


class _InlineExecutor:
    """Runs jobs in this process (workers=1 with a custom engine, and unit tests)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def submit(self, job: SynthJob, path: Path) -> Future:
        future: Future = Future()
        try:
            audio, rate = self.engine.synthesize(job.text, job.voice, job.settings)
            future.set_result((write_clip_file(path, audio), rate))
        except Exception as exc:
            future.set_exception(exc)
        return future

    def shutdown(self, cancel_futures: bool = True, wait: bool = True) -> None:
        pass


def start_context() -> BaseContext:
    """How worker processes start. On Linux, forked by a forkserver that imported numpy, onnxruntime
    and piper once (with telemetry off, importing them starts no onnxruntime thread to fork from): a
    worker then only loads its voice: 0.17 s of CPU less for two workers, more with more cores.
    Elsewhere each is a fresh interpreter (spawn): fork is unsafe on macOS, and Windows has neither.
    The forkserver keeps the environment of the moment it started, the run's first pool."""
    if sys.platform != "linux" or "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(FORKSERVER_PRELOAD)  # read when the forkserver starts
    return context


def local_workers(
    workers: int, use_cuda: bool, voice: VoiceSpec | None = None, loads: Any = None
) -> _PoolAdapter:
    """`workers` processes of one onnxruntime thread each, loading `voice` as they start and adding
    the voices they load to `loads` (a `multiprocessing.Value` of `start_context()`)."""
    return _PoolAdapter(
        ProcessPoolExecutor(
            max_workers=workers,
            mp_context=start_context(),
            initializer=_worker_init,
            initargs=(1, use_cuda, os.getpid(), voice, loads),
        )
    )


class Synthesizer:
    """Synthesises segments through the cache; missing clips go to the run's workers.

    Use as a context manager; workers start on the first cache miss (or `WorkerPool.warm`), so a run
    that finds everything cached (or has nothing new) never loads a voice. Given a `pool`, the workers
    outlive this synthesiser and serve the next podcast of the run; without one it has its own.
    """

    def __init__(
        self,
        cache: ClipCache,
        workers: int = 0,
        engine: Engine | None = None,
        use_cuda: bool = False,
        executor: Executor | str = "local",
        cluster_timeout_s: float = 300.0,
        warn: Callable[[str], None] | None = None,
        pool: WorkerPool | None = None,
    ) -> None:
        self.cache = cache
        target = executor if isinstance(executor, Executor) else Executor.parse(executor)
        self.scheduler = remote.scheduler_address(target)  # None: worker processes on this machine
        self.fall_back = target.kind is ExecutorKind.AUTO  # a cluster that cannot be used: local workers
        self.cluster_timeout_s = cluster_timeout_s
        self.warn = warn or (lambda _message: None)
        self.workers = workers or os.cpu_count() or 1
        self.engine = engine
        self.use_cuda = use_cuda
        self.pool = pool or WorkerPool()
        self._owns_pool = pool is None
        self._inline: _InlineExecutor | None = None
        self._posts_waiting = 0  # posts with clips still to come from the workers
        self.synthesised = 0
        self.reused = 0

    def __enter__(self) -> Synthesizer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._owns_pool:
            self.pool.close()
        self.cache.commit()

    def _executor_for(self, missing: int) -> tuple[Any, int]:
        """Where to send `missing` clips, and the number of that pool (0: this process). Worker
        processes (or a Dask cluster) for real work; for a handful of clips (an edited sentence)
        loading the voice here is cheaper than starting the workers."""
        if self.engine is not None:
            self._inline = self._inline or _InlineExecutor(self.engine)
            return self._inline, 0
        if self.scheduler is not None:
            # a cluster's workers hold their voices already: no inline shortcut, no local pool
            kind = ("dask", self.scheduler, self.use_cuda, self.cluster_timeout_s)
            scheduler = self.scheduler
            try:
                return self.pool.current(kind) or self.pool.start(
                    kind, lambda: remote.DaskExecutor(scheduler, self.use_cuda, self.cluster_timeout_s)
                )
            except ClusterError as exc:
                if not self.fall_back:
                    raise
                self.warn(f"{exc}; synthesising on this machine instead")
                self.scheduler = None
        running = self.pool.current(local_kind(self.workers, self.use_cuda))
        if running:
            return running
        if missing <= INLINE_MAX_CLIPS:
            self._inline = self._inline or _InlineExecutor(self.pool.engine_here(self.workers, self.use_cuda))
            return self._inline, 0
        return self.pool.start_local(self.workers, self.use_cuda)

    def _send(self, jobs: dict[str, SynthJob]) -> tuple[dict[str, Future], int]:
        """Hand jobs to an executor; returns their futures and the number of the pool (0: inline).

        A pool found broken while jobs are handed to it is replaced once."""
        for _attempt in range(2):
            if not jobs:
                return {}, 0
            executor, number = self._executor_for(len(jobs))
            try:
                futures = {key: executor.submit(job, self.cache.path(key)) for key, job in jobs.items()}
            except BrokenProcessPool:
                self.pool.crashed(number)
                continue
            return futures, number
        raise SynthError("synthesis workers keep crashing (out of memory?); try --workers 1")

    def cluster_executor(self, pool: int) -> remote.DaskExecutor | None:
        """The Dask executor pool number `pool` went to, if it was one."""
        executor = self.pool.executor_of(pool)
        return executor if isinstance(executor, remote.DaskExecutor) else None

    def collected(self, key: str, sample_rate: int) -> Clip:
        """Index a clip a worker has just written; counts it as synthesised."""
        self.synthesised += 1
        return self.cache.add(key, sample_rate)

    def after_crash(
        self, pool: int, jobs: dict[str, SynthJob], retried: bool
    ) -> tuple[dict[str, Future], int]:
        """A worker of pool `pool` crashed with `jobs` of one post pending: send them once more when
        the post was only queued behind another post's crash (and has not been retried yet);
        otherwise the post fails with SynthError."""
        queued_behind_another = self.pool.crashed(pool)
        if retried or not queued_behind_another:
            raise SynthError(
                "a synthesis worker crashed (out of memory?) while reading this post; rerun to retry it"
            )
        return self._send(jobs)

    def submit(self, jobs: Sequence[SynthJob], groups: Sequence[int] | None = None) -> PendingClips:
        """Start synthesising what the cache lacks; returns a handle to wait on.

        Jobs go out group by group (`groups[i]` is job i's group, e.g. its section, so assembly can
        encode a section while the next ones are synthesised), longest text first within a group,
        which keeps the workers evenly busy to the end. Without groups: longest first overall.
        """
        cached: dict[str, Clip] = {}
        missing: dict[str, tuple[tuple[int, int], SynthJob]] = {}
        for number, job in enumerate(jobs):
            key = job.key
            if key in cached or key in missing:
                continue
            clip = self.cache.get(key)
            if clip is not None:
                cached[key] = clip
                self.reused += 1
            else:
                missing[key] = ((groups[number] if groups else 0, -len(job.text)), job)
        ordered = sorted(missing.items(), key=lambda item: item[1][0])
        to_send = {key: job for key, (_order, job) in ordered}
        futures, pool = self._send(to_send)
        self._posts_waiting += bool(futures)
        return PendingClips(self, cached, futures, to_send, pool)

    def post_ready(self) -> None:
        """Every clip of a post is in; the last post's stops a run's own workers without waiting."""
        self._posts_waiting -= 1
        if self._posts_waiting == 0 and self.pool.stop_when_idle:
            self.pool.stop(wait=False)

    def synthesise(self, jobs: Sequence[SynthJob]) -> dict[str, Clip]:
        """Synthesise (or reuse) every job and return the clips by key."""
        return self.submit(jobs).wait()


def _as_ready(futures: dict[str, Future], timeout_s: float | None = None) -> Iterator[tuple[str, Future]]:
    """(key, future) pairs as the futures finish, so progress moves as soon as any clip is ready.

    With `timeout_s`, `timeout_s` seconds in which no clip finishes raise TimeoutError."""
    keys = {future: key for key, future in futures.items()}
    pending = set(keys)
    while pending:
        done, pending = wait_for(pending, timeout=timeout_s, return_when=FIRST_COMPLETED)
        if not done:
            raise TimeoutError
        for future in done:
            yield keys[future], future


class _PoolAdapter:
    """Gives a ProcessPoolExecutor the (job, path) submit signature of the inline executor."""

    def __init__(self, pool: ProcessPoolExecutor) -> None:
        self.pool = pool

    def submit(self, job: SynthJob, path: Path) -> Future:
        return self.pool.submit(_worker_synthesize, job, path)

    def shutdown(self, cancel_futures: bool = True, wait: bool = True) -> None:
        self.pool.shutdown(wait=wait, cancel_futures=cancel_futures)


@dataclass
class PendingClips:
    """Clips of one post: some already cached, the rest being synthesised."""

    synthesizer: Synthesizer
    clips: dict[str, Clip]
    futures: dict[str, Future]
    jobs: dict[str, SynthJob] = field(default_factory=dict)  # what the futures are synthesising
    pool: int = 0  # the worker pool they went to (0: this process)

    def wait(self, on_clip: Callable[[int], None] | None = None) -> dict[str, Clip]:
        """Block until every clip exists; raises VoiceError/SynthError with a one-line message.

        `on_clip(1)` is called as each missing clip is ready (for progress bars).
        """
        for _key, _clip in self.as_ready(on_clip):
            pass
        return self.clips

    def as_ready(self, on_clip: Callable[[int], None] | None = None) -> Iterator[tuple[str, Clip]]:
        """(key, clip) for every clip: the cached ones first, then each new one as it is ready.

        A crashed worker fails the post it was reading; a post only queued behind it is sent
        once more (to fresh workers, or to this process for three clips or fewer). Clips still
        pending when the caller stops early are cancelled.
        """
        try:
            yield from self._ready(on_clip)
        finally:
            for future in self.futures.values():
                future.cancel()

    def _finished(self) -> Iterator[tuple[str, Future]]:
        """The pending futures as they finish; a cluster that returns no clip in its timeout is frozen."""
        executor = self.synthesizer.cluster_executor(self.pool)
        if executor is None:
            yield from _as_ready(dict(self.futures))
            return
        try:
            yield from _as_ready(dict(self.futures), executor.clip_timeout_s)
        except TimeoutError:
            raise ClusterError(
                f"no clip came back from the Dask cluster at {executor.address} in "
                f"{executor.clip_timeout_s:g} s (scheduler or workers frozen?); check the cluster, "
                'raise [run] cluster_timeout_s, or set [run] executor = "local"'
            ) from None

    def _ready(self, on_clip: Callable[[int], None] | None) -> Iterator[tuple[str, Clip]]:
        yield from list(self.clips.items())
        retried = False
        while self.futures:
            crashed = False
            for key, future in self._finished():
                try:
                    _samples, rate = future.result()
                except BrokenProcessPool:
                    crashed = True
                    continue
                except (VoiceError, SynthError):
                    raise
                except OSError as exc:
                    raise SynthError(f"cannot write synthesised audio: {exc.strerror or exc}") from None
                except Exception as exc:
                    raise SynthError(f"synthesis failed: {exc.__class__.__name__}: {exc}") from None
                del self.futures[key]
                clip = self.synthesizer.collected(key, rate)
                self.clips[key] = clip
                if on_clip:
                    on_clip(1)
                yield key, clip
            if crashed:
                pending = {key: self.jobs[key] for key in self.futures}
                self.futures, self.pool = self.synthesizer.after_crash(self.pool, pending, retried)
                retried = True
        if self.jobs:
            self.synthesizer.post_ready()
        self.synthesizer.cache.commit()
