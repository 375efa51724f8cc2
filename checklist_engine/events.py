"""The reader's appeal file: a list of events (calls, papers, appeals sent, decisions, promises).

The format is data (data/events.toml). `check_events(raw)` returns the events it can use, cleaned,
and one error per problem, each naming the event (its number and type) and the field. A bad event
never stops the others from being used. Text stays text: nothing is interpreted, only its length
and type are checked.

    >>> events, errors = check_events([{"type": "call", "date": "2026-11-02", "who": "plan"}])
    >>> errors
    []
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

from .answers import AnswersError, parse_date
from .i18n import localize
from .loader import ChecklistError
from .messages import Messages, load_messages

SOURCE = "checklist_engine/data/events.toml"
FIELD_TYPES = ("date", "time", "text", "choice", "boolean", "level")
_TIME = re.compile(r"([01][0-9]|2[0-3]):[0-5][0-9]")
_EVENT_ID = re.compile(r"[A-Za-z0-9_-]{1,40}")
_RESERVED = ("type", "id")


@dataclass(frozen=True)
class Field:
    id: str
    type: str
    label: str
    hint: str | None = None
    max: int | None = None
    options: tuple[tuple[str, str], ...] = ()
    required: tuple[str, ...] = ()
    not_before: str | None = None


@dataclass(frozen=True)
class EventType:
    id: str
    label: str
    summary: str
    fields: tuple[str, ...]


@dataclass(frozen=True)
class EventFormat:
    schema: int
    max_events: int
    types: dict  # id -> EventType (never changed after load)
    fields: dict  # id -> Field
    levels: dict  # appeal level id -> its name (the "level" fields' options)
    clocks: dict  # the [clocks] table, checked


def _fail(where: str, problem: str):
    raise ChecklistError(SOURCE, where, problem)


def _options(value, data: dict, where: str) -> tuple[tuple[str, str], ...]:
    if isinstance(value, str):
        value = data.get(value)
    if (
        not isinstance(value, list)
        or not value
        or not all(isinstance(o, list) and len(o) == 2 and all(isinstance(x, str) and x for x in o) for o in value)
    ):
        _fail(where, "options must be a list of [id, label] pairs (or the name of one: 'who', 'how')")
    return tuple((o[0], o[1]) for o in value)


def parse_format(text: str, levels: dict, rules: dict, lang: str = "en") -> EventFormat:
    """Parse and check events.toml against the appeal map's levels and the rules."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        _fail("file", f"not valid TOML: {exc}")
    data = localize(data, "events.toml", lang)
    unknown = sorted(set(data) - {"schema", "max_events", "who", "how", "types", "fields", "clocks"})
    if unknown:
        _fail("file", f"unknown field {unknown[0]!r}")
    if not isinstance(data.get("schema"), int) or not isinstance(data.get("max_events"), int):
        _fail("file", "schema and max_events must be whole numbers")
    fields: dict[str, Field] = {}
    for fid, table in (data.get("fields") or {}).items():
        where = f"field {fid!r}"
        extra = sorted(set(table) - {"type", "label", "hint", "max", "options", "required", "not_before"})
        if extra:
            _fail(where, f"unknown field {extra[0]!r}")
        if fid in _RESERVED:
            _fail(where, "this name is reserved")
        kind = table.get("type")
        if kind not in FIELD_TYPES:
            _fail(where, f"type {kind!r} is not one of {', '.join(FIELD_TYPES)}")
        if not isinstance(table.get("label"), str) or not table["label"].strip():
            _fail(where, "missing label")
        if kind == "text" and not (isinstance(table.get("max"), int) and table["max"] > 0):
            _fail(where, "a text field needs max (a whole number of characters)")
        options = _options(table.get("options"), data, where) if kind == "choice" else ()
        fields[fid] = Field(
            fid,
            kind,
            table["label"],
            table.get("hint"),
            table.get("max"),
            options,
            tuple(table.get("required", ())),
            table.get("not_before"),
        )
    for f in fields.values():
        if f.not_before is not None and (f.not_before not in fields or fields[f.not_before].type != "date"):
            _fail(f"field {f.id!r}", f"not_before: {f.not_before!r} is not a date field")
    types: dict[str, EventType] = {}
    for tid, table in (data.get("types") or {}).items():
        where = f"type {tid!r}"
        listed = table.get("fields")
        if not isinstance(listed, list) or not listed or "date" not in listed:
            _fail(where, "fields must be a list of field ids that includes 'date'")
        for fid in listed:
            if fid not in fields:
                _fail(where, f"fields: {fid!r} is not a [fields] entry")
        types[tid] = EventType(tid, str(table.get("label", "")), str(table.get("summary", "")), tuple(listed))
        if not types[tid].label or not types[tid].summary:
            _fail(where, "missing label or summary")
    for f in fields.values():
        for tid in f.required:
            if tid not in types or f.id not in types[tid].fields:
                _fail(f"field {f.id!r}", f"required: {tid!r} is not a type that has this field")
    clocks = data.get("clocks")
    if not isinstance(clocks, dict):
        _fail("clocks", "missing [clocks]")
    for key in ("from_receipt", "from_request"):
        for rule_id in clocks.get(key, []):
            if rule_id not in rules or rules[rule_id]["kind"] != "decision":
                _fail("clocks", f"{key}: {rule_id!r} is not a decision rule in rules.toml")
    both = set(clocks.get("from_receipt", [])) & set(clocks.get("from_request", []))
    if both:
        _fail("clocks", f"{sorted(both)[0]!r} is in both from_receipt and from_request")
    for level_id in clocks.get("late", {}):
        if level_id not in levels:
            _fail("clocks.late", f"{level_id!r} is not an appeal level")
    for key in ("ask", "promise_passed"):
        if not isinstance(clocks.get(key), str):
            _fail("clocks", f"missing {key}")
    return EventFormat(data["schema"], data["max_events"], types, fields, dict(levels), clocks)


