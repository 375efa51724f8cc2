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
import json
import re
from dataclasses import dataclass
from types import MappingProxyType

from .areas import AREA_QUESTION, LEGACY_AREA, SIGNS_QUESTION, load_areas
from .model import Checklist, Question

SCHEMA = 1
# Old question id -> new id, for answer sets saved by an earlier checklist version.
MIGRATIONS: dict[str, str] = {
    "denial_letter": "denial_letter_read",
    "letter_of_medical_necessity": "lmn_updated",
}
_RESERVED = {"schema", "checklist_version"}

# The limits of an answer, checked here and nowhere else. The build gives them to the page as data
# (schema()["limits"] -> data-limits, read by form.mjs and keep.mjs), so the page says the same.
# A real request is a few kilobytes and three levels deep: {request: {answers: {question: [option]}}}.
LIMITS = MappingProxyType(
    {"request_chars": 1_000_000, "depth": 16, "year_min": 1900, "year_max": 2100, "text_chars": 2000}
)
# Date questions about something that has already happened: a date after today is refused, with
# what to use instead. (Checked on the answers that count: a hidden question's date is ignored.)
# The date questions whose answer cannot be after today -> the message (data/messages.toml) that
# says what to use instead.
PAST_DATES = MappingProxyType(
    {
        "denial_date": "past_denial_date",
        "final_denial_date": "past_final_denial_date",
        "review_denial_date": "past_review_denial_date",
        "request_date": "past_request_date",
    }
)
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_TOKENS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"\s*:?|[\[\]{}]')


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
        return parse_date(value, qid).isoformat()
    if not isinstance(value, str):
        raise AnswersError(f"{qid}: expected text, got {value!r}", qid)
    text = value.strip()
    if len(text) > LIMITS["text_chars"]:
        raise AnswersError(
            f"{qid}: this answer is {len(text):,} characters long; keep it to {LIMITS['text_chars']:,} characters", qid
        )
    return text


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
            from .messages import load_messages

            warnings.append(load_messages(checklist.lang)("unknown_question", key=key, version=checklist.version))
            continue
        if value is None or value == "" or value == []:
            continue
        cleaned = _value(known[qid], value)
        if cleaned != "":
            values[qid] = cleaned
    _saved_before_areas(values, known, warnings, checklist.lang)
    return Answers(values, tuple(warnings))


_BACK_WORDS = ("back", "spine", "lumbar")


def _saved_before_areas(values: dict, known: dict, warnings: list[str], lang: str = "en") -> None:
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
        from .messages import load_messages

        warnings.append(load_messages(lang)("saved_signs_low_back"))


def parse_date(value, name: str) -> dt.date:
    """A date written YYYY-MM-DD between 1900 and 2100, or an AnswersError naming `name`.
    (Python's fromisoformat also takes "20260302" and "2026-W10-1": a reader never means those.)"""
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        raise AnswersError(f"{name}: {value!r} is not a date like 2026-03-31", name)
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise AnswersError(f"{name}: {value!r} is not a date like 2026-03-31", name) from None
    if not LIMITS["year_min"] <= day.year <= LIMITS["year_max"]:
        raise AnswersError(f"{name}: {value} is not a year between {LIMITS['year_min']} and {LIMITS['year_max']}", name)
    return day


def parse_today(value, name: str) -> dt.date:
    """The day to compute for (`today` of a request, `--today` of the command line): the real date
    when not given. A bad value is an AnswersError (question None) whose message starts with `name`."""
    if value is None:
        return dt.date.today()
    try:
        return parse_date(value, name)
    except AnswersError:
        raise AnswersError(
            f"{name} must be a date like 2026-03-31 ({LIMITS['year_min']} to {LIMITS['year_max']}), got {value!r}"
        ) from None


def check_dates(values: dict, today: dt.date, lang: str = "en") -> None:
    """Dates that cannot be right on this day: a notice dated in the future, or an appeal turned
    down before the first denial. Raises AnswersError naming the question (its message in `lang`,
    after "question_id: "). `values`: the answers that count (visibility.effective_answers): a
    hidden question's date is ignored, not refused."""
    from .messages import load_messages  # here: messages imports i18n, which the loaders share

    m = load_messages(lang)
    for qid, instead in PAST_DATES.items():
        value = values.get(qid)
        if value and dt.date.fromisoformat(value) > today:
            raise AnswersError(
                f"{qid}: " + m("date_after_today", date=value, today=today.isoformat(), instead=m(instead)), qid
            )
    first, final = values.get("denial_date"), values.get("final_denial_date")
    if first and final and final < first:
        raise AnswersError(
            "final_denial_date: " + m("final_before_first", final=final, first=first), "final_denial_date"
        )
    review = values.get("review_denial_date")
    if final and review and review < final:
        raise AnswersError(
            "review_denial_date: " + m("review_before_final", review=review, final=final), "review_denial_date"
        )


def loads_limited(text: str):
    """json.loads with the limits checked first: size, then nesting depth (a deep array would
    otherwise exhaust the stack: in Pyodide, the whole runtime). Raises AnswersError; for input
    nested too deeply inside "answers", the error names the question."""
    if len(text) > LIMITS["request_chars"]:
        raise AnswersError(f"the input is too large ({len(text):,} characters; at most {LIMITS['request_chars']:,})")
    if text.count("[") + text.count("{") > LIMITS["depth"]:
        _check_depth(text)
    return json.loads(text)


def _check_depth(text: str) -> None:
    keys: list[str | None] = []  # the key being read at each open level
    pending: str | None = None
    for match in _TOKENS.finditer(text):
        token = match.group()
        if token in "[{":
            keys.append(pending)
            pending = None
            if len(keys) > LIMITS["depth"]:
                path = [k for k in keys[1:] if k is not None]
                question = path[1] if len(path) > 1 and path[0] == "answers" else (path[0] if path else None)
                where = f"{question}: " if question else ""
                raise AnswersError(
                    f"{where}this answer is nested too deeply (more than {LIMITS['depth']} levels) to be an answer",
                    question,
                )
        elif token in "]}":
            if keys:
                keys.pop()
            pending = None
        elif token.endswith(":"):
            try:
                pending = json.loads(token[:-1].rstrip())
            except ValueError:
                pending = None
        else:
            pending = None
