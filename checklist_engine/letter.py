"""Letter drafts built from the answers: the letter for the reader's current appeal level, short
request letters, and a request to the doctor's office.

Plain text. What the reader typed is inserted as text, never interpreted. Missing details become
[placeholders] the reader fills in. Which letter a level gets, who it goes to and which rules it
cites come from the appeal map (data/appeal_map.toml); every rule cited comes from legal-facts.md.

Two promises every letter keeps (tests/engine/test_letters_every_level.py walks them all):
- it never states a fact that weakens the case (no "0 weeks", no treatment time shorter than plans
  usually expect); it argues from what is true;
- every "enclosed" sentence is matched by a line of the enclosure list, which comes from the answers.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass
from dataclasses import fields as dataclass_fields
from functools import cache
from importlib import resources

from .answers import normalize
from .appeal_map import Position, load_map, position
from .areas import AreaView, chosen_signs, from_a_plan_only, load_areas, usual_weeks
from .i18n import check_lang, localize
from .messages import load_messages
from .model import Checklist
from .visibility import effective_answers

# The letters' own bar for stating weeks of treatment when the body area gives no sourced count:
# the low-back figure (ACR Appropriateness Criteria, Low Back Pain, 2021; legal-facts.md section
# 10). A shorter time is never put forward as an argument. Where the area's data gives a count
# (areas.usual_weeks), that count is the bar, and the report explains a gap.
USUAL_CONSERVATIVE_WEEKS = 6


@dataclass(frozen=True)
class LetterKind:
    title: str  # what the page calls it (English; the page's words: messages.toml [letters] titles)
    to: tuple[str, ...]  # the addressee lines ({plan} is the plan's name)
    re: str  # the subject line; {urgent} is "URGENT: EXPEDITED " or ""
    ask: str  # what the letter asks for, first paragraph
    ask_claim: str = ""  # the same for a claim (scan already done); default: ask
    member: str = "Member ID"
    level_letter: bool = True  # a letter for an appeal level (not a side request)
    rights: bool = False  # asks for the plan's documents and a new reviewer (plan-level appeals only)
    salutation: str = "To the appeals reviewer:"
    urgent: bool = True  # the level has a fast (expedited) route the letter may ask for
    signature: bool = False  # the form this letter stands in for asks for an address and a signature
    first_enclosure: str = "A copy of the denial letter"


class LettersError(ValueError):
    """data/letters.toml is wrong, or code asked for a phrase it does not have."""


SOURCE = "checklist_engine/data/letters.toml"
_KIND_FIELDS = {f.name for f in dataclass_fields(LetterKind)}


@dataclass(frozen=True)
class Words:
    """The letters' words in one language (data/letters.toml, translated by data/<lang>/letters.toml)."""

    lang: str
    kinds: dict[str, LetterKind]
    requests: dict[tuple[str, str], LetterKind]  # (kind id, path id) -> the request as that path reads it
    reason_summary: dict[str, str]
    enclosed: tuple[tuple[str, object, str], ...]  # (question, answer, line)
    lmn_points: tuple[str, ...]
    phrases: dict[str, str]

    def __call__(self, phrase_id: str, **values) -> str:
        """The phrase `phrase_id`, its {placeholders} filled from `values` in one pass."""
        try:
            template = self.phrases[phrase_id]
        except KeyError:
            raise LettersError(f"{SOURCE}: no phrase {phrase_id!r}") from None
        return template.format(**values) if values else template

    def long_date(self, day: dt.date) -> str:
        return load_messages(self.lang).long_date(day)


def _kind(data: dict, where: str, defaults: dict) -> LetterKind:
    unknown = sorted(set(data) - _KIND_FIELDS)
    if unknown or not {"title", "to", "re", "ask"} <= set(data):
        raise LettersError(f"{SOURCE}: {where}: needs title, to, re and ask; unknown key {unknown[:1]}")
    return LetterKind(**{**defaults, **data, "to": tuple(data["to"])})


