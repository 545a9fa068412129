"""The run's synthesis workers (`WorkerPool`): one pool at a time, numbered, shared by the podcasts
of a run. Cheap to make: numpy, piper and Dask load only when workers start."""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING, Any

from post2pod.errors import Post2PodError

if TYPE_CHECKING:
    from post2pod.config import Executor
    from post2pod.synth.engine import PiperEngine
    from post2pod.synth.voices import VoiceSpec


def local_kind(workers: int, use_cuda: bool) -> tuple[str, int, bool]:
    """What makes two local pools interchangeable."""
    return ("local", workers, use_cuda)


class WorkerPool:
    """The synthesis workers of one run: local worker processes (or a Dask client), started on the
    first real need and kept, with the voices they loaded, for every podcast the run syncs.

    Pools are numbered as they start; a crashed pool is replaced, and its crash fails one post only.
    Use as a context manager (or `close`); a `Synthesizer` given no pool makes and closes its own.
    """

    def __init__(self, stop_when_idle: bool = False) -> None:
        # a run's own pool stops its workers as soon as the last clip is in (their exit then overlaps
        # the run's last encoding and publishing); a pool shared by several podcasts keeps them
        self.stop_when_idle = stop_when_idle
        self._executor: Any = None
        self._kind: Hashable = None
        self.started = 0  # pools started so far: the number of the current one
        self._worker_loads: Any = None  # voices the local workers loaded: a Value they share
        self._here_loads = 0  # voices loaded by engines of this process since replaced
        self._crashes_reported: set[int] = set()  # pools whose crash already failed a post
        self._here: PiperEngine | None = None  # synthesis in this process: a few clips of an edit
        self._loading: threading.Thread | None = None
        self._warming: threading.Thread | None = None  # launching the workers `warm` started

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def current(self, kind: Hashable) -> tuple[Any, int] | None:
        """The running executor and its number, if it is of `kind` (how and where it synthesises)."""
        if self._executor is not None and self._kind == kind:
            return self._executor, self.started
        return None

    def start(self, kind: Hashable, make: Callable[[], Any]) -> tuple[Any, int]:
        """Stop the running executor (if any) and start `make()` as the next numbered pool."""
        self.stop()
        self._executor, self._kind = make(), kind
        self.started += 1
        return self._executor, self.started

    def warm(self, workers: int, use_cuda: bool, executor: Executor | str, voice: VoiceSpec) -> None:
        """Start the local workers, each loading `voice`, so they are ready when the clips come (a run
        calls this before narrating a post it has never built). Their processes are launched from a
        thread: the first launch waits for the forkserver to import onnxruntime and piper (0.2 s),
        which the run spends narrating instead. A cluster, or workers of this kind already running,
        are left as they are."""
        from post2pod.synth import remote
        from post2pod.synth.workers import worker_started

        if remote.scheduler_address(executor) is not None:
            return
        workers = workers or os.cpu_count() or 1
        if self.current(local_kind(workers, use_cuda)) is not None:
            return
        started, _number = self.start_local(workers, use_cuda, voice)

        def launch() -> None:
            # a launch that fails here fails again, and is reported, when the run sends its clips
            with contextlib.suppress(Exception):
                for _worker in range(workers):
                    started.pool.submit(worker_started)

        self._warming = threading.Thread(target=launch, name="post2pod-warm", daemon=True)
        self._warming.start()

    def start_local(self, workers: int, use_cuda: bool, voice: VoiceSpec | None = None) -> tuple[Any, int]:
        """Start `workers` local worker processes (loading `voice` as they start) as the next pool."""
        from post2pod.synth.workers import local_workers

        loads = self._loads_count()
        return self.start(
            local_kind(workers, use_cuda), lambda: local_workers(workers, use_cuda, voice, loads)
        )

    def _loads_count(self) -> Any:
        """The count the local workers add their voice loads to (shared memory, made on first use)."""
        if self._worker_loads is None:
            from post2pod.synth.workers import start_context

            self._worker_loads = start_context().Value("i", 0)
        return self._worker_loads

    @property
    def voice_loads(self) -> int:
        """Voices loaded in this run, by the local workers and in this process (a cluster's workers
        hold theirs already). Exact once the workers have stopped."""
        workers = self._worker_loads.value if self._worker_loads is not None else 0
        return workers + self._here_loads + (self._here.loads if self._here else 0)

    def load_here(self, workers: int, use_cuda: bool, voice: VoiceSpec) -> None:
        """Load `voice` for synthesis in this process, in the background, while the run narrates: a
        regenerate after an edit synthesises its few new sentences here (0.3 s saved of about 2)."""
        if self._loading is not None:
            return
        engine = self.engine_here(workers, use_cuda)

        def load() -> None:
            with contextlib.suppress(Post2PodError, OSError):  # a voice that cannot load fails when used
                engine.load(voice)

        self._loading = threading.Thread(target=load, name="post2pod-voice", daemon=True)
        self._loading.start()

    def engine_here(self, workers: int, use_cuda: bool) -> PiperEngine:
        """The engine for synthesis in this process (`workers` onnxruntime threads), its voice loaded if
        `load_here` began loading it."""
        from post2pod.synth.engine import PiperEngine

        if self._loading is not None and self._loading is not threading.current_thread():
            self._loading.join()
            self._loading = None
        threads = workers or os.cpu_count() or 1
        if self._here is None or (self._here.threads, self._here.use_cuda) != (threads, use_cuda):
            self._here_loads += self._here.loads if self._here else 0
            self._here = PiperEngine(threads=threads, use_cuda=use_cuda)
        return self._here

    def executor_of(self, pool: int) -> Any:
        """The executor pool number `pool` is, while it still runs."""
        return self._executor if pool and pool == self.started else None

    def crashed(self, pool: int) -> bool:
        """Note that pool `pool` crashed; True if its crash has already failed another post (then this
        post was only queued behind it and deserves a fresh pool)."""
        if pool == self.started:
            self.stop()
        if pool in self._crashes_reported:
            return True
        self._crashes_reported.add(pool)
        return False

    def stop(self, wait: bool = True) -> None:
        """Stop the running executor (its workers end, their voices are freed); without `wait`, the
        workers are told to end and this returns at once."""
        if self._warming is not None:  # no launch outlives its pool (jobs may be sent meanwhile)
            self._warming.join()
            self._warming = None
        if self._executor is not None:
            self._executor.shutdown(cancel_futures=True, wait=wait)
            self._executor = None

    def close(self) -> None:
        """The run is over: the workers end and this process lets go of its voice."""
        self.stop()
        if self._here is not None:
            self._here_loads += self._here.loads
            self._here = None
