"""The appeal file on the self-audit page: a private log of events, checked by the engine, kept with
the answers (only when the reader saves them), exported, imported, printed, and hostile text shown as
text everywhere."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from selfaudit import fill, open_page, reports, stored, wait_for_report_after
from test_accessibility import axe, describe

pytestmark = pytest.mark.browser

HOSTILE = "<img src=x onerror=alert(1)>"
RTL = "\u202eevil\u202c \u200fשלום"


def days_ago(n: int) -> str:
    return (dt.date.today() - dt.timedelta(days=n)).isoformat()


PLAN = {
    "stage": "prior_authorization",
    "plan_type": "employer",
    "plan_funding": "self_funded",
    "denial_reason": "medical_necessity",
    "denial_date": days_ago(40),
}


def open_file(page, site_url=None, answers=PLAN):
    """The appeal file ready to use, with these answers given; with `site_url`, on a page of its own."""
    if site_url is not None:
        assert open_page(page, site_url) == "ready"
    page.wait_for_selector("#sa-file:not([hidden]) #sa-file-add button")
    if answers:
        fill(page, answers, blur=False)


def add(page, type_: str, values: dict) -> None:
    """Add one event with Playwright's mouse-free API, and wait for the report it changes."""
    before = reports(page)
    page.click(f"#sa-file-add button[data-type={type_}]")
    for fid, value in values.items():
        control = page.locator(f"#sa-ef-{fid}")
        tag = control.evaluate("n => n.tagName + (n.type === 'checkbox' ? ':box' : '')")
        if tag == "SELECT":
            control.select_option(value)
        elif tag == "INPUT:box":
            control.set_checked(bool(value))
        else:
            control.fill(value)
    page.click("#sa-file-save")
    page.wait_for_selector("#sa-file-form", state="detached")
    wait_for_report_after(page, before)


def timeline(page) -> list[str]:
    return page.locator("#sa-file-timeline > li").all_inner_texts()


def focused(page) -> str:
    return page.evaluate(
        "() => document.activeElement.id || document.activeElement.dataset.event || document.activeElement.tagName"
    )


def test_add_change_and_delete_with_the_keyboard_only(audit_page):
    page = audit_page
    open_file(page)
    page.focus("#sa-file-add button[data-type=call]")
    page.keyboard.press("Enter")
    assert focused(page) == "sa-file-form-title"
    page.keyboard.press("Tab")
    assert focused(page) == "sa-ef-date"
    page.keyboard.type("2026-02-30")
    page.keyboard.press("Enter")  # submits; the engine refuses the date, and who is missing
    page.wait_for_selector(".sa-file-form .sa-error-summary:not([hidden])")
    summary = page.inner_text(".sa-file-form .sa-error-summary")
    assert "Date: '2026-02-30' is not a date like" in summary and "Who: is required" in summary
    assert page.evaluate("() => document.activeElement.classList.contains('sa-error-summary')")
    page.keyboard.press("Tab")  # the first link in the summary
    page.keyboard.press("Enter")
    assert focused(page) == "sa-ef-date"
    page.keyboard.press("Control+A")
    page.keyboard.type(days_ago(3))
    page.keyboard.press("Tab")
    page.keyboard.type("09:30")
    page.keyboard.press("Tab")
    page.keyboard.type("My")  # the select's type-ahead: "My health plan"
    assert page.input_value("#sa-ef-who") == "plan"
    page.keyboard.press("Tab")
    page.keyboard.type("1-800-555-0100")
    page.keyboard.press("Enter")
    page.wait_for_selector("#sa-file-form", state="detached")
    assert page.evaluate("() => document.activeElement.classList.contains('sa-file-event')")
    assert "Call with My health plan" in timeline(page)[0] and "1-800-555-0100" in timeline(page)[0]

    page.keyboard.press("Tab")  # the entry's "Change" button
    page.keyboard.press("Enter")
    assert "Change: A phone call" in page.inner_text("#sa-file-form-title")
    for _ in range(7):
        page.keyboard.press("Tab")
    assert focused(page) == "sa-ef-said"
    page.keyboard.type("They need my doctor's notes.")
    for _ in range(4):
        page.keyboard.press("Tab")
    assert focused(page) == "sa-file-save"
    page.keyboard.press("Enter")
    page.wait_for_selector("#sa-file-form", state="detached")
    assert len(timeline(page)) == 1 and "They need my doctor's notes." in timeline(page)[0]

    page.once("dialog", lambda d: d.accept())
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")  # "Delete"
    page.keyboard.press("Enter")
    page.wait_for_selector("#sa-file-timeline .sa-file-empty")
    assert "Deleted from your appeal file" in page.inner_text("#sa-file-status")
    assert page.js_errors == []


