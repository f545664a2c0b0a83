from django.core.validators import RegexValidator
from django.db import models

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Orderable
from wagtail.search import index

from ..forms import CheckedInlinePanel
from .base import MedicalRecord

icd10_validator = RegexValidator(
    # The second character is a digit in all but the newest codes (FY2026 added QA0.x).
    r"^[A-Z][0-9A-Z][0-9A-Z](\.[0-9A-Z]{1,4})?$",
    "Enter an ICD-10-CM code such as M06.9 or C43 (a letter, two characters, optional decimals).",
)


class Condition(MedicalRecord):
    name = models.CharField(max_length=200, unique=True)
    icd10_code = models.CharField(
        "ICD-10-CM code",
        max_length=8,
        blank=True,
        validators=[icd10_validator],
        help_text="Leave blank when no single code fits (e.g. a group of diseases).",
    )
    description = models.TextField(blank=True, help_text="A longer plain-language overview.")

    url_name = "condition_detail"
    template_name = "drugs/condition_detail.html"

    panels = [
        MultiFieldPanel(
            [FieldPanel("name"), FieldPanel("slug"), FieldPanel("icd10_code")], heading="Identity"
        ),
        CheckedInlinePanel("synonyms", label="Also called", heading="Also called"),
        FieldPanel("summary"),
        FieldPanel("description"),
    ]
    search_fields = [
        index.SearchField("name", boost=5),
        index.AutocompleteField("name"),
        index.SearchField("icd10_code", boost=3),
        index.FilterField("live"),
        index.SearchField("summary"),
        index.AutocompleteField("icd10_code"),
        index.RelatedFields(
            "synonyms", [index.SearchField("name", boost=4), index.AutocompleteField("name")]
        ),
    ]

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["icd10_code"], name="drugs_condition_icd10")]

    def __str__(self):
        return self.name


class ConditionSynonym(Orderable):
    condition = ParentalKey(Condition, on_delete=models.CASCADE, related_name="synonyms")
    name = models.CharField(max_length=200, help_text="Another name readers use, e.g. 'RA'.")

    panels = [FieldPanel("name")]

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(fields=["condition", "name"], name="unique_condition_synonym")
        ]

    def __str__(self):
        return self.name
