"""State help (data/states.toml): who regulates the reader's plan, where external review goes.

Load and validate the data once (every problem is a ChecklistError naming the file, the state and
the field), then `state_help(values)` picks what the report shows for this reader. Only checked
facts are in the data: a fact without a source, a checked date or a basis fails the load, and a
"independent" fact needs two sources. A state with gaps keeps its gaps; nothing here fills them.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass
from functools import cache

from .i18n import localize
from .loader import ChecklistError, FieldCheck, read_data

DEFAULT = "data/states.toml"
SOURCE = f"checklist_engine/{DEFAULT}"
CODES = (
    "AL",
    "AK",
    "AZ",
    "AR",
    "CA",
    "CO",
    "CT",
    "DE",
    "DC",
    "FL",
    "GA",
    "HI",
    "ID",
    "IL",
    "IN",
    "IA",
    "KS",
    "KY",
    "LA",
    "ME",
    "MD",
    "MA",
    "MI",
    "MN",
    "MS",
    "MO",
    "MT",
    "NE",
    "NV",
    "NH",
    "NJ",
    "NM",
    "NY",
    "NC",
    "ND",
    "OH",
    "OK",
    "OR",
    "PA",
    "RI",
    "SC",
    "SD",
    "TN",
    "TX",
    "UT",
    "VT",
    "VA",
    "WA",
    "WV",
    "WI",
    "WY",
)
FACT_FIELDS = ("regulator", "website", "phone", "route", "review_name", "deadline", "assistance", "note")
LIST_FIELDS = ("prior_auth",)
BASES = ("official", "independent")
ROUTES = ("state", "federal")
FEDERAL_FIELDS = (
    "federal_deadline",
    "self_funded_reason",
    "self_funded_citation",
    "unknown_route",
    "shorter_note",
    "unconfirmed_deadline",
    "route_unknown",
    "route_federal",
    "route_state",
    "route_called",
    "route_depends",
    "not_state_plans",
    "deadline_text",
)
FEDERAL_MONTHS = 4
_URL = re.compile(r"^https://[a-z0-9-]+(\.[a-z0-9-]+)+(/[A-Za-z0-9._~%/?=&#+-]*)?$")
_SOURCE_URL = re.compile(r"^https?://[a-z0-9-]+(\.[a-z0-9-]+)+(/\S*)?$")
_PHONE = re.compile(r"^1-\d{3}-\d{3}-\d{4}$")


@dataclass(frozen=True)
class Fact:
    value: str
    basis: str
    sources: tuple[str, ...]
    checked: dt.date
    months: int | None = None  # deadline only
    days: int | None = None  # deadline only
    phone: str | None = None  # assistance only
    website: str | None = None  # assistance only

    def source_dict(self, field: str) -> dict:
        return {"field": field, "sources": list(self.sources), "checked": self.checked.isoformat(), "basis": self.basis}


@dataclass(frozen=True)
class State:
    code: str
    name: str
    regulator: Fact | None = None
    website: Fact | None = None
    phone: Fact | None = None
    route: Fact | None = None
    review_name: Fact | None = None
    deadline: Fact | None = None
    assistance: Fact | None = None
    note: Fact | None = None
    prior_auth: tuple[Fact, ...] = ()

    def facts(self) -> list[tuple[str, Fact]]:
        """Every published fact, with its field name, in a stable order."""
        found = [(f, getattr(self, f)) for f in FACT_FIELDS if getattr(self, f) is not None]
        return found + [("prior_auth", fact) for fact in self.prior_auth]

    def gaps(self) -> list[str]:
        return [f for f in ("regulator", "website", "phone", "route") if getattr(self, f) is None]


@dataclass(frozen=True)
class StateData:
    federal: dict  # plain strings from [federal], never changed after load
    states: dict  # code -> State, in CODES order

    def question_options(self) -> list[dict]:
        """The checklist's `state` question's options (`options_from = "states"`), by name."""
        return [{"id": code, "label": state.name} for code, state in self.states.items()]


def _fail(source: str, where: str, problem: str) -> ChecklistError:
    return ChecklistError(source, where, problem)


def _text(table: dict, key: str, source: str, where: str) -> str:
    return FieldCheck(source).text(table, key, where)


def _whole(value, source: str, where: str, key: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise _fail(source, where, f"{key!r} must be a whole number from 1")
    return value


def _check_url(value: str, source: str, where: str) -> None:
    if not _URL.match(value):
        raise _fail(source, where, f"{value!r} is not a web address like https://www.example.gov/")


def _check_phone(value: str, source: str, where: str) -> None:
    if not _PHONE.match(value):
        raise _fail(source, where, f"{value!r} is not a phone number like 1-800-555-0100")


def _fact(raw, field: str, source: str, where: str) -> Fact:
    where = f"{where} field {field!r}"
    if not isinstance(raw, dict):
        raise _fail(source, where, "a fact must be a table with value, basis, sources and checked")
    extra = {"deadline": {"months", "days"}, "assistance": {"phone", "website"}}.get(field, set())
    unknown = sorted(set(raw) - {"value", "basis", "sources", "checked"} - extra)
    if unknown:
        raise _fail(source, where, f"unknown key {unknown[0]!r}")
    value = _text(raw, "value", source, where)
    sources = raw.get("sources")
    if not isinstance(sources, list) or not sources:
        raise _fail(source, where, "a fact needs its sources (a list of URLs or statute cites)")
    for cite in sources:
        if not isinstance(cite, str) or not cite.strip():
            raise _fail(source, where, "every source must be a non-empty string")
        looks_like_url = re.match(r"^(https?\W|www\.)", cite) or "://" in cite
        if looks_like_url and not _SOURCE_URL.match(cite):
            raise _fail(source, where, f"source {cite!r} is not a well-formed web address")
    if len(set(sources)) != len(sources):
        raise _fail(source, where, "the same source is listed twice")
    checked = raw.get("checked")
    if "checked" not in raw:
        raise _fail(source, where, "a fact needs the date its sources were checked ('checked')")
    if not isinstance(checked, dt.date) or isinstance(checked, dt.datetime):
        raise _fail(source, where, "'checked' must be a date like 2026-11-27")
    basis = raw.get("basis")
    if basis not in BASES:
        raise _fail(source, where, f"'basis' must be one of {', '.join(BASES)}")
    if basis == "independent" and len(sources) < 2:
        raise _fail(source, where, "an 'independent' fact needs at least two sources")
    if field == "website":
        _check_url(value, source, where)
    if field == "phone":
        _check_phone(value, source, where)
    if field == "route" and value not in ROUTES:
        raise _fail(source, where, f"route must be one of {', '.join(ROUTES)}, not {value!r}")
    months = _whole(raw.get("months"), source, where, "months")
    days = _whole(raw.get("days"), source, where, "days")
    if field == "deadline" and (months is None) == (days is None):
        raise _fail(source, where, "a deadline needs exactly one of 'months' or 'days'")
    if field == "deadline" and months == FEDERAL_MONTHS:
        raise _fail(source, where, "record a state deadline only where it differs from 4 months")
    phone, website = raw.get("phone"), raw.get("website")
    if phone is not None:
        _check_phone(phone if isinstance(phone, str) else repr(phone), source, where)
    if website is not None:
        _check_url(website if isinstance(website, str) else repr(website), source, where)
    return Fact(value, basis, tuple(sources), checked, months, days, phone, website)


def _state(code: str, table, source: str) -> State:
    where = f"state {code!r}"
    if code not in CODES:
        raise _fail(source, where, "not a state or DC two-letter code")
    if not isinstance(table, dict):
        raise _fail(source, where, "must be a table")
    unknown = sorted(set(table) - {"name"} - set(FACT_FIELDS) - set(LIST_FIELDS))
    if unknown:
        raise _fail(source, where, f"unknown field {unknown[0]!r}")
    facts = {f: _fact(table[f], f, source, where) for f in FACT_FIELDS if f in table}
    prior = table.get("prior_auth", [])
    if not isinstance(prior, list):
        raise _fail(source, f"{where} field 'prior_auth'", "must be a list of facts")
    return State(
        code,
        _text(table, "name", source, where),
        **facts,
        prior_auth=tuple(_fact(p, "prior_auth", source, where) for p in prior),
    )


def parse_states(text: str, source: str, lang: str = "en") -> StateData:
    """Parse and validate states TOML text; source names the file in error messages."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise _fail(source, "file", f"not valid TOML: {exc}") from None
    data = localize(data, "states.toml", lang)
    unknown = sorted(set(data) - {"schema", "federal", "states"})
    if unknown:
        raise _fail(source, "file", f"unknown field {unknown[0]!r}")
    if data.get("schema") != 1:
        raise _fail(source, "file", "schema must be 1")
    federal = data.get("federal")
    if not isinstance(federal, dict):
        raise _fail(source, "federal", "missing [federal] table")
    extra = sorted(set(federal) - set(FEDERAL_FIELDS))
    if extra:
        raise _fail(source, "federal", f"unknown field {extra[0]!r}")
    federal = {key: _text(federal, key, source, "federal") for key in FEDERAL_FIELDS}
    raw = data.get("states")
    if not isinstance(raw, dict):
        raise _fail(source, "states", "missing [states] tables")
    states = {code: _state(code, raw[code], source) for code in raw}
    missing = [code for code in CODES if code not in states]
    if missing:
        raise _fail(source, f"state {missing[0]!r}", "missing: every state and DC needs an entry, even an empty one")
    return StateData(federal, {code: states[code] for code in CODES})


