"""Fill in each page's Content-Security-Policy (see sitebuild/csp.py). Runs after all other hooks."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

from sitebuild import csp


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    try:
        return csp.apply(output, wasm=bool(page.meta.get("self_audit")))
    except ValueError as exc:
        raise PluginError(f"{page.file.src_uri}: {exc}") from exc


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    """Theme pages built from a template alone (404.html) carry the same policy."""
    if csp.PLACEHOLDER not in output_content:
        return output_content
    try:
        return csp.apply(output_content, wasm=False)
    except ValueError as exc:
        raise PluginError(f"{template_name}: {exc}") from exc
