"""What `mkdocs build` publishes: the runtime, the engine wheel, the policy on every page."""

from __future__ import annotations

import importlib.util
import json
import re
import zipfile
from pathlib import Path

import pytest
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from sitebuild.pyodide_runtime import load_pin

ROOT = Path(__file__).resolve().parents[2]


def test_only_the_pinned_runtime_files_are_published(built_site):
    pin = load_pin()
    folder = built_site / "pyodide" / pin.version
    assert sorted(p.name for p in folder.iterdir()) == sorted(pin.publish)


def test_engine_wheel_is_pure_and_carries_its_data(built_site):
    wheels = list((built_site / "engine").rglob("*.whl"))
    assert len(wheels) == 1, wheels
    wheel = wheels[0]
    assert wheel.name.endswith("-py3-none-any.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "checklist_engine/bridge.py" in names
    assert "checklist_engine/data/rules.toml" in names


def test_self_audit_page_points_at_the_published_engine(built_site):
    html = (built_site / "self-audit" / "index.html").read_text()
    engine = re.search(r'<meta name="second-look:engine" content="([^"]+)"', html).group(1)
    runtime = re.search(r'<meta name="second-look:pyodide" content="([^"]+)"', html).group(1)
    page_dir = built_site / "self-audit"
    assert (page_dir / engine).resolve().is_file(), engine
    assert (page_dir / runtime / "pyodide.mjs").resolve().is_file(), runtime


def test_search_index_is_built(built_site):
    index = json.loads((built_site / "search" / "search_index.json").read_text())
    assert index["docs"]


def _lazy_search_hook():
    spec = importlib.util.spec_from_file_location("lazy_search", ROOT / "overrides" / "hooks" / "lazy_search.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _theme_files(bundle_text: str) -> Files:
    bundle = File("assets/javascripts/bundle.0123abcd.min.js", src_dir=None, dest_dir="site", use_directory_urls=True)
    bundle.content_string = bundle_text
    return Files([bundle])


def test_the_published_bundle_starts_search_only_when_opened(built_site):
    hook = _lazy_search_hook()
    (bundle,) = (built_site / "assets" / "javascripts").glob("bundle.*.min.js")
    text = bundle.read_text("utf-8")
    assert hook.ALWAYS_UNLESS_FILE not in text
    assert text.count(f'L({hook.NEVER},Je("search"))') == 1


def test_the_search_hook_fails_the_build_when_material_changes():
    hook = _lazy_search_hook()
    patched = hook.on_files(_theme_files(f"a;L({hook.ALWAYS_UNLESS_FILE},x);b"), MkDocsConfig())
    assert next(iter(patched)).content_string == f"a;L({hook.NEVER},x);b"
    with pytest.raises(PluginError, match=r"bundle\.0123abcd\.min\.js: expected .* found it 0 times"):
        hook.on_files(_theme_files("a;L(something_else,x);b"), MkDocsConfig())


def _static_imports(module: Path) -> set[Path]:
    """Every module `module` imports, directly or not (static `from "./x.mjs"` imports only)."""
    found: set[Path] = set()
    todo = [module]
    while todo:
        text = todo.pop().read_text("utf-8")
        for name in re.findall(r'^\s*(?:import|export)\b[^;]*?\bfrom\s+"(\./[^"]+\.mjs)"', text, re.MULTILINE):
            target = (module.parent / name).resolve()
            if target not in found:
                found.add(target)
                todo.append(target)
    return found


def test_the_self_audit_preloads_exactly_the_modules_it_imports(built_site):
    html = (built_site / "self-audit" / "index.html").read_text("utf-8")
    preloaded = {
        (built_site / "self-audit" / href).resolve()
        for href in re.findall(r'<link rel="modulepreload" href="([^"]+)">', html)
    }
    modules = built_site / "assets" / "self-audit"
    head, body = modules / "engine-start.mjs", modules / "self-audit.mjs"  # their <script> tags
    # The head's script is found at once; everything else would be found one import at a time.
    needed = ({body} | _static_imports(head) | _static_imports(body)) - {head}
    assert needed, "found no imports: the pattern above is wrong"
    assert {p.name for p in preloaded} == {p.name for p in needed}


def test_the_page_gets_the_engines_limits_as_data(built_site):
    """form.mjs and keep.mjs read the limits the engine checks, from the build (no copy in the page)."""
    from html import unescape

    from checklist_engine.answers import LIMITS, PAST_DATES

    text = (built_site / "self-audit" / "index.html").read_text()
    found = re.search(r'<form[^>]* id="sa-form"[^>]* data-limits="([^"]+)"', text)
    assert found, "the self-audit form carries no data-limits"
    assert json.loads(unescape(found.group(1))) == dict(LIMITS)
    assert set(re.findall(r'maxlength="(\d+)"', text)) == {str(LIMITS["text_chars"])}
    assert set(re.findall(r'data-question="([a-z_]+)" data-type="date" data-past', text)) == set(PAST_DATES)


def test_the_build_refuses_a_checklist_link_to_a_page_the_site_does_not_have(monkeypatch):
    """(It replaces a test that looked for the links in the built site: the build never gets that far.)"""
    from types import SimpleNamespace

    import checklist_engine
    from sitebuild.checklist_html import page_of

    spec = importlib.util.spec_from_file_location("self_audit_hook", ROOT / "overrides" / "hooks" / "self_audit.py")
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    real = checklist_engine.schema()
    nav = SimpleNamespace(pages=[SimpleNamespace(url=page_of(i["link"]), title=i["title"]) for i in real["items"]])

    def page():
        return SimpleNamespace(
            meta={"self_audit": True},
            content="<!-- self-audit -->",
            url="self-audit/",
            file=SimpleNamespace(src_uri="self-audit.md"),
        )

    good = page()
    hook.on_page_context({}, good, None, nav)
    assert 'id="sa-form"' in good.content
    planted = {**real, "items": [*real["items"][:3], {**real["items"][3], "link": "guides/no-such-page/"}]}
    monkeypatch.setattr(hook.checklist_engine, "schema", lambda lang="en": planted)
    with pytest.raises(PluginError, match=f"checklist item '{real['items'][3]['id']}': link 'guides/no-such-page/'"):
        hook.on_page_context({}, page(), None, nav)
