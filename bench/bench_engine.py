"""Engine speed on CPython: checklist load, audit, letters, per call. Prints figures; asserts nothing.

.venv/bin/python bench/bench_engine.py
"""

from __future__ import annotations

import datetime as dt
import json
import time
from pathlib import Path

from timing import per_call_ms

from checklist_engine import audit, doctor_letter, letter
from checklist_engine.bridge import handle
from checklist_engine.loader import DEFAULT, load_checklist

CASES = [json.loads(p.read_text()) for p in sorted((Path(__file__).parent.parent / "tests" / "cases").glob("*.json"))]
TODAY = dt.date(2026, 11, 27)


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
    requests = [
        json.dumps({"op": op, "answers": a, "today": TODAY.isoformat()})
        for a in answers
        for op in ("audit", "letter", "doctor_letter")
    ]
    together = [json.dumps({"op": "report_and_letters", "answers": a, "today": TODAY.isoformat()}) for a in answers]

    def three_bridge_calls():
        for r in requests:
            handle(r)

    def one_bridge_call():
        for r in together:
            handle(r)

    print(f"appeal + doctor letter, per pair: {per_call_ms(all_letters, number=20) / len(answers):.3f} ms")
    print(
        f"one live update through the bridge (JSON in and out), per answer set: "
        f"three ops {per_call_ms(three_bridge_calls, number=20) / len(answers):.3f} ms, "
        f"report_and_letters {per_call_ms(one_bridge_call, number=20) / len(answers):.3f} ms"
    )


if __name__ == "__main__":
    main()
