"""Settings shared by every environment. Everything that differs between machines is read
from the environment; nothing secret is committed here."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE

from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name, "")
    items = [item.strip() for item in value.split(",") if item.strip()]
    return items or default


DEBUG = env_bool("DEBUG", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

# Only the local demo creates demo logins (see pages/management/commands/load_demo_content.py).
DEMO_LOGINS_ALLOWED = False

INSTALLED_APPS = [
    "pages",
    "drugs",
    "portal",
    "wagtail.api.v2",
    "rest_framework",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.redirects",
    "wagtail.contrib.search_promotions",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "csp",
    "axes",
]

MIDDLEWARE = [
    # Whole pages for anonymous readers (portal/cache/), first: a hit is served with the
    # headers the middleware below added when it was stored, without running it again, and
    # before anything reads the session or the database, so it is served even when the
    # database is down.
    "portal.cache.middleware.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy and Permissions-Policy (portal/security/middleware.py); above
    # WhiteNoise so static files, SVGs included, carry the policy too.
    "portal.security.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # The Wagtail Site and PortalSettings from the cache, not two queries per page
    # (portal/cache/site_lookup.py).
    "portal.cache.site_lookup.SiteLookupMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Turns a locked-out admin sign-in into the "sign-in paused" page (django-axes).
    "axes.middleware.AxesMiddleware",
    # A database outage becomes a plain 503 page, logged (portal/cache/middleware.py).
    "portal.cache.middleware.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "portal.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "portal.wsgi.application"

# DATABASE_URL switches to PostgreSQL (postgres://user@host:5432/name, psycopg 3).
# Without it the portal uses an embedded SQLite file, which is enough for the demo and tests.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", "").strip() or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "600")),
        conn_health_checks=True,
    )
}

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            # Sites sharing one Redis (staging and production, say) each need their own.
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "").strip() or "portal",
            "OPTIONS": {
                "CLIENT_CLASS": "django_redis.client.DefaultClient",
                # A Redis outage degrades to "no cache", never to an error page; and a Redis
                # that stops answering is an outage after a second, not a hung worker.
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 1,
                "SOCKET_TIMEOUT": 1,
            },
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "portal",
            # Whole pages and their tags: Django's default of 300 entries would evict them.
            "OPTIONS": {"MAX_ENTRIES": 20_000},
        }
    }
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True

# Anonymous page cache (portal/cache/): how long a page is kept at most (0 turns it off;
# changes invalidate pages at once, this only bounds the cache's size), and how long a CDN
# in front may keep one without asking again (0: it revalidates with the ETag each time).
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
PAGE_CACHE_CDN_SECONDS = int(os.environ.get("PAGE_CACHE_CDN_SECONDS", "0"))
# How long the rendered content of an article or content page is kept for everyone who
# reads it, signed-in editors included (portal/cache/fragments.py; 0 turns it off). The
# same changes that invalidate pages invalidate it at once.
FRAGMENT_CACHE_SECONDS = int(os.environ.get("FRAGMENT_CACHE_SECONDS", "600"))
# How long each process keeps the page found at an address for the next anonymous reader,
# at most (portal/cache/routes.py; 0 turns it off). Any invalidation starts afresh.
ROUTE_CACHE_SECONDS = int(os.environ.get("ROUTE_CACHE_SECONDS", "60"))
# How long the ranked results of a search are kept for the next reader who asks the same
# (portal/search/results_cache.py; 0 turns it off). Publishing anything starts afresh.
SEARCH_RESULTS_CACHE_SECONDS = int(os.environ.get("SEARCH_RESULTS_CACHE_SECONDS", "600"))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
USE_I18N = True
# Our own words for a few of Wagtail's admin messages ("submitted for medical review", not
# "for moderation"): locale/en/LC_MESSAGES/django.po, compiled with `make messages`.
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_TZ = True

STATIC_ROOT = BASE_DIR / "staticfiles"
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = os.environ.get("SITE_NAME", "Open Health Library")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "health-library@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Workflow emails (submitted, approved, changes requested) come from the same address.
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = DEFAULT_FROM_EMAIL
# Superusers get no workflow emails: Wagtail would send each of them two for every
# submission (one for the workflow, one for its task), and being a superuser makes nobody a
# medical reviewer (pages/review/roles.py). Reviewers hear of submissions, authors of the
# outcome: one email each. The wording is ours (templates/wagtailadmin/notifications/).
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = False
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# Site search goes through Wagtail's search backend: its database backend by default (SQLite
# full-text search on the embedded default, PostgreSQL's in production). A site that outgrows
# it sets SEARCH_BACKEND (e.g. wagtail.search.backends.elasticsearch8 or .opensearch2) and
# SEARCH_URL, then runs `manage.py update_index`; no code changes.
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": os.environ.get("SEARCH_BACKEND", "wagtail.search.backends.database"),
    }
}
if os.environ.get("SEARCH_URL"):
    WAGTAILSEARCH_BACKENDS["default"].update(
        URLS=[os.environ["SEARCH_URL"]],
        INDEX=os.environ.get("SEARCH_INDEX", "health_library"),
        TIMEOUT=5,
    )
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAIL_I18N_ENABLED = False
# Approval of the "Medical review" workflow stamps the content, then publishes it.
WAGTAIL_FINISH_WORKFLOW_ACTION = "pages.review.finish.finish_review"
# An edit made while content is in review must be reviewed again.
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Wagtail's preview views override this with SAMEORIGIN for the editor's preview panel.
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# Content Security Policy (django-csp 4; portal/security/middleware.py sends it). Public pages
# load only our own files: no inline script, style or style="" attribute anywhere in
# templates/ (JSON-LD <script type="application/ld+json"> is data, which CSP does not block).
# No nonces: public pages are stored whole by the page cache and served to many readers.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}
# What the Wagtail admin (/admin/ only) adds to that policy. Wagtail 8 has no CSP nonce
# support, and Chromium reports these as blocked in the admin under the public policy:
# - script-src 'unsafe-inline': Wagtail's templates start widgets from inline <script>
#   elements (the date pickers of the page explorer's filters and review dates, InlinePanels
#   such as brand names and synonyms, choosers), and its jQuery runs the scripts inside the
#   HTML that the editor and chooser modals load;
# - style-src 'unsafe-inline': the editor's bundled JavaScript (Draftail rich text among it)
#   inserts <style> elements while it runs;
# - img-src blob:: uploading images previews each chosen file from a blob: URL.
# Everything else stays as strict as the public site, and the admin sends no third-party
# requests (WAGTAIL_GRAVATAR_PROVIDER_URL and WAGTAIL_ENABLE_UPDATE_CHECK below).
# tests/browser/test_admin_csp.py walks the admin and fails on any reported violation.
CONTENT_SECURITY_POLICY_ADMIN_EXTRA = {
    "script-src": [UNSAFE_INLINE],
    "style-src": [UNSAFE_INLINE],
    "img-src": ["blob:"],
}
# Nothing on the site uses these browser features.
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
)
# Editors' avatars are uploaded in the admin, never fetched from gravatar.com (which would
# also tell a third party who works in the admin), and no version check calls out to
# releases.wagtail.org: versions are pinned in requirements.txt and upgraded deliberately.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False

# Admin sign-in throttling (django-axes; portal/security/login.py). Five failures for one
# username from one address pause sign-in for that pair for 15 minutes; the page says so
# without revealing whether the username exists. `manage.py axes_reset_username <name>`
# lifts a lock early.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_ENABLED = True
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "portal.security.login.lockout_response"
# Every try during the pause, right or wrong, starts the wait again.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = True
AXES_COOLOFF_MESSAGE = (
    "Too many failed sign-in attempts. For your security, signing in is paused: please "
    f"wait {AXES_COOLOFF_TIME.seconds // 60} minutes before you try again."
)
AXES_CLIENT_IP_CALLABLE = "portal.security.login.client_ip"
# How many reverse proxies (load balancer, TLS terminator) stand in front of the portal and
# append to X-Forwarded-For. 0 (the default) ignores that header, which clients can forge.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
AXES_VERBOSE = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
    },
}


def require_secret_key(secret_key: str, debug: bool, fallback: str) -> str:
    """Production must be given SECRET_KEY; only DEBUG runs may use a throwaway."""
    if secret_key:
        return secret_key
    if debug and fallback:
        return fallback
    raise ImproperlyConfigured(
        "SECRET_KEY is not set. Set the SECRET_KEY environment variable to a long random "
        "string (for example: python -c 'import secrets; print(secrets.token_urlsafe(50))'). "
        "The portal refuses to start without one unless DEBUG is on."
    )
