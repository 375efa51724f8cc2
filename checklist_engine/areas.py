"""Body areas (data/body_areas.toml): what the scan is for, and what doctors and plans look for there.

Per area: optional reasons (head: headache or head injury), warning signs (the `red_flags` options
for that area), conservative care (with a week count only where a source gives one), the earlier
test that usually comes first, what the criteria usually say, and what the doctor should document.
Every fact names its sources; the loader refuses the file otherwise. Pure data, frozen; no I/O
except reading the packaged file once.

    >>> from checklist_engine.areas import load_areas
    >>> view = load_areas().view("knee", "long_term_pain")
    >>> [test.test for test in view.prior_tests]
    ['X-ray of the knee']
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import asdict, dataclass
from functools import cache

from .i18n import localize
from .loader import ChecklistError, FieldCheck, read_data

DEFAULT = "data/body_areas.toml"
SOURCE_KINDS = ("acr", "decision_rule", "guideline", "review", "choosing_wisely", "study", "payer", "index")
CONFIDENCE = ("V", "V2")  # [U] facts are never published: check them first or leave them out
RESERVED_SIGN_IDS = ("none",)  # the red_flags question's own "None of these" option
FACT_LISTS = ("warning_signs", "conservative_care", "prior_tests", "criteria", "document")

_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_GUIDE = re.compile(r"^guides/[a-z0-9-]+/$")
_URL = re.compile(r"^https?://[^\s]+$")
_NUMBER_WORDS = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
# A week count in prose ("6 weeks", "4-6 weeks", "six weeks", "6-week"): only `weeks` may hold one.
_WEEK_COUNT = re.compile(rf"\b(\d+|{_NUMBER_WORDS})(\s*(-|to|or)\s*(\d+|{_NUMBER_WORDS}))?[\s-]*weeks?\b", re.I)


class AreasError(ChecklistError):
    """The body-area data is wrong. The message names the file, the area (or source) and the problem."""


# ----------------------------------------------------------------------------------- the data


@dataclass(frozen=True)
class Source:
    id: str
    kind: str
    title: str
    confidence: str
    year: int | None = None
    citation: str | None = None
    url: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Reason:
    id: str
    label: str
    guide: str | None = None


@dataclass(frozen=True)
class WarningSign:
    """A sign doctors look for. `label` is the reader's checkbox; `letter` the phrase in a letter."""

    id: str
    label: str
    letter: str
    sources: tuple[str, ...]
    reasons: tuple[str, ...] = ()
    get_care_now: str | None = None  # the source that says this sign needs care right away


@dataclass(frozen=True)
class ConservativeCare:
    id: str
    text: str
    sources: tuple[str, ...]
    reasons: tuple[str, ...] = ()
    weeks: int | None = None
    weeks_source: str | None = None


@dataclass(frozen=True)
class PriorTest:
    id: str
    test: str
    text: str
    sources: tuple[str, ...]
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True)
class Fact:
    """What the criteria usually say (`criteria`) or what the doctor should document (`document`)."""

    id: str
    text: str
    sources: tuple[str, ...]
    reasons: tuple[str, ...] = ()


def _applies(fact, reason: str | None) -> bool:
    return not fact.reasons or reason in fact.reasons


@dataclass(frozen=True)
class AreaView:
    """One area for one reason: only the facts that apply. What the report and letters read."""

    area: str
    reason: str | None
    label: str
    letter_name: str | None
    guide: str
    warning_signs: tuple[WarningSign, ...]
    conservative_care: tuple[ConservativeCare, ...]
    prior_tests: tuple[PriorTest, ...]
    criteria: tuple[Fact, ...]
    document: tuple[Fact, ...]

    def sign_ids(self) -> tuple[str, ...]:
        return tuple(sign.id for sign in self.warning_signs)

    def as_dict(self) -> dict:
        """JSON-ready: what the report, the letters and the page read."""
        return asdict(self)

    def source_ids(self) -> tuple[str, ...]:
        """Every source the view's facts cite, in first-cited order."""
        seen: dict[str, None] = {}
        for name in FACT_LISTS:
            for fact in getattr(self, name):
                seen.update(dict.fromkeys(fact.sources))
        return tuple(seen)


