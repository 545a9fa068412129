"""Does onnxruntime graph optimisation or an int8 copy of the voice make synthesis cheaper without loss?

Run by hand (not by CI), on an otherwise idle machine:

    .venv/bin/python benchmarks/voice_variants.py [--words N] [--out DIR]

Needs `pip install onnx pocketsphinx` besides the project's own dependencies. Every variant of the
bundled voice is loaded as post2pod loads it (one onnxruntime thread, CPU) and reads the same fixed
prose (about N words, default 250) deterministically (no noise), sentence by sentence as
`post2pod.synth.PiperEngine` does. Variants:

  baseline          the bundled fp32 voice, default graph optimisation (ORT_ENABLE_ALL)
  opt-*             the same model at the other graph optimisation levels
  preoptimized-*    the model saved after optimisation (optimized_model_filepath), loaded back
                    with optimisation off
  int8-*            copies quantised with `quantize_dynamic`: op types x weight type, and only
                    parts of the model (see QUANTIZATIONS)
  baseline-repeat   the baseline measured again at the end: how far timings drift in this run

One JSON line per variant: load and synthesis seconds (each the best of two), audio seconds,
real-time factor, ratios against the baseline of the same run (baseline seconds / variant seconds,
so above 1 is faster), integrated loudness, the largest sample difference and the SNR against the
baseline over the sentences of equal length, and the word error rate of a PocketSphinx transcript
against the text (the baseline's too: judge a variant by the difference, as the recogniser alone
misses many words). A variant that cannot be built or loaded gets a line with its error, and one
that quantised nothing is skipped. A summary follows. The models, and every variant's audio as PCM
and WAV for listening, are left in --out (default benchmarks/work/voices).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import subprocess
import time
import wave
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np

from post2pod.assemble import ffmpeg_exe, pcm_loudness
from post2pod.synth import CHUNK_GAP_MS, bundled_voice, to_pcm16, trim_silence

try:
    import onnx
    import onnxruntime
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from piper import PiperVoice, SynthesisConfig
    from piper.config import PiperConfig
    from pocketsphinx import Decoder
except ImportError as missing:
    raise SystemExit(f"{missing}; run `.venv/bin/pip install onnx pocketsphinx` first") from None

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = ROOT / "benchmarks" / "work" / "voices"
TIMED_RUNS = 2
REPEAT = "baseline-repeat"  # the baseline measured again at the end: the noise of the run
ASR_RATE = 16000
DETERMINISTIC = SynthesisConfig(noise_scale=0.0, noise_w_scale=0.0, normalize_audio=False)

# A variant passes when it is faster by MIN_GAIN (or twice the run's noise, if more) and no worse
# than this on every quality check.
MIN_GAIN = 0.05
MAX_WER_INCREASE = 0.02
MAX_LOUDNESS_DELTA_LU = 0.5
MAX_DURATION_CHANGE = 0.02

# Ordinary prose: common words, no numbers, names or abbreviations, so the recogniser is fair.
PROSE = (
    "The river was quiet in the early morning, and a thin mist hung over the still water.",
    "An old fisherman sat in his boat near the bank and mended a torn net with patient hands.",
    "Behind him the village was waking up, and the smell of fresh bread drifted from the bakery.",
    "Children ran along the path to school, laughing and calling to each other across the fields.",
    "Their teacher waited at the gate with a cup of tea and a warm smile for every one of them.",
    "She had lived in the valley all her life and knew the name of every tree and flower.",
    "In the spring she took the class to the woods to listen to the birds and watch the leaves open.",
    "The children wrote about what they saw in small notebooks that they carried everywhere.",
    "One boy drew a careful picture of a heron standing on one leg in the shallow water.",
    "Another girl wanted to know why the river never ran dry, even in the long summer heat.",
    "The teacher explained that rain falls on the hills far away and slowly finds its way to the sea.",
    "Later that week a storm came over the mountains, and the rain fell for several days.",
    "The river rose until it reached the edge of the road, brown and fast and full of broken branches.",
    "People gathered on the bridge to watch the water and to talk about the floods of the past.",
    "When the sky finally cleared, the whole valley looked washed and bright in the afternoon sun.",
    "The fisherman went back to his boat and found that the current had carried it into the reeds.",
    "He pulled it free, dried the seats with an old coat, and rowed slowly out to the middle of the river.",
    "The water was calm again, and the fish were hungry after the long storm.",
    "By evening he had filled his basket, and he gave half of his catch to the teacher and her class.",
    "They cooked the fish over a small fire behind the school and ate together as the stars came out.",
    "Nobody said very much, but everyone agreed that it had been a good day in the valley.",
    "Years later the children would still remember the storm, the heron, and the taste of that meal.",
)


@dataclass(frozen=True)
class Variant:
    """One way of building and loading the voice model."""

    name: str
    level: str = "ORT_ENABLE_ALL"  # graph optimisation level of the measured session
    prepare: Callable[[Path, Path], Path] | None = None  # (bundled model, out dir) -> model to load


@dataclass
class Synthesis:
    """What one variant made of the text: the model's raw audio per sentence, and its cost."""

    pieces: list[np.ndarray]
    sample_rate: int
    wall_s: float  # phonemes, ids and model calls
    model_s: float  # model calls only


