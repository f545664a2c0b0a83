"""Review reminders: who to tell about which items, sent once per item, stage and cycle.

An item is reminded about when it first falls due within 30 days ("due_soon") and again
when it becomes overdue ("overdue"); an item already overdue when first seen gets only the
overdue reminder. Each item's owner and every active member of "Medical reviewers" with an
email address hear about it, in one message per person listing all of their items."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.utils import timezone

from .reminder_models import ReviewReminder
from .reporting import (
    DUE_SOON,
    DUE_SOON_DAYS,
    OVERDUE,
    REVIEWERS,
    ReviewRow,
    absolute_admin_url,
    review_rows,
)

STAGES = {DUE_SOON: ReviewReminder.DUE_SOON, OVERDUE: ReviewReminder.OVERDUE}


@dataclass
class Reminder:
    row: ReviewRow
    stage: str

    @property
    def key(self):
        row = self.row
        return (row.content_type_id, row.object_id, self.stage, row.next_review_due)

    @property
    def edit_url(self) -> str:
        return absolute_admin_url(self.row.edit_url)


def pending_reminders(today: datetime.date | None = None) -> list[Reminder]:
    """Items at a stage nobody has been reminded of for their current due date."""
    rows = review_rows(due_within_days=DUE_SOON_DAYS, today=today)
    candidates = [Reminder(row, STAGES[row.status]) for row in rows if row.status in STAGES]
    sent = set(
        ReviewReminder.objects.filter(
            due_date__in={reminder.row.next_review_due for reminder in candidates}
        ).values_list("content_type_id", "object_id", "stage", "due_date")
    )
    return [reminder for reminder in candidates if reminder.key not in sent]


def _can_receive(user) -> bool:
    return bool(user and user.is_active and user.email)


def by_recipient(reminders: list[Reminder]) -> dict[str, list[Reminder]]:
    """Each email address with the reminders it should get, in the items' order."""
    reviewers = [
        user
        for user in get_user_model().objects.filter(groups__name=REVIEWERS).distinct()
        if _can_receive(user)
    ]
    addresses: dict[str, list[Reminder]] = {}
    for reminder in reminders:
        people = [*reviewers, reminder.row.owner_user]
        for email in dict.fromkeys(user.email for user in people if _can_receive(user)):
            addresses.setdefault(email, []).append(reminder)
    return addresses


def _message(email: str, reminders: list[Reminder]) -> EmailMessage:
    overdue = [r for r in reminders if r.stage == ReviewReminder.OVERDUE]
    due_soon = [r for r in reminders if r.stage == ReviewReminder.DUE_SOON]
    counts = [
        f"{len(overdue)} overdue" if overdue else "",
        f"{len(due_soon)} due soon" if due_soon else "",
    ]
    subject = "Medical reviews: " + ", ".join(filter(None, counts))
    body = render_to_string(
        "review/reminder_email.txt",
        {"overdue": overdue, "due_soon": due_soon, "site_name": settings.WAGTAIL_SITE_NAME},
    )
    sender = getattr(settings, "WAGTAILADMIN_NOTIFICATION_FROM_EMAIL", None)
    return EmailMessage(subject, body, sender or settings.DEFAULT_FROM_EMAIL, [email])


@dataclass
class Outcome:
    addresses: dict[str, list[Reminder]]  # each recipient's reminders: one message each
    items: int  # how many items they are about
    unreachable: list[Reminder]  # due, but nobody with an email address to tell


def send_reminders(today=None, dry_run=False) -> Outcome:
    """Send (or, on a dry run, only plan) the pending reminders.

    Reminders are recorded only for items somebody was told about, once the messages have
    gone, so an item nobody could be told about is tried again on the next run."""
    pending = pending_reminders(today)
    addresses = by_recipient(pending)
    reminded = {r.key: r for reminders in addresses.values() for r in reminders}
    outcome = Outcome(addresses, len(reminded), [r for r in pending if r.key not in reminded])
    if dry_run or not addresses:
        return outcome
    messages = [_message(email, reminders) for email, reminders in addresses.items()]
    get_connection().send_messages(messages)
    now = timezone.now()
    ReviewReminder.objects.bulk_create(
        [
            ReviewReminder(
                content_type_id=r.row.content_type_id,
                object_id=r.row.object_id,
                stage=r.stage,
                due_date=r.row.next_review_due,
                sent_at=now,
            )
            for r in reminded.values()
        ],
        ignore_conflicts=True,
    )
    return outcome
