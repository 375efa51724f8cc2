"""The walking skeleton in a real browser: static form first, then the engine's live report."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

ENGINE_SETTLED = "#self-audit:not([data-engine=loading])"


def open_self_audit(page, site_url):
    page.goto(site_url + "self-audit/")
    page.wait_for_selector(ENGINE_SETTLED, timeout=90_000)
    return page.get_attribute("#self-audit", "data-engine")


def answer_yes(page, question_id: str) -> None:
    page.locator(f'[data-question="{question_id}"] input[value="yes"]').check()


def test_engine_starts_and_answers_live(page, site_url, context):
    assert open_self_audit(page, site_url) == "ready"
    result = page.locator("#sa-result")
    result.wait_for(state="visible")
    assert "urgent" not in result.inner_text().lower()

    answer_yes(page, "urgent")

    page.wait_for_selector("#sa-result .sa-expedited", timeout=10_000)
    assert "expedited" in result.inner_text().lower()
    assert page.js_errors == []


def test_missing_runtime_gives_a_plain_message_and_the_form_still_works(page, site_url, context):
    context.route("**/pyodide/**", lambda route: route.fulfill(status=404, body="not found"))
    assert open_self_audit(page, site_url) == "failed"
    status = page.inner_text("#sa-status")
    assert "could not start" in status and "still works" in status
    radio = page.locator('[data-question="urgent"] input[value="yes"]')
    radio.check()
    assert radio.is_checked()


def test_static_checklist_without_javascript(browser, site_url):
    ctx = browser.new_context(java_script_enabled=False)
    try:
        page = ctx.new_page()
        page.goto(site_url + "self-audit/")
        assert page.locator("#sa-form input").count() >= 3
        assert page.locator("#sa-items li").count() >= 1
        assert "JavaScript is off" in page.inner_text("#sa-no-script")
    finally:
        ctx.close()
