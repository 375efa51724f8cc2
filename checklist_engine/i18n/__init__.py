"""The engine in other languages: catalogues keyed by the English text (the gettext model).

Each data file `data/X.toml` may have a catalogue per language, `data/<lang>/X.toml`:

    [[text]]
    en = "The exact English text of the data file"
    es = "Su traducción"

`translate(doc, catalogue, keys)` returns a copy of a parsed data file with the string values of
the translatable keys (KEYS: one declared table per data file) replaced by their translation. An
English text that changed no longer finds its entry: `status` names it as missing (and the old
entry as an orphan). Placeholders ({plan}, {date}) must be the same set in both languages.

    python -m checklist_engine.i18n status [--lang es]        missing / orphan / placeholder problems; exit 1 if any
    python -m checklist_engine.i18n skeleton data/X.toml [--lang es]   the entries still missing, `es` empty

Only text changes with the language: ids, dates, citations and the structure stay the same.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

_PACKAGE = "checklist_engine"

DEFAULT = "en"
LANGS = ("en", "es")
PLACEHOLDER = re.compile(r"\{[a-z_][a-z0-9_]*\}")

# For each data file: which string-valued keys are reader text (translated) and which are not
# (ids, conditions, links, citations, sources, patterns). A key path is the chain of table keys from
# the top (arrays of tables are transparent); "*" stands for any one key (a level id, a state code).
# A test checks every string-valued key of every data file is in one of the two lists, so a new key
# cannot slip by untranslated. Citations stay as written: they name US law in English.
KEYS: dict[str, dict[str, tuple[str, ...]]] = {
    "checklist.toml": {
        "translate": (
            "sections.title",
            "questions.label",
            "questions.hint",
            "questions.options.label",
            "items.title",
            "items.why",
            "items.fix",
        ),
        "keep": (
            "version",
            "sections.id",
            "questions.id",
            "questions.section",
            "questions.type",
            "questions.options.id",
            "questions.options.show_if",
            "questions.options_from",
            "questions.show_if",
            "items.id",
            "items.section",
            "items.severity",
            "items.link",
            "items.question",
            "items.done_if",
            "items.applies_if",
        ),
    },
    "messages.toml": {
        "translate": (
            "messages.*",
            "dates.long",
            "dates.months",
            "dates.weekdays",
            "letters.titles",
        ),
        "keep": (),
    },
    "appeal_map.toml": {
        "translate": (
            "paths.name",
            "paths.notes.*",
            "paths.late",
            "paths.complain",
            "paths.route",
            "paths.check_notice",
            "paths.later",
            "levels.*.name",
            "levels.*.action",
            "levels.*.who_decides",
            "levels.*.send_to",
            "levels.*.deadline_text",
            "levels.*.note",
            "rights.*",
            "emergency.*",
            "specific_reason.*",
        ),
        "keep": (
            "expedited",
            "paths.id",
            "paths.when",
            "paths.levels",
            "paths.first_decision.*",
            "paths.rights",
            "paths.emergency",
            "paths.specific_reason",
            "paths.late_certain_from",
            "levels.*.from",
            "levels.*.file",
            "levels.*.decision.*",
            "levels.*.letter",
            "levels.*.link",
        ),
    },
    "rules.toml": {
        "translate": ("check_notice", "rules.*.label", "rules.*.period", "rules.*.start", "rules.*.note"),
        "keep": (
            "rules.*.unit",
            "rules.*.citation",
            "rules.*.confidence",
            "rules.*.plans",
            "rules.*.kind",
            "rules.*.source",
            "rules.*.applies_from",
        ),
    },
    "body_areas.toml": {
        "translate": (
            "sources.note",
            "areas.label",
            "areas.letter_name",
            "areas.warning_signs.label",
            "areas.warning_signs.letter",
            "areas.conservative_care.text",
            "areas.criteria.text",
            "areas.document.text",
            "areas.prior_tests.test",
            "areas.prior_tests.text",
            "areas.reasons.label",
        ),
        "keep": (
            "version",
            "question",
            "sources.id",
            "sources.kind",
            "sources.title",
            "sources.citation",
            "sources.url",
            "sources.confidence",
            "areas.id",
            "areas.guide",
            "areas.reason_question",
            "areas.reasons.id",
            "areas.reasons.guide",
            "areas.*.id",
            "areas.*.sources",
            "areas.*.reasons",
            "areas.warning_signs.get_care_now",
            "areas.conservative_care.weeks_source",
        ),
    },
    "events.toml": {
        "translate": (
            "who.1",
            "how.1",
            "types.*.label",
            "types.*.summary",
            "fields.*.label",
            "fields.*.hint",
            "fields.*.options.1",
            "clocks.promise_passed",
            "clocks.ask",
            "clocks.late.*",
        ),
        "keep": (
            "who.0",
            "how.0",
            "types.*.fields",
            "fields.*.type",
            "fields.*.options",
            "fields.*.options.0",
            "fields.*.required",
            "fields.*.not_before",
            "clocks.from_receipt",
            "clocks.from_request",
        ),
    },
    "scripts.toml": {
        "translate": (
            "write_down",
            "have.*.label",
            "have.*.where",
            "scripts.title",
            "scripts.call",
            "scripts.number",
            "scripts.have_also",
            "scripts.say",
            "scripts.say.text",
            "scripts.write_down",
            "scripts.note",
            "scripts.basis.*",
            "scripts.basis_if.text",
        ),
        "keep": (
            "version",
            "sheet.paths",
            "sheet.when",
            "have.*.answer",
            "scripts.id",
            "scripts.who",
            "scripts.paths",
            "scripts.when",
            "scripts.have",
            "scripts.say.if",
            "scripts.basis_if.if",
        ),
    },
    "states.toml": {
        "translate": (
            "federal.federal_deadline",
            "federal.self_funded_reason",
            "federal.unknown_route",
            "federal.shorter_note",
            "federal.unconfirmed_deadline",
            "federal.route_unknown",
            "federal.route_federal",
            "federal.route_state",
            "federal.route_called",
            "federal.route_depends",
            "federal.not_state_plans",
            "federal.deadline_text",
            "states.*.name",
            "states.*.review_name.value",
            "states.*.deadline.value",
            "states.*.assistance.value",
            "states.*.prior_auth.value",
            "states.*.note.value",
        ),
        "keep": (
            "federal.self_funded_citation",
            # an agency's name stays as the agency writes it (the reader looks it up, hears it on the
            # phone); a route is an id ("state", "federal")
            "states.*.regulator.value",
            "states.*.*.website",
            "states.*.website.value",
            "states.*.phone.value",
            "states.*.route.value",  # an id: state | federal | depends
            "states.*.*.phone",
            "states.*.*.basis",
            "states.*.*.sources",
        ),
    },
    "letters.toml": {
        # the letters (letter.py): the letter sent stays English; the Spanish one is for reading.
        # A kind's title is named on the page from messages.toml [letters] titles.
        "translate": (
            "kinds.*.to",
            "kinds.*.re",
            "kinds.*.ask",
            "kinds.*.ask_claim",
            "kinds.*.member",
            "kinds.*.salutation",
            "kinds.*.first_enclosure",
            "requests.*.*.to",
            "requests.*.*.re",
            "requests.*.*.ask",
            "requests.*.*.member",
            "requests.*.*.salutation",
            "reason_summary.*",
            "enclosed.line",
            "doctor.points",
            "phrases.*",
        ),
        "keep": ("kinds.*.title", "requests.*.*.title", "enclosed.question", "enclosed.answer"),
    },
    "extract.toml": {
        # the extractor reads English denial letters: its patterns (labelled.label is a pattern too)
        # stay English; what it shows the reader (the look-for messages, a code's description) is text
        "translate": ("cpt.description", "look_for.message"),
        "keep": (
            "version",
            "months",
            "keywords.*",
            "labelled.id",
            "labelled.label",
            "labelled.field",
            "labelled.confidence",
            "labelled.value",
            "address.*",
            "date_labels.*",
            "deadline.*",
            "weeks.*",
            "cpt.codes",
            "cpt.scan",
            "cpt.body_area",
            "look_for.field",
        ),
    },
}


class CatalogueError(ValueError):
    """A catalogue is wrong. The message names the file, the entry and the problem."""

    def __init__(self, source: str, where: str, problem: str) -> None:
        super().__init__(f"{source}: {where}: {problem}")
        self.source, self.where, self.problem = source, where, problem


@dataclass(frozen=True)
class Catalogue:
    """English text -> translation, for one data file and one language."""

    source: str
    lang: str
    entries: tuple[tuple[str, str], ...]  # (en, translation); an empty translation is not done yet

    def mapping(self) -> dict[str, str]:
        return {en: tr for en, tr in self.entries if tr.strip()}


def placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


def _short(text: str, limit: int = 60) -> str:
    return repr(text if len(text) <= limit else text[: limit - 3] + "...")


def parse_catalogue(text: str, source: str, lang: str) -> Catalogue:
    """Parse a catalogue's TOML text; a bad entry is a CatalogueError naming the file and the text."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise CatalogueError(source, "file", f"not valid TOML: {exc}") from None
    unknown = sorted(set(data) - {"text"})
    if unknown:
        raise CatalogueError(source, "file", f"unknown table {unknown[0]!r} (only [[text]] entries)")
    entries, seen = [], set()
    for n, entry in enumerate(data.get("text", []), 1):
        where = f"entry {n}"
        if not isinstance(entry, dict) or set(entry) != {"en", lang}:
            raise CatalogueError(source, where, f"each [[text]] needs exactly the keys 'en' and {lang!r}")
        en, tr = entry["en"], entry[lang]
        if not isinstance(en, str) or not en or not isinstance(tr, str):
            raise CatalogueError(source, where, f"'en' and {lang!r} must be strings ('en' not empty)")
        if en in seen:
            raise CatalogueError(source, f"entry {n} {_short(en)}", "the same English text twice")
        seen.add(en)
        entries.append((en, tr))
    return Catalogue(source, lang, tuple(entries))


