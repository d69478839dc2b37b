# Two commands on a fresh machine with Python 3.11:  make run   /   make test
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
CORPUS ?= seeds
STAMP  := $(VENV)/.installed

.PHONY: run test setup assets bench eval lint clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(BIN)/python -m geo.app.assets install
	touch $(STAMP)

setup: $(STAMP)

## Dashboard on the built-in data (seeds + bundled gazetteer), no network needed.
run: setup
	$(BIN)/streamlit run dashboard.py -- --corpus $(CORPUS)

## Whole test suite, including the browser tests in Debian's chromium.
test: setup
	scripts/ensure-chromium
	$(BIN)/python -m pytest

bench: setup
	$(BIN)/python bench/bench_gazetteer.py
	$(BIN)/python bench/bench_pipeline.py
	$(BIN)/python bench/bench_mapview.py
	$(BIN)/python bench/bench_filter.py
	$(BIN)/python bench/bench_per_mb.py

## Extraction scored on real news items (../shared/spec/news_dev when present, tests/data/news).
eval: setup
	$(BIN)/python bench/eval_news.py

lint: setup
	$(BIN)/ruff check .

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache static/vendor
