"""The page at an address, kept in each process between invalidations.

Every request a page cache does not answer is routed first: the page whose URL path
matches (one query) and then the page in its own type (another; pages/models/home.py).
For anonymous readers the page found is kept here, in the process, for the next reader of
the same address, while the invalidation generation (tags.py) stays what it was when the
request that found it began: any publish, unpublish, move, deletion or view restriction
anywhere moves the generation, and the next request looks the page up afresh. An entry
is trusted only at that exact generation and for ROUTE_CACHE_SECONDS at most (0 turns this off), never when the cache
could not say the generation.

Signed-in editors always route afresh: their user bar shows the page's draft state, which a
draft saved since would have changed without any invalidation. Each reader gets a copy of
the page as it was read, with its StreamFields read afresh from their stored JSON, so
nothing a request sets on its page, nor any block it converts, reaches the next one: this
spares the lookup and nothing else."""

import copy
import threading
import time

from django.conf import settings

from wagtail.fields import StreamField

from . import tags

MAX_PAGES = 1000  # addresses kept per process; past it, the longest kept make way

# (generation, {key: (page without its StreamFields, [(field, stored JSON)], expires)}),
# replaced whole: a reader sees one generation's pages or none.
_kept: tuple = (None, {})
_lock = threading.Lock()


def _generation(request):
    if settings.ROUTE_CACHE_SECONDS <= 0 or settings.SESSION_COOKIE_NAME in request.COOKIES:
        return None
    return tags.request_generation(request)


def find(request, key):
    """A copy of the page kept for this address (any hashable key), or None."""
    generation = _generation(request)
    kept_generation, pages = _kept
    if generation is None or kept_generation != generation:
        return None
    found = pages.get(key)
    if found is None or found[2] < time.monotonic():
        return None
    page = copy.copy(found[0])
    for field, stored in found[1]:
        page.__dict__[field.attname] = field.to_python(stored)
    return page


def keep(request, key, page) -> None:
    """Keep the page found for this address, under the generation the request began at.
    What is kept holds no StreamField value, only its JSON: the first reader goes on to
    render the page it was given, and its converted blocks stay with it."""
    global _kept
    generation = _generation(request)
    if generation is None:
        return
    kept = copy.copy(page)
    streams = []
    for field in page._meta.concrete_fields:
        if isinstance(field, StreamField) and field.attname in page.__dict__:
            streams.append((field, field.value_to_string(page)))
            del kept.__dict__[field.attname]
    entry = (kept, streams, time.monotonic() + settings.ROUTE_CACHE_SECONDS)
    with _lock:
        kept_generation, kept_pages = _kept
        pages = dict(kept_pages) if kept_generation == generation else {}
        if key not in pages and len(pages) >= MAX_PAGES:
            now = time.monotonic()
            pages = {k: v for k, v in pages.items() if v[2] > now}  # expired ones first
            while len(pages) >= MAX_PAGES:
                del pages[next(iter(pages))]  # then the longest kept
        pages[key] = entry
        _kept = (generation, pages)
