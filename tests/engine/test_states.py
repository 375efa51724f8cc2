"""State help (issue 18): the packaged data is complete and sourced, bad data fails with a message
naming the state and the field, and state_help picks the right external review route per reader."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tomllib
from importlib import resources
from pathlib import Path

import pytest

from checklist_engine import ChecklistError
from checklist_engine.states import CODES, load_states, parse_states, state_help

ROOT = Path(__file__).parent.parent.parent
TEXT = resources.files("checklist_engine").joinpath("data/states.toml").read_text("utf-8")
SOURCE = "checklist_engine/data/states.toml"


def planted(old: str, new: str) -> str:
    assert old in TEXT, f"test setup: {old!r} is not in states.toml"
    return TEXT.replace(old, new, 1)


def without_block(code: str) -> str:
    """The packaged text with one state's whole table removed."""
    start = TEXT.index(f"[states.{code}]")
    end = TEXT.find("\n[states.", start + 1)
    return TEXT[:start] + (TEXT[end + 1 :] if end != -1 else "")


def error_for(text: str) -> str:
    with pytest.raises(ChecklistError) as caught:
        parse_states(text, SOURCE)
    return str(caught.value)


# --- The packaged data -------------------------------------------------------------------------


def test_packaged_data_has_every_state_and_dc():
    data = load_states()
    assert len(data.states) == 51 == len(CODES)
    assert set(data.states) == set(CODES)
    assert "DC" in data.states and data.states["DC"].name == "District of Columbia"


def test_every_published_fact_has_sources_a_checked_date_and_a_basis():
    facts = [(code, field, fact) for code, state in load_states().states.items() for field, fact in state.facts()]
    assert len(facts) >= 50  # the suite never checks zero facts
    for code, field, fact in facts:
        assert fact.sources, (code, field)
        assert fact.checked.year >= 2026, (code, field)
        assert fact.basis in ("official", "independent"), (code, field)
        if fact.basis == "independent":
            assert len(fact.sources) >= 2, (code, field)


def test_an_independent_fact_does_not_rest_on_one_project_counted_twice():
    """FHI's two files are one source; Coverage Rights and its type2.wiki copies are one source."""
    checked = 0
    for code, state in load_states().states.items():
        for field, fact in state.facts():
            if fact.basis != "independent":
                continue
            groups = {
                ("fhi" if "FHI" in s else "coverage-rights" if ("type2.wiki" in s or "coveragerights" in s) else s)
                for s in fact.sources
            }
            assert len(groups) >= 2, f"{code} {field}: {fact.sources}"
            checked += 1
    assert checked >= 10


def test_published_web_addresses_and_phones_are_well_formed():
    data = load_states()
    sites = [s.website.value for s in data.states.values() if s.website]
    phones = [s.phone.value for s in data.states.values() if s.phone]
    assert len(sites) >= 10 and len(phones) >= 6
    assert all(re.match(r"^https://[a-z0-9.-]+\.(gov|us)/", site) for site in sites), sites
    assert all(re.match(r"^1-\d{3}-\d{3}-\d{4}$", phone) for phone in phones), phones


def test_states_whose_route_sources_disagree_publish_no_route():
    """state-leads.md marks the route of GA, TX and WI as disputed [?]: no route is published."""
    data = load_states()
    for code in ("GA", "TX", "WI"):
        assert data.states[code].route is None, code
    assert data.states["FL"].website is None  # floir.gov vs floir.com: disputed, left out


def test_a_state_deadline_is_never_the_federal_four_months():
    deadlines = {code: s.deadline for code, s in load_states().states.items() if s.deadline}
    assert {"AK", "CA", "TN", "WY"} <= set(deadlines)
    assert deadlines["CA"].months == 6 and deadlines["TN"].months == 6
    assert deadlines["WY"].days == 120 and deadlines["AK"].days == 180


# --- Planted mistakes fail, naming the state and the field ----------------------------------------


def test_a_fact_without_sources_fails():
    text = planted(
        'phone = { value = "1-888-466-2219", basis = "official", sources = ["http://dmhc.ca.gov/FileaComplaint/SubmitanIndependentMedicalReviewComplaint.aspx", "https://www.ca.gov/departments/219/services/1129/"], checked = 2026-11-27 }',
        'phone = { value = "1-888-466-2219", basis = "official", sources = [], checked = 2026-11-27 }',
    )
    message = error_for(text)
    assert "state 'CA'" in message and "field 'phone'" in message and "sources" in message


