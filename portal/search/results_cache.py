"""Repeat searches answered from the cache.

Readers ask the same few questions again and again ("Humira", "rheumatoid arthritis"), and
the results page is never stored whole (it counts every search for the editors' report). So
the ranked results of a query are kept, for SEARCH_RESULTS_CACHE_SECONDS, under the current
version of the page cache's `search` tag and of the search vocabulary. Whatever can change a
result bumps that tag once it is committed: a page or record published, unpublished, moved
or deleted, a view restriction, the site's settings, an editor's promoted result
(portal/cache/invalidation.py). The next search then has a new key, and what was kept under
the old one is never read again.

A query is kept from the second time it is asked. What is kept is only what the results
page shows (titles, summaries, dates, URLs and the editors' promoted results), not the
records. With the cache unreachable, every search is computed."""

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache

from wagtail.models import Page, Site

from portal.cache import tags

from .suggest import VERSION_KEY

logger = logging.getLogger("portal.search")

SEARCH_TAG_KEY = tags.KEY_PREFIX + "search"
FORMAT = 2  # raise when what is stored (engine.SearchOutcome, engine.Result) changes shape


def key_for(query: str, as_typed: bool) -> str | None:
    """Where the results of this query are kept now, or None when they are not kept."""
    if settings.SEARCH_RESULTS_CACHE_SECONDS <= 0:
        return None
    try:
        # Both versions in one round trip; the tag's is made on first use.
        found = cache.get_many([SEARCH_TAG_KEY, VERSION_KEY])
        version = found.get(SEARCH_TAG_KEY) or tags.versions(["search"]).get("search")
        vocabulary = found.get(VERSION_KEY)
    except Exception:  # a cache that raises instead of ignoring: search without it
        logger.warning("search results cache: unreachable", exc_info=True)
        return None
    if version is None:  # the cache is down (django-redis ignoring its errors)
        return None
    digest = hashlib.sha256(f"{query}\x00{as_typed}".encode()).hexdigest()
    return f"search:results:{FORMAT}:{version}:{vocabulary}:{digest}"


def get(key: str | None):
    if key is None:
        return None
    try:
        return cache.get(key)
    except Exception:
        logger.warning("search results cache: unreachable", exc_info=True)
        return None


def put(key: str | None, outcome) -> None:
    """Keep the results of a query asked for the second time within the cache's lifetime:
    one-off queries (typos, bots) would otherwise crowd out the page cache."""
    if key is None:
        return
    seconds = settings.SEARCH_RESULTS_CACHE_SECONDS
    try:
        if cache.add(f"search:seen:{key}", 1, seconds):
            return  # the first time
        root_paths = Site.get_site_root_paths()  # once, not once per article result
        for result in outcome.results:
            if isinstance(result.record, Page):
                result.record._wagtail_cached_site_root_paths = root_paths
            result.url  # noqa: B018 (worked out now, kept with the result)
            result.record = None
        cache.set(key, outcome, seconds)
    except Exception:
        logger.warning("search results cache: could not store", exc_info=True)
