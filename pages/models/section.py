from django.db import models

from wagtail.admin.panels import FieldPanel

from .base import BasePage


class SectionPage(BasePage):
    """A section of the library, such as 'Drugs, devices & supplements'."""

    A_TO_Z_CHOICES = [
        ("", "None"),
        ("drugs", "Drugs A–Z"),
        ("conditions", "Conditions A–Z"),
        ("drug_classes", "Drug classes"),
    ]

    intro = models.TextField(blank=True, help_text="What readers find in this section.")
    a_to_z = models.CharField(
        "A–Z index",
        max_length=20,
        blank=True,
        choices=A_TO_Z_CHOICES,
        help_text="Link this section to one of the library's A–Z indexes.",
    )

    content_panels = [*BasePage.content_panels, FieldPanel("intro"), FieldPanel("a_to_z")]

    parent_page_types = ["pages.HomePage"]
    subpage_types = ["pages.ArticlePage"]
    template = "pages/section_page.html"

    class Meta:
        verbose_name = "library section"

    def get_context(self, request, *args, **kwargs):
        from portal.cache import tags

        from .article import ArticlePage

        context = super().get_context(request, *args, **kwargs)
        tags.add(f"children:{self.path}")
        context["articles"] = list(
            ArticlePage.objects.live().public().child_of(self).order_by("title")
        )
        tags.add_shown(*context["articles"])  # made private, an article leaves the list
        return context
