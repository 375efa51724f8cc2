"""Fault injection (issue 20): the runtime's download aborted, cut short, replaced by an HTML page,
never answering; a damaged copy in the service worker's cache; storage full; two tabs; a deploy
while a reader is on the site. Each ends with the reader's answers intact and a plain message.
"""

from __future__ import annotations

import json
import re
import shutil

import pytest
from selfaudit import SETTLED, answer, form_answers, stored

from sitebuild.static_server import serve

pytestmark = pytest.mark.browser

WASM = "**/pyodide.asm.wasm"
STILL_WORKS = "Your answers are safe on this page, and the checklist below still works"


def start_with_answers(page, site_url) -> None:
    """Open the self-audit and answer two questions while the checker is (or is not) starting."""
    page.goto(site_url + "self-audit/")
    answer(page, "stage", "claim")
    answer(page, "plan_type", "employer")


def failed_with(page, reason: str, words: str) -> None:
    page.wait_for_selector(SETTLED, timeout=60_000)
    assert page.get_attribute("#self-audit", "data-engine") == "failed"
    assert page.get_attribute("#self-audit", "data-engine-failure") == reason
    status = page.inner_text("#sa-status")
    assert status.startswith(f"The live checker could not start: {words}") and STILL_WORKS in status, status
    assert page.is_visible("#sa-retry")
    assert form_answers(page) == {"stage": "claim", "plan_type": "employer"}
    assert page.js_errors == []


def test_runtime_download_aborted_then_retried(page, context, site_url):
    context.route(WASM, lambda route: route.abort("connectionreset"))
    start_with_answers(page, site_url)
    failed_with(page, "network", "its files could not be downloaded")
    context.unroute(WASM)
    page.click("#sa-retry")
    page.wait_for_selector("#self-audit[data-engine=ready]", timeout=90_000)
    page.wait_for_selector("#sa-result:not([hidden])")
    assert form_answers(page) == {"stage": "claim", "plan_type": "employer"}


@pytest.mark.parametrize("kind", ["truncated", "html"])
def test_runtime_arrives_damaged(page, context, site_url, built_site, kind):
    wasm = next(built_site.glob("pyodide/*/pyodide.asm.wasm")).read_bytes()
    body, content_type = (
        (wasm[:3_000_000], "application/wasm")
        if kind == "truncated"
        else (b"<!doctype html><title>Page not found</title><h1>Oops</h1>", "text/html")
    )
    asked: list[str] = []

    def damaged(route):
        asked.append(route.request.url)
        route.fulfill(status=200, body=body, content_type=content_type)

    context.route(WASM, damaged)
    start_with_answers(page, site_url)
    failed_with(page, "damaged", "its files arrived damaged")
    assert len(asked) == 2, "a damaged file is fetched once more, past the caches, before giving up"


def test_runtime_never_answers(page, context, site_url):
    context.route(WASM, lambda route: None)  # the request stays open for ever
    page.clock.install()
    start_with_answers(page, site_url)
    page.wait_for_selector("#sa-progress")
    page.wait_for_timeout(1500)  # the other files arrive; then nothing more comes
    page.clock.fast_forward("00:31")  # the checker's deadline passes
    failed_with(page, "slow", "it took too long")


RUNTIME_CACHE = """async ([name, body]) => {
  const cache = await caches.open('second-look-runtime');
  const key = (await cache.keys()).find((r) => r.url.endsWith(name));
  if (body !== null) await cache.put(key, new Response(body, {headers: {'Content-Type': 'application/wasm'}}));
  return key ? (await (await cache.match(key)).arrayBuffer()).byteLength : null;
}"""


def test_a_damaged_copy_in_the_offline_cache_is_dropped_and_fetched_again(browser, site_url, built_site):
    context = browser.new_context(service_workers="allow")
    try:
        page = context.new_page()
        page.goto(site_url + "self-audit/")
        page.wait_for_selector("#self-audit[data-engine=ready]", timeout=90_000)
        page.wait_for_selector("#self-audit[data-runtime-cached=yes]", timeout=60_000)
        answer(page, "stage", "claim")
        page.check("#sa-save")
        size = next(built_site.glob("pyodide/*/pyodide.asm.wasm")).stat().st_size
        assert page.evaluate(RUNTIME_CACHE, ["pyodide.asm.wasm", None]) == size
        page.evaluate(RUNTIME_CACHE, ["pyodide.asm.wasm", "<html>not the runtime</html>"])  # damage it

        page.goto(site_url + "self-audit/")  # the next visit
        page.wait_for_selector(SETTLED, timeout=90_000)
        assert page.get_attribute("#self-audit", "data-engine") == "ready"
        assert form_answers(page) == {"stage": "claim"}
        for _ in range(100):  # the good copy is kept in the background
            if page.evaluate(RUNTIME_CACHE, ["pyodide.asm.wasm", None]) == size:
                break
            page.wait_for_timeout(200)
        assert page.evaluate(RUNTIME_CACHE, ["pyodide.asm.wasm", None]) == size
    finally:
        context.close()


