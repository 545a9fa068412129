"""Assembly: pauses, stitching, loudness, MP3 encoding, ID3 tags, chapters and transcript.

Clips are stitched into one raw PCM file on disk (streamed, never the whole episode twice in
memory), its loudness is measured with a streaming BS.1770 meter, and a single ffmpeg pass applies
the gain, resamples to 44.1 kHz, limits peaks and encodes CBR MP3 with ID3v2.3 tags and chapters.
The encoded file is then measured and, if it missed the target, re-encoded once with a correction.
"""

from __future__ import annotations

import errno
import json
import os
import re
import shutil
import subprocess
import tempfile
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from post2pod.config import AudioSettings
from post2pod.errors import AssembleError
from post2pod.models import (
    KIND_ASIDE,
    KIND_HEADING,
    KIND_INTRO,
    KIND_LIST_ITEM,
    KIND_OUTRO,
    KIND_QUOTE,
    Chapter,
    Clip,
    Cue,
    EpisodeAudio,
    Script,
    Segment,
)

OUTPUT_RATE = 44_100
EBUR128 = "ebur128=dualmono=true:framelog=quiet"  # podcast loudness: a mono file measured as dual-mono
SILENT = -70.0
INTEGRATED = re.compile(r"I:\s+(-?[\d.]+|-inf) LUFS")  # in the Summary block ebur128 prints last
MUSIC_UNDER_SPEECH_DB = 4.0  # intro/outro music sits a little under the voice
LOUDNESS_TOLERANCE = 0.5  # re-encode once when the MP3 misses the target by more than this
LIMITER_HEADROOM_DB = 1.5  # resampling and LAME push true peaks above the limiter ceiling
GAIN_PRECISION = 0.15
INTERSAMPLE_MARGIN_DB = 0.5  # our check reads sample peaks; true peaks can sit a little higher
MAX_GAIN_STEPS = 4
VTT_LINE = 65
COVER_SIZE = 600


@dataclass(frozen=True)
class EpisodeTags:
    """ID3 tags for one episode."""

    title: str
    artist: str
    album: str
    date: str  # YYYY-MM-DD
    comment: str = ""
    cover: Path | None = None


@dataclass(frozen=True)
class Loudness:
    """Loudness of an audio file as podcast checks measure it."""

    integrated_lufs: float  # measured dual-mono
    true_peak_db: float
    duration_s: float


@dataclass(frozen=True)
class _Piece:
    """One stretch of the timeline: a clip or a silence."""

    clip: Clip | None
    silence_ms: int = 0
    segment: Segment | None = None
    section: int = 0


def ffmpeg_exe() -> str:
    """A system ffmpeg if on PATH, else the one bundled by imageio-ffmpeg."""
    found = shutil.which("ffmpeg")
    if found:
        return found
    try:
        import imageio_ffmpeg

        return imageio_ffmpeg.get_ffmpeg_exe()
    except (ImportError, RuntimeError):
        raise AssembleError("no ffmpeg found; install ffmpeg or `pip install imageio-ffmpeg`") from None


# --- timeline ---------------------------------------------------------------------------------


def pause_before(prev: Segment | None, segment: Segment, new_section: bool, audio: AudioSettings) -> int:
    """Silence (ms) between two consecutive segments, chosen by structure."""
    if prev is None:
        return 0
    if prev.kind == KIND_INTRO or segment.kind == KIND_OUTRO:
        return audio.intro_pause_ms
    if new_section:
        return audio.section_pause_ms
    if prev.kind == KIND_HEADING:
        return audio.heading_pause_ms
    entering_or_leaving = {prev.kind, segment.kind} & {KIND_ASIDE, KIND_QUOTE} and prev.kind != segment.kind
    if entering_or_leaving:
        return max(audio.aside_pause_ms, audio.paragraph_pause_ms if prev.paragraph_end else 0)
    if prev.kind == segment.kind == KIND_LIST_ITEM and prev.paragraph_end:
        return audio.list_item_pause_ms
    return audio.paragraph_pause_ms if prev.paragraph_end else audio.sentence_pause_ms


