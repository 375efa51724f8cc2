"""Body areas (checklist_engine/data/body_areas.toml): every fact sourced, every mistake named.

The planted mistakes are made in a copy of the real data file, so the guards are proved on the data
the site ships, not on a toy file.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from checklist_engine import ChecklistError, load_checklist
from checklist_engine.areas import FACT_LISTS, AreasError, load_areas, parse_areas
from checklist_engine.conditions import parse

ROOT = Path(__file__).resolve().parent.parent.parent
DATA = ROOT / "checklist_engine" / "data" / "body_areas.toml"
TEXT = DATA.read_text("utf-8")
AREAS = load_areas()
EXPECTED_AREAS = ["low_back", "neck", "head", "knee", "shoulder", "abdomen_pelvis", "cancer_follow_up", "other"]
# Every (area, reason) the question "What is the scan for?" can lead to.
VIEWS = [(a.id, r) for a in AREAS.areas for r in (a.reason_ids() or (None,))]
assert len(VIEWS) == 10, VIEWS


def view_id(pair) -> str:
    return pair[0] if pair[1] is None else f"{pair[0]}:{pair[1]}"


def planted(old: str, new: str, count: int = 1) -> str:
    """The real data file with one mistake planted; fails loudly if the text to change is gone."""
    assert TEXT.count(old) >= count, f"the data no longer contains {old!r}: update the planted mistake"
    return TEXT.replace(old, new, count)


# ----------------------------------------------------------------------------------- the data


def test_the_packaged_areas_load_in_the_order_the_question_shows_them():
    assert list(AREAS.area_ids()) == EXPECTED_AREAS
    assert AREAS.question == "What is the scan for?"
    assert [o["id"] for o in AREAS.options()] == EXPECTED_AREAS
    assert all(o["label"].strip() for o in AREAS.options())


def test_head_and_knee_ask_the_reason():
    head, knee = AREAS.area("head"), AREAS.area("knee")
    assert head.reason_ids() == ("headache", "head_injury") and head.reason_question
    assert knee.reason_ids() == ("injury", "long_term_pain") and knee.reason_question


@pytest.mark.parametrize("pair", VIEWS, ids=view_id)
def test_every_area_cites_at_least_one_known_source(pair):
    view = AREAS.view(*pair)
    assert view.source_ids(), f"{view_id(pair)} cites no source"
    for sid in view.source_ids():
        assert AREAS.source_by_id(sid).confidence in ("V", "V2")


@pytest.mark.parametrize("pair", VIEWS, ids=view_id)
def test_every_fact_of_every_view_names_a_source(pair):
    view = AREAS.view(*pair)
    for name in FACT_LISTS:
        for fact in getattr(view, name):
            assert fact.sources, f"{view_id(pair)} {name} {fact.id}"


def test_the_low_back_keeps_the_red_flag_ids_saved_answers_use():
    # Answers saved before body areas hold these six ids: they stay the low-back options' ids.
    low_back = {
        o.id for o in load_checklist().question("red_flags").options if o.show_if == parse("body_area == 'low_back'")
    }
    assert (
        low_back
        == set(AREAS.view("low_back").sign_ids())
        == {"bladder_bowel", "neuro_deficit", "cancer", "infection", "fracture", "prior_surgery"}
    )


def test_a_reason_sees_only_its_own_warning_signs():
    headache = AREAS.view("head", "headache").sign_ids()
    injury = AREAS.view("head", "head_injury").sign_ids()
    assert "thunderclap" in headache and "thunderclap" not in injury
    assert "vomiting" in injury and "vomiting" not in headache
    assert AREAS.view("head", "headache").guide != AREAS.view("head", "head_injury").guide
    long_term = AREAS.view("knee", "long_term_pain")
    assert "cannot_bear_weight" not in long_term.sign_ids() and "locking" in long_term.sign_ids()


def test_week_counts_appear_only_with_their_source():
    weeks = {(a.id, c.id): (c.weeks, c.weeks_source) for a in AREAS.areas for c in a.conservative_care if c.weeks}
    assert weeks[("low_back", "medical_management")] == (6, "acr_low_back_pain")
    assert weeks[("knee", "aetna_knee_no_injury")] == (3, "aetna_extremities")
    for (area, fact), (_count, source) in weeks.items():
        assert source in next(c for c in AREAS.area(area).conservative_care if c.id == fact).sources
    # No week count where no source gives one.
    for pair in [("head", "headache"), ("head", "head_injury"), ("abdomen_pelvis", None), ("cancer_follow_up", None)]:
        assert all(c.weeks is None for c in AREAS.view(*pair).conservative_care), pair


def test_the_other_area_makes_no_body_specific_claim():
    other = AREAS.view("other")
    assert other.warning_signs == () and other.conservative_care == () and other.prior_tests == ()
    assert other.letter_name is None


def test_the_data_travels_as_json():
    data = json.loads(json.dumps(AREAS.as_dict()))
    assert [a["id"] for a in data["areas"]] == EXPECTED_AREAS
    view = json.loads(json.dumps(AREAS.view("head", "head_injury").as_dict()))
    assert view["guide"] == "guides/head-injury-ct/"
    assert [s["id"] for s in view["warning_signs"]] == list(AREAS.view("head", "head_injury").sign_ids())
    assert all(s["sources"] for s in view["warning_signs"])


def test_a_head_scan_needs_its_reason():
    with pytest.raises(KeyError, match="choose a reason"):
        AREAS.view("head")
    with pytest.raises(KeyError, match="no reason 'sprain'"):
        AREAS.view("knee", "sprain")


def test_the_module_example_runs():
    import doctest

    import checklist_engine.areas as module

    result = doctest.testmod(module)
    assert result.attempted > 0 and result.failed == 0


# ----------------------------------------------------------------------------------- planted mistakes

LOCKING = 'letter = "true locking of the knee"\nsources = ["aetna_extremities"]'
MISTAKES = [
    pytest.param(
        LOCKING,
        'letter = "true locking of the knee"',
        "area 'knee' warning_signs 'locking'",
        "has no source",
        id="fact-without-source",
    ),
    pytest.param(
        LOCKING,
        'letter = "true locking of the knee"\nsources = ["aetna_knees"]',
        "area 'knee' warning_signs 'locking'",
        "unknown source 'aetna_knees'",
        id="unknown-source",
    ),
    pytest.param(
        'id = "dislocation"\nlabel = "The shoulder',
        'id = "Shoulder-Out"\nlabel = "The shoulder',
        "area 'shoulder' warning_signs 'Shoulder-Out'",
        "lower_snake_case",
        id="bad-id",
    ),
    pytest.param(
        'id = "xray_result"\ntext = "The date and result of the shoulder X-ray."',
        'id = "how_it_started"\ntext = "The date and result of the shoulder X-ray."',
        "area 'shoulder' document 'how_it_started'",
        "duplicate id",
        id="duplicate-fact-id",
    ),
    pytest.param(
        'id = "shoulder"\nlabel = "Shoulder"',
        'id = "knee"\nlabel = "Shoulder"',
        "area 'knee'",
        "duplicate id",
        id="duplicate-area-id",
    ),
    pytest.param(
        'weeks = 3\nweeks_source = "aetna_extremities"',
        "weeks = 3",
        "area 'knee' conservative_care 'aetna_knee_no_injury'",
        "3 weeks without a source",
        id="weeks-without-source",
    ),
    pytest.param(
        'text = "Each treatment tried, with dates and the result."',
        'text = "Each treatment tried for 6 weeks, with dates and the result."',
        "area 'neck' document 'treatments'",
        "week count ('6 weeks')",
        id="week-count-in-text",
    ),
    pytest.param(
        'text = "MRI is generally for when surgery',
        'text = "After six weeks, MRI is generally for when surgery',
        "area 'knee' conservative_care 'adequate_treatment'",
        "week count ('six weeks')",
        id="week-count-in-words",
    ),
    pytest.param(
        'weeks_source = "cureus_shoulder_2024"',
        'weeks_source = "afp_shoulder_2008"',
        "area 'shoulder' conservative_care 'therapy_before_mri'",
        "not among the fact's sources",
        id="weeks-source-not-cited",
    ),
    pytest.param(
        'letter = "vomiting two or more times"\nsources = ["canadian_ct_head_rule"]\nget_care_now = "canadian_ct_head_rule"',
        'letter = "vomiting two or more times"\nsources = ["canadian_ct_head_rule"]\nget_care_now = "acr_head_trauma_2021"',
        "area 'head' warning_signs 'vomiting'",
        "not among the fact's sources",
        id="get-care-now-unsourced",
    ),
    pytest.param(
        'reasons = ["long_term_pain"]\ntest = "X-ray of the knee"',
        'reasons = ["chronic"]\ntest = "X-ray of the knee"',
        "area 'knee' prior_tests 'xray_long_term'",
        "unknown reason 'chronic'",
        id="unknown-reason",
    ),
    pytest.param(
        'id = "fever"\nlabel = "Belly pain with a fever"',
        'id = "none"\nlabel = "Belly pain with a fever"',
        "area 'abdomen_pelvis' warning_signs 'none'",
        "reserved",
        id="reserved-sign-id",
    ),
    pytest.param(
        'url = "https://www.aafp.org/afp/2018/1101/p576.html"\nconfidence = "V2"',
        'url = "https://www.aafp.org/afp/2018/1101/p576.html"\nconfidence = "U"',
        "source 'afp_knee_2018'",
        "confidence 'U' cannot be published",
        id="unconfirmed-source",
    ),
    pytest.param(
        'title = "ACR Appropriateness Criteria: Chronic Knee Pain"\nyear = 2018\n',
        'title = "ACR Appropriateness Criteria: Chronic Knee Pain"\n',
        "source 'acr_chronic_knee'",
        "needs its year",
        id="acr-topic-without-year",
    ),
    pytest.param(
        '[[sources]]\nid = "acr_portal"',
        '[[sources]]\nid = "acr_unused"\nkind = "index"\ntitle = "T"\n'
        'confidence = "V"\n\n[[sources]]\nid = "acr_portal"',
        "source 'acr_unused'",
        "not cited by any fact",
        id="unused-source",
    ),
    pytest.param(
        'guide = "guides/knee-mri/"', 'guide = "knee-mri.md"', "area 'knee'", "must be a site path", id="bad-guide-path"
    ),
    pytest.param(
        'letter_name = "of the neck"\n',
        'letter_name = "of the neck"\ncolour = "red"\n',
        "area 'neck'",
        "unknown field 'colour'",
        id="unknown-field",
    ),
]


@pytest.mark.parametrize("old, new, where, problem", MISTAKES)
def test_a_planted_mistake_fails_naming_file_area_and_problem(old, new, where, problem):
    with pytest.raises(AreasError) as caught:
        parse_areas(planted(old, new), "body_areas.toml")
    error = caught.value
    assert isinstance(error, ChecklistError)  # callers that catch the engine's data errors catch it too
    assert error.source == "body_areas.toml"
    assert error.where == where, str(error)
    assert problem in error.problem, str(error)
    assert str(error).startswith(f"body_areas.toml: {where}: ")


def test_a_file_that_cannot_be_read_is_named(tmp_path):
    with pytest.raises(AreasError, match=r"missing\.toml: file: cannot read"):
        load_areas(tmp_path / "missing.toml")
    (tmp_path / "broken.toml").write_text("[[areas]\n", "utf-8")
    with pytest.raises(AreasError, match=r"broken\.toml: file: not valid TOML"):
        load_areas(tmp_path / "broken.toml")


def test_a_copy_of_the_data_loads_from_a_path(tmp_path):
    path = tmp_path / "body_areas.toml"
    path.write_text(TEXT, "utf-8")
    assert load_areas(path).area_ids() == AREAS.area_ids()


def test_the_loaded_data_cannot_be_changed():
    import dataclasses

    with pytest.raises(dataclasses.FrozenInstanceError):
        AREAS.area("knee").label = "Elbow"  # type: ignore[misc]
    assert isinstance(AREAS.area("knee").warning_signs, tuple)


# ----------------------------------------------------------------------------------- the guides


def guide_file(guide: str) -> Path:
    return ROOT / "docs" / (guide.rstrip("/") + ".md")


def sources_section(text: str) -> str:
    match = re.search(r"^## Sources\b(.*)", text, re.S | re.M)
    return match.group(1) if match else ""


# The low-back guide predates the body-area data and is edited by the content review; its Sources
# list names the ACR topic only. Every other area's guide is checked against the data.
LEGACY_GUIDES = {"guides/low-back-pain-mri/"}


@pytest.mark.parametrize("pair", VIEWS, ids=view_id)
def test_each_area_has_its_guide_in_the_navigation(pair):
    guide = AREAS.view(*pair).guide
    assert guide_file(guide).is_file(), f"{view_id(pair)}: no page for {guide}"
    assert f"- {guide.rstrip('/')}.md" in (ROOT / "mkdocs.yml").read_text("utf-8"), f"{guide} is not in the nav"


@pytest.mark.parametrize("pair", VIEWS, ids=view_id)
def test_each_guide_lists_the_sources_of_its_area(pair):
    view = AREAS.view(*pair)
    listed = sources_section(guide_file(view.guide).read_text("utf-8"))
    assert listed, f"{view.guide}: no Sources section"
    if view.guide in LEGACY_GUIDES:
        assert "Low Back Pain" in listed
        return
    for sid in view.source_ids():
        source = AREAS.source_by_id(sid)
        key = source.url or source.citation or source.title
        assert key in listed, f"{view.guide}: Sources does not list {sid} ({key})"


@pytest.mark.parametrize("pair", VIEWS, ids=view_id)
def test_a_guide_says_get_care_now_where_a_source_says_so(pair):
    view = AREAS.view(*pair)
    text = guide_file(view.guide).read_text("utf-8").lower()
    if view.guide in LEGACY_GUIDES:
        assert "urgent medical care" in text
    elif any(sign.get_care_now for sign in view.warning_signs):
        assert "get care now" in text, f"{view.guide} has signs that need care now but does not say so"


def week_counts(text: str) -> set[int]:
    """Every number of weeks a text states ("6 weeks", "six weeks", "4 to 6 weeks" gives 4 and 6)."""
    from checklist_engine.areas import _NUMBER_WORDS, _WEEK_COUNT

    words = {w: i for i, w in enumerate(_NUMBER_WORDS.split("|"), start=1)}
    found = set()
    for match in _WEEK_COUNT.finditer(text):
        for token in (match.group(1), match.group(4)):
            if token:
                found.add(int(token) if token.isdigit() else words[token.lower()])
    return found


def test_week_counts_are_read_from_prose():
    assert week_counts("after 6 weeks, or four to six weeks, or a 3-week trial") == {3, 4, 6}
    assert week_counts("in the past weeks or months, for 5 years") == set()


@pytest.mark.parametrize("pair", VIEWS, ids=view_id)
def test_a_guide_states_only_the_week_counts_its_data_sources_give(pair):
    view = AREAS.view(*pair)
    if view.guide in LEGACY_GUIDES:
        return
    sourced = {c.weeks for c in AREAS.area(pair[0]).conservative_care if c.weeks}
    stated = week_counts(guide_file(view.guide).read_text("utf-8"))
    assert stated <= sourced, f"{view.guide} states {sorted(stated - sourced)} weeks with no source in the data"
    assert {c.weeks for c in view.conservative_care if c.weeks} <= stated, (
        f"{view.guide} leaves out a sourced week count"
    )


def test_the_new_guides_read_at_grade_8_or_below():
    from sitebuild.readability import grade

    guides = sorted({AREAS.view(*pair).guide for pair in VIEWS} - LEGACY_GUIDES)
    assert len(guides) == 8, guides
    grades = {g: round(grade(guide_file(g)), 1) for g in guides}
    assert all(value <= 8.0 for value in grades.values()), grades


# ----------------------------------------------------------------------------------- packaging and Pyodide


def test_the_wheel_carries_the_data(engine_wheel):
    with zipfile.ZipFile(engine_wheel) as wheel:
        names = wheel.namelist()
    assert "checklist_engine/data/body_areas.toml" in names and "checklist_engine/areas.py" in names


AREAS_IN_PYODIDE = r"""
import { bootFromFiles } from %(node_engine)s;
const [pyodideDir, wheel, stdlibZip] = process.argv.slice(2);
const pyodide = await bootFromFiles({ pyodideDir, wheel, stdlibZip });
console.log(pyodide.runPython(`
import json
from checklist_engine.areas import load_areas
areas = load_areas()
json.dumps({a.id: [list(a.view(r).sign_ids()) for r in (a.reason_ids() or (None,))] for a in areas.areas})
`));
"""


@pytest.mark.node
def test_the_areas_load_under_pyodide_on_the_sites_reduced_stdlib(pyodide_dir, engine_wheel, tmp_path):
    from sitebuild.stdlib import read_files_list, reduced_stdlib

    node = shutil.which("node")
    assert node, "Node.js is needed to run the engine under Pyodide"
    script = tmp_path / "areas.mjs"
    script.write_text(AREAS_IN_PYODIDE % {"node_engine": json.dumps((ROOT / "sitebuild" / "node_engine.mjs").as_uri())})
    stdlib = reduced_stdlib(pyodide_dir, read_files_list())
    proc = subprocess.run(
        [node, str(script), str(pyodide_dir), str(engine_wheel), str(stdlib)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    in_pyodide = json.loads(proc.stdout.strip().splitlines()[-1])
    in_cpython = {a.id: [list(a.view(r).sign_ids()) for r in (a.reason_ids() or (None,))] for a in AREAS.areas}
    assert in_pyodide == in_cpython
