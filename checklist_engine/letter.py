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
from dataclasses import dataclass

from .answers import normalize
from .appeal_map import Position, load_map, position
from .areas import AreaView, chosen_signs, from_a_plan_only, load_areas, usual_weeks
from .deadlines import long_date
from .model import Checklist
from .visibility import effective_answers

# The letters' own bar for stating weeks of treatment when the body area gives no sourced count:
# the low-back figure (ACR Appropriateness Criteria, Low Back Pain, 2021; legal-facts.md section
# 10). A shorter time is never put forward as an argument. Where the area's data gives a count
# (areas.usual_weeks), that count is the bar, and the report explains a gap.
USUAL_CONSERVATIVE_WEEKS = 6


@dataclass(frozen=True)
class LetterKind:
    title: str  # what the page calls it
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


LETTERS: dict[str, LetterKind] = {
    "internal_appeal": LetterKind(
        "Your appeal to the plan",
        ("{plan}", "Appeals department", "[Address from the denial letter]"),
        "{urgent}APPEAL OF A DENIED {what}",
        "I am writing to appeal the denial of the {scan} ordered by {doctor}. I ask you to reverse the decision and approve the {scan}.",
        "I am writing to appeal the denial of my claim for the {scan} ordered by {doctor}, done on {scan_date}. "
        "I ask you to reverse the decision and pay the claim.",
        rights=True,
    ),
    "external_review": LetterKind(
        "Your request for external review",
        ("External review", "[Address for external review from your final denial letter]"),
        "{urgent}REQUEST FOR EXTERNAL REVIEW",
        "I ask for an external review of {plan}'s final decision to deny the {scan} ordered by {doctor}. "
        "I appealed to the plan and it turned down my appeal on {final_date}. I ask the independent reviewer to reverse "
        "the decision so that the {scan} is approved.",
        "I ask for an external review of {plan}'s final decision to deny my claim for the {scan} ordered by {doctor}, "
        "done on {scan_date}. I appealed to the plan and it turned down my appeal on {final_date}. I ask the "
        "independent reviewer to reverse the decision so that the claim is paid.",
        salutation="To the independent reviewer:",
    ),
    "ma_reconsideration": LetterKind(
        "Your request for a reconsideration",
        ("{plan}", "Appeals and grievances department", "[Address or fax number from the denial notice]"),
        "{urgent}REQUEST FOR RECONSIDERATION",
        "I ask you to reconsider your decision to deny the {scan} ordered by {doctor}, and to approve it.",
        "I ask you to reconsider your decision not to pay for the {scan} ordered by {doctor}, done on {scan_date}, and to pay the claim.",
        rights=True,
    ),
    "alj_hearing": LetterKind(
        "Your request for a hearing",
        ("[Office named in the decision letter]", "[Address from the decision letter]"),
        "REQUEST FOR A HEARING WITH AN ADMINISTRATIVE LAW JUDGE",
        "I ask for a hearing with an Administrative Law Judge about the denial of the {scan} ordered by {doctor}. "
        "The decision I disagree with is dated {review_date}. Appeal number on that decision: [appeal number]. "
        "Date of service: {scan_date}. [Say whether you will send more evidence.]",
        member="Medicare number",
        urgent=False,
        signature=True,
        salutation="To the hearing office:",
    ),
    "tm_redetermination": LetterKind(
        "Your request for a redetermination",
        (
            "[Name of the Medicare contractor on your Medicare Summary Notice]",
            "[Address from your Medicare Summary Notice]",
        ),
        "REQUEST FOR REDETERMINATION",
        "I ask for a redetermination of the decision not to pay for the {scan} ordered by {doctor}, done on {scan_date}. "
        "The decision is on my Medicare Summary Notice dated {denial_date}.",
        member="Medicare number",
        urgent=False,
        signature=True,
        first_enclosure="A copy of my Medicare Summary Notice",
        salutation="To the Medicare contractor:",
    ),
    "tm_reconsideration": LetterKind(
        "Your request for a reconsideration",
        ("[Name of the Qualified Independent Contractor]", "[Address from your redetermination notice]"),
        "REQUEST FOR RECONSIDERATION",
        "I ask for a reconsideration of the redetermination dated {final_date}, which upheld the decision not to pay "
        "for the {scan} ordered by {doctor}, done on {scan_date}. The redetermination was made by [name of the "
        "Medicare contractor on the redetermination notice].",
        member="Medicare number",
        urgent=False,
        signature=True,
        first_enclosure="A copy of my Medicare Summary Notice",
        salutation="To the Qualified Independent Contractor:",
    ),
    "medicaid_plan_appeal": LetterKind(
        "Your appeal to your Medicaid plan",
        ("{plan}", "Appeals department", "[Address from the notice]"),
        "{urgent}APPEAL",
        "I am writing to appeal the denial of the {scan} ordered by {doctor}. I ask you to reverse the decision and approve the {scan}.",
        "I am writing to appeal the denial of payment for the {scan} ordered by {doctor}, done on {scan_date}. "
        "I ask you to reverse the decision and pay for it.",
        member="Medicaid ID",
        rights=True,
    ),
    "fair_hearing": LetterKind(
        "Your request for a state fair hearing",
        ("[State Medicaid agency or hearing office, from your notice]", "[Address from your notice]"),
        "{urgent}REQUEST FOR A STATE FAIR HEARING",
        "I ask for a state fair hearing about the denial of the {scan} ordered by {doctor}. {history}",
        member="Medicaid ID",
        salutation="To the hearing office:",
    ),
    "appeal_generic": LetterKind(
        "Your appeal",
        ("{plan}", "Appeals", "[Appeals address from your denial notice]"),
        "{urgent}APPEAL",
        "I am writing to appeal the denial of the {scan} ordered by {doctor}. I ask you to reverse the decision and approve the {scan}.",
        "I am writing to appeal the denial of my claim for the {scan} ordered by {doctor}, done on {scan_date}. "
        "I ask you to reverse the decision and pay the claim.",
    ),
    "next_level_generic": LetterKind(
        "Your request for the next level of review",
        ("[Name from the letter that turned down your appeal]", "[Address from that letter]"),
        "{urgent}REQUEST FOR THE NEXT LEVEL OF REVIEW",
        "I ask for the next level of review of the denial of the {scan} ordered by {doctor}. My appeal was turned down "
        "on {final_date}. I ask the reviewer to reverse the decision.",
    ),
    "request_criteria": LetterKind(
        "Request for the criteria used",
        ("{plan}", "[Address from the denial letter]"),
        "REQUEST FOR THE CRITERIA USED IN A DENIAL",
        "You denied the {scan} ordered by {doctor} on {denial_date}. Please send me the specific reason for the "
        "denial and a copy of the rule, guideline or criteria you used to decide it.",
        level_letter=False,
        salutation="To whom it may concern:",
    ),
    "request_claim_file": LetterKind(
        "Request for your claim file",
        ("{plan}", "[Address from the denial letter]"),
        "REQUEST FOR MY CLAIM FILE",
        "You denied the {scan} ordered by {doctor} on {denial_date}. Please send me a copy of my claim file: every "
        "document, record and note you used or created in deciding it.",
        level_letter=False,
        salutation="To whom it may concern:",
    ),
    "request_new_authorization": LetterKind(
        "Request to move or extend an approval",
        ("{plan}", "Prior authorization department", "[Address or fax number from the notice]"),
        "REQUEST TO {change} AN AUTHORIZATION",
        "{change_text}",
        level_letter=False,
        salutation="To whom it may concern:",
    ),
}

