"""The Wagtail Site and its portal settings for a request, from the cache.

Every public page needs both: Wagtail finds the Site by the request's host (one query),
and the header, footer and structured data read PortalSettings (another). They change
rarely, so this middleware keeps them in the cache, with the version of the `site` tag
(tags.py) they were read under. Saving or deleting a Site or the settings bumps that tag
after commit (invalidation.py), so every server sharing the cache reads them afresh on its
next request. A lookup costs one cache round trip; with the cache unreachable, Wagtail
looks them up as usual.

It hands them over the way Wagtail caches them on a request (`request._wagtail_site` and
the settings model's cache attribute), so `Site.find_for_request()` and
`PortalSettings.for_request()` return them without a query."""

import hashlib
import logging

from django.core.cache import cache
from django.db import DatabaseError
from django.http.request import split_domain_port

from wagtail.models import Site

from . import tags

logger = logging.getLogger("portal.cache")

KEY_PREFIX = "pc:site-lookup:"
SITE_TAG_KEY = tags.KEY_PREFIX + "site"
ENTRY_SECONDS = 24 * 3600  # a host no longer asked for leaves the cache


def _key(request) -> str:
    hostname = split_domain_port(request._get_raw_host())[0]
    where = f"{hostname}:{request.get_port()}"
    return KEY_PREFIX + hashlib.sha256(where.encode()).hexdigest()[:32]


def _fetch(request):
    from pages.models import PortalSettings

    site = Site._find_for_request(request)
    settings = PortalSettings.for_site(site) if site is not None else None
    return site, settings


def _hand_over(request, site, settings) -> None:
    from pages.models import PortalSettings

    request._wagtail_site = site
    if settings is not None:
        settings._request = request  # as for_request() does, for page URLs in the settings
        setattr(request, PortalSettings.get_cache_attr_name(), settings)


class SiteLookupMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        self.look_up(request)
        return self.get_response(request)

    @staticmethod
    def look_up(request) -> None:
        try:
            request.get_host()  # a host Django refuses gets its 400 further in, uncached
            key = _key(request)
            found = cache.get_many([key, SITE_TAG_KEY])
            version = found.get(SITE_TAG_KEY)
            if version is None:
                version = tags.versions(["site"]).get("site")
            entry = found.get(key)
        except Exception:  # DisallowedHost, or an unreachable cache: Wagtail looks them up
            logger.debug("site lookup: not from the cache", exc_info=True)
            return
        if entry is not None and version is not None and entry["version"] == version:
            _hand_over(request, entry["site"], entry["settings"])
            return
        try:
            # Read after the version: a change committed in between leaves this entry
            # stale (its version is already old), never wrongly fresh.
            site, settings = _fetch(request)
        except DatabaseError:  # the view meets it too, and answers with the 503 page
            return
        _hand_over(request, site, settings)
        if version is None:
            return
        try:
            entry = {"version": version, "site": site, "settings": settings}
            cache.set(key, entry, ENTRY_SECONDS)
        except Exception:
            logger.warning("site lookup: could not store %s", key, exc_info=True)
