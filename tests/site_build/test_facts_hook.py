"""Pages take legal facts from the engine's data (overrides/hooks/facts.py): they cannot disagree."""

from __future__ import annotations

import html
import importlib.util
import re
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError

from checklist_engine import load_rules
from checklist_engine.appeal_map import load_map

SPEC = importlib.util.spec_from_file_location("facts_hook", "overrides/hooks/facts.py")
facts = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(facts)
PAGE = SimpleNamespace(file=SimpleNamespace(src_uri="rights/example.md"))


def render(markdown: str) -> str:
    return facts.on_page_markdown(markdown, PAGE, None, None)


def test_rule_level_and_notice_tokens_take_their_values_from_the_data():
    rules = load_rules()
    assert render("{{ rule.ma_reconsideration_file.period }}") == rules["rules"]["ma_reconsideration_file"]["period"]
    assert render("{{ level.ma_ire.name }}") == load_map().levels["ma_ire"].name
    assert render("{{ check_notice }}") == rules["check_notice"]


@pytest.mark.parametrize(
    "token, problem",
    [
        ("{{ rule.nope.period }}", "unknown rule 'nope'"),
        ("{{ level.nope.name }}", "unknown level 'nope'"),
        ("{{ level.ma_ire.colour }}", "level 'ma_ire' has no field 'colour'"),
        ("{{ level.ma_ire.file }}", "level 'ma_ire' has no field 'file'"),  # a field the level does not have
    ],
)
def test_a_bad_token_fails_the_build_naming_page_and_token(token, problem):
    with pytest.raises(PluginError, match=re.escape(f"rights/example.md: {problem}")):
        render(token)


def test_the_published_appeal_map_shows_every_level_and_its_time_to_ask(built_site):
    page = html.unescape((built_site / "rights" / "which-rules-apply" / "index.html").read_text("utf-8"))
    appeal_map = load_map()
    rules = load_rules()["rules"]
    shown = [lid for path in appeal_map.paths if not path.unknown for lid in path.levels]
    assert len(set(shown)) >= 12
    for level_id in shown:
        level = appeal_map.levels[level_id]
        assert level.name in page, level_id
        if level.file:
            assert f"{rules[level.file]['period']} from {rules[level.file]['start']}" in page, level_id
