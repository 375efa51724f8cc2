"""The report's shape: the contract between the engine and the page (and the golden cases).

TypedDicts only: at run time these are plain dicts, JSON-ready; the names document and type-check
what audit.py and deadlines.py build. A field added to the report is added here first.
"""

from __future__ import annotations

from typing import Literal, TypedDict


class Deadline(TypedDict):
    id: str  # a rules.toml id, or "state_external_review_file"
    label: str
    date: str | None  # ISO date; None when the start date is not known yet or the rule counts hours
    date_text: str | None  # the same date in words ("May 26, 2027"): the page shows it as it is
    basis: str  # how the date was counted, in words
    citation: str
    kind: Literal["file", "decision"]
    status: Literal["unknown", "passed", "today", "upcoming"]
    days_left: int | None
    confidence: Literal["V", "V2", "U"]
    note: str | None


class Item(TypedDict):
    id: str
    title: str
    status: Literal["done", "missing", "not_applicable"]
    severity: Literal["critical", "important", "helpful"]
    severity_label: str  # the words the reader sees (data/messages.toml severity_<id>)
    why: str
    fix: str
    link: str
    question: str | None


class Step(TypedDict):
    text: str
    link: str | None


class LetterRef(TypedDict):
    kind: str
    title: str


class Appeal(TypedDict):
    """ "Your next step": the reader's current level on their path of the appeal map."""

    path: str
    plan: str
    unknown_plan: bool
    level: str
    name: str
    step: int
    steps: list[str]
    action: str
    who_decides: str
    send_to: str
    automatic: bool
    by: Deadline | None
    deadline_text: str | None
    urgent_soon: bool
    expedited: bool
    letter: str | None
    letter_title: str | None
    notes: list[str]
    link: str | None


class Clock(TypedDict):
    """A decision or promise clock of the appeal file (clocks.py)."""

    id: str
    kind: Literal["decision", "promise"]
    event: int  # the event's index in the appeal file
    event_id: str
    label: str
    level: str | None  # an appeal-map level id (decision clocks)
    level_name: str | None
    rule: str | None  # a rules.toml id of kind "decision"
    period: str | None
    unit: str | None
    sent: str  # ISO date the request was sent (or the promise was made)
    date: str | None  # ISO due date; None when no rule gives one
    time: str | None  # for rules counted in hours
    extended_date: str | None  # the latest date if the plan takes its allowed extension
    basis: str
    citation: str | None
    status: Literal["upcoming", "today", "passed", "decided", "done", "unknown"]
    days_left: int | None
    decided: str | None
    headline: str
    what_to_do: list[str]
    note: str | None


class EventError(TypedDict):
    index: int
    type: str
    field: str
    problem: str
    message: str


class LetterDeadline(TypedDict):
    """The appeal deadline the denial letter states, as the reader confirmed it, beside ours."""

    date: str
    as_written: str
    ours: str | None
    use: str  # the earlier of the two
    differs: bool
    days_left: int
    passed: bool
    message: str


class Report(TypedDict):
    schema: int
    checklist_version: str
    today: str
    today_text: str  # the same day in words (the printed plan's title)
    score: int
    ready: bool
    expedited: bool
    appeal: Appeal
    area: dict | None
    state: dict | None
    findings: list[dict]
    items: list[Item]
    missing: list[str]
    blocking: list[dict]
    deadlines: list[Deadline]
    check_notice: str
    next_steps: list[Step]
    enclosures: list[str]
    letters: list[LetterRef]
    visible_questions: list[str]
    visible_options: dict[str, list[str]]
    warnings: list[str]
    letter_deadline: LetterDeadline | None
    clocks: list[Clock]
    event_errors: list[EventError]
