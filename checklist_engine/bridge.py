"""The browser's door to the engine: one JSON request in, one JSON response out, never an exception.

    {"op": "schema" | "audit" | "deadlines" | "letter" | "doctor_letter" | "report_and_letters"
           | "normalize" | "version" | "explain" | "events" | "event_schema" | "scripts" | "p2p_sheet",
     "answers": {...}, "today": "YYYY-MM-DD", "kind": letter kind (op "letter", optional),
     "text": a denial letter's text (op "explain"),
     "events": [...] the appeal file (events.py; ops "audit", "report_and_letters", "events"),
     "letter_deadline": {"date", "as_written"}: the appeal deadline the denial letter states, as the
           reader confirmed it (ops "audit", "report_and_letters": the report's "letter_deadline"),
     "lang": "en" (default) | "es": the language of the text (report, schema, errors, event forms);
           the letters to the plan and the doctor stay English (plans answer in English); with "es",
           "report_and_letters" adds the same letters in Spanish, to read ("reading" below),
     "letter_lang": "en" (default) | "es": the language of the letter itself (ops "letter", "doctor_letter")}
    -> {"ok": true, "result": ...}  or  {"ok": false, "error": "one plain line", "question": id or null}

"report_and_letters" is what the live page needs after each answer, in one message, from one check
of the answers: {"report": <audit>, "letter": <appeal letter>, "doctor_letter": <request to the doctor>,
"requests": {kind: <request letter>} for each request letter the report offers (report["letters"])},
and for a "lang" other than English "reading": {"lang", "letter", "doctor_letter", "requests"}: the
same letters in that language, paragraph for paragraph, for the reader to read (the English ones are
the ones to send).
The report holds the decision clocks of the request's events (`clocks`) and any event it could not
use (`event_errors`). "events" checks an appeal file alone: {"events": [cleaned], "errors": [...]},
each error naming the event (index, type) and the field; "event_schema" is the format for the forms.
"scripts" gives the call scripts that apply (scripts.scripts); "p2p_sheet" the peer-to-peer sheet
for the doctor (scripts.p2p_sheet).

The request's size and nesting are checked before it is parsed, and its dates before any date
arithmetic (answers.LIMITS), so no input reaches the engine that could exhaust the stack or overflow.
"""

from __future__ import annotations

import datetime as dt
import json

from . import AnswersError, __version__, audit, deadlines, doctor_letter, letter, load_checklist, schema
from .answers import ANSWERS_VERSION, check_dates, loads_limited, normalize, parse_today
from .events import check_events, event_schema
from .extract import explain
from .i18n import LANGS
from .letter import LETTERS
from .scripts import p2p_sheet, scripts
from .visibility import effective_answers


def _lang(request: dict, field: str = "lang") -> str:
    """The request's language (`field`: "lang", the report's; "letter_lang", the letter's own)."""
    lang = request.get(field, "en")
    if lang not in LANGS:
        what = "language" if field == "lang" else "letter language"
        raise RequestError(f"unknown {what} {lang!r}: one of {', '.join(LANGS)}")
    return lang


def _letters(answers, today: dt.date, report: dict, lang: str) -> dict:
    requests = {
        e["kind"]: letter(answers, today, kind=e["kind"], lang=lang)
        for e in report["letters"]
        if not LETTERS[e["kind"]].level_letter
    }
    return {
        "letter": letter(answers, today, lang=lang),
        "doctor_letter": doctor_letter(answers, today, lang=lang),
        "requests": requests,
    }


def _report_and_letters(answers, today: dt.date, request: dict) -> dict:
    report = _audit(answers, today, request)
    result = {"report": report, **_letters(answers, today, report, "en")}
    lang = _lang(request)
    if lang != "en":  # the same letters in the reader's language, to read beside the English to send
        result["reading"] = {"lang": lang, **_letters(answers, today, report, lang)}
    return result


def _audit(answers, today: dt.date, request: dict) -> dict:
    return audit(
        answers,
        today,
        events=request.get("events"),
        stated_deadline=request.get("letter_deadline"),
        lang=_lang(request),
    )


_OPS = {
    "audit": _audit,
    "deadlines": lambda answers, today, request: deadlines(answers, today, lang=_lang(request)),
    "letter": lambda answers, today, request: letter(answers, today, lang=_lang(request, "letter_lang")),
    "doctor_letter": lambda answers, today, request: doctor_letter(answers, today, lang=_lang(request, "letter_lang")),
    "report_and_letters": _report_and_letters,
    "scripts": lambda answers, today, request: scripts(answers, today, load_checklist(lang=_lang(request))),
    "p2p_sheet": lambda answers, today, request: p2p_sheet(answers, audit(answers, today)),
}


class RequestError(ValueError):
    """A request the bridge cannot answer."""


def _today(value) -> dt.date:
    try:
        return parse_today(value, "today")
    except AnswersError as error:
        raise RequestError(str(error)) from None


def _raw_answers(request: dict):
    """The request's answers: none given is an empty set; anything but an object is an error."""
    raw = request.get("answers", {})
    if not isinstance(raw, dict):
        raise AnswersError(f"answers must be a JSON object of question id to value, got {type(raw).__name__}")
    return raw


def _normalize(raw, lang: str = "en") -> dict:
    """Check an answer set (an imported file, saved answers): clean values, migrated ids, warnings."""
    answers = normalize(raw, load_checklist(lang=lang))
    return {"answers": {"schema": ANSWERS_VERSION, **answers.values}, "warnings": list(answers.warnings)}


def _answer(request) -> object:
    if not isinstance(request, dict):
        raise RequestError("a request must be a JSON object")
    op = request.get("op")
    lang = _lang(request)
    if op == "schema":
        return schema(lang=lang)
    if op == "version":
        return {"engine": __version__, "checklist": load_checklist().version}
    if op == "normalize":
        return _normalize(_raw_answers(request), lang)
    if op == "explain":  # a denial letter's text -> findings with the exact spans (nothing is filled in)
        text = request.get("text")
        if not isinstance(text, str):
            raise RequestError("explain needs the letter's text as a string")
        return explain(text, lang=lang)
    if op == "event_schema":
        return event_schema(lang)
    if op == "events":
        events, errors = check_events(request.get("events"), lang)
        return {"events": events, "errors": errors}
    if not isinstance(op, str) or op not in _OPS:
        raise RequestError(f"unknown op {op!r}")
    today = _today(request.get("today"))
    checklist = load_checklist(lang=_lang(request))
    answers = normalize(_raw_answers(request), checklist)
    check_dates(effective_answers(checklist, answers), today, checklist.lang)  # a hidden question's date does not count
    kind = request.get("kind")
    if op == "letter" and kind is not None:
        if not isinstance(kind, str) or kind not in LETTERS:
            raise RequestError(f"unknown letter kind {kind!r}")
        return letter(answers, today, kind=kind, lang=_lang(request, "letter_lang"))
    return _OPS[op](answers, today, request)


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
