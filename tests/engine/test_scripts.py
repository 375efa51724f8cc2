"""Call scripts and the peer-to-peer sheet (checklist_engine/scripts.py, data/scripts.toml).

Golden outputs: for each answer set of tests/cases/scripts_*.json (job-based prior authorization,
Medicare Advantage, Original Medicare, Medicaid paid by the state, a Medicaid health plan, an
unknown plan, an expired approval with hostile text), the whole list of scripts and the whole sheet
are compared with tests/engine/scripts_golden/<case>.json. Those files were read line by line when
they were written; after a deliberate change to the data, rewrite them with
SCRIPTS_GOLDEN_WRITE=1 and read the diff before committing it.

The same cases' key wording also runs under Pyodide in Node.js and in the browser's worker
(checklist_engine/cases.py, `scripts` and `sheet_*` expectations).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from checklist_engine import audit, bridge
from checklist_engine.loader import ChecklistError
from checklist_engine.scripts import FIELDS, ScriptsError, load_scripts, p2p_sheet, parse_scripts, scripts

ROOT = Path(__file__).resolve().parent.parent.parent
CASES = sorted((ROOT / "tests" / "cases").glob("scripts_*.json"))
GOLDEN = Path(__file__).parent / "scripts_golden"
DATA = (ROOT / "checklist_engine" / "data" / "scripts.toml").read_text("utf-8")


def load(path: Path) -> dict:
    return json.loads(path.read_text("utf-8"))


def outputs(case: dict) -> dict:
    today = dt.date.fromisoformat(case["today"])
    return {
        "scripts": scripts(case["answers"], today),
        "sheet": p2p_sheet(case["answers"], audit(case["answers"], today)),
    }


# --- golden outputs ----------------------------------------------------------------------------------


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_the_scripts_and_the_sheet_match_the_golden_output(path):
    case = load(path)
    got = outputs(case)
    golden = GOLDEN / f"{case['name']}.json"
    if os.environ.get("SCRIPTS_GOLDEN_WRITE"):
        GOLDEN.mkdir(exist_ok=True)
        golden.write_text(json.dumps(got, indent=2, ensure_ascii=False) + "\n", "utf-8")
    assert golden.exists(), f"no golden output for {case['name']}: write it with SCRIPTS_GOLDEN_WRITE=1 and read it"
    assert got == load(golden)


def test_there_is_a_golden_case_for_each_kind_of_plan():
    plans = {load(p)["answers"].get("plan_type") for p in CASES}
    assert {"employer", "individual", "medicare_advantage", "traditional_medicare", "medicaid", "unknown"} <= plans


# --- wording per plan ---------------------------------------------------------------------------------


def case_named(name: str) -> dict:
    return load(ROOT / "tests" / "cases" / f"{name}.json")


def script(case: dict, sid: str) -> dict:
    found = {s["id"]: s for s in outputs(case)["scripts"]}
    return found[sid]


def test_a_job_based_reader_asks_their_plan_and_hears_the_claims_rule():
    plan = script(case_named("scripts_job_prior_auth"), "plan_reason")
    assert plan["call"] == "Member services at Acme Health"
    assert "Is my plan self-funded or fully insured?" in plan["say"]
    assert any("free of charge" in b and "29 CFR 2560.503-1(h)(2)(iii)" in b for b in plan["basis"])
    assert {h["id"]: h["value"] for h in plan["have"]}["claim_number"] == "PA-99812"


def test_original_medicare_is_the_medicare_contractor_not_a_plan():
    [call] = outputs(case_named("scripts_original_medicare"))["scripts"]
    assert call["id"] == "medicare_reason" and "1-800-MEDICARE" in call["call"]
    text = json.dumps(call)
    assert "Medicare contractor" in text and "plan card" not in text
    assert {h["id"]: h["label"] for h in call["have"]}["member_id"] == "Medicare number"


def test_state_paid_medicaid_calls_the_state_and_asks_about_a_fair_hearing():
    [call] = outputs(case_named("scripts_medicaid_state"))["scripts"]
    assert call["call"] == "Your state Medicaid office"
    assert any("fair hearing" in line for line in call["say"])
    assert call["basis"] == [], "no legal claim the facts file does not support"


def test_a_line_with_a_condition_shows_only_when_it_holds():
    case = case_named("scripts_job_prior_auth")
    case["answers"]["plan_funding"] = "self_funded"
    assert "Is my plan self-funded or fully insured?" not in script(case, "plan_reason")["say"]
    case["answers"]["criteria_requested"] = "received"
    assert not any("criteria" in line for line in script(case, "plan_reason")["say"][2:4])


def test_no_script_is_offered_when_its_call_is_done():
    case = case_named("scripts_job_prior_auth")
    case["answers"].update(peer_to_peer="requested", peer_to_peer_deadline="2026-12-01")
    assert "doctor_peer_to_peer" in [s["id"] for s in outputs(case)["scripts"]]
    case["answers"]["peer_to_peer"] = "done"
    assert "doctor_peer_to_peer" not in [s["id"] for s in outputs(case)["scripts"]]
    case["answers"]["expedited_requested"] = True
    assert "doctor_expedited" not in [s["id"] for s in outputs(case)["scripts"]]


def test_the_fast_decision_time_comes_from_the_rules_and_is_left_out_where_there_is_none():
    case = case_named("scripts_job_prior_auth")
    assert any("72 hours" in line for line in script(case, "doctor_expedited")["say"])
    case["answers"]["plan_type"] = "unknown"
    assert not any("hours" in line for line in script(case, "doctor_expedited")["say"])


# --- the sheet -----------------------------------------------------------------------------------------


def test_the_sheet_holds_the_readers_facts_and_the_areas_criteria():
    sheet = outputs(case_named("scripts_job_prior_auth"))["sheet"]
    assert sheet["applies"] is True
    assert sheet["for"] == "Dr. Ana Lee" and sheet["member_id"] == "XJ-4471"
    assert sheet["symptoms"] == "For 9 weeks." and sheet["treatment"] == "7 weeks in all: physical therapy, naproxen"
    assert sheet["warning_signs"] and sheet["prior_imaging"] == "Yes. I have the reports."
    assert all(c["sources"] for c in sheet["criteria"])
    assert sheet["deadline"] == {"date": "2026-12-01", "long": "December 1, 2026", "days_left": 7, "passed": False}
    assert "does not stop the time limit" in sheet["note"]


def test_the_sheet_never_invents_a_peer_to_peer_date():
    case = case_named("scripts_job_prior_auth")
    del case["answers"]["peer_to_peer_deadline"]
    sheet = outputs(case)["sheet"]
    assert sheet["deadline"] is None
    assert "December 1" not in json.dumps(sheet)


def test_a_passed_peer_to_peer_date_is_said_to_have_passed():
    case = case_named("scripts_job_prior_auth")
    case["today"] = "2026-12-03"
    assert outputs(case)["sheet"]["deadline"]["passed"] is True


def test_the_sheet_is_not_offered_after_the_scan_or_for_original_medicare():
    assert outputs(case_named("scripts_unknown_plan"))["sheet"]["applies"] is False
    assert outputs(case_named("scripts_original_medicare"))["sheet"]["applies"] is False


def test_every_script_reads_at_grade_eight_or_below():
    textstat = pytest.importorskip("textstat")
    for path in CASES:
        for found in outputs(load(path))["scripts"]:
            text = "\n".join([found["title"], *found["say"], *found["write_down"], found["note"] or ""])
            assert textstat.flesch_kincaid_grade(text) <= 8, f"{path.stem}: {found['id']}"


# --- the data is checked when it loads ---------------------------------------------------------------


@pytest.mark.parametrize(
    "change, where, problem",
    [
        (
            ("{scan} that {doctor} ordered. The denial", "{scna} that {doctor} ordered. The denial"),
            "script 'doctor_peer_to_peer'",
            "field 'say[0]': unknown placeholder {scna}",
        ),
        (
            ('paths = ["traditional_medicare"]', 'paths = ["original_medicare"]'),
            "script 'medicare_reason'",
            "'original_medicare' is not a path",
        ),
        (
            ("when = \"denial_reason == 'out_of_network'", "when = \"denial_reason == 'out_of_netwrk'"),
            "script 'imaging_network'",
            "'out_of_netwrk' is not an option of 'denial_reason'",
        ),
        (
            ('if = "answered(peer_to_peer_deadline)"', 'if = "answered(p2p_date)"'),
            "script 'doctor_peer_to_peer'",
            "say[2].if uses unknown question 'p2p_date'",
        ),
        (
            ('have = ["member_id", "plan_name", "scan"]', 'have = ["member_id", "plan", "scan"]'),
            "script 'imaging_network'",
            "have: 'plan' is not a [have] entry",
        ),
        (
            ("[scripts.basis]\nerisa", "[scripts.basis]\nerissa"),
            "script 'plan_reason'",
            "basis: 'erissa' is not a [rights] id",
        ),
        (('note = "Book the scan', 'notes = "Book the scan'), "script 'imaging_extension'", "unknown field 'notes'"),
        (('id = "imaging_extension"', 'id = "imaging_network"'), "script 'imaging_network'", "duplicate id"),
        (('answer = "claim_number"', 'answer = "claim_no"'), "have 'claim_number'", "'claim_no' is not a question"),
        (
            ('"{decide_fast}",', '"{decide_fast!r}",'),
            "script 'doctor_expedited'",
            "field 'say[5]': {decide_fast} takes no format",
        ),
        (('"Who will ask, and when?"', '"Who will ask, and {when?"'), "script 'imaging_extension'", "field 'say[3]':"),
    ],
)
def test_a_mistake_in_the_data_names_the_file_the_script_and_the_field(change, where, problem):
    old, new = change
    assert old in DATA, old
    with pytest.raises(ScriptsError) as caught:
        parse_scripts(DATA.replace(old, new, 1), "scripts.toml")
    assert isinstance(caught.value, ChecklistError)
    assert caught.value.source == "scripts.toml" and caught.value.where == where, str(caught.value)
    assert problem in caught.value.problem, str(caught.value)


def test_the_packaged_data_loads_and_uses_only_known_placeholders():
    data = load_scripts()
    assert len(data.scripts) >= 8 and "office" in FIELDS


# --- the bridge and the command line ----------------------------------------------------------------


def test_the_bridge_answers_both_ops():
    case = case_named("scripts_medicare_advantage")
    for op in ("scripts", "p2p_sheet"):
        response = json.loads(bridge.handle(json.dumps({"op": op, "answers": case["answers"], "today": case["today"]})))
        assert response["ok"] is True, response
    bad = json.loads(bridge.handle(json.dumps({"op": "scripts", "answers": {"plan_type": "nope"}})))
    assert bad["ok"] is False and bad["question"] == "plan_type"


def run_cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "checklist_engine", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )


def test_the_command_line_prints_the_scripts_and_the_sheet(tmp_path):
    case = case_named("scripts_job_prior_auth")
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps(case["answers"]), "utf-8")
    proc = run_cli("scripts", str(answers), "--today", case["today"])
    assert proc.returncode == 0, proc.stderr
    assert "Call your doctor's office: ask them to request a peer-to-peer review" in proc.stdout
    assert "    1. Hello. I am calling about a denial. My Member ID is XJ-4471." in proc.stdout
    sheet = run_cli("scripts", str(answers), "--today", case["today"], "--sheet")
    assert "Last date for the call, from the notice: December 1, 2026" in sheet.stdout
    as_json = json.loads(run_cli("scripts", str(answers), "--today", case["today"], "--json").stdout)
    assert [s["id"] for s in as_json] == case["expect"]["scripts"]


def test_the_command_line_refuses_bad_answers_in_one_line():
    proc = run_cli("scripts", "-", stdin='{"denial_date": "2026-13-01"}')
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1 and "denial_date" in proc.stderr
    assert "Traceback" not in proc.stderr
