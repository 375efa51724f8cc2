"""Decision clocks: when a decision (or a promised call-back) is due, from the reader's appeal file.

For each appeal or review request the reader sent (an `appeal_sent` event), the decision rule of
that appeal level (appeal_map.toml `decision`, rules.toml kind = "decision") for the reader's stage
and for whether they asked for a fast decision. Rules that count from the day the request was
RECEIVED (events.toml [clocks] from_receipt) count from the receipt date the reader entered, or, if
it is not known, from the day it was sent: the earliest the decision can be due, and the basis says
so. Rules in hours (urgent requests) are counted in hours. A due date moves to the next business day
only where the rule says so (`roll_forward`). A promise (a `promise` event, or a call's
`promised_by`) is a clock too.

Pure: (answers, events, today) -> list of clocks. Nothing here decides that a plan broke a rule:
a passed clock says what the rules let the reader do, with the citation, only where the data has it.
"""

from __future__ import annotations

import datetime as dt

from .appeal_map import AppealMap, Path, Position
from .calendar_us import roll_forward
from .events import EventFormat
from .messages import Messages, load_messages
from .rules import load_rules

_WHO_GOT = {"fair_hearing_decision": "who_hearing_office"}  # message ids (data/messages.toml)


def weekday_date(day: dt.date, m: Messages | None = None) -> str:
    """Monday, January 12, 2027 (in the messages' language)"""
    m = m or load_messages()
    return m("weekday_date", weekday=m.weekday(day), date=m.long_date(day))


def clock_time(moment: dt.datetime, m: Messages | None = None) -> str:
    """2:30 PM"""
    m = m or load_messages()
    hour = moment.hour % 12 or 12
    return m("time_am" if moment.hour < 12 else "time_pm", hour=hour, minute=f"{moment.minute:02d}")


def _status(due: dt.date, today: dt.date) -> tuple[str, int]:
    left = (due - today).days
    return ("passed" if left < 0 else "today" if left == 0 else "upcoming"), left


def _how(event: dict, fmt: EventFormat, m: Messages) -> str:
    how = dict(fmt.fields["how"].options).get(event.get("how", ""))
    if not how:
        return ""
    return " " + (m("sent_by", how=how.lower()) if event.get("how") not in ("in_person",) else m("sent_in_person"))


def _path_of(level_id: str, pos: Position, appeal_map: AppealMap) -> Path:
    if level_id in pos.path.levels:
        return pos.path
    return next((p for p in appeal_map.paths if level_id in p.levels), pos.path)


def _decided(event: dict, events: list[dict]) -> dict | None:
    """The first decision received on or after the day this request was sent, for the same level
    (a decision with no level answers every request sent before it)."""
    for other in sorted((e for e in events if e["type"] == "decision"), key=lambda e: e["date"]):
        if other["date"] >= event["date"] and other.get("level") in (None, event["level"]):
            return other
    return None