@dataclass(frozen=True)
class Area:
    id: str
    label: str
    letter_name: str | None = None  # "of the knee": the appeal letter says "an MRI of the knee"
    guide: str | None = None
    reason_question: str | None = None
    reasons: tuple[Reason, ...] = ()
    warning_signs: tuple[WarningSign, ...] = ()
    conservative_care: tuple[ConservativeCare, ...] = ()
    prior_tests: tuple[PriorTest, ...] = ()
    criteria: tuple[Fact, ...] = ()
    document: tuple[Fact, ...] = ()

    def reason_ids(self) -> tuple[str, ...]:
        return tuple(r.id for r in self.reasons)

    def guide_for(self, reason: str | None = None) -> str:
        for r in self.reasons:
            if r.id == reason and r.guide:
                return r.guide
        if self.guide:
            return self.guide
        raise KeyError(f"area {self.id!r} has a guide per reason: name one of {', '.join(self.reason_ids())}")

    def view(self, reason: str | None = None) -> AreaView:
        """The facts for this reason (None: the facts common to every reason)."""
        if reason is not None and reason not in self.reason_ids():
            raise KeyError(f"area {self.id!r} has no reason {reason!r}")
        if reason is None and self.guide is None:
            raise KeyError(f"area {self.id!r}: choose a reason ({', '.join(self.reason_ids())})")
        return AreaView(
            area=self.id,
            reason=reason,
            label=self.label,
            letter_name=self.letter_name,
            guide=self.guide_for(reason),
            **{name: tuple(f for f in getattr(self, name) if _applies(f, reason)) for name in FACT_LISTS},
        )


@dataclass(frozen=True)
class BodyAreas:
    version: str
    source: str
    question: str
    sources: tuple[Source, ...]
    areas: tuple[Area, ...]

    def area_ids(self) -> tuple[str, ...]:
        return tuple(a.id for a in self.areas)

    def area(self, area_id: str) -> Area:
        for area in self.areas:
            if area.id == area_id:
                return area
        raise KeyError(f"no body area {area_id!r}")

    def source_by_id(self, source_id: str) -> Source:
        for source in self.sources:
            if source.id == source_id:
                return source
        raise KeyError(f"no source {source_id!r}")

    def view(self, area_id: str, reason: str | None = None) -> AreaView:
        return self.area(area_id).view(reason)

    def as_dict(self) -> dict:
        """JSON-ready: the question, every source and every area with all its facts."""
        return asdict(self)

    def options(self) -> list[dict]:
        """The options of the question "What is the scan for?": [{"id", "label"}]."""
        return [{"id": a.id, "label": a.label} for a in self.areas]

    def question_options(self, name: str) -> list[dict]:
        """Options for a checklist question (its `options_from`), as checklist TOML option tables:
        "body_areas": the areas; "reasons:<area>": that area's reasons; "warning_signs": every
        area's signs, each shown only for its own area (and reasons), with its option id."""
        if name == "body_areas":
            return self.options()
        if name.startswith("reasons:"):
            area = self.area(name.split(":", 1)[1])
            if not area.reasons:
                raise KeyError(f"area {area.id!r} has no reasons")
            return [{"id": r.id, "label": r.label} for r in area.reasons]
        if name == "warning_signs":
            out = []
            for area in self.areas:
                for sign in area.warning_signs:
                    show_if = f"{AREA_QUESTION} == '{area.id}'"
                    if sign.reasons:
                        listed = ", ".join(f"'{r}'" for r in sign.reasons)
                        show_if += f" and {reason_question_id(area.id)} in [{listed}]"
                    out.append({"id": sign_option(area.id, sign.id), "label": sign.label, "show_if": show_if})
            return out
        raise KeyError(f"no options named {name!r} (body_areas, reasons:<area>, warning_signs)")

    def current(self, values: dict) -> AreaView | None:
        """The area view for a set of (effective) answers: None on the generic path (no area
        answered, or an area whose reason decides its guide and no reason answered)."""
        area_id = values.get(AREA_QUESTION)
        if area_id is None:
            return None
        area = self.area(area_id)
        reason = values.get(reason_question_id(area.id)) if area.reasons else None
        if reason is None and area.guide is None:
            return None
        return area.view(reason)


