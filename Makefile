# The two commands: `make serve` and `make test`. Both set everything up on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: serve test build stats clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

serve: $(STAMP)
	$(BIN)/archive serve

build: $(STAMP)
	$(BIN)/archive build

stats: $(STAMP)
	$(BIN)/archive stats

test: $(STAMP)
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) db/archive.db db/*.json db/*.lock
