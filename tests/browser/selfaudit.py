"""Driving the self-audit page as a reader does: shared by the browser tests."""

from __future__ import annotations

import json

SETTLED = "#self-audit:not([data-engine=loading])"


def open_page(page, site_url: str) -> str:
    """Open the self-audit and wait until the engine is ready or has failed; returns which."""
    page.goto(site_url + "self-audit/")
    page.wait_for_selector(SETTLED, timeout=90_000)
    return page.get_attribute("#self-audit", "data-engine")


def reports(page) -> int:
    return int(page.get_attribute("#self-audit", "data-reports") or 0)


def wait_for_report_after(page, count: int) -> None:
    """Wait until the page has shown a report newer than `count` and the typing pause has passed."""
    page.wait_for_selector(f"#self-audit[data-reports]:not([data-reports='{count}'])", timeout=15_000)
    page.wait_for_timeout(400)  # a last debounced update may follow the one we saw
    last = reports(page)
    page.wait_for_timeout(300)
    if reports(page) != last:
        wait_for_report_after(page, last)


def answer(page, qid: str, value) -> None:
    """Answer one question with the mouse-free Playwright API (values as in the answers JSON)."""
    block = page.locator(f'.sa-question[data-question="{qid}"]')
    kind = block.get_attribute("data-type")
    if kind == "boolean":
        block.locator(f'input[value="{"yes" if value else "no"}"]').check()
    elif kind == "choice" and block.locator("select").count():
        block.locator("select").select_option(value)
    elif kind == "choice":
        block.locator(f'input[value="{value}"]').check()
    elif kind == "multi":
        for v in value:
            block.locator(f'input[value="{v}"]').check()
    else:
        block.locator("input").fill(str(value))


def form_answers(page) -> dict:
    """What the form holds now, read from the controls themselves."""
    return page.evaluate(
        """() => {
          const out = {};
          for (const block of document.querySelectorAll('.sa-question')) {
            const inputs = [...block.querySelectorAll('input')];
            const type = block.dataset.type;
            let value;
            if (type === 'multi') value = inputs.filter(i => i.checked).map(i => i.value);
            else if (block.querySelector('select')) value = block.querySelector('select').value || undefined;
            else if (type === 'choice' || type === 'boolean') value = inputs.find(i => i.checked)?.value;
            else value = inputs[0].value || undefined;
            if (value !== undefined && !(Array.isArray(value) && !value.length)) out[block.dataset.question] = value;
          }
          return out;
        }"""
    )


def report_text(page) -> str:
    return page.inner_text("#sa-result")


def stored(page):
    text = page.evaluate("() => localStorage.getItem('second-look:answers')")
    return None if text is None else json.loads(text)
