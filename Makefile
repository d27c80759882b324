# inovasi: the two set-up commands are `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: demo test lint bench clean

# A venv with the project and its test extras, rebuilt when pyproject.toml changes.
$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

demo: $(BIN)/.installed
	$(BIN)/inovasi validate

test: $(BIN)/.installed
	$(BIN)/python -m pytest

lint: $(BIN)/.installed
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/mypy

# National-scale timings on a synthetic corpus (BENCH_N innovations); see benchmarks/.
BENCH_N ?= 20000
bench: $(BIN)/.installed
	$(BIN)/python benchmarks/run.py --innovations $(BENCH_N)

clean:
	rm -rf $(VENV) build .pytest_cache .mypy_cache .ruff_cache