@cache
def load_format(lang: str = "en") -> EventFormat:
    """The packaged event format, checked once per language against the appeal map and the rules;
    its labels and texts in `lang`."""
    from .appeal_map import load_map
    from .rules import load_rules

    text = resources.files(__package__).joinpath("data/events.toml").read_text("utf-8")
    levels = {lid: level.name for lid, level in load_map(lang).levels.items()}
    fmt = parse_format(text, levels, load_rules(lang)["rules"], lang)
    # every decision rule the appeal map uses must say where its clock starts
    counted = set(fmt.clocks.get("from_receipt", [])) | set(fmt.clocks.get("from_request", []))
    for level in load_map().levels.values():
        for _, rule_id in level.decision:
            if rule_id not in counted:
                _fail(
                    "clocks",
                    f"decision rule {rule_id!r} (level {level.id!r}) is in neither from_receipt nor from_request",
                )
    return fmt


def event_schema(lang: str = "en") -> dict:
    """The format as the page needs it to build its forms: JSON-ready, its text in `lang`."""
    fmt = load_format(lang)
    return {
        "schema": fmt.schema,
        "max_events": fmt.max_events,
        "types": [
            {"id": t.id, "label": t.label, "summary": t.summary, "fields": list(t.fields)} for t in fmt.types.values()
        ],
        "fields": {
            f.id: {
                "type": f.type,
                "label": f.label,
                "hint": f.hint,
                "max": f.max,
                "options": [
                    {"id": i, "label": label} for i, label in (f.options if f.type != "level" else fmt.levels.items())
                ],
                "required": list(f.required),
                "not_before": f.not_before,
            }
            for f in fmt.fields.values()
        },
    }