@dataclass
class Rendered:
    """A variant's audio assembled as post2pod would: trimmed sentences, pauses between them."""

    audio: np.ndarray
    sample_rate: int
    spans: list[tuple[int, int]]  # each sentence's [start, end) samples in `audio`

    @property
    def seconds(self) -> float:
        return len(self.audio) / self.sample_rate


# --- the text ----------------------------------------------------------------------------------


def prose(words: int) -> str:
    """Whole sentences of PROSE (repeated if need be) until at least `words` words."""
    chosen: list[str] = []
    count = 0
    while count < words:
        sentence = PROSE[len(chosen) % len(PROSE)]
        chosen.append(sentence)
        count += len(sentence.split())
    return " ".join(chosen)


def normalised_words(text: str) -> list[str]:
    return re.sub(r"[^a-z']+", " ", text.lower()).split()


def word_error_rate(reference: Sequence[str], hypothesis: Sequence[str]) -> float:
    """(substitutions + deletions + insertions) / reference words, by word-level edit distance."""
    previous = list(range(len(hypothesis) + 1))
    for row, ref_word in enumerate(reference, start=1):
        current = [row]
        for col, hyp_word in enumerate(hypothesis, start=1):
            current.append(
                min(previous[col] + 1, current[col - 1] + 1, previous[col - 1] + (ref_word != hyp_word))
            )
        previous = current
    return previous[-1] / max(len(reference), 1)


# --- building and loading the variants ---------------------------------------------------------


def session_options(level: str) -> onnxruntime.SessionOptions:
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    options.graph_optimization_level = getattr(onnxruntime.GraphOptimizationLevel, level)
    return options


def inference_session(model: Path, options: onnxruntime.SessionOptions) -> onnxruntime.InferenceSession:
    return onnxruntime.InferenceSession(str(model), sess_options=options, providers=["CPUExecutionProvider"])


def save_preoptimized(level: str, source: Path, out: Path) -> Path:
    """The model as onnxruntime optimises it at `level`, written by a session that loads it."""
    target = out / f"{source.stem}.{level.lower()}.onnx"
    options = session_options(level)
    options.optimized_model_filepath = str(target)
    inference_session(source, options)
    return target


@dataclass(frozen=True)
class Quantization:
    """Arguments for `quantize_dynamic`; `modules` limits it to nodes under those parts of the model."""

    name: str
    op_types: tuple[str, ...]
    weight_type: str = "QUInt8"
    modules: tuple[str, ...] = ()  # Piper's VITS: enc_p (text encoder), dp (durations), flow, dec (vocoder)


QUANTIZATIONS = (
    # Dynamic quantisation has no Gemm kernel (ignored), and quantises only MatMuls with constant weights.
    # It ignores per_channel for Conv (only static QLinearConv honours it), so that is not tried.
    Quantization("int8-matmul-gemm-quint8", ("MatMul", "Gemm")),
    Quantization("int8-matmul-gemm-qint8", ("MatMul", "Gemm"), "QInt8"),
    Quantization("int8-matmul-gemm-conv-quint8", ("MatMul", "Gemm", "Conv")),
    Quantization("int8-matmul-gemm-conv-qint8", ("MatMul", "Gemm", "Conv"), "QInt8"),
    # Leaving the text encoder and duration predictor in fp32 keeps every sentence's length.
    Quantization("int8-conv-quint8-flow-dec", ("Conv",), modules=("flow", "dec")),
    Quantization("int8-conv-quint8-dec", ("Conv",), modules=("dec",)),
)


