# Two commands set up and run everything on a fresh machine with Python 3.11 and git:
#   make site   check every case and build the site into site/
#   make test   run every test
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip --disable-pip-version-check --quiet

SITE_STAMP := $(VENV)/.site-installed
TEST_STAMP := $(VENV)/.test-installed

.PHONY: site test serve check render clean browser-deps

site: $(SITE_STAMP)
	$(BIN)/python -m generator build

check: $(SITE_STAMP)
	$(BIN)/python -m generator check

serve: $(SITE_STAMP)
	$(BIN)/python -m mkdocs serve --livereload

render: $(SITE_STAMP)
	$(BIN)/python -m generator render --out build/generated --force

test: $(TEST_STAMP) browser-deps
	$(BIN)/python -m pytest

# Headless Chromium and CJK fonts from Debian, for the browser tests (Playwright's own browser
# download is not used: it is blocked on the networks this runs on).
CHROMIUM ?= /usr/bin/chromium
browser-deps:
	@if [ ! -x $(CHROMIUM) ] || ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; \
	  else \
	    echo "browser tests need: apt-get install chromium fonts-noto-cjk (run as root), or CHROMIUM=/path/to/chromium"; \
	  fi; \
	fi

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
