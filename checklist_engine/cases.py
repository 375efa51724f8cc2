"""Golden cases, language-neutral: answers in, expected report fields out.

One case file (tests/cases/*.json):
    {"name": ..., "description": ..., "today": "YYYY-MM-DD", "answers": {...},
     "letter_deadline": {"date", "as_written"} (optional: the deadline the denial letter states),
     "expect": {"ready": bool, "expedited": bool, "score": int, "missing": [ids in order],
                "missing_includes": [ids], "missing_excludes": [ids], "blocking": [ids],
                "deadlines": [{"id": ..., "date": ...}], "visible_includes": [ids],
                "visible_excludes": [ids], "not_applicable": [ids], "warnings": int,
                "letter_includes": [text], "letter_excludes": [text], "doctor_letter_includes": [text],
                "appeal": {"path": id, "level": id, "letter": kind or null, "by": date or null,
                           "automatic": bool, "urgent_soon": bool},
                "first_step_includes": text, "findings": [ids], "appeal_includes": [text],
                "first_missing": id, "state_route": route id or null,
                "clocks": [{"id": clock id, any clock field: value}], "clock_text_includes": [text],
                "event_errors": [[event index, field]],
                "scripts": [call-script ids in order], "scripts_include": [text], "scripts_exclude": [text],
                "sheet_includes": [text], "sheet_excludes": [text], "sheet_deadline": ISO date or null,
                "letter_deadline": {"use": date, "ours": date or null, "differs": bool, ...}},
     "events": [...] (optional: the appeal file, see events.py),
     "letter_deadline": {"date", "as_written"} (optional: the deadline the letter states, confirmed)}
The same `check_case` runs on CPython (pytest) and under Pyodide in Node.js.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from functools import cache

from . import audit, doctor_letter, letter
from .messages import load_messages
from .scripts import p2p_sheet
from .scripts import scripts as call_scripts


def case_report(case: dict) -> dict:
    """The report for a case: its answers, events and the deadline its letter states, on its day."""
    today = dt.date.fromisoformat(case["today"])
    return audit(case["answers"], today, events=case.get("events"), stated_deadline=case.get("letter_deadline"))


def check_case(case: dict) -> list[str]:
    """Every way the engine's answer differs from the case's expectation (empty: it passes)."""
    today = dt.date.fromisoformat(case["today"])
    report = case_report(case)
    expect = case["expect"]
    problems: list[str] = []

    def differ(what, got, wanted):
        if got != wanted:
            problems.append(f"{case['name']}: {what}: got {got!r}, expected {wanted!r}")

    for key in ("ready", "expedited", "score", "missing"):
        if key in expect:
            differ(key, report[key], expect[key])
    for wanted in expect.get("missing_includes", []):
        if wanted not in report["missing"]:
            problems.append(f"{case['name']}: {wanted!r} should be missing")
    for unwanted in expect.get("missing_excludes", []):
        if unwanted in report["missing"]:
            problems.append(f"{case['name']}: {unwanted!r} should not be missing")
    if "blocking" in expect:
        differ("blocking", [b["id"] for b in report["blocking"]], expect["blocking"])
    if "deadlines" in expect:
        got = {d["id"]: d["date"] for d in report["deadlines"]}
        for wanted in expect["deadlines"]:
            differ(f"deadline {wanted['id']}", got.get(wanted["id"], "absent"), wanted["date"])
    for qid in expect.get("visible_includes", []):
        if qid not in report["visible_questions"]:
            problems.append(f"{case['name']}: question {qid!r} should be shown")
    for qid in expect.get("visible_excludes", []):
        if qid in report["visible_questions"]:
            problems.append(f"{case['name']}: question {qid!r} should be hidden")
    statuses = {i["id"]: i["status"] for i in report["items"]}
    for iid in expect.get("not_applicable", []):
        differ(f"item {iid} status", statuses.get(iid), "not_applicable")
    if "warnings" in expect:
        differ("warning count", len(report["warnings"]), expect["warnings"])
    if expect.get("letter_includes") or expect.get("letter_excludes"):
        text = letter(case["answers"], today)
        for fragment in expect.get("letter_includes", []):
            if fragment not in text:
                problems.append(f"{case['name']}: the letter should contain {fragment!r}")
        for fragment in expect.get("letter_excludes", []):
            if fragment in text:
                problems.append(f"{case['name']}: the letter should not contain {fragment!r}")
    for fragment in expect.get("doctor_letter_includes", []):
        if fragment not in doctor_letter(case["answers"], today):
            problems.append(f"{case['name']}: the doctor letter should contain {fragment!r}")
    appeal = report["appeal"]
    for key, wanted in expect.get("appeal", {}).items():
        got = (appeal["by"] or {}).get("date") if key == "by" else appeal.get(key, "absent")
        differ(f"appeal {key}", got, wanted)
    if "first_step_includes" in expect and expect["first_step_includes"] not in report["next_steps"][0]["text"]:
        problems.append(
            f"{case['name']}: the first next step should contain {expect['first_step_includes']!r}, "
            f"got {report['next_steps'][0]['text']!r}"
        )
    shown = json.dumps(appeal)
    for fragment in expect.get("appeal_includes", []):
        if fragment not in shown:
            problems.append(f"{case['name']}: the next-step block should contain {fragment!r}")
    if "first_missing" in expect:
        differ("first missing item", (report["missing"] or [None])[0], expect["first_missing"])
    if "state_route" in expect:
        differ("state route", (report["state"] or {}).get("route", {}).get("id"), expect["state_route"])
    clocks = {c["id"]: c for c in report["clocks"]}
    for wanted in expect.get("clocks", []):
        got = clocks.get(wanted["id"])
        if got is None:
            problems.append(f"{case['name']}: no clock {wanted['id']!r} (clocks: {sorted(clocks)})")
            continue
        for key, value in wanted.items():
            differ(f"clock {wanted['id']} {key}", got.get(key, "absent"), value)
    shown_clocks = json.dumps(report["clocks"])
    for fragment in expect.get("clock_text_includes", []):
        if fragment not in shown_clocks:
            problems.append(f"{case['name']}: the clocks should contain {fragment!r}")
    if "event_errors" in expect:
        differ("event errors", [[e["index"], e["field"]] for e in report["event_errors"]], expect["event_errors"])
    if "findings" in expect:
        differ("findings", [f["id"] for f in report["findings"]], expect["findings"])
    for key, wanted in expect.get("letter_deadline", {}).items():
        differ(f"letter_deadline {key}", (report["letter_deadline"] or {}).get(key, "absent"), wanted)
    problems += _check_calls(case, today, report)
    return problems


def _check_calls(case: dict, today: dt.date, report: dict) -> list[str]:
    """The call scripts and the peer-to-peer sheet (scripts.py), where the case expects them."""
    expect, name = case["expect"], case["name"]
    problems: list[str] = []
    if any(k in expect for k in ("scripts", "scripts_include", "scripts_exclude")):
        found = call_scripts(case["answers"], today)
        if "scripts" in expect and [s["id"] for s in found] != expect["scripts"]:
            problems.append(f"{name}: scripts: got {[s['id'] for s in found]!r}, expected {expect['scripts']!r}")
        text = json.dumps(found)
        problems += [
            f"{name}: the scripts should contain {t!r}" for t in expect.get("scripts_include", []) if t not in text
        ]
        problems += [
            f"{name}: the scripts should not contain {t!r}" for t in expect.get("scripts_exclude", []) if t in text
        ]
    if any(k in expect for k in ("sheet_includes", "sheet_excludes", "sheet_deadline")):
        sheet = p2p_sheet(case["answers"], report)
        text = json.dumps(sheet)
        problems += [
            f"{name}: the sheet should contain {t!r}" for t in expect.get("sheet_includes", []) if t not in text
        ]
        problems += [
            f"{name}: the sheet should not contain {t!r}" for t in expect.get("sheet_excludes", []) if t in text
        ]
        got = (sheet["deadline"] or {}).get("date")
        if "sheet_deadline" in expect and got != expect["sheet_deadline"]:
            problems.append(f"{name}: sheet deadline: got {got!r}, expected {expect['sheet_deadline']!r}")
    return problems


# Report fields whose strings are reader text: they may differ between languages. Every other
# string (ids, ISO dates, citations, links, statuses) and every number, boolean and list length
# must be the same in every language.
TEXT_KEYS = frozenset(
    {
        "action",
        "basis",
        "check_notice",
        "date_text",
        "deadline_text",
        "enclosures",
        "fix",
        "label",
        "letter_title",
        "message",
        "name",
        "note",
        "notes",
        "plan",
        "send_to",
        "severity_label",
        "steps",
        "text",
        "title",
        "today_text",
        "warnings",
        "what_to_do",
        "who_decides",
        "why",
        "state_name",
        "value",
        "gaps",
        "headline",
        "level_name",
        "period",
        "reason_label",
        # the data catalogues' text: a state's own deadline, the federal one, the deadline note,
        # prior-auth laws
        "state_rule",
        "federal",
        "deadline_note",
        "prior_auth",
        # the appeal file's errors (events.py), in the reader's language
        "problem",
    }
)


def same_but_text(english, other, path: str = "report") -> list[str]:
    """Where two reports for the same answers differ other than in their text (TEXT_KEYS)."""
    if isinstance(english, dict) and isinstance(other, dict):
        if set(english) != set(other):
            return [f"{path}: keys differ: {sorted(set(english) ^ set(other))}"]
        found = []
        for key in english:
            if key in TEXT_KEYS and isinstance(english[key], (str, list)) and _strings(english[key]):
                if type(english[key]) is not type(other[key]):
                    found.append(f"{path}.{key}: {english[key]!r} in English, {other[key]!r} here")
                elif isinstance(english[key], list) and len(english[key]) != len(other[key]):
                    found.append(f"{path}.{key}: {len(english[key])} entries in English, {len(other[key])} here")
                continue
            found.extend(same_but_text(english[key], other[key], f"{path}.{key}"))
        return found
    if isinstance(english, list) and isinstance(other, list):
        if len(english) != len(other):
            return [f"{path}: {len(english)} entries in English, {len(other)} here"]
        return [
            p for n, (a, b) in enumerate(zip(english, other, strict=True)) for p in same_but_text(a, b, f"{path}[{n}]")
        ]
    return (
        [] if english == other and type(english) is type(other) else [f"{path}: {english!r} in English, {other!r} here"]
    )


def _strings(value) -> bool:
    return isinstance(value, str) or all(isinstance(v, str) for v in value)


def check_case_language(case: dict, lang: str) -> list[str]:
    """The case's report in `lang` against the English one: the same structure, ids, dates,
    citations and counts; only text differs. Each problem names the case and the field."""
    today = dt.date.fromisoformat(case["today"])
    kwargs = {"events": case.get("events"), "stated_deadline": case.get("letter_deadline")}
    english = audit(case["answers"], today, **kwargs)
    other = audit(case["answers"], today, lang=lang, **kwargs)
    problems = same_but_text(english, other) + letters_same_but_text(case, lang, english)
    return [f"{case.get('name', '?')} ({lang}): {p}" for p in problems]


# ------------------------------------------------------------------ English left in another language

# A text reads as English when it has 2 or more of these common English words and no Spanish one;
# a bracketed or parenthesised part ("[your plan's name]") when it has one. Not counted: the reader's
# own words (text answers, the appeal file's notes), which stay as typed; the data's texts that stay
# English by design (i18n.KEYS "keep": a source's title, an agency's name); and a proper name in
# capitals ("Office of the Healthcare Advocate"). A hyphenated word ("peer-to-peer") is one word.
ENGLISH_WORDS = frozenset(
    # the common function words, then a few more that are never Spanish words either
    ("the", "your", "and", "you", "to", "of", "this", "with", "for", "is", "are", "not", "will", "what", "have")
    + ("or", "on", "by", "from", "if", "can", "we", "that", "it", "my", "be", "was")
)
SPANISH_WORDS = frozenset(
    ("el", "la", "los", "las", "de", "del", "que", "y", "en", "su", "sus", "usted", "por", "para", "con")
    + ("es", "un", "una", "se", "al", "lo", "le", "les", "este", "esta", "como", "pero", "más", "si", "o")
    + ("ya", "sin", "hay", "puede")
)
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_NAME = re.compile(r"\b[A-Z][\w'’-]*(?:(?:\s+(?:of|the|and|for|on|in|to))*\s+[A-Z][\w'’-]*)+")
_ASIDE = re.compile(r"\[[^\[\]]*\]|\([^()]*\)")
_SENTENCE = re.compile(r"[.;:!?](?:\s|$)|\n")


def _reads_english(part: str, threshold: int) -> bool:
    words = [w.lower() for w in _WORD.findall(part)]
    return sum(w in ENGLISH_WORDS for w in words) >= threshold and not any(w in SPANISH_WORDS for w in words)


def reads_english(text: str) -> bool:
    """Whether `text` (or one sentence or aside of it) reads as English.

    >>> reads_english("Llame a su plan. [your plan's name]"), reads_english("Pida a su plan los criterios.")
    (True, False)
    >>> reads_english("Llame a la Office of the Healthcare Advocate (peer-to-peer)")
    False
    """
    text = _NAME.sub(" ", text)
    if any(_reads_english(aside, 1) for aside in _ASIDE.findall(text)):
        return True
    rest = _ASIDE.sub(" ", text)
    return _reads_english(rest, 2) or any(_reads_english(s, 2) for s in _SENTENCE.split(rest))


def english_strings(node, typed=(), path: str = "") -> list[tuple[str, str]]:
    """(path, text) of every string in `node` that reads as English once the reader's own words
    (`typed`) are taken out."""
    if isinstance(node, dict):
        return [hit for key, value in node.items() for hit in english_strings(value, typed, f"{path}.{key}")]
    if isinstance(node, list):
        return [hit for n, value in enumerate(node) for hit in english_strings(value, typed, f"{path}[{n}]")]
    if isinstance(node, str):
        text = node
        for words in (*typed, *_kept_texts()):
            text = text.replace(words, " ")
        return [(path.lstrip("."), node)] if reads_english(text) else []
    return []


@cache
def _kept_texts() -> tuple[str, ...]:
    """The data's texts that stay English in every language (i18n.KEYS "keep": a source's title, an
    agency's name, a citation), longest first."""
    import tomllib
    from importlib import resources

    from .i18n import KEYS, text_values

    found = set()
    for datafile, keys in KEYS.items():
        doc = tomllib.loads(resources.files(__package__).joinpath(f"data/{datafile}").read_text("utf-8"))
        found |= {text for _, text in text_values(doc, keys["keep"]) if " " in text.strip()}
    return tuple(sorted(found, key=len, reverse=True))


