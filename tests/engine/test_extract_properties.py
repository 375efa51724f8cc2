"""Properties of the denial-letter extractor for any text (hypothesis): it never raises, and every
finding points at words that are really in the text it read."""

from __future__ import annotations

import sys
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checklist_engine.extract import CONFIDENCE, explain, load_rules

sys.path.insert(0, str(Path(__file__).parent.parent / "explain"))
from golden import letters  # noqa: E402

LETTER_TEXTS = [text for _, text, _ in letters()]
assert LETTER_TEXTS
SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Words the rules look for, so random text often triggers them, mixed with anything at all.
WORDS = [
    "Date:",
    "Date of this notice:",
    "March 3, 2027",
    "12/31/2026",
    "2026-02-30",
    "within",
    "60",
    "sixty (60)",
    "days",
    "appeal",
    "Member ID:",
    "Claim #:",
    "Fax:",
    "555-010-1234",
    "CPT",
    "72148",
    "MRI",
    "CT",
    "weeks",
    "at least 6 weeks of physical therapy",
    "not medically necessary",
    "Medicare Advantage",
    "Medicaid",
    "send your appeal to:",
    "\n",
    "\n\n",
    " ",
    ".",
    "(",
    ")",
    "é",
    "\x00",
    "\ufeff",
    "\r\n",
    "OK 73721",
]
any_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400)
binaryish = st.binary(max_size=2000).map(lambda b: b.decode("latin-1"))
wordy = st.lists(st.one_of(st.sampled_from(WORDS), any_text.map(lambda t: t[:20])), max_size=80).map("".join)


@st.composite
def spliced_letters(draw):
    """A real sample letter with random text cut in somewhere, or cut short."""
    text = draw(st.sampled_from(LETTER_TEXTS))
    at = draw(st.integers(0, len(text)))
    return text[:at] + draw(st.one_of(any_text, wordy)) + text[at : draw(st.integers(at, len(text)))]


def check(text: str) -> None:
    result = explain(text)
    read = result["read_chars"]
    assert read <= len(text) and read <= load_rules().max_chars
    for f in result["findings"]:
        assert 0 <= f["start"] < f["end"] <= read, f
        assert text[f["start"] : f["end"]] == f["quote"], f
        assert f["confidence"] in CONFIDENCE
        assert f["quote"].splitlines()[0] in f["line"]
        # the page marks the quote inside its line from line_start: the line is the text from there
        assert text[f["line_start"] : f["line_start"] + len(f["line"])] == f["line"], f
        assert f["line_start"] <= f["start"] and f["start"] - f["line_start"] + len(f["quote"]) <= len(f["line"]), f
        if f["field"] == "stated_deadline" and f.get("iso"):
            assert "1990-01-01" <= f["iso"] <= "2200-12-31", f  # a date, and never past what a date holds
        if f["field"].endswith("date") and f["field"] != "stated_deadline":
            assert f["as_written"] == f["quote"]  # a date is only ever one written in the text
    assert set(result["best"]) == {f["field"] for f in result["findings"]}
    assert result["nothing_found"] == (not result["findings"])


@SETTINGS
@given(st.one_of(any_text, binaryish, wordy, spliced_letters()))
def test_never_raises_and_every_span_is_the_quoted_text(text):
    check(text)


def test_huge_input_is_read_up_to_the_limit_only():
    limit = load_rules().max_chars
    text = (LETTER_TEXTS[0] + "\x00\xff") * (3 * limit // len(LETTER_TEXTS[0]) + 1)
    check(text)
    result = explain(text)
    assert result["truncated"] and result["read_chars"] == limit
    assert result["best"]["denial_reason"] == "conservative_treatment"


def test_hostile_repetitions_finish():
    """Long runs of what the patterns repeat (spaces, digits, words) cannot make them backtrack."""
    for text in (
        " " * 100000,
        "within " * 20000,
        "1" * 100000,
        "does not meet " * 10000,
        "a\n" * 80000,
        "Member ID: " + "A-" * 50000,
        "send your appeal to:\n" * 5000,
        "March 3, " * 20000,
    ):
        check(text)
