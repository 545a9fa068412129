"""`post2pod inspect`: the numbers a podcaster checks before publishing an episode."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol, cast

from post2pod.assemble import measure
from post2pod.config import Config
from post2pod.errors import UsageError
from post2pod.store import Store


class _StreamInfo(Protocol):
    """What is read of mutagen's `MPEGInfo`, which sets these attributes without declaring them."""

    length: float
    bitrate: int
    sample_rate: int
    channels: int
    bitrate_mode: int  # a mutagen.mp3.BitrateMode (an int)


def inspect_episode(config: Config, reference: str) -> str:
    """A short report on an MP3 file, or on the published episode of a post (URL, guid or slug)."""
    path = Path(reference)
    if not (path.suffix.lower() == ".mp3" and path.is_file()):
        store = Store(config.state)
        try:
            episode = store.find(reference)
        finally:
            store.close()
        if episode is None:
            raise UsageError(f"{reference!r} is neither an MP3 file nor a published post (URL, guid or slug)")
        path = config.out / episode.audio_file
    return describe_file(path)


def describe_file(path: Path) -> str:
    from mutagen import MutagenError
    from mutagen.id3 import ID3, ID3NoHeaderError
    from mutagen.mp3 import MP3, BitrateMode

    try:
        info = cast(_StreamInfo, MP3(path).info)  # mutagen types FileType.info as None; MP3 sets it
        try:
            tags = ID3(path)
        except ID3NoHeaderError:
            tags = None
    except (MutagenError, OSError) as exc:  # a truncated file raises mutagen's bare `error`
        why = str(exc) or "cut short or damaged"
        raise UsageError(f"{path} is not a readable MP3 file ({why})") from None
    loudness = measure(path)
    chapters = sorted(tags.getall("CHAP"), key=lambda c: c.start_time) if tags else []
    mode = {BitrateMode.CBR: "CBR", BitrateMode.VBR: "VBR", BitrateMode.ABR: "ABR"}.get(
        info.bitrate_mode, "CBR?"
    )
    lines = [
        f"file:       {path}",
        f"duration:   {_clock(info.length)} ({info.length:.1f} s)",
        f"loudness:   {loudness.integrated_lufs:.1f} LUFS integrated (dual-mono)",
        f"true peak:  {loudness.true_peak_db:.1f} dBTP",
        f"audio:      {info.bitrate // 1000} kbps {mode}, {info.sample_rate} Hz, {info.channels} channel(s)",
        f"tags:       ID3v2.{tags.version[1] if tags else '-'}; title {_text(tags, 'TIT2')!r}, "
        f"artist {_text(tags, 'TPE1')!r}, album {_text(tags, 'TALB')!r}, "
        f"cover {'yes' if tags and tags.getall('APIC') else 'no'}",
        f"chapters:   {len(chapters)}",
    ]
    for chapter in chapters:
        title = chapter.sub_frames.get("TIT2")
        lines.append(f"  {_clock(chapter.start_time / 1000)}  {title.text[0] if title else ''}")
    vtt = path.with_suffix(".vtt")
    cues = vtt.read_text(encoding="utf-8").count(" --> ") if vtt.is_file() else 0
    lines.append(f"transcript: {cues} cues" if vtt.is_file() else "transcript: none")
    return "\n".join(lines)


def _text(tags: object, frame: str) -> str:
    if tags is None:
        return ""
    found = tags.get(frame)  # type: ignore[attr-defined]
    return str(found.text[0]) if found else ""


def _clock(seconds: float) -> str:
    whole = int(seconds)
    return f"{whole // 3600:d}:{whole % 3600 // 60:02d}:{whole % 60:02d}"
