"""Packages whose public names load on first use (PEP 562), so a command that does not need a stage's
heavy dependencies (numpy, onnxruntime, bs4, the speech tables) never imports them: `--help` and a
no-op sync stay well under a second."""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import Any


def exports(package: str, homes: dict[str, str]) -> Callable[[str], Any]:
    """A module `__getattr__` for `package`: each name in `homes` is imported from the submodule
    `homes[name]` when first asked for, then kept in the package's namespace."""

    def __getattr__(name: str) -> Any:
        home = homes.get(name)
        if home is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        module = import_module(package)
        value = getattr(import_module(f"{package}.{home}"), name)
        setattr(module, name, value)
        return value

    return __getattr__
