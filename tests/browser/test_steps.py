"""The self-audit one step at a time, as a reader meets it on a 390 x 844 phone and a 1366 x 900
desktop: Back and Next, the browser's Back button, the step in the address (a reload keeps it), the
review screen with its Change links, keyboard only, no sideways scrolling, axe on every step."""

from __future__ import annotations

import contextlib
import datetime as dt
from pathlib import Path

import pytest
from selfaudit import (
    DEVICES,
    TYPICAL_CASE,
    active,
    answer,
    check_my_appeal,
    form_answers,
    go_to_step,
    key_answer,
    key_next,
    open_page,
    reports,
    save_answers,
    step,
    tab_to,
    wait_for_report_after,
)
from test_accessibility import AXE_VERSION, SETTLE, axe, axe_source, describe

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent.parent
CASE = TYPICAL_CASE
STEPS = ["denial", "health", "evidence", "details"]  # checklist.toml's sections, in order: the four steps
TITLES = {
    "denial": "Your denial",
    "health": "Your health and care",
    "evidence": "What you have and how you send it",
    "details": "Your details for the letter",
}
WIDTH = "() => ({page: document.documentElement.scrollWidth, screen: innerWidth})"
TODAY = dt.date.today()


def days_ago(n: int) -> str:
    return (TODAY - dt.timedelta(days=n)).isoformat()


@contextlib.contextmanager
def device(browser, name: str, *, answers: dict | None = None):
    """A fresh page on the phone or the desktop; `answers` are put in the browser's storage as the
    page keeps them when the reader ticks "Save my answers"."""
    ctx = browser.new_context(service_workers="block", **DEVICES[name])
    if answers is not None:
        save_answers(ctx, answers)
    page = ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.js_errors = errors
    try:
        yield page
    finally:
        ctx.close()


def axe_on_widget(page) -> list[dict]:
    """axe's violations inside the self-audit only (every rule on). On a phone the theme's own drawer
    menu has a finding on every page of the site (landmark-unique on its nested navigation), which is
    not this page's to fix; the desktop run below checks the whole document."""
    page.evaluate(SETTLE)
    page.evaluate(axe_source())
    result = page.evaluate("""async () => {
      const r = await axe.run({include: [['#self-audit']]}, {resultTypes: ['violations']});
      return {engine: r.testEngine, violations: r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.map(n => ({target: n.target.map(String), summary: n.failureSummary}))}))};
    }""")
    assert result["engine"] == {"name": "axe-core", "version": AXE_VERSION}, result["engine"]
    return result["violations"]


def heading(page) -> str:
    return " ".join(page.inner_text("#sa-step-heading").split())


def shown_steps(page) -> list[str]:
    """The sections whose questions show now."""
    return page.eval_on_selector_all(
        ".sa-section", "all => all.filter(s => s.checkVisibility()).map(s => s.id.slice(8))"
    )


def hash_(page) -> str:
    return page.evaluate("() => location.hash")


def focused(page) -> str:
    return active(page)["id"]


# --- Back, Next, the browser's Back button, reload ------------------------------------------------


def test_next_and_back_move_one_step_and_the_browsers_back_button_follows(page, site_url):
    assert open_page(page, site_url) == "ready"
    assert step(page) == "denial" and shown_steps(page) == ["denial"]
    assert heading(page) == "Step 1 of 4: Your denial"
    assert not page.is_visible("#sa-back"), "no Back on the first step"
    assert not page.is_visible("#sa-check"), "'Check my appeal' waits for the review"

    for n, name in enumerate(STEPS[1:], start=2):
        page.click("#sa-next")
        assert step(page) == name and shown_steps(page) == [name]
        assert hash_(page) == f"#step-{name}"
        assert heading(page) == f"Step {n} of 4: {TITLES[name]}"
        assert focused(page) == "sa-step-heading", "the new step's heading takes focus (and is announced)"
        assert page.evaluate("() => document.title").startswith(f"Step {n} of 4: {TITLES[name]}")
    assert page.inner_text("#sa-next") == "Review your answers"

    page.click("#sa-back")
    assert step(page) == "evidence" and focused(page) == "sa-step-heading"
    page.go_back()  # the browser's Back: the step before, as if each step were a page
    page.wait_for_selector("#self-audit[data-step=details]")
    page.go_back()
    page.wait_for_selector("#self-audit[data-step=evidence]")
    assert shown_steps(page) == ["evidence"] and hash_(page) == "#step-evidence"
    page.go_forward()
    page.wait_for_selector("#self-audit[data-step=details]")
    assert page.js_errors == []