def nodes_in_modules(model: Path, op_types: Sequence[str], modules: Sequence[str]) -> list[str]:
    """Names of the `op_types` nodes exported under `/MODULE/` for any of `modules`."""
    prefixes = tuple(f"/{module}/" for module in modules)
    graph = onnx.load(str(model), load_external_data=False).graph
    return [node.name for node in graph.node if node.op_type in op_types and node.name.startswith(prefixes)]


def save_quantized(recipe: Quantization, source: Path, out: Path) -> Path:
    """A dynamically quantised copy (int8 weights, activations quantised at run time)."""
    target = out / f"{source.stem}.{recipe.name}.onnx"
    nodes = nodes_in_modules(source, recipe.op_types, recipe.modules) if recipe.modules else None
    quantize_dynamic(
        source,
        target,
        op_types_to_quantize=list(recipe.op_types),
        nodes_to_quantize=nodes,
        weight_type=getattr(QuantType, recipe.weight_type),
    )
    return target


def variants() -> list[Variant]:
    """The baseline first (every other variant is compared with it) and again last (the run's noise)."""
    found = [Variant("baseline")]
    for level in ("ORT_DISABLE_ALL", "ORT_ENABLE_BASIC", "ORT_ENABLE_EXTENDED"):
        found.append(Variant(f"opt-{level.removeprefix('ORT_').lower()}", level))
    for level in ("ORT_ENABLE_EXTENDED", "ORT_ENABLE_ALL"):
        name = f"preoptimized-{level.removeprefix('ORT_ENABLE_').lower()}"
        found.append(Variant(name, "ORT_DISABLE_ALL", partial(save_preoptimized, level)))
    for recipe in QUANTIZATIONS:
        found.append(Variant(recipe.name, prepare=partial(save_quantized, recipe)))
    found.append(Variant(REPEAT))
    return found


def warm_file_cache(path: Path) -> None:
    """Read the model once so no variant's load time includes a cold disk read."""
    with path.open("rb") as handle:
        while handle.read(1 << 24):
            pass


def load_voice(model: Path, config: PiperConfig, level: str) -> PiperVoice:
    """The voice as `post2pod.synth._load_piper_voice` loads it, at the given optimisation level."""
    return PiperVoice(config=config, session=inference_session(model, session_options(level)))


def timed_load(model: Path, config: PiperConfig, level: str) -> tuple[PiperVoice, float]:
    """The voice and its best load time of TIMED_RUNS."""
    warm_file_cache(model)
    best = float("inf")
    for _ in range(TIMED_RUNS):
        start = time.perf_counter()
        voice = load_voice(model, config, level)
        best = min(best, time.perf_counter() - start)
    return voice, best


def quantized_node_counts(model: Path) -> dict[str, int]:
    """How many nodes of each integer / quantising op type the model has."""
    counts: dict[str, int] = {}
    for node in onnx.load(str(model), load_external_data=False).graph.node:
        if node.op_type.endswith("Integer") or "Quantize" in node.op_type:
            counts[node.op_type] = counts.get(node.op_type, 0) + 1
    return counts


# --- synthesis and the audio -------------------------------------------------------------------


def synthesize(voice: PiperVoice, text: str) -> Synthesis:
    """Sentence by sentence, as PiperEngine does (the sentences here are short enough not to split)."""
    pieces: list[np.ndarray] = []
    model_s = 0.0
    start = time.perf_counter()
    for phonemes in voice.phonemize(text):
        ids = voice.phonemes_to_ids(phonemes)
        model_start = time.perf_counter()
        pieces.append(np.asarray(voice.phoneme_ids_to_audio(ids, DETERMINISTIC), dtype=np.float32))
        model_s += time.perf_counter() - model_start
    return Synthesis(pieces, voice.config.sample_rate, time.perf_counter() - start, model_s)


