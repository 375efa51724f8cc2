"""Deadlines against dates computed by hand (see each comment)."""

import datetime as dt

import pytest

from checklist_engine import audit, deadlines, load_rules
from checklist_engine.calendar_us import add_months, federal_holidays, roll_forward
from checklist_engine.deadlines import entry

D = dt.date
RULES = load_rules()["rules"]


@pytest.mark.parametrize(
    "start, months, expected",
    [
        (D(2025, 10, 30), 4, D(2026, 3, 1)),  # no February 30 -> March 1
        (D(2025, 10, 31), 4, D(2026, 3, 1)),  # no February 31 -> March 1
        (D(2023, 10, 29), 4, D(2024, 2, 29)),  # leap year: February 29 exists
        (D(2025, 10, 29), 4, D(2026, 3, 1)),  # not a leap year
        (D(2025, 8, 31), 4, D(2025, 12, 31)),
        (D(2025, 11, 15), 4, D(2026, 3, 15)),  # across the year end
        (D(2025, 9, 30), 4, D(2026, 1, 30)),
    ],
)
def test_months_with_the_missing_day_rule(start, months, expected):
    assert add_months(start, months) == expected


def test_federal_holidays_2026():
    assert federal_holidays(2026) == {
        D(2026, 1, 1),
        D(2026, 1, 19),
        D(2026, 2, 16),
        D(2026, 5, 25),
        D(2026, 6, 19),
        D(2026, 7, 3),  # July 4 is a Saturday: observed Friday
        D(2026, 9, 7),
        D(2026, 10, 12),
        D(2026, 11, 11),
        D(2026, 11, 26),
        D(2026, 12, 25),
    }


def test_new_year_on_a_saturday_is_observed_the_friday_before():
    assert D(2021, 12, 31) in federal_holidays(2021)  # January 1, 2022 was a Saturday


def test_juneteenth_only_from_2021():
    assert D(2020, 6, 19) not in federal_holidays(2020)
    assert D(2023, 6, 19) in federal_holidays(2023)


@pytest.mark.parametrize(
    "day, expected",
    [
        (D(2026, 3, 2), D(2026, 3, 2)),  # Monday: stays
        (D(2026, 2, 28), D(2026, 3, 2)),  # Saturday -> Monday
        (D(2026, 1, 17), D(2026, 1, 20)),  # Saturday, Sunday, then MLK Day -> Tuesday
        (D(2026, 11, 26), D(2026, 11, 27)),  # Thanksgiving -> Friday
    ],
)
def test_roll_forward(day, expected):
    assert roll_forward(day) == expected


def test_a_rule_that_rolls_forward_moves_a_holiday_to_the_next_business_day():
    rolling = {**RULES["external_review_file"], "roll_forward": True}
    # 2026-01-19 is a federal holiday (MLK Day).
    review = entry("external_review_file", rolling, D(2025, 9, 19), "x", D(2025, 10, 1))
    assert review["date"] == "2026-01-20" and "next business day" in review["basis"]


def test_external_review_and_internal_appeal_dates_never_move_to_a_later_day():
    # The federal process moves a weekend or holiday deadline; a state process may not. The reader's
    # process is often unknown, so the earliest date is shown, with the rule in the note.
    review = entry("external_review_file", RULES["external_review_file"], D(2025, 9, 19), "x", D(2025, 10, 1))
    assert review["date"] == "2026-01-19" and "state process may not move it" in review["note"]
    # July 22, 2026 + 180 days = January 18, 2027, MLK Day: this rule does not roll.
    appeal = entry("internal_appeal_file", RULES["internal_appeal_file"], D(2026, 7, 22), "x", D(2026, 8, 1))
    assert appeal["date"] == "2027-01-18"


def test_traditional_medicare_adds_five_days_for_receipt():
    # 2026-09-01 + 5 + 120 days = 2027-01-04.
    d = entry("tm_redetermination_file", RULES["tm_redetermination_file"], D(2026, 9, 1), "x", D(2026, 9, 2))
    assert d["date"] == "2027-01-04" and "5 days" in d["basis"]


def test_medicare_advantage_is_65_days_from_the_notice():
    d = entry("ma_reconsideration_file", RULES["ma_reconsideration_file"], D(2026, 11, 2), "x", D(2026, 11, 24))
    assert (d["date"], d["days_left"], d["status"], d["citation"]) == (
        "2027-01-06",
        43,
        "upcoming",
        "42 CFR 422.582(b)",
    )


def test_hours_have_no_date_and_status_today_and_passed():
    assert (
        entry("appeal_decision_urgent", RULES["appeal_decision_urgent"], D(2026, 1, 1), "x", D(2026, 1, 1))["date"]
        is None
    )
    d = entry("medicaid_plan_appeal_file", RULES["medicaid_plan_appeal_file"], D(2026, 10, 1), "x", D(2026, 11, 30))
    assert d["status"] == "today" and "vary by state" in d["note"]
    d = entry("medicaid_plan_appeal_file", RULES["medicaid_plan_appeal_file"], D(2026, 10, 1), "x", D(2026, 12, 1))
    assert d["status"] == "passed" and d["days_left"] == -1


@pytest.mark.parametrize(
    "plan", ["employer", "individual", "medicare_advantage", "traditional_medicare", "medicaid", "unknown"]
)
def test_every_plan_gets_a_filing_deadline_with_a_citation(plan):
    report = audit(
        {"plan_type": plan, "denial_date": "2026-11-01", "denial_reason": "medical_necessity"}, D(2026, 11, 2)
    )
    filing = [d for d in report["deadlines"] if d["kind"] == "file" and d["date"]]
    assert filing and all(d["citation"] for d in report["deadlines"])
    assert report["check_notice"].startswith("Check the date on your own denial notice")


def test_unknown_plan_is_never_presented_as_fact():
    report = audit({"plan_type": "unknown", "denial_date": "2026-11-01"}, D(2026, 11, 2))
    assert all("don't know your plan type" in (d["note"] or "") for d in report["deadlines"] if d["kind"] == "file")


def test_a_holiday_on_a_sunday_is_observed_the_monday_after():
    # July 4, 2021 and December 25, 2022 were Sundays (the rule: calendar_us.py, 5 U.S.C. 6103).
    assert D(2021, 7, 5) in federal_holidays(2021) and D(2021, 7, 4) not in federal_holidays(2021)
    assert D(2022, 12, 26) in federal_holidays(2022)
    assert roll_forward(D(2022, 12, 24)) == D(2022, 12, 27)


def test_a_self_funded_plans_external_review_says_it_is_the_federal_process():
    """The later external review carries the path's route note: federal for self-funded plans,
    the state's for fully insured ones (data/appeal_map.toml `route`)."""

    def review_note(funding):
        answers = {
            "plan_type": "employer",
            "plan_funding": funding,
            "stage": "prior_authorization",
            "denial_date": "2026-11-10",
        }
        return next(d for d in deadlines(answers, D(2026, 11, 24)) if d["id"] == "external_review_file")["note"]

    assert "Self-funded job-based plans usually use the federal external review process" in review_note("self_funded")
    assert "state's external review process" in review_note("fully_insured")


def test_a_deadline_carries_its_date_in_words_for_the_page():
    d = entry("ma_reconsideration_file", RULES["ma_reconsideration_file"], D(2026, 11, 2), "x", D(2026, 11, 24))
    assert (d["date"], d["date_text"]) == ("2027-01-06", "January 6, 2027")
    unknown = entry("ma_reconsideration_file", RULES["ma_reconsideration_file"], None, "x", D(2026, 11, 24))
    assert unknown["date"] is None and unknown["date_text"] is None
