"""The engine under Pyodide in Node.js: the same Python the browser runs, the same golden cases."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.node

RUNNER = Path(__file__).parent.parent / "node" / "run_cases.mjs"
CASES_DIR = Path(__file__).parent.parent / "cases"


def run_node(pyodide_dir: Path, wheel: Path, stdlib_zip: Path | None = None) -> subprocess.CompletedProcess:
    node = shutil.which("node")
    assert node, "Node.js is needed to run the engine under Pyodide"
    args = [node, str(RUNNER), str(pyodide_dir), str(wheel), str(CASES_DIR)]
    if stdlib_zip:
        args.append(str(stdlib_zip))
    return subprocess.run(args, capture_output=True, text=True, timeout=300, check=False)


def run_cases(pyodide_dir: Path, wheel: Path, stdlib_zip: Path | None = None) -> dict:
    proc = run_node(pyodide_dir, wheel, stdlib_zip)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_every_case_passes_on_the_browsers_python(pyodide_dir, engine_wheel):
    result = run_cases(pyodide_dir, engine_wheel)
    assert result["python"].startswith("3.14"), result["python"]
    assert result["cases"] == len(list(CASES_DIR.glob("*.json"))) > 0
    assert result["failures"] == []


def test_every_case_passes_on_the_sites_reduced_standard_library(pyodide_dir, engine_wheel):
    """The site publishes only the stdlib files the engine imports: prove they are enough."""
    from sitebuild.stdlib import read_files_list, reduced_stdlib

    files = read_files_list()
    assert 50 < len(files) < 400, len(files)
    result = run_cases(pyodide_dir, engine_wheel, reduced_stdlib(pyodide_dir, files))
    assert result["cases"] > 0 and result["failures"] == []


def test_the_stdlib_file_list_is_up_to_date(pyodide_dir, engine_wheel):
    from sitebuild.stdlib import read_files_list, trace

    assert trace(pyodide_dir, engine_wheel) == read_files_list(), (
        "the engine imports changed: run `.venv/bin/python -m sitebuild.stdlib trace` and commit "
        "sitebuild/stdlib-files.txt"
    )


def test_a_missing_stdlib_module_is_caught(pyodide_dir, engine_wheel, tmp_path):
    from sitebuild.stdlib import read_files_list, write_reduced_zip

    files = [f for f in read_files_list() if f != "tomllib/_parser.py"]
    broken = write_reduced_zip(pyodide_dir / "python_stdlib.zip", files, tmp_path / "python_stdlib.zip")
    proc = run_node(pyodide_dir, engine_wheel, broken)
    assert proc.returncode != 0 and "tomllib" in proc.stderr


def test_the_bridge_refuses_hostile_requests_on_the_browsers_python(pyodide_dir, engine_wheel):
    """Issue 20, finding 8: 2,500-3,000 levels of nesting used to take the whole runtime down."""
    proc = subprocess.run(
        [shutil.which("node"), str(RUNNER.with_name("bridge_limits.mjs")), str(pyodide_dir), str(engine_wheel)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    errors = [r["error"] for r in result["responses"]]
    assert all(r["ok"] is False for r in result["responses"])
    assert all("nested too deeply" in e for e in errors[:3]) and result["responses"][0]["question"] == "red_flags"
    assert "between 1900 and 2100" in errors[3] and "unknown op" in errors[4] and "JSON object" in errors[5]
    assert not any(e.startswith("internal error") for e in errors)
    assert result["stillAnswers"]
