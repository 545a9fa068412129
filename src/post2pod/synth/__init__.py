"""Synthesis: Piper voices, worker processes and a content-addressed clip cache.

Each segment is synthesised once per (voice model digest, synthesis settings, text); clips are raw
16-bit mono PCM files in the cache folder, trimmed of leading/trailing near-silence so the pauses
assembly adds are the pauses heard. The modules: `voices` (finding and checking voices, clip keys),
`engine` (Piper in one process), `cache` (the clip cache), `workers` (the `Synthesizer`) and `remote`
(the same work on a Dask cluster, `[run] executor = "dask://host:port"`).
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from post2pod.lazy import exports

# onnxruntime 1.29 and later send usage telemetry from Linux and macOS too: a device id and an
# event database under ~/.cache/Microsoft, and lookups of Microsoft's collector from every process
# that loads a voice (a cron job, each worker, every test). Reading a blog aloud shares nothing:
# the opt-out is set before anything here imports onnxruntime (piper does too), and it reaches the
# workers, which inherit it. A user who sets ORT_DISABLE_TELEMETRY themselves decides.
os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")

if TYPE_CHECKING:
    from post2pod.synth.cache import CLIP_SUFFIX, ClipCache, write_clip_file
    from post2pod.synth.engine import Engine, PiperEngine, cuda_missing, to_pcm16, trim_silence
    from post2pod.synth.pool import WorkerPool
    from post2pod.synth.voices import (
        DEFAULT_VOICE_NAME,
        SynthJob,
        SynthSettings,
        VoiceSpec,
        bundled_voice,
        clip_key,
        list_voices,
        resolve_voice,
        voice_language,
    )
    from post2pod.synth.workers import PendingClips, Synthesizer

# each public name and its module, loaded on first use (`post2pod.lazy`): numpy and piper only
# when a clip is made or read
_HOME = {
    "CLIP_SUFFIX": "cache",
    "ClipCache": "cache",
    "write_clip_file": "cache",
    "Engine": "engine",
    "PiperEngine": "engine",
    "cuda_missing": "engine",
    "to_pcm16": "engine",
    "trim_silence": "engine",
    "DEFAULT_VOICE_NAME": "voices",
    "SynthJob": "voices",
    "SynthSettings": "voices",
    "VoiceSpec": "voices",
    "bundled_voice": "voices",
    "clip_key": "voices",
    "list_voices": "voices",
    "resolve_voice": "voices",
    "voice_language": "voices",
    "PendingClips": "workers",
    "Synthesizer": "workers",
    "WorkerPool": "pool",
}

__all__ = [
    "CLIP_SUFFIX",
    "DEFAULT_VOICE_NAME",
    "ClipCache",
    "Engine",
    "PendingClips",
    "PiperEngine",
    "SynthJob",
    "SynthSettings",
    "Synthesizer",
    "VoiceSpec",
    "WorkerPool",
    "bundled_voice",
    "clip_key",
    "cuda_missing",
    "list_voices",
    "resolve_voice",
    "to_pcm16",
    "trim_silence",
    "voice_language",
    "write_clip_file",
]

__getattr__ = exports(__name__, _HOME)
