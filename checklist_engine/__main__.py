"""Command line: python -m checklist_engine audit|deadlines|clocks|letter|doctor-letter|scripts|schema|validate

`clocks FILE` reads {"answers": {...}, "events": [...]} (or the page's saved file) and prints the
decision clocks of the appeal file (clocks.py). `scripts FILE [--sheet]` prints the call scripts
(or the peer-to-peer sheet for the doctor).

Exit 0 on success; 2 on bad input, with one line on stderr that names the file and the problem.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from pathlib import Path

from . import (
    AnswersError,
    ChecklistError,
    __version__,
    audit,
    doctor_letter,
    letter,
    load_checklist,
    load_rules,
    schema,
)
from .answers import LIMITS, check_dates, loads_limited, normalize, parse_today
from .i18n import LANGS
from .letter import LETTERS
from .rules import RulesError
from .visibility import effective_answers


class InputError(Exception):
    """Bad input from the command line: reported in one line, exit 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):
        raise InputError(f"usage: {message} (see --help)")


def _label(name: str) -> str:
    return "stdin" if name == "-" else name


def _read_answers(name: str) -> dict:
    label = _label(name)
    try:
        # read at most one character more than the limit: a huge file is refused, not loaded
        if name == "-":
            raw = sys.stdin.buffer.read(LIMITS["request_chars"] * 4 + 1)
        else:
            with Path(name).open("rb") as f:
                raw = f.read(LIMITS["request_chars"] * 4 + 1)
    except OSError as exc:
        raise InputError(f"{label}: cannot read: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(f"{label}: not a text file (answers are a UTF-8 JSON file)") from None
    try:
        data = loads_limited(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{label}: not valid JSON: {exc.msg} at line {exc.lineno}") from None
    except AnswersError as exc:
        raise InputError(f"{label}: {exc}") from None
    if not isinstance(data, dict):
        raise InputError(f"{label}: answers must be a JSON object of question id to value")
    return data


def _today(value: str | None) -> dt.date:
    try:
        return parse_today(value, "--today")
    except AnswersError as error:
        raise InputError(str(error)) from None


def _print_deadlines(deadlines: list[dict], check_notice: str) -> None:
    for d in deadlines:
        when = d["date"] or "date not known yet"
        left = (
            "" if d["days_left"] is None else f" ({d['days_left']} days left)" if d["days_left"] >= 0 else " (PASSED)"
        )
        print(f"- {d['label']}: {when}{left}")
        print(f"    {d['basis']}")
        if d["note"]:
            print(f"    {d['note']}")
        print(f"    Source: {d['citation']}")
    print(check_notice)


def _print_clocks(clocks: list[dict], check_notice: str) -> None:
    if not clocks:
        print("No decision clocks: add an appeal you sent, or a promise, to your appeal file.")
    for c in clocks:
        left = (
            ""
            if c["days_left"] is None or c["status"] not in ("upcoming", "today")
            else " (today)"
            if c["days_left"] == 0
            else f" (in {c['days_left']} day{'s' if c['days_left'] != 1 else ''})"
        )
        print(f"- {c['headline']}{left}")
        print(f"    {c['label']}")
        for text in (c["basis"], c["note"]):
            if text:
                print(f"    {text}")
        if c["citation"]:
            print(f"    Source: {c['citation']}")
        for step in c["what_to_do"]:
            print(f"    What you can do: {step}")
    print(check_notice)


def _split_events(raw: dict) -> tuple[dict, object]:
    """(answers, events) from {"answers", "events"} (the page's file too) or plain answers."""
    if isinstance(raw.get("answers"), dict):
        return raw["answers"], raw.get("events")
    return {k: v for k, v in raw.items() if k != "events"}, raw.get("events")


def _print_report(report: dict) -> None:
    appeal = report["appeal"]
    print(f"Your next step: {appeal['action']}")
    print(f"    Who decides: {appeal['who_decides']}")
    print(f"    Where it goes: {appeal['send_to']}")
    print(
        f"    Letter: {appeal['letter_title'] or 'none needed at this step'}"
        + (f" (letter --kind {appeal['letter']})" if appeal["letter"] else "")
    )
    print(f"    Step {appeal['step']} of {len(appeal['steps'])}: {', then '.join(appeal['steps'])}")
    for finding in report["findings"]:
        print(f"! {finding['title']}. {finding['message']}")
    print(f"\nReady to send: {'yes' if report['ready'] else 'not yet'}   Score: {report['score']}/100")
    if report["expedited"]:
        print("Urgent: ask for an expedited (fast) appeal.")
    for block in report["blocking"]:
        print(f"! {block['message']}")
    titles = {i["id"]: i for i in report["items"]}
    if report["missing"]:
        print("\nStill to do, most important first:")
        for iid in report["missing"]:
            item = titles[iid]
            print(f"- [{item['severity']}] {item['title']}")
            print(f"    {item['fix']}")
    print("\nDeadlines:")
    _print_deadlines(report["deadlines"], report["check_notice"])
    for warning in report["warnings"]:
        print(f"Note: {warning}")


def _print_schema(data: dict) -> None:
    for q in data["questions"]:
        values = ", ".join(o["id"] for o in q["options"]) or ("true, false" if q["type"] == "boolean" else q["type"])
        print(f"{q['id']} ({q['type']}{', optional' if q['optional'] else ''}): {q['label']}  [{values}]")
    print("\nAppeal levels, by plan (letter kind in brackets):")
    for path in data["paths"]:
        levels = data["levels"]
        steps = ", then ".join(
            f"{levels[lid]['name']} [{levels[lid]['letter'] or 'no letter'}]" for lid in path["levels"]
        )
        print(f"- {path['name']}: {steps}")


def run(argv: list[str] | None) -> int:
    parser = _Parser(prog="python -m checklist_engine", description="Second Look's MRI/CT appeal self-audit.")
    parser.add_argument("--version", action="version", version=__version__)
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    for name in ("audit", "deadlines"):
        sub = commands.add_parser(name)
        sub.add_argument("answers", help="answers JSON file, or - for stdin")
        sub.add_argument("--json", action="store_true")
        sub.add_argument("--today", help="YYYY-MM-DD (default: today)")
    clocks_parser = commands.add_parser("clocks", help="when the decisions in your appeal file are due")
    clocks_parser.add_argument("answers", help='{"answers": {...}, "events": [...]} JSON file, or - for stdin')
    clocks_parser.add_argument("--json", action="store_true")
    clocks_parser.add_argument("--today", help="YYYY-MM-DD (default: today)")
    for name in ("letter", "doctor-letter"):
        sub = commands.add_parser(name)
        sub.add_argument("answers")
        sub.add_argument("--today")
        sub.add_argument(
            "--letter-lang",
            choices=LANGS,
            default="en",
            help="the letter's language: es gives the same letter in Spanish, to read (send the English one)",
        )
        if name == "letter":
            sub.add_argument(
                "--kind",
                choices=sorted(LETTERS),
                help="which letter (default: the one for the reader's current appeal level)",
            )
    scripts_parser = commands.add_parser(
        "scripts", help="the call scripts that apply (--sheet: the peer-to-peer sheet)"
    )
    scripts_parser.add_argument("answers", help="answers JSON file, or - for stdin")
    scripts_parser.add_argument("--json", action="store_true")
    scripts_parser.add_argument("--today", help="YYYY-MM-DD (default: today)")
    scripts_parser.add_argument("--sheet", action="store_true", help="print the peer-to-peer sheet for the doctor")
    commands.add_parser("schema").add_argument("--json", action="store_true")
    commands.add_parser("validate")
    explain_parser = commands.add_parser("explain", help="what a denial letter's text says (findings with their lines)")
    explain_parser.add_argument("letter", help="the letter as a text file, or - for stdin")
    explain_parser.add_argument("--json", action="store_true")
    for sub in commands.choices.values():
        sub.add_argument(
            "--lang",
            choices=LANGS,
            default="en",
            help="the language of the text (ids, dates and citations are the same); letters stay English",
        )
    args = parser.parse_args(argv)
    lang = args.lang
    checklist = load_checklist(lang=lang)

    if args.command == "schema":
        data = schema(lang=lang)
        print(json.dumps(data, indent=2)) if args.json else _print_schema(data)
        return 0
    if args.command == "explain":
        from .extract import explain, format_findings

        try:
            text = sys.stdin.read() if args.letter == "-" else Path(args.letter).read_text("utf-8", errors="replace")
        except OSError as exc:
            raise InputError(f"{args.letter}: cannot read: {exc.strerror}") from None
        result = explain(text, lang=lang)
        print(json.dumps(result, indent=2)) if args.json else print(format_findings(result), end="")
        return 0
    if args.command == "validate":
        rules = load_rules()["rules"]
        print(
            f"ok: checklist {checklist.version}: {len(checklist.questions)} questions, "
            f"{len(checklist.items)} items; {len(rules)} legal time limits"
        )
        return 0
    today = _today(args.today)
    raw = _read_answers(args.answers)
    events = None
    if args.command == "clocks":
        raw, events = _split_events(raw)
        if not isinstance(raw, dict):
            raise InputError(f"{_label(args.answers)}: answers must be a JSON object of question id to value")
    try:
        answers = normalize(raw, checklist)
        check_dates(effective_answers(checklist, answers), today, lang)
    except AnswersError as exc:
        raise InputError(f"{_label(args.answers)}: {exc}") from None
    if args.command == "clocks":
        report = audit(answers, today, checklist, events=events)
        if report["event_errors"]:
            errors = report["event_errors"]
            more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
            raise InputError(f"{_label(args.answers)}: {errors[0]['message']}{more}")
        if args.json:
            print(json.dumps(report["clocks"], indent=2))
        else:
            _print_clocks(report["clocks"], report["check_notice"])
        return 0
    if args.command == "scripts":
        from .scripts import format_scripts, format_sheet, p2p_sheet, scripts

        result = p2p_sheet(answers, audit(answers, today)) if args.sheet else scripts(answers, today, checklist)
        print(
            json.dumps(result, indent=2) if args.json else (format_sheet if args.sheet else format_scripts)(result),
            end="\n" if args.json else "",
        )
        return 0
    if args.command in ("audit", "deadlines"):
        report = audit(answers, today, checklist)
        if args.json:
            print(json.dumps(report if args.command == "audit" else report["deadlines"], indent=2))
        elif args.command == "audit":
            _print_report(report)
        else:
            _print_deadlines(report["deadlines"], report["check_notice"])
        return 0
    text = (
        letter(answers, today, kind=args.kind, lang=args.letter_lang)
        if args.command == "letter"
        else doctor_letter(answers, today, lang=args.letter_lang)
    )
    print(text, end="")
    return 0


def main(argv: list[str] | None = None) -> int:
    try:
        return run(argv)
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
    except AnswersError as exc:  # the answers were checked above; kept so no bad input shows a traceback
        print(f"error: {exc}", file=sys.stderr)
    except (ChecklistError, RulesError) as exc:
        print(f"error: {exc}", file=sys.stderr)
    except BrokenPipeError:  # the output went to a program that stopped reading (| head): no traceback
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    return 2


if __name__ == "__main__":
    sys.exit(main())
