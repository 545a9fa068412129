"""Intro and outro music through pydub, on real files that ffmpeg makes in each test: formats, level,
cut and fades measured on the result; the speech between the overlaps passes through untouched."""

from __future__ import annotations

import math
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from post2pod import assemble
from post2pod.assemble import music
from post2pod.config import AudioSettings
from post2pod.errors import AssembleError
from post2pod.models import Script, Section, Segment
from post2pod.synth import ClipCache, Synthesizer, SynthJob, SynthSettings, bundled_voice
from tones import tone

RATE = 22050


def _samples(segment: music.Music) -> np.ndarray:
    return np.frombuffer(segment.raw_data, dtype="<i2").astype(np.float64)


def _dbfs(samples: np.ndarray) -> float:
    return 20 * math.log10(max(float(np.sqrt(np.mean(samples**2))), 1e-9) / 32768)


def _window(samples: np.ndarray, start_s: float, length_s: float) -> np.ndarray:
    start = round(start_s * RATE) if start_s >= 0 else len(samples) + round(start_s * RATE)
    return samples[start : start + round(length_s * RATE)]


def _lufs(samples: np.ndarray, folder: Path) -> float:
    pcm = folder / "measured.pcm"
    pcm.write_bytes(samples.astype("<i2").tobytes())
    return assemble.pcm_loudness(pcm, RATE)


@pytest.mark.parametrize("name", ["intro.mp3", "intro.ogg", "intro.flac", "intro.m4a"])
def test_music_in_any_format_is_levelled_and_faded_under_the_voice(tmp_path: Path, name: str):
    audio = AudioSettings(music_crossfade_ms=1000)
    intro = music.load_music(str(tone(tmp_path / name, 8)), True, RATE, -24.0, audio, tmp_path)
    samples = _samples(intro)
    assert intro.frame_rate == RATE and intro.channels == 1
    assert abs(len(samples) / RATE - 8.0) <= 0.05  # the whole tone: shorter than music_max_s
    middle = _dbfs(_window(samples, 3, 2))
    assert _dbfs(_window(samples, 0, 0.02)) < middle - 6  # faded in
    assert _dbfs(_window(samples, -0.2, 0.2)) < middle - 12  # fading out under the first words
    assert abs(_lufs(_window(samples, 1, 6), tmp_path) - (-24.0)) <= 0.5


def test_a_long_song_is_cut_at_music_max_s_and_fades_out(tmp_path: Path):
    audio = AudioSettings(music_crossfade_ms=1500, music_max_s=10)
    song = tone(tmp_path / "song.mp3", 45)
    outro = music.load_music(str(song), False, RATE, -24.0, audio, tmp_path)
    samples = _samples(outro)
    assert abs(len(samples) / RATE - 10.0) <= 0.02
    middle = _dbfs(_window(samples, 4, 2))
    assert _dbfs(_window(samples, 0, 0.1)) < middle - 12  # the outro fades in under the last words
    assert _dbfs(_window(samples, 0.75, 0.02)) == pytest.approx(middle - 6, abs=1.5)  # halfway in
    assert _dbfs(_window(samples, -1.5, 0.02)) == pytest.approx(middle - 6, abs=1.5)  # halfway out of 3 s
    assert _dbfs(_window(samples, -0.1, 0.1)) < middle - 20
    assert not list(tmp_path.glob("*.pcm"))  # nothing decoded is left behind


def test_music_overlaps_only_the_ends_of_the_speech(tmp_path: Path):
    rng = np.random.default_rng(3)
    speech = (rng.standard_normal(5 * RATE + 7) * 3000).astype("<i2")  # not a whole number of ms
    pcm = tmp_path / "speech.pcm"
    pcm.write_bytes(speech.tobytes())
    audio = AudioSettings(music_crossfade_ms=1010)  # not whole 20 ms steps at 22.05 kHz
    intro = music.load_music(str(tone(tmp_path / "a.flac", 3)), True, RATE, -30.0, audio, tmp_path)
    outro = music.load_music(str(tone(tmp_path / "b.flac", 2)), False, RATE, -30.0, audio, tmp_path)
    out = tmp_path / "mixed.pcm"
    shift, total = music.add_music(pcm, out, intro, outro, audio.music_crossfade_ms, RATE)
    overlap = RATE  # 1010 ms rounded down to whole steps: 1000 ms
    assert shift == intro.frame_count() - overlap
    assert total == shift + len(speech) + outro.frame_count() - overlap
    mixed = np.frombuffer(out.read_bytes(), dtype="<i2")
    assert len(mixed) == total
    untouched = slice(shift + overlap, shift + len(speech) - overlap)
    assert np.array_equal(mixed[untouched], speech[overlap : len(speech) - overlap])
    assert not np.array_equal(mixed[shift : shift + overlap], speech[:overlap])  # the music under it


