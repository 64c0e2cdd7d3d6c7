# plans: make run (sample archive -> data/processed) and make test are the two commands to know.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
APT_PACKAGES := tesseract-ocr tesseract-ocr-vie tesseract-ocr-osd fonts-dejavu-core fonts-dejavu-extra chromium
JOBS ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: setup system-deps run test lint eval bench fuzz samples model clean

setup: system-deps $(STAMP)

# Installs Tesseract with its Vietnamese and orientation data, and Chromium (the review pages'
# tests drive it headless), only when something is missing.
system-deps:
	@missing=""; \
	command -v tesseract >/dev/null 2>&1 || missing="yes"; \
	if [ -z "$$missing" ]; then \
	  langs=$$(tesseract --list-langs 2>/dev/null); \
	  echo "$$langs" | grep -qx vie || missing="yes"; \
	  echo "$$langs" | grep -qx osd || missing="yes"; \
	fi; \
	[ -f /usr/share/fonts/truetype/dejavu/DejaVuSerif-Italic.ttf ] || missing="yes"; \
	[ -x /usr/bin/chromium ] || missing="yes"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing $(APT_PACKAGES) with apt-get"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $(APT_PACKAGES); \
	fi

$(STAMP): pyproject.toml
	@[ -x $(BIN)/python ] || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	@touch $(STAMP)

run: setup
	$(BIN)/plans extract data/raw --out data/processed --jobs $(JOBS)

test: setup
	OMP_THREAD_LIMIT=1 $(BIN)/pytest -q

lint: setup
	$(BIN)/ruff check pipeline tests scripts benchmarks

# Regenerates the committed sample archive from its text (deterministic).
samples: setup
	$(BIN)/python scripts/make_samples.py

# Rebuilds the spaCy pipeline (bodies and dates in prose) from models/agencies.csv.
model: setup
	$(BIN)/python scripts/build_model.py

# The extraction measured on the synthetic corpus (data/corpus/, generated again only when the
# generator's code changed; --force because the cache does not know the pipeline's code
# changed), then the slow tests.
CORPUS := data/corpus
eval: setup
	@hash=$$(cat pipeline/synth/*.py | sha256sum | cut -c1-16); \
	if [ "$$(cat $(CORPUS)/.stamp 2>/dev/null)" != "$$hash" ]; then \
	  echo "Generating the corpus into $(CORPUS)"; \
	  rm -rf $(CORPUS) && $(BIN)/python -m pipeline.synth.corpus $(CORPUS) >/dev/null \
	    && echo "$$hash" > $(CORPUS)/.stamp; \
	fi
	-$(BIN)/plans extract $(CORPUS)/docs --out $(CORPUS)/out -q --force --jobs $(JOBS)
	$(BIN)/plans evaluate $(CORPUS)/out $(CORPUS)/truth
	OMP_THREAD_LIMIT=1 $(BIN)/pytest -q -m slow

bench: setup
	OMP_THREAD_LIMIT=1 $(BIN)/python benchmarks/run.py

# Many more byte-mutated inputs than make test runs (PLANS_FUZZ_EXAMPLES=N to change); a crashing
# input is saved to tests/regressions/.
fuzz: setup
	PLANS_FUZZ_EXAMPLES=$${PLANS_FUZZ_EXAMPLES:-2000} OMP_THREAD_LIMIT=1 $(BIN)/pytest -q tests/test_fuzz.py --hypothesis-show-statistics

clean:
	rm -rf data/processed/* .pytest_cache
