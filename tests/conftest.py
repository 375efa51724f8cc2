"""Shared fixtures: the Pyodide runtime, the engine wheel, the built site, a local server, Chromium.

Everything is built once per test session into temporary folders, so tests never touch site/.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from sitebuild.browser import CHROMIUM_ARGS, BrowserNotFound, find_chromium
from sitebuild.pyodide_runtime import ensure_runtime
from sitebuild.static_server import serve
from sitebuild.wheel import build_engine_wheel

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def project_root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def pyodide_dir() -> Path:
    """The checked Pyodide runtime folder (holds pyodide.mjs)."""
    return ensure_runtime()


@pytest.fixture(scope="session")
def engine_wheel(tmp_path_factory) -> Path:
    """A freshly built checklist_engine-*-py3-none-any.whl."""
    return build_engine_wheel(tmp_path_factory.mktemp("wheel"))


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The site, built with `mkdocs build --strict` exactly as `make build` does."""
    out = tmp_path_factory.mktemp("site")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    if proc.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{proc.stdout}\n{proc.stderr}")
    return out


@pytest.fixture(scope="session")
def site_url(built_site) -> Iterator[str]:
    """Base URL (trailing slash) of the built site, served on 127.0.0.1."""
    with serve(built_site) as base:
        yield base


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    try:
        executable = find_chromium()
    except BrowserNotFound as exc:
        pytest.fail(str(exc))
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class RequestLog:
    """Every request a browser context makes: the page's, its workers' and its service workers'."""

    def __init__(self) -> None:
        self.urls: list[str] = []

    def record(self, request) -> None:
        self.urls.append(request.url)

    def off_origin(self, base: str) -> list[str]:
        return [u for u in self.urls if not (u.startswith(base) or u.startswith(("data:", "blob:")))]


@pytest.fixture
def context(browser):
    """A fresh browser context. Service workers are blocked here (they would answer requests before
    `context.route` sees them); the service-worker tests make their own context."""
    ctx = browser.new_context(service_workers="block")
    log = RequestLog()
    ctx.on("request", log.record)
    ctx.request_log = log
    yield ctx
    ctx.close()


@pytest.fixture
def page(context):
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.js_errors = errors
    return page


@pytest.fixture(scope="module")
def started_page(browser, site_url):
    """One self-audit page for a whole test module, opened once and its engine started once (the
    start takes seconds). Use it through `audit_page`, which starts each test over."""
    ctx = browser.new_context(service_workers="block")
    log = RequestLog()
    ctx.on("request", log.record)
    ctx.request_log = log
    page = ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.js_errors = errors
    page.goto(site_url + "self-audit/")
    page.wait_for_selector("#self-audit[data-engine=ready]", timeout=90_000)
    yield page
    ctx.close()


@pytest.fixture
def audit_page(started_page):
    """The module's started self-audit, brought back to a new reader's state by the page's own means
    (tests/browser/selfaudit.py start_over). For tests that need only a ready engine; a test about
    loading, reloading, storage at start, offline, privacy or faults opens its own `page`."""
    from selfaudit import start_over  # tests/browser is on the path once its modules are collected

    start_over(started_page)
    return started_page
