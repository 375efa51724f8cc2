"""The reader's deadlines: which rules of data/rules.toml apply, and their dates, with the basis.

Where a rule counts from the day the reader *received* a notice and we only know the date printed
on it, we count from the printed date: the earliest the deadline can be. The basis says so.
"""

from __future__ import annotations

import datetime as dt

from .appeal_map import AppealMap, Level, Position
from .calendar_us import add_months, roll_forward
from .messages import load_messages
from .report_types import Deadline


def long_date(day: dt.date, lang: str = "en") -> str:
    """'March 3, 2026' ('3 de marzo de 2026' in Spanish): data/messages.toml's [dates]."""
    return load_messages(lang).long_date(day)


def _date(answers: dict, key: str | None) -> dt.date | None:
    value = answers.get(key) if key else None
    return dt.date.fromisoformat(value) if value else None


def entry(
    rule_id: str,
    rule: dict,
    start: dt.date | None,
    start_label: str,
    today: dt.date,
    from_receipt: bool = False,
    extra_note: str | None = None,
) -> Deadline:
    """One deadline. start: the known start date (None: not known yet); start_label names it."""
    due: dt.date | None = None
    basis = f"{rule['period']} from {rule['start']}."
    if rule["unit"] != "hours" and start is not None:
        offset = rule.get("presumed_receipt_days", 0)
        if rule["unit"] == "months":
            due = add_months(start + dt.timedelta(days=offset), rule["amount"])
        else:
            due = start + dt.timedelta(days=offset + rule["amount"])
        basis = f"{rule['period']} from {long_date(start)}, {start_label}."
        if offset:
            basis = (
                f"Medicare assumes you got the notice {offset} days after {long_date(start)}, "
                f"{start_label}; then {rule['period']}."
            )
        if from_receipt:
            basis += " The rule counts from the day you received it, so you may have a few more days."
        if rule.get("roll_forward"):
            rolled = roll_forward(due)
            if rolled != due:
                basis += f" {long_date(due)} is a weekend or federal holiday, so it moves to the next business day."
                due = rolled
    notes = [n for n in (rule.get("note"), extra_note) if n]
    if rule["confidence"] == "U" and not any("vary" in n for n in notes):
        notes.append("Rules vary by state. Your notice gives your exact deadline.")
    if due is None:
        status, days_left = "unknown", None
    else:
        days_left = (due - today).days
        status = "passed" if days_left < 0 else "today" if days_left == 0 else "upcoming"
    return {
        "id": rule_id,
        "label": rule["label"],
        "date": due.isoformat() if due else None,
        "date_text": long_date(due) if due else None,  # as the reader reads it: the page shows this
        "basis": basis,
        "citation": rule["citation"],
        "kind": rule["kind"],
        "status": status,
        "days_left": days_left,
        "confidence": rule["confidence"],
        "note": " ".join(notes) or None,
    }


START_LABELS = {
    "denial_date": "the date on your denial notice",
    "final_denial_date": "the date on the letter that turned down your appeal",
    "review_denial_date": "the date on the independent review or hearing decision",
}
_REFERENCE = dt.date(2001, 1, 1)  # ranks rules by length when the start date is not known yet


def _file_entry(level: Level, values: dict, today: dt.date, rules: dict, extra: str | None = None) -> Deadline:
    start = _date(values, level.start)
    return entry(level.file, rules[level.file], start, START_LABELS[level.start], today, level.from_receipt, extra)


def _earliest(pos: Position, values: dict, today: dt.date, rules: dict, appeal_map: AppealMap) -> Deadline | None:
    """For an unknown plan type: the earliest filing date any known path has at the reader's level.
    A level of the unknown path with no start answer (`from`) gets no computed date: later levels
    (courts, state hearings) can be shorter than anything the rules data holds."""
    if pos.level.start is None:
        return None
    candidates = []
    for path in appeal_map.paths:
        if path.unknown:
            continue
        level = appeal_map.levels[path.levels[min(pos.index, len(path.levels) - 1)]]
        if level.file is None:
            continue
        real = _file_entry(level, values, today, rules)
        ranked = entry(level.file, rules[level.file], _REFERENCE, "", today, level.from_receipt)
        candidates.append((real["date"] or "", ranked["date"], path.name, real))
    if not candidates:
        return None
    # every level at one index starts from the same answer: all dated or none. Without a date yet,
    # the shortest rule wins.
    _, _, plan_name, best = min(candidates, key=lambda c: (c[0], c[1]))
    rule = rules[best["id"]]
    best.update(
        id="earliest_possible",
        label="Act by this date at the latest",
        basis=(
            f"We don't know your plan type. The shortest deadline we can work out is {rule['period']} from "
            f"{rule['start']} ({plan_name}). A state Medicaid agency may set a shorter one: if your letter gives "
            f"an earlier date, go by it. " + best["basis"]
        ),
        note="We don't know your plan type: use this date until you know it.",
    )
    return best


def compute(values: dict, today: dt.date, rules: dict, pos: Position, appeal_map: AppealMap) -> list[Deadline]:
    """The deadlines for the reader's current level of the appeal map, filing deadlines first:
    the current level's filing date, its decision time, and the next level's filing rule (undated)."""
    out: list[dict] = []
    level, path = pos.level, pos.path
    notes = dict(path.notes)
    if path.unknown:
        earliest = _earliest(pos, values, today, rules, appeal_map)
        if earliest:
            out.append(earliest)
    elif level.file:
        out.append(_file_entry(level, values, today, rules, notes.get(level.id)))
    decision = level.decision_rule(pos.expedited, values.get("stage"))
    if decision and not path.unknown:
        out.append(entry(decision, rules[decision], None, "", today))
    if not path.unknown:
        for later_id in pos.upcoming:
            later = appeal_map.levels[later_id]
            if later.file:
                note = path.route if later.send_to == "{route}" else None
                out.append(entry(later.file, rules[later.file], None, "", today, later.from_receipt, note))
                break
    return sorted(out, key=lambda d: (d["kind"] != "file", d["date"] is None))


def state_entry(state: dict | None, level: Level, values: dict, today: dt.date) -> Deadline | None:
    """A state's own external-review deadline, where it can end BEFORE the federal 4 months (for
    example 120 days): shown as the state's, with its source, so the earlier date is never hidden."""
    if not (level.state_route and state and state["route"]["id"] == "state"):
        return None
    rule = state.get("state_deadline")
    if not rule or rule["longer_than_federal"] or not rule.get("days") or not level.start:
        return None
    sources = next((s["sources"] for s in state["sources"] if s["field"] == "deadline"), [])
    as_rule = {
        "label": f"Ask for external review by {state['state_name']}'s deadline",
        "period": f"{rule['days']} days",
        "amount": rule["days"],
        "unit": "days",
        "start": "the day you receive the final denial",
        "citation": "; ".join(sources) or state["state_name"],
        "confidence": "V2",
        "kind": "file",
        "roll_forward": False,
        "note": rule.get("note"),
    }
    return entry(
        "state_external_review_file",
        as_rule,
        _date(values, level.start),
        START_LABELS[level.start],
        today,
        level.from_receipt,
    )
