"""The self-audit fits the screen, says nothing about JavaScript while scripts run, and prints well.

On a 390 x 844 phone and a 1366 x 900 desktop the page is never wider than the screen: before the
engine loads, once it has, with the letters shown, and with a long unbroken word in a letter. (The
letters' hidden print copies once showed on screen, unwrapped: the phone page became 2,135 px wide
and taps landed in the wrong place.)

Print is checked with print media emulated (what is shown and hidden, and the focus box) and with
page.pdf() for page counts: once the engine has a report, the report prints instead of the form
and the checklist, so each item prints once; before that, and without JavaScript, the page prints
as a paper form with the time limits; a letter's Print button prints that letter alone.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import re
from pathlib import Path

import pytest
from selfaudit import DEVICES, TYPICAL_CASE, check_my_appeal, save_answers
from test_accessibility import axe, describe

from checklist_engine import audit, load_rules

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent.parent
CASE = TYPICAL_CASE
LONG_WORD = "https://example.org/" + "a" * 400  # no place to break: the letter must still wrap it
MAX_PLAN_PAGES = 3  # "Print my appeal plan" (it was 4 to 5 pages for every golden case before 2026-11-27)

# The page's width as the reader's screen sees it. On a phone a wider page also widens the layout
# viewport (innerWidth), which is what sent taps to the wrong place.
WIDTH = "() => ({page: document.documentElement.scrollWidth, screen: innerWidth})"

# Visible text of the page's own widget: every heading there that has nothing visible after it in its
# own section or fieldset (an empty "Your live report" heading printed without JavaScript).
EMPTY_HEADINGS = """() => {
  const shown = (el) => el.checkVisibility ? el.checkVisibility() : el.offsetParent !== null;
  const out = [];
  for (const h of document.querySelectorAll('#self-audit h2, #self-audit h3, #self-audit legend')) {
    if (!shown(h)) continue;
    const box = h.closest('section, fieldset, .sa-letter, .sa-error-summary') ?? h.parentElement;
    const rest = [...box.querySelectorAll('*')].filter((el) => el !== h && !h.contains(el) && !el.contains(h)
      && shown(el) && (el.matches('input, textarea, progress, table') || [...el.childNodes].some(
        (n) => n.nodeType === 3 && n.textContent.trim())));
    if (!rest.length) out.push(h.textContent.trim());
  }
  return out;
}"""


def pdf_pages(pdf: bytes) -> int:
    return pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")


def seeded(context) -> None:
    """The golden case's answers in the browser's storage, as the page keeps them when the reader opts in."""
    save_answers(context, CASE["answers"])


def wait_for_report(page) -> None:
    page.wait_for_selector("#self-audit[data-engine=ready]", timeout=90_000)
    page.wait_for_selector("#self-audit[data-reports]", timeout=30_000)


@contextlib.contextmanager
def device(browser, name: str, *, answers: bool = False, **options):
    """A fresh context on the phone or the desktop (service workers blocked, as in the other tests)."""
    ctx = browser.new_context(service_workers="block", **DEVICES[name], **options)
    if answers:
        seeded(ctx)
    try:
        yield ctx
    finally:
        ctx.close()


def visible_item_ids(page) -> list[str]:
    return page.eval_on_selector_all(
        "#self-audit [data-item]", "all => all.filter(el => el.checkVisibility()).map(el => el.dataset.item)"
    )


# --- the screen ------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(DEVICES))
@pytest.mark.parametrize("answers", [False, True], ids=["no-answers", "answers"])
def test_the_page_is_never_wider_than_the_screen(browser, site_url, name, answers):
    width = DEVICES[name]["viewport"]["width"]
    fits = {"page": width, "screen": width}
    with device(browser, name, answers=answers) as ctx:
        page = ctx.new_page()
        page.goto(site_url + "self-audit/", wait_until="domcontentloaded")
        assert page.get_attribute("#self-audit", "data-engine") != "ready"
        assert page.evaluate(WIDTH) == fits, "before the engine loads"

        wait_for_report(page)
        assert page.evaluate(WIDTH) == fits, "once the engine has loaded"

        page.locator("#sa-letters").scroll_into_view_if_needed()
        assert page.locator("#sa-letter-list [data-open-letter]").first.is_visible()
        assert page.locator(".sa-print-copy:visible").count() == 0, "a letter's print copy shows on screen"
        assert page.evaluate(WIDTH) == fits, "with the letters shown"

        page.locator("#sa-letter-list [data-open-letter]").first.click()
        page.fill("#sa-letter-text", f"Dear reviewer,\n{LONG_WORD}\n")
        assert page.eval_on_selector("#sa-letter-text", "t => t.scrollWidth <= t.clientWidth"), (
            "the on-screen letter does not wrap a long word"
        )
        assert page.evaluate(WIDTH) == fits, "with a long word in a letter"


# Every layout shift from the first paint on (the browser's own measure, the one Lighthouse sums as
# "cumulative layout shift"). The test gives no input, so all count: on an emulated phone the browser
# marks the first ones "had recent input" anyway.
SHIFTS = """window.__shifts = [];
new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__shifts.push(
  {value: e.value, moved: e.sources.map((s) => s.node?.id || s.node?.className || String(s.node))}); })
  .observe({type: 'layout-shift', buffered: true});"""


@pytest.mark.parametrize("name", list(DEVICES))
def test_nothing_on_the_screen_moves_when_the_page_scripts_run(browser, site_url, name):
    """The form once moved 181 px down on a phone as the scripts put the loading bar, the letter
    panel and the step heading above it (layout shift 0.08 in Lighthouse; a tap lands on the wrong
    line). Here the engine's runtime never arrives, so the page stays as a reader sees it while the
    checker loads, with the page's own scripts run."""
    with device(browser, name) as ctx:
        ctx.route(re.compile(r".*/pyodide/.*"), lambda route: None)  # held: never answered
        ctx.add_init_script(SHIFTS)
        page = ctx.new_page()
        page.goto(site_url + "self-audit/")
        page.wait_for_selector("#self-audit.sa--steps #sa-explain")  # steps.mjs and explain.mjs have run
        page.wait_for_function("() => /of [0-9.]+ MB/.test(document.querySelector('.sa-loading label').textContent)")
        page.wait_for_timeout(500)  # the observer's last entries come after a frame
        assert page.get_attribute("#self-audit", "data-engine") == "loading"
        shifts = page.evaluate("() => window.__shifts")
        total = sum(s["value"] for s in shifts)
        assert total < 0.05, f"the page moved under the reader (layout shift {total:.3f}): {shifts}"