def fill_storage(page) -> None:
    """Fill this origin's storage to its quota with something else, as another page might."""
    page.evaluate("""() => {
      let chunk = 'x'.repeat(1 << 20), i = 0;
      for (;;) {
        try { localStorage.setItem('other:' + i, chunk); i += 1; }
        catch { if (chunk.length < 16) return; chunk = chunk.slice(chunk.length / 2); }
      }
    }""")


def test_storage_full_says_not_saved(page, context, site_url):
    context.route("**/pyodide/**", lambda route: route.abort("connectionrefused"))
    start_with_answers(page, site_url)
    page.wait_for_selector(SETTLED, timeout=60_000)
    fill_storage(page)
    page.click("#sa-save")
    status = page.inner_text("#sa-keep-status")
    assert "would not save your answers" in status and "Saved in this browser" not in status
    assert not page.is_checked("#sa-save")
    assert stored(page) is None
    assert form_answers(page) == {"stage": "claim", "plan_type": "employer"}


def test_two_tabs_agree(context, site_url):
    context.route("**/pyodide/**", lambda route: route.abort("connectionrefused"))
    first, second = context.new_page(), context.new_page()
    first.goto(site_url + "self-audit/")
    answer(first, "stage", "claim")
    first.check("#sa-save")
    second.goto(site_url + "self-audit/")
    assert form_answers(second) == {"stage": "claim"}

    answer(second, "plan_type", "employer")
    first.wait_for_function("() => document.querySelector('[data-question=plan_type] input[value=employer]').checked")
    assert "updated from another tab" in first.inner_text("#sa-keep-status")
    answer(first, "scan", "ct")
    second.wait_for_function("() => document.querySelector('[data-question=scan] input[value=ct]').checked")
    both = {"stage": "claim", "plan_type": "employer", "scan": "ct"}
    assert form_answers(first) == form_answers(second) == both
    first.wait_for_function("k => JSON.parse(localStorage.getItem(k)).answers.scan === 'ct'", arg="second-look:answers")
    assert {k: v for k, v in stored(first)["answers"].items() if k != "schema"} == both


def deploy(site, marker: str) -> None:
    """A new version of the site: a page changes, and so does the service worker's manifest."""
    page = site / "self-audit" / "index.html"
    page.write_text(page.read_text("utf-8").replace("</h1>", f"</h1><p id='deployed'>{marker}</p>", 1), "utf-8")
    sw = site / "sw.js"
    text = sw.read_text("utf-8")
    version = json.loads(text.split(";\n", 1)[0].removeprefix("const MANIFEST = "))["version"]
    sw.write_text(text.replace(version, f"{marker}{version}"[:16], 1), "utf-8")


def test_a_deploy_reaches_a_reader_on_the_site_online_and_offline(browser, built_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    context = browser.new_context(service_workers="allow")
    try:
        with serve(site) as base:
            # no context.route here: Playwright turns the HTTP cache off while any route is set
            page = context.new_page()
            page.goto(base + "self-audit/")
            answer(page, "stage", "claim")
            page.check("#sa-save")
            page.wait_for_function(
                "async () => !!(await navigator.serviceWorker.ready).active && !!navigator.serviceWorker.controller",
                timeout=60_000,
            )
            assert page.locator("#deployed").count() == 0

            deploy(site, "deployed2")
            page.goto(base + "self-audit/")  # the next visit, within the HTTP cache's max-age=600 of the first
            assert page.inner_text("#deployed") == "deployed2"
            assert form_answers(page) == {"stage": "claim"}
            page.wait_for_function(
                "async () => (await caches.keys()).some((n) => /^second-look-pages-deployed2/.test(n))", timeout=60_000
            )
            page.wait_for_function(
                "async () => (await caches.keys()).filter((n) => n.startsWith('second-look-pages-')).length === 1",
                timeout=60_000,
            )

            context.set_offline(True)
            page.goto(base + "self-audit/")
            assert page.inner_text("#deployed") == "deployed2"
            assert form_answers(page) == {"stage": "claim"}
            assert re.search("filled in the answers you saved", page.inner_text("#sa-keep-status"))
    finally:
        context.close()
