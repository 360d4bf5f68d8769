# Run `make help` to see the targets. `make run` and `make test` are the two commands in the README.
SHELL := /bin/bash
.DEFAULT_GOAL := help
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
UV := UV_PROJECT_ENVIRONMENT=$(VENV) $(BIN)/uv
MANAGE := $(BIN)/python manage.py
RUN_ENV := DEBUG=1 DEMO_MODE=1

.PHONY: help
help: ## List the targets
	@grep -hE '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  \033[36m%-18s\033[0m %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.synced: pyproject.toml uv.lock | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check uv==0.13.9
	$(UV) sync --frozen --inexact --quiet
	touch $@

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

frontend/build/govuk/govuk-frontend.min.css: node_modules/.package-lock.json frontend/build.mjs
	npm run --silent build

locale/cy/LC_MESSAGES/django.mo: locale/cy/LC_MESSAGES/django.po | $(VENV)/.synced
	$(MANAGE) compilemessages --ignore=.venv --ignore=node_modules -v0 --settings=aln.config.settings.test

.PHONY: bootstrap
bootstrap: gettext pdf-deps $(VENV)/.synced frontend/build/govuk/govuk-frontend.min.css locale/cy/LC_MESSAGES/django.mo ## Install Python and npm dependencies, build front-end and translations

APT_INSTALL = if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq

.PHONY: gettext
gettext: ## Install GNU gettext (compiles the Welsh catalogue) from Debian if it is missing
	@command -v msgfmt >/dev/null || { $(APT_INSTALL) gettext >/dev/null; }

# WeasyPrint draws the statutory notices (ADR 0010) with Pango, in a font that has the Welsh letters
# (ŵ, ŷ, â): both come from Debian, never from the network.
PDF_LIBS_PRESENT = /sbin/ldconfig -p | grep -q 'libpango-1\.0\.so' && /sbin/ldconfig -p | grep -q 'libpangoft2-1\.0\.so' \
	  && /sbin/ldconfig -p | grep -q 'libharfbuzz-subset\.so' \
	  && test -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf

.PHONY: pdf-deps
pdf-deps: ## Install Pango, HarfBuzz font subsetting and the DejaVu fonts (PDFs) from Debian if missing
	@{ $(PDF_LIBS_PRESENT); } || { $(APT_INSTALL) libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core >/dev/null; }

.PHONY: browser-deps
browser-deps: ## Install Debian's Chromium for the browser tests if it is missing
	@command -v chromium >/dev/null || { $(APT_INSTALL) chromium >/dev/null; }

.PHONY: run
run: bootstrap ## Set everything up, load the demo LA and serve on http://127.0.0.1:8000 (with the task worker)
	mkdir -p var
	$(RUN_ENV) $(MANAGE) migrate --no-input -v0
	$(RUN_ENV) $(MANAGE) demo_load
	@# The task worker and the scheduler run beside the web server and stop when it stops.
	$(RUN_ENV) $(MANAGE) db_worker --no-reload & worker=$$!; \
	$(RUN_ENV) $(MANAGE) schedule_run --loop & scheduler=$$!; \
	trap 'kill $$worker $$scheduler 2>/dev/null; wait $$worker $$scheduler 2>/dev/null' EXIT INT TERM; \
	$(RUN_ENV) $(MANAGE) runserver 127.0.0.1:8000

.PHONY: demo
demo: bootstrap ## Load the demo LA (idempotent) and print the demo logins
	mkdir -p var
	$(RUN_ENV) $(MANAGE) migrate --no-input -v0
	$(RUN_ENV) $(MANAGE) demo_load

.PHONY: test
test: bootstrap browser-deps ## Run the whole test suite (DATABASE_URL picks the database; SQLite by default)
	$(BIN)/pytest -n auto --durations=20 -q

.PHONY: test-domain
test-domain: $(VENV)/.synced ## Run the pure domain tests (no database, a few seconds)
	$(BIN)/pytest tests/domain -q

.PHONY: lint
lint: $(VENV)/.synced ## ruff (lint and format check) and import-linter
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

.PHONY: typecheck
typecheck: $(VENV)/.synced ## mypy (strict on aln.domain)
	$(BIN)/mypy aln

.PHONY: check-migrations
check-migrations: $(VENV)/.synced ## Fail if models and migrations disagree
	mkdir -p var
	$(MANAGE) makemigrations --check --dry-run --settings=aln.config.settings.test

.PHONY: messages
messages: $(VENV)/.synced ## Extract strings into the Welsh catalogue (then translate them)
	$(MANAGE) makemessages -l cy --no-location --ignore=.venv --ignore=node_modules --ignore=var --ignore=frontend --ignore=tests --settings=aln.config.settings.test

.PHONY: check
check: lint typecheck check-migrations test ## Everything CI runs

.PHONY: benchmark
benchmark: bootstrap ## Build a 60,000-learner LA in a throwaway database and report timings
	$(BIN)/python -m aln.demo.benchmark

.PHONY: clean
clean: ## Remove the virtual environment, node_modules, builds and the local database
	rm -rf $(VENV) node_modules frontend/build var
