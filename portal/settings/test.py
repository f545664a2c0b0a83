"""Settings for the test suite: fast hashing, no manifest, throwaway secret."""

import os

from .base import *  # noqa: F403
from .base import SECRET_KEY, env_bool

DEBUG = False
SECRET_KEY = SECRET_KEY or "test-only-secret-key-not-for-production"  # noqa: S105
DEMO_LOGINS_ALLOWED = True
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
ALLOWED_HOSTS = ["*"]  # the test client and live server use several host names
WAGTAILADMIN_BASE_URL = "http://testserver"
# Serve static files straight from the source folders: the browser tests' server needs no
# collectstatic step.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Sign-in throttling is off by default: Django's test client signs in without a request,
# which django-axes refuses. tests/portal/test_security.py turns it on to prove the
# lock-out, and a browser test's server can with AXES_ENABLED=1.
AXES_ENABLED = env_bool("AXES_ENABLED", False)
# The page cache is off for the suite, so every test sees what it just changed and query
# counts measure rendering; tests/portal/test_page_cache.py turns it on.
# (The two-server test's gunicorn processes turn it on with TEST_PAGE_CACHE_SECONDS.)
PAGE_CACHE_SECONDS = int(os.environ.get("TEST_PAGE_CACHE_SECONDS", "0"))
# Likewise the page content cache (portal/cache/fragments.py): tests/portal/test_page_cache.py
# and tests/portal/test_fragment_cache.py turn it on.
FRAGMENT_CACHE_SECONDS = int(os.environ.get("TEST_FRAGMENT_CACHE_SECONDS", "0"))
# Likewise the search results cache: tests/portal/test_search_cache.py turns it on.
SEARCH_RESULTS_CACHE_SECONDS = 0
# Likewise the pages kept by address (portal/cache/routes.py): tests/pages/test_routing.py
# and the page cache's tests turn it on.
ROUTE_CACHE_SECONDS = int(os.environ.get("TEST_ROUTE_CACHE_SECONDS", "0"))
