"""Self-host the pinned Pyodide runtime: fetched once from the npm registry, checked, published.

Only the files listed in sitebuild/pyodide.json are published, under `pyodide/<version>/`.
`config.extra.pyodide_path` holds that site-relative folder (with a trailing slash).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from sitebuild.pyodide_runtime import PyodideFetchError, ensure_runtime, load_pin


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    try:
        ensure_runtime()
    except PyodideFetchError as exc:
        raise PluginError(f"pyodide runtime: {exc}") from exc
    config.extra["pyodide_path"] = f"pyodide/{load_pin().version}/"
    return config


def on_post_build(config: MkDocsConfig) -> None:
    pin = load_pin()
    source = ensure_runtime(pin)
    target = Path(config.site_dir) / config.extra["pyodide_path"]
    target.mkdir(parents=True, exist_ok=True)
    for name in pin.publish:
        src, dst = source / name, target / name
        if not dst.exists() or dst.stat().st_size != src.stat().st_size:
            shutil.copy2(src, dst)
