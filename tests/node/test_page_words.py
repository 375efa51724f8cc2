"""The page's first check (form.mjs, while the engine starts) and the engine refuse the same answers
with the same words: the words are the engine's (data/messages.toml "answer_<kind>", answers.page_messages), given to the page by the build.
Run on the form the build renders (sitebuild/checklist_html.py) from the real checklist."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from nodejs import run_json

from checklist_engine import AnswersError, audit, schema
from sitebuild.checklist_html import render_question

TODAY = dt.date(2026, 11, 27)
DATA = schema()
QUESTIONS = {q["id"]: q for q in DATA["questions"]}
LABELS = {q["id"]: q["label"] for q in DATA["questions"]}
LIMIT = DATA["limits"]["text_chars"]

# (question, what the reader types, the value the engine gets for it)
TYPED = [
    ("symptom_weeks", "5000", 5000),
    ("symptom_weeks", "-1", -1),
    ("symptom_weeks", "2.5", 2.5),
    ("denial_date", "1899-12-31", "1899-12-31"),
    ("denial_date", "2101-01-01", "2101-01-01"),
    ("denial_date", "2026-11-28", "2026-11-28"),  # after today
    ("request_date", "2026-12-25", "2026-12-25"),
    ("body_part", "x" * (LIMIT + 1), "x" * (LIMIT + 1)),
]
OPENED = {"urgent": "maybe", "plan_type": "gold", "red_flags": ["aliens"], "symptom_weeks": 2.5}


def engine_words(question: str, value) -> str:
    extra = {"stage": "prior_authorization"} if question == "request_date" else {}
    with pytest.raises(AnswersError) as caught:
        audit({**extra, question: value}, TODAY)
    assert caught.value.question == question
    return str(caught.value).removeprefix(f"{question}: ")


def run_page() -> dict:
    ids = {q for q, _, _ in TYPED} | set(OPENED)
    form = (
        f"<form id=\"sa-form\" data-limits='{json.dumps(DATA['limits'])}' "
        f"data-messages='{json.dumps(DATA['messages']).replace(chr(39), '&#39;')}'>"
        + "".join(render_question(QUESTIONS[q], LIMIT) for q in sorted(ids))
        + "</form>"
    )
    request = {"html": form, "today": TODAY.isoformat(), "typed": [[q, t] for q, t, _ in TYPED], "opened": OPENED}
    return run_json("page_words.mjs", request)


def test_the_page_and_the_engine_refuse_the_same_typed_answers_with_the_same_words():
    page = run_page()
    for (question, text, value), problems in zip(TYPED, page["typed"], strict=True):
        assert problems == [[question, engine_words(question, value)]], (question, text)


def test_an_opened_file_is_refused_in_the_engines_words_before_the_engine_runs():
    page = run_page()
    assert page["opened"] == [f"{LABELS[q]}: {engine_words(q, v)}" for q, v in OPENED.items()]
