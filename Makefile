# Second Look: every verb sets itself up on first use (venv, pinned packages, Pyodide, Chromium).
#   make serve   build and serve the site at http://127.0.0.1:8000 with live reload
#   make test    run every test (engine, Pyodide in Node, site build, browser)
#   make build   build the site into site/
#   make bench   print performance figures (not part of the tests); BENCH=engine runs one
#   make check   the tests that need no browser (engine, content, site build): what publishing runs
#   make lint    ruff (Python) and ESLint (JavaScript); make format applies ruff format and Prettier
#   make mutants plant known mistakes one at a time and check that a test catches each (slow)
#   make screenshots  the self-audit on a phone and a desktop, in each state, into screenshots/

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test check lint format mutants bench screenshots setup pyodide chromium checks readers tools clean

serve: setup pyodide readers
	$(PY) -m mkdocs serve --dev-addr 127.0.0.1:8000 --livereload

build: setup pyodide readers
	$(PY) -m mkdocs build --strict

test: lint pyodide chromium checks
	$(PY) -m pytest

# Lint: ruff for Python, ESLint for JavaScript (config in pyproject.toml and eslint.config.mjs), and
# the formatters' checks (make format applies them).
lint: setup checks
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	node_modules/.bin/eslint .
	node_modules/.bin/prettier --check --log-level warn .

# Format: ruff's import order and formatter for Python, Prettier for JavaScript (.prettierrc.json).
format: setup checks
	$(VENV)/bin/ruff check --select I --fix --quiet .
	$(VENV)/bin/ruff format .
	node_modules/.bin/prettier --write --log-level warn .

# Each planted mistake in bench/mutants.py, applied to a copy of the tree: is it caught? (slow)
mutants: setup pyodide checks
	$(PY) bench/mutants.py $(MUTANTS)

check: setup pyodide checks
	$(PY) -m pytest tests/engine tests/site tests/site_build tests/browser/test_privacy.py -m "not browser"

bench: setup pyodide chromium checks
	$(PY) bench/run.py $(BENCH)

# PNGs and PDFs for a reviewer to look at (not kept by git, not read by the tests).
screenshots: build chromium
	$(PY) tools/screenshots.py site screenshots

setup: $(STAMP)

$(STAMP): requirements.txt pyproject.toml
	@tools/check-tools.sh "$(PYTHON)"
	@test -x $(PY) || $(PYTHON) -m venv $(VENV) || { \
	  echo "Could not create a virtual environment. On Debian/Ubuntu: apt-get install -y python3-venv"; exit 1; }
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	@# make the build helpers (sitebuild/) importable from the MkDocs hooks and tests
	$(PY) -c "import pathlib, sysconfig; pathlib.Path(sysconfig.get_paths()['purelib'], 'second_look_root.pth').write_text('$(CURDIR)\n')"
	@touch $(STAMP)

pyodide: setup
	@$(PY) -m sitebuild.pyodide_runtime > /dev/null

chromium:
	@tools/ensure-chromium.sh

# The letter-reading tools the site publishes (PDF.js, tesseract.js and its English data), and the
# test tools below, from the npm registry, pinned by the lock file (sitebuild/reader_tools.py).
readers: node_modules/.installed

# The test, lint and benchmark tools from the npm registry (axe-core, vnu-jar, lighthouse, eslint,
# prettier, linkedom), pinned by the lock file; none needs an install script. Java runs vnu.jar.
checks: node_modules/.installed
	@tools/ensure-java.sh

node_modules/.installed: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	@touch $@

clean:
	rm -rf site .cache/engine-wheel .pytest_cache .hypothesis
