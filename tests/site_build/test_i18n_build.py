"""The Spanish pages as built: under /es/, the language switch, one search index and one offline
copy per language, the Spanish legal values, and English pages marked as English."""

from __future__ import annotations

import json
import re
from pathlib import Path

from checklist_engine import load_rules
from sitebuild import i18n
from sitebuild.pages import built_pages


def read(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text("utf-8")


def sw_manifest(site: Path) -> dict:
    first = (site / "sw.js").read_text("utf-8").split(";\n", 1)[0]
    return json.loads(first.removeprefix("const MANIFEST = "))


def test_every_page_is_built_in_both_languages_with_its_lang(built_site):
    pages = built_pages(built_site)
    english = [p for p in pages if not p.startswith("es/")]
    assert sorted(p for p in pages if p.startswith("es/")) == sorted(f"es/{p}" for p in english)
    for path in pages:
        lang = "es" if path.startswith("es/") else "en"
        assert f'<html lang="{lang}"' in read(built_site, path), path


def test_the_language_switch_leads_to_the_same_page(built_site):
    for path in ("", "guides/appeal-steps/", "rights/medicaid/", "self-audit/"):
        english = read(built_site, path)
        spanish = read(built_site, f"es/{path}")
        for html, here, other in ((english, path, f"es/{path}"), (spanish, f"es/{path}", path)):
            links = dict(
                (lang, href)
                for href, lang in re.findall(r'<a href="([^"]*)" hreflang="(\w+)" class="md-select__link"', html)
            )
            target = (built_site / here / links["es" if other.startswith("es/") else "en"]).resolve()
            assert target == (built_site / other).resolve(), (here, links)
            assert len(re.findall(r'<link rel="alternate" href="[^"]*" hreflang="(?:en|es)">', html)) == 2


def test_every_page_names_its_english_page_as_x_default(built_site):
    """hreflang x-default: a reader (or search engine) whose language is neither gets English."""
    for path in built_pages(built_site):
        english = path.removeprefix("es/")
        html = read(built_site, path)
        defaults = re.findall(r'<link rel="alternate" href="([^"]*)" hreflang="x-default">', html)
        assert len(defaults) == 1, (path, defaults)
        assert (built_site / path / defaults[0]).resolve() == (built_site / english).resolve(), (path, defaults)
        # the language switch still lists two languages, not x-default
        assert "x-default" not in " ".join(re.findall(r'<a [^>]*class="md-select__link"', html)), path


def test_a_spanish_page_is_spanish_and_an_untranslated_one_says_it_is_english(built_site):
    home = read(built_site, "es/")
    assert "Apele la denegación" in home and "sl-untranslated" not in home
    assert "Revise la fecha en su propio aviso de denegación" in home  # {{ check_notice }} in Spanish
    untranslated = [s.page for s in i18n.status() if s.state == "untranslated"]
    for page in untranslated:
        path = page.removesuffix(".md").removesuffix("index")
        path = path + "/" if path and not path.endswith("/") else path
        html = read(built_site, f"es/{path}")
        assert 'class="sl-untranslated" lang="es"' in html and '<div lang="en">' in html, page


def test_spanish_pages_insert_rule_values_in_spanish(built_site):
    period = load_rules()["rules"]["external_review_file"]["amount"]
    assert f"{period} meses" in read(built_site, "es/rights/external-review/") or "sl-untranslated" in read(
        built_site, "es/rights/external-review/"
    )
    for path in built_pages(built_site):
        # the self-audit's rules table is Spanish once data/es/rules.toml (the engine's catalogue) has them
        if path.startswith("es/") and path != "es/self-audit/" and "sl-untranslated" not in read(built_site, path):
            text = re.sub(r"<[^>]+>", " ", read(built_site, path))
            assert not re.search(r"\b\d+ (calendar )?(days|months|hours)\b", text), path


def test_search_has_one_index_per_language(built_site):
    english = json.loads((built_site / "search" / "search_index.json").read_text("utf-8"))
    spanish = json.loads((built_site / "es" / "search" / "search_index.json").read_text("utf-8"))
    assert english["config"]["lang"] == ["en"] and spanish["config"]["lang"] == ["es"]
    assert not any(d["location"].startswith("es/") for d in english["docs"])
    titles = {d["title"] for d in spanish["docs"] if "#" not in d["location"]}
    assert "Apele la denegación de una resonancia magnética o una tomografía" in titles
    assert not any(d["title"] == "Appeal a denied MRI or CT scan" for d in spanish["docs"])
    # a Spanish page's search reads the Spanish index: Material's `base` is the /es/ folder
    config = re.search(
        r'<script id="__config" type="application/json">(.*?)</script>',
        read(built_site, "es/guides/appeal-steps/"),
        re.S,
    ).group(1)
    assert (built_site / "es" / "guides" / "appeal-steps" / json.loads(config)["base"]).resolve() == (
        built_site / "es"
    ).resolve()


def test_the_offline_copy_holds_one_language(built_site):
    manifest = sw_manifest(built_site)
    english, spanish = manifest["precache"]["en"], manifest["precache"]["es"]
    assert "guides/appeal-steps/" in english and "es/guides/appeal-steps/" in spanish
    assert not [u for u in english if u.startswith("es/")]
    pages = [u for u in spanish if u.endswith("/") or u.endswith(".html")]
    assert pages and all(u.startswith("es/") or u == "404.html" for u in pages), pages
    assert "search/search_index.json" in english and "es/search/search_index.json" in spanish
    assert "assets/javascripts/lunr/min/lunr.es.min.js" in spanish
    assert not [u for u in english if "/lunr/" in u]
    shared = set(english) & set(spanish)
    assert "assets/sw-register.mjs" in shared


def test_each_language_has_its_own_404(built_site):
    assert '<html lang="en"' in (built_site / "404.html").read_text("utf-8")
    assert '<html lang="es"' in (built_site / "es" / "404.html").read_text("utf-8")


def test_the_spanish_self_audit_is_in_spanish_and_links_spanish_guides(built_site):
    html = read(built_site, "es/self-audit/")
    assert "Esta herramienta todavía está en inglés" not in html
    assert '<div class="sa" lang="en" ' not in html
    # the static form in Spanish: questions (data/es/checklist.toml) and the form's own words
    # (sitebuild/page_strings.es.toml), which the page's scripts also get (data-strings)
    assert "¿Cuándo le negaron el estudio?" in html and ">Revisar mi apelación</button>" in html
    shown = re.sub(r'data-strings="[^"]*"', "", html)  # the catalogue itself holds the English keys
    assert "When was the scan refused?" not in shown and "Check my appeal" not in shown, shown[
        shown.find("When was") - 300 :
    ][:400]
    assert 'data-strings="' in read(built_site, "es/self-audit/") and 'data-strings="' not in read(
        built_site, "self-audit/"
    )
    # the letters stay English, and say so: the letter's text box is marked English
    assert 'id="sa-letter-text"' in html and re.search(r'<textarea[^>]*id="sa-letter-text"[^>]*lang="en"', html)
    links = re.findall(r'<a class="sa-more" href="([^"]+)"', html)
    assert links and all(
        (built_site / "es" / "self-audit" / link.split("#")[0]).resolve().is_relative_to((built_site / "es").resolve())
        for link in links
    )
