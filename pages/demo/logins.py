"""The demo's sign-in: a superuser with a published password, for local demos only.

It is created only where settings allow it (development and test settings; never
production), and an existing account is never changed."""

from typing import NamedTuple

from django.conf import settings
from django.contrib.auth import get_user_model

USERNAME = "admin"
# Printed by the command for anyone running the demo: a throwaway for local demos only.
PASSWORD = "admin-demo-2026"  # noqa: S105
EMAIL = "admin@example.org"


class DemoLogin(NamedTuple):
    username: str
    password: str
    url: str
    created: bool


def demo_logins_allowed() -> bool:
    return bool(getattr(settings, "DEMO_LOGINS_ALLOWED", False))


def admin_url() -> str:
    return f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}/admin/"


def ensure_demo_login() -> DemoLogin:
    """Create the demo superuser if it is missing; leave an existing account untouched."""
    if not demo_logins_allowed():
        raise RuntimeError("Demo logins are not allowed by these settings.")
    user_model = get_user_model()
    created = False
    if not user_model.objects.filter(**{user_model.USERNAME_FIELD: USERNAME}).exists():
        user_model.objects.create_superuser(USERNAME, EMAIL, PASSWORD)
        created = True
    return DemoLogin(USERNAME, PASSWORD, admin_url(), created)
