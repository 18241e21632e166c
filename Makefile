# Two commands do everything on a fresh machine with Python 3.11:
#   make demo   build the release, grade sample students through nbgrader, print the scores
#   make test   run the test suite
# Both create .venv and install the pinned dependencies (requirements.txt) when missing.

# Debian's interpreter when present: a venv made from it is readable by other users,
# which the sandboxed grader (its own unprivileged user) needs.
PYTHON ?= $(firstword $(wildcard /usr/bin/python3.11) $(shell command -v python3.11 2>/dev/null) python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DATA := datasets/train_signs.h5 datasets/test_signs.h5
export PATH := $(abspath $(BIN)):$(PATH)

.PHONY: demo test test-slow setup data bench clean

demo: setup
	$(BIN)/python -m autograder demo

test: setup
	$(BIN)/python -m pytest -m "not slow"

test-slow: setup
	$(BIN)/python -m pytest -m slow

setup: $(STAMP) $(DATA)

data: $(DATA)

$(STAMP): requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --disable-pip-version-check -q -r requirements.txt
	$(BIN)/python -m pip install --disable-pip-version-check -q --no-deps -e .
	touch $(STAMP)

$(DATA) &: datasets/generate_signs.py | $(STAMP)
	$(BIN)/python datasets/generate_signs.py --out datasets

bench: setup
	$(BIN)/python benchmarks/run_all.py

clean:
	rm -rf demo gradebook.db autograded feedback results grades.csv grades_by_test.csv .workspaces
