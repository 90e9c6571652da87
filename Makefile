# Two entry points (see README.md): `make demo` and `make test`. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SUBMISSIONS := $(wildcard examples/submissions/*)

.PHONY: demo test lint stubs translations system-packages

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

# Debian packages the tests use: chromium (the report in a real browser) and
# bubblewrap (the sandbox's stronger layer). Installed when missing and root.
SYSTEM_PACKAGES := chromium:chromium bwrap:bubblewrap

system-packages:
	@missing=""; for pair in $(SYSTEM_PACKAGES); do 		command -v $${pair%%:*} >/dev/null 2>&1 || missing="$$missing $${pair#*:}"; 	done; 	if [ -n "$$missing" ]; then 		if [ "$$(id -u)" = 0 ]; then 			echo "installing Debian packages:$$missing"; 			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq$$missing >/dev/null; 		else 			echo "make: install these Debian packages first:$$missing (sudo apt-get install$$missing)" >&2; exit 1; 		fi; 	fi

test: $(VENV)/installed system-packages lint
	$(BIN)/python -m pytest

stubs: $(VENV)/installed
	$(BIN)/grade stubs

translations: $(VENV)/installed
	$(BIN)/python -m grader.catalogs
