# dantinh: the README's commands. `make setup` is idempotent; demo and test use it.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
PG_URL ?= postgres://postgres@127.0.0.1:5432/dantinh

.PHONY: setup demo serve test test-sqlite test-pg fuzz bench bench-full lint typecheck check messages clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
		|| { echo "dantinh needs Python 3.11 or newer ($(PYTHON) is older)"; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@touch $(STAMP)

demo: setup
	$(BIN)/dantinh demo

serve: setup
	$(BIN)/dantinh serve

# The whole suite, on the database of DANTINH_DATABASE_URL (default: SQLite), in one process
# per core (pytest-xdist; each has its own test database and var/). TEST_WORKERS=0 runs it in
# this process alone; `.venv/bin/pytest tests/<area>` runs a part in one process.
# Tests are dealt one by one (xdist's "load"), not by file: the API fuzz test's operations
# share one test name, and distributing by name would run only the first of them.
TEST_WORKERS ?= auto
PYTEST_ALL := $(BIN)/pytest -n $(TEST_WORKERS) --dist load
test: setup
	$(PYTEST_ALL)

test-sqlite: setup
	env -u DANTINH_DATABASE_URL $(PYTEST_ALL)

test-pg: setup
	DANTINH_DATABASE_URL=$(PG_URL) $(PYTEST_ALL)

# Every parser and the API fuzzed with 10,000 generated inputs each (the normal suite runs
# 50 of each); figures and findings in docs/trust.md. FUZZ_EXAMPLES=N changes the number;
# FUZZ_TESTS=tests/fuzz/test_fuzz_docx.py runs one file.
FUZZ_TESTS ?= tests/fuzz
fuzz: setup
	DANTINH_FUZZ=fuzz DANTINH_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/pytest $(FUZZ_TESTS) \
		--hypothesis-show-statistics

# Quick: three provinces, 50,000 items, every report; SQLite, and PostgreSQL if reachable.
bench: setup
	$(BIN)/python -m bench all --size quick

# The whole country at 1 million items on both databases (about an hour on 2 cores).
bench-full: setup
	$(BIN)/python -m bench all --size 1m

lint: setup
	$(BIN)/ruff format --check dantinh tests bench
	$(BIN)/ruff check dantinh tests bench

# Types of the services, selectors and policies (the list is in pyproject.toml), and the
# rooms' import rules (docs/architecture.md; contracts in pyproject.toml).
typecheck: setup
	$(BIN)/mypy
	$(BIN)/lint-imports

check: lint typecheck

# makemessages files each string in the catalogue of the app whose code holds it, while at run
# time the project's catalogue (dantinh/locale) wins over an app's. So every catalogue takes its
# translations from a compendium of all of them as they were, the project's first: what users
# read does not change, and a string that moved between apps keeps its translation.
messages: setup
	mkdir -p var
	msgcat --use-first --no-location -o var/messages-compendium.po \
		dantinh/locale/vi/LC_MESSAGES/django.po \
		$$(find dantinh -name django.po -not -path 'dantinh/locale/*')
	cd dantinh && ../$(BIN)/dantinh makemessages -l vi --no-obsolete --no-location
	for po in $$(find dantinh -name django.po); do \
		msgmerge --quiet --no-fuzzy-matching --no-location -o $$po.new \
			var/messages-compendium.po $$po \
		&& msgattrib --no-obsolete --no-location -o $$po $$po.new && rm $$po.new || exit 1; \
	done
	cd dantinh && ../$(BIN)/dantinh compilemessages -l vi
	@# A fuzzy entry (a translation gettext doubts) is not compiled: review the ones listed.
	@for po in $$(find dantinh -name django.po); do \
		msgfmt --statistics -o /dev/null $$po 2>&1 | grep -q fuzzy && echo "$$po: $$(msgfmt --statistics -o /dev/null $$po 2>&1)"; \
	done; true

clean:
	rm -rf $(VENV) var