def _typed(case: dict) -> list[str]:
    """The reader's own words in a case: its text answers and the appeal file's text fields."""
    from .events import load_format
    from .loader import load_checklist

    texts = {q.id for q in load_checklist().questions if q.type == "text"}
    fields = {f.id for f in load_format().fields.values() if f.type == "text"}
    found = [v for k, v in case["answers"].items() if k in texts and isinstance(v, str)]
    for event in case.get("events") or []:
        if isinstance(event, dict):
            found += [v for k, v in event.items() if k in fields and isinstance(v, str)]
    return sorted((t for t in found if t.strip()), key=len, reverse=True)


def english_left(case: dict, lang: str) -> list[str]:
    """The engine's output for a case in `lang` (the report with its deadlines and clocks, the appeal
    file's check, the call scripts), every text that still reads as English: 'case (lang):
    output.path: text'. Not the letters, nor the peer-to-peer sheet: both are for English readers
    (the plan, the doctor) and stay English."""
    from .events import check_events
    from .loader import load_checklist

    today = dt.date.fromisoformat(case["today"])
    checklist = load_checklist(lang=lang)
    report = audit(
        case["answers"], today, checklist, events=case.get("events"), stated_deadline=case.get("letter_deadline")
    )
    events, errors = check_events(case.get("events"), lang)
    outputs = {
        "report": report,
        "events": {"events": events, "errors": errors},
        "scripts": call_scripts(case["answers"], today, checklist),
    }
    typed = _typed(case)
    return [
        f"{case.get('name', '?')} ({lang}): {where}: {text!r}"
        for name, output in outputs.items()
        for where, text in english_strings(output, typed, name)
    ]


