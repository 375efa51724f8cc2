"""axe-core on every page of the built site, and on the self-audit in the states a reader sees:
the live report with answers, and the error summary. Zero violations of axe's default rules
(WCAG 2 A and AA, plus axe's best practices); no rule is switched off.

axe is injected with `page.evaluate`, which the pages' Content-Security-Policy does not govern, so
the pages are checked under their real policy.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pytest
from selfaudit import answer, check_my_appeal, reports, wait_for_report_after

from sitebuild.pages import built_pages, source_pages

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent.parent
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_VERSION = "4.14.1"  # package.json pins it
PAGES = source_pages()

# Resolves once the page has stopped moving: no scrolling and no finite CSS animation or transition
# running (Material fades the header tabs out as the page scrolls). axe measures colours, so it must
# see the settled page, not a frame in the middle of a fade.
SETTLE = """async () => {
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
  for (let round = 0; round < 50; round++) {
    const y = scrollY;
    await frame();
    await frame();
    const running = document.getAnimations().filter(
      (a) => a.playState === 'running' && a.effect?.getComputedTiming().endTime !== Infinity);
    if (!running.length && scrollY === y) return;
    await Promise.allSettled(running.map((a) => a.finished));
  }
}"""

RUN_AXE = """async () => {
  const r = await axe.run(document, {resultTypes: ['violations']});
  return {engine: r.testEngine, violations: r.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({target: n.target.map(String), summary: n.failureSummary}))}))};
}"""


@functools.cache
def axe_source() -> str:
    if not AXE_JS.is_file():
        pytest.fail(f"{AXE_JS.relative_to(ROOT)} is missing: run `make checks` (npm ci)")
    return AXE_JS.read_text(encoding="utf-8")


def axe(page) -> list[dict]:
    """axe's violations on the page as it stands now."""
    page.evaluate(SETTLE)
    page.evaluate(axe_source())
    result = page.evaluate(RUN_AXE)
    assert result["engine"] == {"name": "axe-core", "version": AXE_VERSION}, result["engine"]
    return result["violations"]


def describe(where: str, violations: list[dict]) -> str:
    """One line per failing element: page, rule, impact, selector, what to fix."""
    lines = []
    for v in violations:
        for node in v["nodes"]:
            why = " ".join(line.strip() for line in node["summary"].splitlines()[1:2])
            lines.append(f"{where}: {v['id']} ({v['impact']}) at {' '.join(node['target'])}: {why or v['help']}")
    return f"{len(lines)} accessibility violation(s):\n" + "\n".join(lines)


@pytest.fixture(scope="module")
def axe_page(browser):
    """One page in one context for the whole module: the browser cache serves Material's assets
    (and the Pyodide runtime) once."""
    ctx = browser.new_context(service_workers="block")
    page = ctx.new_page()
    yield page
    ctx.close()


def test_every_built_page_is_checked(built_site):
    assert built_pages(built_site) == sorted(PAGES), "the pages checked below differ from the pages built"


@pytest.mark.parametrize("path", PAGES, ids=[f"/{p}" for p in PAGES])
def test_page_has_no_axe_violations(axe_page, site_url, path):
    axe_page.goto(site_url + path)
    if axe_page.locator("#self-audit").count():
        # the engine changes the page as it starts: check it once it is ready (or has failed)
        axe_page.wait_for_selector("#self-audit:not([data-engine=loading])", timeout=90_000)
    violations = axe(axe_page)
    assert not violations, describe(f"/{path}", violations)


def test_self_audit_with_live_report_and_error_summary(axe_page, site_url):
    page = axe_page
    page.goto(site_url + "self-audit/")
    page.wait_for_selector("#self-audit[data-engine=ready]", timeout=90_000)
    page.wait_for_selector("#sa-result:not([hidden])")
    before = reports(page)
    page.check("[data-question=stage] input[value=claim]")
    page.check("[data-question=plan_type] input[value=employer]")
    wait_for_report_after(page, before)
    page.eval_on_selector_all("details.sa-more-missing", "all => all.forEach(d => { d.open = true; })")
    failures = []
    violations = axe(page)
    if violations:
        failures.append(describe("/self-audit/ (live report)", violations))

    answer(page, "symptom_weeks", "-4")
    check_my_appeal(page)
    page.wait_for_selector("#sa-errors:not([hidden])")
    violations = axe(page)
    if violations:
        failures.append(describe("/self-audit/ (error summary)", violations))
    assert not failures, "\n".join(failures)


def test_self_audit_when_the_engine_cannot_start(page, context, site_url):
    context.route("**/pyodide/**", lambda route: route.fulfill(status=404, body="not found"))
    page.goto(site_url + "self-audit/")
    page.wait_for_selector("#self-audit[data-engine=failed]", timeout=30_000)
    violations = axe(page)
    assert not violations, describe("/self-audit/ (engine failed)", violations)


def test_a_violation_is_reported_with_rule_impact_target_and_page(axe_page, site_url):
    axe_page.goto(site_url + "about/")
    axe_page.evaluate("""() => {
      const img = document.createElement('img');
      img.id = 'planted';
      img.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';
      document.querySelector('article').append(img);
    }""")
    violations = axe(axe_page)
    message = describe("/about/", violations)
    assert "/about/: image-alt (critical) at #planted" in message, message
