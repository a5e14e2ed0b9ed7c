# The two commands of the README: `make demo` and `make test`. Both set up what they need first:
# a virtualenv in .venv (pinned by constraints.txt) and the Pulumi CLI in .tools/bin. `make test` also
# installs the dependencies of each Node.js project (a folder with a package.json and its lock file).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
NODE_PROJECTS := $(patsubst %/package.json,%,$(wildcard examples/*/package.json tests/e2e/programs/*/package.json))
NODE_INSTALLED := $(NODE_PROJECTS:%=%/node_modules/.package-lock.json)
export PATH := $(CURDIR)/.tools/bin:$(PATH)

.PHONY: setup tools demo test lint typecheck unit integration e2e bench clean

setup: $(VENV)/.installed tools $(NODE_INSTALLED)

tools:
	scripts/install-pulumi

$(VENV)/.installed: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $@

# The hidden lock file that npm ci leaves in node_modules marks a finished install.
%/node_modules/.package-lock.json: %/package.json %/package-lock.json
	cd $* && npm ci --no-audit --no-fund
	touch $@

demo: $(VENV)/.installed tools
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
	rm -rf $(VENV) .tools .pytest_cache .mypy_cache .ruff_cache $(NODE_PROJECTS:%=%/node_modules)
