"""Write the site's service worker (sitebuild/sw.js) with this build's manifest.

The version is a hash of every published file, so any change to the site gives new cache names.
Pages and small assets are precached; the runtime folders are listed as content-addressed prefixes,
and their files (runtimeFiles) so a guide page can ask for them ahead of a self-audit visit, with
their sha256 (integrity): the service worker keeps no runtime file that does not match.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

TEMPLATE = Path(__file__).with_name("sw.js")
SW_NAME = "sw.js"
PRECACHE_SUFFIXES = (".html", ".css", ".js", ".mjs", ".json", ".svg", ".png", ".ico", ".webmanifest")
SKIP_PREFIXES = ("assets/javascripts/lunr/",)  # search language packs an English site never loads


def _page_url(rel: str) -> str:
    if rel == "index.html":
        return "./"
    if rel.endswith("/index.html"):
        return rel[: -len("index.html")]
    return rel


def manifest(site_dir: Path, runtime: list[str], on_demand: list[str] = ()) -> dict:
    """runtime: site-relative folders served cache-first (e.g. "pyodide/314.0.7/", "engine/ab12/").
    on_demand: folders served the same way, but kept only once used: not precached, and not among
    the runtime files a guide page asks the service worker to fetch ahead (the OCR tools)."""
    digest = hashlib.sha256()
    precache: list[str] = []
    runtime_files: list[str] = []
    integrity: dict[str, str] = {}
    for path in sorted(p for p in site_dir.rglob("*") if p.is_file()):
        rel = path.relative_to(site_dir).as_posix()
        if rel == SW_NAME:
            continue
        file_digest = hashlib.sha256(path.read_bytes())
        digest.update(rel.encode() + b"\0" + file_digest.digest())
        if any(rel.startswith(prefix) for prefix in [*runtime, *on_demand]):
            if any(rel.startswith(prefix) for prefix in runtime):
                runtime_files.append(rel)
            integrity[rel] = file_digest.hexdigest()
            continue
        if rel.endswith(PRECACHE_SUFFIXES) and not rel.startswith(SKIP_PREFIXES):
            precache.append(_page_url(rel))
    return {"version": digest.hexdigest()[:16], "precache": precache, "runtime": [*runtime, *on_demand],
            "runtimeFiles": runtime_files, "integrity": integrity}


def write(site_dir: Path, runtime: list[str], on_demand: list[str] = ()) -> Path:
    data = manifest(site_dir, runtime, on_demand)
    target = site_dir / SW_NAME
    target.write_text(f"const MANIFEST = {json.dumps(data, indent=1)};\n\n" + TEMPLATE.read_text("utf-8"), "utf-8")
    return target
