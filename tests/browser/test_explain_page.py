"""'Start from your denial letter' on the self-audit: paste, PDF and photo, with the reader in charge.

The sample letters are tests/explain/letters (invented). The PDFs are written here by hand (a
minimal PDF with a text layer, Helvetica), the photos are Chromium's screenshots of the letter text.
Each path goes end to end: text out, findings shown with their quoted line, confirmations fill the
form through the same events a reader's edit fires, and the report follows.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from pathlib import Path

import pytest
from selfaudit import form_answers, open_page, report_text, reports, wait_for_report_after
from test_accessibility import axe, describe

from checklist_engine import explain

sys.path.insert(0, str(Path(__file__).parent.parent / "explain"))
from golden import LETTERS  # noqa: E402

pytestmark = pytest.mark.browser

LETTER_KEY = "second-look:denial-letter"
MA_LETTER = (LETTERS / "01_ma_ndmc_lumbar_mri.txt").read_text("utf-8")
KNEE_LETTER = (LETTERS / "12_two_reasons_knee.txt").read_text("utf-8")
EVICORE_LETTER = (LETTERS / "06_evicore_pa_cervical.txt").read_text("utf-8")


def start(page, site_url: str | None = None) -> None:
    """Open "Start from your denial letter" (with `site_url`: on a page of its own, once it is ready)."""
    if site_url is not None:
        assert open_page(page, site_url) == "ready"
    page.locator("#sa-explain > summary").click()


def reads(page) -> int:
    """How many texts the panel has read on this page (it counts on; Delete does not reset it)."""
    return int(page.get_attribute("#sa-explain", "data-read") or 0)


def read_text(page, text: str) -> None:
    before = reads(page)
    page.fill("#sa-explain-text", text)
    page.click("#sa-explain-read")
    wait_read(page, before)


def wait_read(page, before: int, timeout: int = 20_000) -> None:
    page.wait_for_selector(f"#sa-explain[data-read]:not([data-read='{before}'])", timeout=timeout)


def row(page, field: str, nth: int = 0):
    return page.locator(f'.sa-explain-finding[data-field="{field}"]').nth(nth)


def long_date(iso: str) -> str:
    d = dt.date.fromisoformat(iso)
    return f"{d:%B} {d.day}, {d.year}"


# --- paste ------------------------------------------------------------------------------------------


def test_paste_shows_each_finding_with_its_quoted_line_and_fills_only_what_is_confirmed(audit_page):
    page = audit_page
    start(page)
    read_text(page, MA_LETTER)
    expected = explain(MA_LETTER)
    shown = page.locator(".sa-explain-finding")
    assert shown.count() == len(expected["findings"])
    # each finding quotes its source line with exactly the matched words marked
    for n, finding in enumerate(expected["findings"]):
        mark = shown.nth(n).locator("blockquote mark")
        assert " ".join(mark.inner_text().split()) == " ".join(finding["quote"].split()), finding["field"]
        assert f"line {finding['line_number']}" in shown.nth(n).inner_text()
    assert "Medicare Advantage" in row(page, "plan_type").inner_text()
    # nothing is filled until the reader says so
    assert form_answers(page) == {}
    before = reports(page)
    row(page, "plan_type").get_by_role("button", name="Use this").click()
    row(page, "denial_reason").get_by_role("button", name="Use this").click()
    wait_for_report_after(page, before)
    answers = form_answers(page)
    assert answers == {"plan_type": "medicare_advantage", "denial_reason": "conservative_treatment"}
    assert "Filled in" in row(page, "plan_type").inner_text()
    assert "Medicare Advantage" in report_text(page)
    assert "reconsideration" in report_text(page).lower()


def test_not_right_fills_nothing_and_offers_the_other_options(audit_page):
    page = audit_page
    start(page)
    read_text(page, MA_LETTER)
    plan = row(page, "plan_type")
    plan.get_by_role("button", name="Not right").click()
    assert "Not used" in plan.inner_text()
    page.wait_for_timeout(500)
    assert form_answers(page) == {}
    # the reader picks the right option instead: that, and only that, is filled in
    before = reports(page)
    plan.locator("select").select_option("employer")
    plan.get_by_role("button", name="Use my choice").click()
    wait_for_report_after(page, before)
    assert form_answers(page) == {"plan_type": "employer"}


def test_use_all_lists_what_it_fills_and_fills_exactly_that(audit_page):
    page = audit_page
    start(page)
    read_text(page, EVICORE_LETTER)
    listed = page.locator("#sa-explain-all-list li").all_inner_texts()
    assert listed and any("When was the scan refused?" in item for item in listed), listed
    before = reports(page)
    page.click("#sa-explain-use-all")
    wait_for_report_after(page, before)
    answers = form_answers(page)
    assert len(answers) == len(listed)
    assert answers["stage"] == "prior_authorization" and answers["scan"] == "mri" and answers["body_area"] == "neck"
    assert answers["member_id"] == "GF77123409"


def test_a_text_with_nothing_usable_says_what_to_look_for(audit_page):
    page = audit_page
    start(page)
    read_text(page, "Thank you for calling. Please keep this page for your records.")
    message = page.locator(".sa-explain-nothing").inner_text()
    assert message.startswith("We could not find the reason in this text") and "Look for" in message
    assert page.locator(".sa-explain-finding").count() == 0
    assert form_answers(page) == {}


def test_the_letters_own_deadline_shows_beside_the_computed_one_and_the_earlier_is_used(audit_page):
    page = audit_page
    start(page)
    read_text(page, KNEE_LETTER)
    deadline = row(page, "stated_deadline")
    assert "January 5, 2027" in deadline.inner_text()
    before = reports(page)
    for field in ("denial_date",):
        row(page, field).get_by_role("button", name="Use this").click()
    page.locator('[data-question="plan_type"] input[value="employer"]').check()
    page.locator('[data-question="stage"] input[value="prior_authorization"]').check()
    wait_for_report_after(page, before)
    before = reports(page)
    deadline.get_by_role("button", name="Use this").click()
    wait_for_report_after(page, before)
    box = page.locator("#sa-result .sa-letter-deadline")
    text = box.inner_text()
    # employer plan: 180 days from October 7, 2026 = April 5, 2027; the letter's January 5 is earlier
    assert "January 5, 2027" in text and "April 5, 2027" in text
    assert "Use January 5, 2027" in text
    box.get_by_role("button", name="Stop using the letter's deadline").click()
    page.wait_for_function("() => !document.querySelector('#sa-result .sa-letter-deadline')")


def test_keyboard_only(audit_page):
    page = audit_page
    before_read = reads(page)
    page.locator("#sa-explain > summary").focus()
    page.keyboard.press("Enter")
    assert page.locator("#sa-explain").get_attribute("open") is not None
    page.keyboard.press("Tab")  # the text box
    assert page.evaluate("() => document.activeElement.id") == "sa-explain-text"
    page.keyboard.insert_text(MA_LETTER)
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.id") == "sa-explain-read"
    page.keyboard.press("Enter")
    wait_read(page, before_read)
    # the results heading takes focus; the first "Use this" is reachable by Tab
    assert page.evaluate("() => document.activeElement.id") == "sa-explain-results-title"
    before = reports(page)
    use = row(page, "plan_type").get_by_role("button", name="Use this")
    for _ in range(60):
        page.keyboard.press("Tab")
        if use.evaluate("(b) => b === document.activeElement"):
            break
    else:
        pytest.fail("the plan type's 'Use this' is not reachable with Tab")
    page.keyboard.press("Enter")
    wait_for_report_after(page, before)
    assert form_answers(page).get("plan_type") == "medicare_advantage"


def test_the_panel_passes_axe(audit_page):
    page = audit_page
    start(page)
    read_text(page, MA_LETTER)
    row(page, "plan_type").get_by_role("button", name="Not right").click()
    violations = axe(page)
    assert violations == [], describe("self-audit (letter panel)", violations)


# --- PDF --------------------------------------------------------------------------------------------


def pdf_with_text(text: str | None) -> bytes:
    """A minimal one-page PDF (Letter size, Helvetica 10 pt) with the text as its text layer, one
    line per line; None: a page with no text at all (like a scan)."""

    def escape(line: str) -> str:
        return line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    if text is None:
        stream = b""
    else:
        ops = ["BT", "/F1 9 Tf", "11 TL", "40 760 Td"]
        for line in text.splitlines():
            ops.append(f"({escape(line.encode('latin-1', 'replace').decode('latin-1'))}) Tj T*")
        ops.append("ET")
        stream = "\n".join(ops).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


LETTERS_FOR_FILES = ["01_ma_ndmc_lumbar_mri", "06_evicore_pa_cervical", "12_two_reasons_knee"]


def key_values(text: str) -> dict:
    """The fields a reader most needs, as the extractor finds them in the original text."""
    best = explain(text)["best"]
    return {
        f: best[f] for f in ("denial_date", "plan_type", "stage", "denial_reason", "scan", "body_area") if f in best
    }


@pytest.mark.parametrize("name", LETTERS_FOR_FILES)
def test_a_pdf_letter_goes_end_to_end(audit_page, name):
    page = audit_page
    text = (LETTERS / f"{name}.txt").read_text("utf-8")
    start(page)
    before_read = reads(page)
    page.set_input_files(
        "#sa-explain-pdf", files=[{"name": f"{name}.pdf", "mimeType": "application/pdf", "buffer": pdf_with_text(text)}]
    )
    wait_read(page, before_read)
    # the PDF's text is in the box, and the findings are those of the letter itself
    assert "We found" in page.locator("#sa-explain-results").inner_text()
    fields = {}
    for finding in page.locator(".sa-explain-finding").all():
        fields.setdefault(finding.get_attribute("data-field"), finding)
    wanted = key_values(text)
    assert set(wanted) <= set(fields), (wanted, list(fields))
    before = reports(page)
    fields["denial_reason"].get_by_role("button", name="Use this").click()
    wait_for_report_after(page, before)
    assert form_answers(page)["denial_reason"] == wanted["denial_reason"]


def test_a_scanned_pdf_says_so_and_offers_the_photo(audit_page):
    page = audit_page
    start(page)
    page.set_input_files(
        "#sa-explain-pdf", files=[{"name": "scan.pdf", "mimeType": "application/pdf", "buffer": pdf_with_text(None)}]
    )
    page.wait_for_function(
        "() => /no text we can read/.test(document.getElementById('sa-explain-status').textContent)", timeout=20_000
    )
    assert "Take or open a photo" in page.inner_text("#sa-explain-status")


# --- photo (OCR) ------------------------------------------------------------------------------------


def letter_image(browser, text: str) -> bytes:
    """The letter as a photo would show it: Chromium's screenshot of the text, black on white."""
    shot = browser.new_page(viewport={"width": 1100, "height": 400})
    try:
        shot.set_content(
            "<pre id=l style='font: 22px/1.4 Arial, sans-serif; margin: 30px; white-space: pre-wrap'></pre>"
        )
        shot.evaluate("(t) => document.getElementById('l').textContent = t", text)
        return shot.locator("#l").screenshot(type="png")
    finally:
        shot.close()


