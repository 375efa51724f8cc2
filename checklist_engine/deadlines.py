"""The reader's deadlines: which rules of data/rules.toml apply, and their dates, with the basis.

Where a rule counts from the day the reader *received* a notice and we only know the date printed
on it, we count from the printed date: the earliest the deadline can be. The basis says so.
"""

from __future__ import annotations

import datetime as dt

from .calendar_us import add_months, roll_forward

GENERAL_PLANS = ("employer", "individual", "unknown")
UNKNOWN_PLAN_NOTE = (
    "We don't know your plan type, so these are the general rules for job-based and Marketplace plans. "
    "Check your notice for the rules of your plan."
)


def long_date(day: dt.date) -> str:
    return f"{day:%B} {day.day}, {day.year}"


def _date(answers: dict, key: str) -> dt.date | None:
    value = answers.get(key)
    return dt.date.fromisoformat(value) if value else None


def entry(rule_id: str, rule: dict, start: dt.date | None, start_label: str, today: dt.date,
          from_receipt: bool = False, extra_note: str | None = None) -> dict:
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
            basis = (f"Medicare assumes you got the notice {offset} days after {long_date(start)}, "
                     f"{start_label}; then {rule['period']}.")
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
        "basis": basis,
        "citation": rule["citation"],
        "kind": rule["kind"],
        "status": status,
        "days_left": days_left,
        "confidence": rule["confidence"],
        "note": " ".join(notes) or None,
    }


def _decision_rule(plan: str, answers: dict) -> str:
    urgent = answers.get("urgent") is True and answers.get("stage") != "claim"
    claim = answers.get("stage") == "claim"
    if plan == "medicare_advantage":
        return ("ma_reconsideration_decision_expedited" if urgent
                else "ma_reconsideration_decision_payment" if claim else "ma_reconsideration_decision_service")
    if plan == "medicaid":
        return "medicaid_plan_decision_expedited" if urgent else "medicaid_plan_decision"
    return ("appeal_decision_urgent" if urgent
            else "appeal_decision_post_service" if claim else "appeal_decision_pre_service")


def compute(answers: dict, today: dt.date, rules: dict) -> list[dict]:
    """The deadlines that apply to these (validated) answers, filing deadlines first."""
    plan = answers.get("plan_type") or "unknown"
    denied = _date(answers, "denial_date")
    final = _date(answers, "final_denial_date")
    after_appeal = answers.get("appeal_stage") == "internal_denied"
    notice = "the date on your denial notice"
    final_notice = "the date on the letter that turned down your appeal"
    r = rules

    def make(rule_id, start=None, label="", from_receipt=False, extra=None):
        return entry(rule_id, r[rule_id], start, label, today, from_receipt, extra)

    out: list[dict] = []
    if plan in GENERAL_PLANS:
        extra = UNKNOWN_PLAN_NOTE if plan == "unknown" else None
        if plan == "employer" and answers.get("plan_funding") in ("self_funded", "fully_insured"):
            process = "the federal" if answers["plan_funding"] == "self_funded" else "your state's"
            review_note = f"Your plan is {answers['plan_funding'].replace('_', '-')}, so external review usually goes through {process} process."
        else:
            review_note = extra
        if not after_appeal:
            out.append(make("internal_appeal_file", denied, notice, True, extra))
            out.append(make(_decision_rule(plan, answers), extra=extra))
        out.append(make("external_review_file", final if after_appeal else None, final_notice, True, review_note))
        if after_appeal:
            urgent = answers.get("urgent") is True and answers.get("stage") != "claim"
            out.append(make("external_review_decision_expedited" if urgent else "external_review_decision", extra=extra))
    elif plan == "medicare_advantage":
        if not after_appeal:
            out.append(make("ma_reconsideration_file", denied, notice))
            out.append(make(_decision_rule(plan, answers)))
        else:
            out.append(make("ma_alj_hearing_file", extra=(
                "If the plan says no again, your case goes to an Independent Review Entity on its own. "
                "This deadline starts from that entity's decision.")))
    elif plan == "traditional_medicare":
        if not after_appeal:
            out.append(make("tm_redetermination_file", denied, notice))
        else:
            out.append(make("tm_reconsideration_file", final, final_notice, True))
    elif plan == "medicaid":
        if not after_appeal:
            out.append(make("medicaid_plan_appeal_file", denied, notice))
            out.append(make(_decision_rule(plan, answers)))
        else:
            out.append(make("medicaid_fair_hearing_file", final, final_notice))
            out.append(make("fair_hearing_decision"))
    return sorted(out, key=lambda d: (d["kind"] != "file", d["date"] is None))
