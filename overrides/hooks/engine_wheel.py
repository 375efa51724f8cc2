"""Build the engine wheel for the browser and publish it under the site.

The wheel goes to `engine/<hash>/checklist_engine-*.whl`: a new engine gets a new URL, so a
browser never runs a stale copy. `config.extra.engine_wheel` holds the site-relative path for the
page. During `mkdocs serve` a change under checklist_engine/ rebuilds it.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from sitebuild.pyodide_runtime import file_info
from sitebuild.wheel import ROOT, build_engine_wheel, short_hash

STAGING = ROOT / ".cache" / "engine-wheel"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    with tempfile.TemporaryDirectory() as tmp:
        built = build_engine_wheel(Path(tmp))
        rel = f"engine/{short_hash(built)}/{built.name}"
        staged = STAGING / rel
        staged.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(built, staged)
    config.extra["engine_wheel"] = rel
    config.extra.setdefault("runtime_files", {})["engine"] = file_info(staged)
    return config


def on_post_build(config: MkDocsConfig) -> None:
    rel = config.extra["engine_wheel"]
    target = Path(config.site_dir) / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(STAGING / rel, target)


def on_serve(server, config: MkDocsConfig, builder):
    server.watch(str(ROOT / "checklist_engine"))
    return server
