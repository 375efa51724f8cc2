"""The letters in Spanish (issue 17, point 3): the letter sent stays English; the same letter in
Spanish is there to read. Same paragraphs, dates, citations, enclosures and reader's words; no
English template sentence left in the Spanish."""

from __future__ import annotations

import datetime as dt
import json
import re
import tomllib
from importlib import resources
from pathlib import Path

import pytest

from checklist_engine import doctor_letter, letter
from checklist_engine.appeal_map import load_map
from checklist_engine.areas import load_areas
from checklist_engine.bridge import handle
from checklist_engine.cases import case_letters, case_report, letter_shape, letters_same_but_text
from checklist_engine.i18n import KEYS, PLACEHOLDER, text_values

CASES = sorted(Path(__file__).parent.parent.joinpath("cases").glob("*.json"))
TODAY = dt.date(2026, 3, 3)
ANSWERS = {
    "schema": 1,
    "stage": "prior_authorization",
    "plan_type": "employer",
    "plan_funding": "self_funded",
    "denial_reason": "conservative_treatment",
    "denial_date": "2026-02-10",
    "scan": "mri",
    "body_area": "low_back",
    "red_flags": ["bladder_bowel"],
    "urgent": True,
    "patient_name": "María {plan} López",
    "doctor_name": "Dr. Ana Ruiz",
    "lmn_updated": True,
}


def _english_fragments() -> set[str]:
    """The English template sentences the letters are built from: letters.toml's text, the appeal
    map's rights and emergency paragraphs, the body areas' letter phrases. Each is cut at its
    {placeholders} and [brackets]; a piece of four words or more must not be in a Spanish letter."""
    data = tomllib.loads(resources.files("checklist_engine").joinpath("data/letters.toml").read_text("utf-8"))
    texts = [t for _, t in text_values(data, KEYS["letters.toml"]["translate"])]
    appeal_map = load_map()
    texts += [t for paragraphs in appeal_map.rights.values() for t in paragraphs]
    texts += [t for t in appeal_map.emergency.values() if t]
    for area in load_areas().areas:
        texts += [area.letter_name or ""] + [sign.letter for sign in area.warning_signs]
    pieces = set()
    for text in texts:
        for piece in re.split(r"\{[a-z_]+\}|\[[^\]]*\]|\n", text):
            piece = piece.strip(" .,:;")
            if len(piece.split()) >= 4:
                pieces.add(piece)
    return pieces


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_a_golden_cases_letters_in_spanish_have_no_english_template_sentence(path):
    case = json.loads(path.read_text())
    pieces = _english_fragments()
    report = case_report(case)
    english = case_letters(case, report)
    assert all(any(p in text for p in pieces) for text in english.values())  # the check can see English
    for kind, text in case_letters(case, report, "es").items():
        left = sorted(p for p in pieces if p in text)
        assert left == [], f"{path.stem}: letter {kind} has English: {left[:3]}"


def test_every_golden_cases_letters_keep_paragraphs_dates_citations_and_enclosures():
    problems = [p for path in CASES for p in letters_same_but_text(json.loads(path.read_text()), "es")]
    assert problems == []


def test_the_shape_check_catches_a_changed_date_a_lost_citation_and_a_lost_paragraph():
    case = json.loads(CASES[0].read_text())
    english = letter(case["answers"], dt.date.fromisoformat(case["today"]))
    spanish = letter(case["answers"], dt.date.fromisoformat(case["today"]), lang="es")
    assert letter_shape(spanish, "es") == letter_shape(english, "en")
    shape = letter_shape(english, "en")
    assert shape["dates"] and shape["paragraphs"] > 5
    moved = spanish.replace(" de 2026", " de 2025", 1)
    assert letter_shape(moved, "es")["dates"] != shape["dates"]
    merged = spanish.replace("\n\n", "\n", 1)
    assert letter_shape(merged, "es")["paragraphs"] == shape["paragraphs"] - 1
    cited = "Pido una revisión (29 CFR 2560.503-1(h)(3))."
    assert letter_shape(cited, "es")["citations"] == ["29 CFR 2560.503-1(h)(3)"]


def test_the_spanish_letter_has_spanish_dates_the_readers_words_as_typed_and_the_same_citations():
    english = letter(ANSWERS, TODAY)
    spanish = letter(ANSWERS, TODAY, lang="es")
    assert spanish.startswith("3 de marzo de 2026\n")
    assert "10 de febrero de 2026" in spanish and "February" not in spanish
    # what the reader typed is inserted as text, never read as a template, in both languages
    assert "Nombre: María {plan} López" in spanish and "Name: María {plan} López" in english
    assert "Dr. Ana Ruiz" in spanish
    assert "URGENTE" in spanish and "URGENT: EXPEDITED" in english
    assert re.findall(r"\d+ CFR [\d.-]+(?:\(\w+\))*", spanish) == re.findall(r"\d+ CFR [\d.-]+(?:\(\w+\))*", english)
    # the same placeholders left for the reader to fill in, in Spanish words
    assert english.count("[") == spanish.count("[")


