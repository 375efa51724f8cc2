"""The appeal file's events: the format is data, the engine is the one validator."""

import json
import subprocess
import sys

import pytest

from checklist_engine import check_events
from checklist_engine.bridge import handle
from checklist_engine.events import event_schema, load_format

HOSTILE = ["<img src=x onerror=alert(1)>", "\u202eevil\u202c \u200fשלום", "x" * 2000, "'; DROP TABLE events; --"]
CALL = {"type": "call", "date": "2026-11-20", "who": "plan"}


def test_a_good_event_of_every_type_passes_cleaned():
    events, errors = check_events(
        [
            {**CALL, "time": "09:05", "number": " 1-800-555-0100 ", "said": "They need the notes."},
            {
                "type": "document",
                "date": "2026-11-21",
                "direction": "sent",
                "what": "Appeal letter",
                "how": "fax",
                "proof": "OK 3 pages",
            },
            {
                "type": "appeal_sent",
                "date": "2026-11-21",
                "level": "internal_appeal",
                "received_date": "2026-11-23",
                "expedited": True,
            },
            {"type": "decision", "date": "2026-12-01", "outcome": "partly"},
            {"type": "promise", "date": "2026-11-20", "who": "doctor", "what": "Letter", "by": "2026-11-30"},
        ]
    )
    assert errors == []
    assert [e["type"] for e in events] == ["call", "document", "appeal_sent", "decision", "promise"]
    assert events[0]["number"] == "1-800-555-0100"  # trimmed


@pytest.mark.parametrize("field", ["number", "rep_name", "reference", "said", "promised", "note"])
@pytest.mark.parametrize("text", HOSTILE[:2] + HOSTILE[3:])
def test_hostile_text_stays_text_in_every_text_field(field, text):
    events, errors = check_events([{**CALL, field: text}])
    assert errors == [] and events[0][field] == text.strip()


@pytest.mark.parametrize(
    "event, field, words",
    [
        ({**CALL, "said": "x" * 2001}, "said", "at most 2,000"),
        ({**CALL, "number": "1" * 41}, "number", "at most 40"),
        ({**CALL, "date": "2026-02-30"}, "date", "not a date"),
        ({**CALL, "date": "1850-01-01"}, "date", "not a date"),
        ({**CALL, "time": "25:00"}, "time", "not a time"),
        ({**CALL, "who": "the moon"}, "who", "not one of"),
        ({"type": "call", "date": "2026-11-20"}, "who", "is required"),
        ({**CALL, "promised_by": "2026-11-01"}, "promised_by", "before the event's date"),
        ({**CALL, "colour": "red"}, "colour", "not a field"),
        ({**CALL, "said": ["<b>"]}, "said", "expected text"),
        ({"type": "appeal_sent", "date": "2026-11-20", "level": "supreme_court"}, "level", "not an appeal step"),
        (
            {"type": "appeal_sent", "date": "2026-11-20", "level": "internal_appeal", "expedited": "yes"},
            "expedited",
            "true or false",
        ),
        ({"type": "teleport", "date": "2026-11-20"}, "type", "not one of"),
        ({**CALL, "id": "<script>"}, "id", "letters, digits"),
    ],
)
def test_errors_name_the_event_its_type_and_the_field(event, field, words):
    events, errors = check_events([CALL, event])
    assert events == [CALL]  # the good event is kept
    assert len(errors) == 1
    error = errors[0]
    assert error["index"] == 1 and error["field"] == field and words in error["problem"]
    assert error["message"].startswith("Event 2") and field in error["message"]


def test_the_whole_list_is_checked_not_just_the_first_problem():
    events, errors = check_events([5, {**CALL, "id": "a"}, {**CALL, "id": "a"}, None])
    assert [(e["index"], e["field"]) for e in errors] == [(0, None), (2, "id"), (3, None)]
    assert events == [{**CALL, "id": "a"}]


def test_not_a_list_and_too_many():
    assert check_events({"type": "call"})[1][0]["message"] == "The events: events must be a list"
    limit = load_format().max_events
    events, errors = check_events([CALL] * (limit + 1))
    assert len(events) == limit and "at most" in errors[0]["message"]
    assert check_events(None) == ([], [])


def test_the_schema_gives_the_page_every_field_and_the_level_names():
    schema = event_schema()
    assert {t["id"] for t in schema["types"]} == {"call", "document", "appeal_sent", "decision", "promise"}
    levels = {o["id"]: o["label"] for o in schema["fields"]["level"]["options"]}
    assert levels["internal_appeal"] == "Internal appeal" and "ma_reconsideration" in levels
    assert schema["fields"]["said"]["max"] == 2000
    for t in schema["types"]:
        assert all(f in schema["fields"] for f in t["fields"])


def test_bridge_events_op_and_audit_carries_bad_events_without_failing():
    out = json.loads(handle(json.dumps({"op": "events", "events": [CALL, {"type": "call"}]})))
    assert out["ok"] and out["result"]["events"] == [CALL]
    assert [e["field"] for e in out["result"]["errors"]] == ["date", "who"]
    report = json.loads(
        handle(json.dumps({"op": "audit", "answers": {}, "today": "2026-11-27", "events": [{"type": "call"}]}))
    )
    assert report["ok"] and report["result"]["event_errors"][0]["index"] == 0
    assert json.loads(handle('{"op": "event_schema"}'))["result"]["schema"] == 1


def test_cli_clocks_prints_them_and_bad_events_exit_2(tmp_path):
    good = tmp_path / "file.json"
    good.write_text(
        json.dumps(
            {
                "app": "second-look",
                "answers": {"schema": 1, "plan_type": "individual", "stage": "claim"},
                "events": [{"type": "appeal_sent", "date": "2026-11-02", "level": "internal_appeal"}],
            }
        )
    )
    run = subprocess.run(
        [sys.executable, "-m", "checklist_engine", "clocks", str(good), "--today", "2026-11-27"],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    assert "Decision due by Friday, January 1, 2027 (in 35 days)" in run.stdout
    assert "29 CFR 2560.503-1(i)(2)(iii)" in run.stdout and "Check the date on your own denial notice" in run.stdout
    bad = tmp_path / "bad.json"
    bad.write_text(
        json.dumps({"answers": {}, "events": [{"type": "call", "date": "2026-11-02", "who": "plan", "said": 7}]})
    )
    run = subprocess.run([sys.executable, "-m", "checklist_engine", "clocks", str(bad)], capture_output=True, text=True)
    assert run.returncode == 2 and run.stderr.count("\n") == 1
    assert "Event 1 (call): said: expected text" in run.stderr
