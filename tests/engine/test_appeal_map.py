"""The appeal map's loader refuses planted mistakes, naming the path or level and the problem."""

from __future__ import annotations

from importlib import resources

import pytest

from checklist_engine import ChecklistError, load_checklist, load_rules
from checklist_engine.appeal_map import load_map, parse_map, position
from checklist_engine.letter import LETTERS

TEXT = resources.files("checklist_engine").joinpath("data/appeal_map.toml").read_text("utf-8")


def parse(text):
    return parse_map(text, load_rules()["rules"], load_checklist(), set(LETTERS))


def test_the_packaged_map_loads_with_every_plan_type_on_a_path():
    appeal_map = load_map()
    assert len(appeal_map.paths) == 9
    reached = {position({"plan_type": plan}).path.id for plan in load_checklist().question("plan_type").option_ids()}
    assert reached == {
        "job_unknown_funding",
        "individual",
        "medicare_advantage",
        "traditional_medicare",
        "medicaid_managed_care",
        "unknown",
    }


@pytest.mark.parametrize(
    "change, where, problem",
    [
        (
            ('file = "internal_appeal_file"', 'file = "internal_appeal_fil"'),
            "level 'internal_appeal'",
            "'internal_appeal_fil' is not a rule in rules.toml",
        ),
        (
            ('file = "external_review_file"', 'file = "external_review_decision"'),
            "level 'external_review'",
            "is a decision rule",
        ),
        (
            (
                'letter = "fair_hearing"\nlink = "rights/medicaid/"\n\n[levels.medicaid_fair_hearing_direct]',
                'letter = "fair_hering"\nlink = "rights/medicaid/"\n\n[levels.medicaid_fair_hearing_direct]',
            ),
            "level 'medicaid_fair_hearing'",
            "'fair_hering' is not a letter kind",
        ),
        (
            (
                'levels = ["ma_reconsideration", "ma_ire", "ma_alj"]',
                'levels = ["ma_reconsideration", "ma_iré", "ma_alj"]',
            ),
            "path 'medicare_advantage'",
            "'ma_iré' is not a level",
        ),
        (
            ("when = \"plan_type == 'individual'\"", "when = \"plan_type == 'individal'\""),
            "path 'individual'",
            "'individal' is not an option of 'plan_type'",
        ),
        (("when = \"plan_type == 'individual'\"\n", ""), "path 'individual'", "only the last path"),
        (
            (
                'decision = { default = "fair_hearing_decision" }\nletter = "fair_hearing"\nlink = "rights/medicaid/"\n\n[levels.medicaid_fair_hearing_direct]',
                'decision = { sometimes = "fair_hearing_decision" }\nletter = "fair_hearing"\nlink = "rights/medicaid/"\n\n[levels.medicaid_fair_hearing_direct]',
            ),
            "level 'medicaid_fair_hearing'",
            "key 'sometimes'",
        ),
        (
            (
                "stages = { first_denial = 0, internal_denied = 1, review_denied = 2 }",
                "stages = { first_denial = 0, internal_denied = 1 }",
            ),
            "stages",
            "exactly the appeal_stage options",
        ),
        (
            (
                'rights = "medicaid"\nemergency = "emergency_medicaid"',
                'rights = "medicaid_x"\nemergency = "emergency_medicaid"',
            ),
            "path 'medicaid_managed_care'",
            "'medicaid_x' is not in [rights]",
        ),
        (
            ('name = "Internal appeal"\n', 'name = "Internal appeal"\nwhen = "x"\n'),
            "level 'internal_appeal'",
            "unknown field 'when'",
        ),
    ],
)
def test_a_planted_mistake_is_named(change, where, problem):
    old, new = change
    assert TEXT.count(old) == 1, old
    with pytest.raises(ChecklistError) as caught:
        parse(TEXT.replace(old, new))
    assert caught.value.where == where
    assert problem in caught.value.problem


def test_a_level_no_path_uses_is_refused():
    with pytest.raises(ChecklistError, match="no path uses it"):
        parse(TEXT + '\n[levels.orphan]\nname = "x"\naction = "x"\nwho_decides = "x"\nsend_to = "x"\n')


def test_expedited_means_urgent_and_not_a_claim_in_the_map_itself():
    """The rule holds in the map even for answers where the page would hide the urgent question."""
    m = load_map()
    assert m.is_expedited({"urgent": True, "stage": "prior_authorization"})
    assert m.is_expedited({"urgent": True})
    assert not m.is_expedited({"urgent": True, "stage": "claim"})
    assert not m.is_expedited({"urgent": False, "stage": "prior_authorization"})
