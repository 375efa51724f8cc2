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
    lang: str = "en",
) -> Deadline:
    """One deadline. start: the known start date (None: not known yet); start_label names it.
    Its text in `lang` (the rule's own text comes translated with the rules)."""
    m = load_messages(lang)
    due: dt.date | None = None
    basis = m("basis_rule", period=rule["period"], start=rule["start"])
    if rule["unit"] != "hours" and start is not None:
        offset = rule.get("presumed_receipt_days", 0)
        if rule["unit"] == "months":
            due = add_months(start + dt.timedelta(days=offset), rule["amount"])
        else:
            due = start + dt.timedelta(days=offset + rule["amount"])
        basis = m("basis_from", period=rule["period"], date=m.long_date(start), start=start_label)
        if offset:
            basis = m("basis_presumed", days=offset, date=m.long_date(start), start=start_label, period=rule["period"])
        if from_receipt:
            basis += " " + m("basis_from_receipt")
        if rule.get("roll_forward"):
            rolled = roll_forward(due)
            if rolled != due:
                basis += " " + m("basis_rolled", date=m.long_date(due))
                due = rolled
    notes = [n for n in (rule.get("note"), extra_note) if n]
    if rule["confidence"] == "U" and not any(m("vary_marker") in n for n in notes):  # unless a note says so
        notes.append(m("rules_vary"))
    if due is None:
        status, days_left = "unknown", None
    else:
        days_left = (due - today).days
        status = "passed" if days_left < 0 else "today" if days_left == 0 else "upcoming"
    return {
        "id": rule_id,
        "label": rule["label"],
        "date": due.isoformat() if due else None,
        "date_text": m.long_date(due) if due else None,  # as the reader reads it: the page shows this
        "basis": basis,
        "citation": rule["citation"],
        "kind": rule["kind"],
        "status": status,
        "days_left": days_left,
        "confidence": rule["confidence"],
        "note": " ".join(notes) or None,
    }


# The answer a filing clock starts from -> its message (data/messages.toml), as the basis names it.
START_LABELS = {
    "denial_date": "start_denial_date",
    "final_denial_date": "start_final_denial_date",
    "review_denial_date": "start_review_denial_date",
}
_REFERENCE = dt.date(2001, 1, 1)  # ranks rules by length when the start date is not known yet


def _file_entry(
    level: Level, values: dict, today: dt.date, rules: dict, extra: str | None = None, lang: str = "en"
) -> Deadline:
    start = _date(values, level.start)
    label = load_messages(lang)(START_LABELS[level.start])
    return entry(level.file, rules[level.file], start, label, today, level.from_receipt, extra, lang)


def _earliest(
    pos: Position, values: dict, today: dt.date, rules: dict, appeal_map: AppealMap, lang: str = "en"
) -> Deadline | None:
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
        real = _file_entry(level, values, today, rules, lang=lang)
        ranked = entry(level.file, rules[level.file], _REFERENCE, "", today, level.from_receipt)
        candidates.append((real["date"] or "", ranked["date"], path.name, real))
    if not candidates:
        return None
    # every level at one index starts from the same answer: all dated or none. Without a date yet,
    # the shortest rule wins.
    _, _, plan_name, best = min(candidates, key=lambda c: (c[0], c[1]))
    rule = rules[best["id"]]
    m = load_messages(lang)
    best.update(
        id="earliest_possible",
        label=m("earliest_label"),
        basis=m("earliest_basis", period=rule["period"], start=rule["start"], plan=plan_name) + " " + best["basis"],
        note=m("earliest_note"),
    )
    return best


def compute(
    values: dict, today: dt.date, rules: dict, pos: Position, appeal_map: AppealMap, lang: str = "en"
) -> list[Deadline]:
    """The deadlines for the reader's current level of the appeal map, filing deadlines first:
    the current level's filing date, its decision time, and the next level's filing rule (undated)."""
    out: list[dict] = []
    level, path = pos.level, pos.path
    notes = dict(path.notes)
    if path.unknown:
        earliest = _earliest(pos, values, today, rules, appeal_map, lang)
        if earliest:
            out.append(earliest)
    elif level.file:
        out.append(_file_entry(level, values, today, rules, notes.get(level.id), lang))
    decision = level.decision_rule(pos.expedited, values.get("stage"))
    if decision and not path.unknown:
        out.append(entry(decision, rules[decision], None, "", today, lang=lang))
    if not path.unknown:
        for later_id in pos.upcoming:
            later = appeal_map.levels[later_id]
            if later.file:
                note = path.route if later.send_to == "{route}" else None
                out.append(entry(later.file, rules[later.file], None, "", today, later.from_receipt, note, lang))
                break
    return sorted(out, key=lambda d: (d["kind"] != "file", d["date"] is None))


def state_entry(state: dict | None, level: Level, values: dict, today: dt.date, lang: str = "en") -> Deadline | None:
    """A state's own external-review deadline, where it can end BEFORE the federal 4 months (for
    example 120 days): shown as the state's, with its source, so the earlier date is never hidden."""
    if not (level.state_route and state and state["route"]["id"] == "state"):
        return None
    rule = state.get("state_deadline")
    if not rule or rule["longer_than_federal"] or not rule.get("days") or not level.start:
        return None
    sources = next((s["sources"] for s in state["sources"] if s["field"] == "deadline"), [])
    m = load_messages(lang)
    as_rule = {
        "label": m("state_label", state=state["state_name"]),
        "period": m("state_period", days=rule["days"]),
        "amount": rule["days"],
        "unit": "days",
        "start": m("state_start"),
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
        m(START_LABELS[level.start]),
        today,
        level.from_receipt,
        lang=lang,
    )
