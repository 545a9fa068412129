"""Per-class pass rates of the normaliser on real written forms (tests/fixtures/speech/cases/*.tsv).

    .venv/bin/python benchmarks/speech_cases.py [--failures] [--only CLASS]
    PYTHONPATH=/path/to/old/src .venv/bin/python benchmarks/speech_cases.py   # an older checkout

A case passes when the voice would say our reading as a careful narrator would: both are phonemised
with the bundled voice's espeak-ng (post2pod/synth/phonemes.py of THIS checkout, loaded by path so an
older checkout's normaliser can be measured against the same judge) and compared sound for sound,
ignoring stress, pauses and the word "and" inside numbers ("one hundred and two" = "one hundred two").
"""

from __future__ import annotations

import argparse
import importlib.util
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "tests" / "fixtures" / "speech" / "cases"


def _load_judge():
    spec = importlib.util.spec_from_file_location("phonemes", ROOT / "src/post2pod/synth/phonemes.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


sounds_like = _load_judge().sounds_like


def _normaliser():
    """The checkout's normaliser as (written, language) -> spoken, whatever its API."""
    from post2pod.narrate.html.inline_code import code_words

    try:
        from post2pod.narrate.speech import normalize

        def run(text: str, language: str) -> str:
            return normalize(text, language)
    except ImportError:  # before narrate/speech existed
        from post2pod.narrate.normalize import normalize as old

        def run(text: str, language: str) -> str:
            return old(text, language == "en")

    def spoken(written: str, language: str) -> str:
        english = language == "en"
        text = re.sub(r"`([^`]+)`", lambda m: code_words(m.group(1), english), written)
        return run(text, language)

    return spoken


def read_cases(path: Path) -> list[tuple[str, list[str], str]]:
    """(written, acceptable readings, source) for each case of one file."""
    cases = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            written, spoken, source = line.split("\t")[:3]
            cases.append((written, [s.strip() for s in spoken.split("||")], source))
    return cases


def language_of(path: Path) -> str:
    return path.stem.removeprefix("lang-") if path.stem.startswith("lang-") else "en"


def evaluate(path: Path, spoken=None) -> tuple[int, list[tuple[str, str, list[str]]]]:
    """Cases in `path` and the failures: (written, our reading, acceptable readings)."""
    spoken = spoken or _normaliser()
    language = language_of(path)
    cases = read_cases(path)
    failures = []
    for written, readings, _source in cases:
        ours = spoken(written, language)
        if not sounds_like(ours, readings, language):
            failures.append((written, ours, readings))
    return len(cases), failures


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--failures", action="store_true", help="print every failing case")
    parser.add_argument("--only", help="one class (file stem), e.g. time or lang-de")
    args = parser.parse_args()
    spoken = _normaliser()
    total_cases = total_passed = 0
    for path in sorted(CASES.glob("*.tsv")):
        if args.only and path.stem != args.only:
            continue
        count, failures = evaluate(path, spoken)
        passed = count - len(failures)
        total_cases, total_passed = total_cases + count, total_passed + passed
        print(f"{path.stem:14} {passed:3}/{count:<3} {100 * passed / count:5.1f}%")
        if args.failures:
            for written, ours, readings in failures:
                print(f"    {written}\n      ours: {ours}\n      want: {' || '.join(readings)}")
    if total_cases:
        print(f"{'all':14} {total_passed:3}/{total_cases:<3} {100 * total_passed / total_cases:5.1f}%")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
