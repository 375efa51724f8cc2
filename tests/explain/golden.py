"""The golden denial letters (tests/explain/letters/*.txt) and their expected findings (*.json).

Every letter is invented for the tests (no real person's letter), modelled on public notice formats.
Each .json holds:
  "best":    field -> the value the extractor should rank first for that field;
  "found":   field -> values that must all be among the findings for that field;
  "absent":  fields that must have no finding at all (for example no date in an undated letter);
  "missing": fields the result must tell the reader to look for (optional);
  "deadline_dates": the dates the stated deadlines become, counted from the letter's date (optional:
             {"within 60 days": "2026-12-04"}, the value as written -> ISO date, or null for none).
`check_letter` is pure Python so the same check runs on CPython and under Pyodide.
"""

from __future__ import annotations

import json
from pathlib import Path

LETTERS = Path(__file__).parent / "letters"


def letters() -> list[tuple[str, str, dict]]:
    """(name, text, expected) for every letter, in name order."""
    out = []
    for txt in sorted(LETTERS.glob("*.txt")):
        expected = json.loads(txt.with_suffix(".json").read_text("utf-8"))
        out.append((txt.stem, txt.read_text("utf-8"), expected))
    return out


def check_letter(name: str, text: str, expected: dict, result: dict) -> list[str]:
    """Every way the result differs from the expected findings, as readable lines."""
    problems = []
    by_field: dict[str, list] = {}
    for f in result["findings"]:
        by_field.setdefault(f["field"], []).append(f["value"])
        if text[f["start"] : f["end"]] != f["quote"]:
            problems.append(f"{name}: {f['field']}: the quote is not the text at its span")
    for field, value in expected.get("best", {}).items():
        if result["best"].get(field) != value:
            problems.append(
                f"{name}: best {field}: expected {value!r}, got {result['best'].get(field)!r} "
                f"(all: {by_field.get(field)})"
            )
    for field, values in expected.get("found", {}).items():
        for value in values:
            if value not in by_field.get(field, []):
                problems.append(f"{name}: {field}: expected {value!r} among {by_field.get(field)}")
    for field in expected.get("absent", []):
        if field in by_field:
            problems.append(f"{name}: {field}: expected nothing, got {by_field[field]}")
    dates = {f["value"]: f.get("iso") for f in result["findings"] if f["field"] == "stated_deadline"}
    for written, iso in expected.get("deadline_dates", {}).items():
        if written not in dates:
            problems.append(f"{name}: deadline_dates: no stated deadline {written!r} among {sorted(dates)}")
        elif dates[written] != iso:
            problems.append(f"{name}: deadline {written!r}: expected the date {iso!r}, got {dates[written]!r}")
    missing = [m["field"] for m in result["missing"]]
    for field in expected.get("missing", []):
        if field not in missing:
            problems.append(f"{name}: missing: expected a 'look for' message for {field!r}, got {missing}")
    return problems
