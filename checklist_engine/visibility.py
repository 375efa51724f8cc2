"""Which questions apply: a question shows when its show_if holds, given the questions it depends on.
An option with its own show_if (a warning sign of one body area) is offered only when that holds."""

from __future__ import annotations

from . import conditions
from .answers import Answers
from .model import Checklist

EXCLUSIVE_OPTION = "none"  # "None of these": dropped when a real option is ticked with it


def visible_questions(checklist: Checklist, answers: dict) -> list[str]:
    """Questions that apply: a question is shown when its show_if holds and the questions it
    depends on are themselves shown (answers to hidden questions do not count)."""
    shown: dict[str, bool] = {}

    def is_shown(qid: str) -> bool:
        if qid not in shown:
            question = checklist.question(qid)
            if question.show_if is None:
                shown[qid] = True
            else:
                deps = conditions.questions_in(question.show_if)
                live = {k: v for k, v in answers.items() if k not in deps or is_shown(k)}
                shown[qid] = conditions.evaluate(question.show_if, live)
        return shown[qid]

    return [q.id for q in checklist.questions if is_shown(q.id)]


def _visible_answers(checklist: Checklist, values: dict) -> dict:
    visible = set(visible_questions(checklist, values))
    return {k: v for k, v in values.items() if k in visible}


def visible_options(checklist: Checklist, values: dict) -> dict[str, list[str]]:
    """For each shown question whose options have conditions: the option ids offered now."""
    shown = visible_questions(checklist, values)
    live = {k: v for k, v in values.items() if k in shown}
    return {
        q.id: [o.id for o in q.options if o.show_if is None or conditions.evaluate(o.show_if, live)]
        for q in checklist.questions
        if q.id in shown and q.has_option_conditions()
    }


def effective_answers(checklist: Checklist, answers: Answers) -> dict:
    """The answers that count: only visible questions (a hidden question's old answer must not
    count), only options offered now (a warning sign of another body area does not count), and
    "None of these" only when nothing else is ticked."""
    live = _visible_answers(checklist, answers.values)
    out = dict(live)
    for question in checklist.questions:
        value = out.get(question.id)
        if value is None or not question.has_option_conditions():
            continue
        offered = {o.id for o in question.options if o.show_if is None or conditions.evaluate(o.show_if, live)}
        if isinstance(value, list):
            kept = [v for v in value if v in offered]
            if kept:
                out[question.id] = kept
            else:
                del out[question.id]
        elif value not in offered:
            del out[question.id]
        value = out.get(question.id)
        if isinstance(value, list) and EXCLUSIVE_OPTION in value and len(value) > 1:
            out[question.id] = [v for v in value if v != EXCLUSIVE_OPTION]
    return out
