"""Load and validate the checklist data. Every problem raises ChecklistError naming file, item and problem."""

from __future__ import annotations

import re
import tomllib
from functools import cache
from importlib import resources
from pathlib import Path

from . import conditions
from .i18n import localize
from .model import QUESTION_TYPES, SEVERITIES, Checklist, Item, Option, Question, Section

DEFAULT = "data/checklist.toml"
_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_LINK = re.compile(r"^[a-z0-9-]+(/[a-z0-9-]+)*/$")


class ChecklistError(ValueError):
    """The checklist data is wrong. The message names the file, the item and the problem."""

    def __init__(self, source: str, where: str, problem: str) -> None:
        super().__init__(f"{source}: {where}: {problem}")
        self.source, self.where, self.problem = source, where, problem


class FieldCheck:
    """Field checks for a data file's loader: each failure raises `error` (ChecklistError or a
    subclass) naming the file, the place and the problem. Loaders subclass it for their own fields."""

    error: type[ChecklistError] = ChecklistError

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, where: str, problem: str):
        raise self.error(self.source, where, problem)

    def fields(self, table, known: tuple[str, ...], where: str) -> None:
        if not isinstance(table, dict):
            self.fail(where, "must be a table")
        unknown = sorted(set(table) - set(known))
        if unknown:
            self.fail(where, f"unknown field {unknown[0]!r}")

    def text(self, table: dict, key: str, where: str, required: bool = True) -> str | None:
        if key not in table:
            if required:
                self.fail(where, f"missing field {key!r}")
            return None
        value = table[key]
        if not isinstance(value, str) or not value.strip():
            self.fail(where, f"field {key!r} must be a non-empty string")
        return value

    def tables(self, data: dict, key: str, where: str) -> list[dict]:
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(t, dict) for t in value):
            self.fail(where, f"{key} must be a list of tables ([[{key}]])")
        return value


def _require(table: dict, key: str, source: str, where: str) -> str:
    return FieldCheck(source).text(table, key, where)


def _require_id(table: dict, source: str, where: str) -> str:
    value = _require(table, "id", source, where)
    if not _ID.match(value):
        raise ChecklistError(source, where, "id must be lower_snake_case")
    return value


def _reject_unknown_fields(table: dict, known: set[str], source: str, where: str) -> None:
    FieldCheck(source).fields(table, tuple(known), where)


def _condition(text: str | None, source: str, where: str, field: str) -> conditions.Node | None:
    if text is None:
        return None
    if not isinstance(text, str):
        raise ChecklistError(source, where, f"{field} must be a string")
    try:
        return conditions.parse(text)
    except conditions.ConditionError as exc:
        raise ChecklistError(source, where, f"{field}: {exc}") from None


def _check_refs(node, questions: dict[str, Question], source: str, where: str, field: str) -> None:
    if node is None:
        return
    for qid in conditions.questions_in(node):
        if qid not in questions:
            raise ChecklistError(source, where, f"{field} uses unknown question {qid!r}")
    for comparison in conditions.comparisons_in(node):
        question = questions[comparison.question]
        values = comparison.value if isinstance(comparison.value, tuple) else (comparison.value,)
        for value in values:
            if question.type in ("choice", "multi") and value not in question.option_ids():
                raise ChecklistError(
                    source,
                    where,
                    f"{field}: {value!r} is not an option of {question.id!r} ({', '.join(question.option_ids())})",
                )
            if question.type == "boolean" and not isinstance(value, bool):
                raise ChecklistError(
                    source, where, f"{field}: {question.id!r} is yes/no; compare it with true or false"
                )
            if question.type == "number" and (isinstance(value, bool) or not isinstance(value, int)):
                raise ChecklistError(source, where, f"{field}: {question.id!r} is a number; compare it with a number")
        if comparison.op in ("contains", "intersects") and question.type != "multi":
            raise ChecklistError(
                source, where, f"{field}: {comparison.op!r} needs a multiple-choice question, not {question.id!r}"
            )


