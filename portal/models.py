from django.core.exceptions import ValidationError
from django.db import models

from wagtail.search.utils import MAX_QUERY_STRING_LENGTH, normalise_query_string


class SearchMiss(models.Model):
    """A search that found nothing, for editors to close the gap (Reports → Searches with no
    results). Popular searches are counted by Wagtail's search promotions."""

    query_string = models.CharField(max_length=255, unique=True)
    hits = models.PositiveIntegerField(default=1)
    last_searched_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-hits", "query_string"]
        verbose_name = "search with no results"
        verbose_name_plural = "searches with no results"

    def __str__(self):
        return self.query_string


RECORD_FIELDS = ("drug", "drug_class", "condition")
ONE_RECORD = "Choose one drug, drug class or condition to promote, and only one."


def _exactly_one_record() -> models.Q:
    one_of = [
        models.Q(**{f"{name}__isnull": name != chosen for name in RECORD_FIELDS})
        for chosen in RECORD_FIELDS
    ]
    return one_of[0] | one_of[1] | one_of[2]


class RecordPromotion(models.Model):
    """A drug, drug class or condition shown above the results of a search (Settings →
    Promoted records), as Wagtail's promoted search results do for pages and links. Readers
    see it only while the record is live (portal/search/engine.py)."""

    query_string = models.CharField(
        "search term(s)",
        max_length=MAX_QUERY_STRING_LENGTH,
        db_index=True,
        help_text="The whole search, as readers type it; capitals and outer spaces do not matter.",
    )
    drug = models.ForeignKey(
        "drugs.Drug", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    drug_class = models.ForeignKey(
        "drugs.DrugClass", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    condition = models.ForeignKey(
        "drugs.Condition", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    description = models.TextField(
        blank=True, help_text="Shown under the record's name; leave empty for none."
    )
    sort_order = models.IntegerField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = "promoted record"
        verbose_name_plural = "promoted records"
        constraints = [
            models.CheckConstraint(condition=_exactly_one_record(), name="promotes_one_record")
        ]

    def __str__(self):
        return f"{self.query_string} – {self.record}"

    def save(self, *args, **kwargs):
        self.query_string = normalise_query_string(self.query_string)
        super().save(*args, **kwargs)

    @property
    def record(self):
        return self.drug or self.drug_class or self.condition

    @property
    def title(self) -> str:
        record = self.record
        return getattr(record, "display_name", None) or str(record)

    def clean(self):
        chosen = [name for name in RECORD_FIELDS if getattr(self, f"{name}_id") is not None]
        if len(chosen) != 1:
            raise ValidationError(ONE_RECORD)
