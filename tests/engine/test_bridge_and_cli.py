import json
import subprocess
import sys

import pytest

from checklist_engine.bridge import handle


def call(request) -> dict:
    return json.loads(handle(request if isinstance(request, str) else json.dumps(request)))


def test_bridge_answers_every_op():
    for op in ("schema", "version", "audit", "deadlines", "letter", "doctor_letter", "report_and_letters", "normalize"):
        response = call({"op": op, "answers": {"plan_type": "employer"}, "today": "2026-11-24"})
        assert response["ok"], response


@pytest.mark.parametrize(
    "request_, error",
    [
        ("{not json", "not valid JSON"),
        ([1, 2], "JSON object"),
        ({"op": "format_disk"}, "unknown op"),
        ({"op": "audit", "today": "soon"}, "today must be a date"),
        ({"op": "audit", "answers": {"urgent": "maybe"}}, "urgent"),
    ],
)
def test_bridge_never_raises_and_says_what_is_wrong(request_, error):
    response = call(request_)
    assert response["ok"] is False and error in response["error"] and "\n" not in response["error"]


def test_report_and_letters_equals_the_separate_ops():
    request = {
        "answers": {"plan_type": "employer", "stage": "claim", "urgent": True, "denial_date": "2026-10-01"},
        "today": "2026-11-24",
    }
    together = call({"op": "report_and_letters", **request})["result"]
    report = call({"op": "audit", **request})["result"]
    requests = {e["kind"] for e in report["letters"]} - {report["appeal"]["letter"]}
    assert requests, "the case is offered request letters"
    assert together == {
        "report": report,
        "letter": call({"op": "letter", **request})["result"],
        "doctor_letter": call({"op": "doctor_letter", **request})["result"],
        "requests": {kind: call({"op": "letter", "kind": kind, **request})["result"] for kind in requests},
    }
    bad = call({"op": "report_and_letters", "answers": {"denial_date": "31/12/2026"}})
    assert bad["ok"] is False and bad["question"] == "denial_date"


def test_bridge_names_the_question_at_fault():
    response = call({"op": "audit", "answers": {"denial_date": "31/12/2026"}})
    assert response["ok"] is False and response["question"] == "denial_date"


def test_bridge_normalize_migrates_old_ids_and_reports_unknown_ones():
    old = {"schema": 1, "denial_letter": True, "favourite_colour": "blue", "stage": "claim"}
    result = call({"op": "normalize", "answers": old})["result"]
    assert result["answers"] == {"schema": 1, "denial_letter_read": True, "stage": "claim"}
    assert len(result["warnings"]) == 1 and "favourite_colour" in result["warnings"][0]


def cli(*args, stdin=None):
    return subprocess.run(
        [sys.executable, "-m", "checklist_engine", *args], input=stdin, capture_output=True, text=True, check=False
    )


def test_cli_audit_human_and_json(tmp_path):
    answers = tmp_path / "a.json"
    answers.write_text(json.dumps({"plan_type": "medicare_advantage", "denial_date": "2026-11-02"}))
    human = cli("audit", str(answers), "--today", "2026-11-24")
    assert human.returncode == 0 and "2027-01-06" in human.stdout and "Check the date on your own" in human.stdout
    report = json.loads(cli("audit", str(answers), "--json", "--today", "2026-11-24").stdout)
    assert report["deadlines"][0]["date"] == "2027-01-06"
    assert json.loads(cli("deadlines", "-", "--json", "--today", "2026-11-24", stdin=answers.read_text()).stdout)


def test_cli_letter_schema_validate():
    assert "To the appeals reviewer" in cli("letter", "-", stdin="{}").stdout
    assert "Dear" in cli("doctor-letter", "-", stdin="{}").stdout
    data = json.loads(cli("schema", "--json").stdout)
    assert {"id", "type", "label", "options"} <= set(data["questions"][0])
    assert cli("validate").stdout.startswith("ok:")


