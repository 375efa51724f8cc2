"""Render the self-audit as static HTML form controls from the engine's schema.

The page works before and without the engine: real, labelled controls a reader can fill in and
print. Every string from the data is escaped; nothing a reader types ever passes through here.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from html import escape

SELECT_FROM = 12  # a choice with more options than this (the reader's state) is a drop-down list

# The form's own words: tr(an English text) gives the page language's text (sitebuild/page_strings.py;
# the identity on an English page). The data's text (questions, items) comes translated in the schema.
Translate = Callable[[str], str]


def _same(text: str) -> str:
    return text


def translator(strings: dict[str, str] | None) -> Translate:
    """tr() for a catalogue (English -> the page language), as sitebuild.page_strings.strings gives it."""
    known = dict(strings or {})
    return lambda text: known.get(text, text)


def _attr(value: str) -> str:
    return escape(str(value), quote=True)


def _hint(question: dict, hint_id: str) -> str:
    hint = question.get("hint")
    return f'<div class="sa-hint" id="{hint_id}">{escape(hint)}</div>' if hint else ""


def _label_text(question: dict, tr: Translate = _same) -> str:
    optional = f' <span class="sa-optional">{escape(tr("(optional)"))}</span>' if question.get("optional") else ""
    return f"{escape(question['label'])}{optional}"


def _options(question: dict, tr: Translate = _same) -> list[dict]:
    if question["type"] == "boolean":
        return [{"id": "yes", "label": tr("Yes")}, {"id": "no", "label": tr("No")}]
    return question.get("options") or []


def render_question(question: dict, text_chars: int, tr: Translate = _same) -> str:
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
            f'{head}<label class="sa-label" for="{base}">{_label_text(question, tr)}</label>{_hint(question, hint_id)}'
            f'<select class="sa-input" id="{base}" name="{_attr(qid)}"{described}>'
            f'<option value="">{escape(tr("Choose one"))}</option>{choices}</select></div>'
        )
    if qtype in ("choice", "multi", "boolean"):
        kind = "checkbox" if qtype == "multi" else "radio"
        rows = []
        for n, option in enumerate(_options(question, tr)):
            oid = f"{base}-{n}"
            rows.append(
                f'<div class="sa-option"><input type="{kind}" id="{oid}" name="{_attr(qid)}" '
                f'value="{_attr(option["id"])}"><label for="{oid}">{escape(option["label"])}</label></div>'
            )
        return (
            f'{head}<fieldset class="sa-fieldset"{described}><legend class="sa-label">{_label_text(question, tr)}</legend>'
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
        f'{head}<label class="sa-label" for="{base}">{_label_text(question, tr)}</label>{_hint(question, hint_id)}'
        f'<input class="sa-input" type="{input_type}" id="{base}" name="{_attr(qid)}"{described}{extra}></div>'
    )


def page_of(link: str) -> str:
    """The page a checklist link opens: "guides/what-to-send/#copies" -> "guides/what-to-send/"."""
    return link.split("#", 1)[0]


def guide_link(link: str, href: Callable[[str], str], titles: dict[str, str], lead: str = "See:") -> str:
    # lead: already in the page's language
    """ "See: <a>What to send with your appeal</a>": a link that names the page it opens, so a list
    of the page's links (as a screen reader gives it) still makes sense."""
    return f' {lead} <a class="sa-more" href="{_attr(href(link))}">{escape(titles[page_of(link)])}</a>'


def render_item(item: dict, href: Callable[[str], str], titles: dict[str, str], tr: Translate = _same) -> str:
    severity = item.get("severity", "helpful")
    link = item.get("link")
    more = guide_link(link, href, titles, escape(tr("See:"))) if link else ""
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


def _grouped(entries: list[dict], sections: list[dict], tr: Translate = _same) -> list[tuple[dict, list[dict]]]:
    order = [s["id"] for s in sections]
    titles = {s["id"]: s for s in sections}
    groups: dict[str | None, list[dict]] = {}
    for entry in entries:
        groups.setdefault(entry.get("section"), []).append(entry)
    keys = [k for k in order if k in groups] + [k for k in groups if k not in titles]
    return [(titles.get(k, {"id": k or "general", "title": tr("Questions")}), groups[k]) for k in keys]


