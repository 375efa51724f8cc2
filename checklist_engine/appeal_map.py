"""The appeal map (data/appeal_map.toml): which ladder of appeal levels the reader is on, and where.

Load and validate the data once (every problem is a ChecklistError naming the file, the path or
level, and the problem), then `position(values, ...)` picks the reader's path and current level as
frozen data. No plan logic lives here that the data could hold.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

from . import conditions
from .i18n import localize
from .loader import ChecklistError, FieldCheck, _check_refs, _condition, _reject_unknown_fields, load_checklist
from .model import Checklist
from .rules import load_rules

SOURCE = "checklist_engine/data/appeal_map.toml"
DECISION_KEYS = ("urgent", "claim", "prior_authorization", "default")
START_ANSWERS = ("denial_date", "final_denial_date", "review_denial_date")


def pick_rule(table: tuple[tuple[str, str], ...], expedited: bool, stage: str | None) -> str | None:
    """The rule of a {urgent, claim, prior_authorization, default} table that fits the reader."""
    rules = dict(table)
    if expedited and "urgent" in rules:
        return rules["urgent"]
    return rules.get(stage or "prior_authorization") or rules.get("default")


@dataclass(frozen=True)
class Level:
    id: str
    name: str
    action: str
    who_decides: str
    send_to: str
    start: str | None = None  # the answer whose date starts the filing clock
    file: str | None = None  # rules.toml id of the filing deadline
    from_receipt: bool = False
    deadline_text: str | None = None
    decision: tuple[tuple[str, str], ...] = ()
    automatic: bool = False
    letter: str | None = None
    note: str | None = None
    link: str | None = None
    state_route: bool = False  # where it goes depends on the reader's state (external review)

    def decision_rule(self, expedited: bool, stage: str | None) -> str | None:
        return pick_rule(self.decision, expedited, stage)


@dataclass(frozen=True)
class Path:
    id: str
    name: str
    when: conditions.Node | None
    levels: tuple[str, ...]
    later: tuple[str, ...] = ()
    unknown: bool = False
    first_decision: tuple[tuple[str, str], ...] = ()
    rights: str = "none"
    emergency: str = "none"
    specific_reason: str | None = None
    complain: str | None = None
    route: str | None = None
    notes: tuple[tuple[str, str], ...] = ()
    check_notice: str | None = None
    late: str | None = None
    late_certain_from: str | None = None

    def first_decision_rule(self, expedited: bool, stage: str | None) -> str | None:
        return pick_rule(self.first_decision, expedited, stage)


@dataclass(frozen=True)
class AppealMap:
    expedited: conditions.Node
    stages: tuple[tuple[str, int], ...]
    paths: tuple[Path, ...]
    levels: dict  # level id -> Level (a plain dict, never changed after load)
    rights: dict  # id -> tuple of paragraphs
    emergency: dict  # id -> paragraph ("" for none)
    specific_reason: dict  # id -> sentence

    def path_for(self, values: dict) -> Path:
        return next(p for p in self.paths if p.when is None or conditions.evaluate(p.when, values))

    def is_expedited(self, values: dict) -> bool:
        return conditions.evaluate(self.expedited, values)

    def level_index(self, values: dict, path: Path) -> int:
        index = dict(self.stages).get(values.get("appeal_stage"), 0)
        return min(index, len(path.levels) - 1)


@dataclass(frozen=True)
class Position:
    """Where the reader is: the path, the current level and its index, and the levels after it."""

    path: Path
    level: Level
    index: int
    expedited: bool

    @property
    def upcoming(self) -> tuple[str, ...]:
        return self.path.levels[self.index + 1 :]


def position(values: dict, appeal_map: AppealMap | None = None) -> Position:
    """The reader's path and current level, from checked, visible answers."""
    m = appeal_map or load_map()
    path = m.path_for(values)
    index = m.level_index(values, path)
    return Position(path, m.levels[path.levels[index]], index, m.is_expedited(values))


# ------------------------------------------------------------------------------------- loading


def _table(value, where: str, field: str) -> dict:
    if not isinstance(value, dict):
        raise ChecklistError(SOURCE, where, f"{field} must be a table")
    return value


