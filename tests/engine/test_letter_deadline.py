"""The deadline a denial letter states: a relative one becomes a date, and the report shows it beside
the computed one (the golden cases letter_deadline_*.json hold the dates; these are the edges)."""

from __future__ import annotations

import json

from checklist_engine import explain
from checklist_engine.bridge import handle

MA = {
    "schema": 1,
    "stage": "prior_authorization",
    "plan_type": "medicare_advantage",
    "denial_reason": "conservative_treatment",
    "denial_date": "2026-11-02",
}


def stated(text: str) -> list[dict]:
    return [f for f in explain(text)["findings"] if f["field"] == "stated_deadline"]


def test_a_relative_deadline_counts_from_the_letters_date_and_says_from_what():
    [found] = stated(
        "Date of this notice: March 3, 2027\nYou must ask for an appeal within 65 days of receiving this notice."
    )
    assert (found["iso"], found["from_date"], found["counts_from"]) == ("2027-05-07", "2027-03-03", "receipt")


def test_no_letter_date_or_business_days_give_no_date():
    [undated] = stated("You must ask for an appeal within 65 days from the date of this notice.")
    assert undated["iso"] is None
    [business] = stated("Date: March 3, 2027\nYou must file your appeal within 10 business days of this notice.")
    assert business["iso"] is None


def test_the_bridge_refuses_a_stated_deadline_that_is_not_a_date_and_names_it():
    for bad in (
        {"date": "soon"},
        "2026-12-20",
        {"date": "2026-12-20", "as_written": "x" * 201},
        {"date": "2026-12-20", "extra": 1},
    ):
        reply = json.loads(
            handle(
                json.dumps({"op": "report_and_letters", "answers": MA, "today": "2026-11-27", "letter_deadline": bad})
            )
        )
        assert not reply["ok"] and reply["question"] == "letter_deadline", bad


def test_the_report_and_letters_carry_the_stated_deadline_only_when_given():
    base = {"op": "report_and_letters", "answers": MA, "today": "2026-11-27"}
    assert json.loads(handle(json.dumps(base)))["result"]["report"]["letter_deadline"] is None
    given = {**base, "letter_deadline": {"date": "2026-12-20", "as_written": "no later than December 20, 2026"}}
    shown = json.loads(handle(json.dumps(given)))["result"]["report"]["letter_deadline"]
    assert (
        shown["use"] == "2026-12-20"
        and "December 20, 2026" in shown["message"]
        and "January 6, 2027" in shown["message"]
    )