def test_a_fact_without_a_checked_date_fails():
    text = planted(
        'website = { value = "https://doi.wyo.gov/", basis = "official", sources = ["https://doi.wyo.gov/consumers/iro"], checked = 2026-11-27 }',
        'website = { value = "https://doi.wyo.gov/", basis = "official", sources = ["https://doi.wyo.gov/consumers/iro"] }',
    )
    message = error_for(text)
    assert "state 'WY'" in message and "field 'website'" in message and "checked" in message


def test_an_independent_fact_with_one_source_fails():
    text = planted(
        'sources = ["FHI state_help.json (fighthealthinsurance/fighthealthinsurance 63deffb)", "https://legalclarity.org/alabama-department-of-insurance-phone-number-and-contact-details"]',
        'sources = ["FHI state_help.json (fighthealthinsurance/fighthealthinsurance 63deffb)"]',
    )
    message = error_for(text)
    assert "state 'AL'" in message and "field 'phone'" in message and "two sources" in message


@pytest.mark.parametrize(
    "old, new, state, field, words",
    [
        ('value = "1-800-438-5768"', 'value = "800-438-5768"', "WY", "phone", "phone number"),
        ('value = "https://www.oid.ok.gov/"', 'value = "www.oid.ok.gov"', "OK", "website", "web address"),
        ('value = "https://www.mid.ms.gov/"', 'value = "http://www.mid.ms.gov/"', "MS", "website", "web address"),
        ('route = { value = "federal"', 'route = { value = "hhs"', "AL", "route", "route must be"),
        (
            'months = 6, basis = "official", sources = ["http://dmhc',
            'months = 4, basis = "official", sources = ["http://dmhc',
            "CA",
            "deadline",
            "differs from 4 months",
        ),
        (
            'basis = "official", sources = ["https://www.oid.ok.gov/consumers/external-review-process/"], checked = 2026-11-27 }\nwebsite',
            'basis = "rumour", sources = ["https://www.oid.ok.gov/consumers/external-review-process/"], checked = 2026-11-27 }\nwebsite',
            "OK",
            "regulator",
            "basis",
        ),
        ("checked = 2026-11-27 }\n\n[states.CO]", 'checked = "last week" }\n\n[states.CO]', "CA", "note", "date"),
        (
            'sources = ["https://doi.wyo.gov/consumers/iro"], checked = 2026-11-27 }\nwebsite',
            'sources = ["https//doi.wyo.gov/consumers/iro"], checked = 2026-11-27 }\nwebsite',
            "WY",
            "regulator",
            None,
        ),
    ],
)
def test_malformed_facts_fail_naming_state_and_field(old, new, state, field, words):
    message = error_for(planted(old, new))
    assert f"state {state!r}" in message and f"field {field!r}" in message, message
    if words:
        assert words in message, message


def test_a_source_that_looks_like_a_url_must_be_well_formed():
    message = error_for(planted('"https://apellica.com/states/wyoming"', '"https://apellica com/states/wyoming"'))
    assert "state 'WY'" in message and "field 'phone'" in message and "well-formed" in message


def test_an_unknown_field_fails():
    message = error_for(
        planted('[states.CO]\nname = "Colorado"', '[states.CO]\nname = "Colorado"\nfax = "1-303-555-0100"')
    )
    assert "state 'CO'" in message and "unknown field 'fax'" in message


def test_an_unknown_key_inside_a_fact_fails():
    message = error_for(
        planted(
            'value = "Mississippi Insurance Department", basis',
            'value = "Mississippi Insurance Department", confidence = "S", basis',
        )
    )
    assert "state 'MS'" in message and "field 'regulator'" in message and "unknown key 'confidence'" in message


def test_a_missing_state_fails():
    message = error_for(without_block("GA"))
    assert "state 'GA'" in message and "missing" in message


def test_a_code_that_is_not_a_state_fails():
    message = error_for(
        planted(
            '[states.CO]\nname = "Colorado"\n', '[states.CO]\nname = "Colorado"\n\n[states.PR]\nname = "Puerto Rico"\n'
        )
    )
    assert "state 'PR'" in message


def test_the_packaged_data_is_read_once():
    assert load_states() is load_states()


# --- state_help: golden checks ----------------------------------------------------------------------

