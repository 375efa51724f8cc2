"""Answers: a JSON object, question id -> value, with "schema": 1. Validated against the checklist.

Unknown ids (for example from an older checklist) are dropped with a warning, never fatal; renamed
ids are carried over by MIGRATIONS. Answers saved before the question "What is the scan for?"
(`body_area`) existed held only low-back warning signs: a set with no `body_area` and at least one
low-back sign is read as a low-back scan, unless its body part names another place (see
`_saved_before_areas`). A value of the wrong kind for a known question is an
AnswersError that names the question and the problem.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .areas import AREA_QUESTION, LEGACY_AREA, SIGNS_QUESTION, load_areas
from .model import Checklist, Question

SCHEMA = 1
# Old question id -> new id, for answer sets saved by an earlier checklist version.
MIGRATIONS: dict[str, str] = {
    "denial_letter": "denial_letter_read",
    "letter_of_medical_necessity": "lmn_updated",
}
_RESERVED = {"schema", "checklist_version"}
_TEXT_LIMIT = 2000


class AnswersError(ValueError):
    """An answer that cannot be used; the message names the question and the problem.

    `question` is the id of the question at fault (None when the whole answer set is wrong)."""

    def __init__(self, message: str, question: str | None = None) -> None:
        super().__init__(message)
        self.question = question


@dataclass(frozen=True)
class Answers:
    values: dict
    warnings: tuple[str, ...]


def _value(question: Question, value):
    qid = question.id
    if question.type == "boolean":
        if isinstance(value, bool):
            return value
        raise AnswersError(f"{qid}: expected true or false, got {value!r}", qid)
    if question.type == "choice":
        if value in question.option_ids():
            return value
        raise AnswersError(f"{qid}: {value!r} is not one of {', '.join(question.option_ids())}", qid)
    if question.type == "multi":
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise AnswersError(f"{qid}: expected a list of options, got {value!r}", qid)
        unknown = [v for v in value if v not in question.option_ids()]
        if unknown:
            raise AnswersError(f"{qid}: {unknown[0]!r} is not one of {', '.join(question.option_ids())}", qid)
        return sorted(set(value), key=question.option_ids().index)
    if question.type == "number":
        if isinstance(value, bool) or not isinstance(value, int):
            raise AnswersError(f"{qid}: expected a whole number, got {value!r}", qid)
        if (question.min is not None and value < question.min) or (question.max is not None and value > question.max):
            raise AnswersError(f"{qid}: {value} is outside {question.min} to {question.max}", qid)
        return value
    if question.type == "date":
        if not isinstance(value, str):
            raise AnswersError(f"{qid}: expected a date like 2026-03-31, got {value!r}", qid)
        try:
            return dt.date.fromisoformat(value).isoformat()
        except ValueError:
            raise AnswersError(f"{qid}: {value!r} is not a date like 2026-03-31", qid) from None
    if not isinstance(value, str):
        raise AnswersError(f"{qid}: expected text, got {value!r}", qid)
    return value.strip()[:_TEXT_LIMIT]


def normalize(raw, checklist: Checklist) -> Answers:
    """Validate raw answers. Empty values mean "not answered" and are dropped.
    Answers already checked pass through as they are, so one answer set is checked once."""
    if isinstance(raw, Answers):
        return raw
    if not isinstance(raw, dict):
        raise AnswersError("answers must be a JSON object of question id to value")
    schema = raw.get("schema", SCHEMA)
    if schema != SCHEMA:
        raise AnswersError(f"answers use schema {schema!r}; this version reads schema {SCHEMA}")
    known = {q.id: q for q in checklist.questions}
    values: dict = {}
    warnings: list[str] = []
    for key, value in raw.items():
        if key in _RESERVED:
            continue
        qid = MIGRATIONS.get(key, key)
        if qid not in known:
            warnings.append(f"'{key}' is not a question in this checklist (version {checklist.version}); it was ignored.")
            continue
        if value is None or value == "" or value == []:
            continue
        cleaned = _value(known[qid], value)
        if cleaned != "":
            values[qid] = cleaned
    _saved_before_areas(values, known, warnings)
    return Answers(values, tuple(warnings))


_BACK_WORDS = ("back", "spine", "lumbar")


def _saved_before_areas(values: dict, known: dict, warnings: list[str]) -> None:
    """An answer set with low-back warning signs and no body area was saved before body areas
    existed, when every sign offered was a low-back sign. It is read as a low-back scan, so its
    signs keep counting, unless its free-text body part names something else ("knee"): then no
    area is assumed, the signs do not count, and a warning asks the reader to choose the area.
    Without such a sign, no area is assumed (the generic path)."""
    if AREA_QUESTION not in known or AREA_QUESTION in values:
        return
    legacy = set(load_areas().view(LEGACY_AREA).sign_ids())
    if not legacy & set(values.get(SIGNS_QUESTION) or ()):
        return
    part = str(values.get("body_part", "")).lower()
    if not part or any(word in part for word in _BACK_WORDS):
        values[AREA_QUESTION] = LEGACY_AREA
    else:
        warnings.append("Your saved warning signs were the ones for the lower back. Choose what the scan is for, "
                        "then tick the warning signs for that part of the body.")
