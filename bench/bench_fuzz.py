"""Fuzz the bridge and the command line with 10,000 hostile inputs each (tests/engine/fuzzing.py):
counts of answers, plain errors, internal errors and tracebacks. Asserts nothing; a failing check
is counted and its first example printed.

    .venv/bin/python bench/bench_fuzz.py [CASES]
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "engine"))
from fuzzing import bridge_requests, check_bridge, check_cli, cli_inputs  # noqa: E402


def run(name: str, strategy, check, cases: int) -> None:
    counts: Counter = Counter()
    first_failure: list[str] = []

    @settings(
        max_examples=cases,
        deadline=None,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def one(case):
        counts["cases"] += 1
        try:
            outcome = check(*case) if isinstance(case, tuple) else check(case)
        except AssertionError as exc:
            counts["FAILED (internal error or traceback)"] += 1
            if not first_failure:
                first_failure.append(repr(exc)[:500])
            return
        except Exception as exc:  # an exception escaping the bridge or the CLI: a traceback
            counts["FAILED (exception escaped)"] += 1
            if not first_failure:
                first_failure.append(f"{type(exc).__name__}: {exc}"[:500])
            return
        if isinstance(outcome, dict):
            counts["answered" if outcome["ok"] else "plain error"] += 1
        else:
            counts["exit 0" if outcome == 0 else "exit 2, one line"] += 1

    started = time.perf_counter()
    one()
    seconds = time.perf_counter() - started
    print(
        f"{name}: {counts['cases']} cases in {seconds:.1f} s: "
        + ", ".join(f"{k} {v}" for k, v in counts.items() if k != "cases")
    )
    for failure in first_failure:
        print(f"  first failure: {failure}")


def main(argv: list[str]) -> int:
    cases = int(argv[0]) if argv else 10_000
    run("bridge", bridge_requests(), check_bridge, cases)
    run("command line", cli_inputs(), check_cli, cases)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
