"""Every search is counted for the editors' reports, in batches when Redis is the cache
(portal/search/counts.py). These use a real Redis on 127.0.0.1 (skipped without one,
except under CI=true, where its absence fails the run)."""

import os
import secrets
from datetime import UTC, datetime
from io import StringIO

import pytest

from django.core.management import call_command
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
    client = counts._redis()
    yield client
    prefix = settings.CACHES["default"]["KEY_PREFIX"]
    leftovers = list(client.scan_iter(match=f"{prefix}:*"))
    if leftovers:
        client.delete(*leftovers)


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


def test_a_flush_cut_short_loses_nothing_and_writes_nothing_twice(
    client, redis_cache, no_background_flush, monkeypatch
):
    """The database fails halfway through a batch: the batch is rolled back and stays in
    Redis; searches meanwhile are counted apart; the next flushes write each search once."""
    client.get("/search/", {"q": "Humira"})
    client.get("/search/", {"q": "zzqx nothing"})
    real_get, calls = Query.get, []

    def get_then_fail(query_string):
        calls.append(query_string)
        if len(calls) == 2:
            raise RuntimeError("database went away")
        return real_get(query_string)

    monkeypatch.setattr(Query, "get", staticmethod(get_then_fail))
    with pytest.raises(RuntimeError):
        counts.flush()
    monkeypatch.setattr(Query, "get", staticmethod(real_get))
    assert hits("humira") == 0 and hits("zzqx nothing") == 0  # the first row rolled back
    client.get("/search/", {"q": "Humira"})  # while the failed batch waits in Redis
    assert counts.flush() == 2  # the staged batch first
    assert counts.flush() == 1  # then what was counted meanwhile
    assert counts.flush() == 0
    assert hits("humira") == 2
    assert SearchMiss.objects.get(query_string="zzqx nothing").hits == 1


def test_one_flush_at_a_time(client, redis_cache, no_background_flush):
    from django.core.cache import cache

    client.get("/search/", {"q": "Humira"})
    cache.add(counts.FLUSH_LOCK, 1, 60)  # another process is flushing
    assert counts.flush() == 0
    assert hits("humira") == 0
    cache.delete(counts.FLUSH_LOCK)
    assert counts.flush() == 1


def test_the_report_says_when_a_search_was_made_not_when_it_was_written(
    client, redis_cache, no_background_flush
):
    client.get("/search/", {"q": "zzqx nothing"})
    field = next(iter(redis_cache.hkeys(counts._key(counts.TIMES_KEY))))
    searched_at = datetime(2026, 11, 23, 22, 15, tzinfo=UTC)
    redis_cache.hset(counts._key(counts.TIMES_KEY), field, int(searched_at.timestamp()))
    counts.flush()
    assert SearchMiss.objects.get(query_string="zzqx nothing").last_searched_at == searched_at


def test_the_management_command_writes_the_counts(client, redis_cache, no_background_flush):
    client.get("/search/", {"q": "Humira"})
    out = StringIO()
    call_command("flush_search_counts", stdout=out)
    assert "Wrote 1 searches" in out.getvalue()
    assert hits("humira") == 1


def test_searches_flush_once_a_minute_at_most(client, redis_cache, monkeypatch):
    started = []

    class InlineThread:
        def __init__(self, target, **kwargs):
            started.append(target)

        def start(self):
            counts.flush()  # not _flush_in_thread: that closes the test's connections

    monkeypatch.setattr(counts.threading, "Thread", InlineThread)
    monkeypatch.setattr(counts, "_next_flush", 0.0)
    for _ in range(3):
        client.get("/search/", {"q": "Humira"})
    assert len(started) == 1  # the first search, at once; the next try is a minute on
    monkeypatch.setattr(counts, "_next_flush", 0.0)  # as if another process searched now
    client.get("/search/", {"q": "Humira"})
    assert len(started) == 1  # the minute is shared by every process (in the cache)
    assert hits("humira") == 1  # the first search was counted before it flushed
    assert counts.flush() == 3


def test_with_redis_unreachable_searches_are_written_at_once(client, settings):
    from tests.portal.test_faults import UNREACHABLE_REDIS

    settings.CACHES = UNREACHABLE_REDIS
    assert client.get("/search/", {"q": "Humira"}).status_code == 200
    assert hits("humira") == 1


def test_promotions_are_found_however_the_query_is_typed(client, article):
    from wagtail.contrib.search_promotions.models import SearchPromotion

    SearchPromotion.objects.create(
        query=Query.get("arthritis"), page=article, description="Our own guide", sort_order=0
    )
    response = client.get("/search/", {"q": "  ARTHRITIS "})
    assert "Our own guide" in response.content.decode()
