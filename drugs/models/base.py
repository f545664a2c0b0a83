"""What every medical record (drug, drug class, condition) shares: draft state, revisions,
locking, previews, a stable slug, a public URL and the review stamp."""

import re
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.urls import get_script_prefix, get_urlconf, reverse

from modelcluster.models import ClusterableModel
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    PreviewableMixin,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin

from pages.review.stamp import ReviewStampMixin
from portal.site_urls import site_root_url

PLAIN_SLUG = re.compile(r"[-a-zA-Z0-9_]+")
SLUG_MARK = "0-slug-0"


@lru_cache(maxsize=64)
def _url_around_slug(url_name: str, _script_prefix: str, _urlconf) -> tuple[str, str]:
    """A record's URL is its pattern's prefix, the slug, its suffix. Working these out once
    saves a reverse() per listed record (an article lists a hundred). The cache is keyed by
    everything reverse() depends on, so a test's or a request's URLconf gets its own."""
    before, mark, after = reverse(url_name, kwargs={"slug": SLUG_MARK}).partition(SLUG_MARK)
    if not mark:
        raise ImproperlyConfigured(f"The URL named {url_name!r} does not contain its slug.")
    return before, after


def record_url(url_name: str, slug: str) -> str:
    """The public address of the record with this slug, under the URL pattern named."""
    if not PLAIN_SLUG.fullmatch(slug or ""):
        return reverse(url_name, kwargs={"slug": slug})
    before, after = _url_around_slug(
        url_name, get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF
    )
    return f"{before}{slug}{after}"


class LiveQuerySet(SearchableQuerySetMixin, models.QuerySet):
    def live(self):
        return self.filter(live=True)


class MedicalRecord(
    ReviewStampMixin,
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    index.Indexed,
    ClusterableModel,
):
    """Abstract base for the records readers see as pages of their own."""

    slug = models.SlugField(
        max_length=120,
        unique=True,
        help_text="The last part of the public address. Keep it stable once published.",
    )
    summary = models.TextField(
        help_text="One or two plain sentences a reader sees first, and search engines show.",
    )

    objects = LiveQuerySet.as_manager()

    # Set by subclasses.
    url_name = ""
    template_name = ""

    class Meta:
        abstract = True

    def get_url(self) -> str:
        return record_url(self.url_name, self.slug)

    get_absolute_url = get_url

    def get_full_url(self, request=None) -> str:
        """Absolute URL on the Wagtail Site, as pages' own full URLs are."""
        return site_root_url(request) + self.get_url()

    def get_sitemap_urls(self, request=None) -> list[dict]:
        return [{"location": self.get_full_url(request), "lastmod": self.last_published_at}]

    def get_preview_template(self, request, mode_name):
        return self.template_name

    def get_preview_context(self, request, mode_name):
        from drugs.views import detail_context

        return {**super().get_preview_context(request, mode_name), **detail_context(self, request)}