def catalogue_path(datafile: str, lang: str) -> str:
    """The packaged catalogue of a data file: data/es/checklist.toml for "checklist.toml"."""
    return f"data/{lang}/{datafile}"


@cache
def load_catalogue(datafile: str, lang: str) -> Catalogue | None:
    """The packaged catalogue of `datafile` ("checklist.toml") in `lang`; None when there is none
    (English, or a file not translated yet: its text stays English)."""
    check_lang(lang)
    if lang == DEFAULT:
        return None
    resource = resources.files(_PACKAGE).joinpath(catalogue_path(datafile, lang))
    if not resource.is_file():
        return None
    return parse_catalogue(resource.read_text("utf-8"), f"checklist_engine/{catalogue_path(datafile, lang)}", lang)


def check_lang(lang) -> str:
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}: one of {', '.join(LANGS)}")
    return lang


def _matches(pattern: tuple[str, ...], path: tuple[str, ...]) -> bool:
    return len(pattern) == len(path) and all(p in ("*", k) for p, k in zip(pattern, path, strict=True))


def _compile(keys) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(k.split(".")) for k in keys)


def _walk(node, path: tuple[str, ...], visit):
    """A copy of `node` with each string replaced by visit(key path, string). Arrays are
    transparent, except that the items of a list inside a list (an [id, label] pair) add their
    index to the path: "who.0" is the id, "who.1" the label."""
    if isinstance(node, dict):
        return {key: _walk(value, (*path, key), visit) for key, value in node.items()}
    if isinstance(node, list):
        return [
            [_walk(v, (*path, str(i)), visit) for i, v in enumerate(value)]
            if isinstance(value, list)
            else _walk(value, path, visit)
            for value in node
        ]
    if isinstance(node, str):
        return visit(path, node)
    return node


