# Two commands do everything on a fresh machine with Python 3.11 and make:  make run  ·  make test
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PG_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/test
EVENTKB_PORT ?= 8000
export EVENTKB_PORT

.PHONY: run test test-pg install install-test serve migrate seed bench lint lint-fix clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/pip install --quiet -e ".[test]"
	touch $@

$(VENV)/.installed-lint: $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e ".[lint]"
	touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

## make run: install, migrate, load the seeds (idempotent), serve on http://127.0.0.1:$EVENTKB_PORT (docs at /docs)
run: install
	$(BIN)/eventkb migrate
	$(BIN)/eventkb seed
	$(BIN)/eventkb serve

## make test: install test dependencies and run the suite on SQLite
test: install-test
	$(BIN)/python -m pytest $(PYTEST_ARGS)

## make test-pg: the same suite against PostgreSQL (fails if the server is unreachable)
test-pg: install-test
	$(BIN)/python -m pytest --db-url "$(PG_URL)" --require-db $(PYTEST_ARGS)

## make lint: ruff (rules in pyproject.toml) over the whole repository; `make lint-fix` applies the safe fixes
lint: $(VENV)/.installed-lint
	$(BIN)/ruff check .

lint-fix: $(VENV)/.installed-lint
	$(BIN)/ruff check --fix .

migrate: install
	$(BIN)/eventkb migrate

seed: install
	$(BIN)/eventkb seed

bench: install-test
	$(BIN)/pip install --quiet -e ".[bench]"
	$(BIN)/python -m bench.run_all $(BENCH_ARGS)

clean:
	rm -rf $(VENV) data .pytest_cache
