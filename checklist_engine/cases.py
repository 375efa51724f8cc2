"""Golden cases, language-neutral: answers in, expected report fields out.

One case file (tests/cases/*.json):
    {"name": ..., "description": ..., "today": "YYYY-MM-DD", "answers": {...},
     "letter_deadline": {"date", "as_written"} (optional: the deadline the denial letter states),
     "expect": {"ready": bool, "expedited": bool, "score": int, "missing": [ids in order],
                "missing_includes": [ids], "missing_excludes": [ids], "blocking": [ids],
                "deadlines": [{"id": ..., "date": ...}], "visible_includes": [ids],
                "visible_excludes": [ids], "not_applicable": [ids], "warnings": int,
                "letter_includes": [text], "letter_excludes": [text], "doctor_letter_includes": [text],
                "appeal": {"path": id, "level": id, "letter": kind or null, "by": date or null,
                           "automatic": bool, "urgent_soon": bool},
                "first_step_includes": text, "findings": [ids], "appeal_includes": [text],
                "first_missing": id, "state_route": route id or null,
                "clocks": [{"id": clock id, any clock field: value}], "clock_text_includes": [text],
                "event_errors": [[event index, field]],
                "scripts": [call-script ids in order], "scripts_include": [text], "scripts_exclude": [text],
                "sheet_includes": [text], "sheet_excludes": [text], "sheet_deadline": ISO date or null,
                "letter_deadline": {"use": date, "ours": date or null, "differs": bool, ...}},
     "events": [...] (optional: the appeal file, see events.py),
     "letter_deadline": {"date", "as_written"} (optional: the deadline the letter states, confirmed)}
The same `check_case` runs on CPython (pytest) and under Pyodide in Node.js.
"""

from __future__ import annotations

import datetime as dt
import json

from . import audit, doctor_letter, letter
from .scripts import p2p_sheet
from .scripts import scripts as call_scripts


def case_report(case: dict) -> dict:
    """The report for a case: its answers, events and the deadline its letter states, on its day."""
    today = dt.date.fromisoformat(case["today"])
    return audit(case["answers"], today, events=case.get("events"), stated_deadline=case.get("letter_deadline"))


def check_case(case: dict) -> list[str]:
    """Every way the engine's answer differs from the case's expectation (empty: it passes)."""
    today = dt.date.fromisoformat(case["today"])
    report = case_report(case)
    expect = case["expect"]
    problems: list[str] = []

    def differ(what, got, wanted):
        if got != wanted:
            problems.append(f"{case['name']}: {what}: got {got!r}, expected {wanted!r}")

    for key in ("ready", "expedited", "score", "missing"):
        if key in expect:
            differ(key, report[key], expect[key])
    for wanted in expect.get("missing_includes", []):
        if wanted not in report["missing"]:
            problems.append(f"{case['name']}: {wanted!r} should be missing")
    for unwanted in expect.get("missing_excludes", []):
        if unwanted in report["missing"]:
            problems.append(f"{case['name']}: {unwanted!r} should not be missing")
    if "blocking" in expect:
        differ("blocking", [b["id"] for b in report["blocking"]], expect["blocking"])
    if "deadlines" in expect:
        got = {d["id"]: d["date"] for d in report["deadlines"]}
        for wanted in expect["deadlines"]:
            differ(f"deadline {wanted['id']}", got.get(wanted["id"], "absent"), wanted["date"])
    for qid in expect.get("visible_includes", []):
        if qid not in report["visible_questions"]:
            problems.append(f"{case['name']}: question {qid!r} should be shown")
    for qid in expect.get("visible_excludes", []):
        if qid in report["visible_questions"]:
            problems.append(f"{case['name']}: question {qid!r} should be hidden")
    statuses = {i["id"]: i["status"] for i in report["items"]}
    for iid in expect.get("not_applicable", []):
        differ(f"item {iid} status", statuses.get(iid), "not_applicable")
    if "warnings" in expect:
        differ("warning count", len(report["warnings"]), expect["warnings"])
    if expect.get("letter_includes") or expect.get("letter_excludes"):
        text = letter(case["answers"], today)
        for fragment in expect.get("letter_includes", []):
            if fragment not in text:
                problems.append(f"{case['name']}: the letter should contain {fragment!r}")
        for fragment in expect.get("letter_excludes", []):
            if fragment in text:
                problems.append(f"{case['name']}: the letter should not contain {fragment!r}")
    for fragment in expect.get("doctor_letter_includes", []):
        if fragment not in doctor_letter(case["answers"], today):
            problems.append(f"{case['name']}: the doctor letter should contain {fragment!r}")
    appeal = report["appeal"]
    for key, wanted in expect.get("appeal", {}).items():
        got = (appeal["by"] or {}).get("date") if key == "by" else appeal.get(key, "absent")
        differ(f"appeal {key}", got, wanted)
    if "first_step_includes" in expect and expect["first_step_includes"] not in report["next_steps"][0]["text"]:
        problems.append(
            f"{case['name']}: the first next step should contain {expect['first_step_includes']!r}, "
            f"got {report['next_steps'][0]['text']!r}"
        )
    shown = json.dumps(appeal)
    for fragment in expect.get("appeal_includes", []):
        if fragment not in shown:
            problems.append(f"{case['name']}: the next-step block should contain {fragment!r}")
    if "first_missing" in expect:
        differ("first missing item", (report["missing"] or [None])[0], expect["first_missing"])
    if "state_route" in expect:
        differ("state route", (report["state"] or {}).get("route", {}).get("id"), expect["state_route"])
    clocks = {c["id"]: c for c in report["clocks"]}
    for wanted in expect.get("clocks", []):
        got = clocks.get(wanted["id"])
        if got is None:
            problems.append(f"{case['name']}: no clock {wanted['id']!r} (clocks: {sorted(clocks)})")
            continue
        for key, value in wanted.items():
            differ(f"clock {wanted['id']} {key}", got.get(key, "absent"), value)
    shown_clocks = json.dumps(report["clocks"])
    for fragment in expect.get("clock_text_includes", []):
        if fragment not in shown_clocks:
            problems.append(f"{case['name']}: the clocks should contain {fragment!r}")
    if "event_errors" in expect:
        differ("event errors", [[e["index"], e["field"]] for e in report["event_errors"]], expect["event_errors"])
    if "findings" in expect:
        differ("findings", [f["id"] for f in report["findings"]], expect["findings"])
    for key, wanted in expect.get("letter_deadline", {}).items():
        differ(f"letter_deadline {key}", (report["letter_deadline"] or {}).get(key, "absent"), wanted)
    problems += _check_calls(case, today, report)
    return problems


