"""The language switch: from a guide in English to the same guide in Spanish and back, by keyboard,
and a Spanish reader's search finds Spanish pages."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

SWITCH = ".md-header__option .md-select"


def switch_language_by_keyboard(page, lang: str) -> None:
    """Tab to the header's language button, then to the link for `lang`, and press Enter."""
    button = page.locator(f"{SWITCH} > button")
    for _ in range(15):
        page.keyboard.press("Tab")
        if button.evaluate("b => b === document.activeElement"):
            break
    else:
        raise AssertionError("the language button is not reachable with Tab")
    link = page.locator(f'{SWITCH} a[hreflang="{lang}"]')
    for _ in range(4):
        page.keyboard.press("Tab")
        if link.evaluate("a => a === document.activeElement"):
            break
    else:
        raise AssertionError(f"the {lang} link is not reachable with Tab after the language button")
    assert link.is_visible(), "the focused language link is not shown"
    page.keyboard.press("Enter")


def test_a_keyboard_reader_switches_a_guide_to_spanish_and_back(page, site_url):
    page.goto(site_url + "guides/appeal-steps/")
    assert page.get_attribute("html", "lang") == "en"
    switch_language_by_keyboard(page, "es")
    page.wait_for_url(site_url + "es/guides/appeal-steps/")
    assert page.get_attribute("html", "lang") == "es"
    switch_language_by_keyboard(page, "en")
    page.wait_for_url(site_url + "guides/appeal-steps/")
    assert page.get_attribute("html", "lang") == "en"
    assert page.js_errors == []


def test_the_spanish_home_page_switches_to_the_english_home_page(page, site_url):
    page.goto(site_url + "es/")
    assert page.locator("h1").inner_text().startswith("Apele")
    switch_language_by_keyboard(page, "en")
    page.wait_for_url(site_url)
    assert page.locator("h1").inner_text().startswith("Appeal a denied MRI or CT scan")


def test_a_spanish_reader_searches_the_spanish_pages(context, page, site_url):
    page.goto(site_url + "es/", wait_until="networkidle")
    page.keyboard.press("/")
    page.keyboard.type("apelación")
    result = page.locator(".md-search-result__item a").first
    result.wait_for(timeout=60_000)  # the index is built when search opens; slow on a busy machine
    assert any(url.endswith("es/search/search_index.json") for url in context.request_log.urls)
    assert not any(url.endswith(site_url + "search/search_index.json") for url in context.request_log.urls)
    hrefs = page.locator(".md-search-result__item a").evaluate_all("els => els.map(a => a.href)")
    assert hrefs and all(h.startswith(site_url + "es/") for h in hrefs), hrefs
    assert page.js_errors == []
