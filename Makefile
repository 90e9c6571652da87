# Two entry points (see README.md): `make demo` and `make test`. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SUBMISSIONS := $(wildcard examples/submissions/*)

.PHONY: demo test lint stubs translations

$(VENV)/installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

demo: $(VENV)/installed
	@rm -rf reports && mkdir -p reports
	@for submission in $(SUBMISSIONS); do \
		name=$$(basename $$submission .py); \
		echo "== $$name"; \
		$(BIN)/grade $$submission --html reports/$$name.html --json reports/$$name.json --lang en || exit $$?; \
	done
	@echo "Reports: reports/*.html (open reports/pad_one_side.html for a failing one)"

lint: $(VENV)/installed
	$(BIN)/ruff format --check grader tests
	$(BIN)/ruff check grader tests
	$(BIN)/mypy

test: $(VENV)/installed lint
	$(BIN)/python -m pytest

stubs: $(VENV)/installed
	$(BIN)/grade stubs

translations: $(VENV)/installed
	$(BIN)/python -m grader.catalogs
