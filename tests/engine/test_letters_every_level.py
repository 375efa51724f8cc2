"""Every level of the appeal map, walked with many answer sets: its letter is complete and honest.

- no unfilled template field ({...});
- no citation outside the reader's own path (the unknown plan type cites none);
- never a treatment time shorter than plans usually expect, never "0 weeks";
- every "enclosed" sentence is matched by a line of the enclosure list.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re

import pytest

from checklist_engine import audit, letter
from checklist_engine.appeal_map import load_map
from checklist_engine.letter import LETTERS

TODAY = dt.date(2026, 11, 27)
MAP = load_map()
CITATION = re.compile(r"\(([^()]*(?:CFR|U\.S\.C\.|section \d|CMS-\d)[^()]*)\)")
# an "enclosed" phrase -> the enclosure line that must be listed with it
ENCLOSED = {
    "doctor's enclosed letter": "Letter of medical necessity from",
    "enclosed records show": "Records of the treatments I tried",
    "I enclose those records": "The records the plan said were missing",
    "states that waiting the normal time": "My doctor's statement that waiting",
}
PLANS = [
    ("employer", "self_funded", None),
    ("employer", "fully_insured", None),
    ("employer", "unknown", None),
    ("individual", None, None),
    ("medicare_advantage", None, None),
    ("traditional_medicare", None, None),
    ("medicaid", None, "managed_care"),
    ("medicaid", None, "fee_for_service"),
    ("unknown", None, None),
]


def answer_sets():
    reasons = ["conservative_treatment", "medical_necessity", "missing_documentation", "no_authorization", "other"]
    for (plan, funding, delivery), stage, appeal_stage, reason, urgent, weeks, evidence in itertools.product(
        PLANS,
        ["prior_authorization", "claim"],
        ["first_denial", "internal_denied", "review_denied"],
        reasons,
        [True, False],
        [0, 3, 6, None],
        [True, False],
    ):
        answers = {
            "schema": 1,
            "plan_type": plan,
            "stage": stage,
            "appeal_stage": appeal_stage,
            "denial_reason": reason,
            "urgent": urgent,
            "emergency": urgent,
            "denial_date": "2026-10-01",
            "final_denial_date": "2026-11-01",
            "review_denial_date": "2026-11-20",
            "lmn_updated": evidence,
            "conservative_records": evidence,
            "missing_records_sent": evidence,
            "er_records": evidence,
            "expedited_requested": evidence,
            "scan": "mri",
        }
        if funding:
            answers["plan_funding"] = funding
        if delivery:
            answers["medicaid_delivery"] = delivery
        if weeks is not None:
            answers["conservative_weeks"] = weeks
        yield answers


CASES = list(answer_sets())
assert len(CASES) > 1000


def allowed_citations(path) -> set[str]:
    texts = list(MAP.rights.get(path.rights, ())) + [MAP.emergency.get(path.emergency, "")]
    return {c for text in texts for c in CITATION.findall(text)}


def test_every_level_and_letter_kind_is_reached():
    levels, kinds = set(), set()
    for answers in CASES:
        appeal = audit(answers, TODAY)["appeal"]
        levels.add(appeal["level"])
        kinds.add(appeal["letter"])
    assert levels == set(MAP.levels)
    assert {k for k, v in LETTERS.items() if v.level_letter} <= kinds


@pytest.mark.parametrize("start", range(0, len(CASES), 400))
def test_letters_are_complete_and_honest(start):
    for answers in CASES[start : start + 400]:
        report = audit(answers, TODAY)
        path = next(p for p in MAP.paths if p.id == report["appeal"]["path"])
        allowed = allowed_citations(path)
        for kind in [None] + [entry["kind"] for entry in report["letters"]]:
            text = letter(answers, TODAY, kind=kind)
            where = f"{path.id}/{report['appeal']['level']}/{kind}: {answers}"
            assert "{" not in text and "}" not in text, where
            assert not re.search(r"\b0 weeks\b", text), where
            if answers.get("conservative_weeks") in (0, 3):
                assert f"for {answers['conservative_weeks']} weeks" not in text, where
            for citation in CITATION.findall(text):
                assert citation in allowed, f"{where}: cites {citation!r}, not a rule of this path"
            if path.unknown:
                assert "CFR" not in text, where
            listed = text.split("Enclosed, in this order:")[-1]
            for phrase, line in ENCLOSED.items():
                if phrase in text:
                    assert line in listed, f"{where}: says {phrase!r} but does not list {line!r}"


def test_the_letter_for_a_level_with_none_says_so():
    answers = {"schema": 1, "plan_type": "medicare_advantage", "appeal_stage": "internal_denied"}
    assert letter(answers, TODAY).startswith("No letter is needed at this step")


def test_an_unknown_letter_kind_is_refused():
    with pytest.raises(ValueError, match="unknown letter kind 'nope'"):
        letter({"schema": 1}, TODAY, kind="nope")
