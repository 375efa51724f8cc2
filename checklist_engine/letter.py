"""Letter drafts built from the answers: the appeal letter, and a request to the doctor's office.

Plain text. What the reader typed is inserted as text, never interpreted. Missing details become
[placeholders] the reader fills in. Every rule cited comes from legal-facts.md via the rules data.
"""

from __future__ import annotations

import datetime as dt

from .answers import normalize
from .visibility import effective_answers
from .deadlines import long_date
from .model import Checklist

GENERAL_PLANS = ("employer", "individual", "unknown")

REASON_PARAGRAPHS = {
    "conservative_treatment": (
        "The denial says I have not tried other treatment long enough. {care} {flags}"
    ),
    "medical_necessity": (
        "The denial says the {scan} is not medically necessary. My doctor's enclosed letter explains my "
        "symptoms, how they limit my daily life, and how the result of the {scan} will decide my treatment. {flags}"
    ),
    "wrong_imaging_level": (
        "The denial says a simpler test should come first. My doctor's enclosed letter explains why a "
        "simpler test cannot answer the medical question, and why the {scan} is needed. {prior}"
    ),
    "criteria_mismatch": (
        "The denial says my request does not meet the criteria used. My doctor's enclosed letter answers "
        "each point of those criteria, one by one, with the records that support it."
    ),
    "missing_documentation": (
        "The denial says records were missing. I enclose those records now, and ask you to review the "
        "request again with the complete file."
    ),
    "out_of_network": (
        "The denial concerns where the {scan} would be done. I ask you to approve the {scan} at an "
        "in-network facility, or to grant a network exception if no in-network facility can do it in time."
    ),
    "authorization_expired": (
        "The approval expired before the {scan} could be done. The medical need has not changed. I ask "
        "you to issue a new authorization or extend the old one."
    ),
    "other": (
        "I do not understand the specific reason for the denial. Please tell me, in writing, the exact "
        "reason and the rule or criterion it is based on."
    ),
}


def _text(values: dict, key: str, placeholder: str) -> str:
    return values.get(key) or f"[{placeholder}]"


def _scan(values: dict) -> str:
    scan = {"mri": "MRI", "ct": "CT scan"}.get(values.get("scan"), "scan")
    part = values.get("body_part")
    return f"{scan} of the {part}" if part else scan


def _care(values: dict) -> str:
    weeks = values.get("conservative_weeks")
    tried = values.get("conservative_tried")
    if weeks is None and not tried:
        return "My doctor's enclosed letter describes the treatment I have tried and for how long: [treatments and weeks]."
    parts = []
    if weeks is not None:
        parts.append(f"I have tried other treatment for {weeks} weeks")
    if tried:
        parts.append(f"including: {tried}")
    return ", ".join(parts) + ". The enclosed records show the dates and the results."


FLAG_TEXT = {
    "bladder_bowel": "new bladder or bowel problems or numbness in the saddle area",
    "neuro_deficit": "severe or worsening weakness or numbness",
    "cancer": "a history of cancer or unexplained weight loss",
    "infection": "signs that raise concern for infection",
    "fracture": "a risk of fracture",
    "prior_surgery": "new symptoms after earlier surgery in this area",
}


def _flags(values: dict) -> str:
    flags = [FLAG_TEXT[f] for f in values.get("red_flags", []) if f in FLAG_TEXT]
    if not flags:
        return ""
    return ("I also have warning signs that doctors treat as reasons to image without waiting: "
            + "; ".join(flags) + ". My doctor's letter describes them.")


def _prior(values: dict) -> str:
    if values.get("prior_imaging") in ("with_reports", "without_reports"):
        return "I have already had earlier imaging, and it did not answer the question."
    return ""


# What the reader said they are sending, in the order a letter lists it: (question, answer, line).
_ENCLOSED_WHEN = (
    ("office_notes", True, "Office notes: when the symptoms began, how long, how severe, and what I cannot do"),
    ("conservative_records", True, "Records of the treatments I tried, with dates"),
    ("prior_imaging", "with_reports", "Reports of my earlier imaging"),
    ("specialist", True, "Notes from my specialist"),
    ("symptom_diary", True, "My symptom diary"),
    ("missing_records_sent", True, "The records the plan said were missing"),
    ("criteria_requested", "received", "The criteria used in the denial, with my doctor's answer to each point"),
)


def enclosures(values: dict) -> list[str]:
    doctor = values.get("doctor_name")
    found = ["A copy of the denial letter"]
    if values.get("lmn_updated") is True:
        found.append(f"Letter of medical necessity from {doctor}" if doctor else "Letter of medical necessity from my doctor")
    # values are checked answers: a yes/no question holds a real bool, so == is the `is True` it was
    found += [line for qid, answer, line in _ENCLOSED_WHEN if values.get(qid) == answer]
    return found


def _rights(values: dict) -> list[str]:
    plan = values.get("plan_type") or "unknown"
    if plan in GENERAL_PLANS:
        return [
            "Please send me, free of charge, copies of all documents relevant to my claim, including any "
            "internal rule, guideline, protocol or criterion you relied on to deny it "
            "(29 CFR 2560.503-1(h)(2)(iii) and (g)(1)(v)).",
            "I ask that this appeal be decided by someone who was not involved in the denial, in consultation "
            "with a health professional who has appropriate training and experience in this field of "
            "medicine (29 CFR 2560.503-1(h)(3)).",
        ]
    if plan == "medicare_advantage":
        return [
            "Please send me the coverage rules and any internal criteria you used. Medicare Advantage plans "
            "must follow Medicare's coverage rules, and any internal criteria must be publicly accessible "
            "(42 CFR 422.101).",
        ]
    return ["Please send me copies of the documents and the rules you used to make this decision."]


