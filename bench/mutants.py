"""`make mutants`: plant known mistakes one at a time and check that a test notices each.

Each break below names a file, its exact old text (found exactly once), the new text and why the
mistake would hurt a reader. The repository's files are copied once to a temporary folder; each
break is applied to the copy, the break's own tests run there (targeted, stopping at the first
failure), and the file is put back. A break is "caught" when its tests fail. Prints caught / missed
per break and a total; exits 1 when any break is missed or the unbroken copy does not pass.

    bench/mutants.py                 every break
    bench/mutants.py visibility ...  only breaks whose name contains one of the words

Not part of `make test` (it takes minutes); the Pyodide and browser tests are not run here.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTEST = (
    sys.executable,
    "-m",
    "pytest",
    "-x",
    "-q",
    "-p",
    "no:cacheprovider",
    "-m",
    "not node and not browser",
    "-k",
    "not pyodide",
    "--no-header",
    "-W",
    "ignore",
)

# Test sets (paths relative to the repository). Engine breaks run the golden cases and the unit
# tests of the part they break; JavaScript breaks run that module's Node tests.
CASES = "tests/engine/test_cases.py"
DEADLINES = ("tests/engine/test_deadlines.py", CASES)
ENGINE = (
    CASES,
    "tests/engine/test_audit.py",
    "tests/engine/test_appeal_map.py",
    "tests/engine/test_findings.py",
    "tests/engine/test_bridge_and_cli.py",
    "tests/engine/test_loader.py",
)


@dataclass(frozen=True)
class Break:
    name: str
    file: str
    old: str
    new: str
    why: str
    tests: tuple[str, ...]


def node(module: str) -> tuple[str, ...]:
    return (f"tests/node/unit/{module}.test.mjs",)


BREAKS = (
    # ---- the four the review found unnoticed (issue 19)
    Break(
        "visibility: transitive hiding",
        "checklist_engine/visibility.py",
        "live = {k: v for k, v in answers.items() if k not in deps or is_shown(k)}",
        "live = dict(answers)",
        "a question under a hidden question would show (and count) because of a stale answer",
        ("tests/engine/test_audit.py", "tests/engine/test_area_wiring.py", CASES),
    ),
    Break(
        "answers: id migration",
        "checklist_engine/answers.py",
        "qid = MIGRATIONS.get(key, key)",
        "qid = key",
        "answers saved under a renamed question id would be dropped: the reader's saved work lost",
        ("tests/engine/test_audit.py", "tests/engine/test_bridge_and_cli.py", CASES),
    ),
    Break(
        "letter: criteria enclosure",
        "checklist_engine/data/letters.toml",
        'question = "criteria_requested"\nanswer = "received"',
        'question = "criteria_requested"\nanswer = "asked"',
        "the letter would not list the plan's criteria the reader said they enclose",
        ("tests/engine/test_letters.py", CASES),
    ),
    Break(
        "deadlines: self-funded route note",
        "checklist_engine/deadlines.py",
        'note = path.route if later.send_to == "{route}" else None',
        "note = None",
        "the later external review would not say a self-funded plan uses the federal process",
        DEADLINES + ("tests/engine/test_appeal_map.py",),
    ),
    Break(
        "appeal map data: self-funded route text",
        "checklist_engine/data/appeal_map.toml",
        'route = "Self-funded job-based plans usually use the federal external review process.',
        "route = \"Fully insured plans usually use your state's external review process.",
        "a self-funded plan's reader would be sent to the state process",
        DEADLINES + ("tests/engine/test_appeal_map.py",),
    ),
    # ---- deadline arithmetic
    Break(
        "calendar: missing day rolls to the 1st",
        "checklist_engine/calendar_us.py",
        "return dt.date(year + (month == 12), month % 12 + 1, 1)",
        "return dt.date(year, month, calendar.monthrange(year, month)[1])",
        "October 30 + 4 months would be February 28/29, a day earlier than the rule gives",
        DEADLINES,
    ),
    Break(
        "deadlines: one day short",
        "checklist_engine/deadlines.py",
        'due = start + dt.timedelta(days=offset + rule["amount"])',
        'due = start + dt.timedelta(days=offset + rule["amount"] - 1)',
        "every day-counted deadline one day early",
        DEADLINES,
    ),
    Break(
        "deadlines: presumed receipt dropped",
        "checklist_engine/deadlines.py",
        'due = start + dt.timedelta(days=offset + rule["amount"])',
        'due = start + dt.timedelta(days=rule["amount"])',
        "Original Medicare's 5 days of presumed receipt forgotten: the date 5 days early",
        DEADLINES,
    ),
    Break(
        "calendar: roll-forward ignores holidays",
        "checklist_engine/calendar_us.py",
        "while not is_business_day(day):",
        "while day.weekday() >= 5:",
        "a deadline on a federal holiday would not move to the next business day",
        DEADLINES,
    ),
    Break(
        "calendar: Sunday holiday not observed Monday",
        "checklist_engine/calendar_us.py",
        "        return day + dt.timedelta(days=1)\n    return day",
        "        return day\n    return day",
        "a holiday falling on Sunday would not move the Monday deadline",
        DEADLINES,
    ),
    Break(
        "deadlines: future notice accepted",
        "checklist_engine/answers.py",
        "if value and dt.date.fromisoformat(value) > today:",
        "if False:",
        "a notice dated in the future would give a deadline years away",
        ("tests/engine/test_bridge_and_cli.py", "tests/engine/test_audit.py"),
    ),
    # ---- conditions
    Break(
        "conditions: intersects means all",
        "checklist_engine/conditions.py",
        "return isinstance(answer, list) and any(v in answer for v in value)",
        "return isinstance(answer, list) and all(v in answer for v in value)",
        "one warning sign among several would no longer count",
        ("tests/engine/test_conditions.py", CASES),
    ),
    Break(
        "conditions: <= as <",
        "checklist_engine/conditions.py",
        '"<=": answer <= value',
        '"<=": answer < value',
        "a boundary week count would fall on the wrong side",
        ("tests/engine/test_conditions.py", CASES),
    ),
    Break(
        "conditions: missing answer counts",
        "checklist_engine/conditions.py",
        "return node.question in answers and _compare(node.op, answers[node.question], node.value)",
        "return _compare(node.op, answers.get(node.question), node.value)",
        "an unanswered question would satisfy `!=` conditions",
        ("tests/engine/test_conditions.py", CASES),
    ),
    # ---- appeal map
    Break(
        "appeal map: level ignores the stage",
        "checklist_engine/appeal_map.py",
        'index = dict(self.stages).get(values.get("appeal_stage"), 0)',
        "index = 0",
        "a reader whose appeal was turned down would be told to appeal again instead of the next level",
        ENGINE,
    ),
    Break(
        "appeal map: urgent rule never picked",
        "checklist_engine/appeal_map.py",
        'if expedited and "urgent" in rules:',
        'if False and "urgent" in rules:',
        "an urgent request would get the standard (slower) decision time",
        ENGINE,
    ),
    Break(
        "appeal map data: claims expedited",
        "checklist_engine/data/appeal_map.toml",
        "expedited = \"urgent == true and not (stage == 'claim')\"",
        'expedited = "urgent == true"',
        "a claim for a scan already done would be promised a fast decision",
        ENGINE,
    ),
    Break(
        "states: self-funded route lost",
        "checklist_engine/states.py",
        'elif plan_type == "employer" and funding == "self_funded":',
        "elif False:",
        "a self-funded plan's reader would be sent to the state's external review",
        ("tests/engine/test_states.py", CASES),
    ),
    # ---- letters
    Break(
        "letter kinds: wrong title",
        "checklist_engine/data/letters.toml",
        're = "REQUEST FOR REDETERMINATION"',
        're = "REQUEST FOR RECONSIDERATION"',
        "Original Medicare's first appeal would ask for the wrong level",
        ("tests/engine/test_letters.py", "tests/engine/test_letters_every_level.py", CASES),
    ),
    # ---- extractor
    Break(
        "extractor: quote one character long",
        "checklist_engine/extract.py",
        '"quote": self.text[start:end],',
        '"quote": self.text[start:end + 1],',
        "the words shown as 'found in your letter' would not be the words found",
        ("tests/engine/test_extract.py", "tests/engine/test_extract_properties.py"),
    ),
    Break(
        "extractor: line number off by one",
        "checklist_engine/extract.py",
        '"line_number": self.line_no(start) + 1,',
        '"line_number": self.line_no(start),',
        "the reader would be sent to the wrong line of the letter",
        ("tests/engine/test_extract.py",),
    ),
    # ---- answer checks
    Break(
        "answers: number minimum unchecked",
        "checklist_engine/answers.py",
        "(question.min is not None and value < question.min) or ",
        "",
        "a negative week count would be accepted",
        ("tests/engine/test_audit.py", "tests/engine/test_bridge_and_cli.py"),
    ),
    Break(
        "answers: year range unchecked",
        "checklist_engine/answers.py",
        'if not LIMITS["year_min"] <= day.year <= LIMITS["year_max"]:',
        "if False:",
        "a typo year (0202) would be accepted as a date",
        ("tests/engine/test_audit.py", "tests/engine/test_bridge_and_cli.py"),
    ),
    Break(
        "answers: long text cut silently",
        "checklist_engine/answers.py",
        'if len(text) > LIMITS["text_chars"]:',
        'if len(text) > LIMITS["text_chars"] * 1000:',
        "an answer over the limit would pass, unlike what the page says",
        ("tests/engine/test_audit.py",),
    ),
    Break(
        "answers: request date may be in the future",
        "checklist_engine/answers.py",
        '        "request_date": "past_request_date",\n',
        "",
        "a mistyped request date would make the plan look late",
        ("tests/engine/test_audit.py",),
    ),
    Break(
        "audit: severity order lost",
        "checklist_engine/audit.py",
        'SEVERITIES.index(item["severity"])',
        "0",
        "a helpful step could be listed before a step the appeal must have",
        ("tests/engine/test_audit.py", CASES),
    ),
    Break(
        "checklist_html: text limit written out",
        "sitebuild/checklist_html.py",
        'maxlength="{text_chars}"',
        'maxlength="2000"',
        "the form's limit would drift from the engine's",
        ("tests/site_build/test_sitebuild.py", "tests/site_build/test_site_build.py"),
    ),
    # ---- the page's JavaScript
    Break(
        "calendar.mjs: commas unescaped",
        "overrides/assets/self-audit/calendar.mjs",
        '.replace(/,/g, "\\\\,")',
        "",
        "a comma in a title would split the calendar field",
        node("calendar"),
    ),
    Break(
        "calendar.mjs: event ends the same day",
        "overrides/assets/self-audit/calendar.mjs",
        "d.setUTCDate(d.getUTCDate() + 1);",
        "d.setUTCDate(d.getUTCDate());",
        "an all-day event of zero length: some calendars drop it",
        node("calendar"),
    ),
    Break(
        "calendar.mjs: no folding",
        "overrides/assets/self-audit/calendar.mjs",
        "if (bytes.length <= 75) return line;",
        "return line;",
        "long lines break strict calendar programs",
        node("calendar"),
    ),
    Break(
        "download.mjs: closing brace unescaped",
        "overrides/assets/self-audit/download.mjs",
        'if (ch === "\\\\" || ch === "{" || ch === "}")',
        'if (ch === "\\\\" || ch === "{")',
        "a } in the letter would end the RTF document early",
        node("download"),
    ),
    Break(
        "download.mjs: unsigned \\u",
        "overrides/assets/self-audit/download.mjs",
        "code > 32767 ? code - 65536 : code",
        "code",
        "characters above 32767 unreadable in Word",
        node("download"),
    ),
    Break(
        "keep.mjs: newer format read",
        "overrides/assets/self-audit/keep.mjs",
        "if (isEnvelope && (data.format ?? 1) > FORMAT) {",
        "if (false) {",
        "a file from a newer page would be half-read, and could be overwritten",
        node("keep"),
    ),
    Break(
        "keep.mjs: unreadable state deleted",
        "overrides/assets/self-audit/keep.mjs",
        'return { state: "unreadable", setAside: this.setAside(text) };',
        'storage().removeItem(STORAGE_KEY);\n      return { state: "unreadable", setAside: null };',
        "saved answers the page cannot read would be deleted instead of kept aside",
        node("keep"),
    ),
    Break(
        "keep.mjs: depth limit off",
        "overrides/assets/self-audit/keep.mjs",
        "if (depth > limit) return id;",
        "if (depth > limit * 1000) return id;",
        "a hostile file could hang the page",
        node("keep"),
    ),
    Break(
        "errors.mjs: stale error reference kept",
        "overrides/assets/self-audit/errors.mjs",
        "const rest = describedBy.filter((d) => d !== errorId);",
        "const rest = describedBy;",
        "a screen reader would still read an error that was fixed",
        node("errors"),
    ),
    Break(
        "form.mjs: future dates allowed",
        "overrides/assets/self-audit/form.mjs",
        'block.hasAttribute("data-past") && value > today',
        "false",
        "a notice date after today would reach the checker unflagged",
        node("form"),
    ),
    Break(
        "form.mjs: text limit written out",
        "overrides/assets/self-audit/form.mjs",
        "value.length > limits.text_chars",
        "value.length > 2000",
        "the page's limit would drift from the engine's",
        node("form"),
    ),
    Break(
        "form.mjs: words of its own",
        "overrides/assets/self-audit/form.mjs",
        'return say("date_years");',
        'return "Enter a year from 1900 to 2100.";',
        "the page would word a problem unlike the engine, and keep a number of its own",
        ("tests/node/test_page_words.py",),
    ),
    Break(
        "answers: words not from messages.toml",
        "checklist_engine/answers.py",
        'raise _refuse(qid, "text_long", lang)',
        'raise AnswersError(f"{qid}: too long", qid)',
        "the engine and the page would tell the reader different things about one answer",
        ("tests/engine/test_audit.py", "tests/node/test_page_words.py"),
    ),
    Break(
        "report.mjs: item guide link dropped",
        "overrides/assets/self-audit/report.mjs",
        'el("p", { className: "sa-fix" }, item.fix, " ", guideLink(item.link, links)),',
        'el("p", { className: "sa-fix" }, item.fix),',
        "the report would list a step without the guide the printed checklist links to",
        ("tests/node/test_item_markup.py",),
    ),
    Break(
        "dom.mjs: text as markup",
        "overrides/assets/self-audit/dom.mjs",
        "if (PROPERTIES.has(key)) node[key] = value;",
        'if (PROPERTIES.has(key)) node[key === "textContent" ? "innerHTML" : key] = value;',
        "a string of the reader's or the engine's would become HTML",
        node("dom-helper"),
    ),
    Break(
        "form.mjs: number range unchecked",
        "overrides/assets/self-audit/form.mjs",
        "if ((min !== null && value < min) || (max !== null && value > max))",
        "if (false)",
        "the page would send a number the question does not take",
        node("form"),
    ),
)


def copy_tree(dest: Path) -> None:
    """The files git knows (tracked and untracked-not-ignored), as they are now; the caches the
    tests read (Pyodide, node_modules) linked, not copied."""
    names = (
        subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=ROOT,
            capture_output=True,
            check=True,
        )
        .stdout.decode()
        .split("\0")
    )
    for name in filter(None, names):
        src = ROOT / name
        if src.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / name)
    for linked in (".cache", "node_modules"):
        if (ROOT / linked).exists():
            (dest / linked).symlink_to(ROOT / linked)


def run_tests(tree: Path, tests: tuple[str, ...]) -> tuple[bool, str]:
    """(passed, last lines of output) for one set of tests in the copy."""
    py = [t for t in tests if t.endswith(".py")]
    js = [t for t in tests if t.endswith(".mjs")]
    outputs = []
    if py:
        proc = subprocess.run([*PYTEST, *py], cwd=tree, capture_output=True, text=True, check=False)
        outputs.append(proc.stdout + proc.stderr)
        if proc.returncode not in (0, 5):
            return False, outputs[-1]
    if js:
        proc = subprocess.run(["node", "--test", *js], cwd=tree, capture_output=True, text=True, check=False)
        outputs.append(proc.stdout + proc.stderr)
        if proc.returncode != 0:
            return False, outputs[-1]
    return True, "\n".join(outputs)


def main(argv: list[str]) -> int:
    chosen = [b for b in BREAKS if not argv or any(word in b.name for word in argv)]
    if not chosen:
        print("no break matches; names:\n  " + "\n  ".join(b.name for b in BREAKS))
        return 2
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="second-look-mutants-") as tmp:
        tree = Path(tmp)
        copy_tree(tree)
        check = subprocess.run(
            [sys.executable, "-c", "import checklist_engine, sys; print(checklist_engine.__file__)"],
            cwd=tree,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        if not check.startswith(str(tree)):
            print(f"the copy's engine is not the one imported ({check}): cannot check breaks")
            return 1
        all_tests = tuple(dict.fromkeys(t for b in chosen for t in b.tests))
        ok, output = run_tests(tree, all_tests)
        if not ok:
            print("the unbroken copy fails its tests; fix that first:\n" + output[-3000:])
            return 1
        missed = []
        for n, brk in enumerate(chosen, 1):
            path = tree / brk.file
            original = path.read_text(encoding="utf-8")
            count = original.count(brk.old)
            if count != 1:
                print(f"[{n:2}/{len(chosen)}] STALE   {brk.name}: the old text is found {count} times in {brk.file}")
                missed.append(brk)
                continue
            path.write_text(original.replace(brk.old, brk.new), encoding="utf-8")
            t0 = time.perf_counter()
            try:
                passed, _ = run_tests(tree, brk.tests)
            finally:
                path.write_text(original, encoding="utf-8")
            verdict = "missed" if passed else "caught"
            if passed:
                missed.append(brk)
            print(
                f"[{n:2}/{len(chosen)}] {verdict:7} {brk.name} ({time.perf_counter() - t0:.0f} s)"
                + (f"\n         why it matters: {brk.why}" if passed else ""),
                flush=True,
            )
    total = time.perf_counter() - started
    print(f"\n{len(chosen) - len(missed)} caught, {len(missed)} missed, of {len(chosen)} breaks, in {total:.0f} s")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