@pytest.mark.parametrize(
    "args, stdin, message",
    [
        (("audit", "/no/such/file.json"), None, "/no/such/file.json: cannot read"),
        (("audit", "-"), "[1", "stdin: not valid JSON"),
        (("audit", "-"), '{"plan_type": "spaceship"}', "plan_type"),
        (("audit", "-", "--today", "2026-02-30"), "{}", "--today"),
        (("audit",), None, "usage"),
        (("frobnicate",), None, "usage"),
    ],
)
def test_cli_bad_input_exits_2_with_one_line(args, stdin, message):
    result = cli(*args, stdin=stdin)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and message in result.stderr and "Traceback" not in result.stderr


# Issue 20, findings 11 and 12: dates, limits, and input of the wrong kind, named plainly.


@pytest.mark.parametrize(
    "answers, question, words",
    [
        ({"denial_date": "9999-12-31"}, "denial_date", "between 1900 and 2100"),
        ({"denial_date": "1899-12-31"}, "denial_date", "between 1900 and 2100"),
        ({"denial_date": "20260302"}, "denial_date", "Enter a full date"),
        ({"denial_date": "2026-W10-1"}, "denial_date", "Enter a full date"),
        ({"denial_date": "2026-12-01"}, "denial_date", "cannot be in the future"),
        (
            {"denial_date": "2026-10-01", "appeal_stage": "internal_denied", "final_denial_date": "2026-09-01"},
            "final_denial_date",
            "before the first denial",
        ),
        ({"red_flags": [[[[[[[[[[[[[[[[[[[[["x"]]]]]]]]]]]]]]]]]]]]]}, "red_flags", "nested too deeply"),
    ],
)
def test_bridge_refuses_impossible_answers_naming_the_question(answers, question, words):
    for op in ("audit", "letter", "report_and_letters"):
        response = call({"op": op, "answers": answers, "today": "2026-11-24"})
        assert response["ok"] is False and response["question"] == question and words in response["error"], response


def test_bridge_refuses_a_request_nested_thousands_deep_before_parsing_it():
    text = '{"op": "audit", "answers": {"scan": ' + "[" * 100_000 + "]" * 100_000 + "}}"
    response = call(text)
    assert response["ok"] is False and response["question"] == "scan" and "nested too deeply" in response["error"]
    assert call('{"op": "audit", "x": "' + "a" * 1_000_001 + '"}')["error"].startswith("the input is too large")


@pytest.mark.parametrize("today", ["9999-12-31", "20261124", "2026-W48-2", 20261124])
def test_bridge_today_must_be_an_iso_date_in_range(today):
    response = call({"op": "audit", "answers": {}, "today": today})
    assert response["ok"] is False and "today must be a date" in response["error"]


@pytest.mark.parametrize("op", [[], {}, 1, None, True])
def test_bridge_unknown_op_of_any_kind_is_a_plain_error(op):
    assert call({"op": op})["error"].startswith("unknown op")


@pytest.mark.parametrize("answers", [[], "", 0, False, None, "{}"])
def test_bridge_answers_that_are_not_an_object_are_refused_not_taken_as_empty(answers):
    for op in ("audit", "normalize"):
        response = call({"op": op, "answers": answers, "today": "2026-11-24"})
        assert response["ok"] is False and "answers must be a JSON object" in response["error"], response


def test_bridge_without_answers_reports_on_an_empty_set():
    assert call({"op": "audit", "today": "2026-11-24"})["ok"]


@pytest.mark.parametrize(
    "order",
    [
        ("audit", "--today", "2026-11-24", "FILE"),
        ("audit", "FILE", "--today", "2026-11-24"),
        ("audit", "--json", "--today", "2026-11-24", "FILE"),
        ("audit", "--today=2026-11-24", "--json", "FILE"),
        ("deadlines", "--today", "2026-11-24", "FILE", "--json"),
        ("letter", "--today", "2026-11-24", "FILE"),
    ],
)
def test_cli_error_names_the_answers_file_whatever_the_option_order(tmp_path, order):
    answers = tmp_path / "a.json"
    answers.write_text('{"plan_type": "spaceship"}')
    result = cli(*[str(answers) if a == "FILE" else a for a in order])
    assert result.returncode == 2 and result.stderr.startswith(f"error: {answers}: plan_type:"), result.stderr


