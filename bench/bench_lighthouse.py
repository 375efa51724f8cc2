"""Lighthouse scores for five pages (home, one guide and the self-audit in English and in Spanish), mobile and desktop. Prints
figures; asserts nothing.

    .venv/bin/python bench/bench_lighthouse.py [RUNS]

Each page and form factor runs RUNS times (default 3; Lighthouse's figures vary by a few points
from run to run on a busy machine): the table shows the median run, by performance score, and the
range of performance scores. Builds the site into a temporary folder, serves it as GitHub Pages does (gzip), and runs the
Lighthouse CLI pinned in package.json (node_modules/lighthouse) against this machine's Chromium,
with Lighthouse's default simulated throttling. Nothing is sent anywhere: error reporting is off.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sitebuild.browser import find_chromium  # noqa: E402
from sitebuild.static_server import serve  # noqa: E402

LIGHTHOUSE = ROOT / "node_modules" / "lighthouse" / "cli" / "index.js"
PAGES = [
    ("home", ""),
    ("guide", "guides/appeal-steps/"),
    ("guide (es)", "es/guides/appeal-steps/"),
    ("self-audit", "self-audit/"),
    ("self-audit (es)", "es/self-audit/"),
]
FORM_FACTORS = [("mobile", []), ("desktop", ["--preset=desktop"])]
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --no-first-run --disable-background-networking "
    "--disable-component-update --disable-sync"
)


def build(out: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(out)], cwd=ROOT, env=env, check=True
    )


def lighthouse(url: str, extra: list[str], work: Path) -> dict:
    """One Lighthouse run in a fresh Chromium profile; the report as a dict."""
    profile = Path(tempfile.mkdtemp(prefix="profile-", dir=work))
    report = work / f"report-{time.monotonic_ns()}.json"
    cmd = [
        shutil.which("node") or "node",
        str(LIGHTHOUSE),
        url,
        "--output=json",
        f"--output-path={report}",
        f"--chrome-path={find_chromium()}",
        f"--chrome-flags={CHROME_FLAGS} --user-data-dir={profile}",
        f"--only-categories={','.join(CATEGORIES)}",
        "--no-enable-error-reporting",
        "--quiet",
        *extra,
    ]
    proc = subprocess.run(
        cmd, cwd=ROOT, capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=300, check=False
    )
    if proc.returncode != 0 or not report.is_file():
        raise RuntimeError(f"lighthouse failed (exit {proc.returncode}):\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}")
    return json.loads(report.read_text(encoding="utf-8"))


def score(lhr: dict, category: str) -> str:
    value = lhr["categories"].get(category, {}).get("score")
    return "-" if value is None else f"{round(value * 100)}"


def metric(lhr: dict, audit: str) -> float | None:
    return lhr["audits"].get(audit, {}).get("numericValue")


def shortfalls(lhr: dict) -> list[str]:
    """The audits that cost points outside performance, to say why a score is below 100."""
    out = []
    for category in CATEGORIES[1:]:
        for ref in lhr["categories"].get(category, {}).get("auditRefs", []):
            audit = lhr["audits"][ref["id"]]
            if ref.get("weight") and audit.get("score") is not None and audit["score"] < 1:
                out.append(f"{category}: {ref['id']} ({audit['title']})")
    return out


def median_run(reports: list[dict]) -> dict:
    """The run with the median performance score (the lower middle one for an even count)."""
    ranked = sorted(reports, key=lambda lhr: lhr["categories"]["performance"].get("score") or 0)
    return ranked[(len(ranked) - 1) // 2]


def main(argv: list[str]) -> int:
    runs = int(argv[0]) if argv else 3
    if not LIGHTHOUSE.is_file():
        print(f"{LIGHTHOUSE.relative_to(ROOT)} is missing: run `make checks` (npm ci)")
        return 1
    rows, notes = [], []
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as tmp:
        work = Path(tmp)
        build(work / "site")
        with serve(work / "site") as base:
            for name, path in PAGES:
                for form, extra in FORM_FACTORS:
                    started = time.perf_counter()
                    reports = [lighthouse(base + path, extra, work) for _ in range(runs)]
                    lhr = median_run(reports)
                    for report in reports:
                        if report.get("runtimeError"):
                            notes.append(f"{name} {form}: {report['runtimeError'].get('message')}")
                    perf = sorted(round((r["categories"]["performance"].get("score") or 0) * 100) for r in reports)
                    lcp, tbt = metric(lhr, "largest-contentful-paint"), metric(lhr, "total-blocking-time")
                    rows.append(
                        [
                            name,
                            form,
                            *(score(lhr, c) for c in CATEGORIES),
                            f"{perf[0]}-{perf[-1]}" if len(reports) > 1 else perf[0],
                            "-" if lcp is None else f"{lcp / 1000:.1f} s",
                            "-" if tbt is None else f"{tbt:.0f} ms",
                            f"{time.perf_counter() - started:.0f} s",
                        ]
                    )
                    notes += [f"{name} {form}: {s}" for r in reports for s in shortfalls(r)]
    header = ["page", "form factor", "perf", "a11y", "best-pr.", "seo", "perf range", "LCP", "TBT", "time"]
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    for row in [header, ["-" * w for w in widths], *rows]:
        print("  ".join(str(v).ljust(w) for v, w in zip(row, widths, strict=True)).rstrip())
    print(
        "(Lighthouse",
        json.loads((LIGHTHOUSE.parent.parent / "package.json").read_text())["version"]
        + f", simulated throttling; the median of {runs} run{'s' if runs > 1 else ''} by performance;"
        " LCP and TBT are Lighthouse's estimates)",
    )
    if notes:
        print("\nBelow 100 because of:")
        for note in dict.fromkeys(notes):
            print(f"  {note}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
