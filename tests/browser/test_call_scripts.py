"""Calls to make (overrides/assets/self-audit/scripts.mjs): the engine's call scripts and the
peer-to-peer sheet on the self-audit page.

A Medicare Advantage reader and a job-based reader see their own plan's wording; every script of
every golden case (tests/cases/scripts_*.json) prints alone on one page, and so does the sheet
(page.pdf); the section works by keyboard and passes axe; the reader's hostile text shows as text.
"I made this call" appears only when the page is given the appeal file's addEvent, and hands it
{type: "call", who, said}.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from selfaudit import SETTLED, reports, start_over
from test_accessibility import axe, describe
from test_layout_and_print import pdf_pages

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent.parent
CASES = {p.stem: json.loads(p.read_text("utf-8")) for p in sorted((ROOT / "tests" / "cases").glob("scripts_*.json"))}
IDS = "() => [...document.querySelectorAll('#sa-calls .sa-call')].map(li => li.dataset.script)"


@pytest.fixture(scope="module")
def calls_page(browser):
    """One page for the module: its engine starts once (see open_with)."""
    ctx = browser.new_context(service_workers="block")
    page = ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.js_errors = errors
    yield page
    ctx.close()


def open_with(page, site_url: str, answers: dict) -> None:
    """The self-audit with these answers, opened as the reader opens an answers file, once the
    engine has reported and the calls are shown. The page is opened (and its engine started) once
    for the module; each later test starts it over with the page's own Delete, without a reload."""
    if page.url.startswith(site_url + "self-audit/"):
        start_over(page)
    else:
        page.goto(site_url + "self-audit/")
        page.wait_for_selector(SETTLED, timeout=90_000)
        assert page.get_attribute("#self-audit", "data-engine") == "ready"
    saved = {"app": "second-look", "kind": "answers", "schema": 1, "answers": answers, "letters": {}}
    before = reports(page)
    page.set_input_files(
        "#sa-import",
        files=[{"name": "answers.json", "mimeType": "application/json", "buffer": json.dumps(saved).encode()}],
    )
    page.wait_for_selector(f"#self-audit[data-reports]:not([data-reports='{before}'])", timeout=15_000)
    page.wait_for_selector("#sa-calls:not([hidden]) .sa-call, #sa-calls:not([hidden]) .sa-p2p", timeout=30_000)
    # the page keeps a script the reader opened open while the answers change (and Delete does not
    # close it): fold them all, as a fresh page shows them
    page.eval_on_selector_all("#sa-calls details[open]", "all => all.forEach(d => { d.open = false; })")
    page.wait_for_function("() => !document.querySelector('#sa-calls details[open]')")


def expanded_text(page, sid: str) -> str:
    item = page.locator(f'.sa-call[data-script="{sid}"]')
    item.locator("summary").click()
    return item.inner_text()


def test_a_medicare_advantage_reader_gets_the_plans_wording(calls_page, site_url):
    page = calls_page
    case = CASES["scripts_medicare_advantage"]
    open_with(page, site_url, case["answers"])
    assert page.evaluate(IDS) == case["expect"]["scripts"]
    text = expanded_text(page, "plan_reason")
    assert "Member services at Sunrise Advantage" in text
    assert "42 CFR 422.101" in text and "42 CFR 422.568(e)" in text
    assert "2560.503-1" not in text and "self-funded" not in text
    assert "Print this script" in text
    assert page.locator("[data-action=made-call]").count() == len(case["expect"]["scripts"]), (
        "one 'I made this call' per script"
    )
    assert page.js_errors == []


def test_a_job_based_reader_gets_the_claims_rules_and_the_notices_peer_to_peer_date(calls_page, site_url):
    page = calls_page
    case = CASES["scripts_job_prior_auth"]
    open_with(page, site_url, case["answers"])
    assert page.evaluate(IDS) == case["expect"]["scripts"]
    plan = expanded_text(page, "plan_reason")
    assert "Is my plan self-funded or fully insured?" in plan and "29 CFR 2560.503-1(h)(2)(iii)" in plan
    assert "My Member ID is XJ-4471." in plan and "Member services at Acme Health" in plan
    p2p = expanded_text(page, "doctor_peer_to_peer")
    assert "The notice says the call must happen by December 1, 2026." in p2p
    page.locator("#sa-p2p summary").click()
    sheet = page.inner_text("#sa-p2p")
    assert "Last date for the call, from the notice: December 1, 2026" in sheet
    assert "7 weeks in all: physical therapy, naproxen" in sheet and "Points the reviewer must hear" in sheet


def test_the_sheet_gives_no_peer_to_peer_date_the_reader_did_not_enter(calls_page, site_url):
    page = calls_page
    answers = {k: v for k, v in CASES["scripts_job_prior_auth"]["answers"].items() if k != "peer_to_peer_deadline"}
    open_with(page, site_url, answers)
    page.locator("#sa-p2p summary").click()
    assert "Last date for the call" not in page.inner_text("#sa-p2p")


def print_alone(page, button, content) -> int:
    """Click a Print button (the browser's dialog replaced by a counter), check that `content`
    prints, then count the PDF pages."""
    page.evaluate("() => { window.printed = 0; window.print = () => { window.printed += 1; }; }")
    button.click()
    assert page.evaluate("window.printed") == 1
    page.emulate_media(media="print")  # page.pdf() prints with the emulated media
    try:
        assert content.is_visible(), "the printed page would be empty"
        return pdf_pages(page.pdf())
    finally:
        page.evaluate("() => window.dispatchEvent(new Event('afterprint'))")
        page.emulate_media(media="screen")


