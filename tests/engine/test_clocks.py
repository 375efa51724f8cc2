"""Decision clocks (clocks.py): from the appeal file's events and the rules data."""

import copy
import datetime as dt
from importlib import resources

import pytest

from checklist_engine import audit
from checklist_engine.appeal_map import load_map, position
from checklist_engine.clocks import compute
from checklist_engine.events import check_events, load_format, parse_format
from checklist_engine.loader import ChecklistError
from checklist_engine.rules import load_rules

TODAY = dt.date(2026, 11, 27)
JOB = {"schema": 1, "plan_type": "employer", "plan_funding": "self_funded", "stage": "prior_authorization"}


def clocks(answers, events, today=TODAY, rules=None):
    good, errors = check_events(events)
    assert errors == []
    values = {k: v for k, v in answers.items() if k != "schema"}
    return compute(values, good, today, rules or load_rules()["rules"], position(values), load_map(), load_format())


def sent(date, level="internal_appeal", **more):
    return {"type": "appeal_sent", "date": date, "level": level, **more}


def test_a_rule_that_rolls_forward_moves_a_weekend_due_date_to_the_next_business_day():
    # No decision rule in rules.toml rolls forward today (legal-facts.md gives roll-forward only for
    # the external review filing deadline); the clock still honours the flag where the data sets it.
    rules = copy.deepcopy(load_rules()["rules"])
    rules["appeal_decision_pre_service"]["roll_forward"] = True
    # 2026-10-01 + 30 days = Saturday 2026-10-31 -> Monday 2026-11-02
    rolled = clocks(JOB, [sent("2026-10-01")], rules=rules)[0]
    assert rolled["date"] == "2026-11-02" and "weekend or federal holiday" in rolled["basis"]
    kept = clocks(JOB, [sent("2026-10-01")])[0]
    assert kept["date"] == "2026-10-31" and "weekend" not in kept["basis"]


def test_receipt_day_counts_when_known_and_the_time_only_on_the_day_it_was_sent():
    urgent = {**JOB, "urgent": True}
    same_day = clocks(urgent, [sent("2026-11-25", time="16:45", expedited=True, received_date="2026-11-25")])[0]
    assert (same_day["date"], same_day["time"]) == ("2026-11-28", "16:45")
    later = clocks(urgent, [sent("2026-11-25", time="16:45", expedited=True, received_date="2026-11-26")])[0]
    assert (later["date"], later["time"]) == ("2026-11-29", "00:00")
    assert "start of that day" in later["basis"]


def test_without_the_stage_the_shorter_time_is_used_and_said():
    job = {k: v for k, v in JOB.items() if k != "stage"}
    clock = clocks(job, [sent("2026-11-01")])[0]
    assert clock["rule"] == "appeal_decision_pre_service" and "shorter time" in clock["basis"]


def test_a_fast_request_about_a_scan_already_done_gets_the_usual_time():
    clock = clocks({**JOB, "stage": "claim", "urgent": True}, [sent("2026-11-01", expedited=True)])[0]
    assert clock["rule"] == "appeal_decision_post_service" and "usual time" in clock["basis"]


def test_a_decision_closes_only_requests_sent_before_it():
    events = [
        sent("2026-09-01", id="first"),
        {"type": "decision", "date": "2026-09-20", "outcome": "denied"},
        sent("2026-10-01", level="external_review", id="second"),
    ]
    by_id = {c["event_id"]: c for c in clocks({**JOB, "appeal_stage": "internal_denied"}, events)}
    assert by_id["first"]["status"] == "decided" and by_id["second"]["status"] == "passed"


def test_late_clocks_come_first_and_the_reports_clocks_are_the_same():
    events = [sent("2026-11-20", id="new"), sent("2026-09-01", id="old")]
    got = clocks(JOB, events)
    assert [c["event_id"] for c in got] == ["old", "new"] and got[0]["status"] == "passed"
    assert audit(JOB, TODAY, events=events)["clocks"] == got


def test_every_decision_rule_of_the_map_says_where_its_clock_starts_and_bad_data_is_named():
    fmt = load_format()
    counted = set(fmt.clocks["from_receipt"]) | set(fmt.clocks["from_request"])
    assert {rule for level in load_map().levels.values() for _, rule in level.decision} <= counted
    text = resources.files("checklist_engine").joinpath("data/events.toml").read_text("utf-8")
    rules = load_rules()["rules"]
    levels = {lid: lvl.name for lid, lvl in load_map().levels.items()}
    with pytest.raises(ChecklistError, match="'nope' is not a decision rule"):
        parse_format(text.replace('from_request = ["fair_hearing_decision"]', 'from_request = ["nope"]'), levels, rules)
    with pytest.raises(ChecklistError, match="'moon' is not an appeal level"):
        parse_format(text.replace("\n[clocks.late]\n", '\n[clocks.late]\nmoon = "x"\n'), levels, rules)
