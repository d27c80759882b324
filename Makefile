# inovasi: the two set-up commands are `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: demo test lint bench fuzz clean

# A venv with the project and its test extras, rebuilt when pyproject.toml changes.
$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

# The main job on the shipped collection: validate, list, score, render the IGA 2019 report.
demo: $(BIN)/.installed
	$(BIN)/inovasi validate
	$(BIN)/inovasi list --region banggai --award iga-2019
	$(BIN)/inovasi visits --host banggai
	$(BIN)/inovasi score --region banggai
	mkdir -p build
	$(BIN)/inovasi report award --region banggai --award iga-2019 --format html \
		--output build/iga-2019-banggai.html --force
	$(BIN)/inovasi report award --region banggai --award iga-2019 --format md \
		--output build/iga-2019-banggai.md --force
	@echo "Reports: build/iga-2019-banggai.html and build/iga-2019-banggai.md"

test: $(BIN)/.installed
	$(BIN)/python -m pytest

# Property-based tests at fuzzing strength: 10,000 random and mutated files through the
# loader, and proportionally many through the validator, every renderer and the reporters.
fuzz: $(BIN)/.installed
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest tests/test_fuzz.py -p no:cacheprovider

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
