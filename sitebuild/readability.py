"""Reading grade of the content pages (Flesch-Kincaid, textstat), measured on the reader's prose.

The Sources section, front matter, tables, code and build tokens are left out: they are not prose.
`python -m sitebuild.readability` prints every page's grade and word count, and the Spanish pages'
ease (`python -m sitebuild.readability es`): Fernández-Huerta and Szigriszt-Pazos (the INFLESZ
scale), both from textstat with its Spanish syllables; higher is easier, 0-100.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

DOCS = Path(__file__).resolve().parent.parent / "docs"
GUIDE_LIMIT = 9.0

_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
_SOURCES = re.compile(r"^## (Sources|Fuentes)\b.*", re.S | re.M)
_TOKEN = re.compile(r"\{\{[^}]*\}\}")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)(\{[^}]*\})?")
_FOOTNOTE = re.compile(r"\[\^[^\]]+\]")
_ABBR = re.compile(r"^\*\[[^\]]+\]:.*$", re.M)
_CODE = re.compile(r"^```.*?^```", re.S | re.M)
_BLOCK_START = re.compile(r"^(#+|[-*+]|\d+\.|:|!!!|\?\?\?\+?|===)\s+")
_ADMONITION_TITLE = re.compile(r"^[a-z]+(\s+\"[^\"]*\")?\s*")


def prose(markdown: str) -> str:
    """The sentences a reader reads, one per line, without Markdown syntax."""
    text = _FRONT_MATTER.sub("", markdown)
    text = _SOURCES.sub("", text)
    text = _CODE.sub("", text)
    text = _ABBR.sub("", text)
    text = _TOKEN.sub("30 days", text)
    text = _LINK.sub(r"\1", text)
    text = _FOOTNOTE.sub("", text)
    blocks: list[list[str]] = []
    fresh = True
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("|") or line.startswith("<"):
            fresh = True  # blank lines, tables and HTML end a paragraph; tables and HTML are not prose
            continue
        marker = _BLOCK_START.match(line)
        line = _BLOCK_START.sub("", line)
        if marker and marker.group(1) in ("!!!", "???", "???+"):
            line = _ADMONITION_TITLE.sub("", line)  # `!!! warning "Title"` -> `Title`
        line = line.replace("**", "").replace("`", "").strip()
        if not line:
            fresh = True
            continue
        if fresh or marker:
            blocks.append([line])
        else:
            blocks[-1].append(line)  # a wrapped line of the same paragraph
        fresh = False
    lines = []
    for block in blocks:
        sentence = " ".join(block)
        lines.append(sentence if sentence[-1] in ".!?:" else sentence + ".")
    return "\n".join(lines)


def grade(path: Path) -> float:
    import textstat

    return float(textstat.flesch_kincaid_grade(prose(path.read_text("utf-8"))))


def word_count(path: Path) -> int:
    return len(prose(path.read_text("utf-8")).split())


def spanish_ease(path: Path) -> dict[str, float]:
    """Fernández-Huerta and Szigriszt-Pazos (INFLESZ) of a Spanish page: 0-100, higher is easier.
    INFLESZ bands: under 40 very hard, 40-55 somewhat hard, 55-65 normal, 65-80 fairly easy."""
    import textstat

    text = prose(path.read_text("utf-8")).replace("30 days", "30 días")
    textstat.set_lang("es")  # textstat keeps one language for the process: put English back after
    try:
        return {
            "fernandez_huerta": float(textstat.fernandez_huerta(text)),
            "szigriszt_pazos": float(textstat.szigriszt_pazos(text)),
        }
    finally:
        textstat.set_lang("en_US")


def pages(docs: Path = DOCS) -> list[Path]:
    """The English pages (a translation, docs/PAGE.es.md, is measured by spanish_pages)."""
    return sorted(
        p for p in docs.rglob("*.md") if "includes" not in p.relative_to(docs).parts and not p.name.endswith(".es.md")
    )


def spanish_pages(docs: Path = DOCS) -> list[Path]:
    return sorted(p for p in docs.rglob("*.es.md") if "includes" not in p.relative_to(docs).parts)


def main(argv: list[str] | None = None) -> int:
    if (argv if argv is not None else sys.argv[1:])[:1] == ["es"]:
        for page in spanish_pages():
            ease = spanish_ease(page)
            name = page.relative_to(DOCS).as_posix()
            print(
                f"{name:45} Fernández-Huerta {ease['fernandez_huerta']:5.1f}   "
                f"INFLESZ {ease['szigriszt_pazos']:5.1f}   {word_count(page):5d} words"
            )
        return 0
    for page in pages():
        name = page.relative_to(DOCS).as_posix()
        print(f"{name:45} grade {grade(page):5.1f}   {word_count(page):5d} words")
    return 0


if __name__ == "__main__":
    sys.exit(main())
