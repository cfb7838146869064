# Two commands do all set-up on a fresh machine:
#   make run    - create .venv, install wirefacts with its pinned model, extract facts from samples/
#   make test   - the same set-up plus test tools, then the whole test suite (slow tests included)
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test evaluate accuracy bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/wirefacts extract samples -o out/samples.jsonl
	@echo "records written to out/samples.jsonl"
	$(BIN)/wirefacts evaluate samples/gold

test: java
test: $(STAMP)
	$(BIN)/python -m pytest --slow

# The browser test of `wirefacts show` needs Chromium from the system packages: installed only when missing.
.PHONY: chromium
test: chromium
chromium:
	sh scripts/ensure_chromium.sh

evaluate: $(STAMP)
	$(BIN)/wirefacts evaluate samples/gold

accuracy: $(STAMP)
	$(BIN)/python scripts/accuracy.py

bench: $(STAMP)
	$(BIN)/wirefacts bench

.PHONY: java
java:  # Spark's tests need Java 17
	bash scripts/ensure_java.sh

clean:
	rm -rf $(VENV) out build *.egg-info .pytest_cache .hypothesis
