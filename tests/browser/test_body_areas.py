"""The page offers only the chosen body area's warning signs, and follows a change of area."""

from __future__ import annotations

import pytest
from selfaudit import answer, go_to_step, reports, show_question, wait_for_report_after

from checklist_engine import load_areas
from checklist_engine.areas import sign_option

pytestmark = pytest.mark.browser


def shown_signs(page) -> list[str]:
    return page.eval_on_selector_all(
        '.sa-question[data-question="red_flags"] .sa-option:not([hidden]) input', "els => els.map(e => e.value)"
    )


def choose(page, qid, value):
    before = reports(page)
    answer(page, qid, value)
    page.locator("body").click()  # focus leaves the form: what no longer applies is hidden
    wait_for_report_after(page, before)


def test_the_form_shows_only_the_chosen_areas_signs(audit_page):
    page = audit_page
    areas = load_areas()
    choose(page, "body_area", "knee")
    choose(page, "knee_reason", "injury")
    show_question(page, "red_flags")
    knee = [sign_option("knee", s) for s in areas.view("knee", "injury").sign_ids()]
    assert shown_signs(page) == knee + ["none"]
    choose(page, "body_area", "shoulder")
    assert shown_signs(page) == [sign_option("shoulder", s) for s in areas.view("shoulder").sign_ids()] + ["none"]
    choose(page, "body_area", "other")
    go_to_step(page, "health")  # its own step is shown, and the question is not there
    page.locator('.sa-question[data-question="red_flags"]').wait_for(state="hidden")
    assert page.locator('.sa-question[data-question="red_flags"]').get_attribute("hidden") is not None
    assert page.js_errors == []


def test_a_neck_report_gives_the_necks_guide_and_no_low_back_advice(audit_page):
    page = audit_page
    from selfaudit import report_text

    for qid, value in [
        ("stage", "prior_authorization"),
        ("plan_type", "employer"),
        ("denial_reason", "conservative_treatment"),
        ("denial_date", "2026-11-20"),
        ("body_area", "neck"),
        ("conservative_weeks", 2),
    ]:
        choose(page, qid, value)
    choose(page, "red_flags", ["none"])
    text = report_text(page)
    assert "MRI for neck pain" in text
    links = page.eval_on_selector_all("#sa-result a.sa-more", "els => els.map(e => e.textContent)")
    assert "MRI for low back pain" not in links
    assert "6 weeks" not in text and "lower back" not in text.lower()
    assert page.js_errors == []