# --- JavaScript on, JavaScript off -----------------------------------------------------------------


def test_while_scripts_load_nothing_says_javascript_is_missing(page, context, site_url):
    """The page as it is painted before its scripts run: held here by never letting them arrive."""
    context.route(re.compile(r".*/assets/self-audit/.*\.mjs$"), lambda route: route.abort())
    page.goto(site_url + "self-audit/")
    text = page.inner_text("#self-audit")
    assert "JavaScript" not in text, text[:300]
    assert page.locator("#sa-status").is_visible()
    assert not page.locator("#sa-static-deadlines").is_visible()


def no_script_rules() -> list[dict]:
    return [r for r in load_rules()["rules"].values() if r["kind"] == "file"]


def test_without_javascript_the_page_gives_the_time_limits_and_no_empty_heading(browser, site_url):
    ctx = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    try:
        page = ctx.new_page()
        page.goto(site_url + "self-audit/")
        assert "JavaScript is off" in page.inner_text("#sa-no-script")
        assert not page.locator("#sa-report").is_visible(), "the live-report slot shows without JavaScript"
        table = page.locator("#sa-static-deadlines")
        assert table.is_visible()
        text = table.inner_text()
        assert load_rules()["check_notice"] in text
        rows = table.locator("tbody tr:has(td)")
        assert rows.count() == len(no_script_rules())
        for row, rule in zip(rows.all(), no_script_rules(), strict=True):
            assert rule["label"] in row.inner_text() and rule["period"] in row.inner_text()
        assert page.evaluate(WIDTH) == {"page": 390, "screen": 390}
        assert page.evaluate(EMPTY_HEADINGS) == []

        page.emulate_media(media="print")
        assert table.is_visible(), "the printed page has no time limits"
        assert page.locator("#sa-form").is_visible()
        assert page.locator(".sa-question:visible").count() == page.locator(".sa-question").count()
        assert page.evaluate(EMPTY_HEADINGS) == [], "a printed heading with nothing under it"
    finally:
        ctx.close()


def test_the_page_without_javascript_has_no_axe_violations(page, context, site_url):
    """axe needs scripts, so it checks what a browser without JavaScript builds: the same HTML with
    its <noscript> parts in place and no script."""

    def as_without_javascript(route):
        html = route.fetch().text()
        html = re.sub(r"<script\b[^>]*>.*?</script>", "", html, flags=re.S | re.I)
        html = re.sub(r"</?noscript>", "", html, flags=re.I)
        route.fulfill(status=200, content_type="text/html", body=html)

    context.route(re.compile(r".*/self-audit/$"), as_without_javascript)
    page.goto(site_url + "self-audit/")
    assert page.locator("#sa-static-deadlines").is_visible()  # the no-JavaScript stylesheet applied
    violations = axe(page)
    assert not violations, describe("/self-audit/ (no JavaScript)", violations)