RECORD_PROGRESS = """() => {
  window.__ocrProgress = [];
  const label = document.getElementById('sa-explain-progress-label');
  new MutationObserver(() => window.__ocrProgress.push(label.textContent)).observe(label, {childList: true, characterData: true, subtree: true});
}"""


def check_the_photo_read(page, text: str, progress: list[str]) -> None:
    """A photo's read went end to end: progress shown, the reason and the scan found, and "Use this"
    fills the form."""
    assert any(re.fullmatch(r"Reading your photo: \d+%", p) for p in progress), progress
    shown = {f.get_attribute("data-field") for f in page.locator(".sa-explain-finding").all()}
    wanted = key_values(text)
    # reading a photo makes mistakes; the reason and the scan must survive it
    assert {"denial_reason", "scan"} <= shown, (shown, page.input_value("#sa-explain-text")[:400])
    before = reports(page)
    row(page, "denial_reason").get_by_role("button", name="Use this").click()
    wait_for_report_after(page, before)
    assert (
        form_answers(page)["denial_reason"] in explain(text)["best"].values()
        or form_answers(page)["denial_reason"] == wanted["denial_reason"]
    )


def test_a_photo_of_a_letter_goes_end_to_end(browser, page, site_url):
    text = (LETTERS / "06_evicore_pa_cervical.txt").read_text("utf-8")
    image = letter_image(browser, text)
    start(page, site_url)
    page.evaluate(RECORD_PROGRESS)
    page.set_input_files("#sa-explain-photo", files=[{"name": "letter.png", "mimeType": "image/png", "buffer": image}])
    wait_read(page, 0, timeout=120_000)
    check_the_photo_read(page, text, page.evaluate("() => window.__ocrProgress"))


