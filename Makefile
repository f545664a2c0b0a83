# Two commands do everything on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum requirements.txt | cut -d' ' -f1)
HOST ?= 127.0.0.1
PORT ?= 8000
# One test process per CPU core (pytest-xdist); each gets its own test database.
PYTEST_ARGS ?= -n auto
BENCH_ARGS ?=
BENCH_LOAD_ARGS ?=
SERVE_BENCH_ARGS ?=

.PHONY: run serve test venv migrate demo lint format check-migrations messages deploy-check clean bench bench-search bench-load

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

## Production server: gunicorn (gunicorn.conf.py) with portal.settings.production. Needs
## SECRET_KEY (and ALLOWED_HOSTS, DATABASE_URL, REDIS_URL for a real site); see README.
serve: venv
	@test -n "$$SECRET_KEY" || { \
		echo "make serve: SECRET_KEY is not set. Production settings refuse to start without one." >&2; \
		echo "  export SECRET_KEY=\"\$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))')\"" >&2; \
		echo "  (keep it secret and the same across restarts), then: make serve" >&2; exit 1; }
	@test -n "$$ALLOWED_HOSTS" || echo "make serve: ALLOWED_HOSTS is not set; answering only localhost and 127.0.0.1." >&2
	DJANGO_SETTINGS_MODULE=portal.settings.production $(BIN)/python manage.py collectstatic --no-input -v0
	DJANGO_SETTINGS_MODULE=portal.settings.production HOST=$(HOST) PORT=$(PORT) \
		exec $(BIN)/gunicorn --config gunicorn.conf.py

## The whole suite (SQLite unless DATABASE_URL is set; browser tests need BROWSER_TESTS=1).
test: venv
	$(BIN)/python -m pytest $(PYTEST_ARGS)

## Search speed on PostgreSQL at 80k records (database portal_bench; see bench/README.md).
## The first run loads the library (about 3 min); BENCH_LOAD_ARGS=--reload starts again.
bench-search: venv
	$(BIN)/python -m bench.load_library $(BENCH_LOAD_ARGS)
	$(BIN)/python -m bench.search_bench $(BENCH_ARGS)

## Serving speed: gunicorn + wrk per page type, uncached and cached (portal_bench, Redis).
bench-load: venv
	$(BIN)/python -m bench.load_library $(BENCH_LOAD_ARGS)
	$(BIN)/python -m bench.load_bench $(SERVE_BENCH_ARGS)

bench: bench-search bench-load

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: venv
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check-migrations: venv
	$(BIN)/python manage.py makemigrations --check --dry-run

## Compile locale/ (our words for some of Wagtail's admin messages); needs GNU gettext.
messages: venv
	$(BIN)/python manage.py compilemessages --ignore=.venv -v0

deploy-check: venv
	DJANGO_SETTINGS_MODULE=portal.settings.production SECRET_KEY=check-only-$$(date +%s)-not-a-real-key-0123456789abcdefghijklmnopqrstuvwxyz \
		ALLOWED_HOSTS=health.example.org $(BIN)/python manage.py check --deploy --fail-level WARNING

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
