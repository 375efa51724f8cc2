""" "Print my appeal plan" for every golden case, on US Letter and A4: the page count per case and the
most. The tests print a sample (tests/browser/test_layout_and_print.py: every appeal-map path and
level, and the longest plans); this prints them all (about 35 s of printing on a 2-core machine).

    .venv/bin/python bench/bench_print.py        # or: make bench BENCH=print

Exits 1 when a plan prints on more pages than the tests allow (MAX_PLAN_PAGES); asserts nothing else.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from playwright.sync_api import sync_playwright

from sitebuild.browser import CHROMIUM_ARGS, find_chromium
from sitebuild.static_server import serve

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "browser"))
from bench_load import build_site  # noqa: E402
from test_layout_and_print import CASES, MAX_PLAN_PAGES, PAPER, print_plans, print_sample  # noqa: E402


def main() -> int:
    sampled = {case.stem for case in print_sample()}
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        build_site(site)
        with serve(site) as base, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=find_chromium(), args=CHROMIUM_ARGS)
            started = time.perf_counter()
            counts = print_plans(browser, base, CASES)
            seconds = time.perf_counter() - started
            browser.close()
    print(f"plan print pages ({', '.join(PAPER)}); * = in the tests' sample")
    for name, pages in sorted(counts.items(), key=lambda kv: (-max(kv[1].values()), kv[0])):
        print(f"  {name}: {', '.join(str(pages[paper]) for paper in PAPER)}{' *' if name in sampled else ''}")
    most = {paper: max(pages[paper] for pages in counts.values()) for paper in PAPER}
    spread = Counter(max(pages.values()) for pages in counts.values())
    print(f"{len(counts)} cases in {seconds:.1f} s; most pages: {most}")
    print("cases by their most pages: " + ", ".join(f"{n} on {k}" for k, n in sorted(spread.items())))
    sample_most = max(max(counts[name].values()) for name in sampled)
    print(f"the sample's most: {sample_most} (all cases: {max(most.values())}); the tests allow {MAX_PLAN_PAGES}")
    return 1 if max(most.values()) > MAX_PLAN_PAGES else 0


if __name__ == "__main__":
    sys.exit(main())
