"""Read a denial letter's text and find what the self-audit asks: plan type, stage, reason, dates.

The rules are data (data/extract.toml). `explain(text)` returns findings, each with the checklist
question it could fill (or an informational field), the value, the exact span in the ORIGINAL text
(start, end, the quoted words and their line) and how sure the rule is. Nothing is filled in here:
the page shows each finding and the reader confirms it. Dates are only ever ones written in the
letter. Pure, stdlib only, never raises on a str, reads at most `max_chars` characters, and every
pattern is checked at load so none can backtrack badly.

    >>> r = explain("Date of this notice: March 3, 2027\\nThe MRI is not medically necessary.")
    >>> [(f["field"], f["value"]) for f in r["findings"] if f["field"] in ("denial_date", "denial_reason")]
    [('denial_date', '2027-03-03'), ('denial_reason', 'medical_necessity')]
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import re
import tomllib
from dataclasses import dataclass
from functools import cache

from .calendar_us import add_months
from .i18n import localize
from .loader import ChecklistError, FieldCheck, read_data
from .messages import load_messages

DEFAULT = "data/extract.toml"
FINDINGS_VERSION = 1  # the version of explain()'s result (its "schema" key)
CONFIDENCE = ("high", "medium", "low")
INFO_FIELDS = (
    "stated_deadline",
    "reviewer",
    "guideline",
    "cpt",
    "weeks_required",
    "appeal_address",
    "fax",
    "service_date",
)
_FLAGS = re.I | re.M
_ID = re.compile(r"^[a-z][a-z0-9_]*$")


class ExtractError(ChecklistError):
    """The extractor's rules are wrong. The message names the file, the rule and the problem."""


# ----------------------------------------------------------------------------------- the rules


@dataclass(frozen=True)
class Keyword:
    id: str
    field: str
    value: str
    confidence: str
    patterns: tuple[re.Pattern, ...]
    rank: int = 0


@dataclass(frozen=True)
class Labelled:
    id: str
    field: str
    confidence: str
    pattern: re.Pattern  # label then (?P<value>...)


@dataclass(frozen=True)
class DateLabel:
    kind: str
    field: str
    confidence: str
    patterns: tuple[re.Pattern, ...]


@dataclass(frozen=True)
class Cpt:
    code: str
    scan: str
    body_area: str | None
    description: str


@dataclass(frozen=True)
class Rules:
    version: str
    source: str
    max_chars: int
    max_matches: int
    top_lines: int
    keywords: tuple[Keyword, ...]
    labelled: tuple[Labelled, ...]
    address_anchors: tuple[re.Pattern, ...]
    address_confidence: str
    address_max_lines: int
    date_pattern: re.Pattern
    months: tuple[str, ...]
    date_labels: tuple[DateLabel, ...]
    deadline_context: re.Pattern
    deadline_exclude: re.Pattern
    deadline_confidence: str
    deadline_pattern: re.Pattern
    numbers: tuple[tuple[str, int], ...]
    weeks_pattern: re.Pattern
    weeks_context: re.Pattern
    weeks_confidence: str
    weeks_require: re.Pattern
    max_weeks: int
    cpt: tuple[Cpt, ...]
    look_for: tuple[tuple[str, str], ...]

    def number(self, word: str) -> int | None:
        if word.isdigit():
            return int(word)
        return dict(self.numbers).get(word.lower())

    def cpt_code(self, code: str) -> Cpt | None:
        for entry in self.cpt:
            if entry.code == code:
                return entry
        return None


# ----------------------------------------------------------------------------------- validation


