"""The content as a reader meets it: plain, cited, consistent with the engine, every link working."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from checklist_engine import schema
from sitebuild.links import EXTERNAL_LIST, check, format_external
from sitebuild.readability import DOCS, GUIDE_LIMIT, grade, pages

PAGES = pages()
assert PAGES, "no content pages found in docs/"
GUIDES = [p for p in PAGES if p.parent.name == "guides"]
assert len(GUIDES) >= 10, GUIDES


def name(page: Path) -> str:
    return page.relative_to(DOCS).as_posix()


def front_matter(page: Path) -> dict[str, str]:
    match = re.match(r"\A---\n(.*?)\n---\n", page.read_text("utf-8"), re.S)
    assert match, f"{name(page)}: no front matter"
    return dict(re.findall(r"^(\w+):\s*(.+)$", match.group(1), re.M))


@pytest.mark.parametrize("page", GUIDES, ids=name)
def test_guides_are_plain_language(page):
    assert grade(page) <= GUIDE_LIMIT, f"{name(page)}: reading grade {grade(page):.1f} > {GUIDE_LIMIT}"


@pytest.mark.parametrize("page", PAGES, ids=name)
def test_every_page_has_a_search_description(page):
    description = front_matter(page).get("description", "")
    assert 50 <= len(description) <= 170, f"{name(page)}: description of {len(description)} characters"


@pytest.mark.parametrize("page", PAGES, ids=name)
def test_a_page_with_a_deadline_tells_the_reader_to_check_their_notice(page):
    text = page.read_text("utf-8")
    if re.search(r"\{\{\s*rule\.\w+\.period\s*\}\}", text):
        assert "{{ check_notice }}" in text, f"{name(page)} states a deadline without the check-your-notice line"


@pytest.mark.parametrize("page", PAGES, ids=name)
def test_a_page_that_cites_the_law_lists_its_sources(page):
    text = page.read_text("utf-8")
    if re.search(r"\bCFR\b|U\.S\.C\.|\bFR\b|\{\{\s*rule\.", text):
        assert re.search(r"^## Sources\b", text, re.M), f"{name(page)} cites rules but has no Sources section"


# Claims the facts file (shared/reference/legal-facts.md) lists as wrong or unsourced.
WRONG = {
    r"72\s?% of imaging appeals": "no public source",
    r"28\s?% of (MRI|CT|imaging)": "no public source",
    r"external review[^.]{0,60}\b120 days": "say 4 months, not 120 days",
    r"No Surprises Act (requires|makes) (insurers|plans) (to )?(share|disclose)": "the NSA does not govern PA criteria",
    r"(must|required to) be (of|in) the same specialty": "federal law does not require a same-specialty reviewer",
    r"\bright to a peer-to-peer": "peer-to-peer is a payer practice, not a federal right",
}


NEGATION = re.compile(r"\b(not|no|never|wrong|isn't|doesn't)\b", re.I)


def wrong_claims(text: str) -> list[str]:
    """The wrong claims a text makes; a sentence that says a claim is wrong does not count."""
    sentences = re.split(r"(?<=[.!?])\s+", re.sub(r"\s+", " ", text))
    return [f"{pattern!r}: {why}: {sentence!r}" for sentence in sentences if not NEGATION.search(sentence)
            for pattern, why in WRONG.items() if re.search(pattern, sentence, re.I)]


@pytest.mark.parametrize("page", PAGES, ids=name)
def test_no_page_repeats_a_known_wrong_claim(page):
    assert wrong_claims(page.read_text("utf-8")) == [], name(page)


def test_the_wrong_claim_check_can_fail():
    assert wrong_claims("You can ask for an external review within 120 days.")
    assert wrong_claims("The reviewer must be in the same specialty as your doctor.")
    assert not wrong_claims("Federal law does not say the reviewer must be in the same specialty.")


def test_every_checklist_link_leads_to_a_page(built_site):
    links = {item["link"] for item in schema()["items"] if item.get("link")}
    assert links
    missing = [link for link in sorted(links) if not (built_site / link.split("#")[0] / "index.html").is_file()]
    assert missing == []


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