def test_the_doctors_letter_and_each_request_in_spanish():
    doctor = doctor_letter(ANSWERS, TODAY, lang="es")
    assert "Estimado/a Dr. Ana Ruiz" in doctor and "parte baja de la espalda" in doctor
    for kind in ("request_criteria", "request_claim_file", "request_new_authorization"):
        text = letter(ANSWERS, TODAY, kind=kind, lang="es")
        assert "Asunto: SOLICITUD" in text and "Please" not in text, kind


def test_english_letters_do_not_change_with_the_new_argument():
    assert letter(ANSWERS, TODAY, lang="en") == letter(ANSWERS, TODAY)
    assert doctor_letter(ANSWERS, TODAY, lang="en") == doctor_letter(ANSWERS, TODAY)


def test_every_letters_toml_placeholder_is_one_the_code_fills():
    data = tomllib.loads(resources.files("checklist_engine").joinpath("data/letters.toml").read_text("utf-8"))
    known = {
        "{plan}", "{doctor}", "{scan}", "{what}", "{urgent}", "{change}", "{scan_date}", "{denial_date}",
        "{final_date}", "{review_date}", "{history}", "{change_text}", "{area}", "{part}", "{re}", "{name}",
        "{member}", "{id}", "{claim}", "{date}", "{harm}", "{signs}", "{weeks}", "{tried}", "{no_pa}",
        "{summary}", "{reason}",
    }  # fmt: skip
    used = {p for _, t in text_values(data, KEYS["letters.toml"]["translate"]) for p in PLACEHOLDER.findall(t)}
    assert used <= known, sorted(used - known)


def _bridge(request: dict) -> dict:
    response = json.loads(handle(json.dumps(request)))
    assert response["ok"], response
    return response["result"]


def test_a_spanish_page_gets_the_english_letters_to_send_and_the_spanish_ones_to_read():
    request = {"op": "report_and_letters", "today": "2026-03-03", "answers": ANSWERS}
    english = _bridge(request)
    spanish = _bridge({**request, "lang": "es"})
    assert "reading" not in english
    for key in ("letter", "doctor_letter", "requests"):
        assert spanish[key] == english[key]  # the letters to send do not change with the page's language
    reading = spanish["reading"]
    assert reading["lang"] == "es"
    assert set(reading["requests"]) == set(english["requests"]) and reading["requests"]
    assert reading["letter"] == letter(ANSWERS, TODAY, lang="es")
    assert reading["doctor_letter"] == doctor_letter(ANSWERS, TODAY, lang="es")


def test_the_letter_op_gives_a_letter_in_spanish_only_when_asked():
    request = {"op": "letter", "today": "2026-03-03", "answers": ANSWERS, "lang": "es"}
    assert _bridge(request) == letter(ANSWERS, TODAY)
    assert _bridge({**request, "letter_lang": "es", "kind": "request_criteria"}).startswith("3 de marzo de 2026")
    response = json.loads(handle(json.dumps({**request, "letter_lang": "fr"})))
    assert response["ok"] is False and "fr" in response["error"]


def test_a_wrong_letters_file_is_an_error_naming_the_entry_and_the_problem():
    from checklist_engine.letter import LettersError, parse_letters

    data = tomllib.loads(resources.files("checklist_engine").joinpath("data/letters.toml").read_text("utf-8"))
    bad_key = {**data, "kinds": {**data["kinds"], "appeal_generic": {**data["kinds"]["appeal_generic"], "sign": 1}}}
    with pytest.raises(LettersError, match=r"letters\.toml: kinds\.appeal_generic: .*'sign'"):
        parse_letters(bad_key, "en")
    no_default = {**data, "phrases": {k: v for k, v in data["phrases"].items() if k != "salutation"}}
    with pytest.raises(LettersError, match=r"\[phrases\] needs 'salutation'"):
        parse_letters(no_default, "en")
    with pytest.raises(LettersError, match="no phrase 'nope'"):
        parse_letters(data, "en")("nope")


def test_the_command_line_prints_the_spanish_letter_only_when_asked(tmp_path, capsys):
    from checklist_engine.__main__ import main

    path = tmp_path / "answers.json"
    path.write_text(json.dumps(ANSWERS), "utf-8")
    assert main(["letter", str(path), "--today", "2026-03-03", "--lang", "es"]) == 0
    assert capsys.readouterr().out == letter(ANSWERS, TODAY)  # --lang is the page's text; the letter is English
    assert main(["letter", str(path), "--today", "2026-03-03", "--letter-lang", "es"]) == 0
    assert capsys.readouterr().out == letter(ANSWERS, TODAY, lang="es")
    assert main(["doctor-letter", str(path), "--today", "2026-03-03", "--letter-lang", "es"]) == 0
    assert capsys.readouterr().out == doctor_letter(ANSWERS, TODAY, lang="es")
