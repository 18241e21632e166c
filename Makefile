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

.PHONY: demo test test-slow setup system-packages data bench clean

demo: setup
	$(BIN)/python -m autograder demo

test: setup
	$(BIN)/python -m pytest -m "not slow"

test-slow: setup
	$(BIN)/python -m pytest -m slow

setup: system-packages $(STAMP) $(DATA)

# The grader runs every kernel sandboxed under bubblewrap (autograder/sandbox.py); installed
# with apt when missing (root needed).  Students' own `check` runs do not need it.
# The same apt step installs Debian's chromium, the browser of autograder/tests/test_browser.py,
# and Debian's postgresql, whose throwaway server autograder/tests/test_gradebook.py starts.
system-packages:
	@missing=""; command -v bwrap >/dev/null || missing=" bubblewrap"; \
	[ -x /usr/bin/chromium ] || missing="$$missing chromium"; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$$missing postgresql"; \
	[ -z "$$missing" ] || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -q && apt-get install -y -q$$missing; \
	  else \
	    echo "NOTE:$$missing missing, and installing needs root: run 'sudo apt-get install$$missing'."; \
	    echo "      Until then grading refuses to run (--no-sandbox grades with kernels unconfined)"; \
	    echo "      and the browser test (autograder/tests/test_browser.py) fails without chromium,"; \
	    echo "      the gradebook test (autograder/tests/test_gradebook.py) without postgresql."; \
	  fi; }

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