def english_in_findings(text: str, lang: str, name: str = "letter") -> list[str]:
    """The "Explain my denial" findings for a denial letter's text in `lang`: every text the page
    shows that still reads as English. The letter's own words (each finding's quote, line, value)
    are English and stay so."""
    from .extract import explain

    result = explain(text, lang=lang)
    shown = {
        "findings": [{k: v for k, v in f.items() if k not in _LETTER_WORDS} for f in result["findings"]],
        "missing": result["missing"],
        "limit_note": result["limit_note"],
    }
    return [f"{name} ({lang}): {where}: {words!r}" for where, words in english_strings(shown, (), "explain")]


# A finding's words from the letter itself (quoted, not written by the engine), and the names of the
# rule that found it (like ids: the page does not show them)
_LETTER_WORDS = frozenset({"value", "quote", "line", "as_written", "kind", "rule"})


# What a letter in another language keeps from the English: its paragraphs, dates (as dates),
# citations, numbered lines (the enclosures) and the reader's own words.
_CITATION = re.compile(r"\b\d+ (?:CFR|U\.S\.C\.) \d[\w.-]*(?:\([0-9a-zA-Z]+\))*")
_READER_TEXT = ("patient_name", "doctor_name", "plan_name", "member_id", "claim_number", "conservative_tried")


