"""Links in the built site: every internal link and anchor must resolve; external links are listed.

External links are never fetched (no network here, and no request may leave the reader's browser
anyway: they are plain links a reader may follow). They are kept, sorted, with the pages that use
them, in EXTERNAL_LIST, committed so a reviewer can check them by hand; a test fails when the list
and the site disagree.

    python -m sitebuild.links SITE_DIR            # print broken links
    python -m sitebuild.links SITE_DIR --write    # rewrite the external-links list
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlsplit

EXTERNAL_LIST = Path(__file__).with_name("external-links.txt")
# Pages MkDocs writes for itself, not the content's.
SKIP_PAGES = ("404.html",)


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        for key in ("id", "name"):
            if values.get(key) and (key == "id" or tag == "a"):
                self.ids.add(values[key])
        if tag == "a" and values.get("href") is not None:
            self.links.append(values["href"])
        if tag == "link" and values.get("href") and values.get("rel") in ("stylesheet", "icon"):
            self.links.append(values["href"])


@dataclass(frozen=True)
class Broken:
    page: str
    href: str
    problem: str

    def __str__(self) -> str:
        return f"{self.page}: {self.href} ({self.problem})"


def _parse(path: Path) -> _Page:
    parser = _Page()
    parser.feed(path.read_text("utf-8"))
    return parser


def _target(site: Path, page: Path, path: str) -> Path:
    base = site if path.startswith("/") else page.parent
    target = (base / unquote(path.lstrip("/"))).resolve()
    return target / "index.html" if target.is_dir() else target


def check(site: Path, site_url: str = "") -> tuple[list[Broken], dict[str, list[str]]]:
    """(broken internal links, {external url: [pages]}) for every HTML page of the built site."""
    site = site.resolve()
    pages = {p: _parse(p) for p in sorted(site.rglob("*.html")) if p.name not in SKIP_PAGES}
    broken: list[Broken] = []
    external: dict[str, list[str]] = {}
    for page, parsed in pages.items():
        name = page.relative_to(site).as_posix()
        for href in parsed.links:
            if site_url and href.startswith(site_url):
                continue  # the canonical link to the page itself
            parts = urlsplit(href)
            if parts.scheme in ("http", "https"):
                external.setdefault(href, []).append(name)
                continue
            if parts.scheme in ("mailto", "tel", "data", "blob") or href.startswith("javascript:"):
                continue
            path, fragment = urldefrag(href)
            target = _target(site, page, path) if path else page
            if not target.is_file():
                broken.append(Broken(name, href, "no such page"))
                continue
            if fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else _parse(target).ids
                if unquote(fragment) not in ids:
                    broken.append(Broken(name, href, f"no #{fragment} on that page"))
    return broken, {url: sorted(set(users)) for url, users in sorted(external.items())}


def format_external(external: dict[str, list[str]]) -> str:
    lines = ["# External links in the built site (never fetched). Made by: python -m sitebuild.links SITE --write"]
    for url, users in external.items():
        lines.append(f"{url}  <- {', '.join(users)}")
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    if not argv or argv[0].startswith("-"):
        print("usage: python -m sitebuild.links SITE_DIR [--write]", file=sys.stderr)
        return 2
    broken, external = check(Path(argv[0]))
    for b in broken:
        print(b)
    if "--write" in argv:
        EXTERNAL_LIST.write_text(format_external(external), "utf-8")
        print(f"wrote {EXTERNAL_LIST} ({len(external)} external links)")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
