"""Intro and outro music through pydub: short clips in memory, crossfaded with the speech's ends.

Our ffmpeg (a system one, or imageio-ffmpeg's, which has no ffprobe) decodes any format to mono
16-bit PCM at the voice's rate, at most `music_max_s` of it. pydub then gets raw PCM, so it never
probes a file or runs a converter of its own, and does the work it is made for: level, cut, fade
and mix. Only the music and the speech's first and last `music_crossfade_ms` pass through it; the
speech in between streams from file to file, however long the episode.

pydub cuts at whole milliseconds. Every length handed to it here is a whole number of "steps" (at
22.05 kHz, 20 ms = 441 samples), so its slices, fades and overlays stay sample-exact and the cue
timings computed from the returned shift stay exact too.
"""

from __future__ import annotations

import hashlib
import warnings
from math import gcd
from pathlib import Path
from typing import BinaryIO, Protocol

from post2pod.assemble.ffmpeg import run_ffmpeg
from post2pod.assemble.loudness import SILENT, pcm_loudness
from post2pod.config import AudioSettings
from post2pod.errors import AssembleError
from post2pod.workspace import file_problem

with warnings.catch_warnings():
    # At import, pydub warns when no ffmpeg is on PATH (it never runs one here: see above), and the
    # standard library's audioop (Python 3.11, 3.12) warns that it is deprecated.
    warnings.simplefilter("ignore", RuntimeWarning)
    warnings.simplefilter("ignore", DeprecationWarning)
    from pydub import AudioSegment


class Music(Protocol):
    """What is used here of a pydub `AudioSegment` (pydub has no type hints): lengths in ms or samples."""

    frame_rate: int

    @property
    def raw_data(self) -> bytes: ...

    def __len__(self) -> int: ...

    def frame_count(self, ms: float | None = None) -> float: ...

    def get_sample_slice(self, start_sample: int | None = None, end_sample: int | None = None) -> Music: ...

    def apply_gain(self, volume_change: float) -> Music: ...

    def fade_in(self, duration: int) -> Music: ...

    def fade_out(self, duration: int) -> Music: ...

    def overlay(self, seg: Music) -> Music: ...


MUSIC_UNDER_SPEECH_DB = 4.0  # intro/outro music sits a little under the voice
MUSIC_FORMAT = "music-2"  # in the music's identity: bump when the way music is shaped changes
EDGE_FADE_MS = 60  # the music's own start and end: no click where a file starts or stops abruptly
CUT_FADE_MS = 3000  # music cut at music_max_s fades out over this
SAMPLE_BYTES = 2


def music_identity(path: str, audio: AudioSettings) -> str:
    """What the music adds to a part's content address: the file (by size and time) and its shaping."""
    if not path:
        return ""
    try:
        stat = Path(path).stat()
    except OSError:
        return f"missing:{path}"
    shaping = f"{audio.music_crossfade_ms}|{audio.music_max_s}|{MUSIC_FORMAT}"
    stamp = f"{Path(path).resolve()}|{stat.st_size}|{stat.st_mtime_ns}|{shaping}"
    return hashlib.sha256(stamp.encode()).hexdigest()[:16]


def load_music(
    path: str, intro: bool, sample_rate: int, level_lufs: float, audio: AudioSettings, folder: Path
) -> Music:
    """The intro (or outro) music at the voice's rate: levelled to `level_lufs`, cut to
    `music_max_s` with a fade-out, faded in and out where it meets the voice."""
    decoded = _decode(path, sample_rate, audio.music_max_s, folder)
    try:
        music = _segment(decoded.read_bytes(), sample_rate)
        if music.frame_count() == 0:
            raise AssembleError(f"music file {path} holds no audio; fix [audio] intro_music/outro_music")
        level = pcm_loudness(decoded, sample_rate)
    finally:
        decoded.unlink(missing_ok=True)
    if level > SILENT:
        music = music.apply_gain(level_lufs - level)
    kept = min(int(music.frame_count()), round(audio.music_max_s * sample_rate))
    cut = kept < music.frame_count()
    music = music.get_sample_slice(0, kept - kept % _step(sample_rate)[0])
    return _faded(music, intro, cut, audio.music_crossfade_ms)