def best_synthesis(voice: PiperVoice, text: str) -> Synthesis:
    """The faster of TIMED_RUNS syntheses (the audio is the same each time: no noise)."""
    runs = [synthesize(voice, text) for _ in range(TIMED_RUNS)]
    return min(runs, key=lambda run: run.wall_s)


def render(synthesis: Synthesis) -> Rendered:
    """Trim each sentence and join them with PiperEngine's pause, remembering where each one lies."""
    rate = synthesis.sample_rate
    gap = np.zeros(int(rate * CHUNK_GAP_MS / 1000), dtype=np.float32)
    parts: list[np.ndarray] = []
    spans: list[tuple[int, int]] = []
    position = 0
    for piece in synthesis.pieces:
        if parts:
            parts.append(gap)
            position += len(gap)
        trimmed = trim_silence(piece, rate)
        parts.append(trimmed)
        spans.append((position, position + len(trimmed)))
        position += len(trimmed)
    audio = np.clip(np.concatenate(parts), -1.0, 1.0) if parts else np.zeros(0, dtype=np.float32)
    return Rendered(audio, rate, spans)


def write_audio(rendered: Rendered, stem: Path) -> Path:
    """16-bit mono PCM (measured) and a WAV of it (for listening); returns the PCM path."""
    data = to_pcm16(rendered.audio)
    pcm = stem.with_suffix(".pcm")
    pcm.write_bytes(data)
    with wave.open(str(stem.with_suffix(".wav")), "wb") as handle:
        handle.setnchannels(1)
        handle.setsampwidth(2)
        handle.setframerate(rendered.sample_rate)
        handle.writeframes(data)
    return pcm


