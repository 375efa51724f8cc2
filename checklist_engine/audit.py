"""The report: a pure function of (checklist, answers, today)."""

from __future__ import annotations

import datetime as dt

from . import conditions
from .answers import check_dates, normalize
from .deadlines import compute as compute_deadlines
from .deadlines import long_date
from .letter import enclosures
from .model import SEVERITY_WEIGHT, Checklist
from .rules import load_rules
from .visibility import effective_answers, visible_questions

REPORT_SCHEMA = 1
_SEVERITY_ORDER = {"critical": 0, "important": 1, "helpful": 2}


def _items(checklist: Checklist, values: dict) -> list[dict]:
    out = []
    for item in checklist.items:
        if item.applies_if is not None and not conditions.evaluate(item.applies_if, values):
            status = "not_applicable"
        elif conditions.evaluate(item.done_if, values):
            status = "done"
        else:
            status = "missing"
        out.append({
            "id": item.id, "title": item.title, "status": status, "severity": item.severity,
            "why": item.why, "fix": item.fix, "link": item.link, "question": item.question,
        })
    return out


def _score(items: list[dict]) -> int:
    applicable = [i for i in items if i["status"] != "not_applicable"]
    total = sum(SEVERITY_WEIGHT[i["severity"]] for i in applicable)
    done = sum(SEVERITY_WEIGHT[i["severity"]] for i in applicable if i["status"] == "done")
    return 100 if total == 0 else round(100 * done / total)


def _long(iso: str) -> str:
    return long_date(dt.date.fromisoformat(iso))


def _blocking(values: dict, deadlines: list[dict]) -> list[dict]:
    blocking = []
    reason = values.get("denial_reason")
    if reason is None:
        blocking.append({"id": "reason_unknown", "link": "guides/why-denied/",
                         "message": "Find the reason for the denial first. Your appeal has to answer it."})
    elif reason == "other" and values.get("reason_clarified") is not True:
        blocking.append({"id": "reason_unclear", "link": "guides/why-denied/",
                         "message": "Ask the plan for the exact reason in writing. Your appeal has to answer it."})
    for deadline in deadlines:
        if deadline["kind"] == "file" and deadline["status"] == "passed":
            blocking.append({
                "id": f"deadline_passed:{deadline['id']}", "link": "rights/which-rules-apply/",
                "message": (f"This deadline may have passed: {deadline['label']}, by {_long(deadline['date'])}. "
                            "Call your plan today. Ask if you can still appeal, and check the date on your notice."),
            })
    return blocking


def _next_steps(items: list[dict], deadlines: list[dict], expedited: bool) -> list[dict]:
    steps = []
    if expedited:
        steps.append({"text": "Ask for a fast (expedited) appeal now. Your doctor should say that waiting could seriously harm you.",
                      "link": "guides/expedited-appeals/"})
    first = next((d for d in deadlines if d["kind"] == "file" and d["status"] in ("upcoming", "today")), None)
    if first:
        steps.append({"text": f"Put this date on your calendar: {first['label']}, by {_long(first['date'])}.",
                      "link": "rights/which-rules-apply/"})
    missing = sorted((i for i in items if i["status"] == "missing"), key=lambda i: _SEVERITY_ORDER[i["severity"]])
    for item in missing[:3]:
        steps.append({"text": item["fix"], "link": item["link"]})
    if not missing:
        steps.append({"text": "Send your appeal in a way you can track, and keep a copy.", "link": "guides/what-to-send/"})
    return steps


def audit(raw_answers, today: dt.date, checklist: Checklist) -> dict:
    """The report for these answers on this day. Raises AnswersError for a bad answer value."""
    answers = normalize(raw_answers, checklist)
    values = effective_answers(checklist, answers)
    check_dates(values, today)
    rules = load_rules()
    deadlines = compute_deadlines(values, today, rules["rules"])
    items = _items(checklist, values)
    order = {item.id: n for n, item in enumerate(checklist.items)}
    missing = sorted((i for i in items if i["status"] == "missing"),
                     key=lambda i: (_SEVERITY_ORDER[i["severity"]], order[i["id"]]))
    blocking = _blocking(values, deadlines)
    expedited = values.get("urgent") is True and values.get("stage") != "claim"
    warnings = list(answers.warnings)
    if values.get("plan_type") in (None, "unknown"):
        warnings.append("We don't know your plan type. The deadlines shown are the general rules: check your notice.")
    return {
        "schema": REPORT_SCHEMA,
        "checklist_version": checklist.version,
        "today": today.isoformat(),
        "score": _score(items),
        "ready": not blocking and not any(i["severity"] == "critical" for i in missing),
        "expedited": expedited,
        "items": items,
        "missing": [i["id"] for i in missing],
        "blocking": blocking,
        "deadlines": deadlines,
        "check_notice": rules["check_notice"],
        "next_steps": _next_steps(items, deadlines, expedited),
        "enclosures": enclosures(values),
        "visible_questions": visible_questions(checklist, answers.values),
        "warnings": warnings,
    }


def schema(checklist: Checklist) -> dict:
    """Every question with its type and allowed values, and every item: what the page renders."""
    return {
        "schema": REPORT_SCHEMA,
        "checklist_version": checklist.version,
        "sections": [{"id": s.id, "title": s.title} for s in checklist.sections],
        "questions": [
            {
                "id": q.id, "type": q.type, "label": q.label, "hint": q.hint, "optional": q.optional,
                "section": q.section, "show_if": q.show_if_text, "min": q.min, "max": q.max,
                "options": [{"id": o.id, "label": o.label} for o in q.options],
            }
            for q in checklist.questions
        ],
        "items": [
            {"id": i.id, "title": i.title, "why": i.why, "fix": i.fix, "severity": i.severity,
             "link": i.link, "section": i.section, "question": i.question}
            for i in checklist.items
        ],
    }
