"""The page's pure JavaScript modules, unit-tested with Node's built-in test runner
(tests/node/unit/*.test.mjs; `node --test tests/node/unit/` runs them alone)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

UNIT = Path(__file__).parent / "unit"
FILES = sorted(UNIT.glob("*.test.mjs"))


def test_every_page_module_with_logic_has_unit_tests():
    tested = {f.name.removesuffix(".test.mjs") for f in FILES}
    assert {"calendar", "download", "errors", "form", "keep", "report"} <= tested


@pytest.mark.parametrize("path", FILES, ids=[f.name for f in FILES])
def test_node_unit_tests_pass(path: Path):
    node = shutil.which("node")
    assert node, "Node.js is needed for the page modules' unit tests"
    proc = subprocess.run(
        [node, "--test", "--test-reporter=spec", str(path)],
        cwd=UNIT.parent.parent.parent,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, f"node --test {path.name} failed:\n{proc.stdout[-6000:]}\n{proc.stderr[-2000:]}"
