"""Write the site's service worker (sitebuild/sw.js) with this build's manifest.

The version is a hash of every published file, so any change to the site gives new cache names.
Pages and small assets are precached, per language: a reader's offline copy holds the pages of the
language they read (the English pages, or those under es/) and the assets, never both languages'
pages, so it does not double (sw.js picks the list by the `lang` of its registration URL). The
runtime folders are listed as content-addressed prefixes,
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
DEFAULT_LANGUAGE = "en"
TRANSLATIONS = ("es",)
# The search language packs Material's search worker loads for a Spanish index (lang: ["es"]).
LANGUAGE_ASSETS = {
    "es": ("assets/javascripts/lunr/min/lunr.stemmer.support.min.js", "assets/javascripts/lunr/min/lunr.es.min.js")
}


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
    precache: dict[str, list[str]] = {lang: [] for lang in (DEFAULT_LANGUAGE, *TRANSLATIONS)}
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
        if not rel.endswith(PRECACHE_SUFFIXES):
            continue
        lang = rel.split("/", 1)[0]
        if lang in TRANSLATIONS:
            precache[lang].append(_page_url(rel))  # a page (or the search index) of that language
        elif rel.startswith(SKIP_PREFIXES):
            for other, files in LANGUAGE_ASSETS.items():
                if rel in files:
                    precache[other].append(rel)
        elif rel.endswith(".html") and rel != "404.html" or rel == "search/search_index.json":
            precache[DEFAULT_LANGUAGE].append(_page_url(rel))  # an English page, the English index
        else:
            for files in precache.values():  # assets (and the offline 404) every language uses
                files.append(_page_url(rel))
    return {
        "version": digest.hexdigest()[:16],
        "defaultLanguage": DEFAULT_LANGUAGE,
        "precache": precache,
        "runtime": [*runtime, *on_demand],
        "runtimeFiles": runtime_files,
        "integrity": integrity,
    }


def write(site_dir: Path, runtime: list[str], on_demand: list[str] = ()) -> Path:
    data = manifest(site_dir, runtime, on_demand)
    target = site_dir / SW_NAME
    target.write_text(f"const MANIFEST = {json.dumps(data, indent=1)};\n\n" + TEMPLATE.read_text("utf-8"), "utf-8")
    return target
