"""Reusable pieces editors place in articles: calls to action and adverts."""

from django.core.validators import RegexValidator
from django.db import models

from wagtail.admin.panels import FieldPanel
from wagtail.search import index

phone_validator = RegexValidator(
    r"^\+?[0-9][0-9 ().-]{5,24}$",
    "Enter a phone number of digits, spaces, dots, dashes or brackets, e.g. 555.010.0123.",
)


class CallToAction(index.Indexed, models.Model):
    title = models.CharField(max_length=120, help_text="e.g. 'Cancer answer line'.")
    text = models.TextField(blank=True, help_text="One sentence on who should call and why.")
    phone_number = models.CharField(max_length=30, validators=[phone_validator])
    hours = models.CharField(max_length=120, blank=True, help_text="e.g. 'Weekdays 8am to 5pm'.")

    panels = [
        FieldPanel("title"),
        FieldPanel("text"),
        FieldPanel("phone_number"),
        FieldPanel("hours"),
    ]
    search_fields = [
        index.SearchField("title"),
        index.AutocompleteField("title"),
        index.SearchField("text"),
        index.AutocompleteField("phone_number"),
    ]

    class Meta:
        verbose_name = "call to action"
        verbose_name_plural = "calls to action"

    def __str__(self):
        return self.title

    @property
    def tel_href(self) -> str:
        digits = "".join(ch for ch in self.phone_number if ch.isdigit() or ch == "+")
        return f"tel:{digits}"


class Advert(index.Indexed, models.Model):
    name = models.CharField(
        max_length=120, help_text="For editors only, e.g. 'Spring flu campaign'."
    )
    sponsor = models.CharField(max_length=120, blank=True)
    text = models.TextField(help_text="What the advert says.")
    url = models.URLField("link", blank=True)
    link_text = models.CharField(max_length=60, blank=True, default="Learn more")
    active = models.BooleanField(
        default=True, help_text="Untick to hide the advert everywhere without removing it."
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("sponsor"),
        FieldPanel("text"),
        FieldPanel("url"),
        FieldPanel("link_text"),
        FieldPanel("active"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.AutocompleteField("sponsor"),
        index.SearchField("text"),
    ]

    def __str__(self):
        return self.name
