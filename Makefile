# The two commands of the README: `make demo` and `make test`. Both set up what they need first:
# a virtualenv in .venv (pinned by constraints.txt) and the Pulumi CLI in .tools/bin. `make test` also
# installs the dependencies of each Node.js project (a folder with a package.json and its lock file).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
NODE_PROJECTS := $(patsubst %/package.json,%,$(wildcard sdk/nodejs/package.json examples/*/package.json tests/e2e/programs/*/package.json))
NODE_INSTALLED := $(NODE_PROJECTS:%=%/node_modules/.package-lock.json)
SDK := sdk/nodejs
export PATH := $(CURDIR)/.tools/bin:$(PATH)

.PHONY: setup tools demo test lint typecheck unit integration e2e test-pythons test-floors bench docs sdk release clean

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

# The Node.js SDK, compiled into its bin folder as it is published; the TypeScript example installs it
# from there, so it is built first and the example reinstalled when it changes.
$(SDK)/bin/package.json: $(SDK)/node_modules/.package-lock.json $(shell find $(SDK) \( -name node_modules -o -name bin \) -prune -o -name '*.ts' -print)
	cd $(SDK) && npm run build --silent && cp package.json README.md bin/
examples/typescript/node_modules/.package-lock.json: $(SDK)/bin/package.json

# Regenerates sdk/nodejs from the plugin's schema (a test fails when the committed SDK is stale).
sdk: $(VENV)/.installed tools
	scripts/gen-sdk

# Every file a GitHub release publishes, into dist/, byte for byte the same from the same commit
# (scripts/release.py). It needs no Pulumi CLI: the Node.js SDK's build and npm suffice.
release: $(VENV)/.installed $(SDK)/bin/package.json
	$(BIN)/python scripts/release.py

demo: $(VENV)/.installed tools
	$(BIN)/python scripts/demo.py

test: setup lint typecheck
	$(BIN)/pytest

# The release workflow cannot run here; actionlint checks it (a Go module, built into .tools/bin).
ACTIONLINT := .tools/bin/actionlint
$(ACTIONLINT):
	GOBIN=$(CURDIR)/.tools/bin GOFLAGS=-buildvcs=false go install github.com/rhysd/actionlint/cmd/actionlint@v1.7.12

lint: $(VENV)/.installed $(ACTIONLINT)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(ACTIONLINT)

# Each program is named __main__ (the root project's, each example's and each benchmark program's), so
# each is checked on its own. The TypeScript example compiles under its tsconfig, which is strict.
typecheck: $(VENV)/.installed examples/typescript/node_modules/.package-lock.json
	$(BIN)/mypy
	for program in __main__.py examples/*/__main__.py scripts/bench_programs/*/__main__.py; do \
		$(BIN)/mypy "$$program" || exit 1; \
	done
	cd examples/typescript && node_modules/.bin/tsc --noEmit

unit: $(VENV)/.installed
	$(BIN)/pytest tests/unit

integration: $(VENV)/.installed
	$(BIN)/pytest tests/integration

e2e: setup
	$(BIN)/pytest tests/e2e

# The full benchmark (about 13 minutes on the 2-core machine): writes BENCHMARKS.md and prints it.
bench: $(VENV)/.installed tools
	scripts/bench

# The reference tables of the README and of the Pulumi Registry pages in docs/, from the field
# declarations (a unit test fails when they are stale).
docs: $(VENV)/.installed
	$(BIN)/python -m pulumi_xobin._reference README.md docs/*.md

# CI runs these after `make test`: the unit and integration layers on the oldest and newest Python that
# pyproject.toml allows, first with the pins of constraints.txt, then with the lowest version of each
# dependency that pyproject.toml allows. Each run has its own virtualenv; scripts/find-python finds the
# interpreters, and fails when one is missing.
OLDEST_PYTHON := 3.10
NEWEST_PYTHON := 3.13
PYTHONS := $(OLDEST_PYTHON) $(NEWEST_PYTHON)

test-pythons: $(PYTHONS:%=.venv-py%/.installed)
	for python in $(PYTHONS); do .venv-py$$python/bin/pytest tests/unit tests/integration || exit 1; done

.venv-py%/.installed: pyproject.toml constraints.txt
	rm -rf $(@D)
	python=$$(scripts/find-python $*) && "$$python" -m venv $(@D)
	$(@D)/bin/python -m pip install --quiet --upgrade pip
	$(@D)/bin/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $@

test-floors: $(PYTHONS:%=.venv-floors-py%/.installed)
	for python in $(PYTHONS); do .venv-floors-py$$python/bin/pytest tests/unit tests/integration || exit 1; done

# The build backend is installed at its floor too, and used as it is (no isolated build with the newest).
.venv-floors-py%/.installed: pyproject.toml $(VENV)/.installed
	rm -rf $(@D)
	python=$$(scripts/find-python $*) && "$$python" -m venv $(@D)
	$(BIN)/python scripts/lowest_requirements.py > $(@D)/floors.txt
	$(@D)/bin/python -m pip install --quiet --upgrade pip
	$(@D)/bin/python -m pip install --quiet -c $(@D)/floors.txt setuptools
	$(@D)/bin/python -m pip install --quiet --no-build-isolation -c $(@D)/floors.txt -e '.[dev]'
	touch $@

clean:
	rm -rf $(VENV) .venv-py* .venv-floors-py* .tools .pytest_cache .mypy_cache .ruff_cache $(NODE_PROJECTS:%=%/node_modules)
