"""Call scripts and the peer-to-peer preparation sheet, built from the answers.

The scripts are data (data/scripts.toml), checked once at load time: every problem is a
ScriptsError naming the file, the script and the field. `scripts(answers, today)` picks the
scripts that apply to the reader (their appeal-map path and their `when` condition) and fills them
in; `p2p_sheet(answers, report)` is one page for the doctor who makes a peer-to-peer call. What
the reader typed is inserted as text in one pass of str.format and never read as a template.

    >>> import datetime as dt
    >>> [s["id"] for s in scripts({"plan_type": "traditional_medicare"}, dt.date(2026, 3, 2))]
    ['medicare_reason']
"""

from __future__ import annotations

import datetime as dt
import string
import tomllib
from dataclasses import dataclass
from functools import cache

from . import conditions
from .answers import normalize
from .appeal_map import AppealMap, Position, load_map, position
from .areas import chosen_signs, load_areas
from .deadlines import long_date
from .events import load_format
from .i18n import localize
from .letter import LETTERS, REASON_SUMMARY, _scan, area_view, to_doctor
from .loader import ChecklistError, FieldCheck, _check_refs, load_checklist, read_data
from .messages import Messages, load_messages
from .model import Checklist
from .rules import load_rules
from .visibility import effective_answers

DEFAULT = "data/scripts.toml"
# The placeholders a script's text may use (filled by _fields).
FIELDS = (
    "plan",
    "doctor",
    "office",
    "scan",
    "denial_date",
    "final_date",
    "reason",
    "member_label",
    "member_id",
    "claim_number",
    "card",
    "p2p_deadline",
    "decide_fast",
)
_SCRIPT_FIELDS = (
    "id",
    "title",
    "call",
    "who",
    "number",
    "paths",
    "when",
    "have",
    "have_also",
    "say",
    "write_down",
    "basis",
    "basis_if",
    "note",
    "specific_reason",
)
_TEMPLATED = ("title", "call", "number", "note")


class ScriptsError(ChecklistError):
    """The call-script data is wrong. The message names the file, the script and the field."""


@dataclass(frozen=True)
class Have:
    id: str
    label: str
    answer: str
    where: str


@dataclass(frozen=True)
class Line:
    text: str
    when: conditions.Node | None = None


@dataclass(frozen=True)
class Script:
    id: str
    title: str
    call: str
    who: str  # who the call is to, an id of the appeal file's `who` options (data/events.toml)
    number: str
    paths: tuple[str, ...]
    when: conditions.Node | None
    have: tuple[str, ...]
    have_also: tuple[str, ...]
    say: tuple[Line, ...]
    write_down: tuple[str, ...]
    basis: tuple[tuple[str, str], ...] = ()
    note: str | None = None
    basis_if: tuple[Line, ...] = ()
    specific_reason: bool = False


@dataclass(frozen=True)
class Scripts:
    version: str
    source: str
    write_down: tuple[str, ...]
    have: dict  # id -> Have (never changed after load)
    scripts: tuple[Script, ...]
    sheet_paths: tuple[str, ...] = ()
    sheet_when: conditions.Node | None = None


# ----------------------------------------------------------------------------------- validation


class _Check(FieldCheck):
    error = ScriptsError

    def strings(self, table: dict, key: str, where: str, required: bool = False) -> tuple[str, ...]:
        if key not in table:
            if required:
                self.fail(where, f"missing field {key!r}")
            return ()
        value = table[key]
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            self.fail(where, f"field {key!r} must be a list of non-empty strings")
        return tuple(value)

    def placeholders(self, text: str, where: str, field: str) -> None:
        try:
            parts = [(name, spec, conv) for _, name, spec, conv in string.Formatter().parse(text) if name is not None]
        except ValueError as exc:
            self.fail(where, f"field {field!r}: {exc} (write {{{{ for a brace)")
        for name, spec, conv in parts:
            if spec or conv:
                self.fail(where, f"field {field!r}: {{{name}}} takes no format or conversion (write {{{name}}} alone)")
            if name not in FIELDS:
                self.fail(where, f"field {field!r}: unknown placeholder {{{name}}} (one of {', '.join(FIELDS)})")

    def condition(self, text, where: str, field: str, questions: dict) -> conditions.Node | None:
        if text is None:
            return None
        if not isinstance(text, str):
            self.fail(where, f"field {field!r} must be a condition (a string)")
        try:
            node = conditions.parse(text)
        except conditions.ConditionError as exc:
            self.fail(where, f"field {field!r}: {exc}")
        try:
            _check_refs(node, questions, self.source, where, field)
        except ChecklistError as exc:
            self.fail(where, exc.problem)
        return node


