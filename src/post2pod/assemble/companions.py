"""The files published beside each MP3: a WebVTT transcript and Podcasting 2.0 chapters."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Sequence

from post2pod.models import Chapter, Cue

VTT_LINE = 65


def vtt_text(cues: Sequence[Cue]) -> str:
    """WebVTT with one cue per spoken segment, lines wrapped at about 65 characters."""
    out = ["WEBVTT", ""]
    for number, cue in enumerate(cues, 1):
        text = cue.text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        lines = textwrap.wrap(text, VTT_LINE, break_long_words=False, break_on_hyphens=False) or [text]
        out += [str(number), f"{_vtt_time(cue.start_ms)} --> {_vtt_time(cue.end_ms)}", *lines, ""]
    return "\n".join(out)


def _vtt_time(ms: int) -> str:
    hours, rest = divmod(ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}.{millis:03d}"


def chapters_json(chapters: Sequence[Chapter]) -> str:
    """Podcasting 2.0 chapters (version 1.2.0), ascending startTime."""
    items = [
        {"startTime": round(c.start_ms / 1000, 3), "endTime": round(c.end_ms / 1000, 3), "title": c.title}
        for c in sorted(chapters, key=lambda c: c.start_ms)
    ]
    return json.dumps({"version": "1.2.0", "chapters": items}, ensure_ascii=False, indent=2) + "\n"
