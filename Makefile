# The two commands of the README: `make demo` and `make test`. Both set up what they need first:
# a virtualenv in .venv (pinned by constraints.txt) and the Pulumi CLI in .tools/bin. `make test` also
# installs the dependencies of each Node.js project (a folder with a package.json and its lock file)
# and the Java SDK (into the local Maven repository, where examples/java finds it).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
NODE_PROJECTS := $(patsubst %/package.json,%,$(wildcard sdk/nodejs/package.json examples/*/package.json tests/e2e/programs/*/package.json))
NODE_INSTALLED := $(NODE_PROJECTS:%=%/node_modules/.package-lock.json)
SDK := sdk/nodejs
JAVA_SDK := sdk/java
JAVA_SDK_INSTALLED := $(JAVA_SDK)/target/.installed
export PATH := $(CURDIR)/.tools/bin:$(PATH)

.PHONY: setup tools demo test lint typecheck unit integration e2e test-pythons test-floors test-newest bench docs sdk release clean

setup: $(VENV)/.installed tools $(NODE_INSTALLED) $(JAVA_SDK_INSTALLED)

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

# `mvn install` of the Java SDK leaves the jar in target and in the local Maven repository.
$(JAVA_SDK_INSTALLED): $(JAVA_SDK)/pom.xml $(shell find $(JAVA_SDK)/src -type f)
	cd $(JAVA_SDK) && mvn -B -q install
	touch $@

# Regenerates sdk/nodejs, sdk/go and sdk/java from the plugin's schema (a test fails when a committed SDK
# is stale).
sdk: $(VENV)/.installed tools
	scripts/gen-sdk

# Every file a GitHub release publishes, into dist/, byte for byte the same from the same commit
# (scripts/release.py): the plugin archive of this machine's platform, self-contained (it needs Python
# 3.11, found as `make test-pythons` finds its Pythons). It needs no Pulumi CLI: the Node.js SDK's build
# and npm suffice. The release workflow passes RELEASE_FLAGS=--no-plugin and builds each platform's
# plugin on that platform.
release: $(VENV)/.installed $(SDK)/bin/package.json
	$(BIN)/python scripts/release.py $(RELEASE_FLAGS)

demo: $(VENV)/.installed tools
	$(BIN)/python scripts/demo.py

# The tests run in parallel, one process per core (pytest-xdist); an xdist_group mark keeps tests that share
# one stack in one process. What the end-to-end tests share across processes: tests/e2e/conftest.py.
PARALLEL := -n auto --dist loadgroup

test: setup lint typecheck
	$(BIN)/pytest $(PARALLEL)

# The release workflow cannot run here; actionlint checks it (a Go module, built into .tools/bin).
ACTIONLINT := .tools/bin/actionlint
$(ACTIONLINT):
	GOBIN=$(CURDIR)/.tools/bin GOFLAGS=-buildvcs=false go install github.com/rhysd/actionlint/cmd/actionlint@v1.7.12

lint: $(VENV)/.installed $(ACTIONLINT)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(ACTIONLINT)

# Each program is named __main__ (the root project's, each example's and each benchmark program's), so
# each is checked on its own. The TypeScript example compiles under its tsconfig, which is strict. The Go
# SDK and example build and vet as Pulumi's Go host builds programs (-trimpath, so the end-to-end suite's
# first Go program finds its packages compiled) and gofmt has nothing to say; the Java example compiles.
typecheck: $(VENV)/.installed examples/typescript/node_modules/.package-lock.json $(JAVA_SDK_INSTALLED)
	$(BIN)/mypy
	for program in __main__.py examples/*/__main__.py scripts/bench_programs/*/__main__.py; do \
		$(BIN)/mypy "$$program" || exit 1; \
	done
	cd examples/typescript && node_modules/.bin/tsc --noEmit
	for module in sdk/go examples/go; do \
		(cd $$module && go build -trimpath -o /dev/null ./... && go vet -trimpath ./...) || exit 1; \
	done
	test -z "$$(gofmt -l sdk/go examples/go)" || { gofmt -l sdk/go examples/go; exit 1; }
	cd examples/java && mvn -B -q compile

unit: $(VENV)/.installed
	$(BIN)/pytest tests/unit

integration: $(VENV)/.installed
	$(BIN)/pytest tests/integration

e2e: setup
	$(BIN)/pytest $(PARALLEL) tests/e2e

# The full benchmark: time, connections and state size, into BENCHMARKS.md (written whole, under one date)
# and printed. `scripts/bench --scale`, a run of its own, prints the large-stack tables instead.
bench: $(VENV)/.installed tools $(SDK)/bin/package.json
	scripts/bench

# The reference tables of the README and of the Pulumi Registry pages in docs/, from the field
# declarations (a unit test fails when they are stale).
docs: $(VENV)/.installed
	$(BIN)/python scripts/reference.py README.md docs/*.md

# CI runs these after `make test`: the unit and integration layers on the oldest and newest Python that
# pyproject.toml allows, first with the pins of constraints.txt, then with the lowest version of each
# dependency that pyproject.toml allows, then with the newest. Each run has its own virtualenv;
# scripts/find-python finds the interpreters, and fails when one is missing.
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

test-newest: $(PYTHONS:%=.venv-newest-py%/.installed)
	for python in $(PYTHONS); do .venv-newest-py$$python/bin/pytest tests/unit tests/integration || exit 1; done

# No constraints: pip takes the newest version of each dependency that pyproject.toml allows, so a user
# who upgrades is covered before constraints.txt moves. CI builds it afresh; elsewhere, delete it to test
# releases newer than the last build. versions.txt lists what was installed (where to move the pins).
.venv-newest-py%/.installed: pyproject.toml
	rm -rf $(@D)
	python=$$(scripts/find-python $*) && "$$python" -m venv $(@D)
	$(@D)/bin/python -m pip install --quiet --upgrade pip
	$(@D)/bin/python -m pip install --quiet -e '.[dev]'
	$(@D)/bin/python -m pip freeze --exclude-editable > $(@D)/versions.txt
	touch $@

clean:
	rm -rf $(VENV) .venv-py* .venv-floors-py* .venv-newest-py* .tools .pytest_cache .mypy_cache .ruff_cache $(NODE_PROJECTS:%=%/node_modules) \
		$(JAVA_SDK)/target examples/java/target
