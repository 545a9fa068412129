"""The architecture holds: no stage imports another stage; only `pipeline` composes them."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).parents[1] / "src" / "post2pod"
STAGES = ("fetch", "narrate", "synth", "assemble", "publish")
LEAVES = ("models", "errors", "config", "workspace", "categories")  # shared; they import no stage


def _modules(name: str) -> list[Path]:
    package = SRC / name
    return sorted(package.rglob("*.py")) if package.is_dir() else [SRC / f"{name}.py"]


def _imported(path: Path) -> set[str]:
    """The post2pod top-level names a module imports (`post2pod.fetch.http` -> "fetch")."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            modules = [node.module]
            if node.module == "post2pod":
                modules = [f"post2pod.{alias.name}" for alias in node.names]
        else:
            continue
        for module in modules:
            parts = module.split(".")
            if parts[0] == "post2pod" and len(parts) > 1:
                names.add(parts[1])
    return names


@pytest.mark.parametrize("stage", STAGES)
def test_a_stage_imports_no_other_stage(stage: str):
    modules = _modules(stage)
    assert modules, f"no modules found for {stage}"
    for path in modules:
        others = _imported(path) & (set(STAGES) - {stage})
        assert not others, f"{path.relative_to(SRC)} imports the stage(s) {sorted(others)}"


@pytest.mark.parametrize("leaf", [leaf for leaf in LEAVES if _modules(leaf)[0].exists()])
def test_a_shared_module_imports_no_stage(leaf: str):
    for path in _modules(leaf):
        assert not _imported(path) & {*STAGES, "pipeline", "cli"}, path.name


def test_the_check_sees_imports():  # `from post2pod import fetch` and `post2pod.fetch.x` both count
    sample = SRC / "pipeline" / "run.py"
    assert {"fetch", "synth", "publish"} <= _imported(sample)
