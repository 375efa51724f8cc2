"""Render the self-audit as static HTML form controls from the engine's schema.

The page works before and without the engine: real, labelled controls a reader can fill in and
print. Every string from the data is escaped; nothing a reader types ever passes through here.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from html import escape

SELECT_FROM = 12  # a choice with more options than this (the reader's state) is a drop-down list


def _attr(value: str) -> str:
    return escape(str(value), quote=True)


def _hint(question: dict, hint_id: str) -> str:
    hint = question.get("hint")
    return f'<div class="sa-hint" id="{hint_id}">{escape(hint)}</div>' if hint else ""


def _label_text(question: dict) -> str:
    optional = ' <span class="sa-optional">(optional)</span>' if question.get("optional") else ""
    return f"{escape(question['label'])}{optional}"


def _options(question: dict) -> list[dict]:
    if question["type"] == "boolean":
        return [{"id": "yes", "label": "Yes"}, {"id": "no", "label": "No"}]
    return question.get("options") or []


def render_question(question: dict, text_chars: int) -> str:
    """One question's controls. text_chars: the engine's limit for a text answer (schema()["limits"])."""
    qid, qtype = question["id"], question["type"]
    base = f"q-{qid}"
    hint_id = f"{base}-hint"
    described = f' aria-describedby="{hint_id}"' if question.get("hint") else ""
    # the engine refuses a date after today; the attribute holds its advice (what to use instead)
    past = f' data-past="{_attr(question["past"])}"' if question.get("past") else ""
    head = f'<div class="sa-question" id="{base}-block" data-question="{_attr(qid)}" data-type="{_attr(qtype)}"{past}>'
    if qtype == "choice" and len(_options(question)) > SELECT_FROM:
        choices = "".join(f'<option value="{_attr(o["id"])}">{escape(o["label"])}</option>' for o in _options(question))
        return (
            f'{head}<label class="sa-label" for="{base}">{_label_text(question)}</label>{_hint(question, hint_id)}'
            f'<select class="sa-input" id="{base}" name="{_attr(qid)}"{described}>'
            f'<option value="">Choose one</option>{choices}</select></div>'
        )
    if qtype in ("choice", "multi", "boolean"):
        kind = "checkbox" if qtype == "multi" else "radio"
        rows = []
        for n, option in enumerate(_options(question)):
            oid = f"{base}-{n}"
            rows.append(
                f'<div class="sa-option"><input type="{kind}" id="{oid}" name="{_attr(qid)}" '
                f'value="{_attr(option["id"])}"><label for="{oid}">{escape(option["label"])}</label></div>'
            )
        return (
            f'{head}<fieldset class="sa-fieldset"{described}><legend class="sa-label">{_label_text(question)}</legend>'
            f"{_hint(question, hint_id)}{''.join(rows)}</fieldset></div>"
        )
    input_type = {"date": "date", "number": "number", "text": "text"}.get(qtype)
    if input_type is None:
        raise ValueError(f"question {qid!r}: cannot render type {qtype!r}")
    extra = ""
    if qtype == "number":
        extra = ' inputmode="numeric"' + "".join(
            f' {k}="{_attr(question[k])}"' for k in ("min", "max") if question.get(k) is not None
        )
    if qtype == "text":
        extra = f' autocomplete="off" spellcheck="true" maxlength="{text_chars}"'
    return (
        f'{head}<label class="sa-label" for="{base}">{_label_text(question)}</label>{_hint(question, hint_id)}'
        f'<input class="sa-input" type="{input_type}" id="{base}" name="{_attr(qid)}"{described}{extra}></div>'
    )


def page_of(link: str) -> str:
    """The page a checklist link opens: "guides/what-to-send/#copies" -> "guides/what-to-send/"."""
    return link.split("#", 1)[0]


def guide_link(link: str, href: Callable[[str], str], titles: dict[str, str], lead: str = "See:") -> str:
    """ "See: <a>What to send with your appeal</a>": a link that names the page it opens, so a list
    of the page's links (as a screen reader gives it) still makes sense."""
    return f' {lead} <a class="sa-more" href="{_attr(href(link))}">{escape(titles[page_of(link)])}</a>'


