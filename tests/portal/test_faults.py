"""A failing part never loses content or shows a stack trace.

- Redis down: pages are served uncached, publishing still works, the fault is logged.
- Database down: readers get a clear 503 page; pages already cached are still served.
These run on SQLite and PostgreSQL. tests/portal/test_two_servers.py repeats the database
outage against real servers and a real PostgreSQL that refuses connections."""

import logging

import pytest

from django.core.cache import cache
from django.db import OperationalError, connection

from drugs.models import Drug

pytestmark = pytest.mark.django_db

UNREACHABLE_REDIS = {
    "default": {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
        "KEY_PREFIX": "portal",
        "OPTIONS": {
            "CLIENT_CLASS": "django_redis.client.DefaultClient",
            "IGNORE_EXCEPTIONS": True,
            "SOCKET_CONNECT_TIMEOUT": 0.2,
            "SOCKET_TIMEOUT": 0.2,
        },
    }
}


@pytest.fixture
def redis_down(settings):
    settings.CACHES = UNREACHABLE_REDIS
    settings.PAGE_CACHE_SECONDS = 600
    settings.FRAGMENT_CACHE_SECONDS = 3600
    yield


def test_with_redis_down_pages_are_served_uncached(client, redis_down, article):
    for _ in range(2):
        response = client.get(article.url)
        assert response.status_code == 200
        assert response["X-Cache"] == "MISS"
        assert "Immunomodulators" in response.content.decode()
    assert client.get("/search/", {"q": "Humira"}).status_code == 200
    assert client.get("/search/autocomplete/", {"q": "hum"}).status_code == 200


def test_with_redis_down_publishing_works_and_the_fault_is_logged(
    client, redis_down, caplog, django_capture_on_commit_callbacks
):
    drug = Drug.objects.get(generic_name="adalimumab")
    drug.summary = "Published while the cache was down."
    with caplog.at_level(logging.INFO), django_capture_on_commit_callbacks(execute=True):
        drug.save_revision().publish()
    drug.refresh_from_db()
    assert drug.summary == "Published while the cache was down."
    assert "Published while the cache was down." in client.get(drug.get_url()).content.decode()
    logged = [r.getMessage() for r in caplog.records]
    assert any("could not invalidate" in m or "cache" in m.lower() for m in logged), logged


def _database_down(execute, sql, params, many, context):
    raise OperationalError("connection to server at 127.0.0.1, port 5432 failed: refused")


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 600
    cache.clear()
    yield
    cache.clear()


def test_with_the_database_down_readers_get_a_clear_503(client, page_cache, caplog):
    with connection.execute_wrapper(_database_down), caplog.at_level(logging.ERROR):
        response = client.get("/drugs/adalimumab/")
    assert response.status_code == 503
    assert response["Retry-After"]
    body = response.content.decode()
    assert "briefly unavailable" in body
    assert "Traceback" not in body and "OperationalError" not in body
    assert any("database unavailable" in r.getMessage() for r in caplog.records)


def test_with_the_database_down_cached_pages_still_serve(client, page_cache, article):
    warm = [article.url, "/drugs/adalimumab/", "/"]
    for url in warm:
        client.get(url)
    with connection.execute_wrapper(_database_down):
        for url in warm:
            response = client.get(url)
            assert (response.status_code, response["X-Cache"]) == (200, "HIT"), url
        assert client.get("/conditions/").status_code == 503  # never cached: a clear 503
