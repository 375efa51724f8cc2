"""The report: a pure function of (checklist, answers, today)."""

from __future__ import annotations

import datetime as dt

from . import conditions
from .answers import LIMITS, PAST_DATES, AnswersError, check_dates, normalize, page_messages, parse_date, past_advice
from .appeal_map import AppealMap, Position, load_map, position
from .areas import AreaView, BodyAreas, chosen_signs, from_a_plan_only, load_areas, usual_weeks
from .clocks import compute as compute_clocks
from .deadlines import compute as compute_deadlines
from .deadlines import long_date, state_entry
from .events import check_events, load_format
from .letter import LETTERS, care_meets_usual, enclosures, offered_letters
from .messages import Messages, load_messages
from .model import SEVERITIES, SEVERITY_WEIGHT, Checklist
from .report_types import Appeal, Deadline, Item, Report, Step
from .rules import load_rules
from .states import load_states, state_help
from .visibility import effective_answers, visible_options, visible_questions

# The version of the report format (its "schema" key; schema() carries it too).
REPORT_VERSION = 1
URGENT_DAYS = 14  # a date to act by this close gets the "do this first" alert
_NOT_LEADING = 1_000  # after every item with a `leads` rank


def _items(checklist: Checklist, values: dict, m: Messages) -> list[Item]:
    out = []
    for item in checklist.items:
        if item.applies_if is not None and not conditions.evaluate(item.applies_if, values):
            status = "not_applicable"
        elif conditions.evaluate(item.done_if, values):
            status = "done"
        else:
            status = "missing"
        out.append(
            {
                "id": item.id,
                "title": item.title,
                "status": status,
                "severity": item.severity,
                "severity_label": m(f"severity_{item.severity}"),
                "why": item.why,
                "fix": item.fix,
                "link": item.link,
                "question": item.question,
            }
        )
    return out


def _area_items(items: list[Item], view: AreaView | None, values: dict, areas: BodyAreas, m: Messages) -> list[Item]:
    """The items as they read for the chosen body area: its guide, its week count (only where its
    data gives one), its warning signs and its earlier test. The generic path keeps the data's text."""
    if view is None:
        return items
    signs = chosen_signs(view, values)
    usual = usual_weeks(view, areas)
    for item in items:
        if item["id"] == "conservative_care_documented":
            item["link"] = view.guide
            if usual:
                item["why"] = m("usual_weeks", why=item["why"].rstrip("."), weeks=usual[0].weeks)
            if any(sign.get_care_now for sign in signs):
                item["status"] = "not_applicable"  # a sign that needs care now: no trial of treatment first
        elif item["id"] == "red_flags_documented" and signs:
            item["link"] = view.guide
            clinical = [sign.letter for sign in signs if not from_a_plan_only(sign, areas)]
            by_policy = [sign.letter for sign in signs if from_a_plan_only(sign, areas)]
            item["why"] = " ".join(
                ([m("signs_justify", signs="; ".join(clinical))] if clinical else [])
                + ([m("signs_by_policy", signs="; ".join(by_policy))] if by_policy else [])
            )
        elif item["id"] in ("lower_level_explained", "prior_imaging") and view.prior_tests:
            item["why"] = f"{item['why']} {' '.join(test.text for test in view.prior_tests)}"
            tests = sorted({test.test for test in view.prior_tests})
            if item["id"] == "lower_level_explained" and len(tests) == 1:
                item["fix"] = m("first_test_fix", test=tests[0])
    return items


def _area_block(view: AreaView | None, values: dict) -> dict | None:
    """The chosen body area, as the report names it (None: the generic path)."""
    if view is None:
        return None
    return {
        "id": view.area,
        "reason": view.reason,
        "label": view.label,
        "guide": view.guide,
        "signs": [sign.id for sign in chosen_signs(view, values)],
    }


def _score(items: list[dict]) -> int:
    applicable = [i for i in items if i["status"] != "not_applicable"]
    total = sum(SEVERITY_WEIGHT[i["severity"]] for i in applicable)
    done = sum(SEVERITY_WEIGHT[i["severity"]] for i in applicable if i["status"] == "done")
    return 100 if total == 0 else round(100 * done / total)


def _long(iso: str, m: Messages) -> str:
    return m.long_date(dt.date.fromisoformat(iso))


def _blocking(values: dict, deadlines: list[Deadline], m: Messages) -> list[dict]:
    blocking = []
    reason = values.get("denial_reason")
    if reason is None:
        blocking.append(
            {
                "id": "reason_unknown",
                "link": "guides/why-denied/",
                "message": m("reason_unknown"),
            }
        )
    elif reason == "other" and values.get("reason_clarified") is not True:
        blocking.append(
            {
                "id": "reason_unclear",
                "link": "guides/why-denied/",
                "message": m("reason_unclear"),
            }
        )
    for deadline in deadlines:
        if deadline["kind"] == "file" and deadline["status"] == "passed":
            blocking.append(
                {
                    "id": f"deadline_passed:{deadline['id']}",
                    "link": "rights/which-rules-apply/",
                    "message": m("deadline_passed", label=deadline["label"], date=_long(deadline["date"], m)),
                }
            )
    return blocking


