# The two commands of the README: `make demo` and `make test`. Both set up what they need first:
# a virtualenv in .venv (pinned by constraints.txt) and the Pulumi CLI in .tools/bin.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export PATH := $(CURDIR)/.tools/bin:$(PATH)

.PHONY: setup demo test lint typecheck unit integration e2e bench clean

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

# Each program is named __main__ (the root project's and each example's), so each is checked on its own.
typecheck: $(VENV)/.installed
	$(BIN)/mypy
	for program in __main__.py examples/*/__main__.py; do $(BIN)/mypy "$$program" || exit 1; done

unit: $(VENV)/.installed
	$(BIN)/pytest tests/unit

integration: $(VENV)/.installed
	$(BIN)/pytest tests/integration

e2e: setup
	$(BIN)/pytest tests/e2e

clean:
	rm -rf $(VENV) .tools .pytest_cache .mypy_cache .ruff_cache