def _nested_repeat(pattern: str) -> bool:
    """Whether a part repeated more than once holds another such repeat or a choice: the shapes
    that can backtrack exponentially, like (a+)+ or (a|ab)*. Backreferences count too."""
    from re import _parser  # the stdlib's own regex parser (the one re.compile uses)

    def children(op: str, arg) -> list:
        if op in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            return [arg[2]]
        if op in ("SUBPATTERN", "ATOMIC_GROUP"):
            return [arg[-1]]
        if op == "BRANCH":
            return list(arg[1])
        if op in ("ASSERT", "ASSERT_NOT"):
            return [arg[1]]
        return []

    def has(items, risky: bool) -> bool:
        """Whether `items` hold a backreference, or (risky) a many-repeat or a choice."""
        for op, arg in items:
            name = str(op)
            if name in ("GROUPREF", "GROUPREF_EXISTS"):
                return True
            many = name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") and arg[1] > 1
            if risky and (many or name == "BRANCH"):
                return True
            if many and has(arg[2], True):
                return True
            if any(has(child, risky) for child in children(name, arg)):
                return True
        return False

    return has(_parser.parse(pattern, 0), False)


class _Check(FieldCheck):
    """Field checks that raise ExtractError naming the file, the rule and the problem."""

    error = ExtractError

    def integer(self, table: dict, key: str, where: str, low: int, high: int) -> int:
        value = table.get(key)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.fail(where, f"field {key!r} must be a whole number from {low} to {high}")
        return value

    def confidence(self, table: dict, where: str) -> str:
        value = self.text(table, "confidence", where)
        if value not in CONFIDENCE:
            self.fail(where, f"confidence {value!r} is not one of {', '.join(CONFIDENCE)}")
        return value

    def strings(self, table: dict, key: str, where: str) -> list[str]:
        value = table.get(key)
        if not isinstance(value, list) or not value or not all(isinstance(v, str) and v for v in value):
            self.fail(where, f"{key} must be a non-empty list of strings")
        return value

    def regex(self, pattern: str, where: str) -> re.Pattern:
        try:
            compiled = re.compile(pattern, _FLAGS)
        except re.error as exc:
            self.fail(where, f"pattern {pattern!r} is not a valid regular expression: {exc}")
        if _nested_repeat(pattern):
            self.fail(
                where,
                f"pattern {pattern!r} repeats a part that itself repeats or chooses: "
                "it could backtrack badly; write it without the nested repeat",
            )
        return compiled

    def patterns(self, table: dict, key: str, where: str) -> tuple[re.Pattern, ...]:
        return tuple(self.regex(p, where) for p in self.strings(table, key, where))


def _options() -> dict[str, tuple[str, ...]]:
    """The checklist's question ids and their option ids (choice questions), for validation."""
    from .areas import load_areas
    from .loader import load_checklist

    checklist = load_checklist()
    out: dict[str, tuple[str, ...]] = {}
    for q in checklist.questions:
        ids = tuple(q.option_ids())
        if q.id == "body_area" and not ids:
            ids = load_areas().area_ids()
        out[q.id] = ids if q.type == "choice" else ()
    if not out.get("body_area"):
        out["body_area"] = load_areas().area_ids()
    return out


