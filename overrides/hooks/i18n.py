"""The Spanish pages (mkdocs-static-i18n builds docs/PAGE.es.md under /es/): what the plugin leaves.

- Search per language: the plugin merges every language into one search index. After the last
  build this hook splits it: /search/search_index.json holds the English pages, /es/search/...
  the Spanish ones, each with its own stemmer, and a Spanish page's search reads its own (the
  page's `base` in Material's config is /es/).
- The theme's 404.html: each language's build writes it at the site root, the last one wins; the
  English one stays there and the Spanish one goes to /es/404.html.
- The language switch on the home pages links relatively, like on every other page (the plugin
  gives the home pages absolute links, which break when the site is served from another path).
- A page with no Spanish yet is still built under /es/ (so the Spanish navigation is whole), in
  English: its text is marked `lang="en"` for screen readers and a Spanish note says so and links
  to the English page.
"""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from sitebuild import i18n

UNTRANSLATED_NOTE = (
    '<p class="sl-untranslated" lang="es"><strong>Esta página todavía no está en español.</strong> '
    "Aquí la tiene en inglés. Las páginas principales ya están en español: vea el "
    '<a href="{home}">inicio</a>.</p>'
)


def _language(page: Page) -> str:
    first = page.url.split("/", 1)[0]
    return first if first in i18n.TRANSLATIONS else i18n.DEFAULT


def on_page_content(html: str, page: Page, config: MkDocsConfig, files) -> str:
    lang = _language(page)
    if lang == i18n.DEFAULT or getattr(page.file, "locale", lang) == lang:
        return html
    note = UNTRANSLATED_NOTE.format(home=get_relative_url(f"{lang}/", page.url))
    return f'{note}\n<div lang="{page.file.locale}">\n{html}\n</div>'


@event_priority(-60)  # after the i18n plugin has set this page's language links
def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav) -> dict:
    lang = _language(page)
    if page.is_homepage or page.url in {f"{t}/" for t in i18n.TRANSLATIONS}:
        # the plugin sets the links as an attribute of config.extra, which the theme reads first
        for alternate in getattr(config.extra, "alternate", None) or []:
            # site-relative: the theme's `url` filter makes it relative to the page
            alternate["link"] = "." if alternate["lang"] == i18n.DEFAULT else f"{alternate['lang']}/"
    if lang != i18n.DEFAULT:
        context["base_url"] = get_relative_url(f"{lang}/", page.url)  # its own search index
    return context


def outer_build_done(config: MkDocsConfig) -> bool:
    """True once, after every language is built (the plugin runs the other languages' builds from
    inside the first build's on_post_build; hooks that write whole-site files wait for the end)."""
    plugin = config.plugins.get("i18n")
    return plugin is None or not plugin.building


def split_search_index(site: Path) -> dict[str, int]:
    """One search index per language; returns the number of entries in each."""
    path = site / "search" / "search_index.json"
    data = json.loads(path.read_text("utf-8"))
    counts = {}
    for lang in i18n.LANGUAGES:
        prefix = "" if lang == i18n.DEFAULT else f"{lang}/"
        others = tuple(f"{other}/" for other in i18n.TRANSLATIONS if other != lang)
        if prefix:
            docs = [
                {**doc, "location": doc["location"][len(prefix) :]}
                for doc in data["docs"]
                if doc["location"].startswith(prefix)
            ]
        else:
            docs = [doc for doc in data["docs"] if not doc["location"].startswith(others)]
        out = {**data, "config": {**data["config"], "lang": [lang]}, "docs": docs}
        target = site / prefix / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(out, ensure_ascii=False, separators=(",", ":")), "utf-8")
        counts[lang] = len(docs)
    return counts


STASHED_404 = ".404.en.html"


@event_priority(10)  # before the i18n plugin builds the other languages over the same folder
def _stash_404(config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    if outer_build_done(config) and (site / "404.html").exists():
        (site / "404.html").replace(site / STASHED_404)


def _finish(config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    split_search_index(site)
    if (site / STASHED_404).exists():
        for lang in i18n.TRANSLATIONS:
            if (site / "404.html").exists():
                (site / "404.html").replace(site / lang / "404.html")
        (site / STASHED_404).replace(site / "404.html")


@event_priority(-110)  # after the i18n plugin's own on_post_build (-100), which writes the merged index
def _after_all_languages(config: MkDocsConfig) -> None:
    if outer_build_done(config):
        _finish(config)


on_post_build = CombinedEvent(_stash_404, _after_all_languages)
