"""The self-audit in Spanish (/es/self-audit/): the worker answers in Spanish with CPython's Spanish
reports; the questions, the steps, the report and the errors are Spanish; axe finds nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from selfaudit import SETTLED, answer, assert_worker_matches_cpython, reports, step, wait_for_report_after
from test_accessibility import axe, describe

from sitebuild import page_strings

pytestmark = pytest.mark.browser

TODAY = dt.date.today()


def open_spanish(page, site_url: str) -> str:
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.js_errors = errors
    page.goto(site_url + "es/self-audit/")
    page.wait_for_selector(SETTLED, timeout=90_000)
    return page.get_attribute("#self-audit", "data-engine")


def test_the_worker_on_the_spanish_page_gives_cpythons_spanish_reports(page, site_url):
    assert open_spanish(page, site_url) == "ready"
    assert_worker_matches_cpython(page, "es")


def _english_shown(text: str) -> list[str]:
    """The page's own English texts (whose Spanish differs) found in `text`: none should be."""
    spanish = page_strings.strings("es")
    return [en for en, es in spanish.items() if en != es and len(en) > 12 and "{" not in en and en in text]


def test_questions_steps_report_and_errors_are_spanish_and_axe_finds_nothing(page, site_url):
    assert open_spanish(page, site_url) == "ready"
    assert page.get_attribute("html", "lang") == "es"
    assert page.inner_text("#sa-step-heading").startswith("Paso 1 de ")
    assert page.inner_text("#sa-next") == "Siguiente"
    assert "¿Cuándo le negaron el estudio?" in page.inner_text("#section-denial")

    before = reports(page)
    answer(page, "stage", "prior_authorization")
    answer(page, "plan_type", "employer")
    answer(page, "plan_funding", "self_funded")
    answer(page, "denial_reason", "medical_necessity")
    answer(page, "denial_date", (TODAY - dt.timedelta(days=20)).isoformat())
    wait_for_report_after(page, before)
    report = page.inner_text("#sa-result")
    assert "Su siguiente paso" in report and "Quién decide" in report and "Sus plazos" in report
    months = ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
              "noviembre", "diciembre")  # fmt: skip
    assert any(f" de {m} de " in report for m in months), "the dates in Spanish"
    assert "Muestre por qué el estudio es médicamente necesario" in report  # an item of the checklist
    assert _english_shown(page.inner_text("#self-audit")) == []

    # an answer the page cannot use: the error summary and the message are Spanish
    answer(page, "denial_date", (TODAY + dt.timedelta(days=30)).isoformat())
    page.click("#sa-next")
    page.wait_for_selector("#sa-errors:not([hidden])")
    errors = page.inner_text("#sa-errors")
    assert "Hay un problema" in errors and "no puede ser posterior a hoy" in errors
    assert step(page) == "denial"

    page.mouse.move(0, 0)  # the click left the pointer where the summary's link now is (a hover colour)
    violations = axe(page)
    assert not violations, describe("/es/self-audit/", violations)
    assert page.js_errors == []


def test_the_letters_stay_english_and_the_view_says_so_in_spanish(page, site_url):
    assert open_spanish(page, site_url) == "ready"
    assert page.get_attribute("#sa-letter-text", "lang") == "en"
    note = page.locator("#sa-letter-view .sa-note").first.text_content()
    assert "Las cartas para su plan están en inglés" in note
