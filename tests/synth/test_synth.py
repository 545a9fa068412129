"""Voices, the clip cache and real Piper synthesis with the bundled voice."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from cli_helpers import user_environment
from post2pod.errors import VoiceError
from post2pod.synth import (
    ClipCache,
    PiperEngine,
    Synthesizer,
    SynthJob,
    SynthSettings,
    bundled_voice,
    list_voices,
    resolve_voice,
    trim_silence,
    voice_language,
)

DETERMINISTIC = SynthSettings(noise_scale=0.0, noise_w_scale=0.0)


def test_bundled_voice_is_the_default(tmp_path: Path):
    assert resolve_voice("", tmp_path).model == bundled_voice().model
    assert [v.name for v in list_voices(tmp_path)] == ["en_US-joe-medium"]


def test_voices_folder_pairs_only(tmp_path: Path):
    voice = bundled_voice()
    shutil.copy(voice.model, tmp_path / "other.onnx")
    shutil.copy(voice.config, tmp_path / "other.onnx.json")
    (tmp_path / "lonely.onnx").write_bytes(b"x" * 2048)
    assert [v.name for v in list_voices(tmp_path)] == ["en_US-joe-medium", "other"]
    assert resolve_voice("other", tmp_path).model == tmp_path / "other.onnx"
    with pytest.raises(VoiceError, match=r"no matching lonely\.onnx\.json"):
        resolve_voice("lonely", tmp_path)


def test_only_regular_files_or_links_to_them_are_listed_as_voices(tmp_path: Path):
    """Folders, pipes and looping or broken links named NAME.onnx are no voices (issue 22)."""
    voice = bundled_voice()
    shutil.copy(voice.model, tmp_path / "real.onnx")
    (tmp_path / "folder.onnx").mkdir()
    os.mkfifo(tmp_path / "pipe.onnx")
    (tmp_path / "loop.onnx").symlink_to("loop.onnx")
    (tmp_path / "broken.onnx").symlink_to("missing.onnx")
    (tmp_path / "linked.onnx").symlink_to("real.onnx")
    for name in ("real", "folder", "pipe", "loop", "broken", "linked"):
        shutil.copy(voice.config, tmp_path / f"{name}.onnx.json")
    assert [v.name for v in list_voices(tmp_path)] == ["en_US-joe-medium", "linked", "real"]


def test_a_deeply_nested_voice_config_is_not_valid(tmp_path: Path):
    """json.loads raises RecursionError on deep nesting: still the one-line voice error (issue 22)."""
    shutil.copy(bundled_voice().model, tmp_path / "deep.onnx")
    (tmp_path / "deep.onnx.json").write_text("[" * 100_000 + "]" * 100_000)
    with pytest.raises(VoiceError, match=r"deep\.onnx\.json is not a valid Piper voice config") as info:
        resolve_voice("deep", tmp_path)
    assert "\n" not in str(info.value)
    spec = list_voices(tmp_path)[1]
    assert (spec.speakers(), voice_language(spec)) == (1, "")


@pytest.mark.parametrize("name", ["nope", "voices/missing.onnx"])
def test_unknown_voice_is_a_clear_error(tmp_path: Path, name: str):
    with pytest.raises(VoiceError) as info:
        resolve_voice(name, tmp_path)
    assert "\n" not in str(info.value)


def test_corrupt_voice_fails_with_a_voice_error(tmp_path: Path):
    (tmp_path / "broken.onnx").write_bytes(b"not a model" * 500)
    shutil.copy(bundled_voice().config, tmp_path / "broken.onnx.json")
    voice = resolve_voice("broken", tmp_path)
    with pytest.raises(VoiceError, match="corrupt"):
        PiperEngine().synthesize("Hello.", voice, SynthSettings())


def test_trim_silence_keeps_a_margin():
    audio = np.concatenate([np.zeros(22050), np.full(100, 0.5), np.zeros(22050)]).astype(np.float32)
    trimmed = trim_silence(audio, 22050)
    assert 100 < len(trimmed) < 100 + 2 * 22050 * 0.02


def test_cache_reuses_unchanged_and_synthesises_changed(tmp_path: Path, fake_engine):
    voice = bundled_voice()
    cache = ClipCache(tmp_path, 10**9)
    first = [
        SynthJob("One sentence.", voice, SynthSettings()),
        SynthJob("Two sentence.", voice, SynthSettings()),
    ]
    with Synthesizer(cache, engine=fake_engine) as synthesizer:
        synthesizer.synthesise(first)
    assert fake_engine.calls == ["One sentence.", "Two sentence."] or sorted(fake_engine.calls) == sorted(
        ["One sentence.", "Two sentence."]
    )
    fake_engine.calls.clear()
    edited = [first[0], SynthJob("Two sentences, edited.", voice, SynthSettings())]
    with Synthesizer(cache, engine=fake_engine) as synthesizer:
        clips = synthesizer.synthesise(edited)
        assert (synthesizer.reused, synthesizer.synthesised) == (1, 1)
    assert fake_engine.calls == ["Two sentences, edited."]
    assert set(clips) == {job.key for job in edited}
    slower = SynthJob("One sentence.", voice, SynthSettings(length_scale=1.2))
    assert slower.key != first[0].key


def test_cache_evicts_least_recently_used(tmp_path: Path, fake_engine):
    voice = bundled_voice()
    cache = ClipCache(tmp_path, 10**9)
    jobs = [SynthJob(f"Sentence number {n}.", voice, SynthSettings()) for n in range(4)]
    with Synthesizer(cache, engine=fake_engine) as synthesizer:
        synthesizer.synthesise(jobs)
    size = cache.path(jobs[0].key).stat().st_size
    removed = cache.prune(max_bytes=size * 2 + 10, keep=[jobs[0].key])
    assert removed == 2
    assert cache.get(jobs[0].key) is not None
    assert cache.total_bytes() <= size * 2 + 10


@pytest.mark.slow
def test_real_piper_is_deterministic_without_noise():
    engine = PiperEngine()
    voice = bundled_voice()
    first, rate = engine.synthesize("Hello from post2pod.", voice, DETERMINISTIC)
    second, _ = engine.synthesize("Hello from post2pod.", voice, DETERMINISTIC)
    assert rate == 22050
    assert 0.5 < len(first) / rate < 3.0
    assert np.array_equal(first, second)
    assert np.abs(first).max() < 1.0


@pytest.mark.slow
def test_worker_processes_synthesise_into_the_cache(tmp_path: Path):
    voice = bundled_voice()
    jobs = [
        SynthJob("The first sentence.", voice, DETERMINISTIC),
        SynthJob("And the second.", voice, DETERMINISTIC),
    ]
    with Synthesizer(ClipCache(tmp_path, 10**9), workers=2) as synthesizer:
        clips = synthesizer.synthesise(jobs)
    assert all(clip.path.is_file() and clip.duration_ms > 300 for clip in clips.values())


def test_jobs_go_out_section_by_section_longest_first(tmp_path: Path, fake_engine):
    voice = bundled_voice()
    texts = ["Short.", "A much longer sentence.", "Mid length.", "Tiny.", "The longest one of them all."]
    groups = [0, 0, 1, 1, 0]
    jobs = [SynthJob(text, voice, SynthSettings()) for text in texts]
    with Synthesizer(ClipCache(tmp_path, 10**9), engine=fake_engine) as synthesizer:
        pending = synthesizer.submit(jobs, groups)
        ready = [key for key, _clip in pending.as_ready()]
    assert fake_engine.calls == [
        "The longest one of them all.",
        "A much longer sentence.",
        "Short.",
        "Mid length.",
        "Tiny.",
    ]
    assert sorted(ready) == sorted(job.key for job in jobs)


@pytest.mark.slow
def test_a_crashed_worker_fails_only_the_post_it_was_reading(tmp_path: Path):
    import multiprocessing

    from post2pod.errors import SynthError

    voice, settings = bundled_voice(), DETERMINISTIC
    reading = [
        SynthJob(f"Sentence {word} of the first post, long enough to keep a worker busy.", voice, settings)
        for word in ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
    ]
    queued = [
        SynthJob(text, voice, DETERMINISTIC)
        for text in ("The second post.", "It waits its turn.", "Behind the first.", "Then it is read.")
    ]
    with Synthesizer(ClipCache(tmp_path, 10**9), workers=2) as synthesizer:
        first = synthesizer.submit(reading)
        second = synthesizer.submit(queued)
        clips = first.as_ready()
        next(clips)  # the workers are up and reading the first post
        for worker in multiprocessing.active_children():
            worker.kill()
        with pytest.raises(SynthError, match="crashed"):
            list(clips)
        done = second.wait()
        assert synthesizer.pool.started == 2  # the queued post went to a fresh pool
    assert set(done) == {job.key for job in queued}
    assert all(clip.path.is_file() and clip.samples > 0 for clip in done.values())


@pytest.mark.slow
def test_synthesisers_sharing_a_pool_start_its_workers_and_load_the_voice_once(tmp_path: Path):
    """Issue 25: the podcasts of one run share the workers, which load the voice once each."""
    from post2pod.synth import WorkerPool

    voice = bundled_voice()
    podcasts = [
        [SynthJob(f"Podcast {name}, sentence {n}.", voice, DETERMINISTIC) for n in range(4)]
        for name in ("one", "two", "three")
    ]
    with WorkerPool() as pool:
        for number, jobs in enumerate(podcasts):
            with Synthesizer(ClipCache(tmp_path / str(number), 10**9), workers=2, pool=pool) as synthesizer:
                clips = synthesizer.synthesise(jobs)
            assert len(clips) == 4 and synthesizer.synthesised == 4
        assert pool.started == 1
    assert pool.current(("local", 2, False)) is None  # closing the pool ends its workers
    assert 1 <= pool.voice_loads <= 2  # once per worker that read a clip, not once per podcast


@pytest.mark.slow
def test_warm_workers_have_the_voice_loaded_before_the_first_clip(tmp_path: Path):
    """A run starts its workers before narrating a new post; an edit of two clips then goes to them
    instead of loading the voice once more in this process."""
    from post2pod.synth import WorkerPool

    voice = bundled_voice()
    with WorkerPool() as pool:
        pool.warm(2, False, "local", voice)
        pool.warm(2, False, "local", voice)  # already running: nothing more starts
        jobs = [SynthJob(text, voice, DETERMINISTIC) for text in ("One edit.", "Two edits.")]
        with Synthesizer(ClipCache(tmp_path, 10**9), workers=2, pool=pool) as synthesizer:
            clips = synthesizer.synthesise(jobs)
        assert len(clips) == 2 and synthesizer._inline is None
        assert pool.started == 1
    assert pool.voice_loads == 2


@pytest.mark.slow
def test_a_run_that_stops_while_its_workers_start_leaves_none_behind():
    """Warming returns before the workers are launched (they start while the run narrates); a run that
    fails then (an unusable post, a full disk) still ends every worker it started."""
    import multiprocessing

    from post2pod.synth import WorkerPool

    with WorkerPool() as pool:
        pool.warm(2, False, "local", bundled_voice())
    assert multiprocessing.active_children() == []
    assert pool.started == 1


@pytest.mark.slow
def test_a_voice_loaded_here_in_the_background_serves_the_edits_of_a_run(tmp_path: Path):
    """Issue 25: a regenerate loads the voice while it narrates; the few changed sentences are read
    here, by that engine, for every podcast of the run, and no worker starts."""
    from post2pod.synth import WorkerPool

    voice = bundled_voice()
    with WorkerPool() as pool:
        pool.load_here(2, False, voice)
        for number, texts in enumerate((["An edited sentence.", "And another one."], ["A third."])):
            jobs = [SynthJob(text, voice, DETERMINISTIC) for text in texts]
            with Synthesizer(ClipCache(tmp_path / str(number), 10**9), workers=2, pool=pool) as synthesizer:
                clips = synthesizer.synthesise(jobs)
            assert len(clips) == len(texts) and synthesizer.synthesised == len(texts)
        assert (pool.started, pool.voice_loads) == (0, 1)


_READ_ONE_WORD = (
    "from post2pod.synth import PiperEngine, SynthSettings, bundled_voice\n"
    "PiperEngine().synthesize('Hello.', bundled_voice(), SynthSettings())\n"
)


def _telemetry_written(cache: Path, **env: str) -> bool:
    """Whether reading one word in a fresh interpreter, as a user's shell would start it (plus `env`),
    leaves onnxruntime's telemetry (device id, event database) in the cache folder `cache`."""
    command = [sys.executable, "-c", _READ_ONE_WORD]
    subprocess.run(command, env=user_environment(cache, **env), check=True, timeout=120)
    return (cache / "Microsoft").exists()


def test_synthesis_sends_no_telemetry_unless_the_user_asks(tmp_path: Path):
    """onnxruntime 1.29+ reports usage from Linux and macOS as well; post2pod opts out before it loads
    (a user who sets ORT_DISABLE_TELEMETRY=0 decides otherwise: the check that this one can tell)."""
    assert not _telemetry_written(tmp_path / "ours")
    if not _telemetry_written(tmp_path / "theirs", ORT_DISABLE_TELEMETRY="0"):
        pytest.skip("this onnxruntime keeps no telemetry: nothing to opt out of")