def _strings(value, where: str, field: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise ChecklistError(SOURCE, where, f"{field} must be a list of strings")
    return tuple(value)


_text = FieldCheck(SOURCE).text  # (table, key, where, required=True): a non-empty string


def _iso(value, where: str) -> str | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except (TypeError, ValueError):
        raise ChecklistError(SOURCE, where, f"{value!r} is not a date like 2027-01-01") from None


def _rule_ref(rule_id, rules: dict, where: str, field: str) -> str:
    if rule_id not in rules:
        raise ChecklistError(SOURCE, where, f"{field}: {rule_id!r} is not a rule in rules.toml")
    return rule_id


def _decisions(table, rules: dict, where: str, field: str, kind: str) -> tuple[tuple[str, str], ...]:
    table = _table(table or {}, where, field)
    for key, rule_id in table.items():
        if key not in DECISION_KEYS:
            raise ChecklistError(SOURCE, where, f"{field}: key {key!r} is not one of {', '.join(DECISION_KEYS)}")
        _rule_ref(rule_id, rules, where, field)
        if rules[rule_id]["kind"] != kind:
            raise ChecklistError(
                SOURCE, where, f"{field}: {rule_id!r} is a {rules[rule_id]['kind']} rule, not a {kind} rule"
            )
    return tuple(sorted(table.items()))


def _level(level_id: str, table: dict, rules: dict, letters: set[str]) -> Level:
    where = f"level {level_id!r}"
    _reject_unknown_fields(
        table,
        {
            "name",
            "action",
            "who_decides",
            "send_to",
            "from",
            "file",
            "from_receipt",
            "deadline_text",
            "decision",
            "automatic",
            "letter",
            "note",
            "link",
            "state_route",
        },
        SOURCE,
        where,
    )
    file_rule = table.get("file")
    start = table.get("from")
    if file_rule is not None:
        _rule_ref(file_rule, rules, where, "file")
        if rules[file_rule]["kind"] != "file":
            raise ChecklistError(SOURCE, where, f"file: {file_rule!r} is a decision rule")
    if start is not None and start not in START_ANSWERS:
        raise ChecklistError(SOURCE, where, f"from: {start!r} is not one of {', '.join(START_ANSWERS)}")
    if file_rule is not None and start is None:
        raise ChecklistError(SOURCE, where, "a level with a filing rule needs `from`")
    letter = table.get("letter")
    if letter is not None and letter not in letters:
        raise ChecklistError(SOURCE, where, f"letter: {letter!r} is not a letter kind ({', '.join(sorted(letters))})")
    return Level(
        id=level_id,
        name=_text(table, "name", where),
        action=_text(table, "action", where),
        who_decides=_text(table, "who_decides", where),
        send_to=_text(table, "send_to", where),
        start=start,
        file=file_rule,
        from_receipt=bool(table.get("from_receipt", False)),
        deadline_text=_text(table, "deadline_text", where, required=False),
        decision=_decisions(table.get("decision"), rules, where, "decision", "decision"),
        automatic=bool(table.get("automatic", False)),
        letter=letter,
        note=_text(table, "note", where, required=False),
        link=_text(table, "link", where, required=False),
        state_route=table.get("state_route", False) is True,
    )


def _path(table: dict, data: dict, levels: dict, rules: dict, checklist: Checklist, last: bool) -> Path:
    pid = _text(table, "id", "path")
    where = f"path {pid!r}"
    _reject_unknown_fields(
        table,
        {
            "id",
            "name",
            "when",
            "levels",
            "later",
            "unknown",
            "first_decision",
            "rights",
            "emergency",
            "specific_reason",
            "complain",
            "route",
            "notes",
            "check_notice",
            "late",
            "late_certain_from",
        },
        SOURCE,
        where,
    )
    when = _condition(table.get("when"), SOURCE, where, "when")
    _check_refs(when, {q.id: q for q in checklist.questions}, SOURCE, where, "when")
    if (when is None) != last:
        raise ChecklistError(SOURCE, where, "only the last path (and every last path) has no `when`")
    level_ids = _strings(table.get("levels"), where, "levels")
    for level_id in level_ids:
        if level_id not in levels:
            raise ChecklistError(SOURCE, where, f"levels: {level_id!r} is not a level")
    for key in ("rights", "emergency", "specific_reason"):
        ref = table.get(key)
        if ref is not None and ref not in data.get(key, {}):
            raise ChecklistError(SOURCE, where, f"{key}: {ref!r} is not in [{key}]")
    notes = _table(table.get("notes", {}), where, "notes")
    for level_id in notes:
        if level_id not in level_ids:
            raise ChecklistError(SOURCE, where, f"notes: {level_id!r} is not a level of this path")
    route = _text(table, "route", where, required=False)
    if route is None and any("{route}" in levels[level_id].send_to for level_id in level_ids):
        raise ChecklistError(SOURCE, where, "a level uses {route} but the path has no `route`")
    return Path(
        id=pid,
        name=_text(table, "name", where),
        when=when,
        levels=level_ids,
        later=_strings(table.get("later", []), where, "later"),
        unknown=bool(table.get("unknown", False)),
        first_decision=_decisions(table.get("first_decision"), rules, where, "first_decision", "decision"),
        rights=table.get("rights", "none"),
        emergency=table.get("emergency", "none"),
        specific_reason=table.get("specific_reason"),
        complain=_text(table, "complain", where, required=False),
        route=route,
        notes=tuple(sorted(notes.items())),
        check_notice=_text(table, "check_notice", where, required=False),
        late=_text(table, "late", where, required=False),
        late_certain_from=_iso(table.get("late_certain_from"), where),
    )


def parse_map(text: str, rules: dict, checklist: Checklist, letters: set[str], lang: str = "en") -> AppealMap:
    """Parse and validate the appeal map against the rules, the checklist and the letter kinds."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ChecklistError(SOURCE, "file", f"not valid TOML: {exc}") from None
    data = localize(data, "appeal_map.toml", lang)
    _reject_unknown_fields(
        data,
        {"schema", "expedited", "stages", "paths", "levels", "rights", "emergency", "specific_reason"},
        SOURCE,
        "file",
    )
    questions = {q.id: q for q in checklist.questions}
    expedited = _condition(_text(data, "expedited", "file"), SOURCE, "file", "expedited")
    _check_refs(expedited, questions, SOURCE, "file", "expedited")
    stages = _table(data.get("stages"), "file", "stages")
    stage_options = set(questions["appeal_stage"].option_ids())
    if set(stages) != stage_options:
        raise ChecklistError(
            SOURCE, "stages", f"must name exactly the appeal_stage options ({', '.join(sorted(stage_options))})"
        )
    levels = {
        lid: _level(lid, _table(t, f"level {lid!r}", "level"), rules, letters)
        for lid, t in _table(data.get("levels"), "file", "levels").items()
    }
    raw_paths = data.get("paths")
    if not isinstance(raw_paths, list) or not raw_paths:
        raise ChecklistError(SOURCE, "file", "needs at least one [[paths]]")
    paths = tuple(_path(t, data, levels, rules, checklist, n == len(raw_paths) - 1) for n, t in enumerate(raw_paths))
    ids = [p.id for p in paths]
    if len(set(ids)) != len(ids):
        raise ChecklistError(SOURCE, "paths", "duplicate path id")
    used = {lid for p in paths for lid in p.levels}
    unused = sorted(set(levels) - used)
    if unused:
        raise ChecklistError(SOURCE, f"level {unused[0]!r}", "no path uses it")
    return AppealMap(
        expedited=expedited,
        stages=tuple(sorted(stages.items())),
        paths=paths,
        levels=levels,
        rights={
            k: _strings(v, f"rights {k!r}", "rights") if v else ()
            for k, v in _table(data.get("rights"), "file", "rights").items()
        },
        emergency={k: v for k, v in _table(data.get("emergency"), "file", "emergency").items()},
        specific_reason={k: v for k, v in _table(data.get("specific_reason", {}), "file", "specific_reason").items()},
    )


@cache
def load_map(lang: str = "en") -> AppealMap:
    """The packaged appeal map, validated once per language (its text in `lang`)."""
    from .letter import LETTERS

    text = resources.files(__package__).joinpath("data/appeal_map.toml").read_text("utf-8")
    return parse_map(text, load_rules(lang)["rules"], load_checklist(lang=lang), set(LETTERS), lang)
