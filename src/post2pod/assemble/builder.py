"""The episode builder: assembles one episode while its clips arrive (see the package docstring).

It owns one state machine (timeline -> parts -> encoder thread -> finish) whose steps share its
state: the parts of an episode, their encoding and the episode's gain.

`assemble` is the one entry point, for production (clips as they are synthesised) and tests alike.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from post2pod.assemble import limiter
from post2pod.assemble.companions import chapters_json, vtt_text
from post2pod.assemble.ffmpeg import os_error_message
from post2pod.assemble.loudness import SILENT, gain_for_target, integrated_from_blocks, pcm_target
from post2pod.assemble.mp3 import (
    DECODER_OFFSET_SAMPLES,
    OUTPUT_RATE,
    EncodedPart,
    EpisodeTags,
    count_frames,
    encode_part,
    small_cover,
    write_episode,
)
from post2pod.assemble.music import MUSIC_UNDER_SPEECH_DB, Music, add_music, load_music, music_identity
from post2pod.assemble.timeline import Part, Piece, pause_before, read_pcm
from post2pod.config import AudioSettings
from post2pod.errors import AssembleError
from post2pod.models import Chapter, Clip, Cue, EpisodeAudio, Script, Segment
from post2pod.workspace import is_temporary, replacing, scratch_folder, write_atomic

GAIN_SAMPLE_S = 60.0  # speech heard before the episode's gain is chosen
GAIN_SAMPLE_MAX_S = 120.0  # audio the gain is chosen from, when the first parts are longer
LOUDNESS_TOLERANCE = 0.5  # LU off target before every part is encoded again
MAX_CORRECTIONS = 2
PART_MIN_S = 40.0  # a long section is cut into parts of at least this much speech, at paragraph ends
STORE_FORMAT = "parts-2"  # in every stored part's address: bump when the way parts are encoded changes


@dataclass
class _Built:
    """A part of the episode on its way to MP3 frames."""

    part: Part
    key: str
    intro: bool
    outro: bool
    pcm: Path | None = None
    result: Future | tuple[EncodedPart, int] | None = None  # (encoded, samples the music shifted it)


class EpisodeBuilder:
    """Assembles one episode while its clips arrive: `add` each clip (any order), then `finish`.

    `store_dir` keeps this episode's encoded parts between runs (None: a scratch folder);
    `work_dir` holds the scratch folder. Use as a context manager: leaving it stops the encoder
    thread and removes the scratch folder.
    """

    def __init__(
        self,
        script: Script,
        keys: Sequence[str],
        mp3_path: Path,
        tags: EpisodeTags,
        audio: AudioSettings,
        *,
        store_dir: Path | None = None,
        work_dir: Path | None = None,
    ) -> None:
        if len(keys) != len(script.segments):
            raise ValueError("one clip key per segment is needed")
        self.script, self.keys, self.mp3_path, self.tags, self.audio = script, keys, mp3_path, tags, audio
        self._segments: list[tuple[int, int, Segment]] = [  # (section, position, segment)
            (number, position, segment)
            for number, section in enumerate(script.sections)
            for position, segment in enumerate(section.segments)
        ]
        self._clips: dict[str, Clip] = {}
        self._built: list[_Built] = []
        self._next = 0  # the next segment to place on the timeline
        self._prev: Segment | None = None  # the last segment heard
        self._pieces: list[Piece] = []  # the part being filled
        self._heard = 0  # samples of speech in it
        self._section = 0  # the section it belongs to
        self._titled: set[int] = set()  # sections whose chapter has begun
        self._rate = 0
        self._music: dict[tuple[str, bool, float], Music] = {}  # (path, intro, gain): shaped music
        self._tmp = scratch_folder(work_dir or Path(tempfile.gettempdir()))
        self._persistent = store_dir is not None
        self._store = store_dir or self._tmp / "parts"
        try:
            self._store.mkdir(parents=True, exist_ok=True)
            for stale in self._store.iterdir():
                if is_temporary(stale.name):
                    stale.unlink(missing_ok=True)
        except OSError as exc:
            shutil.rmtree(self._tmp, ignore_errors=True)
            raise AssembleError(os_error_message(exc, str(self._store))) from None
        self._gain: float | None = _stored_gain(self._store, audio.loudness_lufs)
        self._encoder = ThreadPoolExecutor(max_workers=1, thread_name_prefix="post2pod-encode")
        if tags.cover:  # made now, while the first clips arrive, not after the last one
            self._encoder.submit(_small_cover_ahead, tags.cover, self._cover_dir)

    @property
    def _cover_dir(self) -> Path:
        """Where the small copy of the cover embedded in the MP3 is kept."""
        return self._store.parent if self._persistent else self._tmp

    def __enter__(self) -> EpisodeBuilder:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop encoding and remove the scratch folder (stored parts stay)."""
        self._encoder.shutdown(wait=True, cancel_futures=True)
        shutil.rmtree(self._tmp, ignore_errors=True)

    # --- while clips arrive -----------------------------------------------------------------

    def add(self, key: str, clip: Clip) -> None:
        """A clip is ready: the timeline grows over every segment whose clip is ready, in order,
        and each part that is complete goes to the encoder."""
        self._clips[key] = clip
        while self._next < len(self._segments) and self.keys[self._next] in self._clips:
            self._place(self._next, self._clips[self.keys[self._next]])
            self._next += 1
            if self._next == len(self._segments):
                self._close_part(last=True)
            self._schedule()

    def _place(self, index: int, clip: Clip) -> None:
        """Put one segment (and the pause before it) on the timeline."""
        section, position, segment = self._segments[index]
        if position == 0:
            self._close_part()  # a section always starts a part (and a chapter)
        if clip.samples == 0:  # synthesised to silence: left out, pause and all
            return
        if self._rate and clip.sample_rate != self._rate:
            raise AssembleError("clips of one episode have different sample rates; use one voice per episode")
        self._rate = clip.sample_rate
        pause = pause_before(self._prev, segment, position == 0 and section > 0, self.audio)
        if not self._pieces:
            self._section = section
        if pause:
            self._pieces.append(Piece(None, pause))
        self._pieces.append(Piece(clip, segment=segment))
        self._prev = segment
        self._heard += clip.samples
        cut = segment.paragraph_end and self._heard >= PART_MIN_S * self._rate and _cut_after(clip.key)
        if cut and index + 1 < len(self._segments):  # the last part must keep the outro's place
            self._close_part()

    def _close_part(self, last: bool = False) -> None:
        """The part being filled is complete (a section ends, or a long one is cut at a paragraph)."""
        pieces, self._pieces, self._heard = self._pieces, [], 0
        if not any(piece.clip for piece in pieces):
            return
        section = self._section
        title = None
        if section not in self._titled:
            self._titled.add(section)
            title = self.script.sections[section].title or self.script.title
        intro = not self._built and bool(self.audio.intro_music)
        outro = last and bool(self.audio.outro_music)
        part = Part(len(self._built), title, tuple(pieces), self._rate)
        extras = [
            STORE_FORMAT,
            repr((self.audio.bitrate_kbps, self.audio.mp3_quality, OUTPUT_RATE, MUSIC_UNDER_SPEECH_DB)),
            limiter.IDENTITY,
            repr(self.audio.true_peak_db),
            music_identity(self.audio.intro_music, self.audio) if intro else "",
            music_identity(self.audio.outro_music, self.audio) if outro else "",
        ]
        self._built.append(_Built(part, part.key(*extras), intro, outro))

    def _schedule(self) -> None:
        """Encode what is built once the gain is known; choose it after about a minute of speech."""
        if self._gain is None:
            heard = sum(b.part.speech_samples for b in self._built) / max(self._rate, 1)
            if heard < GAIN_SAMPLE_S and self._next < len(self._segments):
                return
            if not self._built:
                return
            self._gain = self._gain_for(self._built)
        for built in self._built:
            if built.result is None:
                built.result = self._stored(built) or self._submit(built, self._gain)

    def _submit(self, built: _Built, gain: float) -> Future:
        self._write_pcm(built)
        return self._encoder.submit(self._encode, built, gain)

    def _write_pcm(self, built: _Built) -> Path:
        if built.pcm is None:
            path = self._tmp / f"part-{built.part.index}.pcm"
            try:
                built.part.write_pcm(path)
            except OSError as exc:
                raise AssembleError(os_error_message(exc, "the episode audio")) from None
            built.pcm = path
        return built.pcm

    def _gain_for(self, built: Sequence[_Built]) -> float:
        """The gain that brings these parts (at most their first GAIN_SAMPLE_MAX_S), limited, to the
        loudness target."""
        pieces, left = [], round(GAIN_SAMPLE_MAX_S * self._rate)
        try:
            for item in built:
                if left > 0:
                    pieces.append(read_pcm(self._write_pcm(item), count=left))
                    left -= pieces[-1].size
        except OSError as exc:
            raise AssembleError(os_error_message(exc, "the episode audio")) from None
        return gain_for_target(np.concatenate(pieces), self._rate, self.audio)

    def _encode(self, built: _Built, gain: float) -> tuple[EncodedPart, int]:
        """Runs on the encoder thread: music (first and last part), then gain, limiter and MP3."""
        assert built.pcm is not None
        final = self._store / f"{built.key}.mp3"
        try:
            source, shift = self._with_music(built, gain)
            final.with_suffix(".json").unlink(missing_ok=True)  # never an old record beside new audio
            with replacing(final, durable=False) as tmp:
                encoded = encode_part(source, self._rate, gain, self.audio, tmp)
                size = tmp.stat().st_size
            record = {
                "gain": gain,
                "target": self.audio.loudness_lufs,
                "shift": shift,
                "frames": encoded.frames,
                "bytes": size,
                "blocks": encoded.blocks,
            }
            write_atomic(final.with_suffix(".json"), json.dumps(record), durable=False)
        except OSError as exc:
            raise AssembleError(os_error_message(exc, "the episode audio")) from None
        return replace(encoded, path=final), shift

    def _with_music(self, built: _Built, gain: float) -> tuple[Path, int]:
        """The part's PCM, with intro or outro music if it is the first or last part; returns it
        and how many samples the music moved the speech later."""
        assert built.pcm is not None
        if not (built.intro or built.outro):
            return built.pcm, 0
        mixed = built.pcm.with_suffix(".music.pcm")
        intro = self._music_track(self.audio.intro_music, True, gain) if built.intro else None
        outro = self._music_track(self.audio.outro_music, False, gain) if built.outro else None
        shift, _samples = add_music(built.pcm, mixed, intro, outro, self.audio.music_crossfade_ms, self._rate)
        return mixed, shift

    def _music_track(self, path: str, intro: bool, gain: float) -> Music:
        """The music, shaped, at a level that the episode's gain brings a little under the voice."""
        if (path, intro, gain) not in self._music:
            level = self.audio.loudness_lufs - MUSIC_UNDER_SPEECH_DB - gain
            self._music[path, intro, gain] = load_music(path, intro, self._rate, level, self.audio, self._tmp)
        return self._music[path, intro, gain]

    def _stored(self, built: _Built) -> tuple[EncodedPart, int] | None:
        """This part as an earlier run encoded it with the same gain, if it is intact."""
        mp3 = self._store / f"{built.key}.mp3"
        try:
            record = json.loads(mp3.with_suffix(".json").read_text(encoding="utf-8"))
            if abs(record["gain"] - self._gain) > 1e-6 or mp3.stat().st_size != record["bytes"]:
                return None
            if count_frames(mp3) != record["frames"]:
                return None
            blocks = tuple(float(b) for b in record["blocks"])
            return EncodedPart(mp3, record["gain"], blocks, record["frames"]), int(record["shift"])
        except (OSError, ValueError, KeyError, TypeError, AssembleError):
            return None

    # --- once every clip is in ------------------------------------------------------------

    def finish(self) -> EpisodeAudio:
        """Wait for the encoder, check the loudness of the whole, write the MP3 and its companions.

        Every file is written under a temporary name and renamed into place.
        """
        if self._next < len(self._segments):
            raise AssembleError("assembly finished before every clip was synthesised")
        if not self._built:
            raise AssembleError("nothing to read aloud: every segment synthesised to silence")
        results = self._on_target(self._results())
        cues, chapters, total_ms = self._timeline(results)
        self.mp3_path.parent.mkdir(parents=True, exist_ok=True)
        chapters_path = self.mp3_path.with_name(self.mp3_path.stem + ".chapters.json")
        try:
            with replacing(self.mp3_path, durable=False) as tmp_mp3:
                write_episode(
                    [encoded for encoded, _ in results], tmp_mp3, self.tags, chapters, self._cover_dir
                )
                write_atomic(self.mp3_path.with_suffix(".vtt"), vtt_text(cues), durable=False)
                write_atomic(chapters_path, chapters_json(chapters), durable=False)
        except OSError as exc:
            raise AssembleError(os_error_message(exc, self.mp3_path.name)) from None
        self._forget_unused()
        return EpisodeAudio(
            mp3_path=self.mp3_path,
            bytes=self.mp3_path.stat().st_size,
            duration_ms=total_ms,
            chapters=tuple(chapters),
            cues=tuple(cues),
            transcript_path=self.mp3_path.with_suffix(".vtt"),
            chapters_path=chapters_path,
        )

    def _on_target(self, results: list[tuple[EncodedPart, int]]) -> list[tuple[EncodedPart, int]]:
        """Encode every part again, with a corrected gain, while the whole misses the target
        (secant steps on the measured whole, as `gain_for_target` takes on a sample)."""
        target = pcm_target(self.audio)
        assert self._gain is not None
        gains, levels = [self._gain], [_integrated(results)]
        for _ in range(MAX_CORRECTIONS):
            if levels[-1] <= SILENT or abs(target - levels[-1]) <= LOUDNESS_TOLERANCE:
                break
            slope = 1.25  # the limiter eats part of any gain
            if len(gains) > 1 and abs(levels[-1] - levels[-2]) > 1e-3:
                slope = min(max((gains[-1] - gains[-2]) / (levels[-1] - levels[-2]), 1.0), 4.0)
            self._gain = gains[-1] + (target - levels[-1]) * slope
            for built in self._built:
                built.result = self._submit(built, self._gain)
            results = self._results()
            gains.append(self._gain)
            levels.append(_integrated(results))
        return results

    def _results(self) -> list[tuple[EncodedPart, int]]:
        results = []
        for built in self._built:
            outcome = built.result
            if isinstance(outcome, Future):
                outcome = outcome.result()
                built.result = outcome
            assert outcome is not None
            results.append(outcome)
        return results

    def _timeline(self, results: list[tuple[EncodedPart, int]]) -> tuple[list[Cue], list[Chapter], int]:
        """Cues and chapters in the joined MP3: each part starts where the frames before it end."""
        cues: list[Cue] = []
        starts: list[tuple[str, int]] = []
        offset = 0  # samples at 44.1 kHz
        for built, (encoded, shift) in zip(self._built, results, strict=True):
            base_ms = (offset + DECODER_OFFSET_SAMPLES) * 1000 / OUTPUT_RATE

            def at(sample: int, base_ms: float = base_ms, shift: int = shift) -> int:
                return round(base_ms + (sample + shift) * 1000 / self._rate)

            spans = built.part.spans()
            cues += [Cue(at(span.start), at(span.end), span.text) for span in spans]
            if built.part.title is not None:
                starts.append((built.part.title, at(spans[0].start) if starts else 0))
            offset += encoded.samples
        total_ms = round(offset * 1000 / OUTPUT_RATE)
        ends = [start for _title, start in starts[1:]] + [total_ms]
        chapters = [Chapter(title, start, end) for (title, start), end in zip(starts, ends, strict=True)]
        return cues, chapters, total_ms

    def _forget_unused(self) -> None:
        """Drop stored parts this version of the episode no longer uses."""
        if not self._persistent:
            return
        used = {built.key for built in self._built}
        for path in self._store.iterdir():
            if path.suffix in (".mp3", ".json") and path.stem not in used:
                path.unlink(missing_ok=True)


