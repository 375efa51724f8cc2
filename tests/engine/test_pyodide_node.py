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


def run_cases(pyodide_dir: Path, wheel: Path, stdlib_zip: Path | None = None) -> dict:
    node = shutil.which("node")
    assert node, "Node.js is needed to run the engine under Pyodide"
    args = [node, str(RUNNER), str(pyodide_dir), str(wheel), str(CASES_DIR)]
    if stdlib_zip:
        args.append(str(stdlib_zip))
    proc = subprocess.run(args, capture_output=True, text=True, timeout=300, check=False)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_every_case_passes_on_the_browsers_python(pyodide_dir, engine_wheel):
    result = run_cases(pyodide_dir, engine_wheel)
    assert result["python"].startswith("3.14"), result["python"]
    assert result["cases"] == len(list(CASES_DIR.glob("*.json"))) > 0
    assert result["failures"] == []
