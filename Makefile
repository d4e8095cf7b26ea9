# Two commands do all the set-up: `make run` (demo portal on SQLite) and `make test`.
VENV := .venv
PY := $(VENV)/bin/python
HOST_PYTHON ?= $(shell for p in python3.14 python3.13 python3.12 python3; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && echo $$p && break; done)

.PHONY: run test install migrate demo serve worker lint e2e bench bench-search clean

$(VENV)/.installed: pyproject.toml
	@if [ -z "$(HOST_PYTHON)" ]; then echo "Common Ground needs Python 3.12 or newer; none was found on PATH." >&2; exit 1; fi
	$(HOST_PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed

migrate: install
	@mkdir -p var
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py seed_demo

run: demo
	$(PY) manage.py runserver 127.0.0.1:8000

worker: install
	$(PY) manage.py db_worker

test: install
	$(PY) -m pytest -m "not e2e" $(PYTEST_ARGS)

bench-search: install
	DATABASE_URL=$${BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/cg_search_bench} $(PY) bench/search.py $(BENCH_ARGS)

lint: install
	$(VENV)/bin/ruff check .

clean:
	rm -rf $(VENV) var