def render_item(item: dict, href: Callable[[str], str], titles: dict[str, str]) -> str:
    severity = item.get("severity", "helpful")
    link = item.get("link")
    more = guide_link(link, href, titles) if link else ""
    why = f'<p class="sa-why">{escape(item["why"])}</p>' if item.get("why") else ""
    fix = (
        f'<p class="sa-fix">{escape(item["fix"])}{more}</p>' if item.get("fix") else (f"<p>{more}</p>" if more else "")
    )
    return (
        f'<li class="sa-item" id="item-{_attr(item["id"])}" data-item="{_attr(item["id"])}" data-severity="{_attr(severity)}">'
        f'<span class="sa-box" aria-hidden="true"></span><span class="sa-visually-hidden sa-item-status"></span>'
        f'<span class="sa-item-title">{escape(item["title"])}</span> '
        f'<span class="sa-severity sa-severity--{_attr(severity)}">{escape(item["severity_label"])}</span>'
        f"{why}{fix}</li>"
    )


def _grouped(entries: list[dict], sections: list[dict]) -> list[tuple[dict, list[dict]]]:
    order = [s["id"] for s in sections]
    titles = {s["id"]: s for s in sections}
    groups: dict[str | None, list[dict]] = {}
    for entry in entries:
        groups.setdefault(entry.get("section"), []).append(entry)
    keys = [k for k in order if k in groups] + [k for k in groups if k not in titles]
    return [(titles.get(k, {"id": k or "general", "title": "Questions"}), groups[k]) for k in keys]


# "Your letters": one button per letter that fits the reader's level (filled in by letters.mjs from
# the report), and ONE view, a modal <dialog>, where the chosen letter is edited, copied, downloaded
# and printed. The letter is on screen once, in a textarea that wraps at any width.
LETTER_VIEW = (
    '<dialog class="sa-letter-view" id="sa-letter-view" aria-labelledby="sa-letter-view-title" '
    'aria-describedby="sa-letter-view-hint">'
    '<div class="sa-letter" id="sa-letter-view-panel">'
    '<h2 id="sa-letter-view-title">Your letter</h2>'
    '<p class="sa-hint" id="sa-letter-view-hint"></p>'
    '<textarea class="sa-textarea" id="sa-letter-text" rows="16" spellcheck="true" autocomplete="off" '
    'aria-labelledby="sa-letter-view-title" aria-describedby="sa-letter-view-hint"></textarea>'
    '<p class="sa-letter-edited" hidden>You changed this letter, so it no longer follows your answers. '
    '<button type="button" class="sa-link-button" data-action="rebuild">Rebuild it from my answers</button></p>'
    '<div class="sa-buttons">'
    '<button type="button" class="md-button" data-action="copy">Copy</button>'
    '<button type="button" class="md-button" data-action="txt">Download (.txt)</button>'
    '<button type="button" class="md-button" data-action="rtf">Download for Word (.rtf)</button>'
    '<button type="button" class="md-button" data-action="print">Print this letter</button>'
    '<button type="button" class="md-button md-button--primary" data-action="close">Close</button>'
    "</div>"
    '<p class="sa-note" role="status" data-role="letter-status"></p>'
    "</div></dialog>"
    # The letter as it prints, filled in only while one letter is printed (a textarea prints cut off
    # at its own height). Not a <pre>: the theme styles every pre in the page's text.
    '<div class="sa-print-copy" id="sa-letter-print" aria-hidden="true"></div>'
)

LOADING = "Getting the live checker ready. You can start answering now."
# The progress bar's label until the page script counts the bytes (self-audit.mjs).
LOADING_BAR = "Getting the checker ready"

# Shown only when the browser runs no script (a <noscript> element: nothing to hide or flash when
# scripts do run).
NO_SCRIPT = (
    '<noscript><div class="sa-no-script" id="sa-no-script">'
    "<p><strong>This page is working as a paper checklist.</strong> JavaScript is off in this browser, "
    "so the page cannot work out your own dates or draft your letters.</p>"
    "<p>You can still use it: find your time limit in the table below, answer the questions, "
    "then print this page and tick the checklist by hand.</p>"
    "</div></noscript>"
)

