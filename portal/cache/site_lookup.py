"""The Wagtail Site and its portal settings for a request, from the cache.

Every public page needs both: Wagtail finds the Site by the request's host (one query),
and the header, footer and structured data read PortalSettings (another, which also
brings the policy pages and the footer's call to action it links to). They change rarely,
so this middleware keeps them in the cache, with the site's root page in its specific
form (Wagtail routes every request from it; one query less for each), stored the way the page cache stores a page
(middleware.py): with the versions of the tags they depend on (tags.py) and the
invalidation generation they were checked at. The tags are `site`, which a Site, settings,
call-to-action or advert save or delete bumps, and each linked policy page's own tags, which
its publish, unpublish, move or deletion bumps; all after commit. While the generation is
unchanged, an entry is used as it is (one cache round trip); after any invalidation, its tags
are compared once. The root page's own tags are among them, so publishing, moving or
unpublishing it renews the entry. So every server sharing the cache sees a change on its next request. With
the cache or the database unreachable, Wagtail looks them up as usual, further in.

It hands them over the way Wagtail caches them on a request (`request._wagtail_site` and
the settings model's cache attribute), so `Site.find_for_request()` and
`PortalSettings.for_request()` return them without a query."""

import functools
import hashlib
import logging

from django.core.cache import cache
from django.db import Error as DatabaseFault
from django.http.request import split_domain_port

from wagtail.models import Page, Site

from . import tags

logger = logging.getLogger("portal.cache")

KEY_PREFIX = "pc:site-lookup:"
ENTRY_SECONDS = 24 * 3600  # a host no longer asked for leaves the cache


@functools.cache
def _schema() -> str:
    """Stored instances carry their models' columns: a deploy that adds one must not read
    entries stored before it."""
    from wagtail.models import get_page_models

    from pages.models import PortalSettings

    models = (Site, PortalSettings, *get_page_models())  # the root page may be of any type
    columns = [
        (model._meta.label, f.attname) for model in models for f in model._meta.concrete_fields
    ]
    return hashlib.sha256(repr(columns).encode()).hexdigest()[:8]


def _key(request) -> str:
    hostname = split_domain_port(request._get_raw_host())[0]
    where = f"{hostname}:{request.get_port()}"
    return f"{KEY_PREFIX}{_schema()}:{hashlib.sha256(where.encode()).hexdigest()[:32]}"


def _fetch(request):
    from pages.models import PortalSettings

    site = Site._find_for_request(request)
    if site is None:
        return None, None
    site.root_page = site.root_page.specific
    return site, PortalSettings.for_site(site)


def _depends_on(site, settings) -> set[str]:
    """`site`, the root page's tags and those of every page the settings link to (their
    policy pages)."""
    names = {"site"}
    if site is not None:
        names.update(tags.page_tags(site.root_page))
    if settings is None:
        return names
    for field in settings._meta.concrete_fields:
        if field.is_relation and issubclass(field.related_model, Page):
            page = getattr(settings, field.name)
            if page is not None:
                names.update(tags.page_tags(page))
    return names


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
        look_up(request)
        return self.get_response(request)


def look_up(request) -> None:
    try:
        request.get_host()  # a host Django refuses gets its 400 further in, uncached
        key = _key(request)
        found = cache.get_many([key, tags.GENERATION_KEY])
        generation = found.get(tags.GENERATION_KEY) or tags.start_generation()
        tags.remember_generation(request, generation)  # before the view reads anything
        entry = found.get(key)
        if entry is not None and tags.still_fresh(key, entry, generation, ENTRY_SECONDS):
            _hand_over(request, entry["site"], entry["settings"])
            return
    except Exception:  # DisallowedHost, or an unreachable cache: Wagtail looks them up
        logger.debug("site lookup: not from the cache", exc_info=True)
        return
    try:
        site, settings = _fetch(request)
    except DatabaseFault:  # the view meets it too, and answers with the 503 page
        return
    _hand_over(request, site, settings)
    _store(key, site, settings, generation)


def _store(key, site, settings, generation) -> None:
    if generation is None:
        return
    try:
        current = tags.versions_if_unchanged(_depends_on(site, settings), generation)
        if current is None:
            return  # something was invalidated while they were read: don't keep them
        entry = {
            "site": site,
            "settings": settings,
            "tags": current,
            "generation": generation,
        }
        cache.set(key, entry, ENTRY_SECONDS)
    except Exception:
        logger.warning("site lookup: could not store %s", key, exc_info=True)
