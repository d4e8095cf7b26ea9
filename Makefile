# Two commands do all the set-up: `make run` (demo portal on SQLite) and `make test`.
VENV := .venv
PY := $(VENV)/bin/python
HOST_PYTHON ?= $(shell for p in python3.14 python3.13 python3.12 python3; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && echo $$p && break; done)

.PHONY: run test test-faults install messages migrate demo serve worker lint e2e bench bench-forums bench-search \
	bench-transparency bench-safety clean lock lock-upgrade check-lock

# requirements.lock pins every Python package (runtime and test) that `make install` puts in the
# venv, so a fresh machine installs exactly what was tested. Regenerate it with `make lock`.
LOCK := requirements.lock
LOCK_VENV := var/lock-venv
PIP_COMPILE = CUSTOM_COMPILE_COMMAND="make lock" $(LOCK_VENV)/bin/pip-compile --quiet --extra test \
	--strip-extras --allow-unsafe --no-emit-index-url --no-emit-find-links --output-file $(LOCK)
# Test processes: 0 runs in one process; TEST_WORKERS=auto (one pytest-xdist worker per core) or
# a number runs in parallel. One process by default: on a shared 2-core machine two workers were
# slower (each migrates its own test database and builds its own demo city); see notes.
TEST_WORKERS ?= 0


$(VENV)/.installed: pyproject.toml $(LOCK)
	@if [ -z "$(HOST_PYTHON)" ]; then echo "Common Ground needs Python 3.12 or newer; none was found on PATH." >&2; exit 1; fi
	$(HOST_PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c $(LOCK) -e '.[test]'
	touch $@

install: $(VENV)/.installed messages

# The interface's translations (locale/<lang>/LC_MESSAGES/django.po), compiled with Babel, a
# Python dependency, so no machine needs GNU gettext; the .mo files are built, never committed.
# After adding strings to templates, add their msgids to the .po by hand (makemessages needs
# GNU gettext's xgettext: `apt-get install gettext` first if you use it).
messages: $(VENV)/.installed
	$(VENV)/bin/pybabel --quiet compile -d locale -D django

migrate: install
	@mkdir -p var
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py seed_demo

# No `manage.py warm_figures` here: without REDIS_URL the cache is the server process's own memory.
# The worker (emails, search index, periodic jobs) runs beside the server and stops with it.
run: demo
	$(PY) manage.py worker --no-reload & trap 'kill $$!' EXIT; $(PY) manage.py runserver 127.0.0.1:8000

worker: install
	$(PY) manage.py worker

test: install
	$(PY) -m pytest -m "not e2e and not faults" -n $(TEST_WORKERS) $(PYTEST_ARGS)

# Redis, SMTP, the database, the worker and search stopped under a running site (PostgreSQL only).
test-faults: install
	$(PY) -m pytest -m faults tests/faults $(PYTEST_ARGS)

# After changing dependencies in pyproject.toml (or merging branches that did): one command.
# pip-compile keeps the versions already pinned and adds what is new; `make lock-upgrade` moves
# every package to the newest version pyproject.toml allows.
$(LOCK_VENV)/bin/pip-compile:
	@mkdir -p var
	$(HOST_PYTHON) -m venv $(LOCK_VENV)
	$(LOCK_VENV)/bin/pip install --quiet 'pip-tools==7.6.2'

lock: $(LOCK_VENV)/bin/pip-compile
	$(PIP_COMPILE) pyproject.toml

lock-upgrade: $(LOCK_VENV)/bin/pip-compile
	$(PIP_COMPILE) --upgrade pyproject.toml

# CI: every package installed in the venv is pinned, at that version, in requirements.lock.
check-lock: install
	$(PY) .ci/check_lock.py

# Forum pages at 10,000 threads / 200,000 posts; use PostgreSQL, e.g.
# DATABASE_URL=postgres://postgres@127.0.0.1:5432/cg_forums_bench make bench-forums
bench-forums: install
	$(PY) bench/forums.py $(BENCH_ARGS)

# Browser tests: Debian's chromium, axe-core and vnu-jar from npm (package-lock.json), Java for vnu.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

e2e: install node_modules/.installed
	@command -v chromium >/dev/null || { echo "make e2e needs Debian's chromium: apt-get install -y chromium" >&2; exit 1; }
	@command -v java >/dev/null || { echo "make e2e needs Java 17+ for the HTML checker: apt-get install -y default-jre-headless" >&2; exit 1; }
	$(PY) -m pytest -m e2e tests/e2e $(PYTEST_ARGS)

# Benchmarks: PostgreSQL (BENCH_DATABASE_URL) + gunicorn + wrk; prints one table. See bench/README.md.
bench: install
	@command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
	$(PY) -m bench.run $(BENCH_ARGS)

# The transparency page at 100,000 concerns, cold and warm (see bench/transparency.py).
bench-transparency: install
	DATABASE_URL=$${BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/cg_transparency_bench} $(PY) bench/transparency.py $(BENCH_ARGS)

bench-search: install
	DATABASE_URL=$${BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/cg_search_bench} $(PY) bench/search.py $(BENCH_ARGS)

# Personal-data and crisis detection: recall and false holds on tests/moderation/corpus/, and speed.
bench-safety: install
	$(PY) bench/safety.py $(BENCH_ARGS)

lint: install
	$(VENV)/bin/ruff check .

clean:
	rm -rf $(VENV) var node_modules test-results