def test_when_the_engine_cannot_start_the_time_limits_are_shown(page, context, site_url):
    context.route("**/pyodide/**", lambda route: route.fulfill(status=404, body="not found"))
    page.goto(site_url + "self-audit/")
    page.wait_for_selector("#self-audit[data-engine=failed]", timeout=30_000)
    assert page.locator("#sa-static-deadlines").is_visible()
    assert load_rules()["check_notice"] in page.inner_text("#sa-static-deadlines")


# --- print -----------------------------------------------------------------------------------------


def test_the_printed_summary_has_each_item_once_and_no_focus_box(browser, site_url):
    with device(browser, "desktop", answers=True) as ctx:
        page = ctx.new_page()
        page.goto(site_url + "self-audit/")
        wait_for_report(page)
        check_my_appeal(page)  # on the review screen; the report's heading takes focus
        page.wait_for_function(
            "() => document.activeElement.id === 'sa-report-title'"
        )  # a function: an expression would need eval, which the CSP refuses
        on_screen = page.eval_on_selector_all("#sa-result [data-item]", "all => all.map(el => el.dataset.item)")
        assert on_screen, "the case leaves things to do"

        page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")  # as the browser does
        page.emulate_media(media="print")
        printed = visible_item_ids(page)
        assert sorted(printed) == sorted(set(printed)), "an item prints twice"
        assert sorted(printed) == sorted(on_screen), "the printed list is not the report's list"
        for hidden in ("#sa-form", ".sa-checklist", "#sa-letters", "#sa-keep"):
            assert not page.locator(hidden).is_visible(), f"{hidden} prints with the summary"
        assert page.locator("#sa-report").is_visible()
        outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
        assert outline == "none", "the focused report heading prints with a focus box"
        assert page.evaluate(EMPTY_HEADINGS) == []

        # the answers once; no letter body, a line naming the letters to print on their own
        questions = page.eval_on_selector_all(
            "#sa-print-answers .sa-print-question", "all => all.map(el => el.textContent.trim())"
        )
        assert "What kind of health plan do you have?" in questions and len(questions) == len(set(questions))
        assert len(questions) == len([a for a in CASE["answers"] if a != "schema"])
        text = page.inner_text("#sa-report")
        assert "I am writing to appeal" not in text and not page.locator("#sa-letter-view").is_visible()
        assert "Your letters print separately" in text and "Your request to your doctor's office" in text
        # "Your letter" is the letter's name in plain text, not a link with an address
        name = page.locator("#sa-result .sa-plan [data-open-letter]")
        assert name.inner_text() in text and page.locator("#sa-result .sa-plan dd a").count() == 0
        assert name.evaluate("""b => { const s = getComputedStyle(b), p = getComputedStyle(b.parentElement);
                                       return s.color === p.color && s.textDecorationLine === 'none'; }""")
        pages = pdf_pages(page.pdf())
        assert pages <= MAX_PLAN_PAGES, f"{pages} pages (9 when every item printed twice)"


def test_before_any_answer_the_page_prints_as_a_paper_form(browser, site_url):
    with device(browser, "desktop") as ctx:
        page = ctx.new_page()
        page.goto(site_url + "self-audit/")
        wait_for_report(page)
        page.emulate_media(media="print")
        assert not page.locator("#sa-report").is_visible(), "the report slot prints with nothing to report"
        assert page.locator(".sa-question:visible").count() == page.locator(".sa-question").count(), (
            "the paper form leaves out questions"
        )
        items = visible_item_ids(page)
        assert sorted(items) == sorted(set(items)) and len(items) == page.locator(".sa-checklist [data-item]").count()
        assert not page.locator("#sa-letters").is_visible()
        assert page.evaluate(EMPTY_HEADINGS) == []


# --- "Print my appeal plan": a sample of the golden cases -------------------------------------------
#
# All 114 golden cases on two papers take about 35 s; `make bench BENCH=print` prints them all
# (bench/bench_print.py: the page count per case and the most). The tests print a sample chosen from
# what the engine reports for each case, so it follows the cases as they change: for every appeal-map
# path and level, its longest plan; and overall, the case with the most of each thing the printed
# plan lists (items to do, letters, next steps, deadlines, clocks, answers, appeal-file entries, text).

CASES = sorted((ROOT / "tests" / "cases").glob("*.json"))
PAPER = {"US Letter": "Letter", "A4": "A4"}