def _have(hid: str, table, check: _Check, questions: dict) -> Have:
    where = f"have {hid!r}"
    check.fields(table, ("label", "answer", "where"), where)
    label = check.text(table, "label", where)
    check.placeholders(label, where, "label")
    answer = check.text(table, "answer", where)
    if answer not in questions:
        check.fail(where, f"answer: {answer!r} is not a question of the checklist")
    found = check.text(table, "where", where)
    check.placeholders(found, where, "where")
    return Have(hid, label, answer, found)


def _line(raw, n: int, check: _Check, where: str, questions: dict, name: str = "say") -> Line:
    field = f"{name}[{n}]"
    if isinstance(raw, str):
        if not raw.strip():
            check.fail(where, f"{field} is empty")
        check.placeholders(raw, where, field)
        return Line(raw)
    if not isinstance(raw, dict):
        check.fail(where, f"{field} must be a line or a table {{text, if}}")
    check.fields(raw, ("text", "if"), f"{where} {field}")
    text = check.text(raw, "text", f"{where} {field}")
    check.placeholders(text, where, field)
    return Line(text, check.condition(raw.get("if"), where, f"{field}.if", questions))


def _paths(table: dict, check: _Check, where: str, appeal_map: AppealMap) -> tuple[str, ...]:
    known = {p.id for p in appeal_map.paths}
    paths = check.strings(table, "paths", where)
    for pid in paths:
        if pid not in known:
            check.fail(where, f"paths: {pid!r} is not a path of appeal_map.toml ({', '.join(sorted(known))})")
    return paths


def _script(table, check: _Check, questions: dict, have: dict, appeal_map: AppealMap) -> Script:
    where = f"script {table.get('id', '?')!r}" if isinstance(table, dict) else "script"
    check.fields(table, _SCRIPT_FIELDS, where)
    sid = check.text(table, "id", where)
    if not sid.replace("_", "").isalnum() or not sid[0].isalpha() or sid != sid.lower():
        check.fail(where, "id must be lower_snake_case")
    texts = {key: check.text(table, key, where, required=key != "note") for key in _TEMPLATED}
    for key, text in texts.items():
        if text is not None:
            check.placeholders(text, where, key)
    who = check.text(table, "who", where)
    who_ids = [i for i, _ in load_format().fields["who"].options]
    if who not in who_ids:
        check.fail(where, f"who: {who!r} is not one of the appeal file's `who` options ({', '.join(who_ids)})")
    paths = _paths(table, check, where, appeal_map)
    have_ids = check.strings(table, "have", where, required=True)
    for hid in have_ids:
        if hid not in have:
            check.fail(where, f"have: {hid!r} is not a [have] entry ({', '.join(have)})")
    raw_say = table.get("say")
    if not isinstance(raw_say, list) or not raw_say:
        check.fail(where, "field 'say' must be a non-empty list of lines")
    say = tuple(_line(raw, n, check, where, questions) for n, raw in enumerate(raw_say))
    basis = table.get("basis", {})
    if not isinstance(basis, dict):
        check.fail(where, "field 'basis' must be a table {rights id = sentence}")
    for key, sentence in basis.items():
        if key not in appeal_map.rights:
            check.fail(
                where, f"basis: {key!r} is not a [rights] id of appeal_map.toml ({', '.join(appeal_map.rights)})"
            )
        if not isinstance(sentence, str) or not sentence.strip():
            check.fail(where, f"basis.{key} must be a non-empty sentence")
    raw_if = table.get("basis_if", [])
    if not isinstance(raw_if, list) or not all(isinstance(t, dict) for t in raw_if):
        check.fail(where, "field 'basis_if' must be a list of tables {text, if}")
    basis_if = tuple(_line(raw, n, check, where, questions, "basis_if") for n, raw in enumerate(raw_if))
    if any(line.when is None for line in basis_if):
        check.fail(where, "every basis_if line needs its `if` (use basis for a sentence that always applies)")
    specific = table.get("specific_reason", False)
    if not isinstance(specific, bool):
        check.fail(where, "field 'specific_reason' must be true or false")
    return Script(
        id=sid,
        title=texts["title"],
        call=texts["call"],
        who=who,
        number=texts["number"],
        paths=paths,
        when=check.condition(table.get("when"), where, "when", questions),
        have=have_ids,
        have_also=check.strings(table, "have_also", where),
        say=say,
        write_down=check.strings(table, "write_down", where),
        basis=tuple(sorted(basis.items())),
        note=texts["note"],
        specific_reason=specific,
        basis_if=basis_if,
    )


