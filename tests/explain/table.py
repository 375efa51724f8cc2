"""Print the findings table for the golden letters: per field, expected values found / expected.

.venv/bin/python tests/explain/table.py
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parent.parent.parent))

from golden import letters  # noqa: E402

from checklist_engine.extract import explain  # noqa: E402


def main() -> None:
    expected, found, extra, absent_ok, absent = Counter(), Counter(), Counter(), Counter(), Counter()
    for _name, text, exp in letters():
        result = explain(text)
        by_field: dict[str, list] = {}
        for f in result["findings"]:
            by_field.setdefault(f["field"], []).append(f["value"])
        wanted: dict[str, set] = {}
        for field, value in exp.get("best", {}).items():
            wanted.setdefault(field, set()).add(repr(value))
        for field, values in exp.get("found", {}).items():
            wanted.setdefault(field, set()).update(repr(v) for v in values)
        for field, values in wanted.items():
            expected[field] += len(values)
            found[field] += len(values & {repr(v) for v in by_field.get(field, [])})
        for field, values in by_field.items():
            extra[field] += len({repr(v) for v in values} - wanted.get(field, set()))
        for field in exp.get("absent", []):
            absent[field] += 1
            absent_ok[field] += field not in by_field
    fields = sorted(set(expected) | set(absent), key=lambda f: (-expected[f], f))
    print("| field | found / expected | other values found (not in the expectations) | correctly absent |")
    print("|---|---|---|---|")
    for field in fields:
        print(
            f"| {field} | {found[field]} / {expected[field]} | {extra[field]} | {absent_ok[field]} / {absent[field]} |"
        )
    print(
        f"| **all** | {sum(found.values())} / {sum(expected.values())} | {sum(extra.values())} | "
        f"{sum(absent_ok.values())} / {sum(absent.values())} |"
    )


if __name__ == "__main__":
    main()
