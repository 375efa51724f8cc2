"""The service worker: after one visit the site, self-audit included, works with the network off."""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.browser

CONTROLLED = "async () => { await navigator.serviceWorker.ready; return !!navigator.serviceWorker.controller; }"


@pytest.fixture
def sw_context(browser):
    ctx = browser.new_context(service_workers="allow")
    requests: list[str] = []
    ctx.on("request", lambda r: requests.append(r.url))
    ctx.request_urls = requests
    yield ctx
    ctx.close()


def wait_until_controlled(page) -> None:
    for _ in range(50):
        if page.evaluate(CONTROLLED):
            return
        page.wait_for_timeout(100)
    raise AssertionError("the service worker never took control of the page")


def test_pages_work_offline_after_one_visit(sw_context, site_url):
    page = sw_context.new_page()
    page.goto(site_url)
    wait_until_controlled(page)
    sw_context.set_offline(True)
    page.goto(site_url + "self-audit/")
    assert page.locator("#sa-form input").count() >= 3
    page.goto(site_url)
    assert page.locator("h1").count() == 1


def test_engine_starts_offline_after_one_self_audit_visit(sw_context, site_url):
    page = sw_context.new_page()
    page.goto(site_url + "self-audit/")
    page.wait_for_selector("#self-audit[data-engine=ready]", timeout=90_000)
    wait_until_controlled(page)
    page.wait_for_selector("#self-audit[data-runtime-cached=yes]", timeout=30_000)
    sw_context.set_offline(True)
    page.reload()
    page.wait_for_selector("#self-audit:not([data-engine=loading])", timeout=90_000)
    assert page.get_attribute("#self-audit", "data-engine") == "ready"


RUNTIME_CACHED = """async () => {
  const cache = await caches.open('second-look-runtime');
  return (await cache.keys()).map((r) => r.url);
}"""


def runtime_files(built_site) -> list[str]:
    """The runtime files the published service worker lists (its manifest is the file's first line)."""
    first = (built_site / "sw.js").read_text("utf-8").split(";\n", 1)[0]
    return json.loads(first.removeprefix("const MANIFEST = "))["runtimeFiles"]


def test_a_guide_page_fetches_the_runtime_ahead_when_idle(sw_context, site_url, built_site):
    wanted = {site_url + path for path in runtime_files(built_site)}
    assert any(u.endswith("pyodide.asm.wasm") for u in wanted) and any(u.endswith(".whl") for u in wanted)
    page = sw_context.new_page()
    page.goto(site_url + "guides/appeal-steps/")
    wait_until_controlled(page)
    for _ in range(150):  # the files are kept one after another
        cached = set(page.evaluate(RUNTIME_CACHED))
        if wanted <= cached:
            break
        page.wait_for_timeout(200)
    assert wanted <= cached, sorted(wanted - cached)
    sw_context.set_offline(True)
    page.goto(site_url + "self-audit/")
    page.wait_for_selector("#self-audit:not([data-engine=loading])", timeout=90_000)
    assert page.get_attribute("#self-audit", "data-engine") == "ready"


PAGE_CACHES = """async () => {
  const out = {};
  for (const name of await caches.keys()) {
    if (name.startsWith('second-look-pages-')) out[name] = (await (await caches.open(name)).keys()).map((r) => r.url);
  }
  return out;
}"""


def page_caches_when_settled(page, lang: str) -> dict:
    """The page caches once the service worker for `lang` has installed (one cache, named for it)."""
    for _ in range(100):
        found = page.evaluate(PAGE_CACHES)
        if len(found) == 1 and next(iter(found)).endswith(f"-{lang}"):
            return found
        page.wait_for_timeout(200)
    raise AssertionError(f"expected one page cache for {lang!r}, found {list(page.evaluate(PAGE_CACHES))}")


def test_a_spanish_reader_keeps_the_spanish_pages_offline_and_not_both_languages(sw_context, site_url):
    page = sw_context.new_page()
    page.goto(site_url + "es/")
    wait_until_controlled(page)
    (urls,) = page_caches_when_settled(page, "es").values()
    assert site_url + "es/guides/appeal-steps/" in urls
    assert site_url + "guides/appeal-steps/" not in urls
    sw_context.set_offline(True)
    page.goto(site_url + "es/guides/appeal-steps/")
    assert page.get_attribute("html", "lang") == "es"
    sw_context.set_offline(False)
    # reading in English from now on: the offline copy becomes the English pages, not both
    page.goto(site_url + "guides/appeal-steps/")
    (urls,) = page_caches_when_settled(page, "en").values()
    assert site_url + "guides/why-denied/" in urls and site_url + "es/guides/why-denied/" not in urls