NO_PLAN = "If you pay for the scan yourself (no health plan)"


def _plan_names(plans: list[str], schema: dict) -> str:
    """ "A plan from my job ...; or a plan I bought myself ...": the plan_type options' own labels."""
    if not plans:
        return NO_PLAN
    options = next((q.get("options") or [] for q in schema["questions"] if q["id"] == "plan_type"), [])
    labels = {o["id"]: o["label"] for o in options}
    names = [labels.get(plan, plan) for plan in plans]
    rest = [("a " + n[2:]) if n.startswith("A ") else n for n in names[1:]]
    return "; or ".join([names[0], *rest])


def render_rules_table(rules: dict, schema: dict) -> str:
    """The reader's time limits to act (rules of kind "file"), grouped by plan, in the rules file's
    order, with the "check your own notice" sentence. Rendered at build time from the same data the
    engine computes dates from; shown without JavaScript and when the engine cannot start."""
    groups: dict[tuple[str, ...], list[dict]] = {}
    for rule in rules["rules"].values():
        if rule.get("kind") == "file":
            groups.setdefault(tuple(rule.get("plans") or ()), []).append(rule)
    if not groups:
        raise ValueError("rules: no rule of kind 'file', so the page would show no deadline")
    bodies = []
    for plans, group in groups.items():
        rows = [
            f'<tr><th scope="rowgroup" colspan="2" class="sa-rules-plan">{escape(_plan_names(list(plans), schema))}</th></tr>'
        ]
        for rule in group:
            note = f'<p class="sa-deadline-note">{escape(rule["note"])}</p>' if rule.get("note") else ""
            rows.append(
                f'<tr><td><span class="sa-deadline-label">{escape(rule["label"])}</span>{note}'
                f'<p class="sa-citation">Source: {escape(rule["citation"])}</p></td>'
                f"<td><strong>{escape(rule['period'])}</strong> from {escape(rule['start'])}</td></tr>"
            )
        bodies.append(f"<tbody>{''.join(rows)}</tbody>")
    return (
        '<section class="sa-static-deadlines" id="sa-static-deadlines" aria-labelledby="sa-static-deadlines-title">'
        '<h2 id="sa-static-deadlines-title">Your time limit to appeal</h2>'
        "<p>Find your kind of plan below. The time counts from the day in the right-hand column. "
        "Not sure which plan you have? Use the shortest time limit that could apply to you, and ask your plan.</p>"
        f'<p class="sa-check-notice">{escape(rules["check_notice"])}</p>'
        '<table class="sa-rules-table">'
        '<thead><tr><th scope="col">What to do</th><th scope="col">Time limit</th></tr></thead>'
        f"{''.join(bodies)}</table></section>"
    )


KEEP = (
    '<section class="sa-keep" id="sa-keep" aria-labelledby="sa-keep-title" hidden>'
    '<h2 id="sa-keep-title">Keep your answers</h2>'
    "<p>Your answers are not saved unless you choose to. They never leave this device.</p>"
    '<div class="sa-option"><input type="checkbox" id="sa-save">'
    '<label for="sa-save">Save my answers in this browser, so they are here next time</label></div>'
    '<p class="sa-hint">Don\'t use this on a shared or public computer. Instead, download your answers to a file.</p>'
    '<div class="sa-buttons">'
    '<button type="button" class="md-button" id="sa-export">Download my answers (.json)</button>'
    '<button type="button" class="md-button" id="sa-import-button">Open an answers file</button>'
    '<input type="file" id="sa-import" accept=".json,application/json" hidden>'
    '<button type="button" class="md-button" id="sa-delete">Delete my answers</button>'
    "</div>"
    '<p class="sa-note" id="sa-keep-status" role="status"></p>'
    "</section>"
)


def _step_head(sections: list[dict]) -> str:
    """The first step's heading as steps.mjs shows it, in place before the script runs, so the form
    does not move down when it does (the script puts its own in this place). Without JavaScript it
    is not shown (no-js.css): the page is then one form."""
    if not sections:
        return ""
    return (
        '<div class="sa-step-head" id="sa-step-head"><h2 id="sa-step-heading" tabindex="-1">'
        f'<span class="sa-step-count">Step 1 of {len(sections)}:</span> '
        f'<span class="sa-step-title">{escape(sections[0]["title"])}</span></h2></div>'
    )


