"""The report has exactly the shape report_types.py declares, for every golden case: a field added,
renamed or dropped in audit.py without the contract changing too fails here."""

from __future__ import annotations

import json
import typing
from pathlib import Path

import pytest

from checklist_engine import report_types as types
from checklist_engine.cases import case_report

CASES = sorted((Path(__file__).parent.parent / "cases").glob("*.json"))


def check(value: dict, shape: type, where: str) -> None:
    hints = typing.get_type_hints(shape)
    assert set(value) == set(hints), f"{where}: {sorted(set(value) ^ set(hints))}"
    for key, hint in hints.items():
        allowed = [a for arg in typing.get_args(hint) for a in (typing.get_args(arg) or [arg])]
        if typing.get_origin(hint) is typing.Literal:
            assert value[key] in typing.get_args(hint), f"{where}.{key}: {value[key]!r}"
        elif any(typing.get_origin(a) is typing.Literal for a in typing.get_args(hint)):
            assert value[key] is None or value[key] in allowed, f"{where}.{key}: {value[key]!r}"


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_the_report_has_its_declared_shape(path: Path):
    case = json.loads(path.read_text())
    report = case_report(case)
    check(report, types.Report, "report")
    check(report["appeal"], types.Appeal, "appeal")
    for d in report["deadlines"] + ([report["appeal"]["by"]] if report["appeal"]["by"] else []):
        check(d, types.Deadline, f"deadline {d['id']}")
    for item in report["items"]:
        check(item, types.Item, f"item {item['id']}")
    for step in report["next_steps"]:
        check(step, types.Step, "next step")
    for ref in report["letters"]:
        check(ref, types.LetterRef, "letter")
    for clock in report["clocks"]:
        check(clock, types.Clock, f"clock {clock['id']}")
    for error in report["event_errors"]:
        check(error, types.EventError, "event error")
    if report["letter_deadline"]:
        check(report["letter_deadline"], types.LetterDeadline, "letter deadline")