def parse_letters(data: dict, lang: str) -> Words:
    """The parsed data/letters.toml (already in `lang`) as Words; a wrong entry is a LettersError."""
    phrases = data.get("phrases", {})
    for key, text in phrases.items():
        if not isinstance(text, str) or not text:
            raise LettersError(f"{SOURCE}: phrases.{key}: must be a non-empty string")
    missing = sorted({"enclosure_first", "member", "salutation"} - set(phrases))
    if missing:
        raise LettersError(f"{SOURCE}: [phrases] needs {missing[0]!r} (a letter kind's default)")
    defaults = {
        "first_enclosure": phrases["enclosure_first"],
        "member": phrases["member"],
        "salutation": phrases["salutation"],
    }
    kinds = {kid: _kind(k, f"kinds.{kid}", defaults) for kid, k in data.get("kinds", {}).items()}
    requests = {
        (kid, path): _kind(k, f"requests.{path}.{kid}", defaults)
        for path, by_kind in data.get("requests", {}).items()
        for kid, k in by_kind.items()
    }
    for kid, path in requests:
        if kid not in kinds:
            raise LettersError(f"{SOURCE}: requests.{path}.{kid}: no kind {kid!r} in [kinds]")
    enclosed = tuple((e["question"], e["answer"], e["line"]) for e in data.get("enclosed", []))
    return Words(
        lang,
        kinds,
        requests,
        dict(data.get("reason_summary", {})),
        enclosed,
        tuple(data.get("doctor", {}).get("points", [])),
        dict(phrases),
    )


@cache
def load_letters(lang: str = "en") -> Words:
    """The packaged letters' words in `lang` (cached per language)."""
    check_lang(lang)
    text = resources.files(__package__).joinpath("data/letters.toml").read_text("utf-8")
    return parse_letters(localize(tomllib.loads(text), "letters.toml", lang), lang)


_EN = load_letters("en")
LETTERS: dict[str, LetterKind] = _EN.kinds
REQUESTS_BY_PATH: dict[tuple[str, str], LetterKind] = _EN.requests
REASON_SUMMARY: dict[str, str] = _EN.reason_summary
LMN_POINTS = list(_EN.lmn_points)

# The request to move or extend an approval fits only these denial reasons.
NEW_AUTHORIZATION_REASONS = ("out_of_network", "authorization_expired")


def _text(values: dict, key: str, placeholder: str) -> str:
    return values.get(key) or f"[{placeholder}]"


def area_view(values: dict, lang: str = "en") -> AreaView | None:
    """The body area the answers name (None: the generic path)."""
    return load_areas(lang=lang).current(values)


def _scan(values: dict, lang: str = "en") -> str:
    """ "MRI of the knee": the area's own name when an area is chosen, else the reader's words."""
    w = load_letters(lang)
    scan = w({"mri": "scan_mri", "ct": "scan_ct"}.get(values.get("scan"), "scan_any"))
    area = values.get("body_area")
    letter_name = load_areas(lang=lang).area(area).letter_name if area else None  # named even before its reason is
    if letter_name:
        return w("scan_area", scan=scan, area=letter_name)
    part = values.get("body_part")
    return w("scan_part", scan=scan, part=part) if part else scan


def _day(values: dict, key: str, placeholder: str, w: Words = _EN) -> str:
    value = values.get(key)
    return w.long_date(dt.date.fromisoformat(value)) if value else f"[{placeholder}]"


def enclosures(values: dict, pos: Position | None = None, first: str | None = None, lang: str = "en") -> list[str]:
    """The documents the reader said they are sending, as the letter lists them."""
    w = load_letters(lang)
    doctor = values.get("doctor_name")
    found = [first or w("enclosure_first")]
    if pos is not None and pos.index >= 1 and values.get("final_denial_date"):
        found.append(w("enclosure_final"))
    if pos is not None and pos.index >= 2 and values.get("review_denial_date"):
        found.append(w("enclosure_review"))
    if values.get("lmn_updated") is True:
        found.append(w("enclosure_lmn", doctor=doctor) if doctor else w("enclosure_lmn_my_doctor"))
    # values are checked answers: a yes/no question holds a real bool, so == is the `is True` it was
    found += [line for qid, answer, line in w.enclosed if values.get(qid) == answer]
    return found


