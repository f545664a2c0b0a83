from django.db import models
from django.db.models.functions import Lower
from django.utils.functional import cached_property

from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.search import index

from pages.blocks import ArticleStreamBlock
from pages.review.stamp import ReviewStampMixin
from pages.toc import table_of_contents

from .base import BasePage


class ArticlePage(ReviewStampMixin, BasePage):
    """A health library article, such as 'Immunomodulators'."""

    summary = models.TextField(
        help_text="Two or three plain sentences that open the article and describe it in search."
    )
    body = StreamField(ArticleStreamBlock())
    drugs = ParentalManyToManyField(
        "drugs.Drug", blank=True, related_name="articles", help_text="Drugs this article covers."
    )
    drug_classes = ParentalManyToManyField(
        "drugs.DrugClass",
        blank=True,
        related_name="articles",
        help_text="Drug classes this article covers.",
    )
    conditions = ParentalManyToManyField(
        "drugs.Condition",
        blank=True,
        related_name="articles",
        help_text="Conditions this article covers.",
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("drug_classes"), FieldPanel("drugs"), FieldPanel("conditions")],
            heading="What this article covers",
        ),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
        index.RelatedFields("drugs", [index.SearchField("generic_name")]),
        index.RelatedFields("drug_classes", [index.SearchField("name")]),
        index.RelatedFields("conditions", [index.SearchField("name")]),
    ]

    api_fields = [
        APIField("summary"),
        APIField("body"),
        APIField("last_reviewed_on"),
        APIField("next_review_due"),
        APIField("review_note"),
    ]

    parent_page_types = ["pages.SectionPage"]
    subpage_types: list[str] = []
    template = "pages/article_page.html"

    class Meta:
        verbose_name = "article"

    @property
    def table_of_contents(self):
        return table_of_contents(self.body)

    def related_records(self) -> dict:
        """The live records this article covers, each list fetched in one query, with only
        what the list and the structured data show: names and addresses."""
        from drugs.models import Condition, Drug, DrugClass

        classes = DrugClass.objects.live().only("name", "slug", "tree_path")
        drugs = Drug.objects.live().only("generic_name", "slug")
        conditions = Condition.objects.live().only("name", "slug")
        return {
            "related_classes": list(classes.filter(articles=self).order_by("tree_path", "name")),
            "related_drugs": Drug.attach_brand_lists(
                list(drugs.filter(articles=self).order_by(Lower("generic_name")))
            ),
            "related_conditions": list(conditions.filter(articles=self).order_by(Lower("name"))),
        }

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["related"] = RelatedInTheLibrary(self, request)
        return context


class RelatedInTheLibrary:
    """An article's related records and its structured data, fetched when the template
    first shows them: inside the cached fragment (templates/pages/toc_layout.html), so a
    fragment served from the cache costs none of their queries."""

    def __init__(self, page: ArticlePage, request):
        self.page = page
        self.request = request

    @cached_property
    def _records(self) -> dict:
        from portal.cache import tags

        records = self.page.related_records()
        tags.add_objects(*(obj for found in records.values() for obj in found))
        tags.add(f"links:page:{self.page.pk}")  # the records it cites, live or not
        return records

    @property
    def classes(self) -> list:
        return self._records["related_classes"]

    @property
    def drugs(self) -> list:
        return self._records["related_drugs"]

    @property
    def conditions(self) -> list:
        return self._records["related_conditions"]

    @cached_property
    def json_ld(self) -> dict:
        from portal import structured_data

        from .settings import PortalSettings

        return structured_data.medical_web_page(
            self.request,
            self.page,
            self.classes,
            self.drugs,
            self.conditions,
            PortalSettings.for_request(self.request),
        )
