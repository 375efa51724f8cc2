"""Timing shared by the benchmarks (imported by bench/bench_*.py, which run as scripts from bench/)."""

from __future__ import annotations

import statistics
import time


def per_call_ms(fn, repeat: int = 5, number: int = 50) -> float:
    """Median over `repeat` runs of the mean time of one call, in milliseconds, over `number` calls."""
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        for _ in range(number):
            fn()
        runs.append((time.perf_counter() - started) * 1000 / number)
    return statistics.median(runs)
