"""What the report says about the plan's own conduct: late first decisions, said no firmer than the
rules allow (extensions, urgent requests, Medicaid's rating periods)."""

from __future__ import annotations

import datetime as dt

import pytest

from checklist_engine import audit

TODAY = dt.date(2026, 11, 27)


def late(plan: str, asked: str, decided: str, **more) -> str | None:
    answers = {
        "schema": 1,
        "stage": "prior_authorization",
        "plan_type": plan,
        "denial_reason": "medical_necessity",
        "request_date": asked,
        "denial_date": decided,
        **more,
    }
    found = [f for f in audit(answers, TODAY)["findings"] if f["id"] == "late_decision"]
    return found[0]["title"] if found else None


@pytest.mark.parametrize(
    "plan, asked, decided, more, title",
    [
        ("employer", "2026-10-01", "2026-11-10", {}, "The plan decided late"),  # 40 days > 15 + 15
        ("employer", "2026-10-20", "2026-11-10", {}, "The plan may have decided late"),  # 21 days: within the extension
        ("employer", "2026-11-01", "2026-11-10", {}, None),  # 9 days <= 15
        (
            "employer",
            "2026-11-01",
            "2026-11-10",
            {"urgent": True},
            "The plan may have decided late",
        ),  # > 72 hours, if sent as urgent
        (
            "medicare_advantage",
            "2026-11-01",
            "2026-11-12",
            {},
            "The plan may have decided late",
        ),  # 11 days: 7 + up to 14
        ("medicare_advantage", "2026-10-01", "2026-10-30", {}, "The plan decided late"),  # 29 days > 7 + 14
        (
            "medicaid",
            "2026-10-01",
            "2026-10-30",
            {},
            "The plan may have decided late",
        ),  # rating periods: never firm in 2026
        ("medicare_advantage", "2025-12-01", "2026-01-05", {}, None),  # asked before the 7-day rule
    ],
)
def test_a_late_first_decision_is_said_no_firmer_than_the_rules(plan, asked, decided, more, title):
    assert late(plan, asked, decided, **more) == title


def test_the_message_counts_from_the_doctors_request_and_names_the_pause():
    answers = {
        "schema": 1,
        "stage": "prior_authorization",
        "plan_type": "employer",
        "denial_reason": "medical_necessity",
        "request_date": "2026-10-01",
        "denial_date": "2026-11-10",
    }
    finding = next(f for f in audit(answers, TODAY)["findings"] if f["id"] == "late_decision")
    assert finding["message"].startswith("The denial is dated 40 days after your doctor asked.")
    assert "pause while a plan waits for records" in finding["message"]
    assert "147.136(b)(2)(ii)(F)" in finding["what_to_do"]


def test_a_review_decision_dated_before_the_appeal_decision_is_refused_naming_it():
    from checklist_engine import AnswersError

    answers = {
        "schema": 1,
        "plan_type": "medicare_advantage",
        "appeal_stage": "review_denied",
        "denial_date": "2026-08-01",
        "final_denial_date": "2026-10-01",
        "review_denial_date": "2026-09-01",
    }
    with pytest.raises(AnswersError) as caught:
        audit(answers, TODAY)
    assert caught.value.question == "review_denial_date"