def add_music(
    speech: Path, out: Path, intro: Music | None, outro: Music | None, crossfade_ms: int, sample_rate: int
) -> tuple[int, int]:
    """Write `speech` (16-bit mono PCM) with the intro before it and the outro after, each
    overlapping the speech by up to `crossfade_ms`. Only those overlaps go through pydub.

    Returns (samples the speech moved later by, total samples written).
    """
    samples = speech.stat().st_size // SAMPLE_BYTES
    fade = _frames(_whole_steps(crossfade_ms, sample_rate), sample_rate)
    head = _overlap(fade, intro, samples, sample_rate)
    tail = _overlap(fade, outro, samples, sample_rate)
    intro_frames = int(intro.frame_count()) if intro is not None else 0
    outro_frames = int(outro.frame_count()) if outro is not None else 0
    with speech.open("rb") as source, out.open("wb") as target:
        if intro is not None:
            target.write(intro.get_sample_slice(0, intro_frames - head).raw_data)
            speech_head = _segment(source.read(head * SAMPLE_BYTES), sample_rate)
            target.write(_mixed(intro.get_sample_slice(intro_frames - head, intro_frames), speech_head))
        _copy(source, target, samples - head - tail)
        if outro is not None:
            speech_tail = _segment(source.read(tail * SAMPLE_BYTES), sample_rate)
            target.write(_mixed(speech_tail, outro.get_sample_slice(0, tail)))
            target.write(outro.get_sample_slice(tail, outro_frames).raw_data)
    shift = intro_frames - head
    return shift, shift + samples + outro_frames - tail


def _decode(path: str, sample_rate: int, max_s: float, folder: Path) -> Path:
    """The first `max_s` seconds (and a little more, to tell a cut) of any audio file, as raw PCM."""
    problem = file_problem(Path(path))
    if problem:
        raise AssembleError(f"music file {path} {problem}; fix [audio] intro_music/outro_music or remove it")
    decoded = folder / f"music-{hashlib.sha256(path.encode()).hexdigest()[:8]}.pcm"
    args = ["-i", path, "-vn", "-ac", "1", "-ar", str(sample_rate), "-t", f"{max_s + 0.1:.3f}"]
    run_ffmpeg(
        [*args, "-f", "s16le", str(decoded)],
        Path(path).name,
        failure=lambda reason: (
            f"music file {path} cannot be decoded ({reason}); fix [audio] intro_music/outro_music"
        ),
    )
    return decoded


def _faded(music: Music, intro: bool, cut: bool, crossfade_ms: int) -> Music:
    """Fades: under the voice (the crossfade), where the music was cut, and a short one at its edges."""
    end = CUT_FADE_MS if cut else EDGE_FADE_MS
    fade_in, fade_out = (
        (EDGE_FADE_MS, max(crossfade_ms, end)) if intro else (max(crossfade_ms, EDGE_FADE_MS), end)
    )
    rate = music.frame_rate
    longest = _whole_steps(len(music) // 2, rate)
    fade_in, fade_out = (min(_whole_steps(ms, rate), longest) for ms in (fade_in, fade_out))
    if fade_in:
        music = music.fade_in(fade_in)
    if fade_out:
        music = music.fade_out(fade_out)
    return music


def _overlap(fade: int, music: Music | None, samples: int, sample_rate: int) -> int:
    """Samples of speech the music overlaps: the crossfade, unless the music or half the speech is shorter."""
    if music is None:
        return 0
    step = _step(sample_rate)[0]
    longest = min(int(music.frame_count()), samples // 2)
    return min(fade, longest - longest % step)


def _mixed(base: Music, over: Music) -> bytes:
    """Two stretches of the same length (whole steps), mixed."""
    mixed = base.overlay(over)
    assert mixed.frame_count() == base.frame_count() == over.frame_count()
    return mixed.raw_data


def _copy(source: BinaryIO, target: BinaryIO, samples: int) -> None:
    """Stream `samples` of PCM from one open file to another, a few MB at a time."""
    remaining = samples
    while remaining > 0:
        block = source.read(min(remaining, 1 << 20) * SAMPLE_BYTES)
        if not block:
            break
        target.write(block)
        remaining -= len(block) // SAMPLE_BYTES


def _segment(pcm: bytes, sample_rate: int) -> Music:
    return AudioSegment(data=pcm, sample_width=SAMPLE_BYTES, frame_rate=sample_rate, channels=1)


def _step(sample_rate: int) -> tuple[int, int]:
    """The shortest stretch that is both whole samples and whole milliseconds: (samples, ms)."""
    common = gcd(sample_rate, 1000)
    return sample_rate // common, 1000 // common


def _whole_steps(ms: int, sample_rate: int) -> int:
    """`ms` rounded down to whole steps."""
    step_ms = _step(sample_rate)[1]
    return ms - ms % step_ms


def _frames(ms: int, sample_rate: int) -> int:
    return ms * sample_rate // 1000
