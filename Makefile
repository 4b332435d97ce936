# kopir: the two commands a new user needs are `make run` and `make test`.
# Each creates its own virtual environment on first use and reinstalls only
# when pyproject.toml changes.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
CORPUS ?= kopir-corpus
SEEDS  := seeds

.PHONY: run test lint bench bench-segment bench-ingest bench-align clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	touch $@ $(VENV)/.installed

## run: set up, build the seed corpus if needed, open kopir on it
run: $(VENV)/.installed
	$(BIN)/kopir --corpus $(CORPUS) ingest --quiet --with-translations $(SEEDS)
	$(BIN)/kopir --corpus $(CORPUS)

## test: set up with the test tools, lint, run the whole suite
test: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

## bench: every benchmark, each printing kopir beside its baseline
bench: bench-segment bench-ingest bench-align bench-query

bench-segment: $(VENV)/.installed-test
	$(BIN)/python -m benchmarks.bench_segment

bench-ingest: $(VENV)/.installed-test
	$(BIN)/python -m benchmarks.bench_ingest

bench-align: $(VENV)/.installed-test
	$(BIN)/python -m benchmarks.bench_align

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis *.egg-info

.PHONY: bench-query
bench-query: $(VENV)/.installed-test
	$(BIN)/python -m benchmarks.bench_query
