"""The browser's door to the engine: one JSON request in, one JSON response out, never an exception.

    {"op": "schema" | "audit" | "deadlines" | "letter" | "doctor_letter" | "report_and_letters"
           | "normalize" | "version" | "explain",
     "answers": {...}, "today": "YYYY-MM-DD", "kind": letter kind (op "letter", optional),
     "text": a denial letter's text (op "explain")}
    -> {"ok": true, "result": ...}  or  {"ok": false, "error": "one plain line", "question": id or null}

"report_and_letters" is what the live page needs after each answer, in one message, from one check
of the answers: {"report": <audit>, "letter": <appeal letter>, "doctor_letter": <request to the doctor>,
"requests": {kind: <request letter>} for each request letter the report offers (report["letters"])}.

The request's size and nesting are checked before it is parsed, and its dates before any date
arithmetic (answers.LIMITS), so no input reaches the engine that could exhaust the stack or overflow.
"""

from __future__ import annotations

import datetime as dt
import json

from . import AnswersError, __version__, audit, deadlines, doctor_letter, letter, load_checklist, schema
from .answers import SCHEMA, check_dates, loads_limited, normalize, parse_date
from .extract import explain
from .letter import LETTERS
from .visibility import effective_answers


def _report_and_letters(answers, today: dt.date) -> dict:
    report = audit(answers, today)
    requests = {e["kind"]: letter(answers, today, kind=e["kind"])
                for e in report["letters"] if not LETTERS[e["kind"]].level_letter}
    return {"report": report, "letter": letter(answers, today),
            "doctor_letter": doctor_letter(answers, today), "requests": requests}


_OPS = {
    "audit": audit,
    "deadlines": deadlines,
    "letter": letter,
    "doctor_letter": doctor_letter,
    "report_and_letters": _report_and_letters,
}


class RequestError(ValueError):
    """A request the bridge cannot answer."""


def _today(value) -> dt.date:
    if value is None:
        return dt.date.today()
    try:
        return parse_date(value, "today")
    except AnswersError:
        raise RequestError(f"today must be a date like 2026-03-31 (1900 to 2100), got {value!r}") from None


def _raw_answers(request: dict):
    """The request's answers: none given is an empty set; anything but an object is an error."""
    raw = request.get("answers", {})
    if not isinstance(raw, dict):
        raise AnswersError(f"answers must be a JSON object of question id to value, got {type(raw).__name__}")
    return raw


def _normalize(raw) -> dict:
    """Check an answer set (an imported file, saved answers): clean values, migrated ids, warnings."""
    answers = normalize(raw, load_checklist())
    return {"answers": {"schema": SCHEMA, **answers.values}, "warnings": list(answers.warnings)}


def _answer(request) -> object:
    if not isinstance(request, dict):
        raise RequestError("a request must be a JSON object")
    op = request.get("op")
    if op == "schema":
        return schema()
    if op == "version":
        return {"engine": __version__, "checklist": load_checklist().version}
    if op == "normalize":
        return _normalize(_raw_answers(request))
    if op == "explain":  # a denial letter's text -> findings with the exact spans (nothing is filled in)
        text = request.get("text")
        if not isinstance(text, str):
            raise RequestError("explain needs the letter's text as a string")
        return explain(text)
    if not isinstance(op, str) or op not in _OPS:
        raise RequestError(f"unknown op {op!r}")
    today = _today(request.get("today"))
    answers = normalize(_raw_answers(request), load_checklist())
    check_dates(effective_answers(load_checklist(), answers), today)  # a hidden question's date does not count
    kind = request.get("kind")
    if op == "letter" and kind is not None:
        if not isinstance(kind, str) or kind not in LETTERS:
            raise RequestError(f"unknown letter kind {kind!r}")
        return letter(answers, today, kind=kind)
    return _OPS[op](answers, today)


def handle(request: str) -> str:
    try:
        result = _answer(loads_limited(request))
    except json.JSONDecodeError as exc:
        return json.dumps({"ok": False, "error": f"the request is not valid JSON ({exc.msg})"})
    except AnswersError as exc:
        return json.dumps({"ok": False, "error": str(exc), "question": exc.question})
    except RequestError as exc:
        return json.dumps({"ok": False, "error": str(exc)})
    except Exception as exc:  # the page must always get an answer it can show
        return json.dumps({"ok": False, "error": f"internal error: {type(exc).__name__}: {exc}"})
    return json.dumps({"ok": True, "result": result})