def plan(script: Script, clips: dict[str, Clip], keys: Sequence[str], audio: AudioSettings) -> list[_Piece]:
    """Order clips and pauses for a script; `keys[i]` is the clip key of the i-th segment."""
    pieces: list[_Piece] = []
    prev: Segment | None = None
    index = 0
    for section_no, section in enumerate(script.sections):
        for position, segment in enumerate(section.segments):
            clip = clips[keys[index]]
            index += 1
            if clip.samples == 0:
                continue
            pause = pause_before(prev, segment, position == 0 and section_no > 0, audio)
            if pause:
                pieces.append(_Piece(None, pause, section=section_no))
            pieces.append(_Piece(clip, segment=segment, section=section_no))
            prev = segment
    if not pieces:
        raise AssembleError("nothing to read aloud: every segment synthesised to silence")
    return pieces


def stitch(
    pieces: Sequence[_Piece], script: Script, pcm_path: Path, sample_rate: int
) -> tuple[list[Cue], list[Chapter], int]:
    """Write the episode's PCM to `pcm_path`; returns cues, chapters and the total sample count."""
    cues: list[Cue] = []
    starts: dict[int, int] = {}
    position = 0
    with pcm_path.open("wb") as out:
        for piece in pieces:
            if piece.clip is None:
                samples = round(piece.silence_ms * sample_rate / 1000)
                out.write(bytes(samples * 2))
                position += samples
                continue
            if piece.clip.sample_rate != sample_rate:
                raise AssembleError(
                    "clips of one episode have different sample rates; use one voice per episode"
                )
            starts.setdefault(piece.section, position)
            with piece.clip.path.open("rb") as clip_file:
                shutil.copyfileobj(clip_file, out)
            assert piece.segment is not None
            end = position + piece.clip.samples
            cues.append(Cue(_ms(position, sample_rate), _ms(end, sample_rate), piece.segment.text))
            position = end
    total_ms = _ms(position, sample_rate)
    chapters = _chapters(script, starts, sample_rate, total_ms)
    return cues, chapters, position


def _chapters(script: Script, starts: dict[int, int], sample_rate: int, total_ms: int) -> list[Chapter]:
    """One chapter per section that has audio; the intro is titled by the post title."""
    sections = sorted(starts)
    begins = [(no, _ms(starts[no], sample_rate) if i else 0) for i, no in enumerate(sections)]
    chapters = []
    for i, (section_no, start) in enumerate(begins):
        end = begins[i + 1][1] if i + 1 < len(begins) else total_ms
        title = script.sections[section_no].title or script.title
        chapters.append(Chapter(title, start, end))
    return chapters


def _ms(samples: int, sample_rate: int) -> int:
    return round(samples * 1000 / sample_rate)


# --- loudness ---------------------------------------------------------------------------------


def _pcm_input(pcm_path: Path, sample_rate: int) -> list[str]:
    """ffmpeg arguments reading a raw 16-bit mono PCM file."""
    return ["-f", "s16le", "-ar", str(sample_rate), "-ac", "1", "-i", str(pcm_path)]


def pcm_loudness(pcm_path: Path, sample_rate: int) -> float:
    """Integrated loudness (LUFS, measured dual-mono) of 16-bit mono PCM, via ffmpeg's ebur128."""
    return _ebur128(
        [
            *_pcm_input(pcm_path, sample_rate),
            "-af",
            EBUR128,
            "-f",
            "null",
            "-",
        ],
        pcm_path.name,
    )


def _ebur128(args: list[str], target: str) -> float:
    """Run ffmpeg with an ebur128 filter in its chain; returns the integrated loudness it printed."""
    command = [ffmpeg_exe(), "-hide_banner", "-nostats", "-nostdin", "-y", *args]
    result = subprocess.run(command, capture_output=True, text=True, errors="replace")
    _raise_for(result, target)
    found = INTEGRATED.search(result.stderr.rpartition("Summary:")[2])
    if not found:
        raise AssembleError(f"ffmpeg did not report the loudness of {target}")
    return max(_number(found.group(1)), SILENT)


