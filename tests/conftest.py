import pytest

from django.core.management import call_command


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the demo library once per test database; each test runs in a rolled-back
    transaction on top of it."""
    with django_db_blocker.unblock():
        call_command("load_demo_content", "--no-logins", verbosity=0)


@pytest.fixture
def article(db):
    from pages.models import ArticlePage

    return ArticlePage.objects.get(slug="immunomodulators")


@pytest.fixture
def home(db):
    from pages.models import HomePage

    return HomePage.objects.get()


@pytest.fixture(autouse=True)
def _fresh_local_cache(settings):
    """Each test rolls its database changes back, so nothing cached from them may outlive
    it (A–Z letters, the search vocabulary, cached pages). Only the in-process cache is
    cleared: a Redis configured by hand is never flushed."""
    from django.core.cache import cache

    if "LocMemCache" in settings.CACHES["default"]["BACKEND"]:
        cache.clear()


@pytest.fixture
def editor(admin_client):
    """A client signed in to the admin as a superuser (pytest-django's admin_client)."""
    return admin_client


@pytest.fixture
def clock(monkeypatch):
    """Moves the portal's clock (tests/clock.py): `clock.travel_to(datetime)`."""
    from tests.clock import Clock

    return Clock(monkeypatch)
