"""Run one of tests/node's scripts with Node.js: a JSON request on stdin, one JSON line out."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

HERE = Path(__file__).parent


def run_json(script: str, request) -> object:
    node = shutil.which("node")
    assert node, "Node.js is needed for the page modules' tests"
    proc = subprocess.run(
        [node, str(HERE / script)],
        input=json.dumps(request),
        cwd=HERE.parent.parent,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, f"node {script} failed:\n{proc.stderr[-3000:]}"
    return json.loads(proc.stdout)