def _decision_clock(
    n: int,
    event: dict,
    events: list[dict],
    values: dict,
    today: dt.date,
    rules: dict,
    pos: Position,
    appeal_map: AppealMap,
    fmt: EventFormat,
    m: Messages,
) -> dict:
    level = appeal_map.levels[event["level"]]
    path = _path_of(level.id, pos, appeal_map)
    asked_fast = event.get("expedited") is True
    expedited = appeal_map.is_expedited({**values, "urgent": asked_fast})
    stage = values.get("stage")
    rule_id = level.decision_rule(expedited, stage)
    clock = {
        "id": f"{event.get('id', n)}:decision",
        "event": n,
        "event_id": event.get("id"),
        "kind": "decision",
        "level": level.id,
        "level_name": level.name,
        "sent": event["date"],
        "rule": rule_id,
        "label": m("decision_on", level=level.name),
        "date": None,
        "time": None,
        "unit": None,
        "citation": None,
        "period": None,
        "basis": "",
        "note": None,
        "status": "unknown",
        "days_left": None,
        "headline": "",
        "what_to_do": [],
        "decided": None,
        "extended_date": None,
    }
    if rule_id is None or path.unknown:
        clock["basis"] = m("clock_plan_unknown") if path.unknown else m("clock_no_rule")
        clock["headline"] = m("decision_due_unknown")
    else:
        rule = rules[rule_id]
        note = rule.get("note") or ""
        if rule["confidence"] == "U" and m("vary_marker") not in note:  # as deadlines.entry says it for [U] rules
            note = f"{note} {m('rules_vary_time')}".strip()
        clock.update(
            label=rule["label"], citation=rule["citation"], period=rule["period"], unit=rule["unit"], note=note or None
        )
        sent = dt.date.fromisoformat(event["date"])
        received = event.get("received_date")
        basis: list[str] = []
        if rule_id in fmt.clocks.get("from_receipt", []):
            # who gets the request: from the English rule's start (the same in every language)
            english_start = load_rules()["rules"][rule_id]["start"]
            who = m(
                _WHO_GOT.get(
                    rule_id, "who_independent_reviewer" if "independent review" in english_start else "who_plan"
                )
            )
            if received:
                start = dt.date.fromisoformat(received)
                basis.append(m("clock_from_receipt", period=rule["period"], who=who, date=m.long_date(start)))
            else:
                start = sent
                basis.append(
                    m(
                        "clock_from_sending",
                        period=rule["period"],
                        who=who,
                        how=_how(event, fmt, m),
                        date=m.long_date(sent),
                    )
                )
        else:
            start = sent
            basis.append(m("clock_from_asking", period=rule["period"], date=m.long_date(sent)))
        if (
            stage is None
            and dict(level.decision).get("claim")
            and dict(level.decision).get("prior_authorization")
            and not expedited
        ):
            basis.append(m("clock_stage_unknown"))
        if asked_fast and not expedited:
            basis.append(m("clock_not_fast_track"))
        if rule["unit"] == "hours":
            same_day = not received or received == event["date"]
            hhmm = event.get("time") if same_day else None
            begin = dt.datetime.combine(start, dt.time.fromisoformat(hhmm) if hhmm else dt.time(0, 0))
            if not hhmm:
                basis.append(m("clock_time_unknown"))
            due_at = begin + dt.timedelta(hours=rule["amount"])
            due = due_at.date()
            clock["time"] = due_at.strftime("%H:%M")
            clock["headline"] = m("decision_due_at", time=clock_time(due_at, m), date=weekday_date(due, m))
        else:
            due = start + dt.timedelta(days=rule["amount"])
            if rule.get("roll_forward"):
                rolled = roll_forward(due)
                if rolled != due:
                    basis.append(m("basis_rolled", date=m.long_date(due)))
                    due = rolled
            clock["headline"] = m("decision_due", date=weekday_date(due, m))
        clock["date"] = due.isoformat()
        clock["basis"] = " ".join(basis)
        clock["status"], clock["days_left"] = _status(due, today)
    decision = _decided(event, events)
    if decision is not None:
        clock["status"] = "decided"
        clock["decided"] = decision["date"]
        clock["headline"] = m("decision_received", date=weekday_date(dt.date.fromisoformat(decision["date"]), m))
    elif clock["status"] == "passed":
        due = dt.date.fromisoformat(clock["date"])
        clock["headline"] = m("decision_late", date=weekday_date(due, m))
        extension = rules[rule_id].get("extension_days", 0)
        if extension:
            later = due + dt.timedelta(days=extension)
            clock["extended_date"] = later.isoformat()
            clock["headline"] += m("decision_late_extension", date=weekday_date(later, m))
        late = fmt.clocks.get("late", {}).get(level.id)
        clock["what_to_do"] = [t for t in (fmt.clocks["ask"], late, path.complain) if t]
    return clock


def _promise_clock(n: int, event: dict, today: dt.date, fmt: EventFormat, m: Messages) -> dict | None:
    if event["type"] == "promise":
        by, what = event["by"], event["what"]
    elif event["type"] == "call" and event.get("promised_by"):
        by, what = event["promised_by"], event.get("promised") or m("a_call_back")
    else:
        return None
    who = dict(fmt.fields["who"].options).get(event.get("who", ""), m("someone"))
    due = dt.date.fromisoformat(by)
    status, left = _status(due, today)
    if event.get("done") is True:
        status = "done"
    clock = {
        "id": f"{event.get('id', n)}:promise",
        "event": n,
        "event_id": event.get("id"),
        "kind": "promise",
        "level": None,
        "level_name": None,
        "sent": event["date"],
        "rule": None,
        "label": m("promised", what=what),
        "date": by,
        "time": None,
        "unit": "days",
        "citation": None,
        "period": None,
        "basis": m("promised_on", date=m.long_date(dt.date.fromisoformat(event["date"])), who=who),
        "note": None,
        "status": status,
        "days_left": left,
        "headline": m("promised_by", date=weekday_date(due, m)),
        "what_to_do": [fmt.clocks["promise_passed"]] if status == "passed" else [],
        "decided": None,
        "extended_date": None,
    }
    if status == "passed":
        clock["headline"] = m("promise_late", date=weekday_date(due, m))
    return clock


_ORDER = {"passed": 0, "today": 1, "upcoming": 2, "unknown": 3, "decided": 4, "done": 4}


def compute(
    values: dict,
    events: list[dict],
    today: dt.date,
    rules: dict,
    pos: Position,
    appeal_map: AppealMap,
    fmt: EventFormat,
    lang: str = "en",
) -> list[dict]:
    """Every clock of the appeal file (checked events), late ones first, then by due date; text in `lang`."""
    m = load_messages(lang)
    clocks = []
    for n, event in enumerate(events):
        if event["type"] == "appeal_sent":
            clocks.append(_decision_clock(n, event, events, values, today, rules, pos, appeal_map, fmt, m))
        else:
            promise = _promise_clock(n, event, today, fmt, m)
            if promise:
                clocks.append(promise)
    return sorted(clocks, key=lambda c: (_ORDER[c["status"]], c["date"] or "9999", c["time"] or "", c["id"]))
