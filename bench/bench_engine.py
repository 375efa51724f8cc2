"""Engine speed on CPython: checklist load, audit, letters, per call. Prints figures; asserts nothing.

    .venv/bin/python bench/bench_engine.py
"""

from __future__ import annotations

import datetime as dt
import json
import statistics
import time
from pathlib import Path

from checklist_engine import audit, doctor_letter, letter
from checklist_engine.loader import DEFAULT, load_checklist

CASES = [json.loads(p.read_text()) for p in sorted((Path(__file__).parent.parent / "tests" / "cases").glob("*.json"))]
TODAY = dt.date(2026, 11, 27)


def per_call_ms(fn, repeat: int = 5, number: int = 50) -> float:
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        for _ in range(number):
            fn()
        runs.append((time.perf_counter() - started) * 1000 / number)
    return statistics.median(runs)


def main() -> None:
    assert CASES, "no golden cases in tests/cases"
    packaged = Path(__file__).parent.parent / "checklist_engine" / DEFAULT
    started = time.perf_counter()
    load_checklist(packaged)  # a path: parsed and validated afresh, not the cached copy
    print(f"checklist load + validation (cold): {(time.perf_counter() - started) * 1000:.1f} ms")
    answers = [c["answers"] for c in CASES]

    def all_audits():
        for a in answers:
            audit(a, TODAY)

    def all_letters():
        for a in answers:
            letter(a, TODAY)
            doctor_letter(a, TODAY)

    print(f"audit, per call (mean over {len(answers)} cases): {per_call_ms(all_audits) / len(answers):.3f} ms")
    print(f"appeal + doctor letter, per pair: {per_call_ms(all_letters, number=20) / len(answers):.3f} ms")


if __name__ == "__main__":
    main()
