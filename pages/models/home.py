from django.db import models

from wagtail.admin.panels import FieldPanel

from .base import BasePage


class HomePage(BasePage):
    intro = models.TextField(
        blank=True, help_text="A sentence or two welcoming readers, under the search box."
    )

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["pages.SectionPage", "pages.ContentPage"]
    max_count = 1
    template = "pages/home_page.html"

    class Meta:
        verbose_name = "home page"

    def get_context(self, request, *args, **kwargs):
        from portal.cache import tags

        from .article import ArticlePage
        from .section import SectionPage

        context = super().get_context(request, *args, **kwargs)
        tags.add(f"children:{self.path}", "list:pages")
        context["sections"] = SectionPage.objects.live().public().child_of(self).order_by("path")
        context["recently_reviewed"] = (
            ArticlePage.objects.live()
            .public()
            .descendant_of(self)
            .filter(last_reviewed_on__isnull=False)
            .order_by("-last_reviewed_on", "title")[:6]
        )
        return context