def appeal_letter(raw_answers, today: dt.date, checklist: Checklist) -> str:
    values = effective_answers(checklist, normalize(raw_answers, checklist))
    scan = _scan(values)
    urgent = values.get("urgent") is True and values.get("stage") != "claim"
    denied = values.get("denial_date")
    denial_text = long_date(dt.date.fromisoformat(denied)) if denied else "[date on the denial letter]"
    after_appeal = values.get("appeal_stage") == "internal_denied"
    kind = "request for external review" if after_appeal and values.get("plan_type") in GENERAL_PLANS else "appeal"
    reason = values.get("denial_reason")
    paragraph = REASON_PARAGRAPHS.get(reason, "The denial gives this reason: [the reason in the letter]. My answer: [your answer].")
    paragraph = " ".join(paragraph.format(scan=scan, care=_care(values), flags=_flags(values), prior=_prior(values)).split())

    lines = [
        long_date(today),
        "",
        _text(values, "plan_name", "Name of your health plan"),
        "Appeals department",
        "[Address from the denial letter]",
        "",
        f"Re: {'URGENT: EXPEDITED ' if urgent else ''}{kind.upper()}",
        f"Member: {_text(values, 'patient_name', 'Your full name')}",
        f"Member ID: {_text(values, 'member_id', 'Member ID')}",
        f"Claim or reference number: {_text(values, 'claim_number', 'Claim or reference number')}",
        f"Date of denial: {denial_text}",
        "",
        "To the appeals reviewer:",
        "",
        f"I am writing to appeal the denial of the {scan} ordered by {_text(values, 'doctor_name', 'Doctor name')}. "
        f"I ask you to reverse the decision and approve the {scan}.",
        "",
    ]
    if urgent:
        lines += [
            "This is an urgent request. My doctor states that waiting the normal time could seriously "
            "jeopardize my life, my health, or my ability to regain maximum function. I ask for an expedited decision.",
            "",
        ]
    lines += [paragraph, ""]
    for text in _rights(values):
        lines += [text, ""]
    lines += ["Enclosed, in this order:"]
    lines += [f"{n}. {name}" for n, name in enumerate(enclosures(values), 1)]
    lines += [
        "",
        "Please contact me if you need anything else to decide this appeal.",
        "",
        "Sincerely,",
        "",
        _text(values, "patient_name", "Your full name"),
        "[Phone number]",
    ]
    return "\n".join(lines) + "\n"


LMN_POINTS = [
    "My diagnosis, and the medical question the {scan} must answer.",
    "When my symptoms began, how long they have lasted, how severe they are, and what I cannot do because of them.",
    "Your exam findings.",
    "The treatments I have tried, with dates and results, or the warning signs that mean the scan cannot wait.",
    "Any earlier imaging, and why it was not enough.",
    "How the result will change my treatment (for example surgery, an injection or a referral).",
    "An answer to each point of the criteria the plan used, if we have them.",
]


def doctor_letter(raw_answers, today: dt.date, checklist: Checklist) -> str:
    values = effective_answers(checklist, normalize(raw_answers, checklist))
    scan = _scan(values)
    reason_label = next(
        (o.label for o in checklist.question("denial_reason").options if o.id == values.get("denial_reason")),
        "[the reason in the denial letter]",
    )
    urgent = values.get("urgent") is True and values.get("stage") != "claim"
    lines = [
        long_date(today),
        "",
        f"Dear {_text(values, 'doctor_name', 'Doctor name')} and office team,",
        "",
        f"My health plan denied the {scan} you ordered. The reason given: \"{reason_label}\".",
        "I am appealing, and I need your help with two things.",
        "",
        "1. Please write a new letter of medical necessity that answers that reason. Please include:",
    ]
    lines += [f"   - {point.format(scan=scan)}" for point in LMN_POINTS]
    if urgent:
        lines.append("   - A statement that waiting the normal time could seriously jeopardize my health or my "
                     "ability to regain maximum function, so the plan should decide fast.")
    if values.get("red_flags") and values["red_flags"] != ["none"]:
        lines.append("   - The warning signs I have: " + "; ".join(FLAG_TEXT[f] for f in values["red_flags"] if f in FLAG_TEXT) + ".")
    lines += [
        "",
        "2. Please ask the plan for a peer-to-peer review, a call with the plan's reviewing doctor. It is",
        "   often the fastest way to settle a denial. It helps to have ready: the denial letter, the criteria",
        "   used, my notes and the dates of treatments tried, and what the scan will decide.",
        "",
        f"My member ID: {_text(values, 'member_id', 'Member ID')}. "
        f"Claim or reference number: {_text(values, 'claim_number', 'Claim or reference number')}.",
        "",
        "Thank you for your help.",
        "",
        _text(values, "patient_name", "Your full name"),
    ]
    return "\n".join(lines) + "\n"
