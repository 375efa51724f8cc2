import datetime as dt
import json

import pytest

from checklist_engine import AnswersError, audit, schema
from checklist_engine.answers import past_advice

TODAY = dt.date(2026, 11, 24)


def test_report_has_the_contract_fields():
    report = audit({"schema": 1}, TODAY)
    for key in (
        "score",
        "ready",
        "expedited",
        "items",
        "missing",
        "blocking",
        "deadlines",
        "next_steps",
        "visible_questions",
        "warnings",
        "check_notice",
    ):
        assert key in report
    assert json.loads(json.dumps(report)) == report
    item = report["items"][0]
    assert {"id", "title", "status", "severity"} <= set(item)


def test_missing_is_ordered_most_important_first():
    report = audit({"plan_type": "employer", "denial_reason": "medical_necessity"}, TODAY)
    severities = {i["id"]: i["severity"] for i in report["items"]}
    order = [severities[i] for i in report["missing"]]
    assert order == sorted(order, key=["critical", "important", "helpful"].index)


def test_hidden_questions_do_not_count():
    # plan_funding only applies to job-based plans; an answer left from before must not count.
    report = audit({"plan_type": "medicaid", "plan_funding": "self_funded"}, TODAY)
    assert "plan_funding" not in report["visible_questions"]


def test_a_question_under_a_hidden_question_is_hidden_too():
    # er_records shows when emergency == true; emergency shows only for a claim. Before the scan,
    # an old "emergency: yes" must not bring er_records back (nor count its answer).
    before = {"stage": "prior_authorization", "emergency": True, "er_records": True}
    report = audit(before, TODAY)
    assert "emergency" not in report["visible_questions"]
    assert "er_records" not in report["visible_questions"]
    after = audit({**before, "stage": "claim"}, TODAY)
    assert {"emergency", "er_records"} <= set(after["visible_questions"])


def test_bad_values_name_the_question():
    with pytest.raises(AnswersError, match="denial_date"):
        audit({"denial_date": "last Tuesday"}, TODAY)
    with pytest.raises(AnswersError, match="urgent"):
        audit({"urgent": "yes"}, TODAY)
    with pytest.raises(AnswersError, match="red_flags"):
        audit({"red_flags": ["aliens"]}, TODAY)
    with pytest.raises(AnswersError, match="schema"):
        audit({"schema": 99}, TODAY)
    with pytest.raises(AnswersError, match="^symptom_weeks: Enter a number from 0 to 1040[.]$"):
        audit({"symptom_weeks": -1}, TODAY)
    with pytest.raises(AnswersError, match="^symptom_weeks: Enter a number from 0 to 1040[.]$"):
        audit({"symptom_weeks": 5000}, TODAY)


def test_schema_lists_every_question_with_type_and_values():
    data = schema()
    types = {q["type"] for q in data["questions"]}
    assert types == {"choice", "multi", "boolean", "date", "number", "text"}
    for q in data["questions"]:
        assert q["label"] and q["section"] in {s["id"] for s in data["sections"]}
        if q["type"] in ("choice", "multi"):
            assert q["options"]
    plan = next(q for q in data["questions"] if q["id"] == "plan_type")
    assert "unknown" in [o["id"] for o in plan["options"]]


def test_item_links_point_at_site_pages():
    for item in schema()["items"]:
        assert item["link"].endswith("/") and not item["link"].startswith(("/", "http"))


def test_the_engine_refuses_a_date_that_has_not_happened_yet_naming_the_question():
    for qid, extra in (("denial_date", {}), ("request_date", {"stage": "prior_authorization"})):
        with pytest.raises(AnswersError, match=f"^{qid}: This date cannot be in the future. Use the ") as caught:
            audit({**extra, qid: "2026-11-25"}, TODAY)
        assert caught.value.question == qid and str(caught.value).endswith(past_advice(qid))
    audit({"denial_date": "2026-11-24"}, TODAY)  # today is fine


def test_text_over_the_limit_is_an_error_naming_the_question_and_the_limit_not_a_silent_cut():
    limit = schema()["limits"]["text_chars"]
    with pytest.raises(AnswersError, match=f"^body_part: Keep this to {limit} characters or fewer[.]$"):
        audit({"body_part": "x" * (limit + 1)}, TODAY)
    report = audit({"body_part": "  " + "x" * limit + "  "}, TODAY)  # spaces around do not count
    assert report["visible_questions"]


def test_the_schema_gives_the_page_every_limit_and_which_dates_cannot_be_in_the_future():
    s = schema()
    assert set(s["limits"]) == {"request_chars", "depth", "year_min", "year_max", "text_chars"}
    past = {q["id"] for q in s["questions"] if q["past"]}
    assert all(q["past"] == past_advice(q["id"]) for q in s["questions"] if q["past"])  # what to use instead
    dates = {q["id"] for q in s["questions"] if q["type"] == "date"}
    # every date of something that has happened; the notice's peer-to-peer date can be ahead
    assert past == dates - {"peer_to_peer_deadline"} and "denial_date" in past


def test_the_page_gets_the_engines_own_words_with_the_limits_filled_in():
    words = schema()["messages"]
    assert words["text_long"] == "Keep this to 2000 characters or fewer."
    assert words["date_years"] == "Enter a date between 1900 and 2100, as printed on the notice."
    # what only a question knows stays a placeholder for the page to fill in
    assert "{min}" in words["number_range"] and "{instead}" in words["date_future"]
    with pytest.raises(AnswersError) as caught:
        audit({"denial_date": "1899-12-31"}, TODAY)
    assert str(caught.value) == f"denial_date: {words['date_years']}"
    with pytest.raises(AnswersError) as caught:
        audit({"urgent": "maybe"}, TODAY)
    assert str(caught.value) == f"urgent: {words['boolean']}"


def test_items_carry_the_label_the_reader_sees_for_their_severity():
    report = audit({"plan_type": "employer"}, TODAY)
    labels = {i["severity"]: i["severity_label"] for i in report["items"]}
    assert labels == {"critical": "Must do", "important": "Important", "helpful": "Helps"}
    assert {i["severity"]: i["severity_label"] for i in schema()["items"]} == labels
