"""Whole-page caching for anonymous readers, and a clear 503 when the database is down.

A response is stored only when all of these hold:
- the request is a GET or HEAD from someone without a session cookie (signed-in editors
  and reviewers, previews and the admin always get a fresh page);
- the view named what it shows (cache tags; see tags.py): views that name nothing, such
  as forms, errors and private pages, are never stored;
- it is a 200 without cookies and without `Cache-Control: private` or `no-store`;
- nothing was invalidated while it rendered.

It is kept for PAGE_CACHE_SECONDS, or less when something it shows stops being true sooner
(a review stamp on the day its review falls due: tags.expires_at).

Served responses carry `X-Cache: HIT` or `MISS`, an ETag, and `Cache-Control` that lets a
CDN keep them for PAGE_CACHE_CDN_SECONDS (0 by default: it must revalidate, and gets a 304
when nothing changed). With the cache unreachable, pages are rendered as usual.

The middleware is the first in settings.MIDDLEWARE, so a hit costs one cache round trip
and none of the other middleware: the stored response already carries the headers they
added (security headers and the Content-Security-Policy, which are the same for every
public page). The one thing they would do to a request, redirecting plain HTTP to HTTPS,
is done here too. A hit is checked against the generation, which every invalidation
bumps: while nothing has been published since the page was stored, it is served as is;
after a publish its tags are compared once, and the entry is stored again with the new
generation when they still hold."""

import functools
import hashlib
import logging
import re
import time

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseNotModified
from django.template import loader
from django.utils.cache import patch_cache_control
from django.utils.http import parse_etags

from . import tags

logger = logging.getLogger("portal.cache")

NEVER_CACHED_PREFIXES = ("/admin/", "/django-admin/", "/documents/", "/api/")
# Pages that are never stored, so not looked up either: the search results page counts
# every search for the editors' reports (its ranked results are kept in search/results_cache).
NEVER_STORED_PATHS = frozenset({"/search/"})
NOT_PAGES = tuple(
    prefix for prefix in (settings.STATIC_URL, settings.MEDIA_URL) if prefix and prefix != "/"
)
STORED_HEADERS_SKIPPED = {"set-cookie", "x-cache", "date"}


@functools.cache
def _headers_fingerprint() -> str:
    """Stored pages carry the headers of the settings they were rendered under: a deploy
    that changes those settings must not serve the old ones."""
    names = [
        "CONTENT_SECURITY_POLICY",
        "CONTENT_SECURITY_POLICY_ADMIN_EXTRA",
        "PERMISSIONS_POLICY",
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SECURE_HSTS_PRELOAD",
        "SECURE_REFERRER_POLICY",
        "SECURE_CROSS_ORIGIN_OPENER_POLICY",
        "SECURE_CONTENT_TYPE_NOSNIFF",
        "X_FRAME_OPTIONS",
    ]
    values = repr([(name, getattr(settings, name, None)) for name in names])
    return hashlib.sha256(values.encode()).hexdigest()[:12]


# Added to links by newsletters, social networks and ad platforms, often unique per click
# (fbclid, gclid); no page reads them, so a page is the same page with or without them.
TRACKING_PARAMETERS = re.compile(r"^(utm_[a-z_]+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|_ga)$")


def _page_address(request) -> str:
    """The path and query string, without tracking parameters."""
    query = request.META.get("QUERY_STRING", "")
    if query:
        kept = [
            part
            for part in query.split("&")
            if part and not TRACKING_PARAMETERS.match(part.partition("=")[0])
        ]
        query = "&".join(kept)
    return f"{request.path}?{query}" if query else request.path


def _key(request) -> str:
    where = f"{request.scheme}://{request.get_host()}{_page_address(request)}"
    return f"pc:page:{_headers_fingerprint()}:{hashlib.sha256(where.encode()).hexdigest()}"


def _cacheable_request(request) -> bool:
    return (
        getattr(settings, "PAGE_CACHE_SECONDS", 0) > 0
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.path.startswith(NEVER_CACHED_PREFIXES)
        and request.path not in NEVER_STORED_PATHS
        and not request.path.startswith(NOT_PAGES)  # WhiteNoise's, further in
        # SecurityMiddleware sends plain HTTP to HTTPS first.
        and (request.is_secure() or not settings.SECURE_SSL_REDIRECT)
    )


def _cacheable_response(response) -> bool:
    control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.cookies
        and not getattr(response, "streaming", False)
        and "private" not in control
        and "no-store" not in control
        and "no-cache" not in control
    )


