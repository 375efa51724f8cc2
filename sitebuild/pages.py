"""The pages of the site: from the Markdown sources, and as built (site paths, "" for the home page)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Folders of the built site that hold assets and runtime files, not pages.
NOT_PAGES = ("assets", "pyodide", "stdlib", "engine", "search")


# The languages built under their own folder (mkdocs-static-i18n, mkdocs.yml): every page is built
# there too, translated (docs/PAGE.es.md) or, until it is, in English.
TRANSLATIONS = ("es",)


def source_pages(docs: Path = ROOT / "docs") -> list[str]:
    """The site path of every page MkDocs builds from docs/, in every language."""
    out = []
    for md in sorted(docs.rglob("*.md")):
        rel = md.relative_to(docs).with_suffix("")
        if rel.parts[0] == "includes":  # snippets (exclude_docs in mkdocs.yml), not pages
            continue
        if rel.suffix.lstrip(".") in TRANSLATIONS:  # guides/x.es.md: the same page as guides/x.md
            continue
        parts = rel.parts[:-1] if rel.name == "index" else rel.parts
        out.append("".join(p + "/" for p in parts))
    return sorted(out + [f"{lang}/{page}" for lang in TRANSLATIONS for page in out])


def built_pages(site: Path) -> list[str]:
    """The site path of every index.html the build wrote, outside the asset folders."""
    out = []
    for index in site.rglob("index.html"):
        folder = index.parent.relative_to(site)
        if folder.parts and folder.parts[0] in NOT_PAGES:
            continue
        out.append(folder.as_posix() + "/" if folder.parts else "")
    return sorted(out)
