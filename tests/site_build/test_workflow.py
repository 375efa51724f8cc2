"""The GitHub Pages workflow: it lints clean, and it builds the site the way `make build` does."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from sitebuild import pyodide_runtime

ROOT = Path(__file__).resolve().parents[2]
WORKFLOWS = ROOT / ".github" / "workflows"
PAGES = WORKFLOWS / "pages.yml"
# Installed from requirements.txt into the same environment as the interpreter running the tests.
ACTIONLINT = Path(sys.executable).parent / "actionlint"


def run_actionlint(*files: Path, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    if not ACTIONLINT.is_file():
        pytest.fail(f"{ACTIONLINT} is missing: run `make setup` (it installs requirements.txt)")
    # -no-color keeps the output readable in a failure message. Without shellcheck on PATH,
    # actionlint skips the shell checks of `run:` steps and checks everything else.
    return subprocess.run(
        [str(ACTIONLINT), "-no-color", *map(str, files)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def workflow_files() -> list[Path]:
    return sorted(p for p in WORKFLOWS.glob("*") if p.suffix in {".yml", ".yaml"})


def pages_steps() -> list[dict]:
    workflow = yaml.safe_load(PAGES.read_text("utf-8"))
    return workflow["jobs"]["build"]["steps"]


def test_every_workflow_passes_actionlint():
    files = workflow_files()
    assert files, f"no workflow in {WORKFLOWS.relative_to(ROOT)}"
    proc = run_actionlint(*files)
    assert proc.returncode == 0, f"actionlint found problems:\n{proc.stdout}{proc.stderr}"


def test_actionlint_catches_a_planted_error(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text(
        "on:\n"
        "  push:\n"
        "    branch: main\n"  # the key is `branches`
        "jobs:\n"
        "  build:\n"
        "    runs-on: ubuntu-latest\n"
        "    steps:\n"
        "      - run: echo ${{ steps.nope.outputs.x }}\n"  # no step has that id
    )
    proc = run_actionlint(broken, cwd=tmp_path)
    assert proc.returncode != 0, f"actionlint passed a broken workflow:\n{proc.stdout}{proc.stderr}"
    assert "branch" in proc.stdout, proc.stdout


def test_the_workflow_builds_with_the_makefile_command():
    makefile = (ROOT / "Makefile").read_text("utf-8")
    # (readers: the pinned npm packages the site publishes, PDF.js and tesseract.js; the workflow has Node)
    assert "\nbuild: setup pyodide readers\n" in makefile, "the Makefile's build target changed: check the workflow"
    build_steps = [s for s in pages_steps() if "make build" in s.get("run", "")]
    assert len(build_steps) == 1, "the workflow must build the site with `make build`, as a developer does"
    # site_url comes from the Pages address (mkdocs.yml reads SITE_URL), with a trailing slash.
    site_url = build_steps[0].get("env", {}).get("SITE_URL", "")
    assert "outputs.base_url" in site_url and site_url.endswith("/"), site_url
    assert "!ENV [SITE_URL" in (ROOT / "mkdocs.yml").read_text("utf-8")


def test_the_workflow_caches_the_pyodide_download_keyed_on_its_pin():
    pin = pyodide_runtime.PIN_FILE.relative_to(ROOT).as_posix()
    folder = pyodide_runtime.CACHE.relative_to(ROOT).as_posix()
    caches = [s for s in pages_steps() if str(s.get("uses", "")).startswith("actions/cache@")]
    assert any(s["with"]["path"] == folder and f"hashFiles('{pin}')" in s["with"]["key"] for s in caches), (
        f"no actions/cache step for {folder} keyed on hashFiles('{pin}')"
    )


def test_the_site_is_uploaded_from_where_mkdocs_builds_it():
    uploads = [s for s in pages_steps() if str(s.get("uses", "")).startswith("actions/upload-pages-artifact@")]
    assert [s["with"]["path"] for s in uploads] == ["site"]


def test_the_workflow_tests_before_it_builds_and_publishes():
    makefile = (ROOT / "Makefile").read_text("utf-8")
    assert (
        "\ncheck: setup pyodide checks\n\t$(PY) -m pytest tests/engine tests/site tests/site_build "
        'tests/browser/test_privacy.py -m "not browser"\n'
    ) in makefile
    runs = [s.get("run", "") for s in pages_steps()]
    assert "make check" in runs, "publishing must run the tests first"
    assert runs.index("make check") < next(i for i, r in enumerate(runs) if "make build" in r)