def _doctor_explains(values: dict, what: str, w: Words = _EN) -> str:
    """A sentence about what the doctor's letter says: 'enclosed' only when it is in the list."""
    if values.get("lmn_updated") is True:
        return w("doctor_explains_enclosed", what=what)
    return w("doctor_can_explain", doctor=_text(values, "doctor_name", w("ph_doctor")), what=what)


def _flags(values: dict, lang: str = "en") -> list[str]:
    """The letter phrases of the chosen area's signs the reader ticked (body_areas.toml `letter`)."""
    return [sign.letter for sign in chosen_signs(area_view(values, lang), values)]


def signs_sentences(signs, areas, lang: str = "en") -> list[str]:
    """What the reader's signs justify, in the letter's words: signs from clinical sources are
    what doctors treat as reasons not to wait; a sign only a plan's own policy names is said so."""
    w = load_letters(lang)
    clinical = [s.letter for s in signs if not from_a_plan_only(s, areas)]
    by_policy = [s.letter for s in signs if from_a_plan_only(s, areas)]
    out = []
    if clinical:
        out.append(w("signs_clinical", signs="; ".join(clinical)))
    if by_policy:
        out.append(w("signs_policy", signs="; ".join(by_policy)))
    return out


def _flags_sentence(values: dict, lang: str = "en") -> str:
    areas = load_areas(lang=lang)
    return " ".join(signs_sentences(chosen_signs(area_view(values, lang), values), areas, lang))


def _symptoms_sentence(values: dict, w: Words = _EN) -> str:
    weeks = values.get("symptom_weeks")
    if not weeks:
        return ""
    return w("symptoms_weeks" if weeks != 1 else "symptoms_week", weeks=weeks)


def usual_care_weeks(values: dict) -> int:
    """The weeks of treatment a letter needs before it states them: the area's sourced count, or
    USUAL_CONSERVATIVE_WEEKS where the area (or the generic path) gives none."""
    usual = usual_weeks(area_view(values), load_areas())
    return usual[0].weeks if usual else USUAL_CONSERVATIVE_WEEKS


def care_meets_usual(values: dict) -> bool:
    weeks = values.get("conservative_weeks")
    return weeks is not None and weeks >= usual_care_weeks(values)


def _care(values: dict, w: Words = _EN) -> str:
    """What the reader tried, only where it helps: a course as long as plans usually expect."""
    tried = values.get("conservative_tried")
    records = w("care_records") if values.get("conservative_records") is True else ""
    if care_meets_usual(values):
        weeks = values["conservative_weeks"]
        tried_sentence = w("care_weeks_tried", weeks=weeks, tried=tried) if tried else w("care_weeks", weeks=weeks)
        return f"{tried_sentence} {records}" if records else tried_sentence
    if _flags(values):
        return ""
    return w("care_why")


