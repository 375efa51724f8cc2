"""The pages of the site: from the Markdown sources, and as built (site paths, "" for the home page)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Folders of the built site that hold assets and runtime files, not pages.
NOT_PAGES = ("assets", "pyodide", "stdlib", "engine", "search")


def source_pages(docs: Path = ROOT / "docs") -> list[str]:
    """The site path of every page MkDocs builds from docs/."""
    out = []
    for md in sorted(docs.rglob("*.md")):
        rel = md.relative_to(docs).with_suffix("")
        if rel.parts[0] == "includes":  # snippets (exclude_docs in mkdocs.yml), not pages
            continue
        parts = rel.parts[:-1] if rel.name == "index" else rel.parts
        out.append("".join(p + "/" for p in parts))
    return sorted(out)


def built_pages(site: Path) -> list[str]:
    """The site path of every index.html the build wrote, outside the asset folders."""
    out = []
    for index in site.rglob("index.html"):
        folder = index.parent.relative_to(site)
        if folder.parts and folder.parts[0] in NOT_PAGES:
            continue
        out.append(folder.as_posix() + "/" if folder.parts else "")
    return sorted(out)