# ----------------------------------------------------------------------------------- the answers

AREA_QUESTION = "body_area"  # the checklist question "What is the scan for?"
SIGNS_QUESTION = "red_flags"  # its warning signs, every area's in one question
LEGACY_AREA = "low_back"  # the only area before body areas: saved answers use its sign ids as they are


def reason_question_id(area_id: str) -> str:
    """The checklist question that asks this area's reason: "head" -> "head_reason"."""
    return f"{area_id}_reason"


def sign_option(area_id: str, sign_id: str) -> str:
    """The `red_flags` option id of an area's sign: low back keeps its ids; others are prefixed
    with the area ("knee_infection"), since areas share sign ids such as "infection"."""
    return sign_id if area_id == LEGACY_AREA else f"{area_id}_{sign_id}"


def chosen_signs(view: AreaView | None, values: dict) -> tuple[WarningSign, ...]:
    """The view's signs the reader ticked (a sign of another area never counts)."""
    if view is None:
        return ()
    ticked = set(values.get(SIGNS_QUESTION) or ())
    return tuple(s for s in view.warning_signs if sign_option(view.area, s.id) in ticked)


def from_a_plan_only(fact, areas: BodyAreas) -> bool:
    """Whether every source of a fact is one plan's own policy (kind "payer"): the site words such
    a fact as a plan's policy, never as what doctors do."""
    return all(areas.source_by_id(sid).kind == "payer" for sid in fact.sources)


def usual_weeks(view: AreaView | None, areas: BodyAreas) -> tuple[ConservativeCare, Source] | None:
    """The area's sourced week count of treatment before a scan, from a guideline, review or study;
    one plan's own policy (kind "payer") does not count as what plans usually expect. None: no count."""
    if view is None:
        return None
    for fact in view.conservative_care:
        if fact.weeks is not None:
            source = areas.source_by_id(fact.weeks_source)
            if source.kind != "payer":
                return fact, source
    return None


# ----------------------------------------------------------------------------------- validation


class _Check(FieldCheck):
    """Field checks that raise AreasError naming the file, the place and the problem."""

    error = AreasError

    def ident(self, table: dict, where: str) -> str:
        value = self.text(table, "id", where)
        if not _ID.match(value):
            self.fail(where, f"id {value!r} must be lower_snake_case")
        return value

    def no_week_count(self, value: str, where: str, field: str) -> None:
        match = _WEEK_COUNT.search(value)
        if match:
            self.fail(
                where,
                f"{field} states a week count ({match.group(0)!r}) outside `weeks`: "
                "put the number in `weeks` with its `weeks_source`, or leave it out",
            )


def _source(table: dict, check: _Check) -> Source:
    where = f"source {table.get('id', '?')!r}"
    check.fields(table, ("id", "kind", "title", "year", "citation", "url", "confidence", "note"), where)
    sid = check.ident(table, where)
    kind = check.text(table, "kind", where)
    if kind not in SOURCE_KINDS:
        check.fail(where, f"kind {kind!r} is not one of {', '.join(SOURCE_KINDS)}")
    confidence = check.text(table, "confidence", where)
    if confidence not in CONFIDENCE:
        check.fail(
            where,
            f"confidence {confidence!r} cannot be published (only {' or '.join(CONFIDENCE)}): "
            "check the fact first, or leave it out",
        )
    year = table.get("year")
    if year is not None and (isinstance(year, bool) or not isinstance(year, int) or not 1900 <= year <= 2100):
        check.fail(where, "year must be a four-digit number")
    url = check.text(table, "url", where, required=False)
    if url is not None and not _URL.match(url):
        check.fail(where, f"url {url!r} must start with https:// or http://")
    if kind == "acr" and (year is None or url is None):
        check.fail(where, "an ACR topic needs its year and a link (url)")
    return Source(
        sid,
        kind,
        check.text(table, "title", where),
        confidence,
        year,
        check.text(table, "citation", where, required=False),
        url,
        check.text(table, "note", where, required=False),
    )


