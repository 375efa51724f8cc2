"""Second Look's self-audit engine for a denied MRI or CT scan.

Pure functions over data, standard library only, so the same code runs in CPython (site build,
tests, command line) and in Pyodide (the reader's browser).

    >>> import datetime, checklist_engine as ce
    >>> report = ce.audit({"schema": 1, "plan_type": "employer"}, datetime.date(2026, 3, 2))
    >>> report["ready"]
    False
"""

from __future__ import annotations

__version__ = "0.2.0"

import datetime as _dt

from .answers import Answers, AnswersError
from .areas import AreasError, load_areas
from .audit import audit as _audit
from .audit import schema as _schema
from .events import check_events
from .extract import explain
from .letter import appeal_letter as _appeal_letter
from .letter import doctor_letter as _doctor_letter
from .loader import ChecklistError, load_checklist
from .model import Checklist
from .rules import load_rules


def schema(checklist: Checklist | None = None, lang: str = "en") -> dict:
    """Every question (type, label, hint, options, show_if) and every item: JSON-ready, in `lang`
    ("en", "es") when no checklist is given."""
    return _schema(checklist or load_checklist(lang=lang))


def audit(
    answers: dict | Answers,
    today: _dt.date,
    checklist: Checklist | None = None,
    events=None,
    stated_deadline: dict | None = None,
    lang: str = "en",
) -> dict:
    """The report for these answers (and the appeal file's events, see events.py) on this day.
    Raises AnswersError for a bad answer; bad events are named in the report's `event_errors`.
    stated_deadline: {"date", "as_written"}, the deadline the denial letter states (report field
    "letter_deadline": both dates and the earlier one).
    lang: the language of the report's text ("en", "es"; see i18n.py) when no checklist is given (a
    checklist carries its own). Ids, dates, citations and the structure are the same in every language."""
    return _audit(answers, today, checklist or load_checklist(lang=lang), events, stated_deadline)


def deadlines(
    answers: dict | Answers, today: _dt.date, checklist: Checklist | None = None, lang: str = "en"
) -> list[dict]:
    """The dated deadlines that apply, each with its basis and citation."""
    return audit(answers, today, checklist, lang=lang)["deadlines"]


def letter(
    answers: dict | Answers,
    today: _dt.date,
    checklist: Checklist | None = None,
    kind: str | None = None,
    lang: str = "en",
) -> str:
    """A plain-text letter draft: the reader's current appeal level's own letter, or the given kind
    (see `checklist_engine.letter.LETTERS`). Raises ValueError for an unknown kind.
    lang "es": the same letter in Spanish, for the reader to read (the plan gets the English one)."""
    return _appeal_letter(answers, today, checklist or load_checklist(), kind, lang)


def doctor_letter(
    answers: dict | Answers, today: _dt.date, checklist: Checklist | None = None, lang: str = "en"
) -> str:
    """A plain-text request to the ordering doctor's office (letter of medical necessity, peer-to-peer)."""
    return _doctor_letter(answers, today, checklist or load_checklist(), lang)


__all__ = [
    "Answers",
    "AnswersError",
    "AreasError",
    "Checklist",
    "ChecklistError",
    "__version__",
    "audit",
    "check_events",
    "deadlines",
    "doctor_letter",
    "explain",
    "letter",
    "load_areas",
    "load_checklist",
    "load_rules",
    "schema",
]
