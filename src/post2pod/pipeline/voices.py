"""Which voice reads a post: the one `[voices]` maps to the post's language, else the default voice."""

from __future__ import annotations

from pathlib import Path

from post2pod import synth
from post2pod.config import Config
from post2pod.pipeline.log import LOG


class VoiceChooser:
    """Resolves every configured voice once (a bad one fails the run at its start) and picks one per post.

    A post in a language with no voice of its own is read by the default voice, with one warning per
    language that names the fix.
    """

    def __init__(self, config: Config, voices_dir: Path) -> None:
        self.voices_dir = voices_dir
        self.default = synth.resolve_voice(config.voice, voices_dir)
        self.default_language = synth.voice_language(self.default)
        self.by_language = {lang: synth.resolve_voice(name, voices_dir) for lang, name in config.voices}
        self.aside = (
            synth.resolve_voice(config.audio.aside_voice, voices_dir) if config.audio.aside_voice else None
        )
        self.aside_language = synth.voice_language(self.aside) if self.aside else ""
        self.warned: set[str] = set()

    @property
    def languages(self) -> frozenset[str]:
        """Languages some voice here speaks: the mapped ones and the default voice's."""
        return frozenset({*self.by_language, self.default_language} - {""})

    def voice(self, language: str) -> synth.VoiceSpec:
        """The voice for a post in `language` (a two-letter code)."""
        if language in self.by_language:
            return self.by_language[language]
        known = self.default_language
        if known and language and language != known and language not in self.warned:
            self.warned.add(language)
            LOG.warning(
                f"posts in {language!r} are read by the default voice {self.default.name} ({known!r}); "
                f"put a {language} Piper voice (NAME.onnx + NAME.onnx.json) in {self.voices_dir} "
                f'and add [voices] {language} = "NAME" to the config'
            )
        return self.default

    def aside_voice(self, language: str) -> synth.VoiceSpec:
        """Footnote asides: the configured aside voice where it speaks the post's language (or does not
        say which it speaks), else the post's own voice."""
        if self.aside and self.aside_language in ("", language, synth.voice_language(self.voice(language))):
            return self.aside
        return self.voice(language)