# The request letters in other words where the decision is not a plan's: Original Medicare decides
# by Medicare's coverage rules (National and Local Coverage Determinations, legal-facts.md section
# 5) through a Medicare contractor, and Medicaid paid by the state decides by the state's rules.
# Plain requests: no right or citation is claimed that legal-facts.md does not hold.
_MEDICARE_CONTRACTOR = (
    "[Name of the Medicare contractor on your Medicare Summary Notice]",
    "[Address from your Medicare Summary Notice]",
)
_STATE_MEDICAID = ("[State Medicaid agency, from your notice]", "[Address from your notice]")
REQUESTS_BY_PATH: dict[tuple[str, str], LetterKind] = {
    ("request_criteria", "traditional_medicare"): LetterKind(
        "Request for the Medicare coverage rules used",
        _MEDICARE_CONTRACTOR,
        "REQUEST FOR THE COVERAGE RULES USED IN A DECISION",
        "You decided not to pay for the {scan} ordered by {doctor}. The decision is on my Medicare Summary Notice "
        "dated {denial_date}. Please tell me the specific reason, and which Medicare coverage rules you used to "
        "decide it, for example a National Coverage Determination or a Local Coverage Determination.",
        member="Medicare number",
        level_letter=False,
        salutation="To the Medicare contractor:",
    ),
    ("request_claim_file", "traditional_medicare"): LetterKind(
        "Request for your case file",
        _MEDICARE_CONTRACTOR,
        "REQUEST FOR MY CASE FILE",
        "You decided not to pay for the {scan} ordered by {doctor}. The decision is on my Medicare Summary Notice "
        "dated {denial_date}. Please send me a copy of my case file for this decision: the records and notes you "
        "used to decide it.",
        member="Medicare number",
        level_letter=False,
        salutation="To the Medicare contractor:",
    ),
    ("request_criteria", "medicaid_fee_for_service"): LetterKind(
        "Request for the state's rules used",
        _STATE_MEDICAID,
        "REQUEST FOR THE RULES USED IN A DENIAL",
        "You denied the {scan} ordered by {doctor} on {denial_date}. Please send me the specific reason for the "
        "denial and the state Medicaid rules you used to decide it.",
        member="Medicaid ID",
        level_letter=False,
        salutation="To whom it may concern:",
    ),
    ("request_claim_file", "medicaid_fee_for_service"): LetterKind(
        "Request for your case file",
        _STATE_MEDICAID,
        "REQUEST FOR MY CASE FILE",
        "You denied the {scan} ordered by {doctor} on {denial_date}. Please send me a copy of my case file: the "
        "records and notes used to decide it.",
        member="Medicaid ID",
        level_letter=False,
        salutation="To whom it may concern:",
    ),
}