def _small_cover_ahead(cover: Path, folder: Path) -> None:
    """Make the embedded cover early; a cover that cannot be read fails the episode when it is written."""
    with contextlib.suppress(AssembleError, OSError):
        small_cover(cover, folder)


def _cut_after(key: str) -> bool:
    """Whether a part may end after this clip (at a paragraph end, once long enough).

    Chosen by content, not by position, so that after an edit the cuts fall where they fell
    before and every part but the edited one is found in the store again.
    """
    return int(key[:8], 16) % 3 == 0


def _integrated(results: Sequence[tuple[EncodedPart, int]]) -> float:
    """The episode's loudness (LUFS) from every encoded part's momentary blocks."""
    return integrated_from_blocks([block for encoded, _shift in results for block in encoded.blocks])


def _stored_gain(store: Path, target: float) -> float | None:
    """The gain the episode's stored parts were encoded with for this target (the newest), if any."""
    records = sorted(store.glob("*.json"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
    for record in records:
        try:
            data = json.loads(record.read_text(encoding="utf-8"))
            if data["target"] == target:
                return float(data["gain"])
        except (OSError, ValueError, KeyError, TypeError):
            continue
    return None


def assemble(
    script: Script,
    clips: Mapping[str, Clip] | Iterable[tuple[str, Clip]],
    keys: Sequence[str],
    mp3_path: Path,
    tags: EpisodeTags,
    audio: AudioSettings,
    *,
    store_dir: Path | None = None,
    work_dir: Path | None = None,
) -> EpisodeAudio:
    """Stitch a post's clips into a finished MP3 with its transcript (.vtt) and chapters (.chapters.json).

    `keys[i]` is the clip key of the i-th segment of `script`; `clips` maps keys to clips, or yields
    (key, clip) pairs as they are synthesised (each part is encoded as soon as its clips are in).
    """
    pairs = ((key, clips[key]) for key in dict.fromkeys(keys)) if isinstance(clips, Mapping) else clips
    with EpisodeBuilder(
        script, keys, mp3_path, tags, audio, store_dir=store_dir, work_dir=work_dir
    ) as builder:
        for key, clip in pairs:
            builder.add(key, clip)
        return builder.finish()
