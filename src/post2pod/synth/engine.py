"""The engine: one process's loaded Piper voices turning text into float audio. piper and
onnxruntime are imported only here."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from post2pod.errors import VoiceError
from post2pod.synth.voices import SynthSettings, VoiceSpec

MAX_PHONEME_IDS = 400  # cost and memory grow superlinearly with ids per call (STANDARDS.md)
SILENCE_THRESHOLD = 0.004  # about -48 dBFS
EDGE_MARGIN_MS = 15
CHUNK_GAP_MS = 250  # when Piper splits one segment into several sentences
CUDA_PROVIDER = "CUDAExecutionProvider"


class Engine(Protocol):
    """Turns text into float audio; Piper in production, a fake in unit tests."""

    def synthesize(self, text: str, voice: VoiceSpec, settings: SynthSettings) -> tuple[np.ndarray, int]: ...


class PiperEngine:
    """Loads each voice once (one onnxruntime thread by default) and synthesises sentences."""

    def __init__(self, threads: int = 1, use_cuda: bool = False) -> None:
        self.threads = threads
        self.use_cuda = use_cuda
        self._voices: dict[Path, Any] = {}
        self.loads = 0  # voices loaded so far (each once)

    def load(self, spec: VoiceSpec) -> Any:
        """The loaded voice `spec`, loading it on first use."""
        if spec.model not in self._voices:
            self._voices[spec.model] = _load_piper_voice(spec, self.threads, self.use_cuda)
            self.loads += 1
        return self._voices[spec.model]

    def synthesize(self, text: str, voice: VoiceSpec, settings: SynthSettings) -> tuple[np.ndarray, int]:
        from piper import SynthesisConfig

        piper_voice = self.load(voice)
        config = SynthesisConfig(
            speaker_id=settings.speaker,
            length_scale=settings.length_scale,
            noise_scale=settings.noise_scale,
            noise_w_scale=settings.noise_w_scale,
            normalize_audio=False,
        )
        rate = piper_voice.config.sample_rate
        gap = np.zeros(int(rate * CHUNK_GAP_MS / 1000), dtype=np.float32)
        pieces: list[np.ndarray] = []
        for phonemes in piper_voice.phonemize(text):
            for part in _split_phonemes(phonemes):
                ids = piper_voice.phonemes_to_ids(part)
                audio = np.asarray(piper_voice.phoneme_ids_to_audio(ids, config), dtype=np.float32)
                if pieces:
                    pieces.append(gap)
                pieces.append(trim_silence(audio, rate))
        if not pieces:
            return np.zeros(0, dtype=np.float32), rate
        return np.clip(np.concatenate(pieces), -1.0, 1.0), rate


def _load_piper_voice(spec: VoiceSpec, threads: int, use_cuda: bool) -> Any:
    import onnxruntime
    from piper import PiperVoice
    from piper.config import PiperConfig

    try:
        config = PiperConfig.from_dict(json.loads(spec.config.read_text(encoding="utf-8")))
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        on_gpu = use_cuda and cuda_missing() is None
        if not on_gpu:
            # on the CPU, graph optimisation only slows loading (0.24 s -> 0.07 s without it) and
            # leaves synthesis speed and audio as they were (benchmarks/voice_variants.py)
            options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_DISABLE_ALL
        providers = [CUDA_PROVIDER, "CPUExecutionProvider"] if on_gpu else ["CPUExecutionProvider"]
        session = onnxruntime.InferenceSession(str(spec.model), sess_options=options, providers=providers)
    except Exception as exc:  # onnxruntime raises its own untyped errors for corrupt models
        raise VoiceError(
            f"cannot load voice {spec.model}: the file is corrupt or not a Piper voice "
            f"({exc.__class__.__name__}); download it again"
        ) from None
    return PiperVoice(config=config, session=session)


def cuda_missing() -> str | None:
    """Why onnxruntime here cannot synthesise on a GPU; None when it offers CUDA. (Asked for a provider
    it lacks, onnxruntime warns in every process and uses the CPU anyway.)"""
    import onnxruntime

    if CUDA_PROVIDER in onnxruntime.get_available_providers():
        return None
    return "this onnxruntime has no CUDA provider (install onnxruntime-gpu and a CUDA runtime)"


def _split_phonemes(phonemes: list[str]) -> Iterator[list[str]]:
    """Split one over-long sentence at word boundaries so no model call gets too many ids."""
    if len(phonemes) * 2 + 2 <= MAX_PHONEME_IDS:
        yield phonemes
        return
    words: list[list[str]] = [[]]
    for phoneme in phonemes:
        words[-1].append(phoneme)
        if phoneme == " ":
            words.append([])
    part: list[str] = []
    for word in words:
        if part and (len(part) + len(word)) * 2 + 2 > MAX_PHONEME_IDS:
            yield part
            part = []
        part.extend(word)
    if part:
        yield part


def trim_silence(audio: np.ndarray, sample_rate: int) -> np.ndarray:
    """Drop leading/trailing near-silence, keeping a short margin so onsets are not clipped."""
    loud = np.flatnonzero(np.abs(audio) > SILENCE_THRESHOLD)
    if loud.size == 0:
        return audio[:0]
    margin = int(sample_rate * EDGE_MARGIN_MS / 1000)
    return audio[max(0, loud[0] - margin) : loud[-1] + 1 + margin]


def to_pcm16(audio: np.ndarray) -> bytes:
    return (np.clip(audio, -1.0, 1.0) * 32767).astype("<i2").tobytes()
