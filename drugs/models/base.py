"""What every medical record (drug, drug class, condition) shares: draft state, revisions,
locking, previews, a stable slug, a public URL and the review stamp."""

from django.db import models
from django.urls import reverse

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
        return reverse(self.url_name, kwargs={"slug": self.slug})

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
