"""Properties that hold for every answer set a reader could give (hypothesis)."""

from __future__ import annotations

import dataclasses
import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checklist_engine import audit, doctor_letter, letter, load_checklist

CHECKLIST = load_checklist()
TODAY = dt.date(2026, 11, 27)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
texts = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)
dates = st.dates(min_value=dt.date(2024, 1, 1), max_value=TODAY)


def value_for(question):
    options = list(question.option_ids())
    if question.type == "choice":
        return st.sampled_from(options)
    if question.type == "multi":
        return st.lists(st.sampled_from(options), unique=True, min_size=1)
    if question.type == "boolean":
        return st.booleans()
    if question.type == "date":
        return dates.map(dt.date.isoformat)
    if question.type == "number":
        return st.integers(min_value=question.min or 0, max_value=question.max or 1000)
    return texts


@st.composite
def answer_sets(draw):
    """Any valid answers: each question answered or not, with a value of its type."""
    answers = {"schema": 1}
    for question in CHECKLIST.questions:
        if draw(st.booleans()):
            answers[question.id] = draw(value_for(question))
    # the letters come in order: first denial, appeal turned down, review or hearing decision
    keys = [k for k in ("denial_date", "final_denial_date", "review_denial_date") if k in answers]
    for key, day in zip(keys, sorted(answers[k] for k in keys), strict=True):
        answers[key] = day
    return answers


# The best answer to each question that records a step ("yes, done").
BEST = {
    "criteria_requested": "received",
    "claim_file_requested": "received",
    "peer_to_peer": "done",
    "prior_imaging": "with_reports",
    "conservative_weeks": 8,
    "symptom_weeks": 10,
}


@st.composite
def finished_appeals(draw):
    """A reader's situation, whatever it is, with every step of the checklist done in time."""
    answers = {"schema": 1}
    for qid in ("stage", "plan_type", "plan_funding", "scan", "appeal_stage"):
        answers[qid] = draw(value_for(CHECKLIST.question(qid)))
    answers["denial_reason"] = draw(st.sampled_from([o for o in CHECKLIST.question("denial_reason").option_ids()]))
    answers["red_flags"] = draw(value_for(CHECKLIST.question("red_flags")))
    answers["urgent"] = draw(st.booleans())
    answers["denial_date"] = (TODAY - dt.timedelta(days=draw(st.integers(0, 20)))).isoformat()
    answers["final_denial_date"] = answers["denial_date"]
    answers["review_denial_date"] = answers["denial_date"]
    for question in CHECKLIST.questions:
        if question.id in answers:
            continue
        if question.id in BEST:
            answers[question.id] = BEST[question.id]
        elif question.type == "boolean":
            answers[question.id] = True
    return answers


@SETTINGS
@given(answer_sets())
def test_any_valid_answers_give_a_valid_report(answers):
    report = audit(answers, TODAY)
    assert 0 <= report["score"] <= 100
    statuses = {i["id"]: i["status"] for i in report["items"]}
    assert set(statuses.values()) <= {"done", "missing", "not_applicable"}
    assert [i for i in report["missing"] if statuses[i] != "missing"] == []
    assert sorted(report["missing"]) == sorted(i for i, s in statuses.items() if s == "missing")
    if report["ready"]:
        assert report["blocking"] == []
        assert not any(i["severity"] == "critical" and i["status"] == "missing" for i in report["items"])
    assert report["next_steps"], "a reader always gets at least one next step"
    assert isinstance(letter(answers, TODAY), str)
    assert isinstance(doctor_letter(answers, TODAY), str)


@SETTINGS
@given(finished_appeals())
def test_every_step_done_in_time_is_ready(answers):
    report = audit(answers, TODAY)
    assert report["missing"] == [], report["missing"]
    assert report["score"] == 100
    assert report["ready"], report["blocking"]


@SETTINGS
@given(answer_sets())
def test_a_not_applicable_item_never_changes_the_score(answers):
    report = audit(answers, TODAY)
    not_applicable = {i["id"] for i in report["items"] if i["status"] == "not_applicable"}
    trimmed = dataclasses.replace(CHECKLIST, items=tuple(i for i in CHECKLIST.items if i.id not in not_applicable))
    assert audit(answers, TODAY, trimmed)["score"] == report["score"]


@SETTINGS
@given(answer_sets(), st.data())
def test_an_answer_to_a_hidden_question_changes_nothing(answers, data):
    report = audit(answers, TODAY)
    hidden = [q for q in CHECKLIST.questions if q.id not in report["visible_questions"]]
    if not hidden:
        return
    question = data.draw(st.sampled_from(hidden))
    changed = {**answers, question.id: data.draw(value_for(question))}
    again = audit(changed, TODAY)
    if question.id in again["visible_questions"]:
        return  # answering it made it visible (a dependency of its own condition): not hidden any more
    assert (again["score"], again["missing"], again["deadlines"]) == (
        report["score"],
        report["missing"],
        report["deadlines"],
    )


@SETTINGS
@given(answer_sets())
def test_no_deadline_falls_before_the_notice_it_counts_from(answers):
    notices = [answers[k] for k in ("denial_date", "final_denial_date", "review_denial_date") if k in answers]
    for deadline in audit(answers, TODAY)["deadlines"]:
        if deadline["date"]:
            assert notices and deadline["date"] >= min(notices), deadline


KNOWN_PLANS = [p for p in CHECKLIST.question("plan_type").option_ids() if p != "unknown"]


@SETTINGS
@given(answer_sets(), st.booleans())
def test_an_unknown_plan_type_never_gets_a_later_filing_date_than_any_plan_could(answers, leave_out):
    unknown = {**answers, "plan_type": "unknown"}
    if leave_out:
        del unknown["plan_type"]
    dated = [d["date"] for d in audit(unknown, TODAY)["deadlines"] if d["kind"] == "file" and d["date"]]
    if not dated:
        return
    for plan in KNOWN_PLANS:
        for funding in ("self_funded", "fully_insured"):
            for delivery in ("managed_care", "unknown"):
                known = {**answers, "plan_type": plan, "plan_funding": funding, "medicaid_delivery": delivery}
                for d in audit(known, TODAY)["deadlines"]:
                    if d["kind"] == "file" and d["date"]:
                        assert max(dated) <= d["date"], (plan, d["id"], d["date"], dated)


@SETTINGS
@given(answer_sets(), st.sampled_from(["internal_denied", "review_denied"]))
def test_after_a_final_denial_the_first_next_step_is_the_current_levels_action(answers, stage):
    report = audit({**answers, "appeal_stage": stage}, TODAY)
    assert report["next_steps"][0]["text"] == report["appeal"]["action"]
    assert report["appeal"]["step"] >= 2 or report["appeal"]["path"] == "medicaid_fee_for_service"
