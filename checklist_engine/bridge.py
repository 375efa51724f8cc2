"""The browser's door to the engine: one JSON request in, one JSON response out, never an exception.

    {"op": "schema" | "audit" | "deadlines" | "letter" | "doctor_letter" | "report_and_letters"
           | "normalize" | "version",
     "answers": {...}, "today": "YYYY-MM-DD"}
    -> {"ok": true, "result": ...}  or  {"ok": false, "error": "one plain line", "question": id or null}

"report_and_letters" is what the live page needs after each answer, in one message, from one check
of the answers: {"report": <audit>, "letter": <appeal letter>, "doctor_letter": <request to the doctor>}.
"""

from __future__ import annotations

import datetime as dt
import json

from . import AnswersError, __version__, audit, deadlines, doctor_letter, letter, load_checklist, schema
from .answers import SCHEMA, normalize



def _report_and_letters(raw, today: dt.date) -> dict:
    answers = normalize(raw, load_checklist())
    return {"report": audit(answers, today), "letter": letter(answers, today),
            "doctor_letter": doctor_letter(answers, today)}


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
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        raise RequestError(f"today must be a date like 2026-03-31, got {value!r}") from None


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
        return _normalize(request.get("answers"))
    if op not in _OPS:
        raise RequestError(f"unknown op {op!r}")
    return _OPS[op](request.get("answers") or {}, _today(request.get("today")))


def handle(request: str) -> str:
    try:
        result = _answer(json.loads(request))
    except json.JSONDecodeError as exc:
        return json.dumps({"ok": False, "error": f"the request is not valid JSON ({exc.msg})"})
    except AnswersError as exc:
        return json.dumps({"ok": False, "error": str(exc), "question": exc.question})
    except RequestError as exc:
        return json.dumps({"ok": False, "error": str(exc)})
    except Exception as exc:  # the page must always get an answer it can show
        return json.dumps({"ok": False, "error": f"internal error: {type(exc).__name__}: {exc}"})
    return json.dumps({"ok": True, "result": result})
