# Two commands on a fresh machine with Python 3.11:  make run   /   make test
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
CORPUS ?= seeds
# what the dashboard needs, then the development extras (pytest, Hypothesis, Playwright, ruff)
STAMP  := $(VENV)/.installed
DEV    := $(VENV)/.installed-dev

.PHONY: run test setup dev assets bench bench-dashboard eval lint clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -e .
	$(BIN)/python -m geo.app.assets install
	touch $(STAMP)

$(DEV): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(DEV)

setup: $(STAMP)
dev: $(DEV)

## Dashboard on the built-in data (seeds + bundled gazetteer), no network needed.
## A lean environment: nothing of the test tools is installed for it.
run: setup
	$(BIN)/streamlit run dashboard.py -- --corpus $(CORPUS)

## Whole test suite, including the browser tests in Debian's chromium.
test: dev
	scripts/ensure-chromium
	$(BIN)/python -m pytest

bench: setup
	$(BIN)/python bench/bench_gazetteer.py
	$(BIN)/python bench/bench_pipeline.py
	$(BIN)/python bench/bench_pipeline.py --real
	$(BIN)/python bench/bench_pipeline.py --memory
	$(BIN)/python bench/bench_mapview.py
	$(BIN)/python bench/bench_filter.py
	$(BIN)/python bench/bench_per_mb.py

## The dashboard: first map on a real server in Debian's chromium, filter change at 10,000 incidents (dev extras).
bench-dashboard: dev
	scripts/ensure-chromium
	$(BIN)/python bench/bench_dashboard.py

## Extraction scored on real news items (../shared/spec/news_dev when present, tests/data/news).
eval: setup
	$(BIN)/python bench/eval_news.py

lint: dev
	$(BIN)/ruff check .

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache static/vendor
