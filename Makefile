# inovasi: the two set-up commands are `make demo` and `make test`.
# Both install from the committed lock files in requirements/ (see requirements/README.md).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip --disable-pip-version-check
LOCKED := $(PIP) install --quiet --require-hashes --no-deps
UV_COMPILE := uv pip compile --universal --python-version 3.11 --generate-hashes --quiet

.PHONY: demo test lint bench fuzz lock test-newest clean

# The runtime only: what an analyst needs to run the tool. The project itself is built
# without isolation, by the locked hatchling, so nothing unlocked is downloaded.
$(BIN)/.runtime: requirements/runtime.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(LOCKED) -r requirements/runtime.txt
	$(PIP) install --quiet --no-deps --no-build-isolation -e .
	touch $@

# The test extra on top, at the versions of the lock.
$(BIN)/.test: $(BIN)/.runtime requirements/test.txt
	$(LOCKED) -r requirements/test.txt
	touch $@

# The main job on the shipped collection: validate, list, score, render the IGA 2019 report.
demo: $(BIN)/.runtime
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

test: $(BIN)/.test
	$(BIN)/python -m pytest

# Property-based tests at fuzzing strength: 10,000 random and mutated files through the
# loader, and proportionally many through the validator, every renderer and the reporters.
fuzz: $(BIN)/.test
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest tests/test_fuzz.py -p no:cacheprovider

lint: $(BIN)/.test
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy
	$(BIN)/lint-imports

# National-scale timings on a synthetic corpus (BENCH_N innovations), and cold validate at
# the larger BENCH_SCALE sizes (e.g. BENCH_SCALE=100000,300000); see benchmarks/.
BENCH_N ?= 20000
BENCH_SCALE ?=
bench: $(BIN)/.test
	$(BIN)/python benchmarks/run.py --innovations $(BENCH_N) --scale "$(BENCH_SCALE)"

# Refresh the lock files: the newest versions pyproject.toml allows, for every platform.
TOOLS := build/lock-tools
lock:
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/python -m pip install --quiet --require-hashes --no-deps -r requirements/tools.txt
	PATH="$(abspath $(TOOLS))/bin:$$PATH" $(UV_COMPILE) --upgrade \
		-o requirements/runtime.txt pyproject.toml requirements/build.in
	PATH="$(abspath $(TOOLS))/bin:$$PATH" $(UV_COMPILE) --upgrade --extra test \
		-c requirements/runtime.txt -o requirements/test.txt pyproject.toml requirements/build.in
	PATH="$(abspath $(TOOLS))/bin:$$PATH" $(UV_COMPILE) --upgrade --extra site \
		-c requirements/test.txt -o requirements/site.txt pyproject.toml requirements/build.in
	PATH="$(abspath $(TOOLS))/bin:$$PATH" $(UV_COMPILE) --upgrade \
		-o requirements/tools.txt requirements/tools.in

# The suite against the newest release of every dependency, without the lock (its own
# venv, so the locked one is untouched): what the weekly `newest` workflow runs.
NEWEST := build/venv-newest
test-newest:
	rm -rf $(NEWEST)
	$(PYTHON) -m venv $(NEWEST)
	$(NEWEST)/bin/python -m pip install --quiet --upgrade pip
	$(NEWEST)/bin/python -m pip install --quiet --upgrade --upgrade-strategy eager -e '.[test]'
	$(NEWEST)/bin/python -m pip list --format freeze
	$(NEWEST)/bin/python -m pytest -p no:cacheprovider

clean:
	rm -rf $(VENV) build .pytest_cache .mypy_cache .ruff_cache
