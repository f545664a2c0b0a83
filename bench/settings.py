"""Settings for the benchmarks: the dev settings on a dedicated PostgreSQL database.

The database comes from BENCH_DATABASE_URL only (never DATABASE_URL), and its name must end
in "_bench", so a benchmark can never load 80,000 records into a developer's database.
DEBUG is off: with it on, Django would record every query and skew the timings."""

import os

import dj_database_url

from django.core.exceptions import ImproperlyConfigured

from portal.settings.dev import *  # noqa: F403
from portal.settings.dev import ALLOWED_HOSTS, LOGGING

DEFAULT_BENCH_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/portal_bench"
BENCH_DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "").strip() or DEFAULT_BENCH_DATABASE_URL

_database = dj_database_url.parse(BENCH_DATABASE_URL, conn_max_age=600, conn_health_checks=True)
if _database["ENGINE"] != "django.db.backends.postgresql":
    raise ImproperlyConfigured("The search benchmark runs on PostgreSQL only.")
if not _database["NAME"].endswith("_bench"):
    raise ImproperlyConfigured(
        f"Refusing to use database {_database['NAME']!r} for the benchmark: its name must "
        "end in '_bench' (the benchmark loads and may drop it)."
    )
DATABASES = {"default": _database}

DEBUG = False
# The search benchmark measures the engine: every search is computed, none is answered from
# the results cache (portal/search/results_cache.py). bench/load_bench.py serves with
# production settings instead, where repeat searches are.
SEARCH_RESULTS_CACHE_SECONDS = 0
ALLOWED_HOSTS = [*ALLOWED_HOSTS, "testserver"]  # Django's test client, for the HTTP timings
DEMO_LOGINS_ALLOWED = False

# Wagtail logs every page and revision it saves; the loader creates thousands.
LOGGING = {
    **LOGGING,
    "loggers": {
        **LOGGING["loggers"],
        "wagtail": {"level": "WARNING"},
        "modelsearch": {"level": "WARNING"},
    },
}
