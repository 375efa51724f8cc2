"""Each letter in its own view: the report's letter panel lists the letters that fit the reader's
appeal level, one button each, and each opens in a modal dialog (focus moves in; Escape or Close
closes it and focus goes back to the button). The letter is on screen once and wraps on a phone;
edits survive closing and reopening (and a reload, when the reader saves); Copy, Download and Print
act on what the reader sees; a letter prints alone."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from selfaudit import DEVICES, fill, open_page, stored
from test_accessibility import axe, describe

pytestmark = pytest.mark.browser

TODAY = dt.date.today()


def days_ago(n: int) -> str:
    return (TODAY - dt.timedelta(days=n)).isoformat()


VIEW = "#sa-letter-view"
TEXT = "#sa-letter-text"
# A job-based reader refused because of where the scan would be done: every kind of letter applies.
OUT_OF_NETWORK = {
    "stage": "prior_authorization",
    "plan_type": "employer",
    "plan_funding": "self_funded",
    "denial_reason": "out_of_network",
    "denial_date": days_ago(7),
    "scan": "mri",
    "doctor_name": "Dr. Rivera",
}
EVERY_LETTER = ["appeal", "request_criteria", "request_claim_file", "request_new_authorization", "doctor"]
LONG_WORD = "https://example.org/" + "a" * 400


def medicare_advantage_turned_down_again() -> dict:
    """A Medicare Advantage reader whose plan said no again: the next level is automatic, no letter."""
    return {
        "stage": "prior_authorization",
        "plan_type": "medicare_advantage",
        "denial_reason": "medical_necessity",
        "denial_date": days_ago(60),
        "appeal_stage": "internal_denied",
        "final_denial_date": days_ago(5),
    }


def letter_button(page, kind: str):
    return page.locator(f'#sa-letter-list [data-open-letter="{kind}"]')


def open_letter(page, kind: str):
    """Open a letter from the letter panel as a reader does; returns its text box."""
    letter_button(page, kind).click()
    page.wait_for_selector(f"{VIEW}[open]")
    return page.locator(TEXT)


def close_letter(page) -> None:
    page.locator(f"{VIEW} [data-action=close]").click()
    page.wait_for_selector(f"{VIEW}:not([open])", state="attached")


def letter_text(page, kind: str) -> str:
    """The letter as its view shows it (the view is closed again afterwards)."""
    text = open_letter(page, kind).input_value()
    close_letter(page)
    return text


def focus_id(page) -> dict:
    return page.evaluate("""() => ({id: document.activeElement.id, kind: document.activeElement.dataset.openLetter ?? null,
                                    inView: Boolean(document.activeElement.closest('#sa-letter-view'))})""")


@pytest.fixture
def ready(audit_page):
    """The module's started page, started over, with every letter offered."""
    fill(audit_page, OUT_OF_NETWORK)
    return audit_page


@pytest.fixture
def fresh(page, site_url):
    """A page of its own (a reload, or the page's clipboard replaced), with every letter offered."""
    assert open_page(page, site_url) == "ready"
    fill(page, OUT_OF_NETWORK)
    return page


def test_every_letter_opens_by_keyboard_and_escape_gives_the_focus_back(ready):
    page = ready
    kinds = page.eval_on_selector_all("#sa-letter-list [data-open-letter]", "bs => bs.map(b => b.dataset.openLetter)")
    assert kinds == EVERY_LETTER
    seen = set()
    for kind in kinds:
        letter_button(page, kind).focus()
        page.keyboard.press("Enter")
        page.wait_for_selector(f"{VIEW}[open]")
        assert focus_id(page)["inView"], f"{kind}: the focus stayed behind the open letter"
        assert page.inner_text("#sa-letter-view-title") == letter_button(page, kind).inner_text()
        text = page.input_value(TEXT)
        assert text.strip() and "[Doctor name]" not in text, f"{kind}: no letter, or not from the answers"
        seen.add(text)
        page.keyboard.press("Escape")
        page.wait_for_selector(f"{VIEW}:not([open])", state="attached")
        assert focus_id(page)["kind"] == kind, f"{kind}: Escape did not give the focus back to its button"
    assert len(seen) == len(kinds), "two buttons opened the same letter"

    open_letter(page, "request_criteria")
    for key in ["Tab"] * 10 + ["Shift+Tab"] * 10:  # modal: the page behind it never takes the focus
        page.keyboard.press(key)
        where = page.evaluate(
            "() => document.activeElement === document.body || Boolean(document.activeElement.closest('#sa-letter-view'))"
        )
        assert where, f"{key} moved the focus behind the open letter"
    close_letter(page)
    assert focus_id(page)["kind"] == "request_criteria", "Close did not give the focus back"


