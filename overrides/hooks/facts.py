"""Insert legal time limits from the engine's data into pages: `{{ rule.ID.FIELD }}`.

The same file (checklist_engine/data/rules.toml) drives the engine's deadline calculator, so a page
and the calculator can never disagree. `{{ check_notice }}` inserts the "check your own notice"
sentence. An unknown rule or field fails the build and names the page and the token.
"""

from __future__ import annotations

import re

from mkdocs.exceptions import PluginError

from checklist_engine import load_rules

TOKEN = re.compile(r"\{\{\s*(rule\.([A-Za-z0-9_]+)\.([A-Za-z0-9_]+)|check_notice)\s*\}\}")


def _render(value) -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def on_page_markdown(markdown: str, page, config, files) -> str:
    data = load_rules()
    rules = data["rules"]

    def replace(match: re.Match) -> str:
        if match.group(1) == "check_notice":
            return data["check_notice"]
        rule_id, field = match.group(2), match.group(3)
        if rule_id not in rules:
            raise PluginError(f"{page.file.src_uri}: unknown rule {rule_id!r} in {match.group(0)!r}")
        if field not in rules[rule_id]:
            raise PluginError(
                f"{page.file.src_uri}: rule {rule_id!r} has no field {field!r} in {match.group(0)!r}"
            )
        return _render(rules[rule_id][field])

    return TOKEN.sub(replace, markdown)