# "Your letters": one button per letter that fits the reader's level (filled in by letters.mjs from
# the report), and ONE view, a modal <dialog>, where the chosen letter is edited, copied, downloaded
# and printed. The letter is on screen once, in a textarea that wraps at any width. The letters are
# English (plans answer in English): on a page in another language the textarea says so (lang="en")
# and a line above it tells the reader.
def letter_view(tr: Translate = _same, lang: str = "en") -> str:
    english = tr("Letters to your plan are in English, because plans answer in English.")
    note = "" if lang == "en" else f'<p class="sa-note">{escape(english)}</p>'
    in_english = "" if lang == "en" else ' lang="en"'
    return (
        '<dialog class="sa-letter-view" id="sa-letter-view" aria-labelledby="sa-letter-view-title" '
        'aria-describedby="sa-letter-view-hint">'
        '<div class="sa-letter" id="sa-letter-view-panel">'
        f'<h2 id="sa-letter-view-title">{escape(tr("Your letter"))}</h2>{note}'
        '<p class="sa-hint" id="sa-letter-view-hint"></p>'
        '<textarea class="sa-textarea" id="sa-letter-text" rows="16" spellcheck="true" autocomplete="off" '
        f'aria-labelledby="sa-letter-view-title" aria-describedby="sa-letter-view-hint"{in_english}></textarea>'
        f'<p class="sa-letter-edited" hidden>{escape(tr("You changed this letter, so it no longer follows your answers."))} '
        f'<button type="button" class="sa-link-button" data-action="rebuild">{escape(tr("Rebuild it from my answers"))}</button></p>'
        '<div class="sa-buttons">'
        f'<button type="button" class="md-button" data-action="copy">{escape(tr("Copy"))}</button>'
        f'<button type="button" class="md-button" data-action="txt">{escape(tr("Download (.txt)"))}</button>'
        f'<button type="button" class="md-button" data-action="rtf">{escape(tr("Download for Word (.rtf)"))}</button>'
        f'<button type="button" class="md-button" data-action="print">{escape(tr("Print this letter"))}</button>'
        f'<button type="button" class="md-button md-button--primary" data-action="close">{escape(tr("Close"))}</button>'
        "</div>"
        '<p class="sa-note" role="status" data-role="letter-status"></p>'
        f"{_letter_reading(tr, lang)}"
        "</div></dialog>"
        # The letter as it prints, filled in only while one letter is printed (a textarea prints cut off
        # at its own height). Not a <pre>: the theme styles every pre in the page's text.
        f'<div class="sa-print-copy" id="sa-letter-print" aria-hidden="true"{in_english}></div>'
    )


# On a page in another language: the same letter in the reader's language, to read (the engine's
# "reading" letters, filled in by letter-view.mjs paragraph by paragraph), in a native toggle, with
# its own download that says which one to send.
def _letter_reading(tr: Translate, lang: str) -> str:
    if lang == "en":
        return ""
    note = tr("The same letter in Spanish, to read. Send the letter in English: your plan answers in English.")
    edited = tr(
        "This Spanish version follows your answers. It does not show the changes you made to the English letter."
    )
    return (
        f'<details class="sa-letter-reading" lang="{escape(lang)}">'
        f"<summary>{escape(tr('See the letter in Spanish'))}</summary>"
        f'<p class="sa-note">{escape(note)}</p>'
        f'<p class="sa-note sa-letter-reading-edited" hidden>{escape(edited)}</p>'
        '<div class="sa-letter-reading-text" data-role="letter-reading"></div>'
        '<div class="sa-buttons">'
        f'<button type="button" class="md-button" data-action="reading-txt">'
        f"{escape(tr('Download in Spanish (.txt), to read; send the letter in English'))}</button>"
        "</div></details>"
    )


# Shown only when the browser runs no script (a <noscript> element: nothing to hide or flash when
# scripts do run).
def no_script(tr: Translate = _same) -> str:
    return (
        '<noscript><div class="sa-no-script" id="sa-no-script">'
        f"<p><strong>{escape(tr('This page is working as a paper checklist.'))}</strong> "
        f"{escape(tr('JavaScript is off in this browser, so the page cannot work out your own dates or draft your letters.'))}</p>"
        f"<p>{escape(tr('You can still use it: find your time limit in the table below, answer the questions, then print this page and tick the checklist by hand.'))}</p>"
        "</div></noscript>"
    )