def _by(pos: Position, deadlines: list[Deadline]) -> Deadline | None:
    """The current level's filing deadline (the first dated-or-not file rule of this level)."""
    own = [
        d
        for d in deadlines
        if d["kind"] == "file" and d["id"] in {pos.level.file, "earliest_possible", "state_external_review_file"}
    ]
    # the earliest dated one (a state's shorter deadline comes before the federal 4 months)
    return min(own, key=lambda d: (d["date"] is None, d["date"] or ""), default=None)


def _action_sentence(pos: Position, by: dict | None, m: Messages) -> str:
    level = pos.level
    if level.automatic or by is None:
        return m("action", action=level.action)  # the level's deadline_text is shown once, as "By when"
    if by["date"] is None:
        return m("action_no_date", action=level.action)
    if by["status"] == "passed":
        return m("action_passed", action=level.action, date=_long(by["date"], m))
    left = m("last_day") if by["status"] == "today" else m("days_left", days=by["days_left"])
    return m("action_by", action=level.action, date=_long(by["date"], m), left=left)


def _appeal_block(
    pos: Position, deadlines: list[Deadline], appeal_map: AppealMap, state: dict | None, m: Messages
) -> Appeal:
    """ "Your next step": what to do, by when, who decides, where it goes, and which letter."""
    by = _by(pos, deadlines)
    level, path = pos.level, pos.path
    notes = [n for n in (level.note, dict(path.notes).get(level.id)) if n]
    steps = [appeal_map.levels[lid].name for lid in path.levels] + list(path.later)
    return {
        "path": path.id,
        "plan": path.name,
        "unknown_plan": path.unknown,
        "level": level.id,
        "name": level.name,
        "step": pos.index + 1,
        "steps": steps,
        "action": _action_sentence(pos, by, m),
        "who_decides": level.who_decides,
        "send_to": _send_to(level, path, state),
        "automatic": level.automatic,
        "by": by,
        "deadline_text": level.deadline_text,
        "urgent_soon": by is not None and by["days_left"] is not None and 0 <= by["days_left"] <= URGENT_DAYS,
        "expedited": pos.expedited,
        "letter": level.letter,
        "letter_title": m.title(LETTERS[level.letter].title) if level.letter else None,
        "notes": notes,
        "link": level.link,
    }


def _send_to(level, path, state: dict | None) -> str:
    """Where the request goes; for a level that names a route, the reader's state's route when known."""
    text = level.send_to.replace("{route}", path.route or "")
    if level.state_route and state and state["route"]["id"] not in ("unknown", "not_applicable"):
        return f"{state['route']['text']} {text}"
    return text


def _over(rule: dict, took: int) -> str | None:
    """'late' past the rule and any extension, 'maybe' past the rule only, else None."""
    limit = rule["amount"] / 24 if rule["unit"] == "hours" else rule["amount"]
    if rule["unit"] == "months" or took <= limit:
        return None
    return "maybe" if took <= limit + rule.get("extension_days", 0) else "late"


def _late_finding(values: dict, pos: Position, rules: dict, m: Messages) -> dict | None:
    """Did the plan decide the first request later than its rule allows? The standard rule is the
    measure (the reader's answer about urgency today does not show the request was sent as urgent);
    the urgent rule only ever gives a 'may have'."""
    asked, decided = values.get("request_date"), values.get("denial_date")
    standard_id = pos.path.first_decision_rule(False, values.get("stage"))
    if standard_id is None or not asked or not decided:
        return None
    asked_on, decided_on = dt.date.fromisoformat(asked), dt.date.fromisoformat(decided)
    standard = rules[standard_id]
    if "applies_from" in standard and asked_on < dt.date.fromisoformat(standard["applies_from"]):
        return None
    took = (decided_on - asked_on).days
    verdict, rule = _over(standard, took), standard
    urgent_id = pos.path.first_decision_rule(True, values.get("stage")) if pos.expedited else None
    if verdict is None and urgent_id and urgent_id != standard_id and _over(rules[urgent_id], took):
        verdict, rule = "maybe", rules[urgent_id]
    if verdict is None:
        return None
    if verdict == "late" and pos.path.late_certain_from and asked < pos.path.late_certain_from:
        verdict = "maybe"
    extension = rule.get("extension_days", 0)
    message = " ".join(
        [
            m(
                "late_urgent" if rule is not standard else "late",
                took=took,
                period=rule["period"],
                citation=rule["citation"],
            )
        ]
        + ([m("late_extension", days=extension)] if extension else [])
        + [m("late_pause")]
    )
    return {
        "id": "late_decision",
        "title": m("late_title") if verdict == "late" else m("late_maybe_title"),
        "message": message,
        "what_to_do": " ".join(t for t in (pos.path.late, pos.path.complain) if t) or None,
    }


