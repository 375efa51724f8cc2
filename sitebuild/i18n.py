"""The site in more than one language: which pages have a translation, and whether it is current.

A translation is `docs/PAGE.es.md` beside `docs/PAGE.md` (mkdocs-static-i18n builds it under /es/).
Its front matter records the hash of the English source it was translated from (`source_hash:`).
When the English page changes, the hash no longer matches and the tests name the page; after a
translator has re-checked the Spanish page against the new English one:

    .venv/bin/python -m sitebuild.i18n status               every page: current, stale, untranslated
    .venv/bin/python -m sitebuild.i18n stamp guides/faq.md  record the English page's current hash

The Spanish wording of the legal facts that pages insert (`{{ rule.ID.FIELD }}`, `{{ check_notice }}`)
is in sitebuild/rules.es.toml, each with the English text it translates, checked the same way.
"""

from __future__ import annotations

import hashlib
import re
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
DEFAULT = "en"
LANGUAGES = ("en", "es")
TRANSLATIONS = tuple(lang for lang in LANGUAGES if lang != DEFAULT)
RULES_ES = Path(__file__).with_name("rules.es.toml")
APPEAL_MAP_ES = Path(__file__).with_name("appeal_map.es.toml")

_FRONT_MATTER = re.compile(r"\A---\n(.*?\n)---\n", re.S)
_HASH_LINE = re.compile(r"^source_hash:[ \t]*(\S*)[ \t]*$", re.M)


def source_hash(text: str) -> str:
    """The hash a translation records: of the English page's text (line endings normalised)."""
    return hashlib.sha256(text.replace("\r\n", "\n").encode("utf-8")).hexdigest()[:16]


def english_pages(docs: Path = DOCS) -> list[Path]:
    """Every English page (snippets under includes/ are not pages)."""
    return sorted(
        p for p in docs.rglob("*.md") if "includes" not in p.relative_to(docs).parts and not _is_translation(p)
    )


def translations(lang: str = "es", docs: Path = DOCS) -> list[Path]:
    return sorted(p for p in docs.rglob(f"*.{lang}.md") if "includes" not in p.relative_to(docs).parts)


def _is_translation(path: Path) -> bool:
    suffixes = path.suffixes
    return len(suffixes) >= 2 and suffixes[-2].lstrip(".") in TRANSLATIONS


def translation_of(page: Path, lang: str = "es") -> Path:
    return page.with_name(page.name[: -len(".md")] + f".{lang}.md")


def source_of(translation: Path) -> Path:
    lang = translation.suffixes[-2]
    return translation.with_name(translation.name[: -len(f"{lang}.md")] + ".md")


def recorded_hash(translation: Path) -> str | None:
    match = _FRONT_MATTER.match(translation.read_text("utf-8"))
    found = _HASH_LINE.search(match.group(1)) if match else None
    return found.group(1) if found and found.group(1) else None


@dataclass(frozen=True)
class Status:
    page: str  # the English page, relative to docs/
    state: str  # "current", "stale", "no hash", "untranslated", "no English page"

    def __str__(self) -> str:
        return f"{self.state:16} {self.page}"


def status(lang: str = "es", docs: Path = DOCS) -> list[Status]:
    out = []
    for page in english_pages(docs):
        name = page.relative_to(docs).as_posix()
        spanish = translation_of(page, lang)
        if not spanish.exists():
            out.append(Status(name, "untranslated"))
            continue
        recorded = recorded_hash(spanish)
        if recorded is None:
            out.append(Status(name, "no hash"))
        elif recorded != source_hash(page.read_text("utf-8")):
            out.append(Status(name, "stale"))
        else:
            out.append(Status(name, "current"))
    for spanish in translations(lang, docs):
        if not source_of(spanish).exists():
            out.append(Status(spanish.relative_to(docs).as_posix(), "no English page"))
    return out


