"""Fill in each page's Content-Security-Policy (see sitebuild/csp.py). Runs after all other hooks.

Framing: the policy is a <meta> element, and a meta policy cannot carry `frame-ancestors`; GitHub
Pages sends no header (neither CSP nor X-Frame-Options) that could. So any site can frame these
pages. The self-audit defends itself in script (self-audit.mjs): framed, it shows no form and no
saved answers, only a link that opens it on its own. The limit: with scripts blocked in the frame,
the static checklist still shows (empty: saved answers are only ever filled in by the script). A
host that can send headers should send `Content-Security-Policy: frame-ancestors 'self'`.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

from sitebuild import csp

# Set once at start-up: `mkdocs serve` injects a live-reload inline script that no hash can cover.
_LIVE_RELOAD = False


def on_startup(*, command: str, dirty: bool) -> None:
    global _LIVE_RELOAD
    _LIVE_RELOAD = command == "serve"


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    try:
        return csp.apply(output, wasm=bool(page.meta.get("self_audit")), live_reload=_LIVE_RELOAD)
    except ValueError as exc:
        raise PluginError(f"{page.file.src_uri}: {exc}") from exc


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    """Theme pages built from a template alone (404.html) carry the same policy."""
    if csp.PLACEHOLDER not in output_content:
        return output_content
    try:
        return csp.apply(output_content, wasm=False, live_reload=_LIVE_RELOAD)
    except ValueError as exc:
        raise PluginError(f"{template_name}: {exc}") from exc
