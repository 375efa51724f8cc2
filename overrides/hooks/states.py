"""Insert the state help table (checklist_engine/data/states.toml) into a page: `{{ states_table }}`.

The same checked data the engine's `state_help` reads. Only confirmed facts are shown; a gap says
"Not confirmed". Official regulator websites become links; sources are shown as plain text, so
the site links to no unofficial page.

On a Spanish page (docs/rights/states.es.md) every word comes from a catalogue keyed by the exact
English: the data's texts from checklist_engine/data/es/states.toml, the table's own words from
sitebuild/states.es.toml. A text with no Spanish there fails the build and names the text, so no
English slips onto the Spanish page and no stale Spanish stays after the English changes. Agency
names, phone numbers, websites, citations and dates are the same in both languages.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Callable
from pathlib import Path

from mkdocs.exceptions import PluginError

from checklist_engine.states import load_states

TOKEN = re.compile(r"\{\{\s*states_table\s*\}\}")
GAP = "Not confirmed"
ROOT = Path(__file__).resolve().parents[2]
CATALOGUES = (ROOT / "checklist_engine" / "data" / "es" / "states.toml", ROOT / "sitebuild" / "states.es.toml")
# the field names of "Where each fact comes from"
FIELD_NAMES = {
    "regulator": "regulator",
    "website": "website",
    "phone": "phone",
    "route": "route",
    "review_name": "review name",
    "deadline": "deadline",
    "assistance": "assistance",
    "note": "note",
    "prior_auth": "prior auth",
}


def _plain(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()


def english(text: str) -> str:
    return text


def spanish_catalogue(paths: tuple[Path, ...] = CATALOGUES) -> Callable[[str], str]:
    """A function from an exact English text to its Spanish; KeyError names a text with none."""
    texts: dict[str, str] = {}
    for path in paths:
        with path.open("rb") as handle:
            for entry in tomllib.load(handle).get("text", []):
                texts[entry["en"]] = entry["es"]

    def spanish(text: str) -> str:
        if text not in texts:
            raise KeyError(f"no Spanish for {text!r} (add it to {' or '.join(p.name for p in paths)})")
        return texts[text]

    return spanish


def _regulator(state, t) -> str:
    if state.regulator and state.website:
        return f"[{state.regulator.value}]({state.website.value})"
    if state.regulator:
        return state.regulator.value
    if state.website:
        return f"[{t('Website')}]({state.website.value})"
    return t(GAP)


def _route(state, t) -> str:
    if state.route is None:
        return t(f"{GAP}: see your final denial letter")
    if state.route.value == "federal":
        return t("Federal process (run by HHS)")
    return t("State process") + (f": {t(state.review_name.value)}" if state.review_name else "")


def states_table(t: Callable[[str], str] = english) -> str:
    """Markdown: the table (one row per state and DC), then notes, then sources per state.
    `t` gives each reader-facing text in the page's language (English by default)."""
    # in the order of the names the reader sees ("Carolina del Norte" under C), accents aside
    states = sorted(load_states().states.values(), key=lambda s: _plain(t(s.name)))
    rows = [
        "| "
        + " | ".join(
            t(h) for h in ("State", "Insurance regulator", "Phone", "External review for insured plans", "Time to ask")
        )
        + " |",
        "|---|---|---|---|---|",
    ]
    for s in states:
        phone = s.phone.value if s.phone else t(GAP)
        if s.deadline:
            deadline = t(s.deadline.value)
        elif s.route and s.route.value == "federal":
            deadline = t("4 months (federal rule)")
        else:
            deadline = t(f"{GAP}: see your denial letter")
        rows.append(f"| {t(s.name)} | {_regulator(s, t)} | {phone} | {_route(s, t)} | {deadline} |")
    notes = []
    for s in states:
        lines = []
        if s.assistance:
            help_ = t(s.assistance.value) + (f", {s.assistance.phone}" if s.assistance.phone else "")
            lines.append(f"{t('Free help:')} {help_}.")
        if s.note:
            lines.append(t(s.note.value))
        lines += [f"{t('Prior authorization:')} {t(fact.value)}" for fact in s.prior_auth]
        if lines:
            notes.append(f"- **{t(s.name)}.** " + " ".join(lines))
    sources = []
    for s in states:
        facts = s.facts()
        if facts:
            parts = "; ".join(
                f"{t(FIELD_NAMES[field])}: " + ", ".join(f"`{cite}`" for cite in fact.sources) for field, fact in facts
            )
            checked = t("checked")
            sources.append(f"- **{t(s.name)}** ({checked} {facts[0][1].checked.isoformat()}). {parts}.")
    return (
        "\n".join(rows)
        + f"\n\n### {t('Notes by state')}"
        + " { #notes-by-state }\n\n"
        + "\n".join(notes)
        + f"\n\n### {t('Where each fact comes from')}"
        + " { #where-each-fact-comes-from }\n\n"
        + "\n".join(sources)
    )


def on_page_markdown(markdown: str, page, config, files) -> str:
    if not TOKEN.search(markdown):
        return markdown
    if getattr(getattr(page, "file", None), "locale", "en") == "es":
        try:
            table = states_table(spanish_catalogue())
        except KeyError as error:
            raise PluginError(f"{page.file.src_uri}: {error.args[0]}") from error
    else:
        table = states_table()
    return TOKEN.sub(lambda _match: table, markdown)
