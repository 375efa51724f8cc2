"""Render the self-audit checklist into its page at build time, from the engine's own data.

A page opts in with `self_audit: true` in its front matter and marks the spot with
`<!-- self-audit -->`. A page that opts in without the marker fails the build.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

import checklist_engine
from sitebuild.checklist_html import render_self_audit

MARKER = "<!-- self-audit -->"


def on_page_content(html: str, page: Page, config: MkDocsConfig, files) -> str:
    if not page.meta.get("self_audit"):
        return html
    if MARKER not in html:
        raise PluginError(f"{page.file.src_uri}: has self_audit: true but no {MARKER} marker")

    def href(link: str) -> str:
        return get_relative_url(link, page.url)

    return html.replace(MARKER, render_self_audit(checklist_engine.schema(), href), 1)
