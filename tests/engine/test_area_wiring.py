"""The body areas reach the reader: the questions come from the areas data, a sign is offered and
counted only for its own area, and no report or letter for one area shows another area's advice."""

import datetime as dt
import json

import pytest
from test_loader import GOOD, load

from checklist_engine import ChecklistError, audit, doctor_letter, letter, load_areas, load_checklist
from checklist_engine.areas import sign_option
from checklist_engine.conditions import parse
from checklist_engine.letter import to_doctor

TODAY = dt.date(2026, 11, 27)
AREAS = load_areas()
CHECKLIST = load_checklist()
BASE = {
    "schema": 1,
    "stage": "prior_authorization",
    "plan_type": "employer",
    "denial_date": "2026-11-20",
    "scan": "mri",
    "doctor_name": "Dr. Lee",
    "lmn_updated": False,
}
# Every (area, reason) the reader can choose, None where the area has no reasons.
CHOICES = [(a.id, r) for a in AREAS.areas for r in (a.reason_ids() or (None,))]


def answers_for(area: str, reason: str | None, **more) -> dict:
    out = {**BASE, "body_area": area, **more}
    if reason:
        out[f"{area}_reason"] = reason
    return out


def test_the_questions_options_are_the_areas_data():
    assert [(o.id, o.label) for o in CHECKLIST.question("body_area").options] == [
        (a["id"], a["label"]) for a in AREAS.options()
    ]
    assert CHECKLIST.question("body_area").label == AREAS.question
    for area in AREAS.areas:
        if area.reasons:
            question = CHECKLIST.question(f"{area.id}_reason")
            assert question.label == area.reason_question
            assert [(o.id, o.label) for o in question.options] == [(r.id, r.label) for r in area.reasons]
            assert question.show_if == parse(f"body_area == '{area.id}'")
    signs = {o.id: o.label for o in CHECKLIST.question("red_flags").options if o.id != "none"}
    wanted = {sign_option(a.id, s.id): s.label for a in AREAS.areas for s in a.warning_signs}
    assert signs == wanted


@pytest.mark.parametrize("area, reason", CHOICES)
def test_the_form_offers_only_the_areas_own_signs(area, reason):
    report = audit(answers_for(area, reason), TODAY)
    view = AREAS.view(area, reason)
    own = [sign_option(area, s) for s in view.sign_ids()]
    if not own:
        assert "red_flags" not in report["visible_questions"]
        return
    assert "red_flags" in report["visible_questions"]
    assert report["visible_options"]["red_flags"] == own + ["none"]


def _everything_for(area, reason, ticked, denial_reason):
    answers = answers_for(
        area, reason, red_flags=ticked, denial_reason=denial_reason, conservative_weeks=1, prior_imaging="with_reports"
    )
    report = audit(answers, TODAY)
    texts = [json.dumps({k: report[k] for k in ("items", "findings", "next_steps", "area")})]
    texts.append(letter(answers, TODAY))
    texts.append(doctor_letter(answers, TODAY))
    return report, "\n".join(texts)


@pytest.mark.parametrize("denial_reason", ["conservative_treatment", "medical_necessity", "wrong_imaging_level"])
@pytest.mark.parametrize("area, reason", CHOICES)
def test_no_report_or_letter_shows_another_areas_signs_or_guide(area, reason, denial_reason):
    view = AREAS.view(area, reason)
    # The reader ticks every sign of every area: only the chosen area's own may reach them.
    every = [sign_option(a.id, s.id) for a in AREAS.areas for s in a.warning_signs]
    report, text = _everything_for(area, reason, every, denial_reason)
    own_letters = {s.letter for s in view.warning_signs}
    own_text = json.dumps(view.as_dict())  # a phrase the area's own facts use ("pregnancy") is its own
    own_guides = {view.guide}
    for other in AREAS.areas:
        for sign in other.warning_signs:
            if sign.letter not in own_letters and sign.letter not in own_text:
                assert sign.letter not in text, f"{area}/{reason} shows {other.id}'s sign {sign.id!r}"
        for r in other.reason_ids() or (None,):
            guide = other.guide_for(r)
            if guide not in own_guides:
                assert guide not in text, f"{area}/{reason} links {other.id}'s guide"
    for sign in view.warning_signs:
        assert sign.letter in text
    assert report["area"]["signs"] == list(view.sign_ids())