def test_a_reload_keeps_the_step_and_with_save_on_the_answers_too(page, site_url):
    assert open_page(page, site_url) == "ready"
    answer(page, "stage", "claim")
    page.click("#sa-next")
    answer(page, "symptom_weeks", 6)
    page.reload()
    page.wait_for_selector("#self-audit:not([data-engine=loading])", timeout=90_000)
    assert step(page) == "health" and shown_steps(page) == ["health"]
    assert form_answers(page) == {}, "answers were kept without the reader asking"

    answer(page, "symptom_weeks", 6)
    page.check("#sa-save")
    go_to_step(page, "review")
    page.reload()
    page.wait_for_selector("#self-audit:not([data-engine=loading])", timeout=90_000)
    assert step(page) == "review" and shown_steps(page) == []
    assert form_answers(page) == {"symptom_weeks": "6"}
    assert "6" in page.inner_text("#sa-review [data-question=symptom_weeks] dd")
    assert page.js_errors == []


def test_a_hash_that_names_no_step_opens_the_first_and_a_question_opens_its_own_step(page, site_url):
    page.goto(site_url + "self-audit/#step-nothing-here")
    page.wait_for_selector("#self-audit:not([data-engine=loading])", timeout=90_000)
    assert step(page) == "denial" and shown_steps(page) == ["denial"]

    page.goto(site_url + "about/")
    page.goto(site_url + "self-audit/#q-symptom_weeks-block")  # a link to one question
    page.wait_for_selector("#self-audit:not([data-engine=loading])", timeout=90_000)
    assert step(page) == "health" and shown_steps(page) == ["health"]
    assert focused(page) == "q-symptom_weeks"

    page.evaluate("() => { location.hash = 'q-denial_date'; }")  # a question's control, on the same page
    page.wait_for_selector("#self-audit[data-step=denial]")
    assert focused(page) == "q-denial_date"

    page.click("#sa-next")
    page.evaluate("() => { location.hash = 'sa-letters'; }")  # a link to another part of the page
    page.wait_for_timeout(300)
    assert step(page) == "health", "a link outside the questions does not change the step"
    page.reload()
    page.wait_for_selector("#self-audit:not([data-engine=loading])", timeout=90_000)
    assert step(page) == "health", "a reload there keeps the step"
    assert page.js_errors == []


def test_an_address_saved_when_sending_was_a_step_of_its_own_opens_the_step_that_holds_its_questions(page, site_url):
    page.goto(site_url + "self-audit/#step-sending")  # a bookmark from before the merge
    page.wait_for_selector("#self-audit:not([data-engine=loading])", timeout=90_000)
    assert step(page) == "evidence" and shown_steps(page) == ["evidence"]
    assert hash_(page) == "#step-evidence", "the address now names the step the reader sees"
    assert heading(page) == f"Step 3 of 4: {TITLES['evidence']}"
    for qid in ["letter_point_by_point", "enclosures_listed", "copies_kept", "trackable_sending"]:
        assert page.is_visible(f"#q-{qid}-block"), f"{qid} is not on the step the old address opens"
    page.click("#sa-back")
    assert step(page) == "health"
    page.go_back()
    page.wait_for_selector("#self-audit[data-step=evidence]")
    assert page.js_errors == []


# --- the review screen ------------------------------------------------------------------------------


