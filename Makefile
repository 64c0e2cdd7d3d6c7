# plans: make run (sample archive -> data/processed) and make test are the two commands to know.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
APT_PACKAGES := tesseract-ocr tesseract-ocr-vie tesseract-ocr-osd fonts-dejavu-core fonts-dejavu-extra
JOBS ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: setup system-deps run test lint eval bench fuzz samples clean

setup: system-deps $(STAMP)

# Installs Tesseract with its Vietnamese and orientation data only when something is missing.
system-deps:
	@missing=""; \
	command -v tesseract >/dev/null 2>&1 || missing="yes"; \
	if [ -z "$$missing" ]; then \
	  langs=$$(tesseract --list-langs 2>/dev/null); \
	  echo "$$langs" | grep -qx vie || missing="yes"; \
	  echo "$$langs" | grep -qx osd || missing="yes"; \
	fi; \
	[ -f /usr/share/fonts/truetype/dejavu/DejaVuSerif-Italic.ttf ] || missing="yes"; \
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

eval: setup
	OMP_THREAD_LIMIT=1 $(BIN)/pytest -q -m slow

bench: setup
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf data/processed/* .pytest_cache