# The request to move or extend an approval fits only these denial reasons.
NEW_AUTHORIZATION_REASONS = ("out_of_network", "authorization_expired")

REASON_SUMMARY = {
    "conservative_treatment": "I have not tried other treatment long enough",
    "medical_necessity": "the scan is not medically necessary",
    "wrong_imaging_level": "a simpler test should come first",
    "criteria_mismatch": "the request does not meet the criteria it used",
    "missing_documentation": "records were missing",
    "out_of_network": "the imaging center is out of network",
    "authorization_expired": "the approval expired before the scan",
    "no_authorization": "the scan was done without a prior authorization",
}

# What the reader said they are sending, in the order a letter lists it: (question, answer, line).
_ENCLOSED_WHEN = (
    ("office_notes", True, "Office notes: when the symptoms began, how long, how severe, and what I cannot do"),
    ("conservative_records", True, "Records of the treatments I tried, with dates"),
    ("prior_imaging", "with_reports", "Reports of my earlier imaging"),
    ("specialist", True, "Notes from my specialist"),
    ("symptom_diary", True, "My symptom diary"),
    ("er_records", True, "Emergency room records that show my symptoms"),
    ("expedited_requested", True, "My doctor's statement that waiting the normal time could seriously harm my health"),
    ("missing_records_sent", True, "The records the plan said were missing"),
    ("criteria_requested", "received", "The criteria used in the denial, with my doctor's answer to each point"),
)
LMN = "Letter of medical necessity from"


def _text(values: dict, key: str, placeholder: str) -> str:
    return values.get(key) or f"[{placeholder}]"


def area_view(values: dict) -> AreaView | None:
    """The body area the answers name (None: the generic path)."""
    return load_areas().current(values)


def _scan(values: dict) -> str:
    """ "MRI of the knee": the area's own name when an area is chosen, else the reader's words."""
    scan = {"mri": "MRI", "ct": "CT scan"}.get(values.get("scan"), "scan")
    area = values.get("body_area")
    letter_name = load_areas().area(area).letter_name if area else None  # named even before its reason is
    if letter_name:
        return f"{scan} {letter_name}"
    part = values.get("body_part")
    return f"{scan} of the {part}" if part else scan