def parse_scripts(
    text: str,
    source: str,
    checklist: Checklist | None = None,
    appeal_map: AppealMap | None = None,
    lang: str = "en",
) -> Scripts:
    """Parse and check call-script TOML text; `source` names the file in error messages."""
    check = _Check(source)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ScriptsError(source, "file", f"not valid TOML: {exc}") from None
    data = localize(data, "scripts.toml", lang)
    check.fields(data, ("version", "write_down", "have", "scripts", "sheet"), "file")
    questions = {q.id: q for q in (checklist or load_checklist()).questions}
    appeal_map = appeal_map or load_map()
    raw_have = data.get("have", {})
    if not isinstance(raw_have, dict):
        check.fail("file", "have must be a table of [have.ID] tables")
    have = {hid: _have(hid, table, check, questions) for hid, table in raw_have.items()}
    scripts = tuple(_script(t, check, questions, have, appeal_map) for t in check.tables(data, "scripts", "file"))
    if not scripts:
        check.fail("file", "needs at least one [[scripts]]")
    ids = [s.id for s in scripts]
    duplicate = next((i for i in ids if ids.count(i) > 1), None)
    if duplicate:
        check.fail(f"script {duplicate!r}", "duplicate id")
    sheet = data.get("sheet", {})
    check.fields(sheet, ("paths", "when"), "sheet")
    return Scripts(
        check.text(data, "version", "file"),
        source,
        check.strings(data, "write_down", "file", required=True),
        have,
        scripts,
        _paths(sheet, check, "sheet", appeal_map),
        check.condition(sheet.get("when"), "sheet", "when", questions),
    )


def load_scripts(path=None, lang: str = "en") -> Scripts:
    """The packaged scripts (checked once per language and cached), or the scripts in the given
    file; text in `lang`."""
    if path is None:
        return _packaged(lang)
    return parse_scripts(*read_data(path, DEFAULT, ScriptsError), load_checklist(lang=lang), load_map(lang), lang)


@cache
def _packaged(lang: str = "en") -> Scripts:
    return parse_scripts(*read_data(None, DEFAULT, ScriptsError), load_checklist(lang=lang), load_map(lang), lang)


# ----------------------------------------------------------------------------------- filling in


def _values(raw_answers, checklist: Checklist) -> dict:
    return effective_answers(checklist, normalize(raw_answers, checklist))


# The path's word for the reader's number (its letter's `member`) -> the message naming it, and the
# message naming the card it is printed on (data/messages.toml, script_*)
_MEMBER = {"Member ID": "plan", "Medicare number": "medicare", "Medicaid ID": "medicaid"}


def _member_kind(pos: Position) -> str:
    """ "plan" (a Member ID), or the path's own number ("medicare", "medicaid") from its letter."""
    kinds = [load_map().levels[lid].letter for lid in pos.path.levels]
    first = next((k for k in kinds if k), None)
    return _MEMBER.get(LETTERS[first].member, "plan") if first else "plan"


def _member_label(pos: Position, m: Messages | None = None) -> str:
    """ "Member ID", or the path's own word for it ("Medicare number", "Medicaid ID"), in `m`'s language."""
    return (m or load_messages())(f"script_member_{_member_kind(pos)}")


def _long(values: dict, key: str, lang: str = "en") -> str | None:
    value = values.get(key)
    return long_date(dt.date.fromisoformat(value), lang) if value else None