def measure(path: Path, true_peak: bool = True) -> Loudness:
    """Loudness (dual-mono) and peak of an audio file with ffmpeg's ebur128, as podcasters check.

    `true_peak=False` reports the sample peak instead: about twice as fast, for our own checks.
    """
    kind = "true" if true_peak else "sample"
    command = [
        ffmpeg_exe(),
        "-hide_banner",
        "-nostats",
        "-i",
        str(path),
        "-af",
        f"ebur128=peak={kind}:dualmono=true:framelog=quiet",
        "-f",
        "null",
        "-",
    ]
    result = subprocess.run(command, capture_output=True, text=True, errors="replace")
    summary = result.stderr.rpartition("Summary:")[2]
    integrated = INTEGRATED.search(summary)
    peak = re.search(rf"{kind.capitalize()} peak:\s+Peak:\s+(-?[\d.]+|-inf) dBFS", summary)
    duration = re.findall(r"Duration: (\d+):(\d+):([\d.]+)", result.stderr)
    if result.returncode != 0 or not integrated or not peak:
        raise AssembleError(f"cannot measure loudness of {path}: ffmpeg failed; is it a valid audio file?")
    return Loudness(_number(integrated.group(1)), _number(peak.group(1)), _duration(duration))


def _number(text: str) -> float:
    return float("-inf") if text == "-inf" else float(text)


def _duration(matches: list[tuple[str, str, str]]) -> float:
    for hours, minutes, seconds in matches:
        return int(hours) * 3600 + int(minutes) * 60 + float(seconds)
    return 0.0


# --- encoding ---------------------------------------------------------------------------------