@pytest.mark.parametrize(
    "content, message",
    [
        (bytes(range(256)) * 4, "not a text file"),
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
        (b'{"denial_date": "9999-12-31"}', "denial_date: Enter a date between 1900 and 2100"),
        (b'{"denial_date": "20260302"}', "denial_date: Enter a full date: month, day and year."),
        (
            b'{"denial_date": "2026-11-02", "appeal_stage": "internal_denied", "final_denial_date": "2026-10-01"}',
            "final_denial_date:",
        ),
        (b"[]", "answers must be a JSON object"),
        (b'""', "answers must be a JSON object"),
        (b"0", "answers must be a JSON object"),
        (b"false", "answers must be a JSON object"),
    ],
)
def test_cli_bad_files_exit_2_with_one_line(tmp_path, content, message):
    answers = tmp_path / "a.json"
    answers.write_bytes(content)
    for command in ("audit", "deadlines", "letter"):
        result = cli(command, str(answers), "--today", "2026-11-24")
        assert result.returncode == 2 and result.stderr.count("\n") == 1, result.stderr
        assert message in result.stderr and "Traceback" not in result.stderr


def test_cli_today_out_of_range_is_one_line():
    result = cli("deadlines", "-", "--today", "9999-12-31", stdin="{}")
    assert result.returncode == 2 and "--today" in result.stderr and "Traceback" not in result.stderr


def test_a_hidden_questions_date_is_ignored_not_refused():
    """The appeal decision's date counts only once the reader says the appeal was turned down."""
    answers = {"denial_date": "2026-10-01", "final_denial_date": "2026-09-01"}
    assert call({"op": "audit", "answers": answers, "today": "2026-11-24"})["ok"]


MA_AFTER_IRE = (
    '{"schema": 1, "plan_type": "medicare_advantage", "appeal_stage": "review_denied",'
    ' "denial_date": "2026-08-01", "final_denial_date": "2026-09-15", "review_denial_date": "2026-11-16"}'
)


def test_cli_letter_prints_any_kind_and_the_levels_own_by_default():
    from checklist_engine.letter import LETTERS

    assert len(LETTERS) >= 13
    assert (
        "HEARING WITH AN ADMINISTRATIVE LAW JUDGE"
        in cli("letter", "-", "--today", "2026-11-27", stdin=MA_AFTER_IRE).stdout
    )
    for kind in LETTERS:
        done = cli("letter", "--kind", kind, "-", "--today", "2026-11-27", stdin=MA_AFTER_IRE)
        assert done.returncode == 0 and done.stdout.startswith("November 27, 2026"), (kind, done.stderr)
    refused = cli("letter", "--kind", "nope", "-", stdin="{}")
    assert refused.returncode == 2 and "invalid choice: 'nope'" in refused.stderr


def test_cli_audit_starts_with_the_next_step_and_schema_lists_the_levels():
    report = cli("audit", "-", "--today", "2026-11-27", stdin=MA_AFTER_IRE).stdout
    assert report.startswith("Your next step: Ask for a hearing with an Administrative Law Judge by January 15, 2027")
    schema_text = cli("schema").stdout
    assert (
        "- Medicare Advantage: Reconsideration by your plan [ma_reconsideration], then Independent Review Entity"
        in schema_text
    )
    data = json.loads(cli("schema", "--json").stdout)
    assert {"paths", "levels", "letters"} <= set(data) and data["levels"]["ma_ire"]["letter"] is None


def test_bridge_letter_kind_and_explain():
    from checklist_engine.bridge import handle

    got = json.loads(
        handle(
            json.dumps({"op": "letter", "kind": "request_claim_file", "answers": {"schema": 1}, "today": "2026-11-27"})
        )
    )
    assert got["ok"] and "REQUEST FOR MY CLAIM FILE" in got["result"]
    assert (
        json.loads(handle(json.dumps({"op": "letter", "kind": "nope", "answers": {}})))["error"]
        == "unknown letter kind 'nope'"
    )
    found = json.loads(handle(json.dumps({"op": "explain", "text": "Date of this notice: March 3, 2026."})))["result"]
    assert any(f["field"] == "denial_date" and f["value"] == "2026-03-03" for f in found["findings"])
    assert json.loads(handle(json.dumps({"op": "explain", "text": 5})))["ok"] is False
