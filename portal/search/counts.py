"""Every search counted for the editors' reports, written to the database in batches.

Two reports read the counts: Wagtail's "Search terms" (search promotions' `Query` and its
hits per day) and "Searches with no results" (`portal.models.SearchMiss`). Written as each
search happened, that was four statements and a commit per search: a third of what a
repeated search cost, and the only database write a reader could cause.

With Redis as the cache, a search adds one to a count in a Redis hash and notes when it
happened (one round trip). The counts are written to the database by `flush()`:
- in a background thread of the process serving the first search once FLUSH_SECONDS have
  passed since the last such flush (across all processes);
- by `manage.py flush_search_counts`, which cron should run every minute or so, so that a
  quiet night's searches don't wait in Redis for the morning's first search;
- when the "Searches with no results" report is opened.
Without Redis, or with Redis unreachable, a search is written at once.

A flush first renames the hash to a staging key (searches go on counting in a new one),
then writes the staged counts CHUNK at a time, each chunk in one transaction, and removes a
chunk from Redis only once it is committed. A flush cut short (a worker killed, the database
down) leaves the rest staged for the next one. One flush runs at a time (FLUSH_LOCK).

Redis keeps nothing on disk in this setup: a Redis restart loses the counts not yet
written. They are statistics; nobody's content is at stake."""

import logging
import threading
import time
from datetime import UTC, datetime

from django.conf import settings
from django.core.cache import cache
from django.db import connections, transaction
from django.db.models import F
from django.utils import timezone

from wagtail.search.utils import normalise_query_string

logger = logging.getLogger("portal.search")

# Redis hashes, named with the cache's key prefix: "<day>\t<1 if nothing found>\t<query>"
# → searches, and the same fields → when the last of them happened (Unix seconds).
COUNTS_KEY = "search:counts"
TIMES_KEY = "search:counts:times"
STAGED = ":staged"  # suffix of the keys a flush is writing
FLUSH_DUE = "search:counts:due"  # set while the last searches' flush is under a minute old
FLUSH_LOCK = "search:counts:lock"
FLUSH_SECONDS = 60
LOCK_SECONDS = 300  # a flush holding the lock longer is taken to have died
CHUNK = 500  # fields written per transaction

_next_flush = 0.0  # this process does not try again before then


def _redis():
    """The Redis client behind the default cache, or None when the cache is not Redis."""
    if "django_redis" not in settings.CACHES["default"]["BACKEND"]:
        return None
    from django_redis import get_redis_connection

    return get_redis_connection("default")


def _key(name: str) -> str:
    """A key with the cache's prefix (CACHE_KEY_PREFIX): sites sharing a Redis keep apart."""
    return cache.make_key(name)


def count(query_string: str, found: int) -> None:
    """Count one search of `query_string` that found `found` results."""
    day = timezone.now().date().isoformat()  # UTC days, as Wagtail's own Query.add_hit
    field = f"{day}\t{0 if found else 1}\t{normalise_query_string(query_string)}"
    client = _redis()
    if client is not None:
        try:
            pipe = client.pipeline(transaction=True)
            pipe.hincrby(_key(COUNTS_KEY), field, 1)
            pipe.hset(_key(TIMES_KEY), field, int(time.time()))
            pipe.execute()
        except Exception:
            logger.warning("search counts: Redis unreachable, written at once", exc_info=True)
        else:
            _flush_soon()
            return
    write({field: 1}, {})


def _flush_soon() -> None:
    """Once a minute at most, across all processes: write the counts in a thread, so that
    no reader waits for them."""
    global _next_flush
    now = time.monotonic()
    if now < _next_flush:
        return
    _next_flush = now + FLUSH_SECONDS
    try:
        if not cache.add(FLUSH_DUE, 1, FLUSH_SECONDS):
            return  # flushed less than a minute ago, by this process or another
    except Exception:
        return
    # Not a daemon: a worker that is shutting down finishes the chunk it is writing.
    threading.Thread(target=_flush_in_thread, name="search-counts").start()


def _flush_in_thread() -> None:
    try:
        flush()
    except Exception:
        logger.exception("search counts: could not write them to the database")
    finally:
        connections.close_all()  # this thread's own connections


def flush(limit: int | None = None) -> int:
    """Write the counts kept in Redis to the database (at most `limit` distinct searches);
    how many searches were written. Returns 0 at once while another flush runs."""
    client = _redis()
    if client is None:
        return 0
    if not cache.add(FLUSH_LOCK, 1, LOCK_SECONDS):
        return 0
    try:
        return _flush_staged(client, limit)
    finally:
        cache.delete(FLUSH_LOCK)


def _flush_staged(client, limit: int | None) -> int:
    counts_key, times_key = _key(COUNTS_KEY), _key(TIMES_KEY)
    staged_counts, staged_times = counts_key + STAGED, times_key + STAGED
    if not client.exists(staged_counts):  # nothing left over from a flush cut short
        pipe = client.pipeline(transaction=True)
        pipe.exists(counts_key)
        pipe.exists(times_key)
        have_counts, have_times = pipe.execute()
        if not have_counts:
            return 0
        pipe = client.pipeline(transaction=True)
        pipe.rename(counts_key, staged_counts)
        if have_times:
            pipe.rename(times_key, staged_times)
        pipe.execute()
    fields = sorted(field.decode() for field in client.hkeys(staged_counts))
    written = 0
    for start in range(0, len(fields) if limit is None else min(limit, len(fields)), CHUNK):
        chunk = fields[start : start + CHUNK]
        counts = dict(zip(chunk, map(int, client.hmget(staged_counts, chunk)), strict=True))
        times = dict(zip(chunk, client.hmget(staged_times, chunk), strict=True))
        write(counts, {f: int(t) for f, t in times.items() if t is not None})
        pipe = client.pipeline(transaction=True)  # only once committed
        pipe.hdel(staged_counts, *chunk)
        pipe.hdel(staged_times, *chunk)
        pipe.execute()
        written += sum(counts.values())
    if limit is None or limit >= len(fields):
        client.delete(staged_times)  # a time without a count (none should be left)
    return written


def write(counts: dict[str, int], times: dict[str, int]) -> None:
    """Add counts ({"<day>\\t<missed>\\t<query>": n}) to the reports' tables, in one
    transaction; `times` says when each field's last search happened (else: now)."""
    from wagtail.contrib.search_promotions.models import Query, QueryDailyHits

    from portal.models import SearchMiss

    now = timezone.now()
    # By query, then day: two flushes that overlap lock rows in the same order.
    rows = sorted((field.split("\t", 2)[::-1], field) for field in counts)
    with transaction.atomic():
        for (query_string, missed, day), field in rows:
            n = counts[field]
            query = Query.get(query_string)
            daily, _ = QueryDailyHits.objects.get_or_create(query=query, date=day)
            QueryDailyHits.objects.filter(pk=daily.pk).update(hits=F("hits") + n)
            if missed != "1":
                continue
            when = datetime.fromtimestamp(times[field], UTC) if field in times else now
            miss, _ = SearchMiss.objects.get_or_create(
                query_string=query.query_string, defaults={"hits": 0}
            )
            SearchMiss.objects.filter(pk=miss.pk).update(hits=F("hits") + n, last_searched_at=when)