def _day(values: dict, key: str, placeholder: str) -> str:
    value = values.get(key)
    return long_date(dt.date.fromisoformat(value)) if value else f"[{placeholder}]"


def enclosures(values: dict, pos: Position | None = None, first: str = "A copy of the denial letter") -> list[str]:
    """The documents the reader said they are sending, as the letter lists them."""
    doctor = values.get("doctor_name")
    found = [first]
    if pos is not None and pos.index >= 1 and values.get("final_denial_date"):
        found.append("A copy of the letter that turned down my appeal")
    if pos is not None and pos.index >= 2 and values.get("review_denial_date"):
        found.append("A copy of the review or hearing decision")
    if values.get("lmn_updated") is True:
        found.append(f"{LMN} {doctor}" if doctor else f"{LMN} my doctor")
    # values are checked answers: a yes/no question holds a real bool, so == is the `is True` it was
    found += [line for qid, answer, line in _ENCLOSED_WHEN if values.get(qid) == answer]
    return found


def _doctor_explains(values: dict, what: str) -> str:
    """A sentence about what the doctor's letter says: 'enclosed' only when it is in the list."""
    if values.get("lmn_updated") is True:
        return f"My doctor's enclosed letter explains {what}."
    return f"My doctor, {_text(values, 'doctor_name', 'Doctor name')}, can explain {what}."


def _flags(values: dict) -> list[str]:
    """The letter phrases of the chosen area's signs the reader ticked (body_areas.toml `letter`)."""
    return [sign.letter for sign in chosen_signs(area_view(values), values)]


def signs_sentences(signs, areas) -> list[str]:
    """What the reader's signs justify, in the letter's words: signs from clinical sources are
    what doctors treat as reasons not to wait; a sign only a plan's own policy names is said so."""
    clinical = [s.letter for s in signs if not from_a_plan_only(s, areas)]
    by_policy = [s.letter for s in signs if from_a_plan_only(s, areas)]
    out = []
    if clinical:
        out.append(
            "I have warning signs that doctors treat as reasons to image without waiting: " + "; ".join(clinical) + "."
        )
    if by_policy:
        out.append("At least one health plan's published policy covers this scan for: " + "; ".join(by_policy) + ".")
    return out


def _flags_sentence(values: dict) -> str:
    return " ".join(signs_sentences(chosen_signs(area_view(values), values), load_areas()))


def _symptoms_sentence(values: dict) -> str:
    weeks = values.get("symptom_weeks")
    if not weeks:
        return ""
    return f"I have had these symptoms for {weeks} week{'s' if weeks != 1 else ''}."


def usual_care_weeks(values: dict) -> int:
    """The weeks of treatment a letter needs before it states them: the area's sourced count, or
    USUAL_CONSERVATIVE_WEEKS where the area (or the generic path) gives none."""
    usual = usual_weeks(area_view(values), load_areas())
    return usual[0].weeks if usual else USUAL_CONSERVATIVE_WEEKS


def care_meets_usual(values: dict) -> bool:
    weeks = values.get("conservative_weeks")
    return weeks is not None and weeks >= usual_care_weeks(values)


def _care(values: dict) -> str:
    """What the reader tried, only where it helps: a course as long as plans usually expect."""
    tried = values.get("conservative_tried")
    records = (
        " The enclosed records show the dates and the results." if values.get("conservative_records") is True else ""
    )
    if care_meets_usual(values):
        weeks = values["conservative_weeks"]
        return (
            f"I have tried other treatment for {weeks} weeks"
            + (f", including: {tried}" if tried else "")
            + "."
            + records
        )
    if _flags(values):
        return ""
    return (
        "[Say why waiting longer is not safe or not reasonable for you: for example what you cannot do, or "
        "treatment you could not have. Ask your doctor to say so too.]"
    )


