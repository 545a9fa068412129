"""Keyboard keys as words, for `<kbd>` (`Ctrl+Shift+P` -> "Control plus Shift plus P") and for the
shortcuts the English rules find in prose ("Ctrl-C" -> "Control C")."""

from __future__ import annotations

import re

KEY_NAMES = {
    "ctrl": "Control",
    "control": "Control",
    "cmd": "Command",
    "⌘": "Command",
    "command": "Command",
    "esc": "Escape",
    "del": "Delete",
    "ins": "Insert",
    "alt": "Alt",
    "⌥": "Option",
    "opt": "Option",
    "⇧": "Shift",
    "shift": "Shift",
    "pgup": "Page Up",
    "pgdn": "Page Down",
    "bksp": "Backspace",
    "⏎": "Enter",
    "↵": "Enter",
    "enter": "Enter",
    "return": "Return",
    "tab": "Tab",
    "⇥": "Tab",
    "↑": "Up",
    "↓": "Down",
    "←": "Left",
    "→": "Right",
    "win": "Windows",
    "super": "Super",
    "fn": "Function",
}


def key_words(keys: str, plus: str = "plus") -> str:
    """`Ctrl+Shift+P` -> `Control plus Shift plus P`."""
    names = [KEY_NAMES.get(k.strip().lower(), k.strip()) for k in re.split(r"(?<=.)\+", keys) if k.strip()]
    return f" {plus} ".join(names)
