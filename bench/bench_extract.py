"""Denial-letter extractor speed: per letter on CPython and under Pyodide in Node. Prints figures;
asserts nothing.

    .venv/bin/python bench/bench_extract.py
"""

from __future__ import annotations

import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "explain"))

from golden import letters  # noqa: E402
from timing import per_call_ms  # noqa: E402

from checklist_engine.extract import DEFAULT, explain, load_rules  # noqa: E402

LETTERS = letters()


def pyodide_ms_per_letter() -> str:
    node = shutil.which("node")
    if not node:
        return "skipped (no node)"
    from sitebuild.pyodide_runtime import ensure_runtime
    from sitebuild.wheel import build_engine_wheel

    with tempfile.TemporaryDirectory() as tmp:
        wheel = build_engine_wheel(Path(tmp))
        started = time.perf_counter()
        proc = subprocess.run(
            [node, str(ROOT / "tests" / "explain" / "run_letters.mjs"), str(ensure_runtime()), str(wheel)],
            capture_output=True,
            text=True,
            check=False,
        )
        total = time.perf_counter() - started
    if proc.returncode != 0:
        return f"failed: {proc.stderr.strip()[-300:]}"
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    return (
        f"{result['ms_per_letter']:.2f} ms per letter (Python {result['python']}, {result['letters']} letters; "
        f"boot + golden check + timing run {total:.1f} s)"
    )


def main() -> None:
    assert LETTERS, "no golden letters in tests/explain/letters"
    started = time.perf_counter()
    load_rules(ROOT / "checklist_engine" / DEFAULT)  # a path: parsed and validated afresh
    print(
        f"rules load + validation (cold, includes the checklist it checks against): "
        f"{(time.perf_counter() - started) * 1000:.1f} ms"
    )
    rules = load_rules()
    times = []
    for name, text, _ in LETTERS:
        times.append((per_call_ms(lambda text=text: explain(text, rules), number=20), name, len(text)))
    values = [t for t, _, _ in times]
    print(
        f"CPython {sys.version.split()[0]}, per letter over {len(LETTERS)} letters: median {statistics.median(values):.3f} ms, "
        f"min {min(values):.3f} ms, max {max(values):.3f} ms ({max(times)[1]}, {max(times)[2]} chars)"
    )
    biggest = (LETTERS[0][1] + "\n") * (rules.max_chars // (len(LETTERS[0][1]) + 1) + 1)
    print(
        f"a text at the {rules.max_chars:,}-character limit: {per_call_ms(lambda: explain(biggest, rules), 3, 1):.1f} ms"
    )
    junk = "\x00\xff MRI within 60 days " * 50000
    print(
        f"a 1 MB binary-looking text (read up to the limit): {per_call_ms(lambda: explain(junk, rules), 3, 1):.1f} ms"
    )
    print(f"Pyodide in Node: {pyodide_ms_per_letter()}")


if __name__ == "__main__":
    main()
