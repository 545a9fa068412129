"""Dask distributed or Ray for synthesis on a cluster: start-up and per-clip overhead, measured.

    python benchmarks/engines.py dask    # needs `pip install "dask[distributed]"`
    python benchmarks/engines.py ray     # needs `pip install ray`

Each engine starts two worker processes on 127.0.0.1, then runs TASKS tasks that stand in for a
clip: the worker holds a "voice" loaded once and returns CLIP_BYTES of PCM (a 2.7 s sentence at
22,050 Hz), so what is timed is the engine's own cost, not Piper's. Overhead per clip is wall time
over tasks, with both workers busy; a real clip takes about 0.2 s of Piper on this machine.
"""

from __future__ import annotations

import sys
import time

TASKS = 200
CLIP_BYTES = 2 * 22050 * 27 // 10 // 4 * 4
WORKERS = 2

_VOICE: bytes | None = None


def fake_clip(number: int) -> bytes:
    """What a worker does per sentence, minus Piper: use the voice it loaded once."""
    global _VOICE
    if _VOICE is None:
        _VOICE = bytes(1024)  # stands for loading the model
    return (number % 256).to_bytes(4, "little") * (CLIP_BYTES // 4)


def measure_dask() -> dict[str, float]:
    from distributed import Client, LocalCluster, as_completed

    start = time.perf_counter()
    cluster = LocalCluster(
        n_workers=WORKERS, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
    )
    client = Client(cluster)
    started = time.perf_counter()
    client.submit(fake_clip, -1, pure=False).result()
    first = time.perf_counter()
    futures = [client.submit(fake_clip, n, pure=False) for n in range(TASKS)]
    total = sum(len(f.result()) for f in as_completed(futures))
    done = time.perf_counter()
    client.close()
    cluster.close()
    assert total == TASKS * CLIP_BYTES
    return _figures(start, started, first, done, time.perf_counter())


def measure_ray() -> dict[str, float]:
    import ray

    start = time.perf_counter()
    ray.init(num_cpus=WORKERS, include_dashboard=False, log_to_driver=False, configure_logging=False)

    @ray.remote(num_cpus=1)
    class Voice:  # an actor holding a loaded voice, as the issue suggests
        def clip(self, number: int) -> bytes:
            return fake_clip(number)

    actors = [Voice.remote() for _ in range(WORKERS)]
    started = time.perf_counter()
    ray.get([actor.clip.remote(-1) for actor in actors])
    first = time.perf_counter()
    refs = [actors[n % WORKERS].clip.remote(n) for n in range(TASKS)]
    total = sum(len(b) for b in ray.get(refs))
    done = time.perf_counter()
    ray.shutdown()
    assert total == TASKS * CLIP_BYTES
    return _figures(start, started, first, done, time.perf_counter())


def _figures(start: float, started: float, first: float, done: float, closed: float) -> dict[str, float]:
    return {
        "start_s": round(started - start, 2),
        "first_clip_s": round(first - started, 3),
        "per_clip_ms": round((done - first) / TASKS * 1000, 2),
        "close_s": round(closed - done, 2),
    }


if __name__ == "__main__":
    engine = sys.argv[1] if len(sys.argv) > 1 else "dask"
    figures = {"dask": measure_dask, "ray": measure_ray}[engine]()
    print(engine, figures)
