"""Local development and the `make run` demo. Never used in production."""

from .base import *  # noqa: F403
from .base import SECRET_KEY, env_bool, require_secret_key

DEBUG = env_bool("DEBUG", True)
INSECURE_DEV_SECRET_KEY = "django-insecure-local-demo-only-not-for-production"  # noqa: S105
SECRET_KEY = require_secret_key(SECRET_KEY, DEBUG, INSECURE_DEV_SECRET_KEY)
DEMO_LOGINS_ALLOWED = True
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
