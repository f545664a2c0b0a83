"""Every search is counted for the editors' reports, in batches when Redis is the cache
(portal/search/counts.py). These use a real Redis on 127.0.0.1 (skipped without one,
except under CI=true, where its absence fails the run)."""

import os
import secrets

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wagtail.contrib.search_promotions.models import Query

from portal.models import SearchMiss
from portal.search import counts

pytestmark = pytest.mark.django_db

REDIS_URL = "redis://127.0.0.1:6379/12"
WRITES = ("INSERT", "UPDATE", "DELETE")


@pytest.fixture
def redis_cache(settings):
    """The default cache in Redis, under a key prefix of this test's own."""
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        if os.environ.get("CI") == "true":
            pytest.fail(f"Redis is needed on 127.0.0.1:6379: {error}")
        pytest.skip(f"Redis is needed on 127.0.0.1:6379: {error}")
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": f"test-{secrets.token_hex(6)}",
            "OPTIONS": {"CLIENT_CLASS": "django_redis.client.DefaultClient"},
        }
    }
    yield counts._redis()
    counts._redis().delete(counts._key())


@pytest.fixture
def no_background_flush(monkeypatch):
    """Searches don't start the minute's flush: each test flushes when it means to."""
    monkeypatch.setattr(counts, "_next_flush", float("inf"))


def hits(query_string: str) -> int:
    query = Query.objects.filter(query_string=query_string).first()
    return query.hits if query else 0


def test_without_redis_each_search_is_written_at_once(client):
    client.get("/search/", {"q": "Humira"})
    client.get("/search/", {"q": "zzqx nothing"})
    assert hits("humira") == 1
    assert SearchMiss.objects.get(query_string="zzqx nothing").hits == 1


def test_with_redis_searches_reach_the_reports_when_flushed(
    client, redis_cache, no_background_flush
):
    for _ in range(3):
        assert client.get("/search/", {"q": "Humira"}).status_code == 200
    for _ in range(2):
        client.get("/search/", {"q": "ZZQX  nothing"})
    assert hits("humira") == 0  # counted in Redis, not yet written
    assert counts.flush() == 5
    assert hits("humira") == 3
    assert hits("zzqx nothing") == 2
    assert SearchMiss.objects.get(query_string="zzqx nothing").hits == 2
    assert not SearchMiss.objects.filter(query_string="humira").exists()
    # Written once: a second flush adds nothing.
    assert counts.flush() == 0
    assert hits("humira") == 3


def test_a_search_costs_no_write_to_the_database(client, redis_cache, no_background_flush):
    client.get("/search/", {"q": "Humira"})  # warm: the vocabulary, the class index
    with CaptureQueriesContext(connection) as queries:
        client.get("/search/", {"q": "Humira"})
    writes = [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(WRITES)]
    assert writes == []


def test_the_no_results_report_shows_searches_still_in_redis(
    client, admin_client, redis_cache, no_background_flush
):
    client.get("/search/", {"q": "zzqx nothing"})
    response = admin_client.get(reverse("search_misses_report"))
    assert response.status_code == 200
    assert "zzqx nothing" in response.content.decode()


def test_counts_that_cannot_be_written_are_kept_for_the_next_flush(
    client, redis_cache, no_background_flush, monkeypatch
):
    client.get("/search/", {"q": "Humira"})
    real_write = counts.write

    def failing_write(found):
        raise RuntimeError("database went away")

    monkeypatch.setattr(counts, "write", failing_write)
    with pytest.raises(RuntimeError):
        counts.flush()
    monkeypatch.setattr(counts, "write", real_write)
    assert counts.flush() == 1
    assert hits("humira") == 1


def test_searches_flush_once_a_minute_at_most(client, redis_cache, monkeypatch):
    started = []

    class InlineThread:
        def __init__(self, target, **kwargs):
            started.append(target)

        def start(self):
            counts.flush()  # not _flush_in_thread: that closes the test's connection

    monkeypatch.setattr(counts.threading, "Thread", InlineThread)
    monkeypatch.setattr(counts, "_next_flush", 0.0)
    for _ in range(3):
        client.get("/search/", {"q": "Humira"})
    assert len(started) == 1  # the first search, at once; the next try is a minute on
    assert hits("humira") == 1  # the first search was counted before it flushed
    assert counts.flush() == 2


def test_with_redis_unreachable_searches_are_written_at_once(client, settings):
    from tests.portal.test_faults import UNREACHABLE_REDIS

    settings.CACHES = UNREACHABLE_REDIS
    assert client.get("/search/", {"q": "Humira"}).status_code == 200
    assert hits("humira") == 1
