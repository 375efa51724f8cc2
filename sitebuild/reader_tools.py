"""The tools that read a denial letter from a PDF or a photo, published under the site, used only
when a reader chooses that path: PDF.js (pdfjs-dist) for a PDF's text, and tesseract.js with its
core (WebAssembly) and the English data for a photo. All from the npm registry, pinned in
package.json/package-lock.json (`npm ci` puts them in node_modules/), copied here file by file.

Each goes under a folder named for its pinned version (`readers/pdfjs-6.5.438/`), so a new version
gets new URLs. The service worker serves these folders cache-first and keeps a file only once a
reader has used it (never at install, never in the guide pages' prefetch): a reader who never
opens a PDF or a photo downloads none of it.
"""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "node_modules"

# tool -> (npm package whose version names the folder, {published name: (package, file in it)})
# Tesseract: only the LSTM builds (the engine mode used, oem 1); the worker picks relaxed SIMD,
# SIMD or plain by what the browser supports. English data: the "best_int" LSTM model.
TOOLS = {
    "pdf": (
        "pdfjs-dist",
        {
            "pdf.min.mjs": ("pdfjs-dist", "build/pdf.min.mjs"),
            "pdf.worker.min.mjs": ("pdfjs-dist", "build/pdf.worker.min.mjs"),
        },
    ),
    "ocr": (
        "tesseract.js",
        {
            "tesseract.esm.min.js": ("tesseract.js", "dist/tesseract.esm.min.js"),
            "worker.min.js": ("tesseract.js", "dist/worker.min.js"),
            "core/tesseract-core-lstm.wasm.js": ("tesseract.js-core", "tesseract-core-lstm.wasm.js"),
            "core/tesseract-core-simd-lstm.wasm.js": ("tesseract.js-core", "tesseract-core-simd-lstm.wasm.js"),
            "core/tesseract-core-relaxedsimd-lstm.wasm.js": (
                "tesseract.js-core",
                "tesseract-core-relaxedsimd-lstm.wasm.js",
            ),
            "lang/eng.traineddata.gz": ("@tesseract.js-data/eng", "4.0.0_best_int/eng.traineddata.gz"),
        },
    ),
}
FOLDER = {"pdf": "pdfjs", "ocr": "tesseract"}


class ReaderToolsError(RuntimeError):
    """A tool is not installed, or not the pinned version."""


def pinned() -> dict[str, str]:
    """package -> the version package.json pins."""
    return json.loads((ROOT / "package.json").read_text("utf-8")).get("dependencies", {})


def _installed(package: str) -> Path:
    pins = pinned()
    where = NODE_MODULES / package
    try:
        version = json.loads((where / "package.json").read_text("utf-8"))["version"]
    except (OSError, ValueError, KeyError):
        raise ReaderToolsError(f"{package} is not installed: run `npm ci --ignore-scripts` (make build does)") from None
    if package not in pins:
        raise ReaderToolsError(f"{package} is not pinned in package.json's dependencies")
    if version != pins[package]:
        raise ReaderToolsError(
            f"{package} {version} is installed, package.json pins {pins[package]}: run `npm ci --ignore-scripts`"
        )
    return where


def plan() -> dict[str, dict]:
    """tool -> {"folder": site-relative folder, "files": {published name: source path}}."""
    out = {}
    for tool, (named_by, files) in TOOLS.items():
        version = pinned().get(named_by)
        sources = {name: _installed(package) / inner for name, (package, inner) in files.items()}
        for source in sources.values():
            if not source.is_file():
                raise ReaderToolsError(f"{tool}: {source} is missing from its package")
        out[tool] = {"folder": f"readers/{FOLDER[tool]}-{version}/", "files": sources}
    return out


def page_info(tools: dict[str, dict]) -> dict[str, dict]:
    """What the page needs: each tool's folder and the bytes of each published file."""
    return {
        tool: {"folder": info["folder"], "bytes": {name: src.stat().st_size for name, src in info["files"].items()}}
        for tool, info in tools.items()
    }