def _plan_names(plans: list[str], schema: dict, tr: Translate = _same) -> str:
    """ "A plan from my job ...; or a plan I bought myself ...": the plan_type options' own labels."""
    if not plans:
        return tr("If you pay for the scan yourself (no health plan)")
    options = next((q.get("options") or [] for q in schema["questions"] if q["id"] == "plan_type"), [])
    labels = {o["id"]: o["label"] for o in options}
    names = [labels.get(plan, plan) for plan in plans]
    article = tr("A ")  # a label that starts with it is lowercased after "or"
    rest = [(article.lower() + n[len(article) :]) if n.startswith(article) else n for n in names[1:]]
    return tr("; or ").join([names[0], *rest])


def render_rules_table(rules: dict, schema: dict, tr: Translate = _same) -> str:
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
            f'<tr><th scope="rowgroup" colspan="2" class="sa-rules-plan">{escape(_plan_names(list(plans), schema, tr))}</th></tr>'
        ]
        for rule in group:
            note = f'<p class="sa-deadline-note">{escape(rule["note"])}</p>' if rule.get("note") else ""
            rows.append(
                f'<tr><td><span class="sa-deadline-label">{escape(rule["label"])}</span>{note}'
                f'<p class="sa-citation">{escape(tr("Source:"))} {escape(rule["citation"])}</p></td>'
                f"<td><strong>{escape(rule['period'])}</strong> {escape(tr('from'))} {escape(rule['start'])}</td></tr>"
            )
        bodies.append(f"<tbody>{''.join(rows)}</tbody>")
    return (
        '<section class="sa-static-deadlines" id="sa-static-deadlines" aria-labelledby="sa-static-deadlines-title">'
        f'<h2 id="sa-static-deadlines-title">{escape(tr("Your time limit to appeal"))}</h2>'
        f"<p>{escape(tr('Find your kind of plan below. The time counts from the day in the right-hand column. Not sure which plan you have? Use the shortest time limit that could apply to you, and ask your plan.'))}</p>"
        f'<p class="sa-check-notice">{escape(rules["check_notice"])}</p>'
        '<table class="sa-rules-table">'
        f'<thead><tr><th scope="col">{escape(tr("What to do"))}</th><th scope="col">{escape(tr("Time limit"))}</th></tr></thead>'
        f"{''.join(bodies)}</table></section>"
    )


def keep(tr: Translate = _same) -> str:
    shared = tr("Don't use this on a shared or public computer. Instead, download your answers to a file.")
    return (
        '<section class="sa-keep" id="sa-keep" aria-labelledby="sa-keep-title" hidden>'
        f'<h2 id="sa-keep-title">{escape(tr("Keep your answers"))}</h2>'
        f"<p>{escape(tr('Your answers are not saved unless you choose to. They never leave this device.'))}</p>"
        '<div class="sa-option"><input type="checkbox" id="sa-save">'
        f'<label for="sa-save">{escape(tr("Save my answers in this browser, so they are here next time"))}</label></div>'
        f'<p class="sa-hint">{escape(shared)}</p>'
        '<div class="sa-buttons">'
        f'<button type="button" class="md-button" id="sa-export">{escape(tr("Download my answers (.json)"))}</button>'
        f'<button type="button" class="md-button" id="sa-import-button">{escape(tr("Open an answers file"))}</button>'
        '<input type="file" id="sa-import" accept=".json,application/json" hidden>'
        f'<button type="button" class="md-button" id="sa-delete">{escape(tr("Delete my answers"))}</button>'
        "</div>"
        '<p class="sa-note" id="sa-keep-status" role="status"></p>'
        "</section>"
    )


def _step_head(sections: list[dict], tr: Translate = _same) -> str:
    """The first step's heading as steps.mjs shows it, in place before the script runs, so the form
    does not move down when it does (the script puts its own in this place). Without JavaScript it
    is not shown (no-js.css): the page is then one form."""
    if not sections:
        return ""
    count = tr("Step {n} of {total}:").replace("{n}", "1").replace("{total}", str(len(sections)))
    return (
        '<div class="sa-step-head" id="sa-step-head"><h2 id="sa-step-heading" tabindex="-1">'
        f'<span class="sa-step-count">{escape(count)}</span> '
        f'<span class="sa-step-title">{escape(sections[0]["title"])}</span></h2></div>'
    )


