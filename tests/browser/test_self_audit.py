"""The self-audit as readers use it: keyboard only, the live report, letters, keep-and-resume, safety."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from selfaudit import (
    active,
    answer,
    assert_worker_matches_cpython,
    check_my_appeal,
    fill,
    form_answers,
    key_answer,
    key_next,
    open_page,
    report_text,
    reports,
    stored,
    tab_to,
    wait_for_report_after,
)
from test_letters_view import close_letter, letter_text, open_letter

from checklist_engine import audit

pytestmark = pytest.mark.browser

TODAY = dt.date.today()  # the page uses the browser's own date; both run on this machine


def days_ago(n: int) -> str:
    return (TODAY - dt.timedelta(days=n)).isoformat()


# --- keyboard only ---------------------------------------------------------------------------------

READERS = {
    "employer plan, every step done": {
        "stage": "prior_authorization",
        "plan_type": "employer",
        "plan_funding": "fully_insured",
        "denial_reason": "conservative_treatment",
        "denial_date": days_ago(10),
        "appeal_stage": "first_denial",
        "scan": "mri",
        "body_area": "low_back",
        "urgent": False,
        "symptom_weeks": 12,
        "conservative_weeks": 8,
        "red_flags": ["none"],
        "denial_letter_read": True,
        "criteria_requested": "received",
        "claim_file_requested": "received",
        "peer_to_peer": "done",
        "lmn_updated": True,
        "office_notes": True,
        "conservative_records": True,
        "prior_imaging": "with_reports",
        "specialist": True,
        "symptom_diary": True,
        "letter_point_by_point": True,
        "enclosures_listed": True,
        "copies_kept": True,
        "trackable_sending": True,
    },
    "Medicare Advantage, deadline passed": {
        "stage": "claim",
        "plan_type": "medicare_advantage",
        "denial_reason": "out_of_network",
        "denial_date": days_ago(90),
        "appeal_stage": "first_denial",
        "scan": "ct",
        "denial_letter_read": True,
    },
    "Medicaid, urgent, records missing": {
        "stage": "prior_authorization",
        "plan_type": "medicaid",
        "denial_reason": "missing_documentation",
        "denial_date": days_ago(3),
        "appeal_stage": "first_denial",
        "scan": "mri",
        "urgent": True,
        "body_area": "low_back",
        "red_flags": ["bladder_bowel"],
        "denial_letter_read": True,
        "office_notes": False,
        "patient_name": "Ana O'Neil",
    },
}


@pytest.mark.parametrize("reader", READERS, ids=list(READERS))
def test_a_reader_completes_the_checklist_by_keyboard_only(audit_page, reader):
    answers = READERS[reader]
    page = audit_page
    page.locator("body").focus()
    order = page.eval_on_selector_all(".sa-question", "blocks => blocks.map(b => b.dataset.question)")
    for qid in sorted(answers, key=order.index):
        key_answer(page, qid, answers[qid])
    while page.get_attribute("#self-audit", "data-step") != "review":
        key_next(page)
    before = reports(page)
    tab_to(page, lambda a: a["id"] == "sa-check")
    page.keyboard.press("Enter")
    wait_for_report_after(page, before)
    assert active(page)["id"] == "sa-report-title", "the report takes focus after the check"

    expected = audit({"schema": 1, **answers}, TODAY)
    text = report_text(page)
    assert ("Ready to send" in text) == expected["ready"]
    shown_missing = page.eval_on_selector_all(".sa-missing li[data-item]", "els => els.map(e => e.dataset.item)")
    assert shown_missing == expected["missing"]
    shown_blocking = page.eval_on_selector_all("[data-blocking]", "els => els.map(e => e.dataset.blocking)")
    assert shown_blocking == [b["id"] for b in expected["blocking"]]
    shown_deadlines = page.eval_on_selector_all("[data-deadline]", "els => els.map(e => e.dataset.deadline)")
    assert shown_deadlines == [d["id"] for d in expected["deadlines"]]
    assert (page.locator(".sa-expedited").count() == 1) == expected["expedited"]
    assert page.js_errors == []


# --- the worker gives CPython's answers ------------------------------------------------------------


def test_the_worker_gives_the_same_reports_as_cpython_for_every_case(audit_page):
    assert_worker_matches_cpython(audit_page, "en")


# --- keep and resume -------------------------------------------------------------------------------

SOME_ANSWERS = {
    "stage": "claim",
    "plan_type": "individual",
    "denial_reason": "wrong_imaging_level",
    "denial_date": days_ago(20),
    "body_area": "low_back",
    "symptom_weeks": 9,
    "red_flags": ["cancer", "fracture"],
    "patient_name": "Jo Smith",
    "lower_level_explained": True,
}


def as_form(answers: dict) -> dict:
    """The answers as form controls hold them (strings, yes/no)."""
    out = {}
    for k, v in answers.items():
        out[k] = ("yes" if v else "no") if isinstance(v, bool) else v if isinstance(v, list) else str(v)
    return out


def test_nothing_is_stored_unless_the_reader_opts_in_and_then_it_survives_a_reload(page, site_url):
    open_page(page, site_url)
    fill(page, SOME_ANSWERS, blur=False)
    assert stored(page) is None, "answers were stored without the reader asking"
    page.check("#sa-save")
    assert stored(page)["answers"]["patient_name"] == "Jo Smith"
    open_page(page, site_url)  # a reload
    assert form_answers(page) == as_form(SOME_ANSWERS)
    assert "filled in the answers you saved" in page.inner_text("#sa-keep-status")
    page.uncheck("#sa-save")
    assert stored(page) is None


def test_export_delete_import_restores_everything(audit_page, tmp_path):
    page = audit_page
    fill(page, SOME_ANSWERS, blur=False)
    open_letter(page, "appeal").fill("My own words, edited by hand.")
    close_letter(page)
    report_before = report_text(page)
    with page.expect_download() as download:
        page.click("#sa-export")
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert json.loads(saved.read_text())["app"] == "second-look"

    page.once("dialog", lambda d: d.accept())
    before = reports(page)
    page.click("#sa-delete")
    wait_for_report_after(page, before)
    assert form_answers(page) == {}
    assert page.locator("#sa-letter-view[open]").count() == 0

    before = reports(page)
    page.set_input_files("#sa-import", str(saved))
    wait_for_report_after(page, before)
    assert form_answers(page) == as_form(SOME_ANSWERS)
    assert letter_text(page, "appeal") == "My own words, edited by hand."
    assert report_text(page) == report_before
    assert "Your answers are filled in" in page.inner_text("#sa-keep-status")


@pytest.mark.parametrize(
    "content, message",
    [
        ("{this is not json", "could not be read"),
        ('{"hello": "world"}', "not a Second Look answers file"),
        ('{"app": "second-look", "answers": {"schema": 1, "stage": "maybe"}}', "cannot be used"),
    ],
    ids=["not json", "foreign json", "bad value"],
)
def test_a_bad_import_file_is_explained_and_changes_nothing(audit_page, tmp_path, content, message):
    page = audit_page
    fill(page, {"stage": "claim", "plan_type": "employer"}, blur=False)
    bad = tmp_path / "answers.json"
    bad.write_text(content)
    page.set_input_files("#sa-import", str(bad))
    page.wait_for_selector("#sa-keep-status:has-text('were not changed')")
    assert message in page.inner_text("#sa-keep-status")
    assert form_answers(page) == {"stage": "claim", "plan_type": "employer"}


def test_corrupted_saved_answers_are_removed_with_a_message(page, site_url):
    page.add_init_script("localStorage.setItem('second-look:answers', '{broken')")
    page.goto(site_url + "about/")  # the init script runs on every page; the next page load reads it
    assert open_page(page, site_url) == "ready"
    assert "could not be read" in page.inner_text("#sa-keep-status")
    answer(page, "stage", "claim")
    assert page.locator('[data-question="stage"] input[value="claim"]').is_checked()


def test_answers_saved_by_an_older_checklist_still_load(page, site_url):
    old = {
        "app": "second-look",
        "kind": "answers",
        "schema": 1,
        "checklist_version": "2026.1.0",
        "answers": {"schema": 1, "stage": "claim", "denial_letter": True, "retired_question": "x"},
    }
    page.add_init_script(f"localStorage.setItem('second-look:answers', {json.dumps(json.dumps(old))})")
    page.goto(site_url + "self-audit/")
    page.wait_for_selector("#self-audit[data-engine=ready]", timeout=90_000)
    page.wait_for_selector("#sa-keep-status:has-text('left out')")
    answers = form_answers(page)
    assert answers["stage"] == "claim"
    assert answers["denial_letter_read"] == "yes", "a renamed question keeps its answer"


# --- errors, letters, calendar ---------------------------------------------------------------------


def test_a_wrong_answer_gets_an_error_summary_that_takes_focus(audit_page):
    page = audit_page
    answer(page, "denial_date", (TODAY + dt.timedelta(days=30)).isoformat())
    answer(page, "symptom_weeks", "-4")
    check_my_appeal(page)
    summary = page.locator("#sa-errors")
    assert summary.is_visible()
    assert active(page)["id"] == "sa-errors"
    text = summary.inner_text()
    assert "cannot be in the future" in text and "Enter a number from 0" in text
    assert page.locator("#q-denial_date").get_attribute("aria-invalid") == "true"
    page.click("#sa-errors a >> nth=0")
    assert active(page)["id"] == "q-denial_date"
    answer(page, "denial_date", days_ago(5))
    answer(page, "symptom_weeks", "4")
    check_my_appeal(page)
    assert not summary.is_visible()


def test_the_letter_keeps_the_readers_edits_until_they_rebuild_it(audit_page):
    page = audit_page
    fill(page, {"plan_type": "employer", "denial_reason": "out_of_network"}, blur=False)
    letter = open_letter(page, "appeal")
    assert "network" in letter.input_value()
    letter.fill(letter.input_value() + "\nP.S. Added by me.")
    close_letter(page)
    fill(page, {"scan": "ct"}, blur=False)
    letter = open_letter(page, "appeal")
    assert letter.input_value().endswith("P.S. Added by me.")
    assert page.locator("#sa-letter-view .sa-letter-edited").is_visible()
    page.click("#sa-letter-view [data-action=rebuild]")
    assert "P.S. Added by me." not in letter.input_value()
    with page.expect_download() as download:
        page.click("#sa-letter-view [data-action=rtf]")
    assert download.value.suggested_filename == "appeal-letter.rtf"
    assert Path(download.value.path()).read_text().startswith("{\\rtf1")


def test_deadlines_download_as_a_calendar(audit_page):
    page = audit_page
    fill(page, {"stage": "claim", "plan_type": "employer", "denial_date": days_ago(10)}, blur=False)
    expected = audit({"stage": "claim", "plan_type": "employer", "denial_date": days_ago(10)}, TODAY)
    dated = [d for d in expected["deadlines"] if d["date"]]
    assert dated
    with page.expect_download() as download:
        page.click("#sa-result [data-action=ics]")
    ics = Path(download.value.path()).read_bytes().decode()
    assert ics.startswith("BEGIN:VCALENDAR") and ics.count("BEGIN:VEVENT") == len(dated)
    assert f"DTSTART;VALUE=DATE:{dated[0]['date'].replace('-', '')}" in ics
    assert "Check the date on your own denial notice" in ics.replace("\r\n ", "")


def test_before_the_first_answer_the_report_points_to_the_questions(audit_page):
    page = audit_page
    page.wait_for_selector("#sa-result:not([hidden]) .sa-start")
    assert report_text(page).startswith("Start with the questions below")
    assert page.locator("#sa-result .sa-missing").count() == 0
    page.click("#sa-result a.sa-start-link")
    assert page.evaluate("() => location.hash") == "#sa-form"
    fill(page, {"stage": "claim"}, blur=False)
    assert page.locator("#sa-result .sa-start").count() == 0
    assert page.locator("#sa-result .sa-verdict").count() == 1


# --- links -----------------------------------------------------------------------------------------

GENERIC_LINK_TEXT = {"learn how", "learn more", "read more", "more", "here", "click here", "this"}


def page_title(built_site: Path, site_url: str, href: str) -> str:
    path = href.split("#")[0].removeprefix(site_url)
    html = (built_site / path / "index.html").read_text("utf-8")
    return html.split("<title>", 1)[1].split(" - Second Look</title>", 1)[0]


def test_every_link_in_the_report_and_the_checklist_names_the_page_it_opens(audit_page, site_url, built_site):
    page = audit_page
    fill(
        page,
        {"stage": "prior_authorization", "plan_type": "employer", "urgent": True, "denial_date": days_ago(200)},
        blur=False,
    )
    links = page.eval_on_selector_all(
        "#sa-result a.sa-more, #sa-items a.sa-more", "all => all.map(a => [a.href, a.textContent])"
    )
    report_links = page.locator("#sa-result a.sa-more").count()
    assert report_links >= 5 and len(links) > report_links, links
    for href, text in links:
        assert text.lower() not in GENERIC_LINK_TEXT
        assert text == page_title(built_site, site_url, href), href
    assert "How to ask: Urgent (expedited) appeals" in report_text(page)


# --- safety ----------------------------------------------------------------------------------------

HOSTILE = "<img src=x onerror=alert(1)>\"'><script>alert(2)</script>"


def test_hostile_text_stays_text_everywhere(page, site_url):
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    open_page(page, site_url)
    text_questions = page.eval_on_selector_all(
        ".sa-question[data-type=text]", "els => els.map(e => e.dataset.question)"
    )
    assert text_questions
    fill(page, {"plan_type": "employer", "denial_reason": "other", **{q: HOSTILE for q in text_questions}}, blur=False)
    assert HOSTILE in letter_text(page, "appeal")
    assert page.locator("#self-audit img, #self-audit script").count() == 0
    check_my_appeal(page)
    page.wait_for_timeout(500)
    assert dialogs == [] and page.js_errors == []