def load_states(path=None, lang: str = "en") -> StateData:
    """The packaged state data (validated once per language and cached), or the data in the given
    file; text in `lang`."""
    return _packaged(lang) if path is None else parse_states(*read_data(path, DEFAULT, ChecklistError), lang)


@cache
def _packaged(lang: str = "en") -> StateData:
    return parse_states(*read_data(None, DEFAULT, ChecklistError), lang)


# --- What the report shows -------------------------------------------------------------------

NOT_STATE_PLANS = ("medicare_advantage", "traditional_medicare", "medicaid")


def _route_for_state(state: State, federal: dict) -> dict:
    if state.route is None:
        return {
            "id": "unknown",
            "name": None,
            "text": federal["route_unknown"].format(state=state.name) + " " + federal["unknown_route"],
        }
    if state.route.value == "federal":
        return {
            "id": "federal",
            "name": None,
            "text": federal["route_federal"].format(state=state.name) + " " + federal["unknown_route"],
        }
    name = state.review_name.value if state.review_name else None
    called = " " + federal["route_called"].format(name=name) if name else ""
    return {
        "id": "state",
        "name": name,
        "text": federal["route_state"].format(state=state.name) + called,
    }


def _deadline(state: State, federal: dict) -> dict | None:
    fact = state.deadline
    if fact is None:
        return None
    longer = (fact.months or 0) > FEDERAL_MONTHS or (fact.days or 0) > 123  # 4 months is at most 123 days
    text = federal["deadline_text"].format(state=state.name, rule=fact.value, federal=federal["federal_deadline"])
    return {
        "text": text,
        "state_rule": fact.value,
        "months": fact.months,
        "days": fact.days,
        "federal": federal["federal_deadline"],
        "longer_than_federal": longer,
        "note": None if longer else federal["shorter_note"],
    }


