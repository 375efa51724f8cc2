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
from .deadlines import long_date
from .events import EventFormat

_WHO_GOT = {"fair_hearing_decision": "the hearing office"}


def weekday_date(day: dt.date) -> str:
    """Monday, January 12, 2027"""
    return f"{day:%A}, {long_date(day)}"


def clock_time(moment: dt.datetime) -> str:
    """2:30 PM"""
    hour = moment.hour % 12 or 12
    return f"{hour}:{moment.minute:02d} {'AM' if moment.hour < 12 else 'PM'}"


def _status(due: dt.date, today: dt.date) -> tuple[str, int]:
    left = (due - today).days
    return ("passed" if left < 0 else "today" if left == 0 else "upcoming"), left


def _how(event: dict, fmt: EventFormat) -> str:
    how = dict(fmt.fields["how"].options).get(event.get("how", ""))
    return f" by {how.lower()}" if how and event.get("how") not in ("in_person",) else (" in person" if how else "")


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
        "label": f"Decision on your request: {level.name}",
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
        clock["basis"] = (
            "Tell us your plan type to see when this decision is due."
            if path.unknown
            else "We have no checked time limit for this decision. The letter that confirms your request "
            "may give one: ask when you can expect it."
        )
        clock["headline"] = "Decision due: not known"
    else:
        rule = rules[rule_id]
        note = rule.get("note") or ""
        if rule["confidence"] == "U" and "vary" not in note:  # as deadlines.entry says it for [U] rules
            note = f"{note} Rules vary by state. Your notice or the plan's letter gives the exact time.".strip()
        clock.update(
            label=rule["label"], citation=rule["citation"], period=rule["period"], unit=rule["unit"], note=note or None
        )
        sent = dt.date.fromisoformat(event["date"])
        received = event.get("received_date")
        basis: list[str] = []
        if rule_id in fmt.clocks.get("from_receipt", []):
            who = _WHO_GOT.get(
                rule_id, "the independent reviewer" if "independent review" in rule["start"] else "the plan"
            )
            if received:
                start = dt.date.fromisoformat(received)
                basis.append(
                    f"The {rule['period']} count from when {who} got your request. You entered "
                    f"{long_date(start)} as that day, so we count from it."
                )
            else:
                start = sent
                basis.append(
                    f"The {rule['period']} count from when {who} got your request. You sent it"
                    f"{_how(event, fmt)} on {long_date(sent)}, and we don't know the day it arrived, so we "
                    "count from the day you sent it: the earliest the decision can be due. Add the day it "
                    "arrived when you know it (from the tracking or the fax confirmation)."
                )
        else:
            start = sent
            basis.append(f"The {rule['period']} count from the day you asked: {long_date(sent)}.")
        if (
            stage is None
            and dict(level.decision).get("claim")
            and dict(level.decision).get("prior_authorization")
            and not expedited
        ):
            basis.append("You have not said yet whether you had the scan, so we use the shorter time.")
        if asked_fast and not expedited:
            basis.append(
                "A request about a scan you already had is not decided on the fast track, so we use the usual time."
            )
        if rule["unit"] == "hours":
            same_day = not received or received == event["date"]
            hhmm = event.get("time") if same_day else None
            begin = dt.datetime.combine(start, dt.time.fromisoformat(hhmm) if hhmm else dt.time(0, 0))
            if not hhmm:
                basis.append("We don't know the time of day, so we count from the start of that day.")
            due_at = begin + dt.timedelta(hours=rule["amount"])
            due = due_at.date()
            clock["time"] = due_at.strftime("%H:%M")
            clock["headline"] = f"Decision due by {clock_time(due_at)} on {weekday_date(due)}"
        else:
            due = start + dt.timedelta(days=rule["amount"])
            if rule.get("roll_forward"):
                rolled = roll_forward(due)
                if rolled != due:
                    basis.append(
                        f"{long_date(due)} is a weekend or federal holiday, so it moves to the next business day."
                    )
                    due = rolled
            clock["headline"] = f"Decision due by {weekday_date(due)}"
        clock["date"] = due.isoformat()
        clock["basis"] = " ".join(basis)
        clock["status"], clock["days_left"] = _status(due, today)
    decision = _decided(event, events)
    if decision is not None:
        clock["status"] = "decided"
        clock["decided"] = decision["date"]
        clock["headline"] = f"Decision received on {weekday_date(dt.date.fromisoformat(decision['date']))}"
    elif clock["status"] == "passed":
        due = dt.date.fromisoformat(clock["date"])
        clock["headline"] = f"The decision is late: it was due by {weekday_date(due)}"
        extension = rules[rule_id].get("extension_days", 0)
        if extension:
            later = due + dt.timedelta(days=extension)
            clock["extended_date"] = later.isoformat()
            clock["headline"] += f", or by {weekday_date(later)} if they told you in writing that they need more time"
        late = fmt.clocks.get("late", {}).get(level.id)
        clock["what_to_do"] = [t for t in (fmt.clocks["ask"], late, path.complain) if t]
    return clock


def _promise_clock(n: int, event: dict, today: dt.date, fmt: EventFormat) -> dict | None:
    if event["type"] == "promise":
        by, what = event["by"], event["what"]
    elif event["type"] == "call" and event.get("promised_by"):
        by, what = event["promised_by"], event.get("promised") or "a call back"
    else:
        return None
    who = dict(fmt.fields["who"].options).get(event.get("who", ""), "Someone")
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
        "label": f"Promised: {what}",
        "date": by,
        "time": None,
        "unit": "days",
        "citation": None,
        "period": None,
        "basis": f"Promised on {long_date(dt.date.fromisoformat(event['date']))} (who: {who}).",
        "note": None,
        "status": status,
        "days_left": left,
        "headline": f"Promised by {weekday_date(due)}",
        "what_to_do": [fmt.clocks["promise_passed"]] if status == "passed" else [],
        "decided": None,
        "extended_date": None,
    }
    if status == "passed":
        clock["headline"] = f"The promise is late: it was due by {weekday_date(due)}"
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
) -> list[dict]:
    """Every clock of the appeal file (checked events), late ones first, then by due date."""
    clocks = []
    for n, event in enumerate(events):
        if event["type"] == "appeal_sent":
            clocks.append(_decision_clock(n, event, events, values, today, rules, pos, appeal_map, fmt))
        else:
            promise = _promise_clock(n, event, today, fmt)
            if promise:
                clocks.append(promise)
    return sorted(clocks, key=lambda c: (_ORDER[c["status"]], c["date"] or "9999", c["time"] or "", c["id"]))
