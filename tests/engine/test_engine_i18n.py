"""The engine in Spanish: catalogues keyed by the English text (checklist_engine/i18n), the `lang`
parameter through the loaders, audit, the bridge and the command line."""

import datetime as dt
import json
import subprocess
import sys
import tomllib
from importlib import resources
from pathlib import Path

import pytest

from checklist_engine import audit, i18n, load_checklist
from checklist_engine.bridge import handle
from checklist_engine.cases import check_case_language, english_in_findings, english_left, reads_english, same_but_text
from checklist_engine.messages import load_messages

DATA = resources.files("checklist_engine").joinpath("data")
DATA_FILES = sorted(p.name for p in Path(str(DATA)).glob("*.toml"))
CASES = sorted((Path(__file__).parent.parent / "cases").glob("*.json"))
DENIAL_LETTERS = sorted((Path(__file__).parent.parent / "explain" / "letters").glob("*.txt"))


@pytest.mark.parametrize("datafile", DATA_FILES)
def test_every_string_key_of_every_data_file_is_text_or_kept(datafile):
    """A new key in a data file must be declared translatable or not, so none slips by in English."""
    assert datafile in i18n.KEYS, f"data/{datafile} has no table of translatable keys in i18n.KEYS"
    doc = tomllib.loads(DATA.joinpath(datafile).read_text("utf-8"))
    assert i18n.unclassified(doc, datafile) == []


def test_a_new_key_is_caught_as_unclassified():
    doc = {"items": [{"id": "x", "title": "A", "tooltip": "new text"}]}
    assert i18n.unclassified(doc, "checklist.toml") == ["items.tooltip"]


def test_translate_replaces_only_the_listed_keys_and_leaves_the_original():
    doc = {
        "items": [{"id": "Read", "title": "Read", "tags": ["Read", "Other"]}],
        "who": [["plan", "My plan"]],
    }
    catalogue = {"Read": "Lea", "My plan": "Mi plan", "plan": "WRONG"}
    out = i18n.translate(doc, catalogue, ("items.title", "items.tags", "who.1"))
    assert out == {"items": [{"id": "Read", "title": "Lea", "tags": ["Lea", "Other"]}], "who": [["plan", "Mi plan"]]}
    assert doc["items"][0]["title"] == "Read"  # a copy: the English data is untouched


def test_a_catalogue_error_names_the_file_the_text_and_the_problem():
    text = '[[text]]\nen = "Hello"\nes = "Hola"\n\n[[text]]\nen = "Hello"\nes = "Buenas"\n'
    with pytest.raises(i18n.CatalogueError, match=r"x/es\.toml: entry 2 'Hello': the same English text twice"):
        i18n.parse_catalogue(text, "x/es.toml", "es")
    with pytest.raises(i18n.CatalogueError, match=r"entry 1: each \[\[text\]\] needs exactly the keys 'en' and 'es'"):
        i18n.parse_catalogue('[[text]]\nen = "Hello"\nfr = "Bonjour"\n', "x/es.toml", "es")


def test_status_finds_missing_orphan_and_placeholder_mismatch():
    wanted = [text for _, text in i18n.text_values(_doc("checklist.toml"), ("items.title",))]
    entries = ((wanted[0], "Traducido"), ("An English text that is no longer in the data", "Huérfano"))
    found = i18n.problems("checklist.toml", "es", i18n.Catalogue("test", "es", entries))
    assert wanted[0] not in found["missing"] and wanted[1] in found["missing"]
    assert found["orphan"] == ["An English text that is no longer in the data"]
    messages = i18n.Catalogue("test", "es", (("{month} {day}, {year}", "{dia} de {month} de {year}"),))
    (mismatch,) = i18n.problems("messages.toml", "es", messages)["placeholders"]
    assert "{day}" in mismatch and "{dia}" in mismatch


def _doc(datafile):
    return tomllib.loads(DATA.joinpath(datafile).read_text("utf-8"))


