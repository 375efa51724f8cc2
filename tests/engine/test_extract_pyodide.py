"""The denial-letter extractor under Pyodide in Node.js: the browser's Python, the same golden letters."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.node

RUNNER = Path(__file__).parent.parent / "explain" / "run_letters.mjs"
LETTERS = Path(__file__).parent.parent / "explain" / "letters"


def run_letters(pyodide_dir: Path, wheel: Path, stdlib_zip: Path | None = None) -> dict:
    node = shutil.which("node")
    assert node, "Node.js is needed to run the engine under Pyodide"
    args = [node, str(RUNNER), str(pyodide_dir), str(wheel)] + ([str(stdlib_zip)] if stdlib_zip else [])
    proc = subprocess.run(args, capture_output=True, text=True, timeout=300, check=False)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_every_letter_gives_its_expected_findings_on_the_browsers_python(pyodide_dir, engine_wheel):
    result = run_letters(pyodide_dir, engine_wheel)
    assert result["python"].startswith("3.14"), result["python"]
    assert result["letters"] == len(list(LETTERS.glob("*.txt"))) >= 15
    assert result["failures"] == []


def test_the_extractor_runs_on_the_sites_reduced_standard_library(pyodide_dir, engine_wheel):
    """The extractor imports nothing the site's reduced standard library lacks."""
    from sitebuild.stdlib import read_files_list, reduced_stdlib

    result = run_letters(pyodide_dir, engine_wheel, reduced_stdlib(pyodide_dir, read_files_list()))
    assert result["letters"] >= 15 and result["failures"] == []