# Who gives an area's week count, by the kind of its source (areas.SOURCE_KINDS; never "payer"):
# messages "who_says_<kind>", else "who_says_other".
_WHO_SAYS = ("acr", "guideline", "choosing_wisely", "review", "study")


def _findings(
    values: dict,
    pos: Position,
    rules: dict,
    appeal_map: AppealMap,
    view: AreaView | None = None,
    areas: BodyAreas | None = None,
    m: Messages | None = None,
) -> list[dict]:
    """What the answers show about the plan's conduct and the case's weak spots, with what to do."""
    m = m or load_messages()
    found = []
    late = _late_finding(values, pos, rules, m)
    if late:
        found.append(late)
    if values.get("reason_specific") is False:
        law = appeal_map.specific_reason.get(pos.path.specific_reason or "", "")
        found.append(
            {
                "id": "reason_not_specific",
                "title": m("not_specific_title"),
                "message": (law + " " if law else "") + m("not_specific"),
                "what_to_do": m("not_specific_do") + " " + (pos.path.complain or ""),
            }
        )
    weeks = values.get("conservative_weeks")
    usual = usual_weeks(view, areas) if areas is not None else None
    if (
        values.get("denial_reason") == "conservative_treatment"
        and usual
        and not chosen_signs(view, values)
        and weeks is not None
        and not care_meets_usual(values)
    ):
        fact, source = usual
        found.append(
            {
                "id": "care_shorter_than_usual",
                "title": m("short_care_title"),
                "message": m(
                    "short_care_one" if weeks == 1 else "short_care",
                    weeks=weeks,
                    scan=view.letter_name or m("like_yours"),
                    who=m(f"who_says_{source.kind}" if source.kind in _WHO_SAYS else "who_says_other"),
                    usual=fact.weeks,
                    source=f"{source.title}, {source.year}" if source.year else source.title,
                ),
                "what_to_do": m("short_care_do"),
            }
        )
    return found


def _priority(item: dict, leads: dict, order: dict) -> tuple:
    """The to-do order: items that lead (the next level, then the reason's own fix), then by severity."""
    return (leads.get(item["id"], _NOT_LEADING), SEVERITIES.index(item["severity"]), order[item["id"]])


def _next_steps(missing: list[Item], appeal: Appeal, expedited: bool, m: Messages) -> list[Step]:
    """The current level's action first, then the denial reason's own fix, then the most important rest."""
    steps = [{"text": appeal["action"], "link": appeal["link"]}]
    if expedited and not appeal["automatic"]:
        steps.append(
            {
                "text": m("ask_expedited"),
                "link": "guides/expedited-appeals/",
            }
        )
    for item in missing[:3]:
        steps.append({"text": item["fix"], "link": item["link"]})
    if not missing and not appeal["automatic"]:
        steps.append({"text": m("send_tracked"), "link": "guides/what-to-send/"})
    return steps


LETTER_DEADLINE_CHARS = 200


def letter_deadline(stated, appeal: dict, today: dt.date, lang: str = "en") -> dict | None:
    """The appeal deadline the reader's denial letter itself states (confirmed by the reader on the
    page: {"date": ISO, "as_written": the letter's words}) beside the one worked out from the rules:
    both dates, and the earlier one to use. None when the reader confirmed none. AnswersError
    (question "letter_deadline") for a value that is not such an object."""
    if stated is None:
        return None
    if not isinstance(stated, dict) or set(stated) - {"date", "as_written"}:
        raise AnswersError("letter_deadline: must be an object with a date and the letter's words", "letter_deadline")
    date = parse_date(stated.get("date"), "letter_deadline").isoformat()
    written = stated.get("as_written") or ""
    if not isinstance(written, str) or len(written) > LETTER_DEADLINE_CHARS:
        raise AnswersError(
            f"letter_deadline: as_written must be text of at most {LETTER_DEADLINE_CHARS} characters", "letter_deadline"
        )
    ours = (appeal.get("by") or {}).get("date")
    use = min(date, ours) if ours else date
    m = load_messages(lang)
    if ours is None:
        message = m("letter_date_only", date=_long(date, m))
    elif date == ours:
        message = m("letter_date_same", date=_long(date, m))
    else:
        which = "letter_date_earlier" if date < ours else "letter_date_later"
        message = m(which, date=_long(date, m), ours=_long(ours, m), use=_long(use, m))
    days_left = (dt.date.fromisoformat(use) - today).days
    return {
        "date": date,
        "as_written": written,
        "ours": ours,
        "use": use,
        "differs": ours is not None and date != ours,
        "days_left": days_left,
        "passed": days_left < 0,
        "message": f"{message} {m('check_own')}",
    }


