"""Whether any page is private, kept in the cache while none is.

Wagtail checks view restrictions on every page it serves: two queries, for the page's
ancestors and then their restrictions. Until an editor makes some page private there are
none to find, so the answer "none anywhere" is kept, stored and checked the way the page
cache stores pages (tags.py): against the `restrictions` tag, which adding, changing or
removing any restriction bumps after commit, and the generation the answer was read at.
The moment one exists, every page is checked by Wagtail as usual.

Because a lost invalidation here would show a private page, the answer is kept for a minute
at most, and with the cache unreachable Wagtail's own check always runs."""

import logging
import time

from django.core.cache import cache

from . import tags

logger = logging.getLogger("portal.cache")

KEY = "pc:restrictions:none"
TAG = "restrictions"
KEPT_SECONDS = 60


def none_anywhere() -> bool:
    """True only when no view restriction exists (as known within the last minute, and not
    invalidated since)."""
    from wagtail.models import PageViewRestriction

    try:
        found = cache.get_many([KEY, tags.GENERATION_KEY])
        generation = found.get(tags.GENERATION_KEY)
        entry = found.get(KEY)
        if generation is None:
            return False  # an emptied or unreachable cache: let Wagtail look
        if entry is not None:
            remaining = int(entry["expires_at"] - time.time())
            if remaining > 0 and tags.still_fresh(KEY, entry, generation, remaining):
                return True
    except Exception:
        logger.warning("view restrictions: cache unreachable, checking", exc_info=True)
        return False
    if PageViewRestriction.objects.exists():
        return False
    try:
        current = tags.versions_if_unchanged([TAG], generation)
        if current is not None:
            entry = {"tags": current, "generation": generation}
            cache.set(KEY, {**entry, "expires_at": time.time() + KEPT_SECONDS}, KEPT_SECONDS)
    except Exception:
        logger.warning("view restrictions: could not keep the answer", exc_info=True)
    return True
