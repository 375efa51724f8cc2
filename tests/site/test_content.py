"""The content as a reader meets it: plain, cited, consistent with the engine, every link working."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sitebuild.links import EXTERNAL_LIST, check, format_external
from sitebuild.readability import DOCS, GUIDE_LIMIT, grade, pages, spanish_pages

PAGES = pages()
assert PAGES, "no content pages found in docs/"
GUIDES = [p for p in PAGES if p.parent.name == "guides"]
assert len(GUIDES) >= 10, GUIDES
# Each page's own checks (description, check-your-notice, sources) run over both languages in one
# walk; tests/site/test_i18n.py has what only a translation needs.
EVERY_PAGE = PAGES + spanish_pages()
SOURCES_HEADING = {"en": "Sources", "es": "Fuentes"}


def lang(page: Path) -> str:
    return "es" if page.name.endswith(".es.md") else "en"


def name(page: Path) -> str:
    return page.relative_to(DOCS).as_posix()


def front_matter(page: Path) -> dict[str, str]:
    match = re.match(r"\A---\n(.*?)\n---\n", page.read_text("utf-8"), re.S)
    assert match, f"{name(page)}: no front matter"
    return dict(re.findall(r"^(\w+):[ \t]*(.*)$", match.group(1), re.M))


@pytest.mark.parametrize("page", GUIDES, ids=name)
def test_guides_are_plain_language(page):
    assert grade(page) <= GUIDE_LIMIT, f"{name(page)}: reading grade {grade(page):.1f} > {GUIDE_LIMIT}"


@pytest.mark.parametrize("page", EVERY_PAGE, ids=name)
def test_every_page_has_a_search_description(page):
    description = front_matter(page).get("description", "")
    assert 50 <= len(description) <= 170, f"{name(page)}: description of {len(description)} characters"
    assert '"' not in description, f"{name(page)}: the theme writes the description into an attribute unescaped"


@pytest.mark.parametrize("page", EVERY_PAGE, ids=name)
def test_a_page_with_a_deadline_tells_the_reader_to_check_their_notice(page):
    text = page.read_text("utf-8")
    if re.search(r"\{\{\s*rule\.\w+\.period\s*\}\}", text):
        assert "{{ check_notice }}" in text, f"{name(page)} states a deadline without the check-your-notice line"


@pytest.mark.parametrize("page", EVERY_PAGE, ids=name)
def test_a_page_that_cites_the_law_lists_its_sources(page):
    text = page.read_text("utf-8")
    heading = SOURCES_HEADING[lang(page)]
    if re.search(r"\bCFR\b|U\.S\.C\.|\bFR\b|\{\{\s*rule\.", text):
        assert re.search(rf"^## {heading}\b", text, re.M), f"{name(page)} cites rules but has no {heading} section"


# Claims the facts file (reference/legal-facts.md) lists as wrong or unsourced.
WRONG = {
    r"72\s?% of imaging appeals": "no public source",
    r"28\s?% of (MRI|CT|imaging)": "no public source",
    r"external review[^.]{0,60}\b120 days": "say 4 months, not 120 days",
    r"No Surprises Act (requires|makes) (insurers|plans) (to )?(share|disclose)": "the NSA does not govern PA criteria",
    r"(must|required to) be (of|in) the same specialty": "federal law does not require a same-specialty reviewer",
    r"\bright to a peer-to-peer": "peer-to-peer is a payer practice, not a federal right",
}


# Wrong wordings found by the content review of 2026-11 (issue 13). Checked even in a sentence with
# "not" or "no", because several of the old wordings were themselves negative sentences.
WRONG_EVEN_NEGATED = {
    r"red,? white,? and blue (Medicare )?card means Traditional": "everyone with Medicare has that card, MA members too",
    r"Original Medicare with the red,? white,? and blue card": "the card does not tell Original Medicare from MA",
    r"card that mentions Medicare usually means a Medicare Advantage": "Medigap and Part D cards mention Medicare too",
    r"147\.136\**,? for individual plans and insured group plans": "147.136 covers group health plans generally, incl. non-federal government plans",
    r"government and church employer plans are not covered":
        "they have the same appeal and external-review rights through 147.136 / 54.9815-2719",
    r"grandfathered[^.]{0,40}\bdo not have to follow these rules": "grandfathered plans must offer external review for surprise-billing disputes",
    r"422\.138[^.;]{0,40}(90-day|transition)|course of treatment and 90-day transition, 42 CFR 422\.138":
        "the 90-day transition is in 422.112(b)(8), not 422.138",
    r"(urgent|expedited)[^.|]{0,60}\(?from January 1, 2026": "72 hours was already the rule for MA and Medicaid managed care; 2026 changed the standard time",
    r"^(?!.*(in part|partial)).*\b8[01]\.7\s?%.*overturned": "KFF counts appeals overturned fully or partially",
    r"one of the scans plans deny most often|(deny|denied) most often": "no source",
    r"such as rest, medicine": "'rest' is not in the ACR wording",
    r"approval (should|must) stay valid for the (whole )?course of treatment": "stretches the MA continuity rule",
    r"most plans and radiology benefit managers offer|(most|many) plans offer (it|peer)|plans often allow": "no source: peer-to-peer is a payer practice, say only that some plans offer it",
    r"self-funded\W+(employer|ERISA)? ?plans are\W+excluded\W*$": "215 ILCS 200/10 also excludes state, local-government and school-district plans",
    r"The date\.\**\s*Your deadline counts from it": "employer plans count from receipt, not from the date on the notice",
}

# The old wordings themselves, as they stood on the pages before the review: each must be caught.
OLD_WORDINGS = [
    "A red, white and blue Medicare card means Traditional Medicare.",
    "If you have Original Medicare with the red, white and blue card, see Traditional Medicare instead.",
    "A private plan card that mentions Medicare usually means a Medicare Advantage plan.",
    "- **45 CFR 147.136**, for individual plans and insured group plans.",
    "Government and church employer plans are not covered by the ERISA claims rule. Ask the plan which appeal rules it follows.",
    'Some older plans, called "grandfathered" plans, do not have to follow these rules.',
    "coverage rules and internal criteria, 42 CFR 422.101; prior-authorization limits, course of treatment and 90-day transition, 42 CFR 422.138.",
    "- **First decision on an urgent prior authorization (from January 1, 2026):** 72 hours.",
    "Urgent prior authorization, from January 1, 2026: 72 hours.",
    "In Medicare Advantage, 81.7% of appealed prior-approval denials were overturned in 2023.",
    "An MRI of the lower back is one of the scans plans deny most often.",
    "The usual reason is that you have not tried other care first, such as rest, medicine or physical therapy.",
    "If you have Medicare Advantage, an approval should stay valid for the course of treatment it covers.",
    "An approval must stay valid for the whole course of treatment.",
    "It is not a general federal right, but most plans and radiology benefit managers offer it.",
    "Many plans offer peer-to-peer calls.",
    "It is not a legal right, but many plans offer it.",
    "- **Self-funded** employer plans are **excluded**.",
    "- **The date.** Your deadline counts from it.",
]


NEGATION = re.compile(r"\b(not|no|never|wrong|isn't|doesn't)\b", re.I)


def wrong_claims(text: str) -> list[str]:
    """The wrong claims a text makes; a sentence that says a claim is wrong does not count."""
    sentences = re.split(r"(?<=[.!?])\s+", re.sub(r"\s+", " ", text))
    found = [f"{pattern!r}: {why}: {sentence!r}" for sentence in sentences if not NEGATION.search(sentence)
             for pattern, why in WRONG.items() if re.search(pattern, sentence, re.I)]
    found += [f"{pattern!r}: {why}: {sentence!r}" for sentence in sentences
              for pattern, why in WRONG_EVEN_NEGATED.items() if re.search(pattern, sentence, re.I)]
    return found


@pytest.mark.parametrize("page", PAGES, ids=name)
def test_no_page_repeats_a_known_wrong_claim(page):
    assert wrong_claims(page.read_text("utf-8")) == [], name(page)


def test_the_wrong_claim_check_can_fail():
    assert wrong_claims("You can ask for an external review within 120 days.")
    assert wrong_claims("The reviewer must be in the same specialty as your doctor.")
    assert not wrong_claims("Federal law does not say the reviewer must be in the same specialty.")


@pytest.mark.parametrize("wording", OLD_WORDINGS)
def test_each_old_wording_of_the_content_review_is_caught(wording):
    assert wrong_claims(wording), wording


def test_the_review_patterns_leave_the_corrected_wordings_alone():
    corrected = [
        "Everyone with Medicare has the red, white and blue Medicare card, so that card does not tell you which one you have.",
        "| Share of appealed denials overturned, fully or in part | 81.7% | 80.7% |",
        "In Medicare Advantage, 81.7% of appealed prior-approval denials were overturned, fully or in part, in 2023.",
        "- **Not covered:** self-funded employer plans, and the health plans of the State, local governments and school districts (section 10).",
        "- **72 hours** for an expedited (urgent) request. This was already the rule before 2026.",
        "90-day transition for an active course of treatment, 42 CFR 422.112(b)(8).",
    ]
    assert [c for c in corrected if wrong_claims(c)] == []


def test_medicare_advantage_page_says_a_fast_request_can_be_extended_too():
    """Issue 13 item 8: the 14-day extension is not only for standard reconsiderations."""
    text = re.sub(r"\s+", " ", (DOCS / "rights" / "medicare-advantage.md").read_text("utf-8"))
    assert re.search(r"up to 14 more days, for a standard or a fast request", text)


def test_the_emergency_guide_is_where_the_self_audit_expects_it():
    """The self-audit's 'emergency claim' route links to guides/emergency-imaging/."""
    text = (DOCS / "guides" / "emergency-imaging.md").read_text("utf-8")
    assert "prudent layperson" in text and "prior" in text


def test_every_internal_link_and_anchor_resolves(built_site):
    broken, _ = check(built_site)
    assert [str(b) for b in broken] == []


def test_the_external_link_list_is_up_to_date(built_site):
    _, external = check(built_site)
    assert EXTERNAL_LIST.read_text("utf-8") == format_external(external), (
        "external links changed: run `.venv/bin/python -m sitebuild.links site --write` after `make build` "
        "and review sitebuild/external-links.txt")


def test_a_broken_link_is_reported(tmp_path):
    (tmp_path / "index.html").write_text('<a href="missing/">x</a><a href="#nowhere">y</a><p id="here"></p>')
    broken, _ = check(tmp_path)
    assert {b.problem for b in broken} == {"no such page", "no #nowhere on that page"}