def _reason_paragraph(values: dict, scan: str, emergency: str, w: Words = _EN, no_pa_named: bool = False) -> str:
    """The answer to the denial's reason. `no_pa_named`: the emergency paragraph above says
    emergency care needs no prior authorization (decided on its English text, so both languages
    say the same)."""
    reason = values.get("denial_reason")
    flags = _flags_sentence(values, w.lang)
    symptoms = _symptoms_sentence(values, w)
    parts: list[str]
    if reason == "conservative_treatment":
        parts = [
            w("conservative_says"),
            flags,
            symptoms,
            _care(values, w),
            _doctor_explains(values, w("conservative_explains", scan=scan), w),
        ]
    elif reason == "medical_necessity":
        parts = [
            w("necessity_says", scan=scan),
            symptoms,
            _doctor_explains(values, w("necessity_explains", scan=scan), w),
            flags,
        ]
    elif reason == "wrong_imaging_level":
        prior = w("level_prior") if values.get("prior_imaging") in ("with_reports", "without_reports") else ""
        parts = [w("level_says"), prior, _doctor_explains(values, w("level_explains", scan=scan), w)]
    elif reason == "criteria_mismatch":
        parts = [w("criteria_says"), _doctor_explains(values, w("criteria_explains"), w), flags]
    elif reason == "missing_documentation":
        parts = [
            w("missing_says"),
            w("missing_sent") if values.get("missing_records_sent") is True else w("missing_list"),
        ]
    elif reason == "out_of_network":
        parts = [w("network", scan=scan)]
    elif reason == "authorization_expired":
        parts = [w("expired", scan=scan)]
    elif reason == "no_authorization" and emergency:
        no_pa = w("emergency_no_authorization") if no_pa_named else w("emergency_care")
        parts = [
            w("emergency_says", no_pa=no_pa),
            symptoms,
            _doctor_explains(values, w("emergency_explains", scan=scan), w),
            flags,
        ]
    elif reason == "no_authorization":
        parts = [
            w("no_authorization", scan=scan),
            symptoms,
            _doctor_explains(values, w("no_authorization_explains", scan=scan), w),
            flags,
        ]
    elif reason == "other":
        parts = [w("other_reason")]
    else:
        parts = [w("any_reason")]
    return " ".join(" ".join(p for p in parts if p).split())


def _fields(values: dict, pos: Position, kind: LetterKind, w: Words = _EN) -> dict:
    """The values a letter template may use. Each template is filled in ONE pass of str.format, so
    what the reader typed is inserted as text and never read as a template."""
    urgent = pos.expedited and kind.level_letter and kind.urgent
    change = "extend" if values.get("denial_reason") == "authorization_expired" else "move"
    fields = {
        "plan": _text(values, "plan_name", w("ph_plan")),
        "doctor": _text(values, "doctor_name", w("ph_doctor")),
        "scan": _scan(values, w.lang),
        "what": w("what_claim") if values.get("stage") == "claim" else w("what_authorization"),
        "urgent": w("urgent_prefix") if urgent else "",
        "change": w(f"change_{change}"),
        "scan_date": f"[{w('ph_scan_date')}]",
        "denial_date": _day(values, "denial_date", w("ph_denial_date"), w),
        "final_date": _day(values, "final_denial_date", w("ph_final_date"), w),
        "review_date": _day(values, "review_denial_date", w("ph_review_date"), w),
    }
    after_plan = pos.index >= 1 and pos.path.levels[0] != "medicaid_fair_hearing_direct"
    fields["history"] = w("history_after_plan" if after_plan else "history_direct", **fields)
    fields["change_text"] = w(f"change_text_{change}", **fields)
    return fields


def _fill(template: str, fields: dict) -> str:
    return template.format(**fields)


def _header(values: dict, kind: LetterKind, fields: dict, today: dt.date, pos: Position, w: Words = _EN) -> list[str]:
    lines = [w.long_date(today), ""] + [_fill(line, fields) for line in kind.to] + [""]
    lines += [
        w("head_re", re=_fill(kind.re, fields)),
        w("head_name", name=_text(values, "patient_name", w("ph_name"))),
        w("head_member", member=kind.member, id=_text(values, "member_id", kind.member)),
        w("head_claim", claim=_text(values, "claim_number", w("ph_claim"))),
        w("head_denial", date=fields["denial_date"]),
    ]
    if pos.index >= 1 and kind.level_letter:
        lines.append(w("head_final", date=fields["final_date"]))
    if pos.index >= 2 and kind.level_letter:
        lines.append(w("head_review", date=fields["review_date"]))
    return lines + [""]