def _reason(values: dict, m: Messages | None = None) -> str | None:
    """The denial reason in a few words, in `m`'s language (in English, the letter's own summary:
    letter.REASON_SUMMARY; a test keeps them the same)."""
    reason = values.get("denial_reason")
    if reason is None:
        return None
    return (m or load_messages())(f"script_reason_{reason if reason in REASON_SUMMARY else 'other'}")


def _scan_words(values: dict, m: Messages) -> str:
    """ "MRI of the knee", in `m`'s language (in English, as the letter names it: letter._scan)."""
    scan = m(f"script_scan_{values.get('scan')}" if values.get("scan") in ("mri", "ct") else "script_scan")
    area = values.get("body_area")
    letter_name = load_areas(lang=m.lang).area(area).letter_name if area else None
    if letter_name:
        return f"{scan} {letter_name}"
    part = values.get("body_part")
    return m("script_scan_of", scan=scan, part=part) if part else scan


def _decide_fast(pos: Position, m: Messages) -> str:
    """How fast the current level must decide an urgent appeal, where the rules give it; else ""."""
    decision = dict(pos.level.decision)
    if "urgent" not in decision:
        return ""
    rule = load_rules(m.lang)["rules"][decision["urgent"]]
    return m("script_decide_fast", period=rule["period"], citation=rule["citation"])


def _check_notice(pos: Position, lang: str = "en") -> str:
    return pos.path.check_notice or load_rules(lang)["check_notice"]


def _fields(values: dict, pos: Position, m: Messages) -> dict:
    member = _member_kind(pos)
    member_label = _member_label(pos, m)
    doctor = values.get("doctor_name")
    return {
        "plan": values.get("plan_name") or m("script_your_plan"),
        "doctor": doctor or m("script_my_doctor"),
        "office": m("script_office_of", doctor=doctor) if doctor else m("script_your_office"),
        "scan": _scan_words(values, m),
        "denial_date": _long(values, "denial_date", m.lang) or m("script_no_denial_date"),
        "final_date": _long(values, "final_denial_date", m.lang) or m("script_no_final_date"),
        "reason": _reason(values, m) or m("script_no_reason"),
        "member_label": member_label,
        "member_id": values.get("member_id") or m("script_no_member_id", member_label=member_label),
        "claim_number": values.get("claim_number") or m("script_no_claim_number"),
        "card": m(f"script_card_{member}"),
        "p2p_deadline": _long(values, "peer_to_peer_deadline", m.lang) or m("script_no_p2p_deadline"),
        "decide_fast": _decide_fast(pos, m),
    }


def _have_value(item: Have, values: dict, fields: dict, checklist: Checklist) -> str | None:
    if item.answer not in values:
        return None
    if item.answer == "scan":
        return fields["scan"]
    if item.answer == "denial_reason":
        return fields["reason"]
    question = checklist.question(item.answer)
    if question.type == "date":
        return _long(values, item.answer, checklist.lang)
    return str(values[item.answer])


def _fill(text: str, fields: dict) -> str:
    return text.format(**fields)


def _applies(script: Script, pos: Position, values: dict) -> bool:
    if script.paths and pos.path.id not in script.paths:
        return False
    return script.when is None or conditions.evaluate(script.when, values)


def _build(script: Script, data: Scripts, values: dict, pos: Position, fields: dict, checklist: Checklist) -> dict:
    lang = checklist.lang
    have = []
    for hid in script.have:
        item = data.have[hid]
        have.append(
            {
                "id": hid,
                "label": _fill(item.label, fields),
                "value": _have_value(item, values, fields, checklist),
                "where": _fill(item.where, fields),
            }
        )
    say = [
        _fill(line.text, fields) for line in script.say if line.when is None or conditions.evaluate(line.when, values)
    ]
    basis = []
    if script.specific_reason and pos.path.specific_reason:
        basis.append(load_map(lang).specific_reason[pos.path.specific_reason])
    sentence = dict(script.basis).get(pos.path.rights)
    if sentence:
        basis.append(sentence)
    basis += [_fill(line.text, fields) for line in script.basis_if if conditions.evaluate(line.when, values)]
    call = _fill(script.call, fields)
    note = _fill(script.note, fields) if script.note else None
    if fields["decide_fast"] and any("{decide_fast}" in line.text for line in script.say):
        # a script that states a time limit also says to check the notice
        note = " ".join(n for n in (note, _check_notice(pos, lang)) if n)
    return {
        "id": script.id,
        "title": _fill(script.title, fields),
        "call": call,
        "number": _fill(script.number, fields),
        "have": have,
        "have_also": list(script.have_also),
        "say": [line for line in say if line.strip()],
        "write_down": list(data.write_down) + list(script.write_down),
        "basis": basis,
        "note": note,
        "log": {"type": "call", "who": script.who, "said": _fill(script.title, fields), "note": call},
    }


