# Marktplatz – every task a developer or CI needs. `make help` lists them.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
UV := .tools/bin/uv
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)
VENDOR := build/static/vendor
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=

.DEFAULT_GOAL := help

.PHONY: help
help: ## List the targets
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  \033[36m%-14s\033[0m %s\n", $$1, $$2}'

$(UV):
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet uv

$(VENV)/.synced: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen --python $(PYTHON)
	@touch $@

.PHONY: install
install: $(VENV)/.synced assets ## Create the virtualenv and install Python and front-end packages

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-fund --no-audit --loglevel=error

$(VENDOR)/.copied: node_modules/.package-lock.json
	rm -rf $(VENDOR) && mkdir -p $(VENDOR)/leaflet $(VENDOR)/markercluster
	cp node_modules/htmx.org/dist/htmx.min.js $(VENDOR)/htmx.min.js
	cp -r node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.js.map node_modules/leaflet/dist/leaflet.css node_modules/leaflet/dist/images $(VENDOR)/leaflet/
	cp node_modules/leaflet.markercluster/dist/leaflet.markercluster.js node_modules/leaflet.markercluster/dist/leaflet.markercluster.js.map node_modules/leaflet.markercluster/dist/MarkerCluster.css node_modules/leaflet.markercluster/dist/MarkerCluster.Default.css $(VENDOR)/markercluster/
	@touch $@

.PHONY: assets
assets: $(VENDOR)/.copied ## Install htmx, Leaflet and axe-core from npm and copy them to build/static

.PHONY: migrate
migrate: install ## Apply database migrations
	DEBUG=$${DEBUG:-true} $(BIN)/python manage.py migrate --noinput

.PHONY: demo
demo: migrate ## Load the demo data of MV (idempotent)
	DEBUG=$${DEBUG:-true} $(BIN)/python manage.py load_demo

.PHONY: run
run: demo ## Install, migrate, load the demo data and serve on http://127.0.0.1:8000
	DEBUG=$${DEBUG:-true} $(BIN)/python manage.py runserver $(HOST):$(PORT)

.PHONY: worker
worker: install ## Run the background task worker (production: TASKS_BACKEND=database)
	$(BIN)/python manage.py db_worker

.PHONY: browser
browser: ## Install Debian's chromium for the browser tests when it is missing
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium fonts-dejavu-core >/dev/null; \
	fi

.PHONY: lint
lint: install ## ruff (lint and format check)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

.PHONY: format
format: install ## Format and autofix with ruff
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

.PHONY: types
types: install ## mypy with django-stubs
	$(BIN)/mypy .

.PHONY: migrations-check
migrations-check: install ## Fail when a model change has no migration
	$(BIN)/python manage.py makemigrations --check --dry-run --settings=config.settings_test

.PHONY: test
test: install browser lint types migrations-check ## The whole suite: lint, types, unit, integration and browser tests
	$(BIN)/pytest -n 2 $(PYTEST_ARGS)

.PHONY: test-fast
test-fast: install ## Unit and integration tests only (no browser)
	$(BIN)/pytest -n 2 -m "not browser" $(PYTEST_ARGS)

.PHONY: bench
bench: install ## Benchmarks on PostgreSQL (BENCH_DATABASE_URL); prints the figures
	$(BIN)/python -m bench

.PHONY: messages
messages: install ## Update and compile the translation catalogues
	$(BIN)/python manage.py makemessages -l de --ignore=node_modules --ignore=.venv --ignore=build --settings=config.settings_test
	$(BIN)/python manage.py compilemessages --ignore=.venv --ignore=node_modules --settings=config.settings_test

.PHONY: clean
clean: ## Remove the virtualenv, installed assets and local data
	rm -rf $(VENV) .tools node_modules build var
