"""Assembly with real ffmpeg on fake clips: loudness, MP3 format, tags, chapters, transcript, pauses."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
import webvtt
from mutagen.id3 import ID3
from mutagen.mp3 import MP3, BitrateMode

from fakes import FakeEngine
from post2pod import assemble
from post2pod.assemble import builder, loudness, mp3, timeline
from post2pod.config import AudioSettings
from post2pod.models import EpisodeAudio, Script, Section, Segment
from post2pod.synth import ClipCache, Synthesizer, SynthJob, SynthSettings, bundled_voice
from tones import tone

AUDIO = AudioSettings()


def _script() -> Script:
    return Script(
        "A test post",
        (
            Section(
                None,
                (
                    Segment("A test post. By Ann, published May 1, 2024.", "intro"),
                    Segment("The first sentence of the body.", "body", False),
                    Segment("The second one, a little longer than the first.", "body"),
                    Segment("A footnote: an aside.", "aside"),
                ),
            ),
            Section(
                "Second part",
                (
                    Segment("Second part.", "heading"),
                    Segment("Text under the heading, spoken after a pause.", "body"),
                ),
            ),
        ),
    )


@pytest.fixture(scope="module")
def episode(tmp_path_factory: pytest.TempPathFactory) -> tuple[Script, EpisodeAudio]:
    """One episode assembled for the module; its tests only read it."""
    tmp_path = tmp_path_factory.mktemp("episode")
    script = _script()
    voice = bundled_voice()
    jobs = [SynthJob(s.text, voice, SynthSettings()) for s in script.segments]
    with Synthesizer(ClipCache(tmp_path / "cache", 10**9), engine=FakeEngine()) as synthesizer:
        clips = synthesizer.synthesise(jobs)
    tags = assemble.EpisodeTags("A test post", "Ann", "My podcast", "2024-05-01", "https://blog.example/post")
    audio = assemble.assemble(
        script, clips, [j.key for j in jobs], tmp_path / "out" / "post-v1.mp3", tags, AUDIO
    )
    return script, audio


def test_episode_meets_loudness_and_format(episode):
    _script, audio = episode
    loudness = assemble.measure(audio.mp3_path)
    assert abs(loudness.integrated_lufs - AUDIO.loudness_lufs) <= 1.0
    assert loudness.true_peak_db <= -1.0
    info = MP3(audio.mp3_path).info
    assert info.sample_rate == 44100
    assert info.channels == 1
    assert info.bitrate_mode in (BitrateMode.CBR, BitrateMode.UNKNOWN)
    assert info.bitrate == 64000
    assert abs(info.length * 1000 - audio.duration_ms) / audio.duration_ms < 0.02
    assert audio.bytes == audio.mp3_path.stat().st_size


def test_tags_and_chapters_in_time_order(episode):
    _script, audio = episode
    tags = ID3(audio.mp3_path)
    assert tags.version[:2] == (2, 3)
    assert str(tags["TIT2"]) == "A test post"
    assert str(tags["TPE1"]) == "Ann"
    assert str(tags["TALB"]) == "My podcast"
    chapters = sorted(tags.getall("CHAP"), key=lambda c: c.start_time)
    assert [c.sub_frames["TIT2"].text[0] for c in chapters] == ["A test post", "Second part"]
    assert chapters[0].start_time == 0 < chapters[1].start_time
    assert len(tags.getall("CTOC")) == 1
    data = json.loads(audio.chapters_path.read_text())
    assert data["version"] == "1.2.0"
    starts = [c["startTime"] for c in data["chapters"]]
    assert starts == sorted(starts) and starts[0] == 0


def test_transcript_cues_follow_the_audio(episode):
    script, audio = episode
    cues = list(webvtt.read(str(audio.transcript_path)))
    assert [" ".join(c.text.split()) for c in cues] == [s.text for s in script.segments]
    assert all(len(line) <= 65 for c in cues for line in c.text.splitlines())
    starts = [_ms(c.start) for c in cues]
    assert starts == sorted(starts)
    assert _ms(cues[-1].end) >= audio.duration_ms - 100
    # where the audio really starts speaking again after each pause
    onsets = _silences(audio.mp3_path, "0.3")[1]
    for onset in onsets:
        assert min(abs(onset - start) for start in starts) <= 100, (onset, starts)
    assert len(onsets) >= len(cues) - 1


def _ms(stamp: str) -> int:
    hours, minutes, seconds = stamp.split(":")
    return round((int(hours) * 3600 + int(minutes) * 60 + float(seconds)) * 1000)


def _silences(mp3: Path, min_seconds: str) -> tuple[list[float], list[float]]:
    """Silence durations (ms) and the times (ms) where sound resumes, from ffmpeg silencedetect."""
    result = subprocess.run(
        [
            assemble.ffmpeg_exe(),
            "-hide_banner",
            "-nostats",
            "-i",
            str(mp3),
            "-af",
            f"silencedetect=noise=-45dB:d={min_seconds}",
            "-f",
            "null",
            "-",
        ],
        capture_output=True,
        text=True,
    )
    durations = [float(d) * 1000 for d in re.findall(r"silence_duration: ([\d.]+)", result.stderr)]
    ends = [float(e) * 1000 for e in re.findall(r"silence_end: ([\d.]+)", result.stderr)]
    return durations, ends


def test_section_pause_is_the_configured_silence(episode):
    _script, audio = episode
    durations, _ends = _silences(audio.mp3_path, "1.2")
    assert any(abs(d - AUDIO.section_pause_ms) <= 100 for d in durations), durations


def test_pauses_follow_structure():
    heading = Segment("Title.", "heading")
    body = Segment("Text.", "body", False)
    end = Segment("Text.", "body", True)
    aside = Segment("A footnote: x.", "aside")
    assert assemble.pause_before(None, body, False, AUDIO) == 0
    assert assemble.pause_before(heading, body, False, AUDIO) == AUDIO.heading_pause_ms
    assert assemble.pause_before(body, body, False, AUDIO) == AUDIO.sentence_pause_ms
    assert assemble.pause_before(end, body, False, AUDIO) == AUDIO.paragraph_pause_ms
    assert assemble.pause_before(end, heading, True, AUDIO) == AUDIO.section_pause_ms
    assert assemble.pause_before(body, aside, False, AUDIO) == AUDIO.aside_pause_ms
    inside = assemble.pause_before(aside, aside, False, AUDIO)
    assert assemble.pause_before(aside, body, False, AUDIO) > max(inside, AUDIO.paragraph_pause_ms)
    item = Segment("An item.", "list_item")
    assert assemble.pause_before(item, item, False, AUDIO) == AUDIO.list_item_pause_ms


def test_vtt_escapes_markup():
    text = assemble.vtt_text([assemble.Cue(0, 1000, "a <b> & --> c")])
    assert "<b>" not in text and "-->" not in text.split("\n", 4)[-1]


def test_intro_and_outro_music_crossfade_and_shift_the_timings(tmp_path: Path, fake_engine):
    tone(tmp_path / "intro.mp3", 4, 440, channels=1)
    tone(tmp_path / "outro.mp3", 4, 660, channels=1)
    music = AudioSettings(
        intro_music=str(tmp_path / "intro.mp3"),
        outro_music=str(tmp_path / "outro.mp3"),
        music_crossfade_ms=1000,
    )
    script = _script()
    jobs = [SynthJob(s.text, bundled_voice(), SynthSettings()) for s in script.segments]
    with Synthesizer(ClipCache(tmp_path / "cache", 10**9), engine=fake_engine) as synthesizer:
        clips = synthesizer.synthesise(jobs)
    tags = assemble.EpisodeTags("A test post", "Ann", "My podcast", "2024-05-01")
    keys = [j.key for j in jobs]
    plain = assemble.assemble(script, clips, keys, tmp_path / "plain.mp3", tags, AUDIO)
    scored = assemble.assemble(script, clips, keys, tmp_path / "scored.mp3", tags, music)
    assert abs(scored.duration_ms - (plain.duration_ms + 2 * 3000)) <= 50
    assert abs(scored.cues[0].start_ms - 3000) <= 50
    assert scored.chapters[0].start_ms == 0 and scored.chapters[-1].end_ms == scored.duration_ms
    loudness = assemble.measure(scored.mp3_path)
    assert abs(loudness.integrated_lufs - music.loudness_lufs) <= 1.0 and loudness.true_peak_db <= -1.0


def _synthesised(script: Script, tmp_path: Path, engine) -> tuple[dict, list[str]]:
    jobs = [SynthJob(s.text, bundled_voice(), SynthSettings()) for s in script.segments]
    with Synthesizer(ClipCache(tmp_path / "cache", 10**9), engine=engine) as synthesizer:
        return synthesizer.synthesise(jobs), [j.key for j in jobs]


def _edited(script: Script) -> Script:
    """The script with one sentence of its second section rewritten."""
    first, second = script.sections
    heading, _body = second.segments
    return Script(script.title, (first, Section(second.title, (heading, Segment("Rewritten text.", "body")))))


TAGS = assemble.EpisodeTags("A test post", "Ann", "My podcast", "2024-05-01")


def test_regenerating_encodes_only_the_section_that_changed(tmp_path: Path, fake_engine):
    store = tmp_path / "sections"
    script = _script()
    clips, keys = _synthesised(script, tmp_path, fake_engine)
    assemble.assemble(script, clips, keys, tmp_path / "v1.mp3", TAGS, AUDIO, store_dir=store)
    before = {p.name: p.stat().st_mtime_ns for p in store.glob("*.mp3")}
    assert len(before) == 2  # one encoded part per section

    edited = _edited(script)
    clips, keys = _synthesised(edited, tmp_path, fake_engine)
    again = assemble.assemble(edited, clips, keys, tmp_path / "v2.mp3", TAGS, AUDIO, store_dir=store)
    after = {p.name: p.stat().st_mtime_ns for p in store.glob("*.mp3")}
    kept = before.keys() & after.keys()
    assert len(kept) == 1 and all(before[name] == after[name] for name in kept)
    assert len(after) == 2  # the old second section is gone

    fresh = assemble.assemble(edited, clips, keys, tmp_path / "fresh.mp3", TAGS, AUDIO)
    assert again.cues == fresh.cues and again.chapters == fresh.chapters
    assert again.duration_ms == fresh.duration_ms
    assert abs(assemble.measure(again.mp3_path).integrated_lufs - AUDIO.loudness_lufs) <= 1.0
    assert [c.text for c in again.cues] == [s.text for s in edited.segments]


def test_a_gain_that_misses_the_target_is_corrected_on_the_whole_episode(tmp_path: Path, fake_engine):
    store = tmp_path / "sections"
    store.mkdir()
    # an earlier version's sections were encoded far too quietly: their gain is the starting point
    (store / "old.json").write_text(json.dumps({"gain": -12.0, "target": AUDIO.loudness_lufs}))
    script = _script()
    clips, keys = _synthesised(script, tmp_path, fake_engine)
    audio = assemble.assemble(script, clips, keys, tmp_path / "v2.mp3", TAGS, AUDIO, store_dir=store)
    loudness = assemble.measure(audio.mp3_path)
    assert abs(loudness.integrated_lufs - AUDIO.loudness_lufs) <= 1.0 and loudness.true_peak_db <= -1.0
    assert not (store / "old.json").exists()


MOMENTARY = re.compile(r"Parsed_ebur128.*? M:\s*(-?[\d.]+|-inf|nan)")


@pytest.mark.parametrize("rate", [22050, 44100, 16000])
def test_loudness_measured_in_process_matches_ffmpegs_ebur128(episode, tmp_path: Path, rate: int):
    _script, audio = episode
    pcm = tmp_path / "episode.pcm"
    decode = ["-i", str(audio.mp3_path), "-f", "s16le", "-ac", "1", "-ar", str(rate), str(pcm)]
    subprocess.run([assemble.ffmpeg_exe(), "-v", "error", *decode], check=True)
    pcm_input = ["-f", "s16le", "-ar", str(rate), "-ac", "1", "-i", str(pcm)]
    measure = ["-af", "ebur128=dualmono=true", "-f", "null", "-"]
    result = subprocess.run(
        [assemble.ffmpeg_exe(), "-hide_banner", "-nostats", *pcm_input, *measure],
        capture_output=True,
        text=True,
    )
    logged = MOMENTARY.findall(result.stderr)
    theirs = [-140.0 if value in ("-inf", "nan") else float(value) for value in logged]
    printed = float(loudness.INTEGRATED.search(result.stderr.rpartition("Summary:")[2]).group(1))
    ours = loudness.momentary_loudness(timeline.read_pcm(pcm), rate)
    assert abs(len(ours) - len(theirs)) <= 1
    # the blocks that count (the relative gate drops anything 10 LU under the whole)
    heard = [(a, b) for a, b in zip(ours, theirs, strict=False) if b > printed - 10]
    assert len(heard) > len(theirs) // 2
    assert max(abs(a - b) for a, b in heard) <= 0.2
    assert abs(loudness.integrated_from_blocks(ours) - printed) <= 0.1
    assert abs(loudness.integrated_from_blocks(theirs) - printed) <= 0.1


def test_sections_join_frame_by_frame(episode, tmp_path: Path):
    _script, audio = episode
    data = audio.mp3_path.read_bytes()
    tag_size = ID3(audio.mp3_path).size
    frames = tmp_path / "frames.mp3"
    frames.write_bytes(data[tag_size:])
    audio_frames = mp3.count_frames(frames) - 1  # the first is the Xing "Info" frame
    assert abs(audio_frames * mp3.SAMPLES_PER_FRAME * 1000 / 44100 - audio.duration_ms) <= 1
    assert data[tag_size + 21 : tag_size + 25] == b"Info"
    info = MP3(audio.mp3_path).info
    assert info.bitrate_mode == BitrateMode.CBR and abs(info.length * 1000 - audio.duration_ms) <= 1


def _headingless(edited: int | None = None) -> Script:
    """One long section (about three minutes with the fake engine), a paragraph every third sentence."""
    segments = []
    for number in range(60):
        text = f"Sentence number {number} of a long section without a single heading."
        if number == edited:
            text = "A sentence the author rewrote after publishing the post."
        segments.append(Segment(text, "body", number % 3 == 2))
    return Script("Long", (Section(None, tuple(segments)),))


@pytest.mark.slow  # encodes a three-minute section, then again
def test_a_long_section_is_cut_into_parts_and_an_edit_reencodes_only_its_own(tmp_path: Path, fake_engine):
    store = tmp_path / "sections"
    script = _headingless()
    clips, keys = _synthesised(script, tmp_path, fake_engine)
    first = assemble.assemble(script, clips, keys, tmp_path / "v1.mp3", TAGS, AUDIO, store_dir=store)
    before = {p.name: p.stat().st_mtime_ns for p in store.glob("*.mp3")}
    assert len(before) >= 3 and len(first.chapters) == 1

    edited = _headingless(edited=30)
    clips, keys = _synthesised(edited, tmp_path, fake_engine)
    again = assemble.assemble(edited, clips, keys, tmp_path / "v2.mp3", TAGS, AUDIO, store_dir=store)
    after = {p.name: p.stat().st_mtime_ns for p in store.glob("*.mp3")}
    kept = before.keys() & after.keys()
    assert len(after) - len(kept) <= 2 and len(kept) >= len(before) - 2
    assert all(before[name] == after[name] for name in kept)
    fresh = assemble.assemble(edited, clips, keys, tmp_path / "fresh.mp3", TAGS, AUDIO)
    assert again.cues == fresh.cues and again.duration_ms == fresh.duration_ms
    starts = [cue.start_ms for cue in again.cues]
    assert starts == sorted(starts) and len(starts) == 60


def _ending_where_a_part_could_be_cut() -> Script:
    """One long paragraph whose last sentence is one a part may be cut after."""
    body = [Segment(f"Sentence number {n} of one long paragraph.", "body", False) for n in range(70)]
    for take in range(100):
        last = Segment(f"The closing sentence, take {take}.", "body", True)
        if builder._cut_after(SynthJob(last.text, bundled_voice(), SynthSettings()).key):
            return Script("Long", (Section(None, (*body, last)),))
    raise AssertionError("no closing sentence qualifies")


@pytest.mark.slow  # encodes a long section twice, once with music
def test_outro_music_closes_an_episode_cut_into_parts(tmp_path: Path, fake_engine):
    tone(tmp_path / "outro.mp3", 4, 660, channels=1)
    music = AudioSettings(outro_music=str(tmp_path / "outro.mp3"), music_crossfade_ms=1000)
    script = _ending_where_a_part_could_be_cut()
    clips, keys = _synthesised(script, tmp_path, fake_engine)
    plain = assemble.assemble(
        script, clips, keys, tmp_path / "plain.mp3", TAGS, AUDIO, store_dir=tmp_path / "a"
    )
    scored = assemble.assemble(
        script, clips, keys, tmp_path / "scored.mp3", TAGS, music, store_dir=tmp_path / "b"
    )
    assert abs(scored.duration_ms - (plain.duration_ms + 3000)) <= 60
    assert scored.cues == plain.cues  # music after the speech moves nothing


def test_a_damaged_stored_part_is_encoded_again(tmp_path: Path, fake_engine):
    store = tmp_path / "parts"
    script = _script()
    clips, keys = _synthesised(script, tmp_path, fake_engine)
    first = assemble.assemble(script, clips, keys, tmp_path / "v1.mp3", TAGS, AUDIO, store_dir=store)
    damaged = sorted(store.glob("*.mp3"))[0]
    damaged.write_bytes(bytes(damaged.stat().st_size))  # same size, no audio: a power cut's leftover
    again = assemble.assemble(script, clips, keys, tmp_path / "v2.mp3", TAGS, AUDIO, store_dir=store)
    assert damaged.read_bytes()[:2] == b"\xff\xfb"
    assert again.duration_ms == first.duration_ms and again.cues == first.cues