def test_a_sent_appeal_shows_its_decision_clock_and_the_check_notice(audit_page):
    page = audit_page
    open_file(page)
    add(page, "appeal_sent", {"date": days_ago(35), "level": "internal_appeal", "how": "mail"})
    clock = page.inner_text("#sa-file-clocks")
    due = dt.date.today() - dt.timedelta(days=5)
    assert f"The decision is late: it was due by {due:%A}, {due:%B} {due.day}, {due.year}" in clock
    assert "29 CFR 2560.503-1(i)(2)(ii)" in clock and "45 CFR 147.136(b)(2)(ii)(F)" in clock
    assert "Check the date on your own denial notice" in page.inner_text("#sa-file-notice")
    add(page, "promise", {"date": days_ago(1), "who": "plan", "what": "A call back", "by": days_ago(-9)})
    assert "(in 9 days)" in page.inner_text("#sa-file-clocks")


def test_events_survive_a_reload_only_when_saving_is_on(page, site_url):
    open_file(page, site_url)
    add(page, "call", {"date": days_ago(2), "who": "doctor"})
    assert stored(page) is None
    open_file(page, site_url, answers=None)
    assert page.locator("#sa-file-timeline .sa-file-empty").count() == 1

    add(page, "call", {"date": days_ago(2), "who": "doctor", "rep_name": "Pat"})
    page.check("#sa-save")
    saved = stored(page)
    assert saved["events_schema"] == 1 and saved["events"][0]["rep_name"] == "Pat"
    open_file(page, site_url, answers=None)
    assert "Pat" in timeline(page)[0]
    page.uncheck("#sa-save")
    assert stored(page) is None


def test_export_and_import_round_trip_the_events(audit_page, tmp_path):
    page = audit_page
    open_file(page)
    add(
        page,
        "document",
        {
            "date": days_ago(4),
            "direction": "sent",
            "what": "My appeal letter",
            "how": "fax",
            "proof": "Fax OK 12 pages",
        },
    )
    add(page, "appeal_sent", {"date": days_ago(4), "level": "internal_appeal", "received_date": days_ago(3)})
    before = timeline(page)
    with page.expect_download() as download:
        page.click("#sa-export")
    saved = tmp_path / "file.json"
    download.value.save_as(saved)
    data = json.loads(saved.read_text())
    assert [e["type"] for e in data["events"]] == ["document", "appeal_sent"] and data["events_schema"] == 1

    page.once("dialog", lambda d: d.accept())
    page.click("#sa-delete")
    page.wait_for_selector("#sa-file-timeline .sa-file-empty")
    rep = reports(page)
    page.set_input_files("#sa-import", str(saved))
    wait_for_report_after(page, rep)
    assert timeline(page) == before
    assert "Decision due by" in page.inner_text("#sa-file-clocks")


def test_a_bad_event_in_an_imported_file_is_named_and_nothing_else_is_lost(audit_page, tmp_path):
    page = audit_page
    open_file(page, answers=None)
    content = {
        "app": "second-look",
        "kind": "answers",
        "format": 1,
        "schema": 1,
        "events_schema": 1,
        "answers": {"schema": 1, **PLAN},
        "events": [
            {"id": "a", "type": "call", "date": days_ago(5), "who": "plan", "rep_name": "Kim"},
            {"id": "b", "type": "call", "date": "2026-02-30", "who": "plan"},
            {"id": "c", "type": "promise", "date": days_ago(5), "who": "plan", "what": "Criteria", "by": days_ago(-5)},
        ],
    }
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(content))
    rep = reports(page)
    page.set_input_files("#sa-import", str(path))
    wait_for_report_after(page, rep)
    status = page.inner_text("#sa-keep-status")
    assert "1 entry of its appeal file could not be used" in status
    assert "Event 2 (call): date: '2026-02-30' is not a date like" in status
    assert page.input_value('.sa-question[data-question="denial_date"] input') == PLAN["denial_date"]
    texts = timeline(page)
    assert len(texts) == 2 and any("Kim" in t for t in texts) and any("Criteria" in t for t in texts)