def _sources_of(table: dict, known: set[str], check: _Check, where: str) -> tuple[str, ...]:
    value = table.get("sources")
    if value is None or value == []:
        check.fail(where, "has no source: every fact needs `sources`")
    if not isinstance(value, list) or not all(isinstance(s, str) for s in value):
        check.fail(where, "sources must be a list of source ids")
    for sid in value:
        if sid not in known:
            check.fail(where, f"unknown source {sid!r}")
    if len(set(value)) != len(value):
        check.fail(where, "a source is listed twice")
    return tuple(value)


def _reasons_of(table: dict, area_reasons: tuple[str, ...], check: _Check, where: str) -> tuple[str, ...]:
    value = table.get("reasons")
    if value is None:
        return ()
    if not area_reasons:
        check.fail(where, "has reasons, but its area has none")
    if not isinstance(value, list) or not value or not all(isinstance(r, str) for r in value):
        check.fail(where, "reasons must be a non-empty list of reason ids")
    for rid in value:
        if rid not in area_reasons:
            check.fail(where, f"unknown reason {rid!r} (the area's reasons: {', '.join(area_reasons)})")
    return tuple(value)


def _cited(table: dict, field: str, sources: tuple[str, ...], known: set[str], check: _Check, where: str) -> str | None:
    """A field whose value is a source id that must also be among the fact's own sources."""
    value = check.text(table, field, where, required=False)
    if value is None:
        return None
    if value not in known:
        check.fail(where, f"{field}: unknown source {value!r}")
    if value not in sources:
        check.fail(where, f"{field}: source {value!r} is not among the fact's sources")
    return value


def _fact(kind: str, table: dict, known: set[str], reasons: tuple[str, ...], check: _Check, area: str):
    where = f"area {area!r} {kind} {table.get('id', '?')!r}"
    common = ("id", "sources", "reasons")
    fid = check.ident(table, where)
    if kind == "warning_signs":
        check.fields(table, common + ("label", "letter", "get_care_now"), where)
        if fid in RESERVED_SIGN_IDS:
            check.fail(where, f"id {fid!r} is reserved for the answer 'None of these'")
        sources = _sources_of(table, known, check, where)
        label, letter = check.text(table, "label", where), check.text(table, "letter", where)
        for field, value in (("label", label), ("letter", letter)):
            check.no_week_count(value, where, field)
        return WarningSign(
            fid,
            label,
            letter,
            sources,
            _reasons_of(table, reasons, check, where),
            _cited(table, "get_care_now", sources, known, check, where),
        )
    if kind == "conservative_care":
        check.fields(table, common + ("text", "weeks", "weeks_source"), where)
        sources = _sources_of(table, known, check, where)
        text = check.text(table, "text", where)
        check.no_week_count(text, where, "text")
        weeks = table.get("weeks")
        weeks_source = _cited(table, "weeks_source", sources, known, check, where)
        if weeks is not None:
            if isinstance(weeks, bool) or not isinstance(weeks, int) or weeks <= 0:
                check.fail(where, "weeks must be a positive whole number")
            if weeks_source is None:
                check.fail(where, f"states {weeks} weeks without a source: add `weeks_source`, or leave the number out")
        elif weeks_source is not None:
            check.fail(where, "weeks_source without weeks")
        return ConservativeCare(fid, text, sources, _reasons_of(table, reasons, check, where), weeks, weeks_source)
    if kind == "prior_tests":
        check.fields(table, common + ("test", "text"), where)
        sources = _sources_of(table, known, check, where)
        test, text = check.text(table, "test", where), check.text(table, "text", where)
        check.no_week_count(text, where, "text")
        return PriorTest(fid, test, text, sources, _reasons_of(table, reasons, check, where))
    check.fields(table, common + ("text",), where)
    sources = _sources_of(table, known, check, where)
    text = check.text(table, "text", where)
    check.no_week_count(text, where, "text")
    return Fact(fid, text, sources, _reasons_of(table, reasons, check, where))