def _reason_paragraph(values: dict, scan: str, emergency: str) -> str:
    reason = values.get("denial_reason")
    flags = _flags_sentence(values)
    symptoms = _symptoms_sentence(values)
    parts: list[str]
    if reason == "conservative_treatment":
        parts = [
            "The denial says I have not tried other treatment long enough.",
            flags,
            symptoms,
            _care(values),
            _doctor_explains(values, "my symptoms, the treatment I have had, and why the " + scan + " is needed now"),
        ]
    elif reason == "medical_necessity":
        parts = [
            f"The denial says the {scan} is not medically necessary.",
            symptoms,
            _doctor_explains(
                values,
                f"my symptoms, how they limit my daily life, and how the result of the {scan} will decide my treatment",
            ),
            flags,
        ]
    elif reason == "wrong_imaging_level":
        prior = (
            "I have already had earlier imaging, and it did not answer the question."
            if values.get("prior_imaging") in ("with_reports", "without_reports")
            else ""
        )
        parts = [
            "The denial says a simpler test should come first.",
            prior,
            _doctor_explains(
                values, f"why a simpler test cannot answer the medical question, and why the {scan} is needed"
            ),
        ]
    elif reason == "criteria_mismatch":
        parts = [
            "The denial says my request does not meet the criteria used.",
            _doctor_explains(values, "how my case meets each point of those criteria"),
            flags,
        ]
    elif reason == "missing_documentation":
        parts = [
            "The denial says records were missing.",
            "I enclose those records now, and ask you to review the request again with the complete file."
            if values.get("missing_records_sent") is True
            else "[List the records the plan said were missing. Enclose them, and tick that they were sent.]",
        ]
    elif reason == "out_of_network":
        parts = [
            f"The denial concerns where the {scan} would be done. I ask you to approve the {scan} at an "
            "in-network facility, or to grant a network exception if no in-network facility can do it in time."
        ]
    elif reason == "authorization_expired":
        parts = [
            f"The approval expired before the {scan} could be done. The medical need has not changed. I ask you "
            "to issue a new authorization or extend the old one."
        ]
    elif reason == "no_authorization" and emergency:
        no_pa = (
            "This was emergency care, which does not need one, as set out above."
            if "prior authorization" in emergency
            else "This was emergency care."
        )
        parts = [
            f"The denial says there was no prior authorization. {no_pa} I ask you to pay the claim.",
            symptoms,
            _doctor_explains(values, f"my symptoms when I arrived and why the {scan} was needed"),
            flags,
        ]
    elif reason == "no_authorization":
        parts = [
            f"The {scan} was done without a prior authorization. [Say who was supposed to ask for it, if you "
            "know: usually the doctor's office or the imaging center.] I ask you to review the medical need now "
            "and grant a retroactive authorization.",
            symptoms,
            _doctor_explains(values, f"why the {scan} was needed"),
            flags,
        ]
    elif reason == "other":
        parts = [
            "I do not understand the specific reason for the denial. Please tell me, in writing, the exact reason "
            "and the rule or criterion it is based on."
        ]
    else:
        parts = ["The denial gives this reason: [the reason in the letter]. My answer: [your answer]."]
    return " ".join(" ".join(p for p in parts if p).split())


_HISTORY = {
    "after_plan": "My Medicaid health plan turned down my appeal on {final_date}. I ask the hearing officer to reverse the decision.",
    "direct": "I disagree with the notice dated {denial_date}, and I ask the hearing officer to reverse the decision.",
}
_CHANGE = {
    "EXTEND": (
        "You approved the {scan} ordered by {doctor}, but the approval expired before it could be done. The "
        "medical need has not changed. Please extend the approval or issue a new one."
    ),
    "MOVE": (
        "The {scan} ordered by {doctor} was refused because of where it would be done. Please approve it at "
        "[name of an in-network imaging center], or, if no in-network center can do it in time, grant a network "
        "exception for [name of the imaging center]."
    ),
}


