"""A record of each review reminder sent, so the reminder command never repeats itself."""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone


class ReviewReminder(models.Model):
    """One reminder about one item, at one stage of one review cycle.

    The due date is part of the key: once the item is reviewed again it has a new due date,
    and the next cycle's reminders go out as the first ones did."""

    DUE_SOON, OVERDUE = "due_soon", "overdue"
    STAGE_CHOICES = [(DUE_SOON, "Due within 30 days"), (OVERDUE, "Overdue")]

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(max_length=255)
    stage = models.CharField(max_length=20, choices=STAGE_CHOICES)
    due_date = models.DateField("the review due date it was about")
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "review reminder"
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "stage", "due_date"],
                name="unique_review_reminder_per_cycle",
            )
        ]

    def __str__(self):
        return f"{self.get_stage_display()} reminder about {self.content_type} {self.object_id}"