def _check_cycles(questions: dict[str, Question], source: str) -> None:
    """A question shown only when another is answered must not, through others, depend on itself."""
    state: dict[str, str] = {}

    def visit(qid: str, path: list[str]) -> None:
        if state.get(qid) == "done":
            return
        if state.get(qid) == "active":
            cycle = " -> ".join(path[path.index(qid) :] + [qid])
            raise ChecklistError(source, f"question {qid!r}", f"show_if conditions form a cycle: {cycle}")
        state[qid] = "active"
        deps: set[str] = set()
        for node in (questions[qid].show_if, *(o.show_if for o in questions[qid].options)):
            deps |= conditions.questions_in(node) if node else set()
        for dep in sorted(deps):
            visit(dep, path + [qid])
        state[qid] = "done"

    for qid in questions:
        visit(qid, [])


def _question(table: dict, sections: set[str], source: str, lang: str = "en") -> Question:
    qid = table.get("id", "?")
    where = f"question {qid!r}"
    qid = _require_id(table, source, where)
    qtype = _require(table, "type", source, where)
    if qtype not in QUESTION_TYPES:
        raise ChecklistError(source, where, f"type {qtype!r} is not one of {', '.join(QUESTION_TYPES)}")
    section = _require(table, "section", source, where)
    if section not in sections:
        raise ChecklistError(source, where, f"unknown section {section!r}")
    options: list[Option] = []
    if qtype in ("choice", "multi"):
        raw = _generated_options(table.get("options_from"), source, where, lang) + list(table.get("options") or [])
        if not raw:
            raise ChecklistError(source, where, "a choice question needs a list of options")
        for option in raw:
            if not isinstance(option, dict):
                raise ChecklistError(source, where, "each option must be a table {id, label}")
            oid = _require(option, "id", source, where)
            owhere = f"{where} option {oid!r}"
            _reject_unknown_fields(option, {"id", "label", "show_if"}, source, owhere)
            options.append(
                Option(
                    oid,
                    _require(option, "label", source, owhere),
                    _condition(option.get("show_if"), source, owhere, "show_if"),
                )
            )
        ids = [o.id for o in options]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise ChecklistError(source, where, f"duplicate option id {duplicates[0]!r}")
    elif "options" in table or "options_from" in table:
        raise ChecklistError(source, where, f"a {qtype} question has no options")
    _reject_unknown_fields(
        table,
        {"id", "type", "label", "section", "hint", "optional", "options", "options_from", "show_if", "min", "max"},
        source,
        where,
    )
    return Question(
        id=qid,
        type=qtype,
        label=_require(table, "label", source, where),
        section=section,
        hint=table.get("hint"),
        optional=bool(table.get("optional", False)),
        options=tuple(options),
        show_if=_condition(table.get("show_if"), source, where, "show_if"),
        min=table.get("min"),
        max=table.get("max"),
    )


def _generated_options(name, source: str, where: str, lang: str = "en") -> list[dict]:
    """Options kept in another data file, so that file stays their one source: `options_from =
    "states"` (data/states.toml), or "body_areas", "reasons:<area>", "warning_signs"
    (data/body_areas.toml)."""
    if name is None:
        return []
    if not isinstance(name, str):
        raise ChecklistError(source, where, "options_from must be a string")
    # imported here, not at the top: those modules import this one
    if name == "states":
        from .states import load_states

        return load_states(lang=lang).question_options()
    from .areas import load_areas

    try:
        return load_areas(lang=lang).question_options(name)
    except KeyError as exc:
        raise ChecklistError(source, where, f"options_from: {exc.args[0]}") from None


