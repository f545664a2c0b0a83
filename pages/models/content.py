from django.db import models

from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from pages.blocks import PageStreamBlock

from .base import BasePage


class ContentPage(BasePage):
    """A plain page, such as the editorial policy or 'About us'."""

    intro = models.TextField(blank=True)
    body = StreamField(PageStreamBlock(), blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*BasePage.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["pages.HomePage", "pages.ContentPage"]
    subpage_types = ["pages.ContentPage"]
    template = "pages/content_page.html"

    class Meta:
        verbose_name = "content page"

    @property
    def table_of_contents(self):
        from pages.toc import table_of_contents

        return table_of_contents(self.body)