def _closing(values: dict, kind: LetterKind, w: Words = _EN) -> list[str]:
    ask = w("close_level") if kind.level_letter else w("close_request")
    lines = [ask, "", w("sincerely"), "", _text(values, "patient_name", w("ph_name")), w("phone")]
    if kind.signature:
        lines += [w("address"), "", w("signature")]
    return lines


def _urgent_paragraph(values: dict, fields: dict, w: Words = _EN) -> str:
    """The urgent request: the doctor's statement is named only when the reader has it."""
    if values.get("expedited_requested") is True:
        return w("urgent_doctor", doctor=fields["doctor"], harm=w("harm"))
    return w("urgent_ask", harm=w("harm"))


def _level_letter(values: dict, kind_id: str, today: dt.date, pos: Position, w: Words = _EN) -> str:
    kind = w.kinds[kind_id]
    appeal_map = load_map(w.lang)
    fields = _fields(values, pos, kind, w)
    claim = values.get("stage") == "claim"
    ask = kind.ask_claim if claim and kind.ask_claim else kind.ask
    lines = _header(values, kind, fields, today, pos, w)
    lines += [kind.salutation, "", _fill(ask, fields), ""]
    if pos.expedited and kind.urgent:
        lines += [_urgent_paragraph(values, fields, w), ""]
    with_emergency = claim and values.get("emergency") is True
    emergency = appeal_map.emergency.get(pos.path.emergency, "") if with_emergency else ""
    english = load_map().emergency.get(pos.path.emergency, "") if with_emergency else ""
    if emergency:
        lines += [_fill(emergency, fields), ""]
    lines += [_reason_paragraph(values, fields["scan"], emergency, w, "prior authorization" in english), ""]
    for text in appeal_map.rights.get(pos.path.rights, ()) if kind.rights else ():
        lines += [text, ""]
    if kind_id == "appeal_generic":
        lines += [w("ask_documents"), ""]
    lines += [w("enclosed")]
    found = enclosures(values, pos, kind.first_enclosure, w.lang)
    lines += [f"{n}. {name}" for n, name in enumerate(found, 1)]
    return "\n".join(lines + [""] + _closing(values, kind, w)) + "\n"


def request_kind(kind_id: str, pos: Position, lang: str = "en") -> LetterKind:
    """A letter kind as it reads on the reader's path (REQUESTS_BY_PATH), else as LETTERS has it."""
    w = load_letters(lang)
    return w.requests.get((kind_id, pos.path.id), w.kinds[kind_id])


def _request_letter(values: dict, kind_id: str, today: dt.date, pos: Position, w: Words = _EN) -> str:
    kind = request_kind(kind_id, pos, w.lang)
    fields = _fields(values, pos, kind, w)
    lines = _header(values, kind, fields, today, pos, w)
    lines += [kind.salutation, "", _fill(kind.ask, fields), ""]
    if kind_id in ("request_criteria", "request_claim_file"):
        # the right to the documents, picked on its English text; the same paragraph in `lang`
        english = load_map().rights.get(pos.path.rights, ())
        translated = load_map(w.lang).rights.get(pos.path.rights, ())
        for text, shown in zip(english, translated, strict=True):
            if "documents" in text or "criteria" in text:
                lines += [shown, ""]
                break
    lines += [w("send_to_me")]
    return "\n".join(lines + [""] + _closing(values, kind, w)) + "\n"


def letter_kinds(pos: Position, values: dict | None = None) -> list[str]:
    """The letters that fit the reader's position: the level's own letter first, then requests.
    The request to move or extend an approval only when the denial is about where the scan is done
    or an approval that expired (with no answers given: always, as before)."""
    kinds = [pos.level.letter] if pos.level.letter else []
    kinds += ["request_criteria", "request_claim_file"]
    if values is None or values.get("denial_reason") in NEW_AUTHORIZATION_REASONS:
        kinds.append("request_new_authorization")
    return kinds


