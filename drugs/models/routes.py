from django.db import models

from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class Route(index.Indexed, models.Model):
    """A route of administration: how a medicine gets into the body."""

    name = models.CharField(
        max_length=80, unique=True, help_text="As readers say it, e.g. 'By mouth'."
    )
    slug = models.SlugField(max_length=80, unique=True)
    schema_name = models.CharField(
        "schema.org route",
        max_length=80,
        help_text="The standard term used in structured data, e.g. 'Oral', 'Intravenous'.",
    )
    description = models.TextField(help_text="How a reader receives a medicine this way.")
    sort_order = models.PositiveSmallIntegerField(default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("schema_name"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name