def _metadata_file(tags: EpisodeTags, chapters: Sequence[Chapter], path: Path) -> None:
    lines = [";FFMETADATA1"]
    for key, value in (
        ("title", tags.title),
        ("artist", tags.artist),
        ("album", tags.album),
        ("date", tags.date),
        ("comment", tags.comment),
        ("genre", "Podcast"),
    ):
        if value:
            lines.append(f"{key}={_meta_escape(value)}")
    for chapter in chapters:
        lines += [
            "[CHAPTER]",
            "TIMEBASE=1/1000",
            f"START={chapter.start_ms}",
            f"END={chapter.end_ms}",
            f"title={_meta_escape(chapter.title)}",
        ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _meta_escape(value: str) -> str:
    value = re.sub(r"[\x00-\x1f\x7f]", " ", value)
    return re.sub(r"([=;#\\])", r"\\\1", value)


def limit(pcm_path: Path, sample_rate: int, out_path: Path, gain_db: float, audio: AudioSettings) -> float:
    """Apply gain and a peak limiter, writing PCM; returns the result's loudness (LUFS, dual-mono)."""
    ceiling = 10 ** ((audio.true_peak_db - LIMITER_HEADROOM_DB) / 20)
    chain = f"volume={gain_db:.3f}dB,alimiter=limit={ceiling:.4f}:level=0:attack=5:release=80,{EBUR128}"
    return _ebur128(
        [
            *_pcm_input(pcm_path, sample_rate),
            "-af",
            chain,
            "-f",
            "s16le",
            str(out_path),
        ],
        out_path.name,
    )


def normalise(pcm_path: Path, sample_rate: int, out_path: Path, audio: AudioSettings) -> float:
    """Gain + limiter so `out_path` lands on the loudness target; returns the gain used (dB).

    The limiter eats part of any gain (Piper's speech has a high crest factor), so the gain is
    found by a few secant steps on the measured, limited result instead of one linear guess;
    each step is one cheap ffmpeg pass at the voice's sample rate that limits and measures.
    """
    target = audio.loudness_lufs
    raw = pcm_loudness(pcm_path, sample_rate)
    if raw <= SILENT:
        limit(pcm_path, sample_rate, out_path, 0.0, audio)
        return 0.0
    gains = [target - raw]
    levels = [limit(pcm_path, sample_rate, out_path, gains[0], audio)]
    for _ in range(MAX_GAIN_STEPS):
        if abs(target - levels[-1]) <= GAIN_PRECISION:
            break
        if len(gains) > 1 and abs(levels[-1] - levels[-2]) > 1e-3:
            slope = (gains[-1] - gains[-2]) / (levels[-1] - levels[-2])
            step = (target - levels[-1]) * min(max(slope, 1.0), 4.0)
        else:
            step = (target - levels[-1]) * 1.6
        gains.append(gains[-1] + step)
        levels.append(limit(pcm_path, sample_rate, out_path, gains[-1], audio))
    return gains[-1]


def encode(
    pcm_path: Path,
    sample_rate: int,
    mp3_path: Path,
    tags: EpisodeTags,
    chapters: Sequence[Chapter],
    audio: AudioSettings,
    trim_db: float = 0.0,
) -> None:
    """Resample to 44.1 kHz mono and encode CBR MP3 with ID3v2.3 tags, cover art and chapters."""
    metadata = pcm_path.with_suffix(".ffmeta")
    _metadata_file(tags, chapters, metadata)
    inputs = [*_pcm_input(pcm_path, sample_rate), "-i", str(metadata)]
    maps = ["-map", "0:a", "-map_metadata", "1", "-map_chapters", "1"]
    if tags.cover and tags.cover.is_file():
        inputs += ["-i", str(small_cover(tags.cover, pcm_path.parent))]
        maps += [
            "-map",
            "2:v",
            "-c:v",
            "copy",
            "-disposition:v",
            "attached_pic",
            "-metadata:s:v",
            "title=Album cover",
            "-metadata:s:v",
            "comment=Cover (front)",
        ]
    args = inputs + maps
    args += [
        "-af",
        f"volume={trim_db:.3f}dB,aresample={OUTPUT_RATE}",
        "-ar",
        str(OUTPUT_RATE),
        "-ac",
        "1",
        "-c:a",
        "libmp3lame",
        "-b:a",
        f"{audio.bitrate_kbps}k",
        "-compression_level",
        str(audio.mp3_quality),
        "-id3v2_version",
        "3",
        "-write_id3v1",
        "0",
        "-f",
        "mp3",
        str(mp3_path),
    ]
    try:
        _run_ffmpeg(args, mp3_path.name)
    finally:
        metadata.unlink(missing_ok=True)


def small_cover(cover: Path, folder: Path) -> Path:
    """A 600 px JPEG copy of the cover for embedding (the feed's 3000 px PNG would bloat every MP3)."""
    small = folder / f"cover-{COVER_SIZE}.jpg"
    if not small.is_file():
        _run_ffmpeg(
            ["-i", str(cover), "-vf", f"scale={COVER_SIZE}:{COVER_SIZE}", "-q:v", "3", str(small)], small.name
        )
    return small


def _run_ffmpeg(args: list[str], target: str) -> None:
    command = [ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-nostdin", "-y", *args]
    _raise_for(subprocess.run(command, capture_output=True, text=True, errors="replace"), target)


def _raise_for(result: subprocess.CompletedProcess, target: str) -> None:
    """A failed ffmpeg run as a one-line AssembleError."""
    if result.returncode != 0:
        if "No space left" in result.stderr:
            raise AssembleError(f"disk full while writing {target}; free some space and rerun")
        tail = result.stderr.strip().splitlines()[-1:] or ["unknown error"]
        raise AssembleError(f"ffmpeg failed on {target}: {tail[0]}")


# --- transcript and chapters files ------------------------------------------------------------


def vtt_text(cues: Sequence[Cue]) -> str:
    """WebVTT with one cue per spoken segment, lines wrapped at about 65 characters."""
    out = ["WEBVTT", ""]
    for number, cue in enumerate(cues, 1):
        text = cue.text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        lines = textwrap.wrap(text, VTT_LINE, break_long_words=False, break_on_hyphens=False) or [text]
        out += [str(number), f"{_vtt_time(cue.start_ms)} --> {_vtt_time(cue.end_ms)}", *lines, ""]
    return "\n".join(out)


def _vtt_time(ms: int) -> str:
    hours, rest = divmod(ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}.{millis:03d}"


def chapters_json(chapters: Sequence[Chapter]) -> str:
    """Podcasting 2.0 chapters (version 1.2.0), ascending startTime."""
    items = [
        {"startTime": round(c.start_ms / 1000, 3), "endTime": round(c.end_ms / 1000, 3), "title": c.title}
        for c in sorted(chapters, key=lambda c: c.start_ms)
    ]
    return json.dumps({"version": "1.2.0", "chapters": items}, ensure_ascii=False, indent=2) + "\n"


def _write_text_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def _os_error_message(exc: OSError, name: str) -> str:
    if exc.errno == errno.ENOSPC:
        return f"disk full while writing {name}; free some space and rerun"
    return f"cannot write {name}: {exc.strerror or exc}"


# --- the stage --------------------------------------------------------------------------------


def assemble(
    script: Script,
    clips: dict[str, Clip],
    keys: Sequence[str],
    mp3_path: Path,
    tags: EpisodeTags,
    audio: AudioSettings,
    work_dir: Path | None = None,
) -> EpisodeAudio:
    """Stitch a post's clips into a finished MP3 with its transcript (.vtt) and chapters (.chapters.json).

    Every file is written under a temporary name and renamed into place.
    """
    pieces = plan(script, clips, keys, audio)
    sample_rate = next(p.clip.sample_rate for p in pieces if p.clip is not None)
    mp3_path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="post2pod-", dir=work_dir) as tmp:
        pcm = Path(tmp) / "episode.pcm"
        try:
            cues, chapters, samples = stitch(pieces, script, pcm, sample_rate)
        except OSError as exc:
            raise AssembleError(_os_error_message(exc, "the episode audio")) from None
        if audio.intro_music or audio.outro_music:
            pcm, cues, chapters, samples = _with_music(pcm, sample_rate, cues, chapters, samples, audio)
        limited = Path(tmp) / "limited.pcm"
        normalise(pcm, sample_rate, limited, audio)
        pcm.unlink()
        tmp_mp3 = mp3_path.with_name(f".{mp3_path.name}.tmp")
        chapters_path = mp3_path.with_name(mp3_path.stem + ".chapters.json")
        try:
            encode(limited, sample_rate, tmp_mp3, tags, chapters, audio)
            _check_encoded(limited, sample_rate, tmp_mp3, tags, chapters, audio)
            _write_text_atomic(mp3_path.with_suffix(".vtt"), vtt_text(cues))
            _write_text_atomic(chapters_path, chapters_json(chapters))
            os.replace(tmp_mp3, mp3_path)
        except OSError as exc:
            raise AssembleError(_os_error_message(exc, mp3_path.name)) from None
        finally:
            tmp_mp3.unlink(missing_ok=True)
    return EpisodeAudio(
        mp3_path=mp3_path,
        bytes=mp3_path.stat().st_size,
        duration_ms=_ms(samples, sample_rate),
        chapters=tuple(chapters),
        cues=tuple(cues),
        transcript_path=mp3_path.with_suffix(".vtt"),
        chapters_path=chapters_path,
    )


def _with_music(
    speech: Path,
    sample_rate: int,
    cues: list[Cue],
    chapters: list[Chapter],
    samples: int,
    audio: AudioSettings,
) -> tuple[Path, list[Cue], list[Chapter], int]:
    """Put intro/outro music around the speech with a short crossfade; timings shift accordingly."""
    out = speech.with_name("with-music.pcm")
    fade = round(audio.music_crossfade_ms * sample_rate / 1000)
    speech_level = pcm_loudness(speech, sample_rate)
    intro = _music(audio.intro_music, sample_rate, speech_level, speech.parent)
    outro = _music(audio.outro_music, sample_rate, speech_level, speech.parent)
    head_fade = min(fade, len(intro), samples // 2)
    tail_fade = min(fade, len(outro), samples // 2)
    with speech.open("rb") as source, out.open("wb") as target:
        speech_head = _pcm_array(source.read(head_fade * 2))
        target.write(_pcm_bytes(intro[: len(intro) - head_fade]))
        target.write(
            _pcm_bytes(_crossfade(intro[len(intro) - head_fade :], speech_head, fade_out_first=True))
        )
        remaining = samples - head_fade - tail_fade
        while remaining > 0:
            block = source.read(min(remaining, 1 << 20) * 2)
            target.write(block)
            remaining -= len(block) // 2
        speech_tail = _pcm_array(source.read(tail_fade * 2))
        target.write(_pcm_bytes(_crossfade(speech_tail, outro[:tail_fade], fade_out_first=False)))
        target.write(_pcm_bytes(outro[tail_fade:]))
    speech.unlink()
    shift = _ms(len(intro) - head_fade, sample_rate)
    total = samples + len(intro) - head_fade + len(outro) - tail_fade
    total_ms = _ms(total, sample_rate)
    cues = [Cue(c.start_ms + shift, c.end_ms + shift, c.text) for c in cues]
    chapters = [
        Chapter(
            c.title,
            0 if i == 0 else c.start_ms + shift,
            total_ms if i == len(chapters) - 1 else c.end_ms + shift,
        )
        for i, c in enumerate(chapters)
    ]
    return out, cues, chapters, total


def _music(path: str, sample_rate: int, speech_level: float, folder: Path) -> np.ndarray:
    """Decode a music file to mono PCM at the voice's rate, levelled a little under the speech."""
    if not path:
        return np.zeros(0, dtype=np.int16)
    if not Path(path).is_file():
        raise AssembleError(f"music file {path} not found; fix [audio] intro_music/outro_music or remove it")
    decoded = folder / "music.pcm"
    _run_ffmpeg(
        ["-i", path, "-vn", "-ac", "1", "-ar", str(sample_rate), "-f", "s16le", str(decoded)], Path(path).name
    )
    level = pcm_loudness(decoded, sample_rate)
    gain = 10 ** ((speech_level - MUSIC_UNDER_SPEECH_DB - level) / 20) if level > SILENT else 1.0
    music = _pcm_array(decoded.read_bytes()) * gain
    decoded.unlink()
    return music


def _crossfade(first: np.ndarray, second: np.ndarray, fade_out_first: bool) -> np.ndarray:
    """Mix two equally long stretches, fading the music one (first or second) in or out."""
    length = min(len(first), len(second))
    ramp = np.linspace(1.0, 0.0, length) if fade_out_first else np.linspace(0.0, 1.0, length)
    if fade_out_first:
        return first[:length] * ramp + second[:length]
    return first[:length] + second[:length] * ramp


def _pcm_array(data: bytes) -> np.ndarray:
    return np.frombuffer(data, dtype="<i2").astype(np.float64)


def _pcm_bytes(audio: np.ndarray) -> bytes:
    return np.clip(np.round(audio), -32768, 32767).astype("<i2").tobytes()


def _check_encoded(
    pcm: Path,
    sample_rate: int,
    mp3: Path,
    tags: EpisodeTags,
    chapters: Sequence[Chapter],
    audio: AudioSettings,
) -> None:
    """Measure the encoded file; re-encode once with a small trim if it missed the target."""
    result = measure(mp3, true_peak=False)
    error = audio.loudness_lufs - result.integrated_lufs
    peak_excess = result.true_peak_db + INTERSAMPLE_MARGIN_DB - audio.true_peak_db
    if abs(error) <= LOUDNESS_TOLERANCE and peak_excess <= 0:
        return
    trim = min(error, -peak_excess) if peak_excess > 0 else error
    encode(pcm, sample_rate, mp3, tags, chapters, audio, trim_db=trim)