def audit(raw_answers, today: dt.date, checklist: Checklist, events=None, stated_deadline=None) -> Report:
    """The report for these answers (and the appeal file's events) on this day. Raises
    AnswersError for a bad answer value; a bad event is left out and named in `event_errors`.
    `stated_deadline`: the deadline the denial letter states, as the reader confirmed it (see
    `letter_deadline`); the report then shows it beside the computed one."""
    answers = normalize(raw_answers, checklist)
    values = effective_answers(checklist, answers)
    lang = checklist.lang
    check_dates(values, today, lang)  # the report speaks the checklist's language (i18n.py)
    m = load_messages(lang)
    rules = load_rules(lang)
    appeal_map = load_map(lang)
    pos = position(values, appeal_map)
    deadlines = compute_deadlines(values, today, rules["rules"], pos, appeal_map, lang)
    areas = load_areas(lang=lang)
    view = areas.current(values)
    items = _area_items(_items(checklist, values, m), view, values, areas, m)
    order = {item.id: n for n, item in enumerate(checklist.items)}
    leads = {item.id: item.leads for item in checklist.items if item.leads}
    missing = sorted((i for i in items if i["status"] == "missing"), key=lambda i: _priority(i, leads, order))
    state = state_help(values, load_states(lang=lang))
    state_deadline = state_entry(state, pos.level, values, today, lang)
    if state_deadline:
        deadlines.insert(0, state_deadline)
    blocking = _blocking(values, deadlines, m)
    appeal = _appeal_block(pos, deadlines, appeal_map, state, m)
    stated = letter_deadline(stated_deadline, appeal, today, lang)
    warnings = list(answers.warnings)
    good_events, event_errors = check_events(events, lang)
    if pos.path.unknown:
        warnings.append(m("unknown_plan_warning"))
    return {
        "schema": REPORT_VERSION,
        "checklist_version": checklist.version,
        "today": today.isoformat(),
        "today_text": long_date(today, lang),
        "score": _score(items),
        "ready": not blocking and not any(i["severity"] == "critical" for i in missing),
        "expedited": pos.expedited,
        "appeal": appeal,
        "letter_deadline": stated,
        "area": _area_block(view, values),
        "state": state,
        "findings": _findings(values, pos, rules["rules"], appeal_map, view, areas, m),
        "items": items,
        "missing": [i["id"] for i in missing],
        "blocking": blocking,
        "deadlines": deadlines,
        "clocks": compute_clocks(values, good_events, today, rules["rules"], pos, appeal_map, load_format(lang), lang),
        "event_errors": event_errors,
        "check_notice": pos.path.check_notice or rules["check_notice"],
        "next_steps": _next_steps(missing, appeal, pos.expedited, m),
        "enclosures": enclosures(values, pos, lang=checklist.lang),
        "letters": [{**e, "title": m.title(e["title"])} for e in offered_letters(pos, values)],
        "visible_questions": visible_questions(checklist, answers.values),
        "visible_options": visible_options(checklist, answers.values),
        "warnings": warnings,
    }


def schema(checklist: Checklist) -> dict:
    """Every question with its type and allowed values, and every item: what the page renders."""
    return {
        "schema": REPORT_VERSION,
        "checklist_version": checklist.version,
        "limits": dict(LIMITS),
        "messages": page_messages(checklist.lang),
        "sections": [{"id": s.id, "title": s.title} for s in checklist.sections],
        "questions": [
            {
                "id": q.id,
                "type": q.type,
                "label": q.label,
                "hint": q.hint,
                "optional": q.optional,
                "section": q.section,
                "min": q.min,
                "max": q.max,
                # a date that cannot be after today: what to use instead
                "past": past_advice(q.id, checklist.lang) if q.id in PAST_DATES else None,
                "options": [{"id": o.id, "label": o.label} for o in q.options],
            }
            for q in checklist.questions
        ],
        "paths": [{"id": p.id, "name": p.name, "levels": list(p.levels)} for p in load_map(checklist.lang).paths],
        "levels": {
            lid: {"name": level.name, "letter": level.letter, "file": level.file}
            for lid, level in load_map(checklist.lang).levels.items()
        },
        "letters": {kind: load_messages(checklist.lang).title(LETTERS[kind].title) for kind in LETTERS},
        "items": [
            {
                "id": i.id,
                "title": i.title,
                "why": i.why,
                "fix": i.fix,
                "severity": i.severity,
                "severity_label": load_messages(checklist.lang)(f"severity_{i.severity}"),
                "link": i.link,
                "section": i.section,
                "question": i.question,
            }
            for i in checklist.items
        ],
    }
