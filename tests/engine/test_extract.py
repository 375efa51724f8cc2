"""The denial-letter extractor (issue 15): golden letters, the rules' validation, its limits, the CLI."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from checklist_engine.__main__ import main
from checklist_engine.extract import DEFAULT, ExtractError, explain, load_rules, parse_rules

sys.path.insert(0, str(Path(__file__).parent.parent / "explain"))
from golden import LETTERS, check_letter, letters  # noqa: E402

CASES = letters()
assert CASES, f"no golden letters in {LETTERS}"
RULES_TEXT = (Path(__file__).parent.parent.parent / "checklist_engine" / DEFAULT).read_text("utf-8")


# ----------------------------------------------------------------------------------- golden letters


def test_there_are_enough_letters_of_every_kind():
    assert len(CASES) >= 15
    fields = {field for _, _, expected in CASES for field in expected.get("best", {})}
    assert {
        "denial_date",
        "final_denial_date",
        "review_denial_date",
        "plan_type",
        "stage",
        "denial_reason",
        "stated_deadline",
        "weeks_required",
        "reviewer",
        "guideline",
    } <= fields


@pytest.mark.parametrize("name,text,expected", CASES, ids=[c[0] for c in CASES])
def test_letter_findings_match_the_expected_ones(name, text, expected):
    assert check_letter(name, text, expected, explain(text)) == []


@pytest.mark.parametrize("name,text,expected", CASES, ids=[c[0] for c in CASES])
def test_every_finding_quotes_the_words_it_came_from(name, text, expected):
    for f in explain(text)["findings"]:
        assert text[f["start"] : f["end"]] == f["quote"] and f["quote"].strip()
        first_line = f["quote"].splitlines()[0]
        assert first_line in f["line"], (f["field"], f["line"])
        assert text.splitlines()[f["line_number"] - 1] in f["line"]


def test_a_changed_letter_changes_the_findings():
    """The golden check can fail: the same letter with another reason is caught."""
    name, text, expected = next(c for c in CASES if c[0].startswith("05_"))
    changed = text.replace("We did not receive the clinical information", "The center is out-of-network")
    problems = check_letter(name, changed, expected, explain(changed))
    assert any("denial_reason" in p for p in problems)


# ----------------------------------------------------------------------------------- dates


def test_only_dates_written_in_the_letter_and_never_a_birth_date():
    text = "Patient DOB: 04/11/1971\nDate of birth: May 2, 1980\nWe denied the MRI. It is not medically necessary."
    result = explain(text)
    assert not [f for f in result["findings"] if f["field"].endswith("date")]
    assert "denial_date" in [m["field"] for m in result["missing"]]


def test_an_impossible_date_is_not_reported():
    result = explain("Date of this notice: 02/30/2026\nNot medically necessary.")
    assert "denial_date" not in result["best"]


def test_a_fixed_appeal_date_is_returned_as_written_and_iso():
    result = explain("Notice date: 1/5/2027\nYou must send your appeal no later than March 3, 2027.")
    deadline = next(f for f in result["findings"] if f["field"] == "stated_deadline")
    assert (deadline["value"], deadline["iso"]) == ("March 3, 2027", "2027-03-03")
    assert result["best"]["denial_date"] == "2027-01-05"


def test_the_plans_own_decision_time_is_not_the_readers_deadline():
    result = explain(
        "If you ask for a fast appeal, we will make a decision within 72 hours.\n"
        "You must ask for an appeal within 65 days."
    )
    assert [f["value"] for f in result["findings"] if f["field"] == "stated_deadline"] == ["within 65 days"]


def test_an_appeal_decision_fills_the_appeal_decision_date_not_the_first_one():
    result = explain("Date of this letter: 9/30/2026\nWe have upheld our original decision.")
    assert result["best"].get("final_denial_date") == "2026-09-30" and "denial_date" not in result["best"]


# ----------------------------------------------------------------------------------- limits


def test_it_reads_at_most_the_limit_and_says_so():
    rules = load_rules()
    text = "x" * rules.max_chars + "\nThis MRI is not medically necessary."
    result = explain(text)
    assert result["truncated"] and result["read_chars"] == rules.max_chars and result["text_chars"] == len(text)
    assert str(f"{rules.max_chars:,}") in result["limit_note"]
    assert "denial_reason" not in result["best"]  # the reason was past the limit


@pytest.mark.parametrize("text", ["", " \n\t", "\x00\x01\xff" * 1000, "\ud800 lone surrogate", "é" * 50000])
def test_empty_or_binary_looking_text_gives_a_result_that_says_what_to_look_for(text):
    result = explain(text)
    assert result["findings"] == [] and result["nothing_found"]
    assert {m["field"] for m in result["missing"]} >= {"denial_reason", "denial_date"}
    assert all(m["look_for"].startswith("We could not") for m in result["missing"])


def test_not_a_string_is_treated_as_empty():
    assert explain(None)["nothing_found"] and explain(b"MRI not medically necessary")["nothing_found"]


def test_a_zip_code_is_not_a_procedure_code():
    result = explain("Appeals, PO Box 1, Oklahoma City, OK 73721\nMRI of the knee (CPT 73721) denied.")
    cpt = [f for f in result["findings"] if f["field"] == "cpt"]
    assert len(cpt) == 1 and result["findings"][0]["start"] >= 0
    assert "CPT" in cpt[0]["line"]


# ----------------------------------------------------------------------------------- rules data


def _broken(old: str, new: str) -> str:
    assert old in RULES_TEXT, old
    return RULES_TEXT.replace(old, new, 1)


@pytest.mark.parametrize(
    "old,new,message",
    [
        (
            'value = "conservative_treatment"',
            'value = "not_tried"',
            "keyword rule 'reason_conservative': value 'not_tried' is not an option",
        ),
        ('field = "reviewer"', 'field = "reviewr"', "keyword rule 'reviewer_evicore': field 'reviewr' is neither"),
        ("patterns = ['interqual']", "patterns = ['(inter\\s*qual)+']", "keyword rule 'guideline_interqual': pattern"),
        ("patterns = ['interqual']", "patterns = ['(interqual|inter)*']", "could backtrack badly"),
        ("patterns = ['interqual']", "patterns = ['inter(qual']", "not a valid regular expression"),
        ('body_area = "knee"', 'body_area = "kneee"', "cpt entry 7 (73721): body_area 'kneee' is not a body area"),
        ('confidence = "medium"\nmax_lines', 'confidence = "sure"\nmax_lines', "address: confidence 'sure'"),
        ("max_chars = 200000", "max_chars = 10", "file: field 'max_chars' must be a whole number"),
    ],
)
def test_bad_rules_are_refused_naming_the_file_the_rule_and_the_problem(old, new, message):
    with pytest.raises(ExtractError) as caught:
        parse_rules(_broken(old, new), "extract.toml")
    assert str(caught.value).startswith("extract.toml: ") and message in str(caught.value)


def test_the_packaged_rules_load_and_only_confirmed_cpt_codes_are_mapped():
    rules = load_rules()
    codes = {c.code for c in rules.cpt}
    # [U] in reference/clinical-facts.md: not in the table until checked
    assert not codes & {"70552", "73222", "73223", "73722", "73723"}
    assert {"72148", "70450", "73721", "74177"} <= codes


# ----------------------------------------------------------------------------------- command line


def test_cli_explain_prints_each_finding_with_its_line(capsys):
    path = LETTERS / "12_two_reasons_knee.txt"
    assert main(["explain", str(path)]) == 0
    out = capsys.readouterr().out
    assert "- denial_reason: wrong_imaging_level  [high]" in out
    assert "line 11: 2. The imaging center listed, Northside MRI LLC, is not a contracted facility." in out
    assert "? plan_type: We could not tell" in out


def test_cli_explain_json_is_the_engine_result(capsys):
    path = LETTERS / "01_ma_ndmc_lumbar_mri.txt"
    assert main(["explain", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data == json.loads(json.dumps(explain(path.read_text("utf-8"))))


def test_cli_explain_of_a_missing_file_is_one_line_and_exit_2(capsys, tmp_path):
    assert main(["explain", str(tmp_path / "nope.txt")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "nope.txt: cannot read" in err


def test_a_finding_says_whether_it_can_fill_a_question_and_its_value_is_an_option():
    from checklist_engine import load_checklist

    checklist = load_checklist()
    questions = {q.id: q for q in checklist.questions}
    seen = set()
    for _, text, _ in CASES:
        for f in explain(text)["findings"]:
            assert f["question"] == (f["field"] in questions), f["field"]
            if f["question"]:
                seen.add(f["field"])
                q = questions[f["field"]]
                if q.type == "choice" and q.option_ids():
                    assert f["value"] in q.option_ids(), f
                elif q.type == "date":
                    assert len(f["value"]) == 10 and f["value"][4] == "-", f
    assert {"denial_date", "plan_type", "stage", "denial_reason", "scan", "body_area", "member_id"} <= seen
