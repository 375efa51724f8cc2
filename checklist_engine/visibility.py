"""Which questions apply: a question shows when its show_if holds, given the questions it depends on."""

from __future__ import annotations

from . import conditions
from .answers import Answers
from .model import Checklist


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


def effective_answers(checklist: Checklist, answers: Answers) -> dict:
    """The answers to visible questions only: a hidden question's old answer must not count."""
    visible = set(visible_questions(checklist, answers.values))
    return {k: v for k, v in answers.values.items() if k in visible}
