"""The self-audit page's own words in other languages (the gettext model, as the engine's data).

The English is in the code, where it is used: `t("Next")` in the page scripts
(overrides/assets/self-audit/*.mjs, read through strings.mjs) and `tr("Check my appeal")` in the
static form (sitebuild/checklist_html.py). Each call's first argument is a plain double-quoted
string; {name} placeholders are filled in by the caller. The translation is a catalogue keyed by
that English text, in the engine's format: sitebuild/page_strings.<lang>.toml, [[text]] en / es.
The build puts the page language's catalogue on the page (#self-audit data-strings).

    python -m sitebuild.page_strings status [--lang es]     missing / orphan / placeholder problems; exit 1 if any
    python -m sitebuild.page_strings skeleton [--lang es]   the entries still missing, `es` empty
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from checklist_engine.i18n import Catalogue, _short, _toml_string, parse_catalogue, placeholders

ROOT = Path(__file__).resolve().parent.parent
SOURCES = (ROOT / "sitebuild" / "checklist_html.py", *sorted((ROOT / "overrides/assets/self-audit").glob("*.mjs")))
# t("...") in the page scripts, tr("...") in the static form: a double-quoted literal (no template)
CALL = re.compile(r"""\b(?:t|tr)\(\s*(?:"((?:[^"\\\n]|\\.)*)"|'((?:[^'\\\n]|\\.)*)')""")


def _unescape(text: str, quote: str = '"') -> str:
    if quote == "'":  # a single-quoted literal: its " are plain, its \' is a quote
        text = text.replace("\\'", "'").replace('"', '\\"')
    return json.loads(f'"{text}"')


def english(sources=SOURCES) -> list[str]:
    """Every English text the page's code translates, in the order the code has them."""
    found: list[str] = []
    for path in sources:
        for match in CALL.finditer(Path(path).read_text("utf-8")):
            double = match.group(1) is not None
            text = _unescape(match.group(1) if double else match.group(2), '"' if double else "'")
            if text not in found:
                found.append(text)
    return found


def catalogue_path(lang: str) -> Path:
    return ROOT / "sitebuild" / f"page_strings.{lang}.toml"


def load_catalogue(lang: str) -> Catalogue | None:
    path = catalogue_path(lang)
    if lang == "en" or not path.is_file():
        return None
    return parse_catalogue(path.read_text("utf-8"), str(path.relative_to(ROOT)), lang)


def strings(lang: str) -> dict[str, str]:
    """English -> the page language's text, for the page (empty for English)."""
    catalogue = load_catalogue(lang)
    return catalogue.mapping() if catalogue else {}


def problems(lang: str, catalogue: Catalogue | None = None, sources=SOURCES) -> dict[str, list[str]]:
    catalogue = catalogue or load_catalogue(lang)
    wanted = set(english(sources))
    done = catalogue.mapping() if catalogue else {}
    listed = {en for en, _ in catalogue.entries} if catalogue else set()
    return {
        "missing": [t for t in english(sources) if t not in done],
        "orphan": sorted(listed - wanted),
        "placeholders": sorted(
            f"{_short(en)}: English has {sorted(placeholders(en))}, translation has {sorted(placeholders(tr))}"
            for en, tr in done.items()
            if placeholders(en) != placeholders(tr)
        ),
    }


def main(argv: list[str]) -> int:
    from checklist_engine.i18n.__main__ import arguments, report

    args = arguments("python -m sitebuild.page_strings", argv, skeleton_file=False)
    found = problems(args.lang)
    if args.command == "status":
        return 1 if report(str(catalogue_path(args.lang).relative_to(ROOT)), found) else 0
    sys.stdout.write("".join(f'\n[[text]]\nen = {_toml_string(en)}\n{args.lang} = ""\n' for en in found["missing"]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
