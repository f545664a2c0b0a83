"""The medical review stamp, shared by article pages and drug/class/condition records.

None of these fields is on an editing form: only an approval in the "Medical review"
workflow writes them (pages/review/finish.py), and the demo loader for its fixed history."""

from django.db import models


class ReviewStampMixin(models.Model):
    last_reviewed_on = models.DateField(
        "last medically reviewed on", null=True, blank=True, editable=False
    )
    next_review_due = models.DateField("next review due", null=True, blank=True, editable=False)
    reviewed_by = models.ForeignKey(
        "pages.ReviewerProfile",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    review_note = models.TextField("what changed at this review", blank=True, editable=False)
    related_change_since_review = models.DateTimeField(
        "a record it cites changed since its last review",
        null=True,
        blank=True,
        editable=False,
    )

    # Stamp fields, as they travel inside revisions.
    STAMP_FIELDS = (
        "last_reviewed_on",
        "next_review_due",
        "reviewed_by",
        "review_note",
        "related_change_since_review",
    )

    class Meta:
        abstract = True
