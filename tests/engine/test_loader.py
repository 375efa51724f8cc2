import pytest

from checklist_engine import ChecklistError, load_checklist
from checklist_engine.loader import parse_checklist

GOOD = """
version = "1"
[[sections]]
id = "s"
title = "S"
[[questions]]
id = "q"
section = "s"
type = "choice"
label = "Q?"
options = [{ id = "a", label = "A" }, { id = "b", label = "B" }]
[[questions]]
id = "r"
section = "s"
type = "boolean"
label = "R?"
show_if = "q == 'a'"
[[items]]
id = "i"
section = "s"
title = "I"
why = "W"
fix = "F"
severity = "critical"
link = "guides/x/"
done_if = "r == true"
"""


def load(text, tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text(text)
    return load_checklist(path)


def test_packaged_checklist_is_valid_and_complete():
    checklist = load_checklist()
    ids = set(checklist.question_ids)
    core = {
        "stage",
        "plan_type",
        "plan_funding",
        "denial_reason",
        "denial_date",
        "scan",
        "urgent",
        "red_flags",
        "symptom_weeks",
        "conservative_weeks",
    }
    assert core <= ids
    reasons = {o.id for o in checklist.question("denial_reason").options}
    assert reasons == {
        "conservative_treatment",
        "medical_necessity",
        "wrong_imaging_level",
        "criteria_mismatch",
        "missing_documentation",
        "out_of_network",
        "authorization_expired",
        "no_authorization",
        "other",
    }
    assert len(checklist.items) >= 25


def test_a_good_file_loads(tmp_path):
    assert [q.id for q in load(GOOD, tmp_path).questions] == ["q", "r"]


@pytest.mark.parametrize(
    "change, where, problem",
    [
        (("show_if = \"q == 'a'\"", "show_if = \"nope == 'a'\""), "question 'r'", "unknown question 'nope'"),
        (("show_if = \"q == 'a'\"", "show_if = \"q == 'zzz'\""), "question 'r'", "'zzz' is not an option of 'q'"),
        (('done_if = "r == true"', "done_if = \"r == 'yes'\""), "item 'i'", "yes/no"),
        (('severity = "critical"', 'severity = "urgent"'), "item 'i'", "severity 'urgent'"),
        (('fix = "F"\n', ""), "item 'i'", "missing field 'fix'"),
        (('id = "r"', 'id = "q"'), "question 'q'", "duplicate id"),
        (('link = "guides/x/"', 'link = "https://example.com"'), "item 'i'", "site path"),
        (('type = "boolean"', 'type = "slider"'), "question 'r'", "type 'slider'"),
        (('done_if = "r == true"', 'done_if = "r =="'), "item 'i'", "done_if: unexpected end"),
    ],
)
def test_every_problem_names_file_item_and_problem(tmp_path, change, where, problem):
    old, new = change
    assert old in GOOD
    with pytest.raises(ChecklistError) as info:
        load(GOOD.replace(old, new, 1), tmp_path)
    message = str(info.value)
    assert "bad.toml" in message and where in message and problem in message, message


def test_a_cycle_between_questions_is_refused(tmp_path):
    text = GOOD.replace('label = "Q?"', 'label = "Q?"\nshow_if = "r == true"')
    with pytest.raises(ChecklistError, match="cycle"):
        load(text, tmp_path)


def test_not_toml_and_missing_file(tmp_path):
    with pytest.raises(ChecklistError, match="not valid TOML"):
        load("version = ", tmp_path)
    with pytest.raises(ChecklistError, match="cannot read"):
        load_checklist(tmp_path / "absent.toml")


def test_parse_checklist_names_its_source():
    with pytest.raises(ChecklistError, match="^memory: file: missing field 'version'"):
        parse_checklist("", "memory")
