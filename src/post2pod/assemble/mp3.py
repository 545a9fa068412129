"""MP3 encoding: each part of an episode is encoded on its own, in process (CBR, so the parts join
frame by frame); the episode is an ID3v2.3 tag (title, cover, chapters), a Xing "Info" frame, and
the parts' frames."""

from __future__ import annotations

import hashlib
import io
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import lameenc
import numpy as np
import soxr

from post2pod.assemble.limiter import ceiling, limit
from post2pod.assemble.loudness import momentary_loudness
from post2pod.assemble.timeline import read_pcm
from post2pod.config import MP3_BITRATES_KBPS, AudioSettings
from post2pod.errors import AssembleError
from post2pod.models import Chapter
from post2pod.workspace import replacing

OUTPUT_RATE = 44_100
SAMPLES_PER_FRAME = 1152  # MPEG-1 Layer III
# LAME's encoder delay (576) plus the decoder's (529): where a part's sound starts in its frames;
# without a LAME tag (which could describe only the first part) decoders keep these samples
DECODER_OFFSET_SAMPLES = 1105
COVER_SIZE = 600
CHUNK_S = 10  # seconds resampled and encoded at a time: a long part is never held whole at 44.1 kHz
BITRATES_KBPS = (0, *MP3_BITRATES_KBPS)  # by a frame header's index: 0 is free format


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
class EncodedPart:
    """A part encoded to bare MP3 frames, with the loudness its encoding measured."""

    path: Path
    gain_db: float
    blocks: tuple[float, ...]  # momentary loudness (LUFS) every 100 ms, after gain and limiter
    frames: int

    @property
    def samples(self) -> int:
        """Samples (at 44.1 kHz) a decoder produces from these frames."""
        return self.frames * SAMPLES_PER_FRAME


def encode_part(
    pcm_path: Path, sample_rate: int, gain_db: float, audio: AudioSettings, mp3_path: Path
) -> EncodedPart:
    """Gain, limit, resample and encode one part's PCM to bare CBR MP3 frames (no tags, no Xing
    header), measuring the limited audio's loudness blocks on the way. All in process: numpy for
    the limiter and the loudness, soxr to 44.1 kHz and LAME (lameenc) a few seconds at a time."""
    samples = read_pcm(pcm_path)
    samples *= np.float32(10 ** (gain_db / 20))
    limit(samples, ceiling(audio), sample_rate)
    blocks = momentary_loudness(samples, sample_rate)
    resampler = soxr.ResampleStream(sample_rate, OUTPUT_RATE, 1, dtype="float32", quality="HQ")
    encoder = _encoder(audio)
    step = CHUNK_S * sample_rate
    try:
        with mp3_path.open("wb") as out:
            for start in range(0, samples.size, step):
                chunk = resampler.resample_chunk(
                    samples[start : start + step], last=start + step >= samples.size
                )
                out.write(encoder.encode(_int16(chunk)))
            out.write(encoder.flush())
    except RuntimeError as exc:  # lameenc's own failures
        raise AssembleError(f"cannot encode {mp3_path.name}: {exc}") from None
    return EncodedPart(mp3_path, gain_db, tuple(blocks.tolist()), count_frames(mp3_path))


def _encoder(audio: AudioSettings) -> lameenc.Encoder:
    """LAME for mono 44.1 kHz CBR at the configured bitrate and quality."""
    encoder = lameenc.Encoder()
    encoder.set_channels(1)
    encoder.set_in_sample_rate(OUTPUT_RATE)
    encoder.set_out_sample_rate(OUTPUT_RATE)
    encoder.set_bit_rate(audio.bitrate_kbps)
    encoder.set_quality(audio.mp3_quality)
    return encoder


def _int16(samples: np.ndarray) -> bytes:
    """Float samples (full scale 1.0) as 16-bit PCM bytes."""
    return np.clip(np.rint(samples * 32768), -32768, 32767).astype("<i2").tobytes()


def count_frames(mp3_path: Path) -> int:
    """Number of MPEG-1 Layer III frames in a file of bare frames (as `encode_part` writes)."""
    data = mp3_path.read_bytes()
    frames = position = 0
    while position + 4 <= len(data):
        header = data[position : position + 4]
        if header[0] != 0xFF or header[1] & 0xFE != 0xFA:  # sync, MPEG-1, Layer III
            raise AssembleError(
                f"{mp3_path.name} is not the MP3 stream post2pod encoded; rerun to rebuild it"
            )
        index = header[2] >> 4
        bitrate = BITRATES_KBPS[index] * 1000 if index < len(BITRATES_KBPS) else 0
        padding = (header[2] >> 1) & 1
        if not bitrate or header[2] >> 2 & 3 != 0:  # free format, invalid, or not 44.1 kHz
            raise AssembleError(f"{mp3_path.name} has an unexpected MP3 format; rerun to rebuild it")
        position += 144 * bitrate // OUTPUT_RATE + padding
        frames += 1
    return frames