def _area(table: dict, known: set[str], check: _Check) -> Area:
    where = f"area {table.get('id', '?')!r}"
    check.fields(table, ("id", "label", "letter_name", "guide", "reason_question", "reasons") + FACT_LISTS, where)
    aid = check.ident(table, where)
    guide = check.text(table, "guide", where, required=False)
    if guide is not None and not _GUIDE.match(guide):
        check.fail(where, f"guide {guide!r} must be a site path like 'guides/knee-mri/'")
    reasons: list[Reason] = []
    for raw in check.tables(table, "reasons", where):
        rwhere = f"{where} reason {raw.get('id', '?')!r}"
        check.fields(raw, ("id", "label", "guide"), rwhere)
        rguide = check.text(raw, "guide", rwhere, required=False)
        if rguide is not None and not _GUIDE.match(rguide):
            check.fail(rwhere, f"guide {rguide!r} must be a site path like 'guides/knee-mri/'")
        reasons.append(Reason(check.ident(raw, rwhere), check.text(raw, "label", rwhere), rguide))
    reason_ids = tuple(r.id for r in reasons)
    if len(set(reason_ids)) != len(reason_ids):
        check.fail(where, f"duplicate reason id {next(r for r in reason_ids if reason_ids.count(r) > 1)!r}")
    reason_question = check.text(table, "reason_question", where, required=False)
    if reasons and reason_question is None:
        check.fail(where, "has reasons but no reason_question")
    if reason_question is not None and not reasons:
        check.fail(where, "has a reason_question but no reasons")
    if guide is None and (not reasons or any(r.guide is None for r in reasons)):
        check.fail(where, "needs a guide (or a guide for every reason)")

    facts: dict[str, tuple] = {}
    seen: set[str] = set()
    for kind in FACT_LISTS:
        items = []
        for raw in check.tables(table, kind, where):
            fact = _fact(kind, raw, known, reason_ids, check, aid)
            if fact.id in seen:
                check.fail(f"{where} {kind} {fact.id!r}", "duplicate id in this area")
            seen.add(fact.id)
            items.append(fact)
        facts[kind] = tuple(items)
    return Area(
        aid,
        check.text(table, "label", where),
        check.text(table, "letter_name", where, required=False),
        guide,
        reason_question,
        tuple(reasons),
        **facts,
    )


def parse_areas(text: str, source: str, lang: str = "en") -> BodyAreas:
    """Parse and validate body-area TOML text; `source` names the file in error messages."""
    check = _Check(source)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise AreasError(source, "file", f"not valid TOML: {exc}") from None
    data = localize(data, "body_areas.toml", lang)
    check.fields(data, ("version", "question", "sources", "areas"), "file")
    version = check.text(data, "version", "file")
    question = check.text(data, "question", "file")

    sources: list[Source] = []
    for raw in check.tables(data, "sources", "file"):
        src = _source(raw, check)
        if any(s.id == src.id for s in sources):
            check.fail(f"source {src.id!r}", "duplicate id")
        sources.append(src)
    known = {s.id for s in sources}

    areas: list[Area] = []
    for raw in check.tables(data, "areas", "file"):
        area = _area(raw, known, check)
        if any(a.id == area.id for a in areas):
            check.fail(f"area {area.id!r}", "duplicate id")
        areas.append(area)
    if not areas:
        check.fail("file", "needs at least one area")

    cited = {sid for area in areas for kind in FACT_LISTS for fact in getattr(area, kind) for sid in fact.sources}
    unused = [s.id for s in sources if s.id not in cited]
    if unused:
        check.fail(f"source {unused[0]!r}", "is not cited by any fact: cite it or remove it")
    return BodyAreas(version, source, question, tuple(sources), tuple(areas))


def load_areas(path=None, lang: str = "en") -> BodyAreas:
    """The packaged body areas (validated once per language and cached), or the areas in the given
    file; text in `lang`."""
    return _packaged(lang) if path is None else parse_areas(*read_data(path, DEFAULT, AreasError), lang)


@cache
def _packaged(lang: str = "en") -> BodyAreas:
    return parse_areas(*read_data(None, DEFAULT, AreasError), lang)
