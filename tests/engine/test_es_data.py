"""The Spanish catalogues of the data files (issue 17, es-data): what they may and may not change.

Completeness (no missing, no orphan entry) is checked per file in test_engine_i18n.py; here: a
translation never changes a number, a citation or an agency's name, and the report a Spanish reader
sees carries the Spanish from these files.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from checklist_engine import i18n
from checklist_engine.cases import audit
from checklist_engine.states import load_states, state_help

DATA_FILES = (
    "appeal_map.toml",
    "rules.toml",
    "body_areas.toml",
    "events.toml",
    "scripts.toml",
    "states.toml",
    "extract.toml",
)
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
CITATION = re.compile(r"\b\d+ (?:CFR|U\.S\.C\.|FR) [\d.\-]+(?:\([\w.]+\))*|\b\d+ TAC [\d.]+|\b\d+ ILCS \d+")


@pytest.mark.parametrize("datafile", DATA_FILES)
def test_a_translation_keeps_every_number_and_citation(datafile):
    catalogue = i18n.load_catalogue(datafile, "es")
    assert catalogue is not None and catalogue.entries
    for en, es in catalogue.entries:
        for number in NUMBER.findall(en):
            assert number in es, (datafile, en, es, number)
        for cite in CITATION.findall(en):
            assert cite in es, (datafile, en, es, cite)


def test_state_help_in_spanish_keeps_agency_names_phones_and_sources():
    english, spanish = load_states(), load_states(lang="es")
    for code, state in english.states.items():
        other = spanish.states[code]
        assert [(f, fact.sources, fact.checked) for f, fact in state.facts()] == [
            (f, fact.sources, fact.checked) for f, fact in other.facts()
        ]
        for field in ("regulator", "website", "phone", "route"):
            mine, theirs = getattr(state, field), getattr(other, field)
            assert (mine and mine.value) == (theirs and theirs.value), (code, field)
    assert spanish.states["NY"].name == "Nueva York" and spanish.states["CA"].name == "California"


def test_a_spanish_reader_sees_the_state_and_appeal_map_in_spanish():
    answers = {"state": "CA", "plan_type": "individual", "stage": "prior_authorization", "denial_date": "2026-03-02"}
    help_ = state_help(answers, load_states(lang="es"))
    assert (
        help_["state_deadline"]["state_rule"] == "6 meses después de que su plan de salud envía su decisión por escrito"
    )
    assert help_["state_deadline"]["federal"] == "4 meses"
    assert help_["route"]["text"] == (
        "Su revisión externa pasa por el proceso propio de California. "
        "Se llama: Revisión Médica Independiente (Independent Medical Review, IMR)."
    )
    assert help_["state_deadline"]["text"].endswith("La regla federal es de 4 meses.")
    report = audit(answers, dt.date(2026, 3, 3), lang="es")
    english = audit(answers, dt.date(2026, 3, 3))
    assert report["appeal"]["action"] != english["appeal"]["action"]
    assert report["appeal"]["action"].startswith("Envíe una apelación por escrito a su plan a más tardar el")