def scripts(raw_answers, today: dt.date, checklist: Checklist | None = None, data: Scripts | None = None) -> list[dict]:
    """The call scripts that apply to this reader, filled in from the answers, in the data's order.
    Raises AnswersError for a bad answer. `today` is kept for the same call shape as the report.
    The scripts' data text is in the checklist's language (`checklist.lang`)."""
    checklist = checklist or load_checklist()
    data = data or load_scripts(lang=checklist.lang)
    values = _values(raw_answers, checklist)
    pos = position(values, load_map(checklist.lang))
    fields = _fields(values, pos, load_messages(checklist.lang))
    return [_build(s, data, values, pos, fields, checklist) for s in data.scripts if _applies(s, pos, values)]


# ----------------------------------------------------------------------------- the sheet for the doctor

_POINTS = {
    "conservative_treatment": "The treatment I tried, with dates and results, or the warning signs that mean the scan cannot wait.",
    "medical_necessity": "How the result of the scan will change my treatment (for example surgery, an injection or a referral).",
    "wrong_imaging_level": "Why a simpler test cannot answer the medical question, and any earlier imaging and its result.",
    "criteria_mismatch": "How my case meets each point of the criteria the plan used.",
    "missing_documentation": "The records the plan said were missing, and that they have been sent.",
    "other": "Ask the reviewer for the exact reason and the criteria used, then answer them.",
}
_PRIOR = {
    "with_reports": "Yes. I have the reports.",
    "without_reports": "Yes. I do not have the reports yet.",
    "none": "None for this problem.",
}


def _weeks(n: int) -> str:
    return f"{n} week{'' if n == 1 else 's'}"


def p2p_sheet(raw_answers, report: dict, checklist: Checklist | None = None, data: Scripts | None = None) -> dict:
    """One page for the doctor who makes the peer-to-peer call: the facts from the answers, the
    denial reason and what the criteria for this body area usually ask, the points the reviewer
    must hear, and the plan's peer-to-peer deadline only where the reader entered it from the notice.
    `report` is audit()'s report for the same answers (its appeal deadline and today's date)."""
    checklist = checklist or load_checklist()
    data = data or load_scripts()
    values = _values(raw_answers, checklist)
    pos = position(values)
    applies = (not data.sheet_paths or pos.path.id in data.sheet_paths) and (
        data.sheet_when is None or conditions.evaluate(data.sheet_when, values)
    )
    areas = load_areas()
    view = area_view(values)
    scan = _scan(values)
    today = dt.date.fromisoformat(report["today"])

    deadline = None
    if values.get("peer_to_peer_deadline"):
        day = dt.date.fromisoformat(values["peer_to_peer_deadline"])
        deadline = {
            "date": day.isoformat(),
            "long": long_date(day),
            "days_left": (day - today).days,
            "passed": day < today,
        }

    weeks, tried = values.get("symptom_weeks"), values.get("conservative_tried")
    care_weeks = values.get("conservative_weeks")
    care = None
    if care_weeks is not None or tried:
        care = ": ".join(p for p in (f"{_weeks(care_weeks)} in all" if care_weeks is not None else "", tried) if p)
    signs = [sign.letter for sign in chosen_signs(view, values)]
    criteria = []
    if view is not None:
        for fact in view.criteria:
            titles = [areas.source_by_id(sid).title for sid in fact.sources]
            criteria.append({"text": fact.text, "sources": titles})

    points = []
    reason = values.get("denial_reason")
    if reason in _POINTS:
        points.append(_POINTS[reason])
    if signs:
        points.append("The warning signs: " + "; ".join(signs) + ".")
    if pos.expedited:
        points.append(
            "Waiting the normal time could seriously jeopardize my health or my ability to regain maximum "
            "function: ask for a fast decision."
        )
    if view is not None:
        points += [to_doctor(point.text) for point in view.document]
    points.append("What the scan will decide: the next step in my treatment.")
    if values.get("criteria_requested") == "received":
        points.append("An answer to each point of the criteria the plan sent.")

    appeal = report.get("appeal") or {}
    by = appeal.get("by") or None
    return {
        "applies": applies,
        "title": f"Peer-to-peer review: the facts for the call about my {scan}",
        "for": values.get("doctor_name") or None,
        "patient": values.get("patient_name") or None,
        "plan": values.get("plan_name") or None,
        "member_label": _member_label(pos),
        "member_id": values.get("member_id") or None,
        "claim_number": values.get("claim_number") or None,
        "scan": scan,
        "denial_date": _long(values, "denial_date"),
        "reason": _reason(values),
        "criteria_received": values.get("criteria_requested") == "received",
        "deadline": deadline,
        "symptoms": f"For {_weeks(weeks)}." if weeks is not None else None,
        "treatment": care,
        "warning_signs": signs,
        "prior_imaging": _PRIOR.get(values.get("prior_imaging")),
        "criteria": criteria,
        "points": points,
        "appeal_by": by.get("date") if isinstance(by, dict) else None,
        "note": (
            "A peer-to-peer call does not stop the time limit for the written appeal."
            + (
                f" Written appeal due by {long_date(dt.date.fromisoformat(by['date']))}. {report['check_notice']}"
                if isinstance(by, dict) and by.get("date")
                else ""
            )
        ),
    }


