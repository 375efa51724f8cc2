"""Render the self-audit checklist into its page at build time, from the engine's own data.

A page opts in with `self_audit: true` in its front matter and marks the spot with
`<!-- self-audit -->`. A page that opts in without the marker fails the build, and so does a
checklist link to a page the site does not have.

It runs once every page has been read (on_page_context), so that links can name the page they open.
Search has indexed the page's own text by then, not the form: the guides hold that text, and the
form's headings ("There is a problem") were noise among search results.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

import checklist_engine
from sitebuild import page_strings
from sitebuild.checklist_html import page_of, render_self_audit

MARKER = "<!-- self-audit -->"


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    if not page.meta.get("self_audit"):
        return context
    if MARKER not in page.content:
        raise PluginError(f"{page.file.src_uri}: has self_audit: true but no {MARKER} marker")
    # The page's language (mkdocs-static-i18n's locale of its file): the engine's text and the
    # page's own words in it (catalogues: checklist_engine/data/<lang>/, sitebuild/page_strings.<lang>.toml).
    lang = getattr(page.file, "locale", None) or "en"
    schema = checklist_engine.schema(lang=lang)
    # On a Spanish page (es/self-audit/) the links open the Spanish pages: the same paths under es/.
    prefix = page.url[: page.url.index("self-audit/")] if "self-audit/" in page.url else ""
    titles = {p.url[len(prefix) :]: p.title for p in nav.pages if p.url.startswith(prefix)}
    for item in schema["items"]:
        if item.get("link") and page_of(item["link"]) not in titles:
            raise PluginError(f"checklist item {item['id']!r}: link {item['link']!r} is not a page of this site")

    def href(link: str) -> str:
        return get_relative_url(prefix + link, page.url)

    form = render_self_audit(schema, href, titles, checklist_engine.load_rules(lang), page_strings.strings(lang), lang)
    page.content = page.content.replace(MARKER, form, 1)
    return context
