"""Assembly: pauses, loudness, MP3 encoding, ID3 tags, chapters and transcript.

An episode is assembled while its clips are still being synthesised. Its timeline is cut into
parts: every section starts one, and a long section is cut again at paragraph ends. Once every
clip of a part exists and the episode's gain is known, the part's PCM is written and encoded on a
background thread, in process: gain and peak limiter (numpy), loudness blocks measured on the way,
soxr to 44.1 kHz, CBR MP3 frames from LAME (lameenc). ffmpeg decodes music and measures finished
files as podcast checks do.

The gain is chosen once per episode, from about the first minute of speech. The loudness of the
whole episode is then computed from the blocks each part's encode measured; if it missed the
target (rare: music, or a first minute unlike the rest), every part is encoded again with a
corrected gain.

Encoded parts are kept in the episode's store folder under a content address, so regenerating
after an edit encodes only the parts that changed. The MP3 is an ID3v2.3 tag (title, cover,
chapters), a Xing "Info" frame, and the parts' frames one after another.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from post2pod.lazy import exports
from post2pod.models import Cue

if TYPE_CHECKING:
    from post2pod.assemble.builder import EpisodeBuilder, assemble
    from post2pod.assemble.companions import chapters_json, vtt_text
    from post2pod.assemble.ffmpeg import ffmpeg_exe
    from post2pod.assemble.loudness import Loudness, measure, pcm_loudness
    from post2pod.assemble.mp3 import EpisodeTags
    from post2pod.assemble.timeline import pause_before

# each public name and its module, loaded on first use (`post2pod.lazy`): numpy and pydub only when
# an episode is assembled or measured
_HOME = {
    "EpisodeBuilder": "builder",
    "assemble": "builder",
    "chapters_json": "companions",
    "vtt_text": "companions",
    "ffmpeg_exe": "ffmpeg",
    "Loudness": "loudness",
    "measure": "loudness",
    "pcm_loudness": "loudness",
    "EpisodeTags": "mp3",
    "pause_before": "timeline",
}

__all__ = [
    "Cue",
    "EpisodeBuilder",
    "EpisodeTags",
    "Loudness",
    "assemble",
    "chapters_json",
    "ffmpeg_exe",
    "measure",
    "pause_before",
    "pcm_loudness",
    "vtt_text",
]

__getattr__ = exports(__name__, _HOME)