def _check_calls(case: dict, today: dt.date, report: dict) -> list[str]:
    """The call scripts and the peer-to-peer sheet (scripts.py), where the case expects them."""
    expect, name = case["expect"], case["name"]
    problems: list[str] = []
    if any(k in expect for k in ("scripts", "scripts_include", "scripts_exclude")):
        found = call_scripts(case["answers"], today)
        if "scripts" in expect and [s["id"] for s in found] != expect["scripts"]:
            problems.append(f"{name}: scripts: got {[s['id'] for s in found]!r}, expected {expect['scripts']!r}")
        text = json.dumps(found)
        problems += [
            f"{name}: the scripts should contain {t!r}" for t in expect.get("scripts_include", []) if t not in text
        ]
        problems += [
            f"{name}: the scripts should not contain {t!r}" for t in expect.get("scripts_exclude", []) if t in text
        ]
    if any(k in expect for k in ("sheet_includes", "sheet_excludes", "sheet_deadline")):
        sheet = p2p_sheet(case["answers"], report)
        text = json.dumps(sheet)
        problems += [
            f"{name}: the sheet should contain {t!r}" for t in expect.get("sheet_includes", []) if t not in text
        ]
        problems += [
            f"{name}: the sheet should not contain {t!r}" for t in expect.get("sheet_excludes", []) if t in text
        ]
        got = (sheet["deadline"] or {}).get("date")
        if "sheet_deadline" in expect and got != expect["sheet_deadline"]:
            problems.append(f"{name}: sheet deadline: got {got!r}, expected {expect['sheet_deadline']!r}")
    return problems


# Report fields whose strings are reader text: they may differ between languages. Every other
# string (ids, ISO dates, citations, links, statuses) and every number, boolean and list length
# must be the same in every language.
TEXT_KEYS = frozenset(
    {
        "action",
        "basis",
        "check_notice",
        "date_text",
        "deadline_text",
        "enclosures",
        "fix",
        "label",
        "letter_title",
        "message",
        "name",
        "note",
        "notes",
        "plan",
        "send_to",
        "severity_label",
        "steps",
        "text",
        "title",
        "today_text",
        "warnings",
        "what_to_do",
        "who_decides",
        "why",
        "state_name",
        "value",
        "gaps",
        "headline",
        "level_name",
        "period",
        "reason_label",
        # the data catalogues' text: a state's own deadline, the federal one, the deadline note,
        # prior-auth laws
        "state_rule",
        "federal",
        "deadline_note",
        "prior_auth",
    }
)


def same_but_text(english, other, path: str = "report") -> list[str]:
    """Where two reports for the same answers differ other than in their text (TEXT_KEYS)."""
    if isinstance(english, dict) and isinstance(other, dict):
        if set(english) != set(other):
            return [f"{path}: keys differ: {sorted(set(english) ^ set(other))}"]
        found = []
        for key in english:
            if key in TEXT_KEYS and isinstance(english[key], (str, list)) and _strings(english[key]):
                if type(english[key]) is not type(other[key]):
                    found.append(f"{path}.{key}: {english[key]!r} in English, {other[key]!r} here")
                elif isinstance(english[key], list) and len(english[key]) != len(other[key]):
                    found.append(f"{path}.{key}: {len(english[key])} entries in English, {len(other[key])} here")
                continue
            found.extend(same_but_text(english[key], other[key], f"{path}.{key}"))
        return found
    if isinstance(english, list) and isinstance(other, list):
        if len(english) != len(other):
            return [f"{path}: {len(english)} entries in English, {len(other)} here"]
        return [
            p for n, (a, b) in enumerate(zip(english, other, strict=True)) for p in same_but_text(a, b, f"{path}[{n}]")
        ]
    return (
        [] if english == other and type(english) is type(other) else [f"{path}: {english!r} in English, {other!r} here"]
    )


def _strings(value) -> bool:
    return isinstance(value, str) or all(isinstance(v, str) for v in value)


def check_case_language(case: dict, lang: str) -> list[str]:
    """The case's report in `lang` against the English one: the same structure, ids, dates,
    citations and counts; only text differs. Each problem names the case and the field."""
    today = dt.date.fromisoformat(case["today"])
    kwargs = {"events": case.get("events"), "stated_deadline": case.get("letter_deadline")}
    english = audit(case["answers"], today, **kwargs)
    other = audit(case["answers"], today, lang=lang, **kwargs)
    return [f"{case.get('name', '?')} ({lang}): {p}" for p in same_but_text(english, other)]