def offered_letters(pos: Position, values: dict) -> list[dict]:
    """The report's list of letters: kind and title as they read on the reader's path."""
    return [{"kind": k, "title": request_kind(k, pos).title} for k in letter_kinds(pos, values)]


def _values_and_position(raw_answers, checklist: Checklist) -> tuple[dict, Position]:
    values = effective_answers(checklist, normalize(raw_answers, checklist))
    return values, position(values)


def appeal_letter(raw_answers, today: dt.date, checklist: Checklist, kind: str | None = None, lang: str = "en") -> str:
    """The letter of the given kind, or the current level's own letter. A level with no letter
    (for example Medicare Advantage's automatic review) gets a short note saying so.
    lang: the letter's language; "es" gives the same letter in Spanish, to read (the plan gets the
    English one): same paragraphs in the same order, same dates, citations and enclosures."""
    w = load_letters(lang)
    values, pos = _values_and_position(raw_answers, checklist)
    kind = kind or pos.level.letter
    if kind is None:
        return f"{w('no_letter')}\n\n{load_map(lang).levels[pos.level.id].send_to}\n"
    if kind not in LETTERS:
        raise ValueError(f"unknown letter kind {kind!r}; one of {', '.join(LETTERS)}")
    if LETTERS[kind].level_letter:
        return _level_letter(values, kind, today, pos, w)
    return _request_letter(values, kind, today, pos, w)


_TO_DOCTOR = {
    "your doctor follows": "you follow",
    "you are": "I am",
    "Your": "My",
    "your": "my",
    "You": "I",
    "you": "I",
}
_TO_DOCTOR_WORDS = re.compile(r"\b(" + "|".join(_TO_DOCTOR) + r")\b")


def to_doctor(text: str) -> str:
    """A documentation point as the reader asks their doctor for it: the data speaks to the reader
    ("Whether you take warfarin"); the letter speaks to the doctor ("Whether I take warfarin")."""
    return _TO_DOCTOR_WORDS.sub(lambda m: _TO_DOCTOR[m.group(1)], text)


def doctor_letter(raw_answers, today: dt.date, checklist: Checklist, lang: str = "en") -> str:
    """The request to the ordering doctor's office, in `lang` (English unless asked)."""
    w = load_letters(lang)
    values, pos = _values_and_position(raw_answers, checklist)
    scan = _scan(values, lang)
    summary = w.reason_summary.get(values.get("denial_reason"))
    reason = w("doctor_reason") + (" " + w("doctor_in_short", summary=summary) if summary else "")
    lines = [
        w.long_date(today),
        "",
        w("doctor_dear", doctor=_text(values, "doctor_name", w("ph_doctor"))),
        "",
        w("doctor_denied", scan=scan, reason=reason),
        w("doctor_appealing"),
        "",
        w("doctor_ask_letter"),
    ]
    lines += [f"   - {point.format(scan=scan)}" for point in w.lmn_points]
    if pos.expedited:
        lines.append(f"   - {w('doctor_expedited')}")
    flags = _flags(values, lang)
    if flags:
        lines.append("   - " + w("doctor_signs", signs="; ".join(flags)))
    view = area_view(values, lang)
    if view is not None and view.document:
        lines.append("   " + w("doctor_area", area=view.letter_name or w("doctor_like_mine")))
        # English: the data's "you" becomes the reader's "I"; another language's point stays as written
        lines += [f"   - {to_doctor(point.text) if lang == 'en' else point.text}" for point in view.document]
    if values.get("denial_reason") == "no_authorization":
        lines += ["", w("doctor_no_authorization")]
    elif values.get("stage") != "claim":
        lines += ["", w("doctor_peer_to_peer")]
    lines += [
        "",
        w(
            "doctor_ids",
            member=_text(values, "member_id", w("ph_member")),
            claim=_text(values, "claim_number", w("ph_claim")),
        ),
        "",
        w("doctor_thanks"),
        "",
        _text(values, "patient_name", w("ph_name")),
    ]
    return "\n".join(lines) + "\n"
