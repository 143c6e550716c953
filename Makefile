# treaty-factcheck: `make demo` builds the warehouse from the bundled data; `make test` runs the suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export DAGSTER_HOME ?= $(CURDIR)/.dagster_home
export PYTHONWARNINGS ?= ignore::DeprecationWarning,ignore::UserWarning

.PHONY: install demo test ui eval bench clean lint

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/factcheck --quiet refresh

test: $(STAMP)
	$(BIN)/pytest -q -n 2 --dist loadfile

ui: $(STAMP)
	$(BIN)/dagster dev -m pipelines.definitions -p 3000

eval: $(STAMP)
	$(BIN)/python -m pipelines.evaluate tests/eval --min 0.9

bench: $(STAMP)
	$(BIN)/factcheck bench --articles 1000 --articles 10000 --articles 100000 --incremental --out bench/results.json

lint: $(STAMP)
	$(BIN)/sqlfluff lint dbt_like_sql --dialect duckdb

clean:
	rm -rf data/warehouse/*.duckdb data/warehouse/*.wal data/exports data/report