def render_self_audit(
    schema: dict,
    href: Callable[[str], str],
    titles: dict[str, str],
    rules: dict,
    strings: dict[str, str] | None = None,
    lang: str = "en",
) -> str:
    """The whole static widget: error summary and live-report slots, the time limits (for readers
    without JavaScript, or when the engine cannot start), the questions as a form, the letters and
    keep-your-answers panels (shown once the engine runs), and the checklist items.
    titles: each page's title by its site-relative URL ("guides/why-denied/"), for link texts here
    and, through data-link-titles, in the live report. rules: checklist_engine.load_rules().
    schema and rules in the page's language `lang`; strings: the page's own words in it (English ->
    translation, sitebuild.page_strings.strings), also put on the page for its scripts (data-strings)."""
    tr = translator(strings)
    sections = schema.get("sections") or []
    limits = schema["limits"]
    fieldsets = "".join(
        f'<fieldset class="sa-section" id="section-{_attr(sec["id"])}"><legend class="sa-section-title">{escape(sec["title"])}</legend>'
        + "".join(render_question(q, limits["text_chars"], tr) for q in questions)
        + "</fieldset>"
        for sec, questions in _grouped(schema["questions"], sections, tr)
    )
    items = "".join(render_item(item, href, titles, tr) for item in schema["items"])
    page_strings = f' data-strings="{_attr(json.dumps(strings, sort_keys=True))}"' if strings else ""
    return (
        f'<div class="sa" id="self-audit" data-checklist-version="{_attr(schema.get("checklist_version", ""))}" '
        f'data-site-root="{_attr(href(""))}" data-link-titles="{_attr(json.dumps(titles, sort_keys=True))}"{page_strings}>'
        '<div class="sa-error-summary" id="sa-errors" role="region" tabindex="-1" aria-labelledby="sa-errors-title" hidden>'
        f'<h2 id="sa-errors-title">{escape(tr("There is a problem"))}</h2><ul id="sa-errors-list"></ul></div>'
        '<section class="sa-report" id="sa-report" aria-labelledby="sa-report-title">'
        f'<h2 id="sa-report-title" tabindex="-1">{escape(tr("Your live report"))}</h2>'
        # Without JavaScript this whole section is hidden (no-js.css); the page script replaces
        # this line at once with the engine's progress.
        f'<p class="sa-status" id="sa-status" role="status">{escape(tr("Getting the live checker ready. You can start answering now."))}</p>'
        # Built here, not by the script, so the form below does not move down when it runs.
        '<div class="sa-loading sa-no-print" id="sa-loading">'
        f'<label for="sa-progress">{escape(tr("Getting the checker ready"))}</label><progress id="sa-progress"></progress></div>'
        '<div id="sa-result" hidden></div>'
        '<p class="sa-visually-hidden" id="sa-announce" aria-live="polite"></p>'
        "</section>"
        f"{no_script(tr)}{render_rules_table(rules, schema, tr)}"
        # where the page script puts "Start from your denial letter" (explain.mjs); the home page links here
        '<div class="sa-explain-slot" id="start-from-letter"></div>'
        f"{_step_head(sections, tr)}"
        # The engine's limits and its words for a problem, for the page's own first check (form.mjs,
        # keep.mjs) while the engine starts: one source.
        f'<form class="sa-form" id="sa-form" novalidate autocomplete="off" '
        f'data-limits="{_attr(json.dumps(limits, sort_keys=True))}" '
        f'data-messages="{_attr(json.dumps(schema["messages"], sort_keys=True))}">{fieldsets}'
        '<div class="sa-actions" id="sa-actions" hidden>'
        '<p class="sa-next-inline" id="sa-next-inline" hidden></p>'
        f'<button type="button" class="md-button md-button--primary" id="sa-check">{escape(tr("Check my appeal"))}</button>'
        "</div></form>"
        '<section class="sa-letters" id="sa-letters" aria-labelledby="sa-letters-title" hidden>'
        f'<h2 id="sa-letters-title">{escape(tr("Your letters"))}</h2>'
        f"<p>{escape(tr('Each letter opens on its own. Fill in anything in [brackets], check every fact, then copy, download or print it.'))}</p>"
        '<div id="sa-letter-list"></div></section>'
        f"{keep(tr)}"
        '<section class="sa-checklist" aria-labelledby="sa-checklist-title">'
        f'<h2 id="sa-checklist-title">{escape(tr("Your appeal checklist"))}</h2>'
        f'<ul class="sa-items" id="sa-items">{items}</ul>'
        f"</section>{letter_view(tr, lang)}</div>"
    )
