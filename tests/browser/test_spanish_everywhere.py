"""No English left on the Spanish self-audit (/es/self-audit/), as a reader walks it.

The walk answers the path questions step by step, opens the review, presses "Check my appeal", opens
a letter, adds an event to the appeal file and makes its print copy, opens the call scripts and the
doctor's sheet, reads two sample denial letters in "Start from your denial letter" (uses a finding,
rejects one, shows "Use all" and the letter's own deadline), and downloads the calendar file. At
each stop it collects the text the reader sees (text nodes, and the aria-label, title and
placeholder of visible elements) that is NOT inside an element with lang="en" (the letters, which
stay English), not typed by the reader (form fields), and not quoted from the pasted letter, and
fails naming every text that reads as English, in two tests: the page's own words (the page
scripts' t(), the static form's tr(), the Markdown), and the engine's text (a text found in the
worker's replies), which other work puts into Spanish:

- an English page string (sitebuild/page_strings.es.toml) whose Spanish differs, shown as it is
  (placeholders filled in with anything);
- a date written the English way ("December 4, 2026");
- or a text with English function words (2 or more; 1 is enough in a text of 4 words or fewer,
  e.g. "Use this", "Not right") and no Spanish function word.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from selfaudit import SETTLED, answer, check_my_appeal, reports, step, wait_for_report_after

from sitebuild import page_strings

pytestmark = pytest.mark.browser

LETTERS = Path(__file__).resolve().parent.parent / "explain" / "letters"
EVICORE_LETTER = (LETTERS / "06_evicore_pa_cervical.txt").read_text("utf-8")
KNEE_LETTER = (LETTERS / "12_two_reasons_knee.txt").read_text("utf-8")
TODAY = dt.date.today()

ENGLISH = {"the", "your", "and", "you", "to", "of", "this", "with", "for", "is", "are", "not", "will", "what", "have"}
# Spanish function words that are not English words too ("no", "a" are both)
SPANISH = {
    "el", "la", "los", "las", "de", "del", "su", "sus", "y", "que", "en", "para", "con", "por", "es", "un",
    "una", "se", "lo", "al", "usted", "le", "o", "qué", "más", "este", "esta", "esto",
}  # fmt: skip

# The answers a reader gives (their own typed words in Spanish, as a Spanish reader types them).
ANSWERS = {
    "stage": "prior_authorization",
    "plan_type": "employer",
    "plan_funding": "unknown",
    "denial_reason": "conservative_treatment",
    "denial_date": (TODAY - dt.timedelta(days=14)).isoformat(),
    "appeal_stage": "first_denial",
    "scan": "mri",
    "body_area": "low_back",
    "urgent": True,
    "red_flags": ["neuro_deficit"],
    "symptom_weeks": 9,
    "conservative_weeks": 7,
    "conservative_tried": "fisioterapia, naproxeno",
    "prior_imaging": "with_reports",
    "peer_to_peer": "not_yet",
    "peer_to_peer_deadline": (TODAY + dt.timedelta(days=7)).isoformat(),
    "member_id": "XJ-4471",
    "claim_number": "PA-99812",
    "doctor_name": "Dra. Ana Lee",
    "patient_name": "Sara Rivera",
    "plan_name": "Acme Salud",
    "state": "TX",
}

# What the reader sees in `root` (a selector), or also what only prints (`printed`): text nodes and
# the aria-label, title and placeholder of the elements, outside lang="en", form fields, scripts.
COLLECT = """([root, printed]) => {
  const out = [];
  const skip = (el) => !el || el.closest('[lang="en"], textarea, script, style, noscript, template')
    ? true : (!printed && !el.checkVisibility());
  for (const base of document.querySelectorAll(root)) {
    const walker = document.createTreeWalker(base, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent.replace(/\\s+/g, ' ').trim();
      if (text && !skip(node.parentElement)) out.push(text);
    }
    for (const el of [base, ...base.querySelectorAll('[aria-label], [title], [placeholder]')]) {
      if (skip(el)) continue;
      for (const name of ['aria-label', 'title', 'placeholder']) {
        const text = (el.getAttribute(name) || '').trim();
        if (text) out.push(text);
      }
    }
  }
  return out;
}"""


# Every string in the engine worker's replies, kept in window.__engineTexts: the page's own words are
# told from the engine's text by it.
ENGINE_TEXTS = """(() => {
  const texts = (window.__engineTexts = new Set());
  const keep = (value) => {
    if (typeof value === 'string') texts.add(value.replace(/\\s+/g, ' ').trim());
    else if (value && typeof value === 'object') Object.values(value).forEach(keep);
  };
  const Native = window.Worker;
  window.Worker = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (event) => keep(event.data));
    }
  };
})();"""


def _pattern(english: str) -> re.Pattern:
    parts = re.split(r"\{[a-z_]+\}", english.strip())
    return re.compile(".+?".join(re.escape(p) for p in parts), re.S)


def _literal_letters(english: str) -> int:
    return len(re.findall(r"[A-Za-z]", re.sub(r"\{[a-z_]+\}", "", english)))


# English page strings whose Spanish differs, as patterns; a template only when its own words are
# enough to tell ("Use {date}." would match the Spanish "Use el borrador ...")
PAGE_ENGLISH = [
    (en, _pattern(en))
    for en, es in page_strings.strings("es").items()
    if en.strip() != es.strip() and _literal_letters(en) >= (8 if "{" in en else 4)
]


def _words(text: str) -> list[str]:
    return [w.strip(".,:;!?()\"'“”¿¡[]").lower() for w in text.split()]


MONTH_DATE = re.compile(
    r"\b(January|February|March|April|May|June|July|August|September|October|November|December) \d{1,2}, \d{4}"
)


def reads_as_english(text: str) -> str | None:
    """Why `text` reads as English, or None."""
    if date := MONTH_DATE.search(text):
        return f"a date in English: {date.group(0)!r}"
    for en, pattern in PAGE_ENGLISH:
        if pattern.fullmatch(text):
            return f"the page string {en!r}"
    words = [w for w in _words(text) if w]
    english = [w for w in words if w in ENGLISH]
    if any(w in SPANISH for w in words) or not english:
        return None
    if len(english) >= 2 or len(words) <= 4:
        return f"English words {english}"
    return None


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


class Walk:
    """The texts read as English at each stop of the walk, named by the stop."""

    def __init__(self, page):
        self.page = page
        self.found: dict[str, str] = {}  # text -> "stop: why"
        self.quoted = ""  # the pasted letters: text quoted from them is the letter's, not the page's
        self.engine: set[str] = set()  # every string in the worker's replies

    def look(self, stop: str, root: str = "article", printed: bool = False) -> None:
        for text in self.page.evaluate(COLLECT, [root, printed]):
            quote = _normal(text).strip(' ()"“”:')  # the letter's words in quotes or brackets
            if text in self.found or (len(quote) > 3 and quote in self.quoted):
                continue
            why = reads_as_english(text)
            if why:
                self.found[text] = f"{stop}: {why}"

    def look_at_text(self, stop: str, texts: list[str]) -> None:
        for text in texts:
            why = text and reads_as_english(text)
            if why and text not in self.found:
                self.found[text] = f"{stop}: {why}"

    def from_engine(self, text: str) -> bool:
        """Whether the English in `text` came from the engine's reply (not the page's own words)."""
        return any(
            text in words or (len(words) > 3 and words in text and reads_as_english(words)) for words in self.engine
        )

    @staticmethod
    def listing(found: dict[str, str]) -> str:
        return "\n".join(f"  {text!r}  ({why})" for text, why in found.items())


def test_the_detector_knows_english_from_spanish():
    assert reads_as_english("Use this")
    assert reads_as_english("Not right")
    assert reads_as_english("We could not find anything to use in this text.")
    assert reads_as_english("Your letter says:")  # a page string whose Spanish differs
    assert reads_as_english("Filled in 3 answers. Check them in the questions below.")
    assert reads_as_english("Último día para la llamada, según el aviso: December 4, 2026.")
    assert not reads_as_english("Su carta dice:")
    assert not reads_as_english("Medicare Original (Traditional Medicare)")
    assert not reads_as_english("Ley Sin Sorpresas (No Surprises Act)")
    assert not reads_as_english("revisión entre médicos (peer-to-peer)")
    assert not reads_as_english("42 CFR 422.566")
    assert not reads_as_english("Plan")  # the same word in both languages
    assert not reads_as_english("Use el 5 de enero de 2027.")  # "Use" is Spanish too


def _ics_texts(ics: str) -> list[str]:
    unfolded = ics.replace("\r\n ", "")
    texts = []
    for line in unfolded.split("\r\n"):
        if line.startswith(("SUMMARY:", "DESCRIPTION:")):
            value = line.split(":", 1)[1].replace("\\n", "\n").replace("\\,", ",").replace("\\;", ";")
            texts += [t.strip() for t in value.replace("\\\\", "\\").split("\n")]
    return texts


@pytest.fixture(scope="module")
def walked(browser, site_url):
    """The walk, once for the module: (Walk, the page's script errors)."""
    ctx = browser.new_context(service_workers="block", accept_downloads=True)
    page = ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.add_init_script(ENGINE_TEXTS)
    page.goto(site_url + "es/self-audit/")
    page.wait_for_selector(SETTLED, timeout=90_000)
    assert page.get_attribute("#self-audit", "data-engine") == "ready"
    assert page.get_attribute("html", "lang") == "es"
    walk = Walk(page)
    walk.look("the page as it opens")

    # each step, as the reader answers its questions and presses "Next"
    page.wait_for_selector("#self-audit[data-reports]", timeout=30_000)
    before = reports(page)
    for qid, value in ANSWERS.items():
        answer(page, qid, value)
    page.evaluate("document.activeElement.blur()")
    wait_for_report_after(page, before)
    page.evaluate("() => { location.hash = 'step-denial'; }")
    page.wait_for_selector("#self-audit[data-step='denial']")
    for _ in range(10):
        walk.look(f"step {step(page)}")
        if step(page) == "review":
            break
        was = step(page)
        page.click("#sa-next")
        page.wait_for_function("s => document.getElementById('self-audit').dataset.step !== s", arg=was, timeout=5_000)
    assert step(page) == "review"

    # the review, "Check my appeal", the report
    before = reports(page)
    check_my_appeal(page)
    page.wait_for_timeout(500)
    walk.look("the report after Check my appeal")

    # a letter in its view (the letter itself is English, lang="en"; the view around it is not)
    page.locator("#sa-letter-list [data-open-letter]").first.click()
    page.wait_for_selector("#sa-letter-view[open]")
    walk.look("the letter view", "#sa-letter-view")
    page.locator("#sa-letter-view [data-action=close]").click()

    # the appeal file with one event, and its print copy
    page.wait_for_selector("#sa-file:not([hidden]) #sa-file-add button")
    before = reports(page)
    page.click("#sa-file-add button[data-type=call]")
    walk.look("the appeal file's form", "#sa-file")
    page.locator("#sa-ef-who").select_option(index=1)
    page.locator("#sa-ef-date").fill((TODAY - dt.timedelta(days=2)).isoformat())
    page.click("#sa-file-save")
    page.wait_for_selector("#sa-file-form", state="detached")
    wait_for_report_after(page, before)
    walk.look("the appeal file with one event", "#sa-file")
    page.evaluate("() => { window.print = () => {}; }")
    page.click("#sa-file-print")
    walk.look("the appeal file's print copy", "#sa-file-print-copy", printed=True)
    walk.look("the report's print-only parts", "#sa-result .sa-print-only", printed=True)

    # the call scripts and the doctor's sheet, opened
    page.wait_for_selector("#sa-calls:not([hidden]) .sa-p2p", timeout=30_000)
    page.eval_on_selector_all("#sa-calls details", "all => all.forEach(d => { d.open = true; })")
    walk.look("the call scripts and the doctor's sheet", "#sa-calls")

    # the calendar file
    with page.expect_download() as got:
        page.click("[data-action=ics]")
    download = got.value
    walk.look_at_text("the calendar file", _ics_texts(Path(download.path()).read_text("utf-8")))
    walk.look_at_text("the calendar file's name", [download.suggested_filename])

    # "Start from your denial letter": two sample letters pasted and read
    page.locator("#sa-explain > summary").click()
    for letter in (EVICORE_LETTER, KNEE_LETTER):
        walk.quoted += " " + _normal(letter)
        read = int(page.get_attribute("#sa-explain", "data-read") or 0)
        page.fill("#sa-explain-text", letter)
        page.click("#sa-explain-read")
        page.wait_for_selector(f"#sa-explain[data-read]:not([data-read='{read}'])", timeout=20_000)
        walk.look("the letter's findings", "#sa-explain")
        wrong = page.locator(".sa-explain-finding:has(.sa-explain-wrong)").first
        if wrong.count():
            wrong.locator(".sa-explain-wrong").click()
        deadline = page.locator('.sa-explain-finding[data-field="stated_deadline"] .sa-explain-use')
        if deadline.count():
            deadline.first.click()
        use = page.locator(".sa-explain-finding:not([data-state]) .sa-explain-use")
        if use.count():
            use.first.click()
        page.wait_for_timeout(300)
        walk.look("the findings after Use this and Not right", "#sa-explain")
    walk.look("the report with the letter's own deadline", "#sa-result")
    read = int(page.get_attribute("#sa-explain", "data-read") or 0)
    page.fill("#sa-explain-text", "Gracias por llamar. Guarde esta hoja.")
    page.click("#sa-explain-read")
    page.wait_for_selector(f"#sa-explain[data-read]:not([data-read='{read}'])", timeout=20_000)
    walk.look("a text with nothing to use", "#sa-explain")

    walk.engine = set(page.evaluate("() => [...window.__engineTexts]"))
    yield walk, errors
    ctx.close()


def test_the_pages_own_words_on_the_spanish_self_audit_are_spanish(walked):
    walk, errors = walked
    assert walk.engine, "the worker's replies were seen"
    found = {text: why for text, why in walk.found.items() if not walk.from_engine(text)}
    assert not found, "English in the page's own words on the Spanish self-audit:\n" + Walk.listing(found)
    assert errors == []


def test_the_engines_text_on_the_spanish_self_audit_is_spanish(walked):
    walk, _ = walked
    found = {text: why for text, why in walk.found.items() if walk.from_engine(text)}
    assert not found, "English from the engine on the Spanish self-audit:\n" + Walk.listing(found)