GOLDEN = [
    # a state with its own process and a longer deadline
    (
        {"state": "CA", "plan_type": "individual"},
        {
            "route": "state",
            "route_name": "Independent Medical Review (IMR)",
            "phone": "1-888-466-2219",
            "deadline_months": 6,
            "longer": True,
            "assistance": "Health Consumer Alliance",
        },
    ),
    # a state whose insured plans use the federal HHS process
    (
        {"state": "AL", "plan_type": "employer", "plan_funding": "fully_insured"},
        {"route": "federal", "phone": "1-800-433-3966", "deadline_months": None},
    ),
    # a state process whose deadline can end before 4 months
    (
        {"state": "WY", "plan_type": "employer", "plan_funding": "fully_insured"},
        {"route": "state", "deadline_days": 120, "longer": False},
    ),
    # self-funded in a state-process state: federal, whatever the state, and no state deadline
    (
        {"state": "NY", "plan_type": "employer", "plan_funding": "self_funded"},
        {"route": "federal_self_funded", "deadline_months": None, "phone": "1-800-342-3736"},
    ),
    (
        {"state": "CA", "plan_type": "employer", "plan_funding": "self_funded"},
        {"route": "federal_self_funded", "deadline_months": None},
    ),
    # disputed route: the denial letter decides
    ({"state": "TX", "plan_type": "individual"}, {"route": "unknown", "phone": "1-800-252-3439"}),
    # a state whose route sources disagree: regulator shown, route left to the letter
    ({"state": "GA", "plan_type": "individual"}, {"route": "unknown", "phone": "1-800-656-2298"}),
    # funding unknown: both possibilities, the state's deadline still shown as the state's
    (
        {"state": "TN", "plan_type": "employer", "plan_funding": "unknown"},
        {"route": "depends", "deadline_months": 6, "longer": True},
    ),
    # Medicare: state external review does not apply
    ({"state": "OK", "plan_type": "medicare_advantage"}, {"route": "not_applicable", "deadline_months": None}),
]


def summary(help_: dict) -> dict:
    deadline = help_["state_deadline"] or {}
    return {
        "route": help_["route"]["id"],
        "route_name": help_["route"]["name"],
        "phone": (help_["regulator"] or {}).get("phone"),
        "regulator": help_["regulator"],
        "deadline_months": deadline.get("months"),
        "deadline_days": deadline.get("days"),
        "longer": deadline.get("longer_than_federal"),
        "assistance": (help_["assistance"] or {}).get("name"),
    }


@pytest.mark.parametrize(
    "values, expected", GOLDEN, ids=[f"{v['state']}-{v['plan_type']}-{v.get('plan_funding', '')}" for v, _ in GOLDEN]
)
def test_state_help_golden(values, expected):
    got = summary(state_help(values))
    for key, want in expected.items():
        assert got[key] == want, (key, got)


def test_golden_cases_cover_five_states_with_different_routes():
    routes = {summary(state_help(v))["route"] for v, _ in GOLDEN}
    assert len({v["state"] for v, _ in GOLDEN}) >= 5
    assert {"state", "federal", "federal_self_funded", "unknown", "depends", "not_applicable"} <= routes


def test_self_funded_reader_is_told_why_and_the_federal_deadline_stays():
    help_ = state_help({"state": "CA", "plan_type": "employer", "plan_funding": "self_funded"})
    assert "self-funded" in help_["route"]["text"].lower() and "state insurance law" in help_["route"]["text"]
    assert help_["route"]["citation"] == "42 U.S.C. 300gg-19(b)"
    assert help_["state_deadline"] is None  # California's 6 months is not this reader's


def test_a_longer_state_deadline_is_shown_next_to_the_federal_one():
    deadline = state_help({"state": "CA", "plan_type": "individual"})["state_deadline"]
    assert "California" in deadline["text"] and "4 months" in deadline["text"]
    assert deadline["federal"] == "4 months" and deadline["longer_than_federal"] is True


def test_a_shorter_state_deadline_says_to_use_the_earlier_date():
    deadline = state_help({"state": "WY", "plan_type": "individual"})["state_deadline"]
    assert deadline["longer_than_federal"] is False and "earlier date" in deadline["note"]


def test_gaps_are_named_and_never_filled():
    help_ = state_help({"state": "FL", "plan_type": "individual"})
    # floir.gov vs floir.com: the sources disagree, so no website; no phone of the regulator confirmed
    assert help_["regulator"] == {"name": "Florida Office of Insurance Regulation", "website": None, "phone": None}
    assert help_["gaps"] == ["website", "phone"]
    assert state_help({"state": "GA"})["gaps"] == ["route"]
    empty = parse_states(without_block("GA") + '\n[states.GA]\nname = "Georgia"\n', SOURCE)
    assert state_help({"state": "GA"}, empty)["regulator"] is None
    assert state_help({"state": "GA"}, empty)["gaps"] == ["regulator", "website", "phone", "route"]