def test_an_episode_opening_on_a_long_song_is_cut_and_still_on_the_loudness_target(
    tmp_path: Path, fake_engine
):
    song = tone(tmp_path / "song.mp3", 60, 220)
    scored_audio = AudioSettings(intro_music=str(song), music_crossfade_ms=1500, music_max_s=8)
    texts = ("A post with a song before it. By Ann.", "The body of the post, read aloud.", "The end.")
    script = Script("Music", (Section(None, tuple(Segment(t, "body") for t in texts)),))
    jobs = [SynthJob(s.text, bundled_voice(), SynthSettings()) for s in script.segments]
    with Synthesizer(ClipCache(tmp_path / "cache", 10**9), engine=fake_engine) as synthesizer:
        clips = synthesizer.synthesise(jobs)
    keys = [job.key for job in jobs]
    tags = assemble.EpisodeTags("Music", "Ann", "My podcast", "2024-05-01")
    plain = assemble.assemble(script, clips, keys, tmp_path / "plain.mp3", tags, AudioSettings())
    scored = assemble.assemble(script, clips, keys, tmp_path / "scored.mp3", tags, scored_audio)
    assert abs(scored.duration_ms - (plain.duration_ms + 8000 - 1500)) <= 60
    assert abs(scored.cues[0].start_ms - 6500) <= 60
    whole = assemble.measure(scored.mp3_path)
    assert abs(whole.integrated_lufs - scored_audio.loudness_lufs) <= 1.0 and whole.true_peak_db <= -1.0
    song_alone = tmp_path / "song-alone.mp3"
    cut = ["-ss", "0.5", "-t", "5", "-i", str(scored.mp3_path), "-c", "copy", str(song_alone)]
    subprocess.run([assemble.ffmpeg_exe(), "-v", "error", *cut], check=True)
    under = scored_audio.loudness_lufs - music.MUSIC_UNDER_SPEECH_DB
    assert abs(assemble.measure(song_alone).integrated_lufs - under) <= 1.5


def test_a_missing_undecodable_or_empty_music_file_is_one_line(tmp_path: Path):
    with pytest.raises(AssembleError, match=r"none\.mp3 does not exist") as missing:
        music.load_music(str(tmp_path / "none.mp3"), True, RATE, -24.0, AudioSettings(), tmp_path)
    broken = tmp_path / "broken.mp3"
    broken.write_text("not audio at all\n" * 50)
    with pytest.raises(AssembleError, match="cannot be decoded") as undecodable:
        music.load_music(str(broken), True, RATE, -24.0, AudioSettings(), tmp_path)
    empty = tmp_path / "empty.wav"
    silence = ["-f", "lavfi", "-i", "anullsrc=r=44100:cl=mono", "-t", "0", str(empty)]
    subprocess.run([assemble.ffmpeg_exe(), "-v", "error", *silence], check=True)
    with pytest.raises(AssembleError, match="holds no audio") as no_audio:
        music.load_music(str(empty), False, RATE, -24.0, AudioSettings(), tmp_path)
    for error in (missing, undecodable, no_audio):
        assert "\n" not in str(error.value) and "intro_music" in str(error.value)


def test_pydub_prints_no_warning_even_without_ffmpeg_or_ffprobe_on_path(tmp_path: Path):
    song = tone(tmp_path / "intro.mp3", 3)
    code = (
        "from pathlib import Path\n"
        "from post2pod.assemble import music\n"
        "from post2pod.config import AudioSettings\n"
        f"music.load_music({str(song)!r}, True, 22050, -24.0, AudioSettings(), Path({str(tmp_path)!r}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-W", "error", "-c", code],
        capture_output=True,
        text=True,
        env={**os.environ, "PATH": ""},  # the bundled ffmpeg, no ffprobe anywhere
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_music_that_is_a_pipe_or_a_folder_is_named_as_such(tmp_path: Path):
    os.mkfifo(tmp_path / "song.mp3")
    with pytest.raises(AssembleError, match=r"song\.mp3 is a pipe or device, not a regular file"):
        music.load_music(str(tmp_path / "song.mp3"), True, RATE, -24.0, AudioSettings(), tmp_path)
    with pytest.raises(AssembleError, match="is a folder, not a file"):
        music.load_music(str(tmp_path), True, RATE, -24.0, AudioSettings(), tmp_path)