# What the browser does on "Print my appeal plan", without the print dialog: the page's own
# beforeprint work runs, then the page is printed with print media (page.pdf).
STUB_PRINT = "() => { window.print = () => window.dispatchEvent(new Event('beforeprint')); }"

PLAN_PARTS = ("missing", "letters", "next_steps", "deadlines", "clocks", "enclosures", "findings")


def plan_size(case: Path) -> dict:
    """How much a case's printed plan holds, from the engine's report (CPython, as the worker gives it)."""
    data = json.loads(case.read_text("utf-8"))
    report = audit(
        data["answers"],
        dt.date.fromisoformat(data["today"]),
        events=data.get("events"),
        stated_deadline=data.get("letter_deadline"),
    )
    size = {part: len(report[part]) for part in PLAN_PARTS}
    size["answers"] = len([a for a in data["answers"] if a != "schema"])
    size["events"] = len(data.get("events") or [])
    size["text"] = len(json.dumps(report, ensure_ascii=False))
    size["route"] = f"{report['appeal']['path']}/{report['appeal']['level']}"
    return size


def print_sample() -> list[Path]:
    """Every appeal-map path and level (its longest plan), and the longest case by each measure."""
    sizes = {case: plan_size(case) for case in CASES}
    total = lambda case: sum(v for k, v in sizes[case].items() if k not in ("route", "text"))  # noqa: E731
    chosen: dict[str, Path] = {}
    for case in CASES:
        route = sizes[case]["route"]
        if route not in chosen or (total(case), sizes[case]["text"]) > (
            total(chosen[route]),
            sizes[chosen[route]]["text"],
        ):
            chosen[route] = case
    picked = set(chosen.values())
    for measure in (*PLAN_PARTS, "answers", "events", "text"):
        picked.add(max(CASES, key=lambda case: (sizes[case][measure], total(case))))
    picked.add(max(CASES, key=lambda case: (total(case), sizes[case]["text"])))
    return sorted(picked)


def open_answers(page, case: Path) -> None:
    """The case's answers, opened as a reader opens an answers file (replacing the ones before)."""
    answers = json.loads(case.read_text("utf-8"))["answers"]
    envelope = {"app": "second-look", "kind": "answers", "schema": 1, "answers": answers, "letters": {}}
    before = int(page.get_attribute("#self-audit", "data-reports") or 0)
    page.set_input_files(
        "#sa-import",
        files=[{"name": case.name, "mimeType": "application/json", "buffer": json.dumps(envelope).encode()}],
    )
    page.wait_for_selector(f"#self-audit[data-reports]:not([data-reports='{before}'])", timeout=15_000)


def plan_print_pages(page) -> dict[str, int]:
    page.evaluate(STUB_PRINT)
    page.click("#sa-result [data-action=print-summary]")
    page.emulate_media(media="print")
    try:
        return {name: pdf_pages(page.pdf(format=fmt)) for name, fmt in PAPER.items()}
    finally:
        page.emulate_media(media="screen")
        page.evaluate("() => window.dispatchEvent(new Event('afterprint'))")


def print_plans(browser, site_url: str, cases: list[Path]) -> dict[str, dict[str, int]]:
    """Each case's plan printed on each paper, in one started page (each case opened as a file)."""
    with device(browser, "desktop") as ctx:
        page = ctx.new_page()
        page.on("dialog", lambda d: d.accept())  # "Open this file? Its answers will replace yours"
        page.goto(site_url + "self-audit/")
        wait_for_report(page)
        counts = {}
        for case in cases:
            open_answers(page, case)
            counts[case.stem] = plan_print_pages(page)
    return counts


def test_the_print_sample_covers_every_appeal_map_route_and_the_longest_plans():
    sample = print_sample()
    sizes = {case: plan_size(case) for case in CASES}
    assert {sizes[c]["route"] for c in sample} == {s["route"] for s in sizes.values()}
    for measure in (*PLAN_PARTS, "answers", "events", "text"):
        assert max(sizes[c][measure] for c in sample) == max(s[measure] for s in sizes.values()), measure
    assert len(sample) < len(CASES) / 2, "the sample is no longer a sample: print them all in the bench"


def test_the_appeal_plan_prints_in_at_most_three_pages_for_the_sampled_golden_cases(browser, site_url, record_property):
    counts = print_plans(browser, site_url, print_sample())
    record_property("plan_print_pages", json.dumps(counts))
    too_long = {name: pages for name, pages in counts.items() if max(pages.values()) > MAX_PLAN_PAGES}
    assert not too_long, f"more than {MAX_PLAN_PAGES} pages: {too_long}"