def _fields(values: dict, pos: Position, kind: LetterKind) -> dict:
    """The values a letter template may use. Each template is filled in ONE pass of str.format, so
    what the reader typed is inserted as text and never read as a template."""
    urgent = pos.expedited and kind.level_letter and kind.urgent
    fields = {
        "plan": _text(values, "plan_name", "Name of your health plan"),
        "doctor": _text(values, "doctor_name", "Doctor name"),
        "scan": _scan(values),
        "what": "CLAIM" if values.get("stage") == "claim" else "PRIOR AUTHORIZATION",
        "urgent": "URGENT: EXPEDITED " if urgent else "",
        "change": "EXTEND" if values.get("denial_reason") == "authorization_expired" else "MOVE",
        "scan_date": "[date of the scan]",
        "denial_date": _day(values, "denial_date", "date on the denial letter"),
        "final_date": _day(values, "final_denial_date", "date on the letter that turned down your appeal"),
        "review_date": _day(values, "review_denial_date", "date on the decision"),
    }
    after_plan = pos.index >= 1 and pos.path.levels[0] != "medicaid_fair_hearing_direct"
    fields["history"] = _HISTORY["after_plan" if after_plan else "direct"].format(**fields)
    fields["change_text"] = _CHANGE[fields["change"]].format(**fields)
    return fields


def _fill(template: str, fields: dict) -> str:
    return template.format(**fields)


def _header(values: dict, kind: LetterKind, fields: dict, today: dt.date, pos: Position) -> list[str]:
    lines = [long_date(today), ""] + [_fill(line, fields) for line in kind.to] + [""]
    lines += [
        f"Re: {_fill(kind.re, fields)}",
        f"Name: {_text(values, 'patient_name', 'Your full name')}",
        f"{kind.member}: {_text(values, 'member_id', kind.member)}",
        f"Claim or reference number: {_text(values, 'claim_number', 'Claim or reference number')}",
        f"Date of denial: {fields['denial_date']}",
    ]
    if pos.index >= 1 and kind.level_letter:
        lines.append(f"Date my appeal was turned down: {fields['final_date']}")
    if pos.index >= 2 and kind.level_letter:
        lines.append(f"Date of the review or hearing decision: {fields['review_date']}")
    return lines + [""]


def _closing(values: dict, kind: LetterKind) -> list[str]:
    ask = "Please contact me if you need anything else to decide this." if kind.level_letter else "Thank you."
    lines = [ask, "", "Sincerely,", "", _text(values, "patient_name", "Your full name"), "[Phone number]"]
    if kind.signature:
        lines += ["[Your address]", "", "Signature: ______________________   Date: __________"]
    return lines


def _urgent_paragraph(values: dict, fields: dict) -> str:
    """The urgent request: the doctor's statement is named only when the reader has it."""
    harm = (
        "waiting the normal time could seriously jeopardize my life, my health, or my ability to regain "
        "maximum function. I ask for an expedited decision."
    )
    if values.get("expedited_requested") is True:
        return f"This is an urgent request. My doctor, {fields['doctor']}, states that {harm}"
    return (
        f"This is an urgent request: {harm} [Ask your doctor to state this in writing, enclose it, and tick "
        "that you asked for a fast appeal.]"
    )


def _level_letter(values: dict, kind_id: str, today: dt.date, pos: Position) -> str:
    kind = LETTERS[kind_id]
    appeal_map = load_map()
    fields = _fields(values, pos, kind)
    claim = values.get("stage") == "claim"
    ask = kind.ask_claim if claim and kind.ask_claim else kind.ask
    lines = _header(values, kind, fields, today, pos)
    lines += [kind.salutation, "", _fill(ask, fields), ""]
    if pos.expedited and kind.urgent:
        lines += [_urgent_paragraph(values, fields), ""]
    emergency = appeal_map.emergency.get(pos.path.emergency, "") if claim and values.get("emergency") is True else ""
    if emergency:
        lines += [_fill(emergency, fields), ""]
    lines += [_reason_paragraph(values, fields["scan"], emergency), ""]
    for text in appeal_map.rights.get(pos.path.rights, ()) if kind.rights else ():
        lines += [text, ""]
    if kind_id == "appeal_generic":
        lines += ["Please send me copies of the documents and the criteria you used to make this decision.", ""]
    lines += ["Enclosed, in this order:"]
    lines += [f"{n}. {name}" for n, name in enumerate(enclosures(values, pos, kind.first_enclosure), 1)]
    return "\n".join(lines + [""] + _closing(values, kind)) + "\n"


def request_kind(kind_id: str, pos: Position) -> LetterKind:
    """A letter kind as it reads on the reader's path (REQUESTS_BY_PATH), else as LETTERS has it."""
    return REQUESTS_BY_PATH.get((kind_id, pos.path.id), LETTERS[kind_id])