def text_values(doc, keys) -> list[tuple[str, str]]:
    """Every (key path, string) of `doc` whose path matches one of `keys`."""
    patterns = _compile(keys)
    found: list[tuple[str, str]] = []

    def visit(path, text):
        if any(_matches(p, path) for p in patterns):
            found.append((".".join(path), text))
        return text

    _walk(doc, (), visit)
    return found


def string_paths(doc) -> set[tuple[str, ...]]:
    """The key path of every string value in a parsed data file."""
    paths: set[tuple[str, ...]] = set()
    _walk(doc, (), lambda path, text: paths.add(path) or text)
    return paths


def unclassified(doc, datafile: str) -> list[str]:
    """The string-valued key paths of `doc` that KEYS[datafile] lists neither as text nor as kept."""
    table = KEYS.get(datafile)
    if table is None:
        return sorted(".".join(p) for p in string_paths(doc))
    patterns = _compile(table["translate"] + table["keep"])
    return sorted(".".join(p) for p in string_paths(doc) if not any(_matches(q, p) for q in patterns))


def translate(doc, catalogue: dict[str, str], keys) -> dict:
    """A copy of the parsed data file `doc` with the string values at the translatable `keys`
    replaced by their entry in `catalogue` (English -> translation). A text with no entry stays
    as it is (`status` names it). `doc` itself is not changed."""
    patterns = _compile(keys)

    def visit(path, text):
        return catalogue.get(text, text) if any(_matches(p, path) for p in patterns) else text

    return _walk(doc, (), visit)


def localize(doc: dict, datafile: str, lang: str) -> dict:
    """The parsed data file `doc` (packaged as data/<datafile>) in `lang`: itself for English or
    when there is no catalogue, else a translated copy."""
    catalogue = load_catalogue(datafile, lang)
    if catalogue is None:
        return doc
    return translate(doc, catalogue.mapping(), KEYS[datafile]["translate"])


# --- status and skeleton -----------------------------------------------------------------------------


def _data(datafile: str) -> dict:
    return tomllib.loads(resources.files(_PACKAGE).joinpath(f"data/{datafile}").read_text("utf-8"))


def problems(datafile: str, lang: str, catalogue: Catalogue | None = None) -> dict[str, list[str]]:
    """{"missing": [English texts with no translation], "orphan": [catalogue entries whose English is
    no longer in the data], "placeholders": [entries whose placeholders differ]} for one data file."""
    catalogue = catalogue or load_catalogue(datafile, lang)
    wanted = {text for _, text in text_values(_data(datafile), KEYS[datafile]["translate"]) if text.strip()}
    done = catalogue.mapping() if catalogue else {}
    listed = {en for en, _ in catalogue.entries} if catalogue else set()
    return {
        "missing": sorted(wanted - set(done)),
        "orphan": sorted(listed - wanted),
        "placeholders": sorted(
            f"{_short(en)}: English has {sorted(placeholders(en))}, translation has {sorted(placeholders(tr))}"
            for en, tr in done.items()
            if placeholders(en) != placeholders(tr)
        ),
    }


def skeleton(datafile: str, lang: str) -> str:
    """TOML [[text]] entries for the texts of `datafile` that have no translation yet (empty)."""
    missing = problems(datafile, lang)["missing"]
    return "".join(f'\n[[text]]\nen = {_toml_string(en)}\n{lang} = ""\n' for en in missing)


def _toml_string(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    return f'"{escaped}"'
