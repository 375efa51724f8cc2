"""How far a reader on a 390 x 844 phone scrolls to reach the plan, and how many pages "Print my appeal
plan" gives. Prints figures; asserts nothing (the limits are tested in tests/browser).

    .venv/bin/python bench/bench_screens.py [--all]

Builds the site into a temporary folder and serves it. On the phone, a reader answers only the
questions that decide the path (stage, plan, reason, the date on the notice, where they are in the
appeal), as the browser tests do; then, from the top of the self-audit page, in phone screens
(844 px; 1.00 = the bottom edge of the first screen): where the next-step sentence and the date to
act by start and end, the page's length, and on each step how far the step's heading is from the
"Your next step" line under the questions. Then "Print my appeal plan" for a typical case (the golden
case employer_prior_auth_conservative; --all: every golden case) on US Letter and A4.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "browser"))

from bench_lighthouse import build  # noqa: E402
from selfaudit import answer, open_page, reports, wait_for_report_after  # noqa: E402

from sitebuild.browser import CHROMIUM_ARGS, find_chromium  # noqa: E402
from sitebuild.static_server import serve  # noqa: E402

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
SCREEN = PHONE["viewport"]["height"]
TYPICAL = "employer_prior_auth_conservative"
PAPER = {"US Letter": "Letter", "A4": "A4"}


def path_answers() -> list[tuple[str, object]]:
    ten_days_ago = (dt.date.today() - dt.timedelta(days=10)).isoformat()
    return [
        ("stage", "prior_authorization"),
        ("plan_type", "employer"),
        ("denial_reason", "medical_necessity"),
        ("denial_date", ten_days_ago),
        ("appeal_stage", "first_denial"),
    ]


# Top and bottom of an element, in screens from the top of the page.
SPAN = """([selector, height]) => {
  const el = document.querySelector(selector);
  if (!el || !el.checkVisibility()) return null;
  const box = el.getBoundingClientRect();
  const at = (y) => Math.round((y + scrollY) / height * 100) / 100;
  return [at(box.top), at(box.bottom)];
}"""


def screens(page) -> dict:
    span = lambda selector: page.evaluate(SPAN, [selector, SCREEN])  # noqa: E731
    out = {
        "next step sentence (.sa-plan-action)": span(".sa-plan-action"),
        "date to act by (first .sa-plan-facts dd)": span(".sa-plan-facts dd"),
        "page length": round(page.evaluate("() => document.documentElement.scrollHeight") / SCREEN, 2),
    }
    steps = page.eval_on_selector_all(".sa-section", "all => all.map(s => s.id.replace(/^section-/, ''))")
    for n, name in enumerate(steps, start=1):
        page.evaluate("hash => { location.hash = hash; }", f"step-{name}")
        page.wait_for_selector(f"#self-audit[data-step='{name}']")
        head, line = span("#sa-step-head"), span("#sa-next-inline")
        out[f"step {n} ({name}): heading to the next-step line below its questions"] = (
            round(line[0] - head[0], 2) if head and line else None
        )
    return out


def print_pages(page, case: Path) -> dict[str, int]:
    """Open the case's answers as an answers file, then press "Print my appeal plan" (the print dialog
    stubbed: the page's beforeprint work runs) and print with print media."""
    answers = json.loads(case.read_text("utf-8"))["answers"]
    envelope = {"app": "second-look", "kind": "answers", "schema": 1, "answers": answers, "letters": {}}
    before = reports(page)
    page.set_input_files(
        "#sa-import",
        files=[{"name": case.name, "mimeType": "application/json", "buffer": json.dumps(envelope).encode()}],
    )
    wait_for_report_after(page, before)
    page.evaluate("() => { window.print = () => window.dispatchEvent(new Event('beforeprint')); }")
    page.click("#sa-result [data-action=print-summary]")
    page.emulate_media(media="print")
    try:
        return {name: pdf_page_count(page.pdf(format=fmt)) for name, fmt in PAPER.items()}
    finally:
        page.emulate_media(media="screen")
        page.evaluate("() => window.dispatchEvent(new Event('afterprint'))")


def pdf_page_count(pdf: bytes) -> int:
    return pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")


def main(argv: list[str]) -> int:
    from playwright.sync_api import sync_playwright

    cases = sorted((ROOT / "tests" / "cases").glob("*.json"))
    chosen = cases if "--all" in argv else [c for c in cases if c.stem == TYPICAL]
    with tempfile.TemporaryDirectory(prefix="screens-") as tmp:
        site = Path(tmp) / "site"
        build(site)
        with serve(site) as base, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=find_chromium(), args=CHROMIUM_ARGS)
            ctx = browser.new_context(service_workers="block", **PHONE)
            page = ctx.new_page()
            if open_page(page, base) != "ready":
                print("the engine did not start")
                return 1
            before = reports(page)
            for qid, value in path_answers():
                answer(page, qid, value)
            wait_for_report_after(page, before)
            figures = screens(page)
            ctx.close()

            ctx = browser.new_context(service_workers="block", viewport={"width": 1366, "height": 900})
            page = ctx.new_page()
            page.on("dialog", lambda d: d.accept())  # "Open this file? Its answers will replace yours"
            open_page(page, base)
            pages = {case.stem: print_pages(page, case) for case in chosen}
            ctx.close()
            browser.close()

    print(f"Phone 390 x 844, after the path questions ({', '.join(q for q, _ in path_answers())}):")
    print("  in screens from the top of the page (top, bottom):")
    for name, value in figures.items():
        print(f"    {name}: {value}")
    print('"Print my appeal plan", pages (US Letter, A4):')
    if len(pages) == 1:
        for name, count in pages.items():
            print(f"  {name}: {count['US Letter']}, {count['A4']}")
    else:
        for paper in PAPER:
            spread = Counter(count[paper] for count in pages.values())
            print(f"  {paper}: {len(pages)} cases: " + ", ".join(f"{n} on {k}" for k, n in sorted(spread.items())))
        print(f"  {TYPICAL}: {pages[TYPICAL]['US Letter']}, {pages[TYPICAL]['A4']}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
