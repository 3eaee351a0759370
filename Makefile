# Two commands set up and run everything on a fresh machine with Python 3.11 and git:
#   make site   check every case and build the site into site/
#   make test   run every test
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip --disable-pip-version-check --quiet

SITE_STAMP := $(VENV)/.site-installed
TEST_STAMP := $(VENV)/.test-installed
NODE_STAMP := node_modules/.installed

.PHONY: site test lint serve check render clean browser-deps offline bench

site: $(SITE_STAMP) $(NODE_STAMP)
	$(BIN)/python -m generator build

check: $(SITE_STAMP)
	$(BIN)/python -m generator check

# --dirty: after a change only the pages whose source changed are rebuilt (the generator keeps each
# generated page in .cache/serve/ and rewrites it only when it changes).
SERVE_ADDR ?= 127.0.0.1:8000
serve: $(SITE_STAMP)
	$(BIN)/python -m mkdocs serve --livereload --dirty --dev-addr $(SERVE_ADDR)

render: $(SITE_STAMP)
	$(BIN)/python -m generator render --out build/generated --force

# The offline edition for intranets and discs: build/offline/ (open index.html from the file
# system: search, filters, compare and downloads work) and the same folder as build/sfx-offline.zip.
offline: $(SITE_STAMP)
	$(BIN)/python -m generator offline

test: lint $(NODE_STAMP) browser-deps
	$(BIN)/python -m pytest

# Types and lint, the first step of `make test`: no finding is allowed (config in pyproject.toml).
lint: $(TEST_STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy --strict generator

# Headless Chromium and CJK fonts from Debian, for the browser tests (Playwright's own browser
# download is not used: it is blocked on the networks this runs on), and poppler-utils, whose
# pdftotext reads the printed pages back.
CHROMIUM ?= /usr/bin/chromium
browser-deps:
	@if [ ! -x $(CHROMIUM) ] || ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || ! command -v pdftotext >/dev/null; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk poppler-utils >/dev/null; \
	  else \
	    echo "browser tests need: apt-get install chromium fonts-noto-cjk poppler-utils (run as root), or CHROMIUM=/path/to/chromium"; \
	  fi; \
	fi

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

# The search engine, Pagefind, pinned in package.json and package-lock.json, from npm (its binary
# comes in the package @pagefind/<platform>); Node.js and npm from Debian where they are missing.
$(NODE_STAMP): package.json package-lock.json
	@if ! command -v npm >/dev/null || ! command -v node >/dev/null; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null; \
	  else \
	    echo "the search index needs Node.js and npm: apt-get install nodejs npm (run as root)"; exit 1; \
	  fi; \
	fi
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

$(SITE_STAMP): requirements.txt pyproject.toml | $(VENV)/bin/python
	$(PIP) install -r requirements.txt
	$(PIP) install --no-deps -e .
	touch $@

$(TEST_STAMP): $(SITE_STAMP) requirements-test.txt
	$(PIP) install -r requirements-test.txt
	touch $@

clean:
	rm -rf site build .pytest_cache

# The benchmark at national size (see README, 性能测试): generated cases, N = 100, 1,000 and 3,000;
# in one run our site, the floor (plain MkDocs + Material, 2,500-character pages, no search) and a
# plain Material site, every figure against the floor and the baseline with the load meanwhile;
# a second build after editing one case at the largest N; a `make serve` test at 300; issue #14's
# goals and #12's search goals with ✔/✘. Results in bench/results/ (this run's only). About half an
# hour; BENCH_ARGS="--sizes 100 1000" for a shorter run.
BENCH_ARGS ?=
bench: $(SITE_STAMP) $(TEST_STAMP) $(NODE_STAMP) browser-deps
	@if [ ! -x /usr/bin/time ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null; \
	  else \
	    echo "bench: /usr/bin/time not found (apt-get install time); memory is then measured by polling /proc only"; \
	  fi; \
	fi
	$(BIN)/python -m bench.run $(BENCH_ARGS)