@pytest.mark.parametrize("name", list(CASES))
def test_each_script_and_the_sheet_print_alone_on_one_page(calls_page, site_url, name):
    page = calls_page
    case = CASES[name]
    open_with(page, site_url, case["answers"])
    ids = page.evaluate(IDS)
    assert ids == case["expect"]["scripts"]
    for sid in ids:
        item = page.locator(f'.sa-call[data-script="{sid}"]')
        page.emulate_media(media="print")
        assert not item.is_visible(), "the scripts print with the summary"
        page.emulate_media(media="screen")
        page.evaluate("() => { window.print = () => {}; }")
        item.locator("[data-action=print-script]").click()
        page.emulate_media(media="print")
        shown = page.evaluate("""() => [...document.querySelectorAll('#self-audit > *, .sa-call, .sa-p2p')]
            .filter(el => el.checkVisibility() && !el.classList.contains('sa-calls') && !el.classList.contains('sa-print-target')
                    && !el.classList.contains('sa-call-list') && !el.querySelector('.sa-print-target'))
            .map(el => el.id || el.className)""")
        assert shown == [], f"{sid} prints with {shown}"
        assert item.locator("ol.sa-say").is_visible(), "the script's lines do not print"
        page.evaluate("() => window.dispatchEvent(new Event('afterprint'))")
        page.emulate_media(media="screen")
        pages = print_alone(page, item.locator("[data-action=print-script]"), item.locator("ol.sa-say"))
        assert pages == 1, f"{name}: {sid} prints on {pages} pages"
        assert not item.locator("ol.sa-say").is_visible(), "after printing, the script closes again"
    sheet_button = page.locator("[data-action=print-sheet]")
    if case["answers"].get("stage") == "claim":
        assert sheet_button.count() == 0, "a sheet for a peer-to-peer call after the scan was done"
    else:
        pages = print_alone(page, sheet_button, page.locator("#sa-p2p .sa-sheet-points"))
        assert pages == 1, f"{name}: the sheet prints on {pages} pages"


def test_the_calls_work_by_keyboard_alone(calls_page, site_url):
    page = calls_page
    case = CASES["scripts_medicare_advantage"]
    open_with(page, site_url, case["answers"])
    summary = page.locator('.sa-call[data-script="plan_reason"] summary')
    summary.focus()
    page.keyboard.press("Enter")
    assert page.locator('.sa-call[data-script="plan_reason"] ol.sa-say').is_visible()
    page.evaluate("() => { window.printed = 0; window.print = () => { window.printed += 1; }; }")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.dataset.action") == "print-script"
    page.keyboard.press("Enter")
    assert page.evaluate("window.printed") == 1
    page.evaluate("() => window.dispatchEvent(new Event('afterprint'))")
    assert page.locator('.sa-call[data-script="plan_reason"] ol.sa-say').is_visible(), (
        "the script the reader opened stays open"
    )
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.dataset.action") == "made-call"
    page.keyboard.press("Tab")  # on to the next script's summary
    page.keyboard.press("Space")
    assert page.locator('.sa-call[data-script="doctor_peer_to_peer"] ol.sa-say').is_visible()


def test_the_calls_section_has_no_axe_violations(calls_page, site_url):
    page = calls_page
    open_with(page, site_url, CASES["scripts_job_prior_auth"]["answers"])
    page.eval_on_selector_all("#sa-calls details", "all => all.forEach(d => { d.open = true; })")
    violations = axe(page)
    assert not violations, describe("/self-audit/ calls to make", violations)


def test_hostile_answer_text_is_shown_as_text(calls_page, site_url):
    page = calls_page
    hostile = '<img src=x onerror="window.pwned=1">'
    answers = {
        **CASES["scripts_job_prior_auth"]["answers"],
        "doctor_name": hostile,
        "plan_name": "{plan}<b>Acme</b>",
        "conservative_tried": "<script>window.pwned=2</script>",
    }
    open_with(page, site_url, answers)
    page.eval_on_selector_all("#sa-calls details", "all => all.forEach(d => { d.open = true; })")
    text = page.inner_text("#sa-calls")
    assert f"The office of {hostile}" in text and "Member services at {plan}<b>Acme</b>" in text
    assert "<script>window.pwned=2</script>" in text
    assert page.locator("#sa-calls img, #sa-calls b, #sa-calls script").count() == 0
    assert page.evaluate("window.pwned") is None


def test_i_made_this_call_opens_the_appeal_files_form_prefilled(calls_page, site_url):
    """The reader made the call: the appeal file's form opens with who was called and why; nothing is
    kept until the reader adds the date and saves it."""
    page = calls_page
    case = CASES["scripts_medicare_advantage"]
    open_with(page, site_url, case["answers"])
    page.wait_for_selector("#sa-file:not([hidden]) #sa-file-add button")
    expanded_text(page, "plan_reason")
    page.locator('.sa-call[data-script="plan_reason"] [data-action=made-call]').click()
    page.wait_for_selector("#sa-file-form")
    assert page.evaluate("() => document.activeElement.id") == "sa-file-form-title"
    assert page.input_value("#sa-ef-who") == "plan"  # "My health plan"
    assert "Sunrise Advantage" in page.input_value("#sa-ef-note")  # who exactly was called
    assert page.input_value("#sa-ef-said") != ""
    assert page.locator("#sa-file-timeline .sa-file-empty").count() == 1  # nothing saved yet
    page.fill("#sa-ef-date", case["today"])
    page.click("#sa-file-save")
    page.wait_for_selector("#sa-file-form", state="detached")
    saved = page.locator("#sa-file-timeline > li").first.inner_text()
    assert "My health plan" in saved and "Sunrise Advantage" in saved
    assert page.js_errors == []
