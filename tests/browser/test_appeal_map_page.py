"""The appeal map as a reader meets it in the browser: the next step comes first, the date is the
safe one when the plan type is unknown, each level gets its own letter, and nothing moves under the
reader while they answer."""

from __future__ import annotations

import datetime as dt

from selfaudit import fill, report_text, reports, wait_for_report_after
from test_letters_view import letter_button, letter_text, medicare_advantage_turned_down_again

TODAY = dt.date.today()


def days_ago(n: int) -> str:
    return (TODAY - dt.timedelta(days=n)).isoformat()


def long(day: dt.date) -> str:
    return f"{day:%B} {day.day}, {day.year}"


def test_an_unknown_plan_type_gets_the_safe_date_first(audit_page):
    page = audit_page
    fill(
        page,
        {
            "stage": "prior_authorization",
            "plan_type": "unknown",
            "denial_reason": "medical_necessity",
            "denial_date": days_ago(10),
        },
    )
    text = report_text(page)
    assert text.startswith("Your next step"), text[:200]
    safe = long(TODAY - dt.timedelta(days=10) + dt.timedelta(days=60))
    assert f"by {safe} (50 days left)" in text
    inline = page.inner_text("#sa-next-inline")  # beside "Check my appeal", at the end of the questions
    assert inline.startswith("Your next step:") and f"by {safe}" in inline
    assert long(TODAY - dt.timedelta(days=10) + dt.timedelta(days=180)) not in text, "never the 180-day date"
    assert letter_button(page, "appeal").inner_text() == "Your appeal"
    assert "CFR" not in letter_text(page, "appeal")
    assert page.js_errors == []


def test_medicare_advantage_after_the_plan_says_no_again_needs_no_letter(audit_page):
    page = audit_page
    fill(page, medicare_advantage_turned_down_again())
    text = report_text(page)
    assert text.startswith("Your next step")
    assert "No letter needed: your plan must send your case to the Independent Review Entity on its own" in text
    assert letter_button(page, "appeal").count() == 0
    assert page.inner_text("#sa-letter-list").startswith("No letter is needed at this step")


def test_a_date_to_act_by_within_two_weeks_gets_the_alert(audit_page):
    page = audit_page
    fill(
        page,
        {
            "stage": "prior_authorization",
            "plan_type": "medicaid",
            "denial_reason": "medical_necessity",
            "denial_date": days_ago(52),
        },
    )
    assert page.locator(".sa-plan--soon").count() == 1
    assert report_text(page).startswith("Do this first: your next step")
    assert "(8 days left)" in report_text(page)


def test_a_claim_letter_asks_the_plan_to_pay(audit_page):
    page = audit_page
    fill(
        page,
        {
            "stage": "claim",
            "plan_type": "employer",
            "plan_funding": "fully_insured",
            "denial_reason": "medical_necessity",
            "denial_date": days_ago(10),
            "scan": "ct",
        },
    )
    letter = letter_text(page, "appeal")
    assert "pay the claim" in letter and "approve the CT scan" not in letter
    assert page.locator(".sa-plan--soon").count() == 0


def test_no_question_disappears_while_the_reader_is_in_the_form(audit_page):
    page = audit_page
    fill(page, {"appeal_stage": "internal_denied"})
    final = page.locator('.sa-question[data-question="final_denial_date"]')
    assert final.is_visible()
    before = reports(page)
    page.locator('.sa-question[data-question="appeal_stage"] input[value="first_denial"]').check()  # focus stays
    wait_for_report_after(page, before)
    assert final.is_visible(), "a question must not vanish while focus is in the form"
    page.evaluate("document.activeElement.blur()")  # the reader leaves the form
    final.wait_for(state="hidden", timeout=5_000)


def test_the_readers_state_is_a_drop_down_and_adds_its_help(audit_page):
    page = audit_page
    state = page.locator('.sa-question[data-question="state"] select')
    assert state.count() == 1 and state.locator("option").count() == 52  # "Choose one" + 50 states and DC
    fill(
        page,
        {
            "state": "NY",
            "stage": "prior_authorization",
            "plan_type": "employer",
            "plan_funding": "fully_insured",
            "denial_reason": "medical_necessity",
            "denial_date": days_ago(60),
            "appeal_stage": "internal_denied",
            "final_denial_date": days_ago(5),
        },
    )
    text = report_text(page)
    assert "Help in New York" in text and "External Appeal" in text
    assert "New York's own process" in page.inner_text(".sa-plan")
    assert (
        page.evaluate("JSON.parse(localStorage.getItem('second-look:answers') || 'null')") is None
    )  # not saved unasked


def test_a_working_checker_shows_no_retry_button_and_a_half_typed_year_is_no_error(audit_page):
    page = audit_page
    assert page.get_by_role("button", name="Try again to start the live checker").count() <= 1
    assert not page.get_by_role("button", name="Try again to start the live checker").is_visible()
    date = page.locator('.sa-question[data-question="denial_date"] input')
    date.focus()
    page.keyboard.type("10312")  # month, day and the first digit of the year
    page.wait_for_timeout(800)
    assert page.locator('.sa-question[data-question="denial_date"] .sa-error-message').count() == 0
    page.keyboard.type("026")
    assert date.input_value() == "2026-10-31"
