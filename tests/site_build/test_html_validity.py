"""Every built HTML page is valid HTML: the Nu Html Checker (vnu.jar, pinned in package.json) runs
once over the whole build. Errors Material writes into every page and that we cannot fix from
overrides/ without copying its base template are allowed, each with its reason; every other error
fails, with its file, line and message.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
THEME = Path(__import__("material").__file__).parent / "templates"


@dataclass(frozen=True)
class Allowed:
    message: str  # regex, searched in the checker's message
    extract: str  # regex, searched in the markup the checker quotes
    reason: str


ALLOWED = [
    Allowed(
        message=r"^Attribute “autocomplete” is only allowed when the input type is",
        extract=r'<input class="md-toggle" data-md-toggle="(drawer|search)" type="checkbox" '
        r'id="__(drawer|search)" autocomplete="off">',
        reason="Material's base.html sets autocomplete=off on its drawer and search toggles, outside any "
        "template block, so that Firefox does not restore them open on back navigation; fixing it "
        "means copying all of base.html. Harmless: browsers ignore the attribute on checkboxes.",
    ),
]

# An invalid page checked in the same run, to show that errors are found and read back.
PLANTED = """<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>planted</title></head>
<body>
<p><div>a div inside a paragraph closes it</div></p>
<label for="nowhere">a label for nothing</label>
</body>
</html>
"""


@dataclass(frozen=True)
class Error:
    file: str
    line: int | None
    message: str
    extract: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}\n    {self.extract.strip()[:200]}"


@pytest.fixture(scope="module")
def vnu_errors(built_site, tmp_path_factory) -> list[Error]:
    """The checker's errors for every built .html file plus planted/bad.html, in one run."""
    java = shutil.which("java")
    if java is None:
        pytest.fail(
            "Java is missing: the Nu Html Checker needs Java 11+. Run `make checks` "
            "(or apt-get install -y default-jre-headless)."
        )
    if not VNU.is_file():
        pytest.fail(f"{VNU.relative_to(ROOT)} is missing: run `make checks` (npm ci).")
    planted = tmp_path_factory.mktemp("planted") / "bad.html"
    planted.write_text(PLANTED, encoding="utf-8")
    pages = sorted(built_site.rglob("*.html"))
    assert pages, "the build produced no HTML"
    proc = subprocess.run(
        [
            java,
            "-jar",
            str(VNU),
            "--format",
            "json",
            "--errors-only",
            "--no-langdetect",
            "--stdout",
            *map(str, pages),
            str(planted),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    try:
        messages = json.loads(proc.stdout)["messages"]
    except (json.JSONDecodeError, KeyError):
        pytest.fail(f"the Nu Html Checker gave no JSON (exit {proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    errors = []
    for m in messages:
        if m.get("type") == "info":
            continue  # warnings; --errors-only leaves none, but be explicit
        path = Path(m.get("url", "").removeprefix("file:"))
        name = (
            "planted/bad.html"
            if path == planted
            else (path.relative_to(built_site).as_posix() if path.is_relative_to(built_site) else str(path))
        )
        errors.append(Error(name, m.get("lastLine"), m.get("message", ""), m.get("extract", "")))
    return errors


def allowance(error: Error) -> Allowed | None:
    for allowed in ALLOWED:
        if re.search(allowed.message, error.message) and re.search(allowed.extract, error.extract):
            return allowed
    return None


def test_every_built_page_is_valid_html(vnu_errors):
    site_errors = [e for e in vnu_errors if e.file != "planted/bad.html"]
    bad = [e for e in site_errors if allowance(e) is None]
    assert not bad, f"{len(bad)} HTML error(s):\n" + "\n".join(map(str, bad))


def test_every_allowed_error_still_happens(vnu_errors):
    """An allowance nothing needs any more (Material fixed it) must be removed, not kept."""
    used = {allowance(e) for e in vnu_errors}
    assert [a.reason for a in ALLOWED if a not in used] == []


def test_the_checker_reports_planted_errors_with_line_and_message(vnu_errors):
    planted = {(e.line, e.message) for e in vnu_errors if e.file == "planted/bad.html"}
    assert (5, "No “p” element in scope but a “p” end tag seen.") in planted, planted
    assert any(line == 6 and "“for” attribute" in message for line, message in planted), planted
    assert all(allowance(e) is None for e in vnu_errors if e.file == "planted/bad.html")


# --- the Material partials overrides/ copies to fix validity and accessibility ---------------------

# Each override is the theme's own partial with these replacements and a header comment, nothing
# else: when Material changes the partial, this test says which copy to refresh.
PARTIAL_FIXES = {
    "partials/search.html": [
        (
            '<div class="md-search" data-md-component="search" role="dialog">',
            '<div class="md-search" data-md-component="search" role="dialog" aria-label="{{ lang.t(\'search\') }}">',
        ),
    ],
    "partials/nav-item.html": [
        (' tabindex="{{ tabindex }}">', '{% if tabindex %} tabindex="{{ tabindex }}"{% endif %}>'),
    ],
    "partials/toc.html": [
        (
            '<label class="md-nav__title" for="__toc">',
            '{%- set section_index = page.is_index and page.parent and "navigation.indexes" in '
            "(config.theme.features or []) %}\n"
            '    <label class="md-nav__title"{% if not section_index %} for="__toc"{% endif %}>',
        ),
    ],
}
HEADER = re.compile(r"\A\{#- Second Look: .*? -#\}\n", re.DOTALL)


@pytest.mark.parametrize("name", PARTIAL_FIXES)
def test_overridden_partial_is_the_themes_own_plus_our_fix(name):
    ours = (ROOT / "overrides" / name).read_text(encoding="utf-8")
    header = HEADER.match(ours)
    assert header, f"overrides/{name} must start with a '{{#- Second Look: ... -#}}' comment saying what changed"
    expected = (THEME / name).read_text(encoding="utf-8")
    for old, new in PARTIAL_FIXES[name]:
        assert old in expected, f"Material's {name} changed: refresh overrides/{name} and this test"
        expected = expected.replace(old, new)
    assert ours[header.end() :] == expected, f"overrides/{name} differs from Material's {name} beyond the fix"
