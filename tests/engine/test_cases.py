"""The golden cases in tests/cases, on CPython. The same files run under Pyodide (test_pyodide_node.py)."""

import json
from pathlib import Path

import pytest

from checklist_engine.cases import check_case

CASES = sorted((Path(__file__).parent.parent / "cases").glob("*.json"))
assert CASES, "no golden cases found in tests/cases"


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_case(path):
    assert check_case(json.loads(path.read_text())) == []


def test_a_wrong_expectation_is_caught():
    case = json.loads(CASES[0].read_text())
    case["expect"] = {"ready": not check_case_ready(case)}
    assert check_case(case) != []


def check_case_ready(case) -> bool:
    import datetime as dt

    from checklist_engine import audit

    return audit(case["answers"], dt.date.fromisoformat(case["today"]))["ready"]
