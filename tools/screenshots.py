"""Screenshots of the self-audit for a reviewer: a 390 x 844 phone and a 1366 x 900 desktop, in each
state a reader meets, plus the printed page as PDF files. Not a test: it asserts nothing, it only
shows, and prints the page width and the print page count of each state.

    make screenshots                       # builds the site, writes screenshots/
    .venv/bin/python tools/screenshots.py SITE_DIR OUT_DIR [--case NAME]

States: no JavaScript; loading (just after the page arrives); ready before any answer; with the
answers of a golden case (tests/cases/NAME.json, put in the browser's storage as if the reader had
saved them) and the report; each step of the questions and the review screen, reached with Next as a
reader does (`*-5-step-N-NAME`, `*-6-review`); the letters, and one letter open in its own view. Each as the first screen (`*-screen.png`) and, for the long
states, the whole page (`*-full.png`); the time-limit table without JavaScript on its own. PDFs: the summary, the paper checklist without JavaScript, and
one letter printed alone (its Print button); the first two also as one long print-media image.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sitebuild.browser import CHROMIUM_ARGS, find_chromium  # noqa: E402
from sitebuild.static_server import serve  # noqa: E402

VIEWPORTS = {
    "phone": {
        "viewport": {"width": 390, "height": 844},
        "is_mobile": True,
        "has_touch": True,
        "device_scale_factor": 2,
    },
    "desktop": {"viewport": {"width": 1366, "height": 900}, "device_scale_factor": 1},
}
SETTLED = "#self-audit:not([data-engine=loading])"
WIDTH = "() => ({page: document.documentElement.scrollWidth, viewport: innerWidth})"


def seed_script(case: dict) -> str:
    """The case's answers in the browser's storage, as the page keeps them when the reader opts in."""
    saved = {"app": "second-look", "kind": "answers", "schema": 1, "answers": case["answers"], "letters": {}}
    return f"localStorage.setItem('second-look:answers', {json.dumps(json.dumps(saved))});"


def pdf_pages(pdf: bytes) -> int:
    return pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")


def wait_for_report(page) -> None:
    page.wait_for_selector(SETTLED, timeout=90_000)
    page.wait_for_selector("#self-audit[data-reports]", timeout=30_000)
    page.wait_for_timeout(800)  # the typing pause of the page's debounced update


def shoot(page, out: Path, name: str, full: bool, figures: dict) -> None:
    page.screenshot(path=out / f"{name}-screen.png")
    if full:
        page.screenshot(path=out / f"{name}-full.png", full_page=True)
    figures[name] = page.evaluate(WIDTH)


# How far down the page, in screens of the device, the reader finds the plan block ("Your next step"),
# its date to act by, the list of deadlines and the questions (the current step).
SCREENS = """(height) => {
  const at = (selector) => {
    const el = document.querySelector(selector);
    return el ? Math.round((el.getBoundingClientRect().top + scrollY) / height * 100) / 100 : null;
  };
  return {"screens to next step": at('.sa-plan'), "to date": at('.sa-plan-facts dd'),
          "to deadlines": at('#sa-deadlines'), "to questions": at('#sa-step-head') ?? at('#sa-form'),
          "page length in screens": Math.round(document.documentElement.scrollHeight / height * 100) / 100};
}"""


def walk_steps(page, out: Path, device: str, figures: dict) -> None:
    """Every step, then the review, with the Next button (the page starts on the first step)."""
    names = page.eval_on_selector_all(".sa-section", "all => all.map(s => s.id.replace(/^section-/, ''))")
    for n, name in enumerate(names, start=1):
        if n > 1:
            page.click("#sa-next")
        else:
            page.evaluate("() => document.getElementById('sa-step-heading').scrollIntoView({block: 'start'})")
        page.wait_for_timeout(600)  # the theme's header fades its title as the page scrolls
        shoot(page, out, f"{device}-5-step-{n}-{name}", False, figures)
    page.click("#sa-next")
    page.wait_for_selector("#self-audit[data-step=review]")
    page.wait_for_timeout(600)
    shoot(page, out, f"{device}-6-review", True, figures)


def print_view(page, path: Path) -> None:
    """What prints, as one long image a paper page wide (8.5 in at 96 px per inch); the PDF beside it
    has the real pages."""
    viewport = page.viewport_size
    page.set_viewport_size({"width": 816, "height": 1056})
    page.emulate_media(media="print")
    page.screenshot(path=path, full_page=True)
    page.emulate_media(media="null")  # no emulation: page.pdf() prints with print media again
    page.set_viewport_size(viewport)


def run(site: Path, out: Path, case_name: str) -> dict:
    from playwright.sync_api import sync_playwright

    case = json.loads((ROOT / "tests" / "cases" / f"{case_name}.json").read_text("utf-8"))
    out.mkdir(parents=True, exist_ok=True)
    figures: dict = {}
    with serve(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=find_chromium(), args=CHROMIUM_ARGS)
        url = base + "self-audit/"
        for device, options in VIEWPORTS.items():
            ctx = browser.new_context(java_script_enabled=False, **options)
            page = ctx.new_page()
            page.goto(url)
            shoot(page, out, f"{device}-1-no-javascript", True, figures)
            page.locator("#sa-static-deadlines").screenshot(path=out / f"{device}-1-no-javascript-time-limits.png")
            ctx.close()

            ctx = browser.new_context(service_workers="block", **options)
            page = ctx.new_page()
            page.goto(url, wait_until="domcontentloaded")
            shoot(page, out, f"{device}-2-loading", False, figures)
            wait_for_report(page)
            shoot(page, out, f"{device}-3-ready-no-answers", True, figures)
            ctx.close()

            ctx = browser.new_context(service_workers="block", **options)
            ctx.add_init_script(seed_script(case))
            page = ctx.new_page()
            page.goto(url)
            wait_for_report(page)
            shoot(page, out, f"{device}-4-answers-and-report", True, figures)
            figures[f"{device}-4-answers-and-report"].update(page.evaluate(SCREENS, options["viewport"]["height"]))
            walk_steps(page, out, device, figures)
            page.evaluate("() => document.getElementById('sa-letters').scrollIntoView({block: 'start'})")
            page.wait_for_timeout(600)  # the theme's header fades its title as the page scrolls
            shoot(page, out, f"{device}-7-letters", False, figures)
            if device == "desktop":
                pdf = page.pdf(path=str(out / "print-summary.pdf"))
                figures["print-summary"] = {"pages": pdf_pages(pdf)}
                print_view(page, out / "print-summary.png")
            # The first letter offered, in its own view.
            page.locator("#sa-letter-list [data-open-letter]").first.click()
            page.wait_for_selector("#sa-letter-view[open]")
            shoot(page, out, f"{device}-6-letter-open", False, figures)
            if device == "desktop":
                # That letter alone, as its Print button prints it (the print dialog itself stubbed).
                page.evaluate("() => { window.print = () => {}; }")
                page.click("#sa-letter-view [data-action=print]")
                pdf = page.pdf(path=str(out / "print-letter.pdf"))
                figures["print-letter"] = {"pages": pdf_pages(pdf)}
            ctx.close()

        ctx = browser.new_context(java_script_enabled=False)
        page = ctx.new_page()
        page.goto(url)
        pdf = page.pdf(path=str(out / "print-paper-checklist-no-javascript.pdf"))
        figures["print-paper-checklist-no-javascript"] = {"pages": pdf_pages(pdf)}
        print_view(page, out / "print-paper-checklist-no-javascript.png")
        ctx.close()
        browser.close()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path, help="the built site (make build writes site/)")
    parser.add_argument("out", type=Path, help="folder for the PNG and PDF files")
    parser.add_argument("--case", default="employer_prior_auth_conservative", help="golden case for the answers")
    args = parser.parse_args()
    figures = run(args.site, args.out, args.case)
    for name, values in figures.items():
        print(f"{name:40} " + "  ".join(f"{k} {v}" for k, v in values.items()))
    print(f"written to {args.out}/")


if __name__ == "__main__":
    main()
