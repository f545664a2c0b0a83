"""The medical review stamp, shared by article pages and drug/class/condition records.

None of these fields is on an editing form: only an approval in the "Medical review"
workflow writes them (pages/review/finish.py), and the demo loader for its fixed history.

An item is *due for review* from its next review date on, in the site's time zone: from
that day its public stamp says so instead of "Medically reviewed", and it is not listed as
recently reviewed (templates/includes/review_stamp.html, pages/templatetags/review_tags.py).
What a page shows of an item's review stops being true at the start of that day, so the
caches keep it no longer (portal/cache/tags.py, `expires_at`). The admin's report counts an
item overdue from the day after (pages/review/reporting.py)."""

import datetime

from django.db import models
from django.db.models import Q
from django.utils import timezone


def today() -> datetime.date:
    return timezone.localdate()


def is_due(next_review_due: datetime.date | None, on: datetime.date) -> bool:
    return next_review_due is not None and next_review_due <= on


def not_due(on: datetime.date) -> Q:
    """The items whose review is still current on that day (or that have no due date)."""
    return Q(next_review_due__isnull=True) | Q(next_review_due__gt=on)


def falls_due_at(next_review_due: datetime.date) -> float:
    """The moment (a Unix time) the item falls due: the start of its due date, locally."""
    start = datetime.datetime.combine(next_review_due, datetime.time.min)
    return timezone.make_aware(start).timestamp()


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
