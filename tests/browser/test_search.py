"""Site search: the index loads only when the reader opens search (hooks/lazy_search.py), and then
search finds the guides, by keyboard on a desktop and by the search button on a phone."""

from __future__ import annotations

import pytest
from selfaudit import DEVICES

pytestmark = pytest.mark.browser

INDEX = "search/search_index.json"
PHONE = DEVICES["phone"]


def asked_for_index(context) -> bool:
    return any(url.endswith(INDEX) for url in context.request_log.urls)


def first_result_link(page) -> str:
    result = page.locator(".md-search-result__item a").first
    result.wait_for(timeout=60_000)  # the index is built when search opens; slow on a busy 2-core machine
    return result.get_attribute("href")


def test_a_page_view_does_not_load_the_search_index(context, page, site_url):
    page.goto(site_url + "guides/appeal-steps/", wait_until="networkidle")
    page.wait_for_timeout(500)
    assert not asked_for_index(context)
    assert page.js_errors == []


def test_a_keyboard_reader_searches_from_a_guide(context, page, site_url):
    page.goto(site_url + "guides/appeal-steps/", wait_until="networkidle")
    page.keyboard.press("/")  # Material's shortcut: focus the search box
    page.keyboard.type("peer to peer")
    assert "guides/peer-to-peer/" in first_result_link(page)
    assert asked_for_index(context)
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url("**/guides/peer-to-peer/**")
    assert page.js_errors == []


def test_a_phone_reader_searches_with_the_search_button(browser, site_url):
    context = browser.new_context(service_workers="block", **PHONE)
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(site_url, wait_until="networkidle")
        page.locator('label.md-header__button[for="__search"]').click()
        page.locator(".md-search__input").fill("external review")
        assert "rights/external-review/" in first_result_link(page)
        assert errors == []
    finally:
        context.close()