def test_every_shown_fact_comes_with_its_sources():
    help_ = state_help({"state": "NY", "plan_type": "individual"})
    fields = [s["field"] for s in help_["sources"]]
    assert fields == ["regulator", "website", "phone", "route", "review_name", "assistance", "note"]
    assert all(s["sources"] and s["checked"] == "2026-11-27" for s in help_["sources"])


def test_no_state_gives_none_and_a_bad_code_is_refused():
    assert state_help({}) is None
    assert state_help({"state": "unknown"}) is None
    assert state_help({"state": "ny", "plan_type": "individual"})["state"] == "NY"
    with pytest.raises(ValueError, match="'ZZ'"):
        state_help({"state": "ZZ"})


def test_the_result_is_json_ready():
    for values, _ in GOLDEN:
        assert json.loads(json.dumps(state_help(values))) == state_help(values)


# --- The wheel and the browser's Python ------------------------------------------------------------


def test_the_wheel_carries_the_state_data(engine_wheel):
    import zipfile

    with zipfile.ZipFile(engine_wheel) as wheel:
        names = wheel.namelist()
        assert "checklist_engine/data/states.toml" in names and "checklist_engine/states.py" in names
        assert tomllib.loads(wheel.read("checklist_engine/data/states.toml").decode())["schema"] == 1


