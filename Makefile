# Two commands matter: `make run` and `make test`. The rest are their steps.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PG_URL ?= postgres://postgres@127.0.0.1:5432/waakvlam
PROD_ENV := DJANGO_SETTINGS_MODULE=website.settings.production ALLOWED_HOSTS=waakvlam.example \
	SECRET_KEY=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))')

.PHONY: help run test install lint test-sqlite test-postgres bench assets clean

help:
	@echo "make run   - install, migrate, load demo data and serve on http://127.0.0.1:8000"
	@echo "make test  - lint, checks and the whole test suite on SQLite and PostgreSQL"

$(STAMP): pyproject.toml constraints.txt
	test -x $(PY) || "$$(scripts/find-python)" -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e . --group dev
	touch $@

install: $(STAMP)

run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	@scripts/run-dev

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run
	$(PROD_ENV) $(PY) manage.py check --deploy --fail-level WARNING

# Two workers (xdist), one per core. What does not depend on the database
# runs once: the browser journeys on PostgreSQL when it is there (else on
# SQLite), the database-free tests on SQLite.
PYTEST := $(PY) -m pytest --create-db -n 2

test-sqlite: install
	scripts/ensure-chromium
	if scripts/ensure-postgres; then $(PYTEST) -m "not browser"; else $(PYTEST); fi

# PostgreSQL runs when it is reachable (or can be started); in CI it must be.
test-postgres: install
	@if scripts/ensure-postgres; then \
		scripts/ensure-redis || echo "Redis is not reachable on 127.0.0.1:6379: the scale-out tests need it."; \
		DATABASE_URL=$(PG_URL) $(PYTEST) -m "not database_free"; \
	elif [ -n "$${CI:-}" ]; then \
		echo "PostgreSQL is not reachable on 127.0.0.1:5432" >&2; exit 1; \
	else \
		echo "PostgreSQL is not reachable: skipped the PostgreSQL run."; \
	fi

test: lint test-sqlite test-postgres

bench: install
	$(PY) -m scripts.bench

# Refresh the vendored NL Design System CSS from npm (not needed to run).
assets:
	npm ci --no-audit --no-fund
	cp node_modules/@utrecht/component-library-css/dist/index.css website/assets/vendor/utrecht/component-library.css
	cp node_modules/@utrecht/component-library-css/LICENSE.md website/assets/vendor/utrecht/LICENSE.md

clean:
	rm -rf $(VENV) db.sqlite3 .test-db.sqlite3 static
