"""The medical review stamp, shared by article pages and drug/class/condition records.

The fields are never on an editing form: they are written only when content is reviewed
(the demo loader, and the medical review workflow)."""

from django.db import models


class ReviewStampMixin(models.Model):
    last_reviewed_on = models.DateField(
        "last medically reviewed on", null=True, blank=True, editable=False
    )
    next_review_due = models.DateField("next review due", null=True, blank=True, editable=False)

    class Meta:
        abstract = True
