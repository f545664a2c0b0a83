# Two commands do everything on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum requirements.txt | cut -d' ' -f1)
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=
BENCH_ARGS ?=
BENCH_LOAD_ARGS ?=

.PHONY: run test venv migrate demo lint format check-migrations deploy-check clean bench bench-search

venv: $(STAMP)

$(STAMP): requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

migrate: venv
	$(BIN)/python manage.py migrate --no-input

demo: migrate
	$(BIN)/python manage.py load_demo_content

## Set up everything and serve the demo on http://127.0.0.1:8000 (SQLite unless DATABASE_URL).
run: demo
	@echo "Serving the health library on http://$(HOST):$(PORT)/ (admin: http://$(HOST):$(PORT)/admin/)"
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

## The whole suite (SQLite unless DATABASE_URL is set; browser tests need BROWSER_TESTS=1).
test: venv
	$(BIN)/python -m pytest $(PYTEST_ARGS)

## Search speed on PostgreSQL at 80k records (database portal_bench; see bench/README.md).
## The first run loads the library (about 3 min); BENCH_LOAD_ARGS=--reload starts again.
bench-search: venv
	$(BIN)/python -m bench.load_library $(BENCH_LOAD_ARGS)
	$(BIN)/python -m bench.search_bench $(BENCH_ARGS)

bench: bench-search

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: venv
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check-migrations: venv
	$(BIN)/python manage.py makemigrations --check --dry-run

deploy-check: venv
	DJANGO_SETTINGS_MODULE=portal.settings.production SECRET_KEY=check-only-$$(date +%s)-not-a-real-key-0123456789abcdefghijklmnopqrstuvwxyz \
		ALLOWED_HOSTS=health.example.org $(BIN)/python manage.py check --deploy --fail-level WARNING

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
