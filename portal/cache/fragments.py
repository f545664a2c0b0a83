"""The rendered content of a page, kept between requests for everyone who reads it.

The page cache (middleware.py) keeps whole pages, but only for anonymous readers and one
address at a time. Everyone else has the page rendered afresh: signed-in editors and
reviewers reading the live site, every first reader after a publish elsewhere moved a tag,
every host name. Most of that work is the same each time: the StreamField, its records,
the table of contents, the related records and the structured data depend on the page's
live revision and the records it cites, not on who asks.

`{% page_fragment page %}…{% endpage_fragment %}` (portal_tags) keeps that part. It is
stored with the cache tags named while it rendered, just as a whole page is, so the same
changes invalidate it (tags.py), and a hit hands those tags on to the page around it, so a
cached page is still invalidated by what its fragment shows. Likewise the moment it stops
being true (a review stamp falling due): neither it nor the page around it is kept past it. It is keyed by the page, its
live revision and the Wagtail Site (links are relative to the site).

Never used for previews, which render a draft under the live page's id: only for the live
page as Wagtail's `Page.serve` serves it, which is after Wagtail's view restrictions let the
reader in (a private page's content is kept in the cache, but shown only to those it
lets in). FRAGMENT_CACHE_SECONDS = 0 turns it off; with the cache unreachable, or a
request the site lookup did not see begin, the content is rendered as if it were off.

Wagtail's own `{% wagtailpagecache %}` keys content on the page's `cache_key` and the site:
right for the page's own fields, but a drug renamed, a brand added or a class given a new
member would not move it. Hence tags, as for whole pages."""

import functools
import hashlib
import logging
import time
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.utils.safestring import mark_safe

from . import tags

logger = logging.getLogger("portal.cache")

KEY_PREFIX = "pc:fragment:"


def _seconds() -> int:
    return getattr(settings, "FRAGMENT_CACHE_SECONDS", 0)


@functools.cache
def _code_fingerprint() -> str:
    """The templates and the hashed static file names this process renders with: content
    kept by an earlier deploy is not used by a later one."""
    from django.contrib.staticfiles.storage import staticfiles_storage

    digest = hashlib.sha256()
    for directory in (Path(d) for t in settings.TEMPLATES for d in t.get("DIRS", [])):
        for path in sorted(directory.rglob("*.html")):
            digest.update(str(path.relative_to(directory)).encode() + b"\0" + path.read_bytes())
    hashed = getattr(staticfiles_storage, "hashed_files", None) or {}
    digest.update(repr(sorted(hashed.items())).encode())
    return digest.hexdigest()[:12]


def key_for(name: str, page, request) -> str | None:
    """The fragment's key, or None when this rendering must not be shared."""
    from wagtail.models import Site

    if _seconds() <= 0 or request is None:
        return None
    # Page.serve sets is_preview = False; a preview sets True. Anything else (a page
    # rendered outside Wagtail's serving path) is not known to be the live page.
    if getattr(request, "is_preview", True) is not False or not page.live:
        return None
    site = Site.find_for_request(request)
    site_id = site.pk if site is not None else 0
    return f"{KEY_PREFIX}{_code_fingerprint()}:{name}:{page.pk}:{page.live_revision_id}:{site_id}"


def render(name: str, page, request, render_content) -> str:
    """The fragment's HTML, from the cache or from `render_content()`. Either way the
    page's references and every tag the fragment depends on reach the page around it."""
    key = key_for(name, page, request)
    # The generation as the request began (the site lookup reads it before the view runs):
    # the page and settings this renders from were read after it, so content stored with
    # it is never newer than what was invalidated meanwhile.
    generation = tags.request_generation(request)
    if key is None or generation is None:
        tags.add_references(page)
        return render_content()

    entry = _lookup(key)
    if entry is not None and tags.entry_fresh(key, entry, generation):
        tags.add(*entry["tags"])
        tags.expires_at(entry.get("until"))
        return mark_safe(entry["html"])  # noqa: S308 - our own rendering, stored as rendered

    token = tags.start()
    try:
        tags.add_page(page)
        tags.add_references(page)
        html = render_content()
    finally:
        collected = tags.stop(token)
    tags.add(*collected)
    tags.expires_at(getattr(collected, "until", None))
    _store(key, html, collected, generation)
    return html


def _lookup(key):
    try:
        return cache.get(key)
    except Exception:
        logger.warning("fragment cache: unreachable, rendering", exc_info=True)
        return None


def _store(key, html, collected, generation) -> None:
    try:
        current = tags.versions_if_unchanged(collected, generation)
        if current is None:
            return  # something was invalidated while this rendered: don't keep it
        seconds = tags.lifetime(collected, _seconds())  # not past a review falling due
        if seconds <= 0:
            return
        entry = {
            "html": str(html),
            "tags": current,
            "generation": generation,
            "expires_at": time.time() + seconds,
            "until": getattr(collected, "until", None),  # handed on to the page around it on a hit
        }
        cache.set(key, entry, seconds)
    except Exception:
        logger.warning("fragment cache: could not store %s", key, exc_info=True)
