"""The request letters read right for who decided: Original Medicare readers ask the Medicare
contractor for the coverage rules used (a National or Local Coverage Determination) and their case
file; readers whose Medicaid is paid by the state ask the state for its rules; plan readers ask the
plan. The request to move or extend an approval is offered only when the denial is about that."""

from __future__ import annotations

import datetime as dt

import pytest

from checklist_engine import audit, letter

TODAY = dt.date(2026, 11, 27)
BASE = {"schema": 1, "stage": "claim", "denial_reason": "medical_necessity", "denial_date": "2026-11-02", "scan": "mri"}
MEDICARE = {**BASE, "plan_type": "traditional_medicare"}
STATE_MEDICAID = {
    **BASE,
    "stage": "prior_authorization",
    "plan_type": "medicaid",
    "medicaid_delivery": "fee_for_service",
}
JOB = {**BASE, "plan_type": "employer", "plan_funding": "self_funded"}


def offered(answers: dict) -> dict[str, str]:
    return {entry["kind"]: entry["title"] for entry in audit(answers, TODAY)["letters"]}


def test_original_medicare_asks_the_contractor_for_the_coverage_rules_and_the_case_file():
    criteria = letter(MEDICARE, TODAY, kind="request_criteria")
    assert "Medicare contractor on your Medicare Summary Notice" in criteria
    assert "National Coverage Determination or a Local Coverage Determination" in criteria
    assert "Medicare number:" in criteria
    case_file = letter(MEDICARE, TODAY, kind="request_claim_file")
    assert "case file" in case_file and "claim file" not in case_file
    for text in (criteria, case_file):
        assert "plan" not in text.lower(), "Original Medicare has no plan that decided"
        assert "[Name of your health plan]" not in text
    assert offered(MEDICARE)["request_criteria"] == "Request for the Medicare coverage rules used"


def test_medicaid_paid_by_the_state_asks_the_state_for_its_rules():
    criteria = letter(STATE_MEDICAID, TODAY, kind="request_criteria")
    assert "State Medicaid agency" in criteria and "state Medicaid rules" in criteria
    assert "criteria" not in criteria.lower() and "plan" not in criteria.lower()
    assert "Medicaid ID:" in criteria
    assert offered(STATE_MEDICAID)["request_criteria"] == "Request for the state's rules used"


def test_a_plan_reader_still_asks_the_plan_for_its_criteria():
    criteria = letter(JOB, TODAY, kind="request_criteria")
    assert "criteria you used" in criteria and "[Name of your health plan]" in criteria
    assert "2560.503-1" in criteria  # the job-based right to the documents, with its citation


@pytest.mark.parametrize(
    ("reason", "offered_too"),
    [
        ("out_of_network", True),
        ("authorization_expired", True),
        ("medical_necessity", False),
        ("conservative_treatment", False),
    ],
)
def test_the_request_to_move_or_extend_an_approval_is_offered_only_when_it_fits(reason, offered_too):
    answers = {**JOB, "stage": "prior_authorization", "denial_reason": reason}
    assert ("request_new_authorization" in offered(answers)) is offered_too