def state_help(values: dict, data: StateData | None = None) -> dict | None:
    """What the report shows about the reader's state, or None if no state was given.

    `values` holds the reader's answers: `state` (two-letter code), `plan_type`, `plan_funding`.
    Each fact appears only if it was confirmed; `gaps` names what is missing. Raises ValueError
    for a state code that is not one of the 50 states or DC.
    """
    code = values.get("state")
    if code in (None, "", "unknown"):
        return None
    data = data or load_states()
    if not isinstance(code, str) or code.upper() not in data.states:
        raise ValueError(f"state {code!r} is not a two-letter code of a US state or DC")
    state = data.states[code.upper()]
    federal = data.federal
    plan_type, funding = values.get("plan_type"), values.get("plan_funding")

    regulator = None
    if state.regulator or state.website or state.phone:
        regulator = {
            "name": state.regulator.value if state.regulator else None,
            "website": state.website.value if state.website else None,
            "phone": state.phone.value if state.phone else None,
        }

    state_route = _route_for_state(state, federal)
    deadline = _deadline(state, federal)
    if plan_type in NOT_STATE_PLANS:
        route = {
            "id": "not_applicable",
            "name": None,
            "text": federal["not_state_plans"],
        }
        deadline = None
    elif plan_type == "employer" and funding == "self_funded":
        route = {
            "id": "federal_self_funded",
            "name": None,
            "text": federal["self_funded_reason"],
            "citation": federal["self_funded_citation"],
        }
        deadline = None
    elif plan_type == "individual" or (plan_type == "employer" and funding == "fully_insured"):
        route = state_route
    else:  # plan type or funding unknown: show both possibilities
        route = {
            "id": "depends",
            "name": state_route["name"],
            "text": federal["route_depends"] + " " + state_route["text"],
            "citation": federal["self_funded_citation"],
        }
    if route["id"] not in ("state", "depends"):
        deadline = None  # the state's own deadline is not this reader's
    deadline_note = None
    state_process = state.route is None or state.route.value == "state"
    if deadline is None and state_process and route["id"] in ("state", "depends", "unknown"):
        deadline_note = federal["unconfirmed_deadline"]

    assistance = None
    if state.assistance:
        assistance = {
            "name": state.assistance.value,
            "phone": state.assistance.phone,
            "website": state.assistance.website,
        }
    return {
        "state": state.code,
        "state_name": state.name,
        "regulator": regulator,
        "route": route,
        "state_deadline": deadline,
        "deadline_note": deadline_note,
        "assistance": assistance,
        "prior_auth": [fact.value for fact in state.prior_auth],
        "note": state.note.value if state.note else None,
        "gaps": state.gaps(),
        "sources": [fact.source_dict(field) for field, fact in state.facts()],
    }
