"""Engine start: bytes and time, bare Pyodide as shipped vs the site's self-audit page.

    .venv/bin/python bench/bench_load.py            # unthrottled, 4G and Slow 4G
    .venv/bin/python bench/bench_load.py --quick    # unthrottled only

For each network link (emulated by the local server: shared bandwidth and per-request latency,
sitebuild/static_server.py) and each target, a cold visit (fresh browser context: empty HTTP cache,
no service worker) and a warm repeat visit in the same context, once the first visit has settled
(service worker installed, runtime kept, the engine's snapshot saved in the background). "Ready" is the page's
performance.now() when the engine (or bare Pyodide) answers, i.e. time since navigation start.
Bytes are response bodies as sent (gzip where GitHub Pages would gzip), counted by the server,
up to the moment the engine is ready. Prints figures; asserts nothing.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from sitebuild.browser import CHROMIUM_ARGS, find_chromium
from sitebuild.pyodide_runtime import ensure_runtime, load_pin
from sitebuild.static_server import LINKS, Traffic, serve

ROOT = Path(__file__).resolve().parent.parent
BARE_PAGE = """<!doctype html><html lang="en"><meta charset="utf-8"><title>Bare Pyodide</title>
<body><script type="module">
const worker = new Worker(new URL("worker.mjs", location.href), { type: "module" });
worker.onmessage = () => { document.body.dataset.readyAt = String(Math.round(performance.now())); };
</script></body></html>
"""
BARE_WORKER = """const { loadPyodide } = await import(new URL("../pyodide/pyodide.mjs", import.meta.url).href);
await loadPyodide({ indexURL: new URL("../pyodide/", import.meta.url).href });
postMessage("ready");
"""


SNAPSHOT_SAVED = "async () => (await (await caches.open('second-look-snapshot')).keys()).length > 0"


def build_site(out: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(out)], cwd=ROOT, env=env, check=True
    )


def build_bare(out: Path) -> None:
    """Pyodide as shipped: every file a plain loadPyodide() fetches (full stdlib, lock file)."""
    runtime = ensure_runtime()
    (out / "pyodide").mkdir(parents=True)
    for name in (*load_pin().publish, "python_stdlib.zip", "pyodide-lock.json"):
        shutil.copy2(runtime / name, out / "pyodide" / name)
    (out / "bare").mkdir()
    (out / "bare" / "index.html").write_text(BARE_PAGE)
    (out / "bare" / "worker.mjs").write_text(BARE_WORKER)


def visit(context, url: str, ready_selector: str, traffic: Traffic) -> tuple[float, int, object]:
    """(ready ms since navigation start, bytes sent until then, the page)."""
    traffic.reset()
    page = context.new_page()
    page.goto(url)
    page.wait_for_selector(ready_selector, state="attached", timeout=240_000)
    sent = traffic.bytes
    ready = float(page.eval_on_selector(ready_selector, "e => e.dataset.readyAt || e.dataset.engineReadyAt"))
    return ready, sent, page


def measure(browser, base: str, target: str, traffic: Traffic) -> dict:
    if target == "bare":
        url, selector = base + "bare/", "body[data-ready-at]"
    else:
        url, selector = base + "self-audit/", "#self-audit[data-engine-ready-at]"
    context = browser.new_context(service_workers="allow")
    try:
        cold_ms, cold_bytes, page = visit(context, url, selector, traffic)
        if target == "site":
            # let the service worker keep the runtime and the background worker save the engine's
            # snapshot, as a reader's browser does before they come back
            page.wait_for_selector("#self-audit[data-runtime-cached=yes]", state="attached", timeout=240_000)
            for _ in range(300):
                if page.evaluate(SNAPSHOT_SAVED):
                    break
                time.sleep(0.2)
        time.sleep(1.0)
        settled_bytes = traffic.bytes
        page.close()
        warm_ms, warm_bytes, page = visit(context, url, selector, traffic)
        page.close()
    finally:
        context.close()
    return {
        "cold_ms": cold_ms,
        "cold_bytes": cold_bytes,
        "settled_bytes": settled_bytes,
        "warm_ms": warm_ms,
        "warm_bytes": warm_bytes,
    }


def median_of(runs: list[dict]) -> dict:
    return {key: statistics.median(r[key] for r in runs) for key in runs[0]}


def mb(n: float) -> str:
    return f"{n / 1e6:6.2f} MB"


def main(argv: list[str]) -> int:
    links = [None] if "--quick" in argv else [None, LINKS["4g"], LINKS["slow-4g"]]
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        site, bare = Path(tmp, "site"), Path(tmp, "bare")
        build_site(site)
        build_bare(bare)
        browser = p.chromium.launch(executable_path=find_chromium(), args=CHROMIUM_ARGS)
        print(
            f"{'link':10} {'target':6} {'cold ready':>11} {'cold bytes':>11} {'+offline copy':>14} "
            f"{'warm ready':>11} {'warm bytes':>11}"
        )
        for link in links:
            results = {}
            for target, folder in (("bare", bare), ("site", site)):
                traffic = Traffic()
                with serve(folder, link=link, traffic=traffic) as base:
                    repeat = 3 if link is None else 1
                    results[target] = median_of([measure(browser, base, target, traffic) for _ in range(repeat)])
                r = results[target]
                print(
                    f"{(link.name if link else 'local'):10} {target:6} {r['cold_ms']:9.0f}ms {mb(r['cold_bytes']):>11} "
                    f"{mb(r['settled_bytes'] - r['cold_bytes']):>14} {r['warm_ms']:9.0f}ms {mb(r['warm_bytes']):>11}",
                    flush=True,
                )
            b, s = results["bare"], results["site"]
            print(
                f"{'':10} ratios: ready cold {s['cold_ms'] / b['cold_ms']:.2f} (target <= 1.05), "
                f"bytes cold {s['cold_bytes'] / b['cold_bytes']:.2f} (<= 0.75), "
                f"warm site / bare warm {s['warm_ms'] / b['warm_ms']:.2f} (<= 0.5)",
                flush=True,
            )
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
