# The two commands of the README: `make demo` and `make test`. Both set up what they need first:
# a virtualenv in .venv (pinned by constraints.txt) and the Pulumi CLI in .tools/bin.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export PATH := $(CURDIR)/.tools/bin:$(PATH)

.PHONY: setup demo test lint typecheck unit integration e2e test-pythons test-floors bench clean

setup: $(VENV)/.installed
	scripts/install-pulumi

$(VENV)/.installed: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $@

demo: setup
	$(BIN)/python scripts/demo.py

test: setup lint typecheck
	$(BIN)/pytest

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Each example is its own program named __main__, so each is checked on its own.
typecheck: $(VENV)/.installed
	$(BIN)/mypy
	for program in examples/*/__main__.py; do $(BIN)/mypy "$$program" || exit 1; done

unit: $(VENV)/.installed
	$(BIN)/pytest tests/unit

integration: $(VENV)/.installed
	$(BIN)/pytest tests/integration

e2e: setup
	$(BIN)/pytest tests/e2e

# CI runs these after `make test`: the unit and integration layers on the oldest and newest Python that
# pyproject.toml allows, and with the lowest version of each dependency it allows. Each has its own
# virtualenv; scripts/find-python finds the interpreters, and fails when one is missing.
OLDEST_PYTHON := 3.10
NEWEST_PYTHON := 3.13
FLOORS := .venv-floors

test-pythons: .venv-py$(OLDEST_PYTHON)/.installed .venv-py$(NEWEST_PYTHON)/.installed
	.venv-py$(OLDEST_PYTHON)/bin/pytest tests/unit tests/integration
	.venv-py$(NEWEST_PYTHON)/bin/pytest tests/unit tests/integration

.venv-py%/.installed: pyproject.toml constraints.txt
	rm -rf .venv-py$*
	python=$$(scripts/find-python $*) && "$$python" -m venv .venv-py$*
	.venv-py$*/bin/python -m pip install --quiet --upgrade pip
	.venv-py$*/bin/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $@

test-floors: $(FLOORS)/.installed
	$(FLOORS)/bin/pytest tests/unit tests/integration

# The build backend is installed at its floor too, and used as it is (no isolated build with the newest).
$(FLOORS)/.installed: pyproject.toml $(VENV)/.installed
	rm -rf $(FLOORS)
	python=$$(scripts/find-python $(OLDEST_PYTHON)) && "$$python" -m venv $(FLOORS)
	$(BIN)/python scripts/lowest_requirements.py > $(FLOORS)/floors.txt
	$(FLOORS)/bin/python -m pip install --quiet --upgrade pip
	$(FLOORS)/bin/python -m pip install --quiet -c $(FLOORS)/floors.txt setuptools
	$(FLOORS)/bin/python -m pip install --quiet --no-build-isolation -c $(FLOORS)/floors.txt -e '.[dev]'
	touch $@

clean:
	rm -rf $(VENV) .venv-py* $(FLOORS) .tools .pytest_cache .mypy_cache .ruff_cache