def parse_rules(text: str, source: str, options: dict[str, tuple[str, ...]] | None = None, lang: str = "en") -> Rules:
    """Parse and validate extractor TOML text; `source` names the file in error messages."""
    check = _Check(source)
    options = _options() if options is None else options
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ExtractError(source, "file", f"not valid TOML: {exc}") from None
    data = localize(data, "extract.toml", lang)
    check.fields(
        data,
        (
            "version",
            "max_chars",
            "max_matches",
            "top_lines",
            "keywords",
            "labelled",
            "address",
            "months",
            "date_labels",
            "deadline",
            "numbers",
            "weeks",
            "cpt",
            "look_for",
        ),
        "file",
    )
    version = check.text(data, "version", "file")
    max_chars = check.integer(data, "max_chars", "file", 1000, 5_000_000)
    top_lines = check.integer(data, "top_lines", "file", 1, 200)
    max_matches = check.integer(data, "max_matches", "file", 10, 100_000)

    def known_field(field: str, where: str) -> None:
        if field not in options and field not in INFO_FIELDS:
            check.fail(where, f"field {field!r} is neither a checklist question nor one of {', '.join(INFO_FIELDS)}")

    keywords: list[Keyword] = []
    for raw in check.tables(data, "keywords", "file"):
        where = f"keyword rule {raw.get('id', '?')!r}"
        check.fields(raw, ("id", "field", "value", "confidence", "patterns", "rank"), where)
        rid = check.text(raw, "id", where)
        if not _ID.match(rid):
            check.fail(where, "id must be lower_snake_case")
        if any(k.id == rid for k in keywords):
            check.fail(where, "duplicate id")
        field, value = check.text(raw, "field", where), check.text(raw, "value", where)
        known_field(field, where)
        if options.get(field) and value not in options[field]:
            check.fail(where, f"value {value!r} is not an option of question {field!r} ({', '.join(options[field])})")
        if field in options and not options[field]:
            check.fail(where, f"question {field!r} has no options: use a labelled rule")
        rank = check.integer(raw, "rank", where, 0, 100) if "rank" in raw else 0
        keywords.append(
            Keyword(rid, field, value, check.confidence(raw, where), check.patterns(raw, "patterns", where), rank)
        )

    labelled: list[Labelled] = []
    for raw in check.tables(data, "labelled", "file"):
        where = f"labelled rule {raw.get('id', '?')!r}"
        check.fields(raw, ("id", "field", "confidence", "label", "value"), where)
        field = check.text(raw, "field", where)
        known_field(field, where)
        if options.get(field):
            check.fail(where, f"question {field!r} has options: use a keyword rule")
        label, value = check.text(raw, "label", where), check.text(raw, "value", where)
        check.regex(label, where), check.regex(value, where)
        labelled.append(
            Labelled(
                check.text(raw, "id", where),
                field,
                check.confidence(raw, where),
                check.regex(rf"(?:{label})(?P<value>{value})", where),
            )
        )

    address = data.get("address")
    check.fields(address, ("confidence", "max_lines", "anchors"), "address")
    anchors = check.patterns(address, "anchors", "address")

    months = check.strings(data, "months", "file")
    if len(months) != 12:
        check.fail("months", "must list the 12 month names, January first")
    month_alt = "|".join(m[:3] + (m[3:] and f"(?:{m[3:]})?") for m in months) + "|sept"
    date_pattern = check.regex(
        rf"\b(?:(?P<mon>{month_alt})\.?[ \t]{{0,3}}(?P<day>\d{{1,2}})(?:st|nd|rd|th)?[ \t]{{0,2}},?[ \t]{{0,3}}(?P<year>\d{{4}})"
        rf"|(?P<day2>\d{{1,2}})[ \t]{{1,3}}(?P<mon2>{month_alt})\.?,?[ \t]{{1,3}}(?P<year2>\d{{4}})"
        rf"|(?P<m>\d{{1,2}})[/.-](?P<d>\d{{1,2}})[/.-](?P<y>\d{{4}})"
        rf"|(?P<iy>\d{{4}})-(?P<im>\d{{2}})-(?P<id>\d{{2}}))\b",
        "months",
    )

    date_labels: list[DateLabel] = []
    for raw in check.tables(data, "date_labels", "file"):
        where = f"date label {raw.get('kind', '?')!r}"
        check.fields(raw, ("kind", "field", "confidence", "patterns"), where)
        field = check.text(raw, "field", where)
        if field not in ("notice", "ignore"):
            known_field(field, where)
        date_labels.append(
            DateLabel(
                check.text(raw, "kind", where),
                field,
                check.confidence(raw, where),
                check.patterns(raw, "patterns", where),
            )
        )

    numbers = data.get("numbers")
    check.fields(numbers, tuple(numbers or ()), "numbers")
    for word, value in numbers.items():
        if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
            check.fail(f"numbers {word!r}", "must be a positive whole number")
    number_alt = r"\d{1,3}|" + "|".join(sorted(numbers, key=len, reverse=True))

    deadline = data.get("deadline")
    check.fields(deadline, ("confidence", "lead", "context", "exclude"), "deadline")
    lead = "|".join(f"(?:{p})" for p in check.strings(deadline, "lead", "deadline"))
    deadline_pattern = check.regex(
        rf"\b(?:{lead})\s{{1,3}}(?P<n>{number_alt})(?:[ \t]{{0,3}}\((?P<n2>\d{{1,3}})\))?\s{{1,3}}"
        r"(?P<kind>calendar\s{1,3}|business\s{1,3}|working\s{1,3})?(?P<unit>days?|months?|weeks?|hours?)\b",
        "deadline",
    )

    weeks = data.get("weeks")
    check.fields(weeks, ("confidence", "context", "require", "max_weeks"), "weeks")
    weeks_pattern = check.regex(rf"\b(?P<n>{number_alt})(?:[ \t]*\((?P<n2>\d{{1,2}})\))?[ \t-]{{0,2}}weeks?\b", "weeks")

    cpt: list[Cpt] = []
    for i, raw in enumerate(check.tables(data, "cpt", "file")):
        where = f"cpt entry {i + 1} ({', '.join(raw.get('codes', []) or ['?'])})"
        check.fields(raw, ("codes", "scan", "body_area", "description"), where)
        scan = check.text(raw, "scan", where)
        if options.get("scan") and scan not in options["scan"]:
            check.fail(where, f"scan {scan!r} is not an option of question 'scan'")
        area = check.text(raw, "body_area", where, required=False)
        if area is not None and area not in options.get("body_area", ()):
            check.fail(where, f"body_area {area!r} is not a body area")
        for code in check.strings(raw, "codes", where):
            if not re.fullmatch(r"\d{5}", code):
                check.fail(where, f"code {code!r} must be 5 digits")
            if any(c.code == code for c in cpt):
                check.fail(where, f"code {code} is listed twice")
            cpt.append(Cpt(code, scan, area, check.text(raw, "description", where)))

    look_for = []
    for raw in check.tables(data, "look_for", "file"):
        where = f"look_for {raw.get('field', '?')!r}"
        check.fields(raw, ("field", "message"), where)
        field = check.text(raw, "field", where)
        known_field(field, where)
        look_for.append((field, check.text(raw, "message", where)))

    return Rules(
        version=version,
        source=source,
        max_chars=max_chars,
        max_matches=max_matches,
        top_lines=top_lines,
        keywords=tuple(keywords),
        labelled=tuple(labelled),
        address_anchors=anchors,
        address_confidence=check.confidence(address, "address"),
        address_max_lines=check.integer(address, "max_lines", "address", 1, 20),
        date_pattern=date_pattern,
        months=tuple(m.lower() for m in months),
        date_labels=tuple(date_labels),
        deadline_context=check.regex(
            "|".join(f"(?:{p})" for p in check.strings(deadline, "context", "deadline")), "deadline"
        ),
        deadline_exclude=check.regex(
            "|".join(f"(?:{p})" for p in check.strings(deadline, "exclude", "deadline")), "deadline"
        ),
        deadline_confidence=check.confidence(deadline, "deadline"),
        deadline_pattern=deadline_pattern,
        numbers=tuple(numbers.items()),
        weeks_pattern=weeks_pattern,
        weeks_context=check.regex("|".join(f"(?:{p})" for p in check.strings(weeks, "context", "weeks")), "weeks"),
        weeks_confidence=check.confidence(weeks, "weeks"),
        weeks_require=check.regex("|".join(f"(?:{p})" for p in check.strings(weeks, "require", "weeks")), "weeks"),
        max_weeks=check.integer(weeks, "max_weeks", "weeks", 1, 520),
        cpt=tuple(cpt),
        look_for=tuple(look_for),
    )


