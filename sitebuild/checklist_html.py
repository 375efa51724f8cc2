"""Render the self-audit as static HTML form controls from the engine's schema.

The page works before and without the engine: real, labelled controls a reader can fill in and
print. Every string from the data is escaped; nothing a reader types ever passes through here.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

SEVERITY_LABEL = {"critical": "Must do", "important": "Important", "helpful": "Helps"}


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


def render_question(question: dict) -> str:
    qid, qtype = question["id"], question["type"]
    base = f"q-{qid}"
    hint_id = f"{base}-hint"
    described = f' aria-describedby="{hint_id}"' if question.get("hint") else ""
    head = f'<div class="sa-question" id="{base}-block" data-question="{_attr(qid)}" data-type="{_attr(qtype)}">'
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
            f'{_hint(question, hint_id)}{"".join(rows)}</fieldset></div>'
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
        extra = ' autocomplete="off" spellcheck="true"'
    return (
        f'{head}<label class="sa-label" for="{base}">{_label_text(question)}</label>{_hint(question, hint_id)}'
        f'<input class="sa-input" type="{input_type}" id="{base}" name="{_attr(qid)}"{described}{extra}></div>'
    )


def render_item(item: dict, href: Callable[[str], str]) -> str:
    severity = item.get("severity", "helpful")
    link = item.get("link")
    more = f' <a href="{_attr(href(link))}">Learn how</a>' if link else ""
    why = f'<p class="sa-why">{escape(item["why"])}</p>' if item.get("why") else ""
    fix = f'<p class="sa-fix">{escape(item["fix"])}{more}</p>' if item.get("fix") else (f"<p>{more}</p>" if more else "")
    return (
        f'<li class="sa-item" id="item-{_attr(item["id"])}" data-item="{_attr(item["id"])}" data-severity="{_attr(severity)}">'
        f'<span class="sa-box" aria-hidden="true"></span>'
        f'<span class="sa-item-title">{escape(item["title"])}</span> '
        f'<span class="sa-severity sa-severity--{_attr(severity)}">{SEVERITY_LABEL.get(severity, severity)}</span>'
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


def render_self_audit(schema: dict, href: Callable[[str], str]) -> str:
    """The whole static widget: live-report slot, the questions as a form, the checklist items."""
    sections = schema.get("sections") or []
    fieldsets = "".join(
        f'<fieldset class="sa-section" id="section-{_attr(sec["id"])}"><legend class="sa-section-title">{escape(sec["title"])}</legend>'
        + "".join(render_question(q) for q in questions)
        + "</fieldset>"
        for sec, questions in _grouped(schema["questions"], sections)
    )
    items = "".join(render_item(item, href) for item in schema["items"])
    return (
        '<div class="sa" id="self-audit" data-schema-version="'
        + _attr(schema.get("checklist_version", ""))
        + '">'
        '<section class="sa-report" id="sa-report" aria-labelledby="sa-report-title">'
        '<h2 id="sa-report-title">Your live report</h2>'
        '<p class="sa-status" id="sa-status" role="status">'
        "The live report needs JavaScript. You can still answer the questions and print this page."
        "</p>"
        '<div id="sa-result" hidden></div>'
        "</section>"
        f'<form class="sa-form" id="sa-form" novalidate autocomplete="off">{fieldsets}</form>'
        '<section class="sa-checklist" aria-labelledby="sa-checklist-title">'
        '<h2 id="sa-checklist-title">Your appeal checklist</h2>'
        f'<ul class="sa-items" id="sa-items">{items}</ul>'
        "</section></div>"
    )