def _leads(value, source: str, where: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ChecklistError(source, where, "leads must be a whole number from 1 (first)")
    return value


def _item(table: dict, sections: set[str], source: str) -> Item:
    where = f"item {table.get('id', '?')!r}"
    iid = _require_id(table, source, where)
    severity = _require(table, "severity", source, where)
    if severity not in SEVERITIES:
        raise ChecklistError(source, where, f"severity {severity!r} is not one of {', '.join(SEVERITIES)}")
    link = _require(table, "link", source, where)
    if not _LINK.match(link):
        raise ChecklistError(source, where, f"link {link!r} must be a site path like 'guides/appeal-steps/'")
    section = _require(table, "section", source, where)
    if section not in sections:
        raise ChecklistError(source, where, f"unknown section {section!r}")
    _reject_unknown_fields(
        table,
        {"id", "title", "why", "fix", "severity", "link", "section", "done_if", "applies_if", "question", "leads"},
        source,
        where,
    )
    return Item(
        id=iid,
        title=_require(table, "title", source, where),
        why=_require(table, "why", source, where),
        fix=_require(table, "fix", source, where),
        severity=severity,
        link=link,
        section=section,
        done_if=_condition(_require(table, "done_if", source, where), source, where, "done_if"),
        applies_if=_condition(table.get("applies_if"), source, where, "applies_if"),
        question=table.get("question"),
        leads=_leads(table.get("leads"), source, where),
    )


def parse_checklist(text: str, source: str, lang: str = "en") -> Checklist:
    """Parse and validate checklist TOML text; source names the file in error messages. `lang`:
    the language of the text (its catalogue data/<lang>/checklist.toml, see i18n.py)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ChecklistError(source, "file", f"not valid TOML: {exc}") from None
    data = localize(data, "checklist.toml", lang)
    version = _require(data, "version", source, "file")
    section_list = []
    for table in data.get("sections", []):
        sid = _require(table, "id", source, "section")
        section_list.append(Section(sid, _require(table, "title", source, f"section {sid!r}")))
    section_ids = {s.id for s in section_list}
    if len(section_ids) != len(section_list):
        raise ChecklistError(source, "sections", "duplicate section id")

    questions: dict[str, Question] = {}
    for table in data.get("questions", []):
        question = _question(table, section_ids, source, lang)
        if question.id in questions:
            raise ChecklistError(source, f"question {question.id!r}", "duplicate id")
        questions[question.id] = question
    items: dict[str, Item] = {}
    for table in data.get("items", []):
        item = _item(table, section_ids, source)
        if item.id in items:
            raise ChecklistError(source, f"item {item.id!r}", "duplicate id")
        items[item.id] = item
    if not questions or not items:
        raise ChecklistError(source, "file", "needs at least one question and one item")

    for question in questions.values():
        _check_refs(question.show_if, questions, source, f"question {question.id!r}", "show_if")
        for option in question.options:
            owhere = f"question {question.id!r} option {option.id!r}"
            _check_refs(option.show_if, questions, source, owhere, "show_if")
            if option.show_if is not None and question.id in conditions.questions_in(option.show_if):
                raise ChecklistError(source, owhere, "show_if cannot depend on its own question")
    for item in items.values():
        where = f"item {item.id!r}"
        _check_refs(item.done_if, questions, source, where, "done_if")
        _check_refs(item.applies_if, questions, source, where, "applies_if")
        if item.question is not None and item.question not in questions:
            raise ChecklistError(source, where, f"question {item.question!r} does not exist")
    _check_cycles(questions, source)
    return Checklist(version, source, tuple(section_list), tuple(questions.values()), tuple(items.values()), lang)


def read_data(path: str | Path | None, default: str, error: type[ChecklistError] = ChecklistError) -> tuple[str, str]:
    """A data file's text and the name its errors use: the packaged `default` (for example
    "data/checklist.toml") when `path` is None, else the given file (unreadable: `error` names it)."""
    if path is None:
        return resources.files(__package__).joinpath(default).read_text("utf-8"), f"checklist_engine/{default}"
    try:
        return Path(path).read_text("utf-8"), str(path)
    except OSError as exc:
        raise error(str(path), "file", f"cannot read: {exc.strerror}") from None


def load_checklist(path: str | Path | None = None, lang: str = "en") -> Checklist:
    """The packaged checklist (validated once per language and cached), or the checklist in the
    given file, in `lang` ("en", "es": its text from the catalogue data/<lang>/checklist.toml)."""
    return _packaged(lang) if path is None else parse_checklist(*read_data(path, DEFAULT), lang)


@cache
def _packaged(lang: str = "en") -> Checklist:
    return parse_checklist(*read_data(None, DEFAULT), lang)