def test_the_skeleton_lists_missing_texts_with_an_empty_translation():
    out = subprocess.run(
        [sys.executable, "-m", "checklist_engine.i18n", "skeleton", "data/events.toml"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    entries = tomllib.loads(out).get("text", [])
    missing = i18n.problems("events.toml", "es")["missing"]
    assert [e["en"] for e in entries] == missing
    assert all(e["es"] == "" for e in entries)


def test_status_exits_1_and_names_each_problem():
    run = subprocess.run([sys.executable, "-m", "checklist_engine.i18n", "status"], capture_output=True, text=True)
    incomplete = [f for f in i18n.KEYS if any(i18n.problems(f, "es").values())]
    assert run.returncode == (1 if incomplete else 0)
    for datafile in i18n.KEYS:
        assert f"data/{datafile}:" in run.stdout


def test_dates_in_spanish():
    assert load_messages("es").long_date(dt.date(2026, 3, 3)) == "3 de marzo de 2026"
    assert load_messages("en").long_date(dt.date(2026, 3, 3)) == "March 3, 2026"


def test_an_unknown_language_is_refused_plainly():
    response = json.loads(handle(json.dumps({"op": "schema", "lang": "fr"})))
    assert response["ok"] is False and "fr" in response["error"]
    run = subprocess.run(
        [sys.executable, "-m", "checklist_engine", "schema", "--lang", "fr"], capture_output=True, text=True
    )
    assert run.returncode == 2 and "--lang" in run.stderr and "Traceback" not in run.stderr


def test_same_but_text_catches_a_changed_id_date_or_count():
    english = {"items": [{"id": "a", "title": "Read"}], "deadlines": [{"date": "2026-03-03", "label": "By"}]}
    assert (
        same_but_text(
            english, {"items": [{"id": "a", "title": "Lea"}], "deadlines": [{"date": "2026-03-03", "label": "Antes"}]}
        )
        == []
    )
    assert same_but_text(
        english, {"items": [{"id": "b", "title": "Lea"}], "deadlines": [{"date": "2026-03-03", "label": "x"}]}
    )
    assert same_but_text(
        english, {"items": [{"id": "a", "title": "Lea"}], "deadlines": [{"date": "2026-03-04", "label": "x"}]}
    )
    assert same_but_text(english, {"items": [], "deadlines": [{"date": "2026-03-03", "label": "x"}]})


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_golden_case_in_spanish_has_the_same_result(path):
    """Same keys, ids, dates, citations and counts in Spanish; only the text differs."""
    assert check_case_language(json.loads(path.read_text()), "es") == []


def test_the_report_is_spanish_through_the_bridge():
    request = {"op": "audit", "answers": {"plan_type": "employer"}, "today": "2026-03-02", "lang": "es"}
    response = json.loads(handle(json.dumps(request)))
    assert response["ok"] is True
    assert response["result"]["today_text"] == "2 de marzo de 2026"
    english = audit({"plan_type": "employer"}, dt.date(2026, 3, 2))
    assert same_but_text(english, response["result"]) == []


# Every data file with text (i18n.KEYS) has its Spanish complete: a new file or key fails here until
# it is translated.
COMPLETE = tuple(i18n.KEYS)
assert COMPLETE


@pytest.mark.parametrize("datafile", COMPLETE)
def test_every_text_has_current_spanish_with_the_same_placeholders(datafile):
    found = i18n.problems(datafile, "es")
    assert found["missing"] == [], f"no Spanish in data/es/{datafile} for these English texts"
    assert found["orphan"] == [], f"data/es/{datafile} has entries whose English is no longer in data/{datafile}"
    assert found["placeholders"] == []


def test_the_checklist_in_spanish_keeps_ids_and_conditions():
    english, spanish = load_checklist(), load_checklist(lang="es")
    assert spanish.lang == "es" and english.lang == "en"
    assert [q.id for q in english.questions] == [q.id for q in spanish.questions]
    assert [[o.id for o in q.options] for q in english.questions] == [
        [o.id for o in q.options] for q in spanish.questions
    ]
    assert [(i.id, i.done_if, i.applies_if, i.link) for i in english.items] == [
        (i.id, i.done_if, i.applies_if, i.link) for i in spanish.items
    ]
    assert spanish.question("stage").label == "¿Cuándo le negaron el estudio?"


def _english_texts() -> set[str]:
    """Every English text a Spanish catalogue translates differently (the ones to never see)."""
    out = set()
    for datafile in i18n.KEYS:
        catalogue = i18n.load_catalogue(datafile, "es")
        if catalogue:
            out |= {en for en, es in catalogue.mapping().items() if en != es and len(en) > 3}
    return out


def _strings(node, path=""):
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _strings(value, f"{path}.{key}")
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value, path)
    elif isinstance(node, str):
        yield path, node


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_no_translated_english_text_in_the_spanish_report(path):
    case = json.loads(path.read_text())
    report = audit(
        case["answers"],
        dt.date.fromisoformat(case["today"]),
        events=case.get("events"),
        stated_deadline=case.get("letter_deadline"),
        lang="es",
    )
    english = _english_texts()
    ids = (".visible_questions", ".visible_options", ".missing")  # question and item ids ("scan")
    assert [(where, text) for where, text in _strings(report) if text in english and where not in ids] == []


def test_every_letter_title_is_in_the_messages_so_the_page_names_it_in_spanish():
    from checklist_engine.letter import LETTERS, REQUESTS_BY_PATH

    titles = load_messages("en").titles
    missing = {k.title for k in (*LETTERS.values(), *REQUESTS_BY_PATH.values())} - set(titles)
    assert missing == set(), "add these to [letters] titles in data/messages.toml"
    assert load_messages("es").title("Your request for external review") == "Su solicitud de revisión externa"


def test_an_answer_error_is_spanish_after_the_question_id_the_page_leaves_out():
    request = {"op": "audit", "lang": "es", "today": "2026-03-03", "answers": {"denial_date": "2026-05-01"}}
    response = json.loads(handle(json.dumps(request)))
    assert response["ok"] is False and response["question"] == "denial_date"
    spanish = "Esta fecha no puede ser posterior a hoy. Use la fecha impresa en la carta sobre la denegación."
    assert response["error"] == f"denial_date: {spanish}"
    english = json.loads(handle(json.dumps({**request, "lang": "en"})))
    assert (
        english["error"]
        == "denial_date: This date cannot be in the future. Use the date printed on the letter about the denial."
    )


# ---------------------------------------------------------------- no English left in the Spanish output


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_no_english_sentence_in_any_spanish_output(path):
    """Every text of the report (deadlines, clocks, findings, enclosures), the appeal file's check and
    the call scripts, in Spanish: none reads as English (cases.english_left names case, path, text)."""
    assert english_left(json.loads(path.read_text()), "es") == []


@pytest.mark.parametrize("path", DENIAL_LETTERS, ids=lambda p: p.stem)
def test_no_english_in_the_explain_findings_in_spanish(path):
    """What "Explain my denial" shows in Spanish; the letter's own quoted words stay English."""
    assert english_in_findings(path.read_text(), "es", path.name) == []


def test_the_english_detector_catches_what_it_should():
    assert reads_english("The plan may take up to 14 more days if it told you in writing.")
    assert reads_english("Hola. Mi plan negó el estudio (MRI of the knee) que ordenó mi médico.")
    assert reads_english("Mi número es [your Member ID].")
    assert not reads_english("Pida a su plan una revisión entre médicos (peer-to-peer) antes del 3 de marzo.")
    assert not reads_english("Llame a la Office of the Healthcare Advocate: ayuda gratis con apelaciones")
    case = json.loads(CASES[0].read_text())
    assert english_left(case, "en"), "the English report must read as English"


def test_the_readers_own_words_are_not_counted_as_english():
    case = {
        "name": "typed",
        "today": "2026-03-03",
        "answers": {"plan_type": "employer", "doctor_name": "the doctor of the clinic", "denial_date": "2026-03-01"},
        "events": [{"type": "call", "date": "2026-03-02", "who": "plan", "note": "They said to wait for the letter."}],
    }
    assert english_left(case, "es") == []


def test_event_errors_in_spanish_through_the_bridge():
    request = {"op": "events", "lang": "es", "events": [{"type": "call", "date": "2026-02-30", "who": "plan"}, "x"]}
    errors = json.loads(handle(json.dumps(request)))["result"]["errors"]
    assert [e["message"] for e in errors] == [
        "Evento 1 (call): date: '2026-02-30' no es una fecha como 2026-11-27",
        "Evento 2: cada evento debe ser un objeto JSON",
    ]
    english = json.loads(handle(json.dumps({**request, "lang": "en"})))["result"]["errors"]
    assert english[0]["message"] == "Event 1 (call): date: '2026-02-30' is not a date like 2026-11-27"


def test_a_long_letter_says_in_spanish_how_much_was_read():
    from checklist_engine import explain

    note = explain("x" * 300_000, lang="es")["limit_note"]
    assert note == "Solo se leyeron los primeros 200,000 caracteres."
    assert explain("x" * 300_000)["limit_note"] == "Only the first 200,000 characters were read."


def test_the_call_scripts_fill_in_spanish_words():
    from checklist_engine import load_checklist
    from checklist_engine.scripts import scripts

    answers = {"plan_type": "employer", "stage": "claim", "scan": "mri", "body_area": "knee"}
    found = scripts(answers, dt.date(2026, 3, 3), load_checklist(lang="es"))
    text = json.dumps(found, ensure_ascii=False)
    assert "resonancia magnética (MRI) de la rodilla" in text and "[su número de miembro (Member ID)]" in text
    assert "MRI of the knee" not in text and "[your" not in text


def test_the_scripts_english_words_are_the_letters():
    """In English the scripts name the scan and the reason as the letter does (letter.py)."""
    from checklist_engine import load_areas
    from checklist_engine.letter import REASON_SUMMARY, _scan
    from checklist_engine.scripts import _reason, _scan_words

    m = load_messages("en")
    for reason in REASON_SUMMARY:
        assert _reason({"denial_reason": reason}, m) == REASON_SUMMARY[reason]
    for area in (*load_areas().area_ids(), None):
        for scan in ("mri", "ct", None):
            for part in ("wrist", None):
                values = {"scan": scan, "body_area": area, "body_part": part}
                values = {k: v for k, v in values.items() if v is not None}
                assert _scan_words(values, m) == _scan(values)


def test_no_english_in_the_spanish_questionnaire_or_appeal_file_forms():
    from checklist_engine import schema
    from checklist_engine.cases import english_strings
    from checklist_engine.events import event_schema

    assert english_strings(schema(lang="es"), (), "schema") == []
    assert english_strings(event_schema("es"), (), "event_schema") == []
