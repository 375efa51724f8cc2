"""The letter-reading tools (PDF.js, tesseract.js and its English data): published from the pinned
npm packages, named by version, and kept offline only once a reader has used them."""

from __future__ import annotations

import json
import re

from sitebuild import reader_tools


def _manifest(site):
    text = (site / "sw.js").read_text("utf-8")
    return json.loads(re.match(r"const MANIFEST = (\{.*?\});\n", text, re.S).group(1))


def test_the_pinned_tools_are_published_under_their_version(built_site):
    pins = reader_tools.pinned()
    for tool, (named_by, files) in reader_tools.TOOLS.items():
        folder = built_site / "readers" / f"{reader_tools.FOLDER[tool]}-{pins[named_by]}"
        published = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
        assert published == sorted(files), tool
    # no CDN address is left for the OCR to fall back on: the page passes every path itself
    page = (built_site / "assets" / "self-audit" / "explain-ocr.mjs").read_text("utf-8")
    for option in ("workerPath", "corePath", "langPath"):
        assert f"{option}: new URL(" in page, option
    assert "workerBlobURL: false" in page


def test_the_service_worker_keeps_the_tools_only_once_used(built_site):
    manifest = _manifest(built_site)
    folders = [f for f in manifest["runtime"] if f.startswith("readers/")]
    assert sorted(folders) == sorted(
        f"{reader_tools.FOLDER[t]}-{reader_tools.pinned()[n]}/".join(["readers/", ""])
        for t, (n, _) in reader_tools.TOOLS.items()
    )
    # served cache-first and checked (integrity), but never fetched at install or ahead of a visit
    assert not [p for p in manifest["precache"] if p.startswith("readers/")]
    assert not [p for p in manifest["runtimeFiles"] if p.startswith("readers/")]
    assert any(p.startswith("readers/tesseract-") and p.endswith("eng.traineddata.gz") for p in manifest["integrity"])
    # the engine's own runtime is still fetched ahead, as before
    assert any(p.endswith("pyodide.asm.wasm") for p in manifest["runtimeFiles"])


def test_the_page_knows_each_tools_folder_and_bytes(built_site):
    html = (built_site / "self-audit" / "index.html").read_text("utf-8")
    raw = re.search(r'<meta name="second-look:reader-tools" content="([^"]+)"', html).group(1)
    tools = json.loads(raw.replace("&#34;", '"').replace("&quot;", '"'))
    for tool, info in tools.items():
        for name, size in info["bytes"].items():
            assert (built_site / info["folder"] / name).stat().st_size == size, (tool, name)
