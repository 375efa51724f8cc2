"""Unit tests of the build helpers: the CSP hashes and the Pyodide pin check."""

from __future__ import annotations

import base64
import hashlib

import pytest

from sitebuild import csp
from sitebuild.checklist_html import render_question
from sitebuild.pyodide_runtime import PyodideFetchError, ensure_runtime, load_pin


def test_inline_scripts_are_hashed_and_data_blocks_and_external_scripts_are_not():
    html = (
        "<script>var a=1</script>"
        '<script id="__config" type="application/json">{"x":1}</script>'
        '<script src="x.js"></script>'
        "<script>var a=1</script>"
    )
    expected = "'sha256-" + base64.b64encode(hashlib.sha256(b"var a=1").digest()).decode() + "'"
    assert csp.inline_script_hashes(html) == [expected]


def test_policy_allows_wasm_only_where_asked():
    assert "'wasm-unsafe-eval'" in csp.policy([], wasm=True)
    assert "'wasm-unsafe-eval'" not in csp.policy([], wasm=False)


def test_a_page_without_the_placeholder_is_an_error():
    with pytest.raises(ValueError, match="placeholder"):
        csp.apply("<html></html>", wasm=False)


def test_a_tampered_runtime_fails_its_check(tmp_path, monkeypatch):
    pin = load_pin()
    bad = type(pin)(pin.package, pin.version, "0" * 64, pin.publish)
    with pytest.raises(PyodideFetchError, match="does not match the pin"):
        ensure_runtime(bad, cache=tmp_path)


def test_pin_names_the_files_the_worker_loads():
    pin = load_pin()
    assert {"pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm"} <= set(pin.publish)
    # the full stdlib and the lock file feed the build; the site gets the reduced stdlib, no lock
    assert {"python_stdlib.zip", "pyodide-lock.json"} <= set(pin.inputs)
    assert not set(pin.inputs) & set(pin.publish)


def test_question_text_is_escaped():
    html = render_question({"id": "x", "type": "text", "label": "<b>Name</b>", "hint": "a & b"}, 2000)
    assert "<b>" not in html and "&lt;b&gt;Name&lt;/b&gt;" in html and "a &amp; b" in html


def test_live_reload_policy_drops_hashes_for_the_dev_server_only():
    dev = csp.policy(["'sha256-x'"], wasm=False, live_reload=True)
    assert "'unsafe-inline'" in dev and "'sha256-x'" not in dev
    assert "'unsafe-inline'" not in csp.policy(["'sha256-x'"], wasm=False).split("style-src")[0]


def test_stdlib_minifier_drops_comments_and_docstrings_and_keeps_line_numbers(tmp_path, monkeypatch):
    from sitebuild.stdlib import minify_source

    source = '"""Module."""\n# note\nx = "#kept"  # gone\ndef f():\n    """Two\n    lines."""\n    return x\n'
    out = minify_source(source)
    assert "note" not in out and "gone" not in out and "Two" not in out and "Module" not in out
    assert '"#kept"' in out
    assert len(out.splitlines()) == len(source.splitlines())
    (tmp_path / "minified_module.py").write_text(out)
    monkeypatch.syspath_prepend(str(tmp_path))
    import minified_module

    assert minified_module.f() == "#kept"


def test_stdlib_minifier_leaves_source_it_cannot_parse_alone():
    from sitebuild.stdlib import minify_source

    newer = "match x:\n    case 1: pass\nexcept* = 3  # not valid on any Python\n"
    assert minify_source(newer) == newer


def test_a_text_box_takes_the_engines_limit_it_is_given():
    assert 'maxlength="123"' in render_question({"id": "x", "type": "text", "label": "Name"}, 123)
