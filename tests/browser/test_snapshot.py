"""A repeat visit restores the engine from a memory snapshot kept in this browser, and still answers
exactly as CPython does; a snapshot that cannot be used means a normal start, never a broken page."""

from __future__ import annotations

import datetime as dt

import pytest
from selfaudit import answer, open_page, reports, wait_for_report_after
from test_letters_view import letter_text

from checklist_engine import audit, letter

pytestmark = pytest.mark.browser

SNAPSHOT_KEYS = """async () => {
  const cache = await caches.open('second-look-snapshot');
  return (await cache.keys()).map((r) => r.url);
}"""

ANSWERS = {
    "stage": "prior_authorization",
    "plan_type": "medicare_advantage",
    "denial_reason": "wrong_imaging_level",
    "denial_date": (dt.date.today() - dt.timedelta(days=12)).isoformat(),
    "urgent": True,
}


def wait_for_snapshot(page) -> list[str]:
    """The snapshot is made by a background worker a few seconds after the engine is ready."""
    for _ in range(450):
        keys = page.evaluate(SNAPSHOT_KEYS)
        if keys:
            return keys
        page.wait_for_timeout(200)
    raise AssertionError("the engine's snapshot was never saved")


def shown_report(page) -> tuple[list[str], list[str]]:
    missing = page.eval_on_selector_all(".sa-missing li[data-item]", "els => els.map(e => e.dataset.item)")
    deadlines = page.eval_on_selector_all("[data-deadline]", "els => els.map(e => e.dataset.deadline)")
    return missing, deadlines


def test_a_repeat_visit_restores_the_engine_from_its_snapshot(page, site_url):
    assert open_page(page, site_url) == "ready"
    assert page.get_attribute("#self-audit", "data-engine-boot") == "fresh"
    wait_for_snapshot(page)

    assert open_page(page, site_url) == "ready"
    assert page.get_attribute("#self-audit", "data-engine-boot") == "snapshot"
    before = reports(page)
    for qid, value in ANSWERS.items():
        answer(page, qid, value)
    wait_for_report_after(page, before)
    expected = audit({"schema": 1, **ANSWERS}, dt.date.today())
    assert shown_report(page) == (expected["missing"], [d["id"] for d in expected["deadlines"]])
    assert letter_text(page, "appeal") == letter({"schema": 1, **ANSWERS}, dt.date.today())
    assert page.js_errors == []


def test_a_broken_snapshot_means_a_normal_start(page, site_url):
    open_page(page, site_url)
    [key] = wait_for_snapshot(page)
    page.evaluate(
        """async (key) => {
      const cache = await caches.open('second-look-snapshot');
      const junk = new Blob([new Uint8Array(1000)]).stream().pipeThrough(new CompressionStream('gzip'));
      await cache.put(key, new Response(junk));
    }""",
        key,
    )
    assert open_page(page, site_url) == "ready"
    assert page.get_attribute("#self-audit", "data-engine-boot") == "fresh"
    answer(page, "stage", "claim")
    page.wait_for_selector("#sa-result:not([hidden])")
    assert page.js_errors == []
