"""Issue 20, "Nothing lost, never stuck": one test per finding that lost what a reader typed or left
the page stuck (each failed before the fix). The faults of the network and the caches are in
test_faults.py. Tests that do not need the live checker keep it from starting (its files refused),
which is also a situation the page must handle.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from selfaudit import answer, check_my_appeal, form_answers, open_page, reports, stored, wait_for_report_after
from test_letters_view import letter_text

from sitebuild.static_server import serve

pytestmark = pytest.mark.browser

KEY = "second-look:answers"
TODAY = dt.date.today()


def days_ago(n: int) -> str:
    return (TODAY - dt.timedelta(days=n)).isoformat()


def saved_state(answers: dict, letters: dict | None = None, **extra) -> dict:
    return {
        "app": "second-look",
        "kind": "answers",
        "format": 1,
        "schema": 1,
        "checklist_version": "x",
        "saved": "2026-11-01T00:00:00Z",
        "answers": {"schema": 1, **answers},
        "letters": letters or {},
        **extra,
    }


def put_in_storage(page, site_url, value: str) -> None:
    """Write the saved-answers key as an earlier visit would have (before the self-audit opens)."""
    page.goto(site_url + "about/")
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY, value])


@pytest.fixture
def no_engine(context):
    """The live checker cannot start: its runtime files are refused."""
    context.route("**/pyodide/**", lambda route: route.abort("connectionrefused"))
    return context


def test_1_an_edited_letter_survives_a_reload_when_the_checker_cannot_start(page, site_url, no_engine):
    edit = "Dear reviewer, my own words, edited by hand."
    put_in_storage(page, site_url, json.dumps(saved_state({"stage": "claim"}, {"appeal": edit})))
    assert open_page(page, site_url) == "failed"
    answer(page, "plan_type", "employer")  # one more answer while the checker is down
    page.wait_for_function("k => JSON.parse(localStorage.getItem(k)).answers.plan_type === 'employer'", arg=KEY)
    assert stored(page)["letters"] == {"appeal": edit}, "the edited letter was lost from storage"

    no_engine.unroute("**/pyodide/**")
    assert open_page(page, site_url) == "ready"
    page.wait_for_selector('#sa-letter-list [data-open-letter="appeal"]')
    assert letter_text(page, "appeal") == edit
    answer(page, "scan", "mri")
    page.wait_for_function("k => JSON.parse(localStorage.getItem(k)).answers.scan === 'mri'", arg=KEY)
    assert stored(page)["letters"] == {"appeal": edit}


def test_1_older_answers_waiting_for_the_checker_are_kept_in_storage(page, site_url, no_engine):
    """Answers of an older checklist (renamed questions) wait for the engine to place them; while it
    is down, a new answer must not save over them."""
    put_in_storage(page, site_url, json.dumps(saved_state({"stage": "claim", "denial_letter": True})))
    assert open_page(page, site_url) == "failed"
    answer(page, "plan_type", "employer")
    page.wait_for_function("k => JSON.parse(localStorage.getItem(k)).answers.plan_type === 'employer'", arg=KEY)
    assert stored(page)["answers"]["denial_letter"] is True


def write_file(tmp_path, data) -> str:
    path = tmp_path / "answers.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data))
    return str(path)


def test_4_an_import_says_what_it_replaces_asks_and_can_be_undone(page, site_url, tmp_path, no_engine):
    open_page(page, site_url)
    answer(page, "stage", "claim")
    answer(page, "plan_type", "employer")
    file = write_file(tmp_path, saved_state({"stage": "prior_authorization", "scan": "ct"}))

    asked: list[str] = []
    page.once("dialog", lambda d: (asked.append(d.message), d.dismiss()))
    page.set_input_files("#sa-import", file)
    page.wait_for_selector("#sa-keep-status:has-text('Nothing was opened')")
    assert "replace your 2 answers" in asked[0]
    assert form_answers(page) == {"stage": "claim", "plan_type": "employer"}

    page.once("dialog", lambda d: d.accept())
    page.set_input_files("#sa-import", file)
    page.wait_for_selector("#sa-keep-status:has-text('Opened')")
    assert form_answers(page) == {"stage": "prior_authorization", "scan": "ct"}
    page.click("#sa-undo-import")
    assert form_answers(page) == {"stage": "claim", "plan_type": "employer"}
    assert "back" in page.inner_text("#sa-keep-status")


def test_4_a_file_whose_answers_are_not_answers_changes_nothing(page, site_url, tmp_path, no_engine):
    open_page(page, site_url)
    answer(page, "stage", "claim")
    page.check("#sa-save")
    before = stored(page)
    for answers in (None, [], "", 0, False):
        page.evaluate("() => { document.querySelector('#sa-keep-status').textContent = ''; }")
        page.set_input_files("#sa-import", write_file(tmp_path, {**saved_state({}), "answers": answers}))
        page.wait_for_selector("#sa-keep-status:has-text('were not changed')")
        assert form_answers(page) == {"stage": "claim"}, answers
        assert stored(page)["answers"] == before["answers"], answers


def test_6_answers_saved_by_a_newer_page_are_kept_untouched(page, site_url, no_engine):
    newer = json.dumps(saved_state({"stage": "claim", "new_question": {"kind": "unknown here"}}, format=2))
    put_in_storage(page, site_url, newer)
    open_page(page, site_url)
    assert "saved by a newer version of this page: reload" in page.inner_text("#sa-keep-status")
    assert page.is_visible("#sa-reload")
    answer(page, "plan_type", "employer")
    page.click("#sa-save")  # the reader tries to save over it
    assert "Reload this page first" in page.inner_text("#sa-keep-status")
    page.wait_for_timeout(400)  # the debounced save would have run
    assert page.evaluate("k => localStorage.getItem(k)", KEY) == newer


def test_6_unreadable_saved_answers_are_moved_aside_and_can_be_downloaded(page, site_url, no_engine):
    put_in_storage(page, site_url, '{"app": "second-look", "answers": {"stage": "cla')
    open_page(page, site_url)
    assert "could not be read" in page.inner_text("#sa-keep-status")
    aside = page.evaluate("() => Object.keys(localStorage).filter(k => k.startsWith('second-look:answers:set-aside:'))")
    assert len(aside) == 1
    with page.expect_download() as download:
        page.click("#sa-download-unreadable")
    assert Path(download.value.path()).read_text() == '{"app": "second-look", "answers": {"stage": "cla'


def test_8_an_answer_nested_thousands_deep_is_refused_before_it_reaches_the_checker(
    page, site_url, tmp_path, no_engine
):
    """The page refuses it (it would also break the message to the worker); the engine refuses it
    too, before parsing it (tests/engine: test_pyodide_node.py, test_bridge_and_cli.py)."""
    open_page(page, site_url)
    answer(page, "stage", "prior_authorization")
    deep = '{"app": "second-look", "answers": {"schema": 1, "red_flags": ' + "[" * 3000 + "]" * 3000 + "}}"
    page.set_input_files("#sa-import", write_file(tmp_path, deep))
    page.wait_for_selector("#sa-keep-status:has-text('were not changed')")
    assert "red_flags" in page.inner_text("#sa-keep-status")
    assert form_answers(page) == {"stage": "prior_authorization"}
    assert page.js_errors == []


def test_8_saved_answers_nested_too_deep_are_set_aside_and_the_checker_still_starts(page, site_url):
    put_in_storage(
        page, site_url, '{"app": "second-look", "answers": {"schema": 1, "scan": ' + "[" * 3000 + "]" * 3000 + "}}"
    )
    assert open_page(page, site_url) == "ready"
    assert "could not be read" in page.inner_text("#sa-keep-status")
    before = reports(page)
    answer(page, "stage", "prior_authorization")
    answer(page, "urgent", True)
    wait_for_report_after(page, before)
    assert page.is_visible("#sa-result .sa-expedited")
    assert page.js_errors == []


def test_9_closing_with_unsaved_answers_asks_first(page, site_url, no_engine):
    open_page(page, site_url)
    answer(page, "stage", "claim")
    asked: list[str] = []
    page.on("dialog", lambda d: (asked.append(d.type), d.dismiss()))
    page.close(run_before_unload=True)
    page.wait_for_timeout(300)
    assert asked == ["beforeunload"]


def test_9_closing_with_saved_answers_does_not_ask(page, site_url, no_engine):
    open_page(page, site_url)
    answer(page, "stage", "claim")
    page.check("#sa-save")
    asked: list[str] = []
    page.on("dialog", lambda d: (asked.append(d.type), d.dismiss()))
    with page.expect_event("close"):
        page.close(run_before_unload=True)
    assert asked == []


def test_10_letter_boxes_are_kept_out_of_the_browsers_session_files(page, site_url, no_engine):
    open_page(page, site_url)
    boxes = page.eval_on_selector_all("#sa-letter-view textarea", "els => els.map(e => e.getAttribute('autocomplete'))")
    assert boxes and set(boxes) == {"off"}


def test_11_impossible_dates_are_named_at_their_question(page, site_url):
    assert open_page(page, site_url) == "ready"
    answer(page, "stage", "claim")
    answer(page, "denial_date", "9999-12-31")
    check_my_appeal(page)
    assert "between 1900 and 2100" in page.inner_text('[data-question="denial_date"] .sa-error-message')
    answer(page, "denial_date", days_ago(10))
    check_my_appeal(page)
    answer(page, "appeal_stage", "internal_denied")
    answer(page, "final_denial_date", days_ago(20))
    page.wait_for_selector('[data-question="final_denial_date"] .sa-error-message', timeout=10_000)
    assert "before the first denial" in page.inner_text('[data-question="final_denial_date"] .sa-error-message')
    # the engine's own check (two dates that disagree) stops "Check my appeal" too, in its summary
    check_my_appeal(page)
    page.wait_for_selector("#sa-errors:not([hidden])", timeout=10_000)
    assert "before the first denial" in page.inner_text("#sa-errors")


def test_12_the_loading_line_counts_real_bytes(page, context, site_url, built_site):
    """Issue 12: plain words and a real progress bar, sized from the build's own figures."""
    context.route("**/pyodide.asm.wasm", lambda route: None)  # never answers: the line stays up
    page.goto(site_url + "self-audit/")
    files = json.loads(page.get_attribute('meta[name="second-look:runtime-files"]', "content"))
    total = sum(f["bytes"] for f in files["pyodide"].values()) + files["stdlib"]["bytes"] + files["engine"]["bytes"]
    # bytes of the files that do arrive are counted (the largest one never does)
    page.wait_for_function("() => document.querySelector('#sa-progress').value > 0", timeout=60_000)
    assert page.get_attribute("#sa-progress", "max") == str(total)
    assert 0 < float(page.get_attribute("#sa-progress", "value")) < files["pyodide"]["pyodide.asm.wasm"]["bytes"]
    label = page.inner_text(".sa-loading label")
    assert re.fullmatch(rf"Getting the checker ready: \d+\.\d of {total / 1e6:.1f} MB", label), label
    assert page.inner_text("#sa-status") == "You can keep answering: your report will appear here."


def test_13_framed_by_another_site_the_page_shows_no_answers(page, site_url, tmp_path, no_engine):
    page.goto(site_url + "about/")
    page.evaluate(
        "([k, v]) => localStorage.setItem(k, v)", [KEY, json.dumps(saved_state({"patient_name": "Jo Smith"}))]
    )
    (tmp_path / "index.html").write_text(f'<iframe src="{site_url}self-audit/" width="800" height="600"></iframe>')
    with serve(tmp_path) as other_site:  # another origin: another port
        page.goto(other_site)
        frame = page.frame_locator("iframe")
        frame.locator(".sa-framed").wait_for()
        assert "inside another website" in frame.locator(".sa-framed").inner_text()
        assert frame.locator(".sa-framed a").get_attribute("target") == "_top"
        assert frame.locator("#sa-form").count() == 0 and frame.locator("#self-audit input").count() == 0
