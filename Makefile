# Marquee: `make run` serves the demo site, `make test` runs every check. See README.md.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
export PORT

.PHONY: run test check lint architecture typecheck migrations-check pytest pytest-postgres bench clean
.PHONY: screenshots

$(VENV)/.installed: pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[test]'
	touch $@

## run: set up, migrate, load the demo content into an empty database, serve on $(PORT)
run: $(VENV)/.installed
	MARQUEE_DEBUG=$${MARQUEE_DEBUG:-1} $(BIN)/marquee migrate --no-input
	MARQUEE_DEBUG=$${MARQUEE_DEBUG:-1} $(BIN)/marquee demo --if-empty
	MARQUEE_DEBUG=$${MARQUEE_DEBUG:-1} $(BIN)/marquee serve --port $(PORT)

## test: lint, type-check, migrations check and the whole suite (also on PostgreSQL when
## MARQUEE_TEST_POSTGRES_URL is set, as .ci/run does)
test: check pytest pytest-postgres

check: lint architecture typecheck migrations-check

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

## architecture: the import contracts of docs/architecture.md (pyproject's [tool.importlinter])
architecture: $(VENV)/.installed-test
	$(BIN)/lint-imports --no-cache

typecheck: $(VENV)/.installed-test
	$(BIN)/mypy marquee

migrations-check: $(VENV)/.installed-test
	$(BIN)/marquee makemigrations --check --dry-run

pytest: $(VENV)/.installed-test
	DATABASE_URL= $(BIN)/pytest $(PYTEST_ARGS)

pytest-postgres: $(VENV)/.installed-test
	@if [ -n "$$MARQUEE_TEST_POSTGRES_URL" ]; then \
		echo "== test suite on PostgreSQL =="; \
		DATABASE_URL=$$MARQUEE_TEST_POSTGRES_URL $(BIN)/pytest $(PYTEST_ARGS); \
	elif [ "$$CI" = "true" ]; then \
		echo "CI=true but MARQUEE_TEST_POSTGRES_URL is not set: the PostgreSQL run cannot be skipped in CI"; exit 1; \
	else \
		echo "PostgreSQL run skipped: set MARQUEE_TEST_POSTGRES_URL=postgres://… to run the suite there too"; \
	fi

## screenshots: the README's screenshots of the demo's home and article pages, desktop and phone
## (docs/screenshots/; a throwaway database, Chromium at /usr/bin/chromium)
screenshots: $(VENV)/.installed-test
	$(BIN)/python scripts/screenshots.py

## bench: the import benchmark (see bench/README.md for the others)
bench: $(VENV)/.installed-test
	$(BIN)/python -m bench.kb_import

clean:
	rm -rf $(VENV) var .mypy_cache .ruff_cache .pytest_cache .cache