def stamp(page: str, lang: str = "es", docs: Path = DOCS) -> str:
    """Record the English page's current hash in its translation's front matter; returns the hash."""
    english = docs / page
    if _is_translation(english):
        english = source_of(english)
    spanish = translation_of(english, lang)
    if not english.exists() or not spanish.exists():
        raise FileNotFoundError(f"{page}: needs both {english.relative_to(docs)} and {spanish.relative_to(docs)}")
    digest = source_hash(english.read_text("utf-8"))
    text = spanish.read_text("utf-8")
    match = _FRONT_MATTER.match(text)
    if not match:
        raise ValueError(f"{spanish.relative_to(docs)}: no front matter")
    head = match.group(1)
    head = (
        _HASH_LINE.sub(f"source_hash: {digest}", head) if _HASH_LINE.search(head) else head + f"source_hash: {digest}\n"
    )
    spanish.write_text(f"---\n{head}---\n" + text[match.end() :], "utf-8")
    return digest


# --- The legal facts in Spanish (sitebuild/rules.es.toml) ----------------------------------------

UNITS_ES = {"days": ("día", "días"), "months": ("mes", "meses"), "hours": ("hora", "horas")}


def load_rules_es(path: Path = RULES_ES) -> dict:
    with path.open("rb") as handle:
        return tomllib.load(handle)


def period_es(rule: dict) -> str:
    """'180 days' -> '180 días'; '7 calendar days' -> '7 días calendario'. From amount and unit."""
    one, many = UNITS_ES[rule["unit"]]
    text = f"{rule['amount']} {one if rule['amount'] == 1 else many}"
    return text + (" calendario" if "calendar" in rule["period"] else "")


def stale_rule_texts(rules: dict, check_notice: str, spanish: dict) -> list[str]:
    """Spanish rule texts whose English source changed (or is gone): 'rule.ID.FIELD' names."""
    out = []
    if spanish.get("check_notice", {}).get("en") != check_notice:
        out.append("check_notice")
    for rule_id, fields in spanish.get("rules", {}).items():
        for field, entry in fields.items():
            english = rules.get(rule_id, {}).get(field)
            if english != entry.get("en"):
                out.append(f"rule.{rule_id}.{field}")
    return out


class SpanishTable:
    """The words of the appeal map table (`{{ appeal_map }}`) in Spanish, from
    sitebuild/appeal_map.es.toml; the same interface as overrides/hooks/facts.py's English.
    A text with no Spanish raises KeyError naming it."""

    def __init__(self, rules_es: dict, path: Path = APPEAL_MAP_ES):
        with path.open("rb") as handle:
            data = tomllib.load(handle)
        self.words = data["table"]
        self._texts = {entry["en"]: entry["es"] for entry in data.get("text", [])}
        self._rules = rules_es.get("rules", {})
        self._from = data["table"]["from"]

    def text(self, english: str) -> str:
        if english not in self._texts:
            raise KeyError(f"no Spanish for {english!r} in {APPEAL_MAP_ES.name}")
        return self._texts[english]

    def time(self, rule_id: str, rule: dict) -> str:
        start = self._rules.get(rule_id, {}).get("start")
        if not start or start.get("en") != rule["start"]:
            raise KeyError(f"no current Spanish for rule.{rule_id}.start in {RULES_ES.name}")
        return f"{period_es(rule)} {self._from} {start['es']} ({rule['citation']})"


def main(argv: list[str]) -> int:
    if argv[:1] == ["status"]:
        rows = status()
        for row in rows:
            print(row)
        counts = {state: sum(1 for r in rows if r.state == state) for state in sorted({r.state for r in rows})}
        print(", ".join(f"{n} {state}" for state, n in counts.items()))
        return 0
    if argv[:1] == ["stamp"] and len(argv) > 1:
        for page in argv[1:]:
            print(f"{stamp(page)}  {page}")
        return 0
    print(
        "usage: python -m sitebuild.i18n status | stamp PAGE.md [PAGE.md ...]  (PAGE relative to docs/)",
        file=sys.stderr,
    )
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