def test_hostile_text_is_text_in_the_page_print_calendar_and_export(page, site_url, tmp_path):
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    open_file(page, site_url)
    long_text = ("<script>alert(2)</script> " * 80)[:2000]
    fields = {
        "number": HOSTILE[:40],
        "rep_name": RTL,
        "reference": HOSTILE,
        "said": long_text,
        "promised": HOSTILE,
        "promised_by": days_ago(-3),
        "note": f"{RTL} {HOSTILE}\nline two",
    }
    add(page, "call", {"date": days_ago(1), "who": "other", **fields})
    add(page, "document", {"date": days_ago(1), "direction": "received", "what": HOSTILE, "proof": RTL})
    add(page, "promise", {"date": days_ago(1), "who": "plan", "what": HOSTILE, "by": days_ago(-2)})
    section = page.inner_text("#sa-file")
    for text in (HOSTILE, RTL, long_text.strip()):
        assert text in section
    assert f"Promised: {HOSTILE}" in page.inner_text("#sa-file-clocks")
    assert page.locator("#sa-file img, #sa-file script").count() == 0

    page.evaluate("() => { window.print = () => { window.__printed = document.body.className; }; }")
    page.click("#sa-file-print")
    assert "sa-printing-file" in page.evaluate("() => window.__printed")
    copy = page.inner_text("#sa-file-print-copy")
    assert HOSTILE in copy and RTL in copy and page.locator("#sa-file-print-copy img").count() == 0

    with page.expect_download() as download:
        page.click("#sa-result [data-action=ics]")
    ics = download.value.path().read_bytes().decode("utf-8")
    assert "SUMMARY:Promised by" in ics and "Promised: <img src=x onerror=alert(1)>" in ics.replace("\r\n ", "")
    assert all(
        line.startswith(
            (
                " ",
                "BEGIN",
                "END",
                "VERSION",
                "PRODID",
                "CALSCALE",
                "UID",
                "DTSTAMP",
                "DTSTART",
                "DTEND",
                "SUMMARY",
                "DESCRIPTION",
                "ACTION",
                "TRIGGER",
            )
        )
        for line in ics.split("\r\n")
        if line
    )

    with page.expect_download() as download:
        page.click("#sa-export")
    exported = json.loads(download.value.path().read_bytes().decode("utf-8"))
    call = next(e for e in exported["events"] if e["type"] == "call")
    assert {k: call[k] for k in fields} == {**fields, "note": fields["note"]}
    assert dialogs == [] and page.js_errors == []


def test_print_my_appeal_file_prints_that_section_alone(audit_page):
    page = audit_page
    open_file(page)
    add(page, "appeal_sent", {"date": days_ago(2), "level": "internal_appeal", "how": "mail", "proof": "9400 1111"})
    add(page, "call", {"date": days_ago(1), "who": "plan", "reference": "REF-77"})
    page.evaluate("() => { window.print = () => { window.__printed = true; }; }")
    page.click("#sa-file-print")
    assert page.evaluate("() => window.__printed")
    page.emulate_media(media="print")
    page.evaluate("() => document.body.classList.add('sa-printing-file')")  # as during window.print()
    copy = page.inner_text("#sa-file-print-copy")
    for text in (
        "My appeal file",
        "Job-based plan, self-funded",
        "Deadlines",
        "When decisions are due",
        "Decision due by",
        "What happened, oldest first",
        "REF-77",
        "9400 1111",
        "What I am sending with my appeal",
        "A copy of the denial letter",
    ):
        assert text in copy, text
    assert copy.index("Sent: Internal appeal") < copy.index("Call with My health plan")  # oldest first
    visible = page.evaluate("""() => [...document.querySelectorAll('#sa-report, #sa-form, #sa-keep, #sa-file-timeline, #sa-file-add')]
        .filter((n) => n.getClientRects().length).map((n) => n.id)""")
    assert visible == []
    assert page.locator("#sa-file-print-copy").is_visible()


def test_the_appeal_file_has_no_accessibility_violations(audit_page):
    page = audit_page
    open_file(page)
    add(page, "appeal_sent", {"date": days_ago(40), "level": "internal_appeal"})
    page.click("#sa-file-add button[data-type=call]")
    page.click("#sa-file-save")  # the error summary and the inline errors
    page.wait_for_selector(".sa-file-form .sa-error-summary:not([hidden])")
    violations = axe(page)
    assert violations == [], describe("self-audit appeal file", violations)


def test_an_appeal_file_saved_by_a_newer_page_is_left_untouched(page, site_url):
    newer = json.dumps(
        {
            "app": "second-look",
            "kind": "answers",
            "format": 1,
            "schema": 1,
            "events_schema": 2,
            "answers": {"schema": 1, "plan_type": "individual"},
            "events": [{"type": "meeting"}],
        }
    )
    page.add_init_script(f"localStorage.setItem('second-look:answers', {json.dumps(newer)})")
    open_file(page, site_url, answers={"stage": "claim"})
    assert "newer version" in page.inner_text("#sa-keep-status")
    assert page.evaluate("() => localStorage.getItem('second-look:answers')") == newer
