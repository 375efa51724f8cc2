"""The self-audit page's own words in Spanish (sitebuild/page_strings.py): every text the page's
code shows through t() or tr() has current Spanish with the same placeholders, and none is left over."""

import ast

from checklist_engine.i18n import Catalogue
from sitebuild import page_strings


def test_every_page_text_has_current_spanish():
    found = page_strings.problems("es")
    assert found["missing"] == [], "no Spanish in sitebuild/page_strings.es.toml for these texts of the page's code"
    assert found["orphan"] == [], "sitebuild/page_strings.es.toml has entries the page's code no longer shows"
    assert found["placeholders"] == []


def test_the_texts_are_found_in_both_kinds_of_call_and_quote(tmp_path):
    script = tmp_path / "x.mjs"
    script.write_text(
        'el("p", {}, t("Next"));\nconst a = t(\n  "Step {n} of {total}:",\n  { n, total },\n);\n'
        't(\'Open "Your letters"\');\nconst no = format("Not a call");\n'
    )
    form = tmp_path / "x.py"
    form.write_text('f\'<h2>{escape(tr("Your letters"))}</h2>\'\nshared = tr("Don\'t use this")\n')
    assert page_strings.english((script, form)) == [
        "Next",
        "Step {n} of {total}:",
        'Open "Your letters"',
        "Your letters",
        "Don't use this",
    ]


def test_a_changed_english_text_is_missing_and_its_old_entry_an_orphan(tmp_path):
    script = tmp_path / "x.mjs"
    script.write_text('t("Check your answers now");\nt("Step {n} of {total}:");\n')
    catalogue = Catalogue(
        "test", "es", (("Check your answers", "Revise sus respuestas"), ("Step {n} of {total}:", "Paso {n}:"))
    )
    found = page_strings.problems("es", catalogue, (script,))
    assert found["missing"] == ["Check your answers now"]
    assert found["orphan"] == ["Check your answers"]
    assert len(found["placeholders"]) == 1 and "{total}" in found["placeholders"][0]


def test_the_page_gets_the_catalogue_of_its_language_only():
    spanish = page_strings.strings("es")
    assert spanish["Check my appeal"] == "Revisar mi apelación"
    assert page_strings.strings("en") == {}


def _hidden_tr_calls(source: str) -> list[int]:
    """Lines of tr(...) calls whose first argument is not a string literal (page_strings cannot see it)."""
    return [
        node.lineno
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "tr"
        and not (node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str))
    ]


def test_every_tr_in_the_static_form_is_given_a_string_literal():
    source = (page_strings.ROOT / "sitebuild" / "checklist_html.py").read_text("utf-8")
    assert "tr(" in source
    assert _hidden_tr_calls(source) == [], "tr() given something other than a string literal"
    assert _hidden_tr_calls('a = tr("Next")\nb = tr(words)\nc = tr(f"Step {n}")\n') == [2, 3]
