"""`make bench`: run every bench/bench_*.py in turn and print their figures. Not a test."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BENCHES = sorted(Path(__file__).parent.glob("bench_*.py"))


def main(argv: list[str]) -> int:
    chosen = [b for b in BENCHES if not argv or b.stem.removeprefix("bench_") in argv]
    if not chosen:
        print(f"no such benchmark; choose from: {', '.join(b.stem.removeprefix('bench_') for b in BENCHES)}")
        return 2
    failed = 0
    for bench in chosen:
        print(f"\n== {bench.stem} ==", flush=True)
        failed |= subprocess.run([sys.executable, str(bench)], check=False).returncode
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
