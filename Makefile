# plans: make run (sample archive -> data/processed) and make test are the two commands to know.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
APT_PACKAGES := tesseract-ocr tesseract-ocr-vie tesseract-ocr-osd fonts-dejavu-core fonts-dejavu-extra chromium
JOBS ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: setup system-deps office lock test-latest run test lint eval eval-real bench fuzz samples model clean

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

# LibreOffice, for the real corpus's .doc files (the pipeline reads them through it; without it each
# is an error row, which would count its tasks as missed).
office:
	@command -v soffice >/dev/null 2>&1 || { \
	  echo "Installing libreoffice-writer-nogui with apt-get"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq libreoffice-writer-nogui; }

# The venv is made from the lock, exactly: the pinned versions with their hashes, nothing
# resolved at install time. A changed lock makes the venv again from nothing, so nothing that
# an older lock installed is left in it.
LOCK := requirements/dev.txt
$(STAMP): pyproject.toml $(LOCK)
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --require-hashes --no-deps -r $(LOCK)
	$(BIN)/pip install -q --no-deps --no-build-isolation -e .
	@touch $(STAMP)

# The newest releases pyproject.toml allows, written to the lock (requirements/*.txt) with their
# hashes; commit the lock with what it changes. UPGRADE=--upgrade-package=NAME for one package.
UPGRADE ?= --upgrade
LOCK_FLAGS = --universal --python-version 3.11 --generate-hashes --no-header -q $(UPGRADE)
lock: setup
	$(BIN)/uv pip compile pyproject.toml $(LOCK_FLAGS) -o requirements/runtime.txt
	$(BIN)/uv pip compile pyproject.toml --extra dev $(LOCK_FLAGS) -o requirements/dev.txt

# The tests against the newest allowed releases, in a venv of their own (.venv-latest): says
# which versions differ from the lock and how the tests fare, and never fails (CI runs the lock).
test-latest: system-deps
	rm -rf .venv-latest && $(PYTHON) -m venv .venv-latest
	.venv-latest/bin/pip install -q --upgrade pip setuptools
	.venv-latest/bin/pip install -q --upgrade -e '.[dev]'
	@.venv-latest/bin/python scripts/compare_lock.py $(LOCK)
	@OMP_THREAD_LIMIT=1 .venv-latest/bin/pytest -q -p no:cacheprovider \
	  && echo "test-latest: the tests pass on the newest releases" \
	  || echo "test-latest: some tests fail on the newest releases (above); the lock keeps CI on the versions it pins"

run: setup
	$(BIN)/plans extract data/raw --out data/processed --jobs $(JOBS)

test: setup lint
	OMP_THREAD_LIMIT=1 $(BIN)/pytest -q

# Style, and the package's import rules (pyproject.toml, [tool.importlinter]).
lint: setup
	$(BIN)/ruff check pipeline tests scripts benchmarks synth
	$(BIN)/lint-imports --no-cache

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
	@hash=$$(cat synth/*.py | sha256sum | cut -c1-16); \
	if [ "$$(cat $(CORPUS)/.stamp 2>/dev/null)" != "$$hash" ]; then \
	  echo "Generating the corpus into $(CORPUS)"; \
	  rm -rf $(CORPUS) && $(BIN)/python -m synth.corpus $(CORPUS) >/dev/null \
	    && echo "$$hash" > $(CORPUS)/.stamp; \
	fi
	-$(BIN)/plans extract $(CORPUS)/docs --out $(CORPUS)/out -q --force --jobs $(JOBS)
	$(BIN)/plans evaluate $(CORPUS)/out $(CORPUS)/truth
	OMP_THREAD_LIMIT=1 $(BIN)/pytest -q -m slow

# The real corpus (data/real/: real documents, hand-checked truth in data/real/truth/) extracted
# and scored: the figure that matters. The table by document, kind and form goes to stdout and,
# with every task missed or invented, to $(REAL_OUT)/evaluation.txt.
REAL := data/real
REAL_OUT := data/processed/real
eval-real: setup office
	-$(BIN)/plans extract $(REAL) --out $(REAL_OUT) -q --jobs $(JOBS)
	$(BIN)/plans evaluate $(REAL_OUT) $(REAL)/truth --details > $(REAL_OUT)/evaluation.txt
	@sed -n '/^metadata by field/q;p' $(REAL_OUT)/evaluation.txt
	@grep -E '^(metadata by field|missed by reason)' $(REAL_OUT)/evaluation.txt

# Real plans' published text, typeset in several renderings (data/real-text/README.md): not
# real files, so scored apart from eval-real. The renderings are made here, not committed.
eval-real-text: setup
	$(BIN)/python scripts/make_real_text.py --out data/processed/real-text/docs --check
	-$(BIN)/plans extract data/processed/real-text/docs --out data/processed/real-text -q --jobs $(JOBS)
	$(BIN)/plans evaluate data/processed/real-text data/real-text/truth --details > data/processed/real-text/evaluation.txt
	@sed -n '/^metadata by field/q;p' data/processed/real-text/evaluation.txt
	@grep '^metadata by field' data/processed/real-text/evaluation.txt

bench: setup
	OMP_THREAD_LIMIT=1 $(BIN)/python benchmarks/run.py

# Many more byte-mutated inputs than make test runs (PLANS_FUZZ_EXAMPLES=N to change); a crashing
# input is saved to tests/regressions/.
fuzz: setup
	PLANS_FUZZ_EXAMPLES=$${PLANS_FUZZ_EXAMPLES:-2000} OMP_THREAD_LIMIT=1 $(BIN)/pytest -q tests/test_fuzz.py --hypothesis-show-statistics

clean:
	rm -rf data/processed/* .pytest_cache