def test_reading_a_photo_can_be_cancelled(browser, page, site_url):
    image = letter_image(browser, KNEE_LETTER)
    start(page, site_url)
    page.set_input_files("#sa-explain-photo", files=[{"name": "letter.png", "mimeType": "image/png", "buffer": image}])
    page.wait_for_selector("#sa-explain-cancel:visible")
    page.click("#sa-explain-cancel")
    page.wait_for_function(
        "() => document.getElementById('sa-explain-status').textContent.startsWith('Stopped')", timeout=20_000
    )
    assert page.locator(".sa-explain-finding").count() == 0
    assert page.is_hidden("#sa-explain-progress")


# --- privacy ----------------------------------------------------------------------------------------

STORAGE_DUMP = """async () => {
  const out = {local: JSON.stringify({...localStorage}), idb: []};
  for (const db of (await indexedDB.databases?.()) ?? []) out.idb.push(db.name);
  return out;
}"""


RECORD_CSP_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI}`));
"""


@pytest.fixture(scope="module")
def knee_photo(browser, site_url):
    """The knee letter's photo, read once for the two tests below (reading a photo takes about 10 s
    on two cores): on a page of its own, in a context that logs every request and every load the
    page's policy blocks, after a PDF, so that one visit shows both letter-reading tools at work.
    Gives the page as the read left it (the privacy test, last, deletes it) and what was seen."""
    ctx = browser.new_context(service_workers="block")
    urls: list[str] = []
    ctx.on("request", lambda request: urls.append(request.url))
    ctx.add_init_script(RECORD_CSP_VIOLATIONS)
    page = ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.js_errors = errors
    image = letter_image(browser, KNEE_LETTER)
    start(page, site_url)
    seen = {"readers_at_start": [u for u in urls if "/readers/" in u]}
    page.set_input_files(
        "#sa-explain-pdf", files=[{"name": "a.pdf", "mimeType": "application/pdf", "buffer": pdf_with_text(MA_LETTER)}]
    )
    wait_read(page, 0)
    page.evaluate(RECORD_PROGRESS)
    page.set_input_files("#sa-explain-photo", files=[{"name": "b.png", "mimeType": "image/png", "buffer": image}])
    wait_read(page, 1, timeout=120_000)
    seen["progress"] = page.evaluate("() => window.__ocrProgress")
    seen["urls"] = list(urls)
    seen["csp"] = page.evaluate("() => window.__cspViolations")
    seen["storage"] = page.evaluate(STORAGE_DUMP)
    yield page, seen
    ctx.close()


def test_a_photo_of_the_knee_letter_goes_end_to_end(knee_photo):
    page, seen = knee_photo
    check_the_photo_read(page, KNEE_LETTER, seen["progress"])


def test_pdf_and_ocr_stay_on_the_site_and_the_letter_is_stored_only_when_saving(knee_photo, site_url):
    page, seen = knee_photo
    # the cold start loads none of the letter-reading tools
    assert seen["readers_at_start"] == []
    urls = seen["urls"]
    assert any("/readers/pdfjs-" in u for u in urls) and any(u.endswith("eng.traineddata.gz") for u in urls), urls
    off_site = [u for u in urls if not u.startswith((site_url, "data:", "blob:"))]
    assert off_site == [], "requests left the site"
    assert seen["csp"] == [], "the page's own policy blocked a load"
    # saving is off: no letter text anywhere in this browser's storage, and no OCR database
    dump = seen["storage"]
    assert "Tri-County" not in dump["local"] and "Bright Harbor" not in dump["local"]
    assert dump["idb"] == [] or all(
        "tesseract" not in (n or "").lower() and "keyval" not in (n or "") for n in dump["idb"]
    ), dump
    # saving on: the letter's text is kept with the answers; deleting removes it
    page.check("#sa-save")
    kept = json.loads(page.evaluate(f"() => localStorage.getItem('{LETTER_KEY}')"))
    assert "Tri-County" in kept["text"]
    page.once("dialog", lambda d: d.accept())
    page.click("#sa-delete")
    assert page.evaluate(f"() => localStorage.getItem('{LETTER_KEY}')") is None
    assert page.input_value("#sa-explain-text") == ""
    assert page.js_errors == []


def test_a_saved_letter_comes_back_and_unticking_save_deletes_it(page, site_url):
    start(page, site_url)
    page.check("#sa-save")
    page.fill("#sa-explain-text", KNEE_LETTER)
    page.reload()
    assert open_page(page, site_url) == "ready"
    assert page.input_value("#sa-explain-text") == KNEE_LETTER
    page.uncheck("#sa-save")
    assert page.evaluate(f"() => localStorage.getItem('{LETTER_KEY}')") is None