def _request_letter(values: dict, kind_id: str, today: dt.date, pos: Position) -> str:
    kind = request_kind(kind_id, pos)
    fields = _fields(values, pos, kind)
    lines = _header(values, kind, fields, today, pos)
    lines += [kind.salutation, "", _fill(kind.ask, fields), ""]
    if kind_id in ("request_criteria", "request_claim_file"):
        for text in load_map().rights.get(pos.path.rights, ()):
            if "documents" in text or "criteria" in text:
                lines += [text, ""]
                break
    lines += ["Please send it to me at [your address or email]."]
    return "\n".join(lines + [""] + _closing(values, kind)) + "\n"


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


def appeal_letter(raw_answers, today: dt.date, checklist: Checklist, kind: str | None = None) -> str:
    """The letter of the given kind, or the current level's own letter. A level with no letter
    (for example Medicare Advantage's automatic review) gets a short note saying so."""
    values, pos = _values_and_position(raw_answers, checklist)
    kind = kind or pos.level.letter
    if kind is None:
        return f"No letter is needed at this step.\n\n{pos.level.send_to}\n"
    if kind not in LETTERS:
        raise ValueError(f"unknown letter kind {kind!r}; one of {', '.join(LETTERS)}")
    if LETTERS[kind].level_letter:
        return _level_letter(values, kind, today, pos)
    return _request_letter(values, kind, today, pos)


LMN_POINTS = [
    "My diagnosis, and the medical question the {scan} must answer.",
    "When my symptoms began, how long they have lasted, how severe they are, and what I cannot do because of them.",
    "Your exam findings.",
    "The treatments I have tried, with dates and results, or the warning signs that mean the scan cannot wait.",
    "Any earlier imaging, and why it was not enough.",
    "How the result will change my treatment (for example surgery, an injection or a referral).",
    "An answer to each point of the criteria the plan used, if we have them.",
]


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


def doctor_letter(raw_answers, today: dt.date, checklist: Checklist) -> str:
    values, pos = _values_and_position(raw_answers, checklist)
    scan = _scan(values)
    summary = REASON_SUMMARY.get(values.get("denial_reason"))
    reason = "The plan's letter gives this reason: [copy the reason from the denial letter]." + (
        f" In short, the plan says {summary}." if summary else ""
    )
    lines = [
        long_date(today),
        "",
        f"Dear {_text(values, 'doctor_name', 'Doctor name')} and office team,",
        "",
        f"My health plan denied the {scan} you ordered. {reason}",
        "I am appealing, and I need your help.",
        "",
        "1. Please write a new letter of medical necessity that answers that reason. Please include:",
    ]
    lines += [f"   - {point.format(scan=scan)}" for point in LMN_POINTS]
    if pos.expedited:
        lines.append(
            "   - A statement that waiting the normal time could seriously jeopardize my health or my "
            "ability to regain maximum function, so the plan should decide fast."
        )
    if _flags(values):
        lines.append("   - The warning signs I have: " + "; ".join(_flags(values)) + ".")
    view = area_view(values)
    if view is not None and view.document:
        lines.append(f"   For a scan {view.letter_name or 'like mine'}, guidelines and plans also look for:")
        lines += [f"   - {to_doctor(point.text)}" for point in view.document]
    if values.get("denial_reason") == "no_authorization":
        lines += [
            "",
            "2. The scan was done without a prior authorization. Please tell me who was supposed to ask for it,",
            "   and ask the plan for a retroactive authorization.",
        ]
    elif values.get("stage") != "claim":
        lines += [
            "",
            "2. Please ask the plan for a peer-to-peer review, a call with the plan's reviewing doctor. It is",
            "   often the fastest way to settle a denial. It helps to have ready: the denial letter, the criteria",
            "   used, my notes and the dates of treatments tried, and what the scan will decide.",
        ]
    lines += [
        "",
        f"My member ID: {_text(values, 'member_id', 'Member ID')}. "
        f"Claim or reference number: {_text(values, 'claim_number', 'Claim or reference number')}.",
        "",
        "Thank you for your help.",
        "",
        _text(values, "patient_name", "Your full name"),
    ]
    return "\n".join(lines) + "\n"