def test_the_plan_names_the_letter_and_opens_it(ready):
    page = ready
    button = page.locator("#sa-result .sa-plan [data-open-letter=appeal]")
    assert button.inner_text() == letter_button(page, "appeal").inner_text()
    button.click()
    page.wait_for_selector(f"{VIEW}[open]")
    assert "network" in page.input_value(TEXT)
    page.keyboard.press("Escape")
    assert focus_id(page)["kind"] == "appeal"


def test_an_edit_survives_closing_and_reopening_and_the_answers_changing(ready):
    page = ready
    box = open_letter(page, "request_criteria")
    box.fill(box.input_value() + "\nP.S. Added by me.")
    assert page.locator(f"{VIEW} .sa-letter-edited").is_visible()
    close_letter(page)
    assert letter_text(page, "appeal").count("P.S. Added by me.") == 0, "an edit leaked into another letter"
    fill(page, {"scan": "ct"})
    assert open_letter(page, "request_criteria").input_value().endswith("P.S. Added by me.")
    page.click(f"{VIEW} [data-action=rebuild]")
    assert "P.S. Added by me." not in page.input_value(TEXT)
    assert "CT scan" in page.input_value(TEXT), "the rebuilt letter does not follow the answers"


def test_an_edit_survives_a_reload_only_when_the_reader_saves(fresh, site_url):
    page = fresh
    edit = "Dear reviewer, my own words."
    open_letter(page, "doctor").fill(edit)
    close_letter(page)
    page.reload()
    page.wait_for_selector("#self-audit[data-engine=ready]", timeout=90_000)
    assert stored(page) is None
    fill(page, OUT_OF_NETWORK)
    assert letter_text(page, "doctor") != edit, "kept without the reader asking"

    open_letter(page, "doctor").fill(edit)
    close_letter(page)
    page.check("#sa-save")
    assert stored(page)["letters"] == {"doctor": edit}
    assert open_page(page, site_url) == "ready"
    page.wait_for_selector('#sa-letter-list [data-open-letter="doctor"]')
    assert letter_text(page, "doctor") == edit


def test_the_letter_wraps_on_a_phone_and_is_on_screen_once(browser, site_url):
    ctx = browser.new_context(service_workers="block", **DEVICES["phone"])
    try:
        page = ctx.new_page()
        assert open_page(page, site_url) == "ready"
        fill(page, OUT_OF_NETWORK)
        box = open_letter(page, "appeal")
        box.fill(f"Dear reviewer,\n{LONG_WORD}\n")
        assert box.evaluate("t => t.scrollWidth <= t.clientWidth"), "the letter does not wrap a long word"
        assert page.evaluate("() => [document.documentElement.scrollWidth, innerWidth]") == [390, 390]
        view = page.locator(VIEW).bounding_box()
        assert view["x"] >= 0 and view["x"] + view["width"] <= 390, f"the letter's view is wider than the phone: {view}"
        copies = page.evaluate(
            """(word) => [...document.querySelectorAll('body *')]
            .filter(el => el.checkVisibility() && [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.includes(word)))
            .map(el => el.id || el.tagName)""",
            LONG_WORD[:60],
        )
        assert copies == [], f"the letter shows twice: {copies}"  # the textarea's value is not a text node
        assert page.locator(".sa-print-copy:visible").count() == 0
        buttons = page.locator(f"{VIEW} .sa-buttons")
        assert buttons.is_visible(), "the letter's buttons are off the phone's screen"
    finally:
        ctx.close()


def test_copy_puts_the_letter_on_the_clipboard(ready):
    page = ready
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    box = open_letter(page, "request_claim_file")
    box.fill(box.input_value() + "\nMy own line.")
    page.click(f"{VIEW} [data-action=copy]")
    page.wait_for_function(
        "() => document.querySelector('#sa-letter-view [data-role=letter-status]').textContent !== ''"
    )
    assert page.evaluate("() => navigator.clipboard.readText()") == box.input_value()
    assert page.inner_text(f"{VIEW} [data-role=letter-status]").startswith("Copied")


def test_when_the_clipboard_refuses_the_letter_is_selected_to_copy_by_hand(fresh):
    page = fresh
    page.evaluate("""() => {
      navigator.clipboard.writeText = () => Promise.reject(new DOMException('denied', 'NotAllowedError'));
      document.execCommand = () => false;
    }""")
    box = open_letter(page, "appeal")
    page.click(f"{VIEW} [data-action=copy]")
    page.wait_for_function(
        "() => document.querySelector('#sa-letter-view [data-role=letter-status]').textContent !== ''"
    )
    assert "selected" in page.inner_text(f"{VIEW} [data-role=letter-status]")
    selection = box.evaluate("t => [document.activeElement === t, t.selectionStart, t.selectionEnd, t.value.length]")
    assert selection[0] and selection[1] == 0 and selection[2] == selection[3] > 0


