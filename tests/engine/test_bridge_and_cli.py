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


def test_report_and_letters_equals_the_three_separate_ops():
    request = {"answers": {"plan_type": "employer", "stage": "claim", "urgent": True, "denial_date": "2026-10-01"},
               "today": "2026-11-24"}
    together = call({"op": "report_and_letters", **request})["result"]
    assert together == {"report": call({"op": "audit", **request})["result"],
                        "letter": call({"op": "letter", **request})["result"],
                        "doctor_letter": call({"op": "doctor_letter", **request})["result"]}
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
    return subprocess.run([sys.executable, "-m", "checklist_engine", *args], input=stdin,
                          capture_output=True, text=True, check=False)


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