def render_self_audit(schema: dict, href: Callable[[str], str], titles: dict[str, str], rules: dict) -> str:
    """The whole static widget: error summary and live-report slots, the time limits (for readers
    without JavaScript, or when the engine cannot start), the questions as a form, the letters and
    keep-your-answers panels (shown once the engine runs), and the checklist items.
    titles: each page's title by its site-relative URL ("guides/why-denied/"), for link texts here
    and, through data-link-titles, in the live report. rules: checklist_engine.load_rules()."""
    sections = schema.get("sections") or []
    limits = schema["limits"]
    fieldsets = "".join(
        f'<fieldset class="sa-section" id="section-{_attr(sec["id"])}"><legend class="sa-section-title">{escape(sec["title"])}</legend>'
        + "".join(render_question(q, limits["text_chars"]) for q in questions)
        + "</fieldset>"
        for sec, questions in _grouped(schema["questions"], sections)
    )
    items = "".join(render_item(item, href, titles) for item in schema["items"])
    return (
        f'<div class="sa" id="self-audit" data-checklist-version="{_attr(schema.get("checklist_version", ""))}" '
        f'data-site-root="{_attr(href(""))}" data-link-titles="{_attr(json.dumps(titles, sort_keys=True))}">'
        '<div class="sa-error-summary" id="sa-errors" role="region" tabindex="-1" aria-labelledby="sa-errors-title" hidden>'
        '<h2 id="sa-errors-title">There is a problem</h2><ul id="sa-errors-list"></ul></div>'
        '<section class="sa-report" id="sa-report" aria-labelledby="sa-report-title">'
        '<h2 id="sa-report-title" tabindex="-1">Your live report</h2>'
        # Without JavaScript this whole section is hidden (no-js.css); the page script replaces
        # this line at once with the engine's progress.
        f'<p class="sa-status" id="sa-status" role="status">{escape(LOADING)}</p>'
        # Built here, not by the script, so the form below does not move down when it runs.
        '<div class="sa-loading sa-no-print" id="sa-loading">'
        f'<label for="sa-progress">{escape(LOADING_BAR)}</label><progress id="sa-progress"></progress></div>'
        '<div id="sa-result" hidden></div>'
        '<p class="sa-visually-hidden" id="sa-announce" aria-live="polite"></p>'
        "</section>"
        f"{NO_SCRIPT}{render_rules_table(rules, schema)}"
        # where the page script puts "Start from your denial letter" (explain.mjs); the home page links here
        '<div class="sa-explain-slot" id="start-from-letter"></div>'
        f"{_step_head(sections)}"
        # The engine's limits and its words for a problem, for the page's own first check (form.mjs,
        # keep.mjs) while the engine starts: one source.
        f'<form class="sa-form" id="sa-form" novalidate autocomplete="off" '
        f'data-limits="{_attr(json.dumps(limits, sort_keys=True))}" '
        f'data-messages="{_attr(json.dumps(schema["messages"], sort_keys=True))}">{fieldsets}'
        '<div class="sa-actions" id="sa-actions" hidden>'
        '<p class="sa-next-inline" id="sa-next-inline" hidden></p>'
        '<button type="button" class="md-button md-button--primary" id="sa-check">Check my appeal</button>'
        "</div></form>"
        '<section class="sa-letters" id="sa-letters" aria-labelledby="sa-letters-title" hidden>'
        '<h2 id="sa-letters-title">Your letters</h2>'
        "<p>Each letter opens on its own. Fill in anything in [brackets], check every fact, then copy, "
        'download or print it.</p><div id="sa-letter-list"></div></section>'
        f"{KEEP}"
        '<section class="sa-checklist" aria-labelledby="sa-checklist-title">'
        '<h2 id="sa-checklist-title">Your appeal checklist</h2>'
        f'<ul class="sa-items" id="sa-items">{items}</ul>'
        f"</section>{LETTER_VIEW}</div>"
    )