def test_download_gives_the_letter_as_the_reader_sees_it(ready):
    page = ready
    box = open_letter(page, "request_new_authorization")
    box.fill(box.input_value() + "\nÉdité à la main.")
    with page.expect_download() as txt:
        page.click(f"{VIEW} [data-action=txt]")
    assert txt.value.suggested_filename == "request-new-authorization.txt"
    assert Path(txt.value.path()).read_text("utf-8") == box.input_value()
    with page.expect_download() as rtf:
        page.click(f"{VIEW} [data-action=rtf]")
    assert rtf.value.suggested_filename == "request-new-authorization.rtf"
    body = Path(rtf.value.path()).read_text("utf-8")
    assert body.startswith("{\\rtf1") and "\\u201?dit\\u233? \\u224? la main." in body


def test_a_letter_prints_alone(ready):
    page = ready
    box = open_letter(page, "appeal")
    box.fill(f"Dear reviewer,\nMy own words.\n{LONG_WORD}\n")
    page.evaluate("() => { window.print = () => { window.printed = (window.printed ?? 0) + 1; }; }")
    page.click(f"{VIEW} [data-action=print]")
    assert page.evaluate("window.printed") == 1

    page.emulate_media(media="print")
    copy = page.locator("#sa-letter-print")
    assert copy.is_visible()
    assert copy.inner_text().strip() == box.input_value().strip()
    assert copy.evaluate("el => el.scrollWidth <= el.clientWidth"), "the printed letter is cut off at the right"
    shown = page.evaluate("""() => [...document.querySelectorAll('h1, h2, h3, .sa-question, .sa-item, textarea, button, dialog')]
                              .filter(el => el.checkVisibility()).map(el => el.id || el.tagName)""")
    assert shown == [], f"printed with the letter: {shown}"
    assert page.evaluate(EMPTY_PAGE_TEXT) == box.input_value().strip()
    from test_layout_and_print import pdf_pages

    assert pdf_pages(page.pdf()) <= 3  # page.pdf() runs beforeprint and afterprint, as the browser does

    assert not copy.is_visible(), "after printing one letter, printing the page prints it again"
    assert page.locator("#sa-report").is_visible()


# Everything the printed page shows, as text (the letter alone, or more).
EMPTY_PAGE_TEXT = "() => document.querySelector('.md-content').innerText.trim()"


def test_the_browsers_own_print_while_a_letter_is_open_prints_that_letter(ready):
    page = ready
    text = open_letter(page, "doctor").input_value()
    page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")  # Ctrl+P
    page.emulate_media(media="print")
    assert page.evaluate(EMPTY_PAGE_TEXT) == text.strip()
    page.evaluate("() => window.dispatchEvent(new Event('afterprint'))")
    assert page.input_value(TEXT) == text and page.locator(f"{VIEW}[open]").count() == 1


def test_a_level_with_no_letter_says_so_once_and_offers_the_other_letters(audit_page):
    page = audit_page
    fill(page, medicare_advantage_turned_down_again())
    panel = page.inner_text("#sa-letters")
    assert panel.count("No letter") == 1
    kinds = page.eval_on_selector_all("#sa-letter-list [data-open-letter]", "bs => bs.map(b => b.dataset.openLetter)")
    assert "appeal" not in kinds and "doctor" in kinds and "request_criteria" in kinds
    assert "request_new_authorization" not in kinds, "a request that does not fit a medical-necessity denial"


def test_original_medicare_requests_go_to_the_medicare_contractor(audit_page):
    page = audit_page
    fill(
        page,
        {
            "stage": "claim",
            "plan_type": "traditional_medicare",
            "denial_reason": "medical_necessity",
            "denial_date": days_ago(25),
            "scan": "mri",
        },
    )
    assert letter_button(page, "request_criteria").inner_text() == "Request for the Medicare coverage rules used"
    text = letter_text(page, "request_criteria")
    assert "Medicare contractor" in text and "Local Coverage Determination" in text and "plan" not in text.lower()


def test_the_open_letter_has_no_axe_violations(ready):
    page = ready
    open_letter(page, "appeal")
    violations = axe(page)
    assert not violations, describe("/self-audit/ (a letter open)", violations)


def test_saved_letters_of_every_kind_come_back(page, site_url):
    """What keep.mjs stores: the edited letters by key, request letters included."""
    saved = {
        "app": "second-look",
        "kind": "answers",
        "format": 1,
        "schema": 1,
        "saved": "2026-11-01T00:00:00Z",
        "answers": {"schema": 1, **OUT_OF_NETWORK},
        "letters": {"request_claim_file": "Kept words."},
    }
    page.goto(site_url + "self-audit/")
    page.evaluate("s => localStorage.setItem('second-look:answers', s)", json.dumps(saved))
    assert open_page(page, site_url) == "ready"
    page.wait_for_selector('#sa-letter-list [data-open-letter="request_claim_file"]')
    assert letter_text(page, "request_claim_file") == "Kept words."
    assert stored(page)["letters"] == {"request_claim_file": "Kept words."}
