"""Reading a denial letter from a PDF or a photo, in Chromium on this machine: time and bytes.

    .venv/bin/python bench/bench_explain_files.py

- Cold start: the bytes the self-audit page sends until the engine is ready (the letter panel is
  there; none of the PDF or OCR files may be among them).
- PDF (PDF.js): the bytes the first PDF adds (PDF.js and its worker), the time to get the text of a
  one-page letter PDF the first time (loading PDF.js included) and then (median of 5).
- Photo (tesseract.js + English data): the bytes the first photo adds, the time to read one page
  the first time (worker, core and English data loaded) and again (median of 3; the HTTP cache
  holds the files, a new OCR worker starts each time, as on the page).
Bytes are response bodies as sent (gzip where GitHub Pages would gzip), counted by the server.
Prints figures; asserts nothing.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from sitebuild.browser import CHROMIUM_ARGS, find_chromium
from sitebuild.static_server import Traffic, serve

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "browser"))
from bench_load import build_site  # noqa: E402
from test_explain_page import letter_image, pdf_with_text  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
LETTER = (ROOT / "tests" / "explain" / "letters" / "12_two_reasons_knee.txt").read_text("utf-8")

TIME_PDF = """async ([bytes, folder]) => {
  const { pdfText } = await import(new URL('../assets/self-audit/explain-pdf.mjs', location.href).href);
  const file = new File([new Uint8Array(bytes)], 'letter.pdf', {type: 'application/pdf'});
  const t0 = performance.now();
  const got = await pdfText(file, new URL(folder, new URL('../', location.href)));
  return [performance.now() - t0, got.text.length];
}"""

TIME_OCR = """async ([bytes, folder]) => {
  const { ocrText } = await import(new URL('../assets/self-audit/explain-ocr.mjs', location.href).href);
  const file = new File([new Uint8Array(bytes)], 'letter.png', {type: 'image/png'});
  const t0 = performance.now();
  const got = await ocrText(file, new URL(folder, new URL('../', location.href)));
  return [performance.now() - t0, got.text.length];
}"""


def mb(n: int) -> str:
    return f"{n / 1_000_000:.2f} MB"


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        build_site(site)
        traffic = Traffic()
        with serve(site, traffic=traffic) as base, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=find_chromium(), args=CHROMIUM_ARGS)
            image = letter_image(browser, LETTER)
            pdf = pdf_with_text(LETTER)
            context = browser.new_context(service_workers="block")
            page = context.new_page()
            traffic.reset()
            page.goto(base + "self-audit/")
            page.wait_for_selector("#self-audit[data-engine=ready]", timeout=120_000)
            page.wait_for_timeout(500)
            cold, paths = traffic.bytes, list(traffic.paths)
            tools = page.evaluate(
                "() => JSON.parse(document.querySelector('meta[name=\"second-look:reader-tools\"]').content)"
            )
            print(
                f"self-audit cold start: {mb(cold)} in {len(paths)} responses; "
                f"letter-reading files among them: {sum('/readers/' in x for x in paths)}"
            )

            traffic.reset()
            first, chars = page.evaluate(TIME_PDF, [list(pdf), tools["pdf"]["folder"]])
            pdf_bytes = traffic.bytes
            again = [page.evaluate(TIME_PDF, [list(pdf), tools["pdf"]["folder"]])[0] for _ in range(5)]
            published = sum(tools["pdf"]["bytes"].values())
            print(
                f"PDF (PDF.js): first PDF adds {mb(pdf_bytes)} sent ({mb(published)} published); "
                f"text of a one-page letter ({chars} characters): first {first:.0f} ms, then median {statistics.median(again):.0f} ms"
            )

            traffic.reset()
            first, chars = page.evaluate(TIME_OCR, [list(image), tools["ocr"]["folder"]])
            ocr_bytes = traffic.bytes
            ocr_paths = sorted({x.rsplit("/", 1)[-1] for x in traffic.paths})
            again = [page.evaluate(TIME_OCR, [list(image), tools["ocr"]["folder"]])[0] for _ in range(3)]
            published = sum(tools["ocr"]["bytes"].values())
            print(
                f"Photo (tesseract.js): first photo adds {mb(ocr_bytes)} sent ({', '.join(ocr_paths)}; "
                f"{mb(published)} published, one core build is used); one page ({chars} characters read): "
                f"first {first / 1000:.1f} s, then median {statistics.median(again) / 1000:.1f} s"
            )
            browser.close()


if __name__ == "__main__":
    main()