def test_the_review_lists_every_answer_and_change_opens_the_question(audit_page):
    answers = {
        "stage": "prior_authorization",
        "plan_type": "employer",
        "plan_funding": "fully_insured",
        "denial_reason": "medical_necessity",
        "denial_date": days_ago(10),
        "appeal_stage": "first_denial",
        "body_area": "low_back",
        "conservative_weeks": 8,
        "red_flags": ["none"],
        "office_notes": True,
        "patient_name": "Ana O'Neil <b>",
    }
    page = audit_page
    before = reports(page)
    for qid, value in answers.items():
        answer(page, qid, value)
    wait_for_report_after(page, before)
    go_to_step(page, "review")
    assert heading(page) == "Last step: Check your answers"
    assert page.is_visible("#sa-check") and not page.is_visible("#sa-next")

    listed = page.eval_on_selector_all("#sa-review [data-question]", "rows => rows.map(r => r.dataset.question)")
    assert sorted(listed) == sorted(answers), "every answer, once"
    row = lambda qid: page.inner_text(f"#sa-review [data-question={qid}]")  # noqa: E731
    day = TODAY - dt.timedelta(days=10)
    assert f"{day:%B} {day.day}, {day.year}" in row("denial_date")
    assert "A plan from my job" in row("plan_type") and "Yes" in row("office_notes")
    assert "Ana O'Neil <b>" in row("patient_name") and page.locator("#sa-review b").count() == 0
    assert page.locator("#sa-review h3").all_inner_texts() == list(TITLES.values())

    # Change: the question's step, focus on the chosen answer; "Back to your answers" returns.
    change = page.locator("#sa-review [data-question=conservative_weeks] a")
    assert change.evaluate("a => a.textContent").startswith("Change your answer to: How many weeks")
    change.click()
    page.wait_for_selector("#self-audit[data-step=health]")
    assert focused(page) == "q-conservative_weeks"
    page.fill("#q-conservative_weeks", "10")
    page.click("#sa-to-review")
    page.wait_for_selector("#self-audit[data-step=review]")
    assert "10" in row("conservative_weeks") and focused(page) == "sa-step-heading"

    page.click("#sa-review [data-question=plan_type] a")
    page.wait_for_selector("#self-audit[data-step=denial]")
    now = active(page)
    assert now["id"] == "q-plan_type-0" and now["checked"], "focus is on the chosen option"
    page.go_back()  # the browser's Back from a Change link: the review again
    page.wait_for_selector("#self-audit[data-step=review]")
    assert page.js_errors == []


def test_next_stops_on_an_unusable_required_answer_but_never_on_an_optional_one(audit_page):
    page = audit_page
    answer(page, "denial_date", (TODAY + dt.timedelta(days=30)).isoformat())
    page.click("#sa-next")
    assert step(page) == "denial", "Next went on past a date in the future"
    assert page.is_visible("#sa-errors") and focused(page) == "sa-errors"
    assert "cannot be in the future" in page.inner_text("#sa-errors")
    page.click("#sa-errors a >> nth=0")
    assert focused(page) == "q-denial_date"
    answer(page, "denial_date", days_ago(5))
    page.click("#sa-next")
    assert step(page) == "health" and not page.is_visible("#sa-errors")

    answer(page, "symptom_weeks", "-4")  # optional: shown as an error at the question, never a stop
    page.click("#sa-next")
    assert step(page) == "evidence"
    go_to_step(page, "health")
    assert "Enter a number from 0" in page.inner_text("[data-question=symptom_weeks] .sa-error-message")

    # "Check my appeal" on the review names the problem; its link opens the step that holds it.
    check_my_appeal(page)
    assert focused(page) == "sa-errors"
    page.click("#sa-errors a:has-text('How many weeks')")
    assert step(page) == "health" and focused(page) == "q-symptom_weeks"
    assert hash_(page) == "#step-health"
    assert page.js_errors == []


# --- keyboard, width, axe, the plan first ---------------------------------------------------------


