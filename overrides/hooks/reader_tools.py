"""Publish the letter-reading tools (PDF.js, tesseract.js): see sitebuild/reader_tools.py.

`config.extra.reader_tools` holds each tool's folder and file sizes for the page (a meta element);
`config.extra.reader_folders` lists the folders for the service worker (cached on use only).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from sitebuild import reader_tools


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    try:
        tools = reader_tools.plan()
    except reader_tools.ReaderToolsError as exc:
        raise PluginError(f"reader tools: {exc}") from exc
    config.extra["reader_tools"] = reader_tools.page_info(tools)
    config.extra["reader_folders"] = [info["folder"] for info in tools.values()]
    return config


def on_post_build(config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    for info in reader_tools.plan().values():
        for name, source in info["files"].items():
            target = site / info["folder"] / name
            target.parent.mkdir(parents=True, exist_ok=True)
            if not target.exists() or target.stat().st_size != source.stat().st_size:
                shutil.copy2(source, target)
