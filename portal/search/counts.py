"""Every search counted for the editors' reports, written to the database in batches.

Two reports read the counts: Wagtail's "Search terms" (search promotions' `Query` and its
hits per day) and "Searches with no results" (`portal.models.SearchMiss`). Written as each
search happened, that was four statements and a commit per search: a third of what a
repeated search cost, and the only database write a reader could cause.

With Redis as the cache, a search adds one to a count in a Redis hash (one round trip).
The counts are written to the database in one transaction at most FLUSH_SECONDS later, by a
background thread of whichever process serves the first search after that, by
`manage.py flush_search_counts`, and whenever the "Searches with no results" report is
opened. Without Redis, or with Redis unreachable, a search is written at once.

Redis keeps nothing on disk in this setup: a Redis restart loses at most the counts of the
last FLUSH_SECONDS. They are statistics; nobody's content is at stake."""

import logging
import threading
import time

from django.conf import settings
from django.core.cache import cache
from django.db import connections, transaction
from django.db.models import F
from django.utils import timezone

from wagtail.search.utils import normalise_query_string

logger = logging.getLogger("portal.search")

COUNTS_KEY = "search:counts"  # a Redis hash: "<day>\t<1 if nothing found>\t<query>" → n
FLUSH_LOCK = "search:counts:flushing"
FLUSH_SECONDS = 60

_next_flush = 0.0  # this process does not try again before then


def _redis():
    """The Redis client behind the default cache, or None when the cache is not Redis."""
    if "django_redis" not in settings.CACHES["default"]["BACKEND"]:
        return None
    from django_redis import get_redis_connection

    return get_redis_connection("default")


def _key() -> str:
    """The hash's name, with the cache's key prefix: sites sharing a Redis keep apart."""
    return cache.make_key(COUNTS_KEY)


def count(query_string: str, found: int) -> None:
    """Count one search of `query_string` that found `found` results."""
    day = timezone.localdate().isoformat()
    field = f"{day}\t{0 if found else 1}\t{normalise_query_string(query_string)}"
    client = _redis()
    if client is not None:
        try:
            client.hincrby(_key(), field, 1)
        except Exception:
            logger.warning("search counts: Redis unreachable, written at once", exc_info=True)
        else:
            _flush_soon()
            return
    write({field: 1})


def _flush_soon() -> None:
    """Once a minute at most, across all processes: write the counts in a thread, so that
    no reader waits for them."""
    global _next_flush
    now = time.monotonic()
    if now < _next_flush:
        return
    _next_flush = now + FLUSH_SECONDS
    try:
        if not cache.add(FLUSH_LOCK, 1, FLUSH_SECONDS):
            return  # another process's turn
    except Exception:
        return
    threading.Thread(target=_flush_in_thread, name="search-counts", daemon=True).start()


def _flush_in_thread() -> None:
    try:
        flush()
    except Exception:
        logger.exception("search counts: could not write them to the database")
    finally:
        connections.close_all()  # this thread's own connections


def flush() -> int:
    """Write the counts kept in Redis to the database; how many searches they were. Counts
    that could not be written are put back for the next time."""
    client = _redis()
    if client is None:
        return 0
    pipe = client.pipeline(transaction=True)
    pipe.hgetall(_key())
    pipe.delete(_key())
    raw, _ = pipe.execute()
    counts = {field.decode(): int(n) for field, n in raw.items()}
    if not counts:
        return 0
    try:
        write(counts)
    except Exception:
        pipe = client.pipeline(transaction=True)
        for field, n in counts.items():
            pipe.hincrby(_key(), field, n)
        pipe.execute()
        raise
    return sum(counts.values())


def write(counts: dict[str, int]) -> None:
    """Add counts ({"<day>\\t<missed>\\t<query>": n}) to the reports' tables, in one
    transaction."""
    from wagtail.contrib.search_promotions.models import Query, QueryDailyHits

    from portal.models import SearchMiss

    now = timezone.now()
    with transaction.atomic():
        for field, n in sorted(counts.items()):
            day, missed, query_string = field.split("\t", 2)
            query = Query.get(query_string)
            daily, _ = QueryDailyHits.objects.get_or_create(query=query, date=day)
            QueryDailyHits.objects.filter(pk=daily.pk).update(hits=F("hits") + n)
            if missed == "1":
                miss, created = SearchMiss.objects.get_or_create(
                    query_string=query.query_string, defaults={"hits": n}
                )
                if not created:
                    SearchMiss.objects.filter(pk=miss.pk).update(
                        hits=F("hits") + n, last_searched_at=now
                    )
