"""Insert legal facts from the engine's data into pages, so a page and the engine never disagree.

- `{{ rule.ID.FIELD }}`: a legal time limit from checklist_engine/data/rules.toml (the file the
  engine's deadline calculator reads);
- `{{ check_notice }}`: the "check your own notice" sentence;
- `{{ level.ID.FIELD }}`: a level of the appeal map (checklist_engine/data/appeal_map.toml), for
  example `{{ level.external_review.name }}`;
- `{{ appeal_map }}`: the whole appeal map as a table: each plan type's levels in order, with who
  decides and the time to ask.

An unknown rule, level or field fails the build and names the page and the token.

On a Spanish page (docs/PAGE.es.md) the same tokens give Spanish: a period is written from its
amount and unit ("180 días"), citations and numbers stay as they are, and text fields come from
sitebuild/rules.es.toml; a text field with no Spanish there fails the build (no English slips in).
"""

from __future__ import annotations

import re
from dataclasses import asdict

from mkdocs.exceptions import PluginError

from checklist_engine import load_rules
from checklist_engine.appeal_map import load_map
from sitebuild import i18n

TOKEN = re.compile(r"\{\{\s*(?:(rule|level)\.([A-Za-z0-9_]+)\.([A-Za-z0-9_]+)|(check_notice)|(appeal_map))\s*\}\}")


def _render(value) -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


class English:
    """The table's own words; i18n.SpanishTable has the same interface for Spanish pages."""

    words = {
        "header": "| Your plan | Step | Who decides | Time to ask |",
        "automatic": "Nothing to ask: it starts on its own",
        "see_notice": "See your notice",
        "later": "The decision before it tells you how and by when",
    }

    @staticmethod
    def text(english: str) -> str:
        return english

    @staticmethod
    def time(rule_id: str, rule: dict) -> str:
        return f"{rule['period']} from {rule['start']} ({rule['citation']})"


def _time_to_ask(level, rules: dict, lang=English) -> str:
    if level.automatic:
        return lang.words["automatic"]
    if level.file:
        return lang.time(level.file, rules[level.file])
    return lang.text(level.deadline_text) if level.deadline_text else lang.words["see_notice"]


def appeal_map_table(rules: dict, lang=English) -> str:
    """Markdown: one row per plan type, one cell per level (name, who decides, time to ask)."""
    appeal_map = load_map()
    rows = [lang.words["header"], "|---|---|---|---|"]
    groups: dict[tuple, list] = {}  # paths with the same levels share rows
    for path in appeal_map.paths:
        if not path.unknown:
            groups.setdefault((path.levels, path.later), []).append(path.name)
    for (levels, later), names in groups.items():
        for n, level_id in enumerate(levels, 1):
            level = appeal_map.levels[level_id]
            plan = "<br>".join(f"**{lang.text(name)}**" for name in names) if n == 1 else ""
            rows.append(
                f"| {plan} | {n}. {lang.text(level.name)} | {lang.text(level.who_decides)} | "
                f"{_time_to_ask(level, rules, lang)} |"
            )
        for n, name in enumerate(later, len(levels) + 1):
            rows.append(f"| | {n}. {lang.text(name)} | | {lang.words['later']} |")
    return "\n".join(rows)


LANGUAGE_NEUTRAL = {"amount", "citation", "presumed_receipt_days", "extension_days", "applies_from", "confidence"}


def _spanish(kind: str, key: str, field: str, entry: dict, spanish: dict, page, token: str) -> str:
    if kind == "rule" and field == "period":
        return i18n.period_es(entry)
    if kind == "rule" and field in LANGUAGE_NEUTRAL:
        return _render(entry[field])
    text = spanish.get("rules", {}).get(key, {}).get(field) if kind == "rule" else None
    if not text or text.get("en") != entry[field]:
        raise PluginError(
            f"{page.file.src_uri}: {token!r} has no current Spanish in sitebuild/rules.es.toml "
            f"(add [rules.{key}.{field}] with en = the English text and es = its translation)"
        )
    return text["es"]


def on_page_markdown(markdown: str, page, config, files) -> str:
    data = load_rules()
    rules = data["rules"]
    levels = load_map().levels
    spanish = i18n.load_rules_es() if getattr(page.file, "locale", i18n.DEFAULT) == "es" else None

    def replace(match: re.Match) -> str:
        if match.group(4):
            return spanish["check_notice"]["es"] if spanish else data["check_notice"]
        if match.group(5):
            if spanish:
                try:
                    return appeal_map_table(rules, i18n.SpanishTable(spanish))
                except KeyError as exc:
                    raise PluginError(f"{page.file.src_uri}: {{{{ appeal_map }}}}: {exc.args[0]}") from exc
            return appeal_map_table(rules)
        kind, key, field = match.group(1), match.group(2), match.group(3)
        table = rules if kind == "rule" else {lid: asdict(level) for lid, level in levels.items()}
        if key not in table:
            raise PluginError(f"{page.file.src_uri}: unknown {kind} {key!r} in {match.group(0)!r}")
        if field not in table[key] or table[key][field] is None:
            raise PluginError(f"{page.file.src_uri}: {kind} {key!r} has no field {field!r} in {match.group(0)!r}")
        if spanish:
            return _spanish(kind, key, field, table[key], spanish, page, match.group(0))
        return _render(table[key][field])

    return TOKEN.sub(replace, markdown)
