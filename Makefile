# Two commands set up and run everything on a fresh machine with Python 3.11 and git:
#   make site   check every case and build the site into site/
#   make test   run every test
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip --disable-pip-version-check --quiet

SITE_STAMP := $(VENV)/.site-installed
TEST_STAMP := $(VENV)/.test-installed

.PHONY: site test serve check render clean

site: $(SITE_STAMP)
	$(BIN)/python -m generator build

check: $(SITE_STAMP)
	$(BIN)/python -m generator check

serve: $(SITE_STAMP)
	$(BIN)/python -m mkdocs serve --livereload

render: $(SITE_STAMP)
	$(BIN)/python -m generator render --out build/generated --force

test: $(TEST_STAMP)
	$(BIN)/python -m pytest

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(SITE_STAMP): requirements.txt pyproject.toml | $(VENV)/bin/python
	$(PIP) install -r requirements.txt
	$(PIP) install --no-deps -e .
	touch $@

$(TEST_STAMP): $(SITE_STAMP) requirements-test.txt
	$(PIP) install -r requirements-test.txt
	touch $@

clean:
	rm -rf site build .pytest_cache