# ----------------------------------------------------------------------------------- plain text


def format_scripts(found: list[dict]) -> str:
    """The scripts as plain text (the command line's `scripts`)."""
    if not found:
        return "No calls to make for these answers.\n"
    out: list[str] = []
    for script in found:
        out += [script["title"], f"    Call: {script['call']}. {script['number']}", "    Have at hand:"]
        out += [f"    - {h['label']}: {h['value'] or '[' + h['where'] + ']'}" for h in script["have"]]
        out += [f"    - {thing}" for thing in script["have_also"]]
        out += ["    Say and ask:"] + [f"    {n}. {line}" for n, line in enumerate(script["say"], 1)]
        out += ["    Write down:"] + [f"    - {line}" for line in script["write_down"]]
        out += [f"    Why you can ask: {line}" for line in script["basis"]]
        out += [f"    Note: {script['note']}"] if script["note"] else []
        out.append("")
    return "\n".join(out)


def format_sheet(sheet: dict) -> str:
    """The peer-to-peer sheet as plain text (`scripts --sheet`)."""

    def known(value) -> str:
        return value or "[not given]"

    lines = [sheet["title"], ""]
    if not sheet["applies"]:
        lines += ["A peer-to-peer call is for a scan the plan refused to approve before it was done.", ""]
    deadline = sheet["deadline"]
    if deadline:
        lines.append(
            f"Last date for the call, from the notice: {deadline['long']}"
            + (" (this date has passed)" if deadline["passed"] else "")
        )
    lines += [
        f"For: {known(sheet['for'])}",
        f"Patient: {known(sheet['patient'])}",
        f"Plan: {known(sheet['plan'])}",
        f"{sheet['member_label']}: {known(sheet['member_id'])}",
        f"Claim or reference number: {known(sheet['claim_number'])}",
        f"Denial letter dated: {known(sheet['denial_date'])}",
        f"Reason given: {known(sheet['reason'])}",
        f"Symptoms: {known(sheet['symptoms'])}",
        f"Treatment tried: {known(sheet['treatment'])}",
        f"Warning signs: {'; '.join(sheet['warning_signs']) or 'none ticked'}",
        f"Earlier imaging: {known(sheet['prior_imaging'])}",
    ]
    if sheet["criteria"]:
        lines += ["", "What the criteria for this scan usually say:"]
        lines += [f"- {c['text']} ({'; '.join(c['sources'])})" for c in sheet["criteria"]]
    lines += ["", "Points the reviewer must hear:"] + [f"- {point}" for point in sheet["points"]]
    return "\n".join(lines + ["", sheet["note"], ""])