def _public_headers(response, etag: str, until: float | None = None) -> None:
    """`until`: when what the page shows stops being true (tags.expires_at); a CDN may not
    keep it past then either."""
    cdn_seconds = settings.PAGE_CACHE_CDN_SECONDS
    if until is not None:
        cdn_seconds = max(0, min(cdn_seconds, int(until - time.time())))
    response["ETag"] = etag
    response["Cache-Control"] = f"public, max-age=0, must-revalidate, s-maxage={cdn_seconds}"


def _not_modified(request, etag: str) -> bool:
    wanted = request.headers.get("If-None-Match")
    return bool(wanted) and (etag in parse_etags(wanted) or wanted.strip() == "*")


def _safe_lookup(key):
    """The stored entry (or None) and the current generation, in one round trip."""
    try:
        found = cache.get_many([key, tags.GENERATION_KEY])
        generation = found.get(tags.GENERATION_KEY)
        if generation is None:  # a new (or emptied) cache: start counting
            generation = tags.start_generation()
    except Exception:  # a cache that raises instead of ignoring: never an error page
        logger.warning("page cache: unreachable, serving uncached", exc_info=True)
        return None, None
    return found.get(key), generation


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _cacheable_request(request):
            response = self.get_response(request)
            if settings.SESSION_COOKIE_NAME in request.COOKIES and "Cache-Control" not in response:
                # A signed-in reader's page must not be kept by a shared cache or a CDN.
                patch_cache_control(response, private=True, no_cache=True)
            return response

        try:
            key = _key(request)
        except DisallowedHost:  # answered (400) and logged further in, with its headers
            return self.get_response(request)
        entry, generation = _safe_lookup(key)
        if entry and tags.entry_fresh(key, entry, generation):
            return self._serve(request, entry)

        token = tags.start()
        try:
            response = self.get_response(request)
        finally:
            collected = tags.stop(token)
        if collected and _cacheable_response(response):
            self._store(request, key, response, collected, generation)
        response["X-Cache"] = "MISS"
        return response

    # --- hits ------------------------------------------------------------------------------

    @staticmethod
    def _serve(request, entry):
        if _not_modified(request, entry["etag"]):
            response = HttpResponseNotModified()
        else:
            response = HttpResponse(entry["content"], status=200)
        for header, value in entry["headers"]:
            response[header] = value
        _public_headers(response, entry["etag"], entry.get("until"))
        response["Age"] = str(max(0, int(time.time() - entry["stored_at"])))
        response["X-Cache"] = "HIT"
        return response

    # --- misses ----------------------------------------------------------------------------

    @staticmethod
    def _store(request, key, response, collected, generation) -> None:
        try:
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            etag = f'"{hashlib.sha256(response.content).hexdigest()[:32]}"'
            until = getattr(collected, "until", None)
            _public_headers(response, etag, until)
            # Until something it shows stops being true, if sooner (a review falling due).
            seconds = tags.lifetime(collected, settings.PAGE_CACHE_SECONDS)
            if seconds <= 0:
                return
            current = tags.versions_if_unchanged(collected, generation)
            if current is None:
                return  # something was invalidated while this rendered: don't keep it
            entry = {
                "content": response.content,
                "headers": [
                    (h, v) for h, v in response.items() if h.lower() not in STORED_HEADERS_SKIPPED
                ],
                "etag": etag,
                "tags": current,
                # None when the cache lost the generation: then every hit checks the tags.
                "generation": generation,
                "stored_at": time.time(),
                "expires_at": time.time() + seconds,
                "until": until,
            }
            cache.set(key, entry, seconds)
        except Exception:
            logger.warning("page cache: could not store %s", request.path, exc_info=True)


class DatabaseUnavailableMiddleware:
    """With the database down, readers get a plain 503 page that says so and asks them to
    come back, never a stack trace; the fault is logged. (Cached pages are served before
    this is reached.)"""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        lost = isinstance(exception, (OperationalError, InterfaceError)) or (
            isinstance(exception, DatabaseError) and "connection" in str(exception)
        )
        if not lost:
            return None
        logger.error("database unavailable: %s %s", request.method, request.path, exc_info=True)
        return service_unavailable(request)


def service_unavailable(request=None):
    content = loader.get_template("503.html").render({})  # no context processors: no queries
    response = HttpResponse(content, status=503)
    response["Retry-After"] = "60"
    patch_cache_control(response, no_store=True)
    return response
