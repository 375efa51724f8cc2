"""Insert the state help table (checklist_engine/data/states.toml) into a page: `{{ states_table }}`.

The same checked data the engine's `state_help` reads. Only confirmed facts are shown; a gap says
"Not confirmed". Official regulator websites become links; sources are shown as plain text, so
the site links to no unofficial page.
"""

from __future__ import annotations

import re

from checklist_engine.states import load_states

TOKEN = re.compile(r"\{\{\s*states_table\s*\}\}")
GAP = "Not confirmed"


def _regulator(state) -> str:
    if state.regulator and state.website:
        return f"[{state.regulator.value}]({state.website.value})"
    if state.regulator:
        return state.regulator.value
    if state.website:
        return f"[Website]({state.website.value})"
    return GAP


def _route(state) -> str:
    if state.route is None:
        return f"{GAP}: see your final denial letter"
    if state.route.value == "federal":
        return "Federal process (run by HHS)"
    return "State process" + (f": {state.review_name.value}" if state.review_name else "")


def states_table() -> str:
    """Markdown: the table (one row per state and DC), then notes, then sources per state."""
    states = load_states().states.values()
    rows = [
        "| State | Insurance regulator | Phone | External review for insured plans | Time to ask |",
        "|---|---|---|---|---|",
    ]
    for s in states:
        phone = s.phone.value if s.phone else GAP
        if s.deadline:
            deadline = s.deadline.value
        elif s.route and s.route.value == "federal":
            deadline = "4 months (federal rule)"
        else:
            deadline = f"{GAP}: see your denial letter"
        rows.append(f"| {s.name} | {_regulator(s)} | {phone} | {_route(s)} | {deadline} |")
    notes = []
    for s in states:
        lines = []
        if s.assistance:
            help_ = s.assistance.value + (f", {s.assistance.phone}" if s.assistance.phone else "")
            lines.append(f"Free help: {help_}.")
        if s.note:
            lines.append(s.note.value)
        lines += [f"Prior authorization: {fact.value}" for fact in s.prior_auth]
        if lines:
            notes.append(f"- **{s.name}.** " + " ".join(lines))
    sources = []
    for s in states:
        facts = s.facts()
        if facts:
            parts = "; ".join(
                f"{field.replace('_', ' ')}: " + ", ".join(f"`{cite}`" for cite in fact.sources)
                for field, fact in facts
            )
            sources.append(f"- **{s.name}** (checked {facts[0][1].checked.isoformat()}). {parts}.")
    return (
        "\n".join(rows)
        + "\n\n### Notes by state\n\n"
        + "\n".join(notes)
        + "\n\n### Where each fact comes from\n\n"
        + "\n".join(sources)
    )


def on_page_markdown(markdown: str, page, config, files) -> str:
    if not TOKEN.search(markdown):
        return markdown
    table = states_table()
    return TOKEN.sub(lambda _match: table, markdown)
