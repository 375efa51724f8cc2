"""Driving the self-audit page as a reader does: shared by the browser tests."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

SETTLED = "#self-audit:not([data-engine=loading])"

# The two screens: a phone and a desktop (browser.new_context(**DEVICES[name])).
DEVICES = {
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
    "desktop": {"viewport": {"width": 1366, "height": 900}},
}
# A typical reader's answers: a job-based plan, prior authorization, not enough treatment tried.
TYPICAL_CASE = json.loads(
    (Path(__file__).parent.parent / "cases" / "employer_prior_auth_conservative.json").read_text()
)


def save_answers(context, answers: dict) -> None:
    """`answers` in the context's storage before any page opens, as the page keeps them when the
    reader ticks "Save my answers"."""
    saved = {"app": "second-look", "kind": "answers", "schema": 1, "answers": answers, "letters": {}}
    context.add_init_script(f"localStorage.setItem('second-look:answers', {json.dumps(json.dumps(saved))});")


def open_page(page, site_url: str) -> str:
    """Open the self-audit and wait until the engine is ready or has failed; returns which."""
    page.goto(site_url + "self-audit/")
    page.wait_for_selector(SETTLED, timeout=90_000)
    return page.get_attribute("#self-audit", "data-engine")


def reports(page) -> int:
    return int(page.get_attribute("#self-audit", "data-reports") or 0)


def wait_for_report_after(page, count: int) -> None:
    """Wait until the page has shown a report newer than `count` and has no update waiting or running
    (the page's data-updating): the report of the answers as they are now."""
    page.wait_for_selector(
        f"#self-audit[data-reports]:not([data-reports='{count}']):not([data-updating])", timeout=15_000
    )


def step(page) -> str:
    """The step the page shows: a section id ("denial", "health", ...) or "review"."""
    return page.get_attribute("#self-audit", "data-step")


def step_of(page, qid: str) -> str:
    """The step (section id) that holds a question."""
    return page.eval_on_selector(
        f'.sa-question[data-question="{qid}"]', "b => b.closest('.sa-section').id.replace(/^section-/, '')"
    )


def go_to_step(page, name: str) -> None:
    """Open a step (or "review") as a link or a typed address does: through the URL's hash."""
    if step(page) != name:
        page.evaluate("hash => { location.hash = hash; }", "review" if name == "review" else f"step-{name}")
        page.wait_for_selector(f"#self-audit[data-step='{name}']", timeout=5_000)


def show_question(page, qid: str):
    """Open the step that holds a question, wait until the question shows (once the engine knows it
    applies) and return its block."""
    go_to_step(page, step_of(page, qid))
    block = page.locator(f'.sa-question[data-question="{qid}"]')
    block.wait_for(state="visible", timeout=15_000)
    return block


def check_my_appeal(page) -> None:
    """Go to the review screen and press "Check my appeal" there."""
    go_to_step(page, "review")
    page.click("#sa-check")


def answer(page, qid: str, value) -> None:
    """Answer one question with the mouse-free Playwright API (values as in the answers JSON), after
    opening the step that holds it."""
    block = show_question(page, qid)
    kind = block.get_attribute("data-type")
    if kind == "boolean":
        block.locator(f'input[value="{"yes" if value else "no"}"]').check()
    elif kind == "choice" and block.locator("select").count():
        block.locator("select").select_option(value)
    elif kind == "choice":
        block.locator(f'input[value="{value}"]').check()
    elif kind == "multi":
        for v in value:
            block.locator(f'input[value="{v}"]').check()
    else:
        block.locator("input").fill(str(value))


def fill(page, answers: dict, *, blur: bool = True) -> None:
    """Answer several questions (opening each one's step) and wait for the report they lead to.

    With `blur` the focus then leaves the form, as when the reader moves on: a question that no longer
    applies hides only then (never while the reader is in the form). `blur=False` keeps the focus on
    the last answer."""
    # the first report (the "start with the questions" box) moves the form down: answer after it
    page.wait_for_selector("#self-audit[data-reports]", timeout=30_000)
    before = reports(page)
    for qid, value in answers.items():
        answer(page, qid, value)
    if blur:
        page.evaluate("document.activeElement.blur()")
    wait_for_report_after(page, before)


def form_answers(page) -> dict:
    """What the form holds now, read from the controls themselves."""
    return page.evaluate(
        """() => {
          const out = {};
          for (const block of document.querySelectorAll('.sa-question')) {
            const inputs = [...block.querySelectorAll('input')];
            const type = block.dataset.type;
            let value;
            if (type === 'multi') value = inputs.filter(i => i.checked).map(i => i.value);
            else if (block.querySelector('select')) value = block.querySelector('select').value || undefined;
            else if (type === 'choice' || type === 'boolean') value = inputs.find(i => i.checked)?.value;
            else value = inputs[0].value || undefined;
            if (value !== undefined && !(Array.isArray(value) && !value.length)) out[block.dataset.question] = value;
          }
          return out;
        }"""
    )


def report_text(page) -> str:
    return page.inner_text("#sa-result")


def stored(page):
    text = page.evaluate("() => localStorage.getItem('second-look:answers')")
    return None if text is None else json.loads(text)


# --- keyboard only -------------------------------------------------------------------------------


def active(page) -> dict:
    return page.evaluate(
        """() => { const a = document.activeElement;
                   return {id: a.id, value: a.value, checked: !!a.checked, type: a.type,
                           question: a.closest('.sa-question')?.dataset.question ?? null}; }"""
    )


def tab_to(page, predicate, limit: int = 400) -> dict:
    for _ in range(limit):
        now = active(page)
        if predicate(now):
            return now
        page.keyboard.press("Tab")
    raise AssertionError("the keyboard never reached the control")


def key_next(page) -> None:
    """Tab to "Next" (or "Review your answers") and press Enter: the next step's heading takes focus."""
    before = step(page)
    tab_to(page, lambda a: a["id"] == "sa-next")
    page.keyboard.press("Enter")
    page.wait_for_function("s => document.getElementById('self-audit').dataset.step !== s", arg=before, timeout=5_000)
    assert active(page)["id"] == "sa-step-heading", "the new step's heading takes focus"


def key_answer(page, qid: str, value) -> None:
    """Reach a question with Tab (pressing Next until its step shows) and answer it with the keys a
    keyboard user would press."""
    target = step_of(page, qid)
    for _ in range(10):
        if step(page) == target:
            break
        key_next(page)
    assert step(page) == target, (qid, target)
    block = page.locator(f'.sa-question[data-question="{qid}"]')
    block.wait_for(state="visible", timeout=15_000)  # shown once the engine knows it applies
    kind = block.get_attribute("data-type")
    now = tab_to(page, lambda a: a["question"] == qid)
    if kind in ("choice", "boolean"):
        wanted = ("yes" if value else "no") if kind == "boolean" else value
        for _ in range(12):
            if now["value"] == wanted:
                page.keyboard.press("Space")
                break
            page.keyboard.press("ArrowDown")
            now = active(page)
        assert block.locator(f'input[value="{wanted}"]').is_checked(), (qid, wanted)
    elif kind == "multi":
        while now["question"] == qid:
            if now["value"] in value and not now["checked"]:
                page.keyboard.press("Space")
            page.keyboard.press("Tab")
            now = active(page)
    elif kind == "date":
        y, m, d = value.split("-")
        page.keyboard.type(f"{m}{d}{y}")
        assert block.locator("input").input_value() == value
    else:
        page.keyboard.type(str(value))


# --- one started page for many tests ------------------------------------------------------------


def start_over(page) -> None:
    """Bring a started self-audit back to where a new reader starts, by the page's own means, without
    a reload (starting the engine takes seconds): the printed view and an open letter closed, "Delete
    all my answers" (the form, the letters, the appeal file, the denial letter's text, the saved copy),
    the letter panel folded, the browser's storage empty, the first step, the focus out of the form,
    the top of the page, and the page's error log empty.

    If that fails (a test before this one failed half-way and left the page stuck), the page is
    reloaded and started over once more, so one failure does not fail every test after it; a page
    whose Delete does not work fails here both times."""
    try:
        _start_over(page)
    except Exception:
        page.evaluate("() => { localStorage.clear(); sessionStorage.clear(); }")
        page.reload()
        page.wait_for_selector("#self-audit[data-engine=ready]", timeout=90_000)
        _start_over(page)


def _start_over(page) -> None:
    page.emulate_media(media="screen")
    page.evaluate("() => window.dispatchEvent(new Event('afterprint'))")
    if page.locator("#sa-letter-view[open]").count():
        page.locator("#sa-letter-view [data-action=close]").click()
    before = reports(page)

    def accept(dialog) -> None:  # "Delete all your answers from this page and from this browser?"
        dialog.accept()

    page.on("dialog", accept)
    try:
        page.click("#sa-delete", timeout=10_000)
    finally:
        page.remove_listener("dialog", accept)
    page.wait_for_selector(f"#self-audit[data-reports]:not([data-reports='{before}'])", timeout=15_000)
    page.evaluate("""() => {
      localStorage.clear();
      sessionStorage.clear();
      document.getElementById('sa-explain').open = false;
    }""")
    go_to_step(page, "denial")
    page.evaluate("() => { document.activeElement.blur(); scrollTo(0, 0); }")
    assert form_answers(page) == {} and stored(page) is None
    page.js_errors.clear()


# --- the worker gives CPython's answers ------------------------------------------------------------

CASES = sorted((Path(__file__).parent.parent / "cases").glob("*.json"))
assert CASES, "no golden cases in tests/cases"

RUN_IN_WORKER = """async ([workerURL, pyodideURL, wheelURL, stdlibURL, lockInfo, requests]) => {
  const worker = new Worker(workerURL, {type: 'module'});
  const replies = new Map();
  const ready = new Promise((resolve, reject) => worker.onmessage = (e) => {
    const m = e.data;
    if (m.type === 'ready') resolve();
    else if (m.type === 'failed') reject(new Error(m.message));
    else if (m.type === 'result') replies.get(m.id)(m.response);
  });
  worker.postMessage({type: 'init', pyodideURL, wheelURL, stdlibURL, lockInfo});
  await ready;
  const out = await Promise.all(requests.map((request, id) => new Promise((resolve) => {
    replies.set(id, resolve);
    worker.postMessage({type: 'call', id, request});
  })));
  worker.terminate();
  return out;
}"""


def assert_worker_matches_cpython(page, lang: str) -> None:
    """Every golden case through a new worker started as the open self-audit page starts its own
    (same runtime, engine wheel and standard library), in `lang`: each report equals CPython's."""
    from checklist_engine import audit

    urls = page.evaluate("""() => {
        const meta = (name) => document.querySelector(`meta[name="second-look:${name}"]`).content;
        const url = (name) => new URL(meta(name), document.baseURI).href;
        return [new URL(document.querySelector('link[rel=modulepreload][href*="engine-client"]').href
                        .replace('engine-client.mjs', 'worker.mjs'), location.href).href,
                url('pyodide'), url('engine'), url('stdlib'), JSON.parse(meta('pyodide-lock-info'))];
    }""")
    cases = [json.loads(p.read_text()) for p in CASES]
    keys = ("answers", "events", "today", "letter_deadline")
    requests = [{"op": "audit", "lang": lang, **{k: c.get(k) for k in keys}} for c in cases]
    responses = page.evaluate(RUN_IN_WORKER, [*urls, requests])
    assert len(responses) == len(cases) > 0
    for case, response in zip(cases, responses, strict=True):
        assert response["ok"], (case["name"], response)
        today = dt.date.fromisoformat(case["today"])
        kwargs = {"events": case.get("events"), "stated_deadline": case.get("letter_deadline"), "lang": lang}
        assert response["result"] == audit(case["answers"], today, **kwargs), case["name"]