def resampled_for_asr(pcm: Path, sample_rate: int) -> np.ndarray:
    """The PCM file at 16 kHz (int16), resampled by ffmpeg."""
    command = [ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-nostdin"]
    command += ["-f", "s16le", "-ar", str(sample_rate), "-ac", "1", "-i", str(pcm)]
    command += ["-ar", str(ASR_RATE), "-f", "s16le", "-"]
    result = subprocess.run(command, capture_output=True, check=True)
    return np.frombuffer(result.stdout, dtype="<i2")


def transcribe(decoder: Decoder, pcm: Path, rendered: Rendered) -> str:
    """PocketSphinx's words for the audio, one utterance per sentence."""
    audio = resampled_for_asr(pcm, rendered.sample_rate)
    scale = ASR_RATE / rendered.sample_rate
    words: list[str] = []
    for start, end in rendered.spans:
        decoder.start_utt()
        decoder.process_raw(audio[int(start * scale) : int(end * scale)].tobytes(), full_utt=True)
        decoder.end_utt()
        hypothesis = decoder.hyp()
        if hypothesis is not None:
            words.append(hypothesis.hypstr)
    return " ".join(words)


def difference(baseline: Synthesis, other: Synthesis) -> dict[str, Any]:
    """Max |difference| and SNR over the sentences whose lengths match the baseline's."""
    pairs = [(b, o) for b, o in zip(baseline.pieces, other.pieces, strict=False) if len(b) == len(o)]
    same = f"{len(pairs)}/{len(baseline.pieces)}"
    if len(other.pieces) != len(baseline.pieces):
        same += f" (variant has {len(other.pieces)} sentences)"
    if not pairs:
        return {"same_length_sentences": same, "max_abs_diff": None, "snr_db": None}
    reference = np.concatenate([b for b, _ in pairs]).astype(np.float64)
    error = reference - np.concatenate([o for _, o in pairs])
    noise = float(np.sum(error**2))
    snr = None if noise == 0 else round(10 * np.log10(float(np.sum(reference**2)) / noise), 1)
    return {
        "same_length_sentences": same,
        "max_abs_diff": round(float(np.max(np.abs(error))), 5),
        "snr_db": snr,  # null with max_abs_diff 0: identical
    }


# --- measuring ---------------------------------------------------------------------------------


class Skipped(Exception):
    """A variant not worth timing (it would only measure the baseline again)."""


def prepared_model(variant: Variant, source: Path, out: Path, result: dict[str, Any]) -> Path:
    """The model file the variant loads, building it first if need be (recorded in `result`)."""
    model = source
    if variant.prepare is not None:
        start = time.perf_counter()
        model = variant.prepare(source, out)
        result["prepare_s"] = round(time.perf_counter() - start, 2)
    result["model"] = model.name
    result["model_mb"] = round(model.stat().st_size / 1e6, 1)
    if variant.name.startswith("int8"):
        result["quantized_nodes"] = quantized_node_counts(model)
        if not result["quantized_nodes"]:
            raise Skipped("quantize_dynamic quantised no node: the model would be the baseline again")
    return model


def one_line(exc: Exception) -> str:
    lines = str(exc).strip().splitlines()
    return f"{exc.__class__.__name__}: {lines[0][:400] if lines else ''}"


def audio_figures(synthesis: Synthesis, text: str, stem: Path, decoder: Decoder) -> dict[str, Any]:
    """Duration, loudness and the recogniser's word error rate of the variant's audio."""
    rendered = render(synthesis)
    pcm = write_audio(rendered, stem)
    hypothesis = transcribe(decoder, pcm, rendered)
    return {
        "audio_s": round(rendered.seconds, 2),
        "rtf": round(synthesis.wall_s / max(rendered.seconds, 1e-9), 4),
        "loudness_lufs": round(pcm_loudness(pcm, rendered.sample_rate), 2),
        "wer": round(word_error_rate(normalised_words(text), normalised_words(hypothesis)), 4),
        "transcript": hypothesis,
    }


def measure(
    variant: Variant, text: str, out: Path, decoder: Decoder
) -> tuple[dict[str, Any], Synthesis | None]:
    """One variant's JSON figures (`error` or `skipped` instead where there is nothing to time)."""
    spec = bundled_voice()
    config = PiperConfig.from_dict(json.loads(spec.config.read_text(encoding="utf-8")))
    result: dict[str, Any] = {"variant": variant.name, "optimization": variant.level}
    stage = "prepare"
    try:
        model = prepared_model(variant, spec.model, out, result)
        stage = "load"
        voice, load_s = timed_load(model, config, variant.level)
        stage = "synthesize"
        synthesis = best_synthesis(voice, text)
    except Skipped as reason:
        result["skipped"] = str(reason)
        return result, None
    except Exception as exc:  # onnxruntime and the quantiser raise many untyped errors
        result["error"] = f"{stage}: {one_line(exc)}"
        return result, None
    result |= {"load_s": round(load_s, 3), "synth_s": round(synthesis.wall_s, 3)}
    result["model_s"] = round(synthesis.model_s, 3)
    result |= audio_figures(synthesis, text, out / variant.name, decoder)
    return result, synthesis


def compare(
    result: dict[str, Any], synthesis: Synthesis, base: dict[str, Any], base_audio: Synthesis
) -> None:
    """Add the ratios and differences against the baseline measured in the same run."""
    result |= {
        "speed_ratio": round(base["synth_s"] / result["synth_s"], 3),
        "model_speed_ratio": round(base["model_s"] / result["model_s"], 3),
        "load_ratio": round(base["load_s"] / result["load_s"], 3),
        "duration_ratio": round(result["audio_s"] / base["audio_s"], 4),
        "loudness_delta_lu": round(result["loudness_lufs"] - base["loudness_lufs"], 2),
        "wer_delta": round(result["wer"] - base["wer"], 4),
        **difference(base_audio, synthesis),
    }


# --- the answer --------------------------------------------------------------------------------


def required_ratio(results: Sequence[dict[str, Any]]) -> float:
    """How much faster than the baseline counts as faster: MIN_GAIN, or twice the run's own noise
    (how far the baseline measured again at the end strayed from the first baseline)."""
    repeat = next((r for r in results if r["variant"] == REPEAT and "speed_ratio" in r), None)
    noise = abs(1 - repeat["speed_ratio"]) if repeat else 0.0
    return 1 + max(MIN_GAIN, 2 * noise)


def quality_problems(result: dict[str, Any]) -> list[str]:
    """What a listener could notice: words the recogniser lost, loudness, timing."""
    problems = []
    if result["wer_delta"] > MAX_WER_INCREASE:
        problems.append(f"WER +{result['wer_delta']:.3f}")
    if abs(result["loudness_delta_lu"]) > MAX_LOUDNESS_DELTA_LU:
        problems.append(f"loudness {result['loudness_delta_lu']:+.2f} LU")
    if abs(result["duration_ratio"] - 1) > MAX_DURATION_CHANGE:
        problems.append(f"duration x{result['duration_ratio']:.3f}")
    return problems


def verdict(result: dict[str, Any], required: float) -> str:
    """PASS (synthesis cheaper), PASS (load only), or why not."""
    if "error" in result or "skipped" in result:
        return f"failed: {result['error']}" if "error" in result else f"skipped: {result['skipped']}"
    problems = quality_problems(result)
    synthesis_faster = result["speed_ratio"] >= required
    load_faster = result["load_ratio"] >= required and result["speed_ratio"] >= 1 / required
    if not problems and synthesis_faster:
        return "PASS"
    if not problems and load_faster:
        return "PASS (load only)"
    return "no: " + ", ".join(problems or ["not measurably cheaper"])


def variant_line(result: dict[str, Any], required: float) -> str:
    figures = ""
    if "speed_ratio" in result:
        snr = "identical" if result["max_abs_diff"] == 0 else f"SNR {result['snr_db']} dB"
        if result["max_abs_diff"] is None:
            snr = "no sentence of equal length"
        figures = (
            f"synth x{result['speed_ratio']:.2f}, load x{result['load_ratio']:.2f}, "
            f"WER {result['wer']:.3f} ({result['wer_delta']:+.3f}), "
            f"loudness {result['loudness_delta_lu']:+.2f} LU, {snr}: "
        )
    if result["variant"] == REPEAT:
        return f"#   {REPEAT:<30} {figures}the run's noise"
    return f"#   {result['variant']:<30} {figures}{verdict(result, required)}"


def summary(results: Sequence[dict[str, Any]]) -> list[str]:
    """Comment lines: the rule, one line per variant, then the answer."""
    required = required_ratio(results)
    base = results[0]
    lines = [
        f"# baseline: synth {base['synth_s']} s (load {base['load_s']} s) for {base['audio_s']} s of audio, "
        f"WER {base['wer']}",
        f"# summary: x = baseline s / variant s; PASS = synth (or load) x >= {required:.2f}, "
        f"WER up <= {MAX_WER_INCREASE}, loudness within {MAX_LOUDNESS_DELTA_LU} LU, "
        f"duration within {MAX_DURATION_CHANGE:.0%}",
    ]
    lines += [variant_line(result, required) for result in results[1:]]
    verdicts = {r["variant"]: verdict(r, required) for r in results[1:] if r["variant"] != REPEAT}
    cheaper = [name for name, said in verdicts.items() if said == "PASS"]
    load_only = [name for name, said in verdicts.items() if said == "PASS (load only)"]
    lines.append(
        "# answer: synthesis cheaper without measurable loss: "
        + (", ".join(cheaper) or "no variant")
        + "; load cheaper only: "
        + (", ".join(load_only) or "no variant")
        + " (listen to the WAVs before adopting one)"
    )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--words", type=int, default=250, help="length of the text read (default 250)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="work folder for models and audio")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    text = prose(args.words)
    print(f"# machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"# onnxruntime {onnxruntime.__version__}, onnx {onnx.__version__}; {len(text.split())} words")
    decoder = Decoder(samprate=ASR_RATE, loglevel="FATAL")
    results: list[dict[str, Any]] = []
    base_audio: Synthesis | None = None
    for variant in variants():
        result, synthesis = measure(variant, text, args.out, decoder)
        if base_audio is None:
            if synthesis is None:
                raise SystemExit(f"the baseline failed: {result.get('error')}")
            base_audio = synthesis
        elif synthesis is not None:
            compare(result, synthesis, results[0], base_audio)
        results.append(result)
        print(json.dumps(result), flush=True)
    print("\n".join(summary(results)))


if __name__ == "__main__":
    main()
