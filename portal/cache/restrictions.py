"""Whether any page is private, kept in the cache between publishes.

Wagtail checks view restrictions on every page it serves: two queries, for the page's
ancestors and then their restrictions. Until an editor makes some page private there are
none to find. So whether any restriction exists is asked once (one cheap query) and the
answer kept while the invalidation generation (tags.py) stays where it was when it was
asked: any publish, move or restriction change anywhere moves the generation, and the next
request asks again. While none exists, Wagtail's check is answered without a query; once one
does, Wagtail checks every page as usual, without the extra question.

A lost invalidation here would show a private page, so the answer is trusted only at the
exact generation it was read at (not, as stored pages are, after comparing tags), for a
minute at most, and never when the cache is unreachable. It names the database in its key:
two sites sharing a Redis without CACHE_KEY_PREFIX still keep their answers apart."""

import functools
import hashlib
import logging
import time

from django.conf import settings
from django.core.cache import cache

from . import tags

logger = logging.getLogger("portal.cache")

KEPT_SECONDS = 60


@functools.cache
def _key() -> str:
    database = settings.DATABASES["default"]
    where = f"{database.get('HOST', '')}:{database.get('PORT', '')}/{database['NAME']}"
    return f"pc:restrictions:{hashlib.sha256(where.encode()).hexdigest()[:12]}"


def none_anywhere() -> bool:
    """True only when no view restriction exists, as read since the last invalidation."""
    from wagtail.models import PageViewRestriction

    key = _key()
    try:
        found = cache.get_many([key, tags.GENERATION_KEY])
    except Exception:
        logger.warning("view restrictions: cache unreachable, checking", exc_info=True)
        return False
    generation, entry = found.get(tags.GENERATION_KEY), found.get(key)
    if generation is None:
        return False  # an emptied or unreachable cache: let Wagtail look
    if entry and entry["generation"] == generation and entry["expires_at"] > time.time():
        return entry["none"]
    none = not PageViewRestriction.objects.exists()
    try:
        if tags.generation() == generation:  # nothing invalidated while it was asked
            entry = {
                "none": none,
                "generation": generation,
                "expires_at": time.time() + KEPT_SECONDS,
            }
            cache.set(key, entry, KEPT_SECONDS)
    except Exception:
        logger.warning("view restrictions: could not keep the answer", exc_info=True)
    return none
