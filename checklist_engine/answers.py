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

# The version of the answers format: the "schema" key of an answer set (a saved file keeps that key).
ANSWERS_VERSION = 1
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
# The kinds of problem an answer can have. Their words, in each language, are data/messages.toml's
# "answer_<kind>" (a reader can act on them). The engine's errors say these words ("question_id:
# words"), and the build gives the same words to the page (schema()["messages"] -> the form's
# data-messages) for its first check while the engine starts: the page has no wording of its own.
# {year_min} {year_max} {text_chars} are the LIMITS (filled in by the build); {min} {max} are the
# question's, {instead} the PAST_DATES advice (filled in per question).
PROBLEMS = (
    "boolean",
    "choice",
    "number",
    "number_range",
    "date",
    "date_years",
    "date_future",
    "text",
    "text_long",
    "final_before_first",
    "review_before_final",
)
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def fill(template: str, params: dict) -> str:
    """A message with the placeholders `params` has filled in (as str() writes them: years read
    1900, not 1,900); the others kept. The page fills the rest the same way (limits.mjs)."""
    return _PLACEHOLDER.sub(lambda match: str(params[match[1]]) if match[1] in params else match[0], template)


def _messages(lang: str):
    from .messages import load_messages  # here: messages imports i18n, which the loaders share

    return load_messages(lang)


def page_messages(lang: str = "en") -> dict[str, str]:
    """Each kind of problem's words with the LIMITS filled in: what the page needs for its first check."""
    texts = _messages(lang).texts
    return {kind: fill(texts[f"answer_{kind}"], LIMITS) for kind in PROBLEMS}


def message(kind: str, lang: str = "en", **params) -> str:
    """The reader's words for one kind of problem, with the LIMITS and `params` filled in."""
    return fill(_messages(lang).texts[f"answer_{kind}"], {**LIMITS, **params})


def past_advice(qid: str, lang: str = "en") -> str:
    """What to use instead of a date after today, for a PAST_DATES question."""
    return _messages(lang)(PAST_DATES[qid])


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


def _refuse(qid: str, kind: str, lang: str = "en", **params) -> AnswersError:
    return AnswersError(f"{qid}: {message(kind, lang, **params)}", qid)


def _value(question: Question, value, lang: str = "en"):
    qid = question.id
    if question.type == "boolean":
        if isinstance(value, bool):
            return value
        raise _refuse(qid, "boolean", lang)
    if question.type == "choice":
        if value in question.option_ids():
            return value
        raise _refuse(qid, "choice", lang)
    if question.type == "multi":
        if not isinstance(value, list) or not all(v in question.option_ids() for v in value):
            raise _refuse(qid, "choice", lang)
        return sorted(set(value), key=question.option_ids().index)
    if question.type == "number":
        if isinstance(value, bool) or not isinstance(value, int):
            raise _refuse(qid, "number", lang)
        if (question.min is not None and value < question.min) or (question.max is not None and value > question.max):
            raise _refuse(qid, "number_range", lang, min=question.min, max=question.max)
        return value
    if question.type == "date":
        return parse_date(value, qid, lang).isoformat()
    if not isinstance(value, str):
        raise _refuse(qid, "text", lang)
    text = value.strip()
    if len(text) > LIMITS["text_chars"]:
        raise _refuse(qid, "text_long", lang)
    return text


def normalize(raw, checklist: Checklist) -> Answers:
    """Validate raw answers. Empty values mean "not answered" and are dropped.
    Answers already checked pass through as they are, so one answer set is checked once."""
    if isinstance(raw, Answers):
        return raw
    if not isinstance(raw, dict):
        raise AnswersError("answers must be a JSON object of question id to value")
    version = raw.get("schema", ANSWERS_VERSION)
    if version != ANSWERS_VERSION:
        raise AnswersError(f"answers use schema {version!r}; this version reads schema {ANSWERS_VERSION}")
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
        cleaned = _value(known[qid], value, checklist.lang)
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


def parse_date(value, name: str, lang: str = "en") -> dt.date:
    """A date written YYYY-MM-DD between 1900 and 2100, or an AnswersError naming `name`.
    (Python's fromisoformat also takes "20260302" and "2026-W10-1": a reader never means those.)"""
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        raise _refuse(name, "date", lang)
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise _refuse(name, "date", lang) from None
    if not LIMITS["year_min"] <= day.year <= LIMITS["year_max"]:
        raise _refuse(name, "date_years", lang)
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
    for qid in PAST_DATES:
        value = values.get(qid)
        if value and dt.date.fromisoformat(value) > today:
            raise _refuse(qid, "date_future", lang, instead=past_advice(qid, lang))
    first, final = values.get("denial_date"), values.get("final_denial_date")
    if first and final and final < first:
        raise _refuse("final_denial_date", "final_before_first", lang)
    review = values.get("review_denial_date")
    if final and review and review < final:
        raise _refuse("review_denial_date", "review_before_final", lang)


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
