"""Settings for the load benchmark: production settings, served over plain HTTP on loopback,
on the benchmark database.

The database is the one bench/settings.py guards (BENCH_DATABASE_URL, a PostgreSQL database
whose name ends in "_bench"), never DATABASE_URL. Everything else is production: DEBUG off,
the manifest static storage served by WhiteNoise, the cache from REDIS_URL, the page cache
from PAGE_CACHE_SECONDS. Only what plain HTTP on 127.0.0.1 needs differs: no HTTPS redirect,
no HSTS, and the loopback host names.

SECRET_KEY comes from the environment; bench/load_bench.py generates one per run and hands
the same key to every worker. Run on its own (e.g. `manage.py collectstatic`), a throwaway
key is made for that process only."""

import os
import secrets

# Production refuses to start without a key; this process gets a throwaway one if none given.
os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))

from bench import settings as bench_settings  # noqa: E402
from portal.settings.production import *  # noqa: E402, F403
from portal.settings.production import BASE_DIR, LOGGING  # noqa: E402

DATABASES = bench_settings.DATABASES  # PostgreSQL, a database named *_bench only

ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]  # testserver: query counts in-process
WAGTAILADMIN_BASE_URL = "http://127.0.0.1"
DEMO_LOGINS_ALLOWED = False

# Plain HTTP on loopback: no TLS in front, so no redirect to HTTPS and no HSTS.
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SECURE_HSTS_PRELOAD = False
SECURE_HSTS_INCLUDE_SUBDOMAINS = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False

# The benchmark collects static files into its own folder, so it never races a developer's
# `collectstatic` into staticfiles/.
STATIC_ROOT = BASE_DIR / "bench" / "staticfiles"

LOGGING = {
    **LOGGING,
    "loggers": {
        **LOGGING.get("loggers", {}),
        "wagtail": {"level": "WARNING"},
        "modelsearch": {"level": "WARNING"},
    },
}