@pytest.mark.node
def test_state_help_gives_the_same_answers_under_pyodide(pyodide_dir, engine_wheel, tmp_path):
    node = shutil.which("node")
    assert node, "Node.js is needed to run the engine under Pyodide"
    engine = (ROOT / "sitebuild" / "node_engine.mjs").as_uri()
    script = tmp_path / "states.mjs"
    script.write_text(
        f'import {{ bootFromFiles }} from "{engine}";\n'
        "const [pyodideDir, wheel, inputs, stdlibZip] = process.argv.slice(2);\n"
        "const pyodide = await bootFromFiles({ pyodideDir, wheel, stdlibZip });\n"
        "pyodide.globals.set('INPUTS', inputs);\n"
        "console.log(pyodide.runPython(`\n"
        "import json\n"
        "from checklist_engine.states import state_help\n"
        "json.dumps([state_help(v) for v in json.loads(INPUTS)])\n"
        "`));\n",
        "utf-8",
    )
    inputs = [values for values, _ in GOLDEN]
    expected = [state_help(values) for values in inputs]
    from sitebuild.stdlib import read_files_list, reduced_stdlib

    # the full Pyodide runtime, then the site's reduced standard library (what the browser gets)
    for extra in ([], [str(reduced_stdlib(pyodide_dir, read_files_list()))]):
        proc = subprocess.run(
            [node, str(script), str(pyodide_dir), str(engine_wheel), json.dumps(inputs), *extra],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert proc.returncode == 0, proc.stderr[-3000:]
        got = json.loads(proc.stdout.strip().splitlines()[-1])
        assert len(got) == len(GOLDEN) > 0
        assert got == expected


# --- The page's table (overrides/hooks/states.py) reads the same data ---------------------------------


def _hook():
    import importlib.util

    spec = importlib.util.spec_from_file_location("states_hook", ROOT / "overrides" / "hooks" / "states.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_page_table_has_a_row_per_state_showing_only_checked_facts():
    table = _hook().states_table()
    rows = [line for line in table.splitlines() if line.startswith("| ") and not line.startswith("| State |")]
    assert len(rows) == 51
    by_state = {row.split(" | ")[0].lstrip("| "): row for row in rows}
    assert "[California Department of Managed Health Care (DMHC)](https://www.dmhc.ca.gov/)" in by_state["California"]
    assert "1-888-466-2219" in by_state["California"] and "6 months" in by_state["California"]
    assert by_state["Georgia"].count("Not confirmed") == 2  # route and time: disputed, not guessed
    assert "Not confirmed: see your final denial letter" in by_state["Texas"]  # disputed route is not guessed
    assert "Federal process" in by_state["Alabama"]


def test_the_page_links_only_to_official_websites_and_lists_every_source():
    table = _hook().states_table()
    links = re.findall(r"\]\((https?://[^)]+)\)", table)
    assert len(links) >= 10
    assert all(re.match(r"^https://[a-z0-9.-]+\.(gov|us)/", link) for link in links), links
    data = load_states()
    cites = [cite for s in data.states.values() for _, fact in s.facts() for cite in fact.sources]
    assert cites and all(f"`{cite}`" in table for cite in cites)


def test_the_hook_replaces_only_its_token():
    hook = _hook()
    assert hook.on_page_markdown("no token {{ check_notice }}", None, None, None) == "no token {{ check_notice }}"
    assert "| Wyoming |" in hook.on_page_markdown("{{ states_table }}", None, None, None)


def test_where_a_state_deadline_is_not_confirmed_the_reader_is_told_to_use_the_letter():
    ny = state_help({"state": "NY", "plan_type": "individual"})
    assert ny["state_deadline"] is None and "denial letter" in ny["deadline_note"]
    assert state_help({"state": "CA", "plan_type": "individual"})["deadline_note"] is None  # 6 months confirmed
    assert state_help({"state": "NY", "plan_type": "employer", "plan_funding": "self_funded"})["deadline_note"] is None
    assert state_help({"state": "AL", "plan_type": "individual"})["deadline_note"] is None  # federal process: 4 months
    by_state = {
        row.split(" | ")[0].lstrip("| "): row
        for row in _hook().states_table().splitlines()
        if row.startswith("| ") and not row.startswith("| State |")
    }
    assert by_state["New York"].endswith("| Not confirmed: see your denial letter |")
    assert by_state["Alabama"].endswith("| 4 months (federal rule) |")


def test_states_whose_sources_disagree_on_the_deadline_warn_the_reader():
    data = load_states()
    warned = [code for code, s in data.states.items() if s.note and "Sources disagree on how long" in s.note.value]
    assert {"MI", "NM", "RI", "SC", "WA"} <= set(warned)
    assert all(data.states[code].deadline is None for code in warned)  # no deadline is published where they disagree


# --- The Spanish page's table (docs/rights/states.es.md) -------------------------------------------


def _rows(table: str) -> dict[str, str]:
    rows = [line for line in table.splitlines() if line.startswith("| ")]
    return {row.split(" | ")[0].lstrip("| "): row for row in rows[1:]}  # rows[0]: the header


def test_the_spanish_table_has_the_same_facts_in_spanish():
    hook = _hook()
    english = hook.states_table()
    spanish = hook.states_table(hook.spanish_catalogue())
    assert spanish.splitlines()[0].startswith("| Estado |")
    es = _rows(spanish)
    assert len(es) == 51
    names = list(es)  # in the order of the Spanish names, accents aside
    assert names.index("Carolina del Norte") < names.index("Colorado") and names.index("Míchigan") < names.index(
        "Minnesota"
    )
    assert "6 meses después de que su plan de salud envía su decisión por escrito" in es["California"]
    assert es["Georgia"].count("No confirmado") == 2 and "Not confirmed" not in spanish
    assert es["Nueva York"].endswith("| No confirmado: vea su aviso de denegación |")
    assert es["Alabama"].endswith("| 4 meses (regla federal) |")
    # agency names, phones, links and every source are the same in both languages
    for found in (r"\]\((https?://[^)]+)\)", r"1-\d{3}-\d{3}-\d{4}", r"`[^`]+`"):
        assert sorted(re.findall(found, spanish)) == sorted(re.findall(found, english)), found
    assert "{ #where-each-fact-comes-from }" in spanish  # the English anchor the page links to


def test_a_data_text_with_no_spanish_fails_the_spanish_page_and_names_it(tmp_path):
    hook = _hook()
    catalogue = tmp_path / "states.toml"
    text = (ROOT / "checklist_engine" / "data" / "es" / "states.toml").read_text("utf-8")
    catalogue.write_text(text.replace('en = "12 months after the final denial"', 'en = "12 months (old)"'), "utf-8")
    spanish = hook.spanish_catalogue((catalogue, ROOT / "sitebuild" / "states.es.toml"))
    with pytest.raises(KeyError, match="12 months after the final denial"):
        hook.states_table(spanish)


def test_the_spanish_page_gets_the_spanish_table_and_the_english_page_the_english_one():
    hook = _hook()

    class Page:
        def __init__(self, locale):
            self.file = type("File", (), {"locale": locale, "src_uri": "rights/states.md"})()

    assert "| Wyoming |" in hook.on_page_markdown("{{ states_table }}", Page("en"), None, None)
    spanish = hook.on_page_markdown("{{ states_table }}", Page("es"), None, None)
    assert "| Carolina del Norte |" in spanish and "Notas por estado" in spanish
