"""The checklist as frozen data: what the loader returns and everything else reads."""

from __future__ import annotations

from dataclasses import dataclass

from .conditions import Node

QUESTION_TYPES = ("choice", "multi", "boolean", "date", "number", "text")
# An item's severity, most important first: its weight in the score and the label the reader sees
# (data/messages.toml severity_<id>; the report and the schema carry it, so the page has no copy).
SEVERITIES = ("critical", "important", "helpful")
SEVERITY_WEIGHT = {"critical": 3, "important": 2, "helpful": 1}


@dataclass(frozen=True)
class Option:
    id: str
    label: str
    show_if: Node | None = None  # the option is offered only when this holds (the engine ignores it otherwise)


@dataclass(frozen=True)
class Question:
    id: str
    type: str
    label: str
    section: str
    hint: str | None = None
    optional: bool = False
    options: tuple[Option, ...] = ()
    show_if: Node | None = None
    min: int | None = None
    max: int | None = None

    def option_ids(self) -> tuple[str, ...]:
        return tuple(o.id for o in self.options)

    def has_option_conditions(self) -> bool:
        return any(o.show_if is not None for o in self.options)


@dataclass(frozen=True)
class Item:
    id: str
    title: str
    why: str
    fix: str
    severity: str
    link: str
    section: str
    done_if: Node
    applies_if: Node | None = None
    question: str | None = None
    leads: int | None = None  # comes first in the to-do list: 1 before 2 before the rest


@dataclass(frozen=True)
class Section:
    id: str
    title: str


@dataclass(frozen=True)
class Checklist:
    version: str
    source: str
    sections: tuple[Section, ...]
    questions: tuple[Question, ...]
    items: tuple[Item, ...]
    lang: str = "en"  # the language of its text (i18n.py); ids and conditions are the same in every language

    def question(self, qid: str) -> Question:
        for question in self.questions:
            if question.id == qid:
                return question
        raise KeyError(qid)

    @property
    def question_ids(self) -> tuple[str, ...]:
        return tuple(q.id for q in self.questions)
