"""Self-host the pinned Pyodide runtime: fetched once from the npm registry, checked, published.

Published: the runtime files listed in sitebuild/pyodide.json under `pyodide/<version>/`, and a
reduced standard library (only the modules the engine imports, sitebuild/stdlib-files.txt) under
`stdlib/<hash>/python_stdlib.zip`, a content-addressed URL. The lock file is not published: the
page passes its `info` inline. `config.extra` gets `pyodide_path`, `pyodide_stdlib` and
`pyodide_lock_info` (JSON) for the self-audit page, and `runtime_files`: each file the engine's
start downloads, with its sha256 and size, so the page can show real byte progress and refuse a
truncated or replaced file (engine_wheel.py adds the wheel).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from sitebuild.pyodide_runtime import PyodideFetchError, ensure_runtime, file_info, load_pin, lock_info
from sitebuild.stdlib import reduced_stdlib
from sitebuild.wheel import short_hash


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    try:
        runtime = ensure_runtime()
        stdlib = reduced_stdlib(runtime)
    except (PyodideFetchError, KeyError) as exc:
        raise PluginError(f"pyodide runtime: {exc}") from exc
    config.extra["pyodide_path"] = f"pyodide/{load_pin().version}/"
    config.extra["pyodide_stdlib"] = f"stdlib/{short_hash(stdlib)}/{stdlib.name}"
    config.extra["pyodide_stdlib_source"] = str(stdlib)
    config.extra["pyodide_lock_info"] = json.dumps(lock_info(runtime), separators=(",", ":"))
    pin = load_pin()
    config.extra["runtime_files"] = {
        "pyodide": {name: file_info(runtime / name) for name in pin.publish},
        "stdlib": file_info(stdlib),
    }
    return config


def _copy(src: Path, dst: Path) -> None:
    dst.parent.mkdir(parents=True, exist_ok=True)
    if not dst.exists() or dst.stat().st_size != src.stat().st_size:
        shutil.copy2(src, dst)


def on_post_build(config: MkDocsConfig) -> None:
    pin = load_pin()
    source = ensure_runtime(pin)
    site = Path(config.site_dir)
    for name in pin.publish:
        _copy(source / name, site / config.extra["pyodide_path"] / name)
    _copy(Path(config.extra["pyodide_stdlib_source"]), site / config.extra["pyodide_stdlib"])