def _value(f: Field, value, fmt: EventFormat, m: Messages):
    """The cleaned value, or raise ValueError with the problem in plain words (in `m`'s language)."""
    if f.type == "date":
        try:
            return parse_date(value, f.id).isoformat()
        except AnswersError:
            raise ValueError(m("event_date", value=repr(value))) from None
    if f.type == "time":
        if not isinstance(value, str) or not _TIME.fullmatch(value):
            raise ValueError(m("event_time", value=repr(value)))
        return value
    if f.type == "boolean":
        if not isinstance(value, bool):
            raise ValueError(m("event_boolean", value=repr(value)))
        return value
    if f.type == "choice":
        ids = [i for i, _ in f.options]
        if value not in ids:
            raise ValueError(m("event_choice", value=repr(value), ids=", ".join(ids)))
        return value
    if f.type == "level":
        if value not in fmt.levels:
            raise ValueError(m("event_level", value=repr(value)))
        return value
    if not isinstance(value, str):
        raise ValueError(m("event_text", kind=type(value).__name__))
    value = value.strip()
    if len(value) > f.max:
        raise ValueError(m("event_text_long", length=f"{len(value):,}", max=f"{f.max:,}"))
    return value


def _error(index: int | None, etype, field: str | None, problem: str, m: Messages) -> dict:
    name = m("event_name", number=index + 1) if index is not None else m("events_name")
    if isinstance(etype, str) and etype in load_format().types:
        name += f" ({etype})"
    where = f"{field}: " if field else ""
    return {
        "index": index,
        "type": etype if isinstance(etype, str) else None,
        "field": field,
        "problem": problem,
        "message": f"{name}: {where}{problem}",
    }


def _check_one(index: int, raw, fmt: EventFormat, seen_ids: set, m: Messages) -> tuple[dict | None, list[dict]]:
    if not isinstance(raw, dict):
        return None, [_error(index, None, None, m("event_not_object"), m)]
    etype = raw.get("type")
    if etype not in fmt.types:
        return None, [_error(index, None, "type", m("event_choice", value=repr(etype), ids=", ".join(fmt.types)), m)]
    kind = fmt.types[etype]
    errors: list[dict] = []
    event: dict = {"type": etype}
    if "id" in raw:
        eid = raw["id"]
        if not isinstance(eid, str) or not _EVENT_ID.fullmatch(eid):
            errors.append(_error(index, etype, "id", m("event_id_format"), m))
        elif eid in seen_ids:
            errors.append(_error(index, etype, "id", m("event_id_used", value=repr(eid)), m))
        else:
            seen_ids.add(eid)
            event["id"] = eid
    for key in raw:
        if key not in _RESERVED and key not in kind.fields:
            errors.append(_error(index, etype, key, m("event_field_unknown", fields=", ".join(kind.fields)), m))
    for fid in kind.fields:
        f = fmt.fields[fid]
        value = raw.get(fid)
        if value is None or value == "":
            if etype in f.required:
                errors.append(_error(index, etype, fid, m("event_required"), m))
            continue
        try:
            cleaned = _value(f, value, fmt, m)
        except ValueError as exc:
            errors.append(_error(index, etype, fid, str(exc), m))
            continue
        if cleaned == "":
            if etype in f.required:
                errors.append(_error(index, etype, fid, m("event_required"), m))
            continue
        event[fid] = cleaned
    for fid in kind.fields:
        f = fmt.fields[fid]
        earlier = event.get(f.not_before) if f.not_before else None
        if earlier and fid in event and event[fid] < earlier:
            errors.append(
                _error(index, etype, fid, m("event_before", value=event[fid], field=f.not_before, earlier=earlier), m)
            )
    return (None if errors else event), errors


def check_events(raw, lang: str = "en") -> tuple[list[dict], list[dict]]:
    """(the events that can be used, cleaned; one error per problem, in `lang`). None or [] is no events."""
    fmt = load_format()
    m = load_messages(lang)
    if raw is None:
        return [], []
    if not isinstance(raw, list):
        return [], [_error(None, None, None, m("events_not_list"), m)]
    errors: list[dict] = []
    if len(raw) > fmt.max_events:
        errors.append(
            _error(None, None, None, m("events_too_many", count=f"{len(raw):,}", max=f"{fmt.max_events:,}"), m)
        )
        raw = raw[: fmt.max_events]
    events: list[dict] = []
    seen: set[str] = set()
    for index, item in enumerate(raw):
        event, problems = _check_one(index, item, fmt, seen, m)
        errors.extend(problems)
        if event is not None:
            events.append(event)
    return events, errors
