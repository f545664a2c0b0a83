from dataclasses import dataclass

from django.db import models

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Orderable
from wagtail.search import index

from ..forms import CheckedInlinePanel
from .base import MedicalRecord, record_url


class Drug(MedicalRecord):
    generic_name = models.CharField(
        max_length=200,
        unique=True,
        help_text="The non-proprietary (generic) name, in lower case unless it starts a sentence.",
    )
    classes = ParentalManyToManyField(
        "drugs.DrugClass",
        related_name="drugs",
        blank=True,
        help_text="Every class this medicine belongs to.",
    )
    routes = ParentalManyToManyField(
        "drugs.Route", related_name="drugs", blank=True, verbose_name="routes of administration"
    )
    conditions = ParentalManyToManyField(
        "drugs.Condition",
        related_name="drugs",
        blank=True,
        verbose_name="conditions treated",
        help_text="Conditions this medicine is approved to treat.",
    )
    description = models.TextField(blank=True, help_text="A longer plain-language overview.")

    url_name = "drug_detail"
    template_name = "drugs/drug_detail.html"

    panels = [
        MultiFieldPanel([FieldPanel("generic_name"), FieldPanel("slug")], heading="Identity"),
        CheckedInlinePanel("brand_names", label="Brand name", heading="Brand names"),
        FieldPanel("summary"),
        FieldPanel("description"),
        FieldPanel("classes"),
        FieldPanel("routes"),
        FieldPanel("conditions"),
    ]
    search_fields = [
        index.SearchField("generic_name", boost=5),
        index.AutocompleteField("generic_name"),
        index.SearchField("summary"),
        index.FilterField("live"),
        index.RelatedFields(
            "brand_names", [index.SearchField("name", boost=5), index.AutocompleteField("name")]
        ),
        index.RelatedFields("classes", [index.SearchField("name")]),
        index.RelatedFields("conditions", [index.SearchField("name")]),
    ]

    class Meta:
        ordering = ["generic_name"]

    def __str__(self):
        return self.generic_name

    @property
    def name(self) -> str:
        return self.generic_name

    @property
    def brand_list(self) -> str:
        """'Humira®, Amjevita®'. From attach_brand_lists() when a page lists many drugs;
        otherwise from the relation (which, in a preview, holds the unsaved form's rows)."""
        if "_brand_list" in self.__dict__:
            return self.__dict__["_brand_list"]
        return ", ".join(str(brand) for brand in self.brand_names.all())

    @staticmethod
    def attach_brand_lists(drugs: list) -> list:
        """Every listed drug's brand names in one query of plain rows. (prefetch_related
        would do: django-modelcluster's relation manager clones a queryset per drug, which
        cost more than the query on an article listing a hundred drugs.) Returns `drugs`."""
        by_drug: dict[int, list] = {}  # one drug may be listed twice (in two classes)
        for drug in drugs:
            if drug is not None:
                by_drug.setdefault(drug.pk, []).append(drug)
        if not by_drug:
            return drugs
        names: dict[int, list[str]] = {pk: [] for pk in by_drug}
        rows = (
            BrandName.objects.filter(drug_id__in=list(by_drug))
            .order_by("sort_order", "pk")
            .values_list("drug_id", "name", "mark")
        )
        for drug_id, name, mark in rows:
            names[drug_id].append(f"{name}{mark}")
        for pk, instances in by_drug.items():
            for drug in instances:
                drug.__dict__["_brand_list"] = ", ".join(names[pk])
        return drugs

    @property
    def display_name(self) -> str:
        """'adalimumab' reads better as 'Adalimumab' when it stands alone as a title."""
        return self.generic_name[:1].upper() + self.generic_name[1:]


@dataclass
class ListedDrug:
    """A live drug as a list shows it: its name linking to its page, then its brands. Built
    from plain rows, for lists of many drugs where model instances cost more than the
    query (an article's class blocks read a few hundred rows to show a dozen per class)."""

    pk: int
    generic_name: str
    slug: str

    def get_url(self) -> str:
        return record_url(Drug.url_name, self.slug)

    @property
    def brand_list(self) -> str:
        return self.__dict__.get("_brand_list", "")


class BrandName(Orderable):
    MARK_CHOICES = [("®", "® registered"), ("™", "™ trademark"), ("", "none")]

    drug = ParentalKey(Drug, on_delete=models.CASCADE, related_name="brand_names")
    name = models.CharField(max_length=120, help_text="As printed on the pack, without the mark.")
    mark = models.CharField(max_length=1, choices=MARK_CHOICES, default="®", blank=True)

    panels = [FieldPanel("name"), FieldPanel("mark")]

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(fields=["drug", "name"], name="unique_brand_per_drug")
        ]

    def __str__(self):
        return f"{self.name}{self.mark}"
