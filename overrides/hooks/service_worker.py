"""Publish the service worker (sitebuild/sw.js) with this build's manifest, after everything else:
after every language's build (the i18n plugin runs the Spanish build inside the English one's
on_post_build) and after the search index is split per language (hooks/i18n.py)."""

from __future__ import annotations

from pathlib import Path
from posixpath import dirname

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

from sitebuild import service_worker


@event_priority(-120)
def on_post_build(config: MkDocsConfig) -> None:
    plugin = config.plugins.get("i18n")
    if plugin is not None and plugin.building:
        return
    runtime = [
        config.extra["pyodide_path"],
        dirname(config.extra["pyodide_stdlib"]) + "/",
        dirname(config.extra["engine_wheel"]) + "/",
    ]
    # the letter-reading tools (PDF.js, OCR): cache-first, kept only once a reader used them
    service_worker.write(Path(config.site_dir), runtime, on_demand=config.extra.get("reader_folders", []))


def on_serve(server, config: MkDocsConfig, builder):
    server.watch(str(Path(service_worker.TEMPLATE)))
    return server