@pytest.mark.parametrize("name", list(DEVICES))
def test_keyboard_only_from_the_first_step_to_the_review(browser, site_url, name):
    reader = {
        "stage": "prior_authorization",
        "plan_type": "employer",
        "plan_funding": "unknown",
        "denial_reason": "medical_necessity",
        "denial_date": days_ago(10),
        "appeal_stage": "first_denial",
        "symptom_weeks": 9,
        "denial_letter_read": True,
        "letter_point_by_point": True,
        "patient_name": "Jo Smith",
    }
    with device(browser, name) as page:
        assert open_page(page, site_url) == "ready"
        page.locator("body").focus()
        for qid, value in reader.items():
            key_answer(page, qid, value)  # Tab, arrows, Space, typing; Next with Enter between steps
        key_next(page)
        assert step(page) == "review"
        tab_to(page, lambda a: a["id"] == "sa-back")  # Back, by keyboard
        page.keyboard.press("Enter")
        assert step(page) == "details" and focused(page) == "sa-step-heading"
        key_next(page)
        listed = page.eval_on_selector_all("#sa-review [data-question]", "rows => rows.map(r => r.dataset.question)")
        assert sorted(listed) == sorted(reader)
        before = reports(page)
        tab_to(page, lambda a: a["id"] == "sa-check")
        page.keyboard.press("Enter")
        wait_for_report_after(page, before)
        assert focused(page) == "sa-report-title"
        assert page.js_errors == []


@pytest.mark.parametrize("name", list(DEVICES))
def test_no_step_and_not_the_review_is_wider_than_the_screen_and_axe_finds_nothing(browser, site_url, name):
    width = DEVICES[name]["viewport"]["width"]
    with device(browser, name, answers=CASE["answers"]) as page:
        assert open_page(page, site_url) == "ready"
        page.wait_for_selector("#self-audit[data-reports]")
        failures = []
        for name_ in [*STEPS, "review"]:
            if name_ != "denial":
                page.click("#sa-next")
            assert step(page) == name_
            assert page.evaluate(WIDTH) == {"page": width, "screen": width}, f"step {name_} is wider than the screen"
            violations = axe(page) if name == "desktop" else axe_on_widget(page)
            if violations:
                failures.append(describe(f"/self-audit/#{name_} ({name})", violations))
        listed = page.eval_on_selector_all("#sa-review [data-question]", "rows => rows.map(r => r.dataset.question)")
        assert sorted(listed) == sorted(q for q in CASE["answers"] if q != "schema")
        assert not failures, "\n".join(failures)
        assert page.js_errors == []


def test_the_plan_is_on_the_first_phone_screen_after_the_path_questions_and_follows_every_answer(browser, site_url):
    with device(browser, "phone") as page:
        assert open_page(page, site_url) == "ready"
        before = reports(page)
        for qid, value in [
            ("stage", "prior_authorization"),
            ("plan_type", "employer"),
            ("denial_reason", "medical_necessity"),
            ("denial_date", days_ago(10)),
            ("appeal_stage", "first_denial"),
        ]:
            answer(page, qid, value)
        wait_for_report_after(page, before)
        plan = page.eval_on_selector(".sa-plan", "el => el.getBoundingClientRect().top + scrollY")
        by_when = page.eval_on_selector(".sa-plan-facts dd", "el => el.getBoundingClientRect().bottom + scrollY")
        assert by_when < 844, f"the date to act by is {by_when:.0f} px down, below the first phone screen"
        assert plan < by_when
        assert "Your next step:" in page.inner_text("#sa-next-inline"), "the next step shows under every step"

        # on the next step, the report and the checklist still follow each answer
        page.click("#sa-next")
        page.click("#sa-next")
        assert step(page) == "evidence"
        item = page.locator("#sa-items [data-item=office_notes]")
        assert item.get_attribute("data-status") == "missing"
        assert page.locator("#sa-result .sa-missing [data-item=office_notes]").count() == 1
        before = reports(page)
        answer(page, "office_notes", True)
        wait_for_report_after(page, before)
        assert item.get_attribute("data-status") == "done"
        assert page.locator("#sa-result .sa-missing [data-item=office_notes]").count() == 0
        assert page.js_errors == []


def test_without_javascript_the_page_is_one_form_with_no_step_chrome(browser, site_url):
    ctx = browser.new_context(java_script_enabled=False, **DEVICES["phone"])
    page = ctx.new_page()
    page.goto(site_url + "self-audit/#step-health")
    assert page.locator("#sa-step-nav, #sa-review").count() == 0
    assert not page.locator("#sa-step-head").is_visible(), "a step heading on the one paper form"
    assert page.locator(".sa-section:visible").count() == len(STEPS)
    assert page.locator(".sa-section-title:visible").all_inner_texts() == list(TITLES.values())
    assert page.evaluate(WIDTH) == {"page": 390, "screen": 390}
    ctx.close()