def letter_dates(text: str, lang: str) -> list[str]:
    """The ISO dates a letter writes out in `lang` (messages.toml's long date pattern), in order."""
    m = load_messages(lang)
    month = "|".join(m.months)
    pattern = re.escape(m.long_format).replace(r"\{month\}", f"(?P<month>{month})")
    pattern = pattern.replace(r"\{day\}", r"(?P<day>\d{1,2})").replace(r"\{year\}", r"(?P<year>\d{4})")
    return [
        dt.date(int(g["year"]), m.months.index(g["month"]) + 1, int(g["day"])).isoformat()
        for g in (x.groupdict() for x in re.finditer(pattern, text))
    ]


def letter_shape(text: str, lang: str) -> dict:
    """What must be the same in a letter in every language."""
    return {
        "paragraphs": len([p for p in text.split("\n\n") if p.strip()]),
        "numbered lines": len(re.findall(r"(?m)^\s*\d+\. ", text)),
        "dates": letter_dates(text, lang),
        "citations": _CITATION.findall(text),
    }


def case_letters(case: dict, report: dict, lang: str = "en") -> dict[str, str]:
    """Every letter the page offers for the case (the level's, the doctor's, the requests), in `lang`."""
    today = dt.date.fromisoformat(case["today"])
    found = {
        "appeal": letter(case["answers"], today, lang=lang),
        "doctor": doctor_letter(case["answers"], today, lang=lang),
    }
    for entry in report["letters"]:
        found[entry["kind"]] = letter(case["answers"], today, kind=entry["kind"], lang=lang)
    return found


def letters_same_but_text(case: dict, lang: str, report: dict | None = None) -> list[str]:
    """Where the case's letters in `lang` differ from the English other than in their words."""
    report = report or case_report(case)
    english, other = case_letters(case, report), case_letters(case, report, lang)
    found = []
    for kind, text in english.items():
        want, got = letter_shape(text, "en"), letter_shape(other[kind], lang)
        found += [
            f"letter {kind}: {key} {want[key]!r} in English, {got[key]!r} here" for key in want if want[key] != got[key]
        ]
        for qid in _READER_TEXT:
            typed = case["answers"].get(qid)
            if isinstance(typed, str) and typed in text and typed not in other[kind]:
                found.append(f"letter {kind}: the reader's {qid} {typed!r} is missing")
    return found