def load_rules(path=None, lang: str = "en") -> Rules:
    """The packaged extractor rules (validated once per language and cached), or the rules in the
    given file; the text it shows in `lang` (the patterns stay English: denial letters are)."""
    return _packaged(lang) if path is None else parse_rules(*read_data(path, DEFAULT, ExtractError), lang=lang)


@cache
def _packaged(lang: str = "en") -> Rules:
    return parse_rules(*read_data(None, DEFAULT, ExtractError), lang=lang)


# ----------------------------------------------------------------------------------- reading


class _Text:
    """The text read (a prefix of the letter) and its line starts, for quoting lines."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0] + [m.end() for m in re.finditer(r"\n", text)]

    def line_no(self, pos: int) -> int:
        return bisect.bisect_right(self.starts, pos) - 1

    def line_start(self, pos: int) -> int:
        return self.starts[self.line_no(pos)]

    def line_end(self, pos: int) -> int:
        end = self.text.find("\n", pos)
        return len(self.text) if end < 0 else end

    def finding(self, field: str, value, start: int, end: int, confidence: str, rule: str, **extra) -> dict:
        first = self.line_start(start)
        last = self.line_end(max(start, end - 1)) if end > start else self.line_end(start)
        return {
            "field": field,
            "value": value,
            "question": field not in INFO_FIELDS,
            "start": start,
            "end": end,
            "quote": self.text[start:end],
            "line": self.text[first:last],
            "line_start": first,
            "line_number": self.line_no(start) + 1,
            "confidence": confidence,
            "rule": rule,
            **extra,
        }


_RANK = {c: i for i, c in enumerate(CONFIDENCE)}


def _first(matches, rules: Rules):
    """At most `max_matches` candidates per rule: the work is bounded whatever the text."""
    return itertools.islice(matches, rules.max_matches)


def _keywords(doc: _Text, rules: Rules) -> list[dict]:
    best: dict[tuple[str, str], dict] = {}
    for rule in rules.keywords:
        for pattern in rule.patterns:
            m = pattern.search(doc.text)
            if m is None or m.end() == m.start():
                continue
            found = doc.finding(rule.field, rule.value, m.start(), m.end(), rule.confidence, rule.id)
            if rule.rank:
                found["rank"] = rule.rank
            key = (rule.field, rule.value)
            old = best.get(key)
            if old is None or (_RANK[rule.confidence], m.start()) < (_RANK[old["confidence"]], old["start"]):
                best[key] = found
    return list(best.values())


def _labelled(doc: _Text, rules: Rules) -> list[dict]:
    out = []
    for rule in rules.labelled:
        seen = set()
        for m in _first(rule.pattern.finditer(doc.text), rules):
            value = m.group("value").strip()
            start = m.start("value")
            end = start + len(value)
            if not any(ch.isdigit() for ch in value) and rule.field in ("member_id", "claim_number", "fax"):
                continue  # "Member ID: see card" is not an id
            if value.lower() in seen:
                continue
            seen.add(value.lower())
            out.append(doc.finding(rule.field, value, start, end, rule.confidence, rule.id))
            if len(seen) >= 3:
                break
    return out


def _address(doc: _Text, rules: Rules) -> list[dict]:
    for anchor in rules.address_anchors:
        m = anchor.search(doc.text)
        if m is None:
            continue
        pos, start, end, lines = m.end(), None, None, 0
        rest = doc.text[pos : doc.line_end(pos)]
        if rest.strip(" \t:"):
            start = pos + len(rest) - len(rest.lstrip(" \t:"))
            end, lines = doc.line_end(pos), 1
        pos = doc.line_end(pos) + 1
        while lines < rules.address_max_lines and pos < len(doc.text):
            line_end = doc.line_end(pos)
            line = doc.text[pos:line_end]
            if not line.strip():
                if start is None:
                    pos = line_end + 1
                    continue
                break
            if start is None:
                start = pos + len(line) - len(line.lstrip())
            end, lines, pos = line_end, lines + 1, line_end + 1
        if start is not None and end is not None:
            while end > start and doc.text[end - 1] in " \t\r":
                end -= 1
            value = " / ".join(part.strip() for part in doc.text[start:end].splitlines() if part.strip())
            return [doc.finding("appeal_address", value, start, end, rules.address_confidence, "address")]
    return []


def _date(m: re.Match, rules: Rules) -> dt.date | None:
    try:
        if m.group("mon") or m.group("mon2"):
            mon = (m.group("mon") or m.group("mon2")).lower()[:3]
            month = [name[:3] for name in rules.months].index(mon) + 1
            day, year = int(m.group("day") or m.group("day2")), int(m.group("year") or m.group("year2"))
        elif m.group("m"):
            month, day, year = int(m.group("m")), int(m.group("d")), int(m.group("y"))
        else:
            year, month, day = int(m.group("iy")), int(m.group("im")), int(m.group("id"))
        if not 1990 <= year <= 2100:
            return None
        return dt.date(year, month, day)
    except (ValueError, IndexError):
        return None


def _date_label(doc: _Text, start: int, rules: Rules) -> tuple[DateLabel, int] | None:
    """The label nearest before a date (same line, or the line above when the date starts its
    line), if only spaces and punctuation lie between them."""
    line_start = doc.line_start(start)
    window_start = line_start
    if not doc.text[line_start:start].strip() and line_start > 0:
        window_start = doc.line_start(line_start - 1)
    window_start = max(window_start, start - 120)
    found = None
    for label in rules.date_labels:
        for pattern in label.patterns:
            for m in pattern.finditer(doc.text, window_start, start):
                gap = doc.text[m.end() : start]
                if len(gap) <= 30 and not re.search(r"[A-Za-z0-9]", gap) and (found is None or m.end() > found[1]):
                    found = (label, m.end())
    return found


def _dates(doc: _Text, rules: Rules, notice_field: str) -> list[dict]:
    out, unlabelled = [], []
    for m in _first(rules.date_pattern.finditer(doc.text), rules):
        date = _date(m, rules)
        if date is None:
            continue
        labelled = _date_label(doc, m.start(), rules)
        extra = {"as_written": m.group(0), "iso": date.isoformat()}
        if labelled is None:
            if doc.line_no(m.start()) < rules.top_lines:
                unlabelled.append(
                    doc.finding(
                        notice_field,
                        date.isoformat(),
                        m.start(),
                        m.end(),
                        "low",
                        "date_top",
                        kind="a date at the top of the letter, with no label",
                        **extra,
                    )
                )
            continue
        label = labelled[0]
        if label.field == "ignore":
            continue
        field = notice_field if label.field == "notice" else label.field
        value = m.group(0) if field == "stated_deadline" else date.isoformat()
        out.append(
            doc.finding(field, value, m.start(), m.end(), label.confidence, "date_label", kind=label.kind, **extra)
        )
    if unlabelled and not any(f["field"] == notice_field for f in out):
        out.append(unlabelled[0])
    return out


_STOP = re.compile(r"[.!?;]\s|\n[ \t]*\n")


def _sentence(doc: _Text, start: int, end: int) -> tuple[int, int]:
    """The sentence around a match (at most 300 characters each side)."""
    text = doc.text
    low = max(0, start - 300)
    left = low
    for stop in _STOP.finditer(text, low, start):
        left = stop.end()
    after = _STOP.search(text, end, min(len(text), end + 300))
    return left, after.start() + 1 if after else min(len(text), end + 300)


def _deadlines(doc: _Text, rules: Rules) -> list[dict]:
    out, seen = [], set()
    for m in _first(rules.deadline_pattern.finditer(doc.text), rules):
        left, right = _sentence(doc, m.start(), m.end())
        sentence = doc.text[left:right]
        if not rules.deadline_context.search(sentence) or rules.deadline_exclude.search(sentence):
            continue
        number = rules.number(m.group("n2") or m.group("n"))
        if number is None:
            continue
        unit = m.group("unit").lower().rstrip("s")
        kind = (m.group("kind") or "").strip().lower() or None
        key = (number, unit, kind)
        if key in seen:
            continue
        seen.add(key)
        written = " ".join(m.group(0).split())
        out.append(
            doc.finding(
                "stated_deadline",
                written,
                m.start(),
                m.end(),
                rules.deadline_confidence,
                "deadline_within",
                amount=number,
                unit=unit,
                day_kind=kind,
                iso=None,
                as_written=written,
            )
        )
    return out


_WEEKS_OF = re.compile(r"[ \t]{0,3}\n?[ \t]{0,3}(of|trial|course)\b", re.I)


def _weeks(doc: _Text, rules: Rules) -> list[dict]:
    out, seen = [], set()
    for m in _first(rules.weeks_pattern.finditer(doc.text), rules):
        after = doc.text[m.end() : m.end() + 80]
        if not _WEEKS_OF.match(after) or not rules.weeks_context.search(after):
            continue
        n = rules.number(m.group("n2") or m.group("n"))
        if n is None or not 0 < n <= rules.max_weeks or n in seen:
            continue
        seen.add(n)
        before = doc.text[max(0, m.start() - 40) : m.start()]
        confidence = rules.weeks_confidence if rules.weeks_require.search(before) else "low"
        out.append(doc.finding("weeks_required", n, m.start(), m.end(), confidence, "weeks"))
    return out


_CODE = re.compile(r"\b(7\d{4})\b")
_CODE_CONTEXT = re.compile(r"cpt|procedure|code|hcpcs|service", re.I)
_STATE_BEFORE = re.compile(r"\b[A-Z]{2},?[ \t]{1,3}$")


def _cpt(doc: _Text, rules: Rules) -> list[dict]:
    out, seen = [], set()
    for m in _first(_CODE.finditer(doc.text), rules):
        code = m.group(1)
        before = doc.text[max(doc.line_start(m.start()), m.start() - 6) : m.start()]
        if code in seen or _STATE_BEFORE.search(before):
            continue  # a ZIP code after a state ("Dallas, TX 75201")
        entry = rules.cpt_code(code)
        line = doc.text[doc.line_start(m.start()) : doc.line_end(m.start())]
        context = bool(_CODE_CONTEXT.search(line))
        if entry is None and not context:
            continue
        seen.add(code)
        confidence = "high" if entry and context else "medium" if entry else "low"
        out.append(
            doc.finding(
                "cpt",
                code,
                m.start(),
                m.end(),
                confidence,
                "cpt",
                scan=entry.scan if entry else None,
                body_area=entry.body_area if entry else None,
                description=entry.description if entry else None,
            )
        )
        if len(seen) >= 10:
            break
    return out


# ----------------------------------------------------------------------------------- the result

_ORDER = (
    "denial_date",
    "final_denial_date",
    "review_denial_date",
    "plan_type",
    "medicaid_delivery",
    "stage",
    "appeal_stage",
    "denial_reason",
    "scan",
    "body_area",
    "cpt",
    "weeks_required",
    "stated_deadline",
    "request_date",
    "service_date",
    "reviewer",
    "guideline",
    "plan_name",
    "member_id",
    "claim_number",
    "appeal_address",
    "fax",
)


def _sort_key(f: dict):
    field = _ORDER.index(f["field"]) if f["field"] in _ORDER else len(_ORDER)
    return field, _RANK[f["confidence"]], f.get("rank", 0), f["start"]


def explain(text: str, rules: Rules | None = None, lang: str = "en") -> dict:
    """What the letter says: findings with their spans, the best value per field, what to look for
    (the text it shows in `lang`; the letter itself is read as English).

    Never raises on a str: anything else gives an empty result that says so."""
    rules = rules or load_rules(lang=lang)
    if not isinstance(text, str):
        text = ""
    read = text[: rules.max_chars]
    doc = _Text(read)
    findings = _keywords(doc, rules)
    stage = {f["value"] for f in findings if f["field"] == "appeal_stage" and f["confidence"] != "low"}
    notice_field = (
        "review_denial_date"
        if "review_denied" in stage
        else "final_denial_date"
        if "internal_denied" in stage
        else "denial_date"
    )
    findings += _labelled(doc, rules) + _address(doc, rules) + _dates(doc, rules, notice_field)
    findings += _deadlines(doc, rules) + _weeks(doc, rules) + _cpt(doc, rules)
    for f in [f for f in findings if f["field"] == "cpt" and f["scan"]]:
        findings.append({**f, "field": "scan", "value": f["scan"], "rule": "cpt_scan", "question": True})
        if f["body_area"]:
            findings.append(
                {**f, "field": "body_area", "value": f["body_area"], "rule": "cpt_body_area", "question": True}
            )
    findings = _dedupe(findings)
    findings.sort(key=_sort_key)
    best: dict[str, object] = {}
    for f in findings:
        best.setdefault(f["field"], f["value"])
    _date_relative(doc, findings, best.get(notice_field))
    missing = [
        {"field": field, "look_for": message}
        for field, message in rules.look_for
        if field not in best and not (field == "denial_date" and notice_field in best)
    ]
    return {
        "schema": FINDINGS_VERSION,
        "rules_version": rules.version,
        "text_chars": len(text),
        "read_chars": len(read),
        "truncated": len(text) > len(read),
        "limit_note": (
            load_messages(lang)("explain_limit_note", chars=f"{rules.max_chars:,}") if len(text) > len(read) else None
        ),
        "findings": findings,
        "best": best,
        "missing": missing,
        "nothing_found": not findings,
    }


_FROM_RECEIPT = re.compile(r"\breceiv|\breceipt\b|\bget\s+(this|the)\b|\bgot\b", re.I)
_FROM_NOTICE = re.compile(
    r"\b(date|day)\s+(of|on)\s+(this|the|our)\s+(notice|letter)|\b(of|from)\s+(this|the)\s+(notice|letter)\b", re.I
)


def _date_relative(doc: _Text, findings: list[dict], notice: str | None) -> None:
    """A deadline written as "within 60 days" becomes a date when the letter's own date is known:
    counted from that date, the earliest it can be (a letter that counts from the day you received
    it gives you at least this long). Business days are not counted (holidays differ): no date."""
    if notice is None:
        return
    start = dt.date.fromisoformat(notice)
    for f in findings:
        if f["field"] != "stated_deadline" or f.get("amount") is None:
            continue
        _left, right = _sentence(doc, f["start"], f["end"])
        after = doc.text[f["end"] : right]
        counts = "receipt" if _FROM_RECEIPT.search(after) else "notice" if _FROM_NOTICE.search(after) else "unknown"
        f["counts_from"] = counts
        f["from_date"] = notice
        if f.get("day_kind") == "business" or not 0 < f["amount"] <= 1000:
            continue  # "within 99999 days" is not a deadline to show (and would overflow a date)
        if f["unit"] == "month":
            f["iso"] = add_months(start, f["amount"]).isoformat()
        elif f["unit"] in ("day", "week"):
            f["iso"] = (start + dt.timedelta(days=f["amount"] * (7 if f["unit"] == "week" else 1))).isoformat()


def _dedupe(findings: list[dict]) -> list[dict]:
    """One finding per field and value: the surest, then the earliest."""
    best: dict[tuple, dict] = {}
    for f in findings:
        key = (f["field"], str(f["value"]))
        old = best.get(key)
        if old is None or (_RANK[f["confidence"]], f["start"]) < (_RANK[old["confidence"]], old["start"]):
            best[key] = f
    return list(best.values())


def format_findings(result: dict) -> str:
    """Plain text for the command line: one finding per line with its quoted source."""
    lines = []
    if result["limit_note"]:
        lines.append(f"Note: {result['limit_note']}")
    for f in result["findings"]:
        lines.append(f"- {f['field']}: {f['value']}  [{f['confidence']}]")
        lines.append(f"    line {f['line_number']}: {f['line'].strip()[:160]}")
    for m in result["missing"]:
        lines.append(f"? {m['field']}: {m['look_for']}")
    if result["nothing_found"]:
        lines.append("Nothing usable was found in this text.")
    return "\n".join(lines) + "\n"
