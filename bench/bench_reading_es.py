"""Reading ease of the Spanish pages, beside the English grade of the page each one translates.
Prints figures; asserts nothing (tests/site/test_i18n.py holds the guides to INFLESZ 55 or more).

    .venv/bin/python bench/bench_reading_es.py

Fernández-Huerta and Szigriszt-Pazos (the INFLESZ scale) come from textstat with its Spanish
syllable counts (pyphen), on the reader's prose only (sitebuild/readability.py leaves out front
matter, tables, code, tokens and the Sources section). Both run 0-100, higher is easier. INFLESZ
bands: under 40 very hard, 40-55 somewhat hard, 55-65 normal, 65-80 fairly easy, over 80 very easy.
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sitebuild import i18n  # noqa: E402
from sitebuild.readability import DOCS, grade, spanish_ease, spanish_pages, word_count  # noqa: E402


def main() -> int:
    rows = []
    for page in spanish_pages():
        ease = spanish_ease(page)
        english = i18n.source_of(page)
        rows.append(
            [
                page.relative_to(DOCS).as_posix(),
                f"{ease['fernandez_huerta']:.1f}",
                f"{ease['szigriszt_pazos']:.1f}",
                str(word_count(page)),
                f"{grade(english):.1f}",
                str(word_count(english)),
            ]
        )
    header = ["page", "F-Huerta", "INFLESZ", "words", "EN grade", "EN words"]
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    for row in [header, ["-" * w for w in widths], *rows]:
        print("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip())
    guides = [r for r in rows if r[0].startswith("guides/")]
    if guides:
        print(
            f"\nguides: median Fernández-Huerta {statistics.median(float(r[1]) for r in guides):.1f}, "
            f"median INFLESZ {statistics.median(float(r[2]) for r in guides):.1f}, "
            f"lowest INFLESZ {min(float(r[2]) for r in guides):.1f} ({min(guides, key=lambda r: float(r[2]))[0]})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
