# Mignet — `make run` serves the app with the Bangladesh demo; `make test` runs the whole suite.
# The newest Python >= 3.11 that actually runs (a pyenv shim can exist for a version that is not selected).
PYTHON ?= $(shell for p in python3.13 python3.12 python3.11 python3; do \
	$$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1 && { command -v $$p; break; }; done)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export PORT

.PHONY: run install test lint format bench vendor messages check-deploy clean

$(BIN)/python:
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Mignet needs Python 3.11 or newer"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@

install: $(VENV)/.installed

run: install
	@mkdir -p var
	$(BIN)/mignet migrate --noinput
	$(BIN)/mignet demo
	$(BIN)/mignet serve --port $(PORT)

test: install
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

check-deploy: install
	MIGNET_PRODUCTION=1 MIGNET_SECRET_KEY=$$(python3 -c 'import secrets;print(secrets.token_urlsafe(50))') \
	  MIGNET_ALLOWED_HOSTS=mignet.example.org $(BIN)/mignet check --deploy --fail-level WARNING

bench: install
	$(BIN)/python -m tests.bench.run

vendor:
	bash scripts/vendor.sh

messages: install
	cd src/mignet && ../../$(BIN)/mignet makemessages -l bn --no-obsolete --ignore '*/vendor/*' && ../../$(BIN)/mignet compilemessages -l bn

clean:
	rm -rf $(VENV) var
