"""The letters on the Spanish page (/es/self-audit/): the letter to send stays English in its box
(lang="en"), and "Ver la carta en español" shows the same letter in Spanish, paragraph by
paragraph, to read, with its own download labelled so. The English page has no Spanish panel."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from selfaudit import answer, open_page, reports, wait_for_report_after
from test_accessibility import axe, describe

from checklist_engine import doctor_letter, letter
from checklist_engine.cases import letter_shape

pytestmark = pytest.mark.browser

TODAY = dt.date.today()
VIEW = "#sa-letter-view"
READING = f"{VIEW} .sa-letter-reading"
ANSWERS = {
    "stage": "prior_authorization",
    "plan_type": "employer",
    "plan_funding": "self_funded",
    "denial_reason": "out_of_network",
    "denial_date": (TODAY - dt.timedelta(days=7)).isoformat(),
    "scan": "mri",
    "doctor_name": "Dr. Rivera",
}


def _fill(page) -> None:
    page.wait_for_selector("#self-audit[data-reports]", timeout=30_000)
    before = reports(page)
    for qid, value in ANSWERS.items():
        answer(page, qid, value)
    page.evaluate("document.activeElement.blur()")
    wait_for_report_after(page, before)


def _open(page, kind: str) -> None:
    page.locator(f'#sa-letter-list [data-open-letter="{kind}"]').click()
    page.wait_for_selector(f"{VIEW}[open]")


def _paragraphs(page) -> list[str]:
    return page.locator(f"{VIEW} [data-role=letter-reading] p").all_inner_texts()


@pytest.fixture
def spanish(page, site_url):
    assert open_page(page, site_url + "es/") == "ready"
    _fill(page)
    return page


def test_the_spanish_page_shows_the_english_letter_to_send_and_the_spanish_one_to_read(spanish):
    page = spanish
    answers = {"schema": 1, **ANSWERS}
    _open(page, "appeal")
    box = page.locator("#sa-letter-text")
    assert box.get_attribute("lang") == "en"
    assert box.input_value() == letter(answers, TODAY)  # the letter to send: English, as on the English page
    summary = page.locator(f"{READING} summary")
    assert summary.inner_text() == "Ver la carta en español"
    assert page.get_attribute(READING, "lang") == "es"
    assert not page.locator(f"{VIEW} [data-role=letter-reading]").is_visible()  # closed until asked
    summary.click()
    shown = _paragraphs(page)
    spanish_letter = letter(answers, TODAY, lang="es")
    assert "\n\n".join(shown) == spanish_letter.strip()
    assert len(shown) == letter_shape(box.input_value(), "en")["paragraphs"]
    assert "Envíe la carta en inglés" in page.inner_text(READING)
    download_button = page.locator(f"{READING} [data-action=reading-txt]")
    assert "para leer; envíe la carta en inglés" in download_button.inner_text()
    with page.expect_download() as txt:
        download_button.click()
    assert txt.value.suggested_filename == "appeal-letter-es.txt"
    assert Path(txt.value.path()).read_text("utf-8") == spanish_letter
    violations = axe(page)
    assert violations == [], describe("/es/self-audit/ letter in Spanish", violations)


def test_each_letter_has_its_own_spanish_version_and_an_edit_is_said_to_be_english_only(spanish):
    page = spanish
    answers = {"schema": 1, **ANSWERS}
    _open(page, "doctor")
    page.locator(f"{READING} summary").click()
    assert "\n\n".join(_paragraphs(page)) == doctor_letter(answers, TODAY, lang="es").strip()
    page.locator(f"{VIEW} [data-action=close]").click()
    _open(page, "request_new_authorization")
    assert "\n\n".join(_paragraphs(page)) == letter(answers, TODAY, kind="request_new_authorization", lang="es").strip()
    assert page.locator(f"{VIEW} .sa-letter-reading-edited").is_hidden()
    page.locator("#sa-letter-text").fill("Mi propia carta")
    assert page.locator(f"{VIEW} .sa-letter-reading-edited").is_visible()


def test_the_english_page_has_no_spanish_panel(page, site_url):
    assert open_page(page, site_url) == "ready"
    _fill(page)
    _open(page, "appeal")
    assert page.locator(READING).count() == 0
    assert page.locator("#sa-letter-text").get_attribute("lang") is None