def write_episode(
    parts: Sequence[EncodedPart],
    mp3_path: Path,
    tags: EpisodeTags,
    chapters: Sequence[Chapter],
    cover_dir: Path,
) -> None:
    """Write the episode: an ID3v2.3 tag, an Info frame, then every part's frames in order."""
    tag = id3_tag(tags, chapters, small_cover(tags.cover, cover_dir) if tags.cover else None)
    with parts[0].path.open("rb") as first:
        header = first.read(4)
    stream_bytes = sum(part.path.stat().st_size for part in parts)
    info = info_frame(header, sum(part.frames for part in parts), stream_bytes)
    with mp3_path.open("wb") as out:
        out.write(tag)
        out.write(info)
        for part in parts:
            with part.path.open("rb") as source:
                shutil.copyfileobj(source, out)


def info_frame(first_header: bytes, frames: int, stream_bytes: int) -> bytes:
    """A Xing "Info" frame like the one LAME starts a CBR file with, but without LAME's tag: the frame
    and byte counts of the whole stream, so players know the exact length without scanning.
    Decoders that know the frame skip it; others play it as 26 ms of silence."""
    header = bytes([first_header[0], first_header[1], first_header[2] & ~0x02, first_header[3]])
    bitrate = BITRATES_KBPS[header[2] >> 4] * 1000
    size = 144 * bitrate // OUTPUT_RATE
    mono = header[3] >> 6 == 3
    side_info = 17 if mono else 32
    body = (
        b"Info"
        + (3).to_bytes(4, "big")
        + frames.to_bytes(4, "big")
        + (stream_bytes + size).to_bytes(4, "big")
    )
    frame = header + bytes(side_info) + body
    return frame + bytes(size - len(frame))


def id3_tag(tags: EpisodeTags, chapters: Sequence[Chapter], cover_jpeg: bytes | None) -> bytes:
    """An ID3v2.3 tag: title, artist, album, date, comment, genre, cover and chapters (CHAP/CTOC)."""
    from mutagen.id3 import APIC, CHAP, COMM, CTOC, ID3, TALB, TCON, TDRC, TIT2, TPE1, CTOCFlags

    tag = ID3()
    tag.add(TIT2(encoding=3, text=tags.title))
    if tags.artist:
        tag.add(TPE1(encoding=3, text=tags.artist))
    if tags.album:
        tag.add(TALB(encoding=3, text=tags.album))
    if tags.date:
        tag.add(TDRC(encoding=3, text=tags.date))
    if tags.comment:
        tag.add(COMM(encoding=3, lang="eng", desc="", text=tags.comment))
    tag.add(TCON(encoding=3, text="Podcast"))
    if cover_jpeg:
        tag.add(APIC(encoding=3, mime="image/jpeg", type=3, desc="Cover (front)", data=cover_jpeg))
    ids = [f"chp{number}" for number in range(len(chapters))]
    if chapters:
        tag.add(
            CTOC(
                element_id="toc",
                flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED,
                child_element_ids=ids,
                sub_frames=[TIT2(encoding=3, text="Chapters")],
            )
        )
    for element_id, chapter in zip(ids, chapters, strict=True):
        tag.add(
            CHAP(
                element_id=element_id,
                start_time=chapter.start_ms,
                end_time=chapter.end_ms,
                sub_frames=[TIT2(encoding=3, text=chapter.title)],
            )
        )
    buffer = io.BytesIO()
    tag.save(buffer, v2_version=3, v1=0, padding=lambda _info: 0)
    return buffer.getvalue()


def small_cover(cover: Path, folder: Path) -> bytes | None:
    """A 600 px JPEG of the cover for embedding (the feed's 3000 px PNG would bloat every MP3),
    kept in `folder` for the next episode."""
    from PIL import Image

    try:
        stat = cover.stat()
    except OSError:
        return None
    stamp = hashlib.sha256(f"{cover.resolve()}|{stat.st_size}|{stat.st_mtime_ns}".encode()).hexdigest()[:16]
    small = folder / f"cover-{COVER_SIZE}-{stamp}.jpg"
    if not small.is_file():
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob(f"cover-{COVER_SIZE}-*.jpg"):
            old.unlink(missing_ok=True)
        try:
            with Image.open(cover) as image:
                thumbnail = image.convert("RGB").resize(
                    (COVER_SIZE, COVER_SIZE), Image.Resampling.LANCZOS, reducing_gap=2.0
                )
        except OSError as exc:
            raise AssembleError(f"cannot embed the cover {cover.name}: {exc}") from None
        with replacing(small, durable=False) as tmp:
            thumbnail.save(tmp, "JPEG", quality=85)
    return small.read_bytes()