@pytest.mark.parametrize("area, reason", CHOICES)
def test_a_week_count_appears_only_where_the_areas_sources_give_one(area, reason):
    view = AREAS.view(area, reason)
    sourced = {
        c.weeks for c in view.conservative_care if c.weeks and AREAS.source_by_id(c.weeks_source).kind != "payer"
    }
    report, text = _everything_for(area, reason, ["none"], "conservative_treatment")
    findings = [f["id"] for f in report["findings"]]
    assert ("care_shorter_than_usual" in findings) == bool(sourced)
    item = next(i for i in report["items"] if i["id"] == "conservative_care_documented")
    assert item["link"] == view.guide
    assert ("weeks" in item["why"]) == bool(sourced)
    for weeks in sourced:
        assert f"about {weeks} weeks" in item["why"]
    for finding in report["findings"]:
        if finding["id"] == "care_shorter_than_usual":
            cited = [AREAS.source_by_id(sid) for sid in view.source_ids()]
            assert any(src.title in finding["message"] and src.kind != "payer" for src in cited)
            assert not any(src.title in finding["message"] for src in cited if src.kind == "payer")


def test_the_generic_path_makes_no_body_specific_claim():
    answers = {**BASE, "denial_reason": "conservative_treatment", "conservative_weeks": 1, "red_flags": ["none"]}
    report = audit(answers, TODAY)
    assert report["area"] is None and report["findings"] == []
    assert "red_flags" not in report["visible_questions"]
    shown = json.dumps(report["items"])
    assert "weeks." not in shown.replace("Enter the weeks above.", "")
    for area in AREAS.areas:
        for r in area.reason_ids() or (None,):
            assert area.guide_for(r) not in shown


def test_the_letter_names_the_area_or_the_readers_words():
    assert "CT scan of the head" in letter(answers_for("head", "head_injury", scan="ct", body_part="skull"), TODAY)
    assert "MRI of the elbow" in letter({**BASE, "body_area": "other", "body_part": "elbow"}, TODAY)
    assert "MRI of the elbow" in letter({**BASE, "body_part": "elbow"}, TODAY)


def test_a_stale_sign_does_not_change_the_score_or_the_items():
    clean = audit(answers_for("neck", None, red_flags=["none"], denial_reason="medical_necessity"), TODAY)
    stale = audit(
        answers_for("neck", None, red_flags=["bladder_bowel", "knee_locking"], denial_reason="medical_necessity"), TODAY
    )
    assert (stale["score"], stale["missing"]) == (clean["score"], clean["missing"])


def test_none_with_a_sign_counts_the_sign():
    report = audit(
        answers_for("shoulder", None, red_flags=["none", "shoulder_dislocation"], denial_reason="medical_necessity"),
        TODAY,
    )
    assert "red_flags_documented" in report["missing"]


def test_documentation_points_speak_to_the_doctor():
    assert to_doctor("Whether you take warfarin (Coumadin).") == "Whether I take warfarin (Coumadin)."
    assert (
        to_doctor("The scan schedule your doctor follows, and where you are in it.")
        == "The scan schedule you follow, and where I am in it."
    )
    for area in AREAS.areas:
        for point in area.document:
            assert "your" not in to_doctor(point.text).lower().split()


@pytest.mark.parametrize(
    "options, problem",
    [
        ('options_from = "nothing"', "options_from: no options named 'nothing'"),
        ('options_from = "reasons:neck"', "options_from: area 'neck' has no reasons"),
        ('options = [{ id = "a", label = "A", show_if = "q == \'a\'" }]', "cannot depend on its own question"),
        ('options = [{ id = "a", label = "A", show_if = "r == \'x\'" }]', "yes/no"),
        ('options = [{ id = "a", label = "A", colour = "red" }]', "unknown field 'colour'"),
    ],
)
def test_option_problems_name_the_question(tmp_path, options, problem):
    text = GOOD.replace('options = [{ id = "a", label = "A" }, { id = "b", label = "B" }]', options)
    with pytest.raises(ChecklistError) as info:
        load(text, tmp_path)
    assert "question 'q'" in str(info.value) and problem in str(info.value), str(info.value)


def test_an_option_condition_on_a_later_question_in_a_cycle_is_refused(tmp_path):
    text = GOOD.replace(
        'options = [{ id = "a", label = "A" }, { id = "b", label = "B" }]',
        'options = [{ id = "a", label = "A" }, { id = "b", label = "B", show_if = "r == true" }]',
    )
    with pytest.raises(ChecklistError, match="cycle"):
        load(text, tmp_path)


def test_a_sign_only_a_plans_policy_names_is_worded_as_that_policy():
    from checklist_engine.areas import from_a_plan_only

    policy_only = [(a, s) for a in AREAS.areas for s in a.warning_signs if from_a_plan_only(s, AREAS)]
    assert policy_only, "the data has such a sign (knee locking, from one plan's policy): this test must see it"
    for area, sign in policy_only:
        reason = next((r for r in area.reason_ids() if not sign.reasons or r in sign.reasons), None)
        text = letter(
            answers_for(area.id, reason, denial_reason="medical_necessity", red_flags=[sign_option(area.id, sign.id)]),
            TODAY,
        )
        assert f"health plan's published policy covers this scan for: {sign.letter}" in text
        assert "doctors treat as reasons" not in text
