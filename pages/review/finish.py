"""What happens when the "Medical review" workflow is approved (WAGTAIL_FINISH_WORKFLOW_ACTION).

The stamp is written into the approved revision before it is published, so the live
content and its revision history agree on who reviewed it and when, and a later draft
carries the stamp forward untouched."""

import calendar
import datetime

from django.db import transaction
from django.utils import timezone

# Wagtail imports this module while it defines its own models (WorkflowState.on_finish), so
# everything that needs wagtail.models is imported inside the functions.

DEFAULT_INTERVAL_MONTHS = 36


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day so many months later (the month's last day if it is shorter)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def review_interval_months(obj) -> int:
    """The page type's own interval if it sets one, else the site setting."""
    from wagtail.models import Page, Site

    from pages.models import PortalSettings

    per_type = getattr(type(obj), "review_interval_months", None)
    if per_type:
        return per_type
    site = obj.get_site() if isinstance(obj, Page) else None
    site = site or Site.objects.filter(is_default_site=True).first()
    if site is None:
        return DEFAULT_INTERVAL_MONTHS
    return PortalSettings.for_site(site).review_interval_months or DEFAULT_INTERVAL_MONTHS


def stamp_values(obj, reviewer, note: str, today: datetime.date | None = None) -> dict:
    from .models import ReviewerProfile

    today = today or timezone.localdate()
    return {
        "last_reviewed_on": today,
        "next_review_due": add_months(today, review_interval_months(obj)),
        "reviewed_by": ReviewerProfile.for_user(reviewer),
        "review_note": note,
        "related_change_since_review": None,
    }


def _as_revision_json(values: dict) -> dict:
    def encode(value):
        if hasattr(value, "pk"):
            return value.pk
        if isinstance(value, datetime.date):
            return value.isoformat()
        return value

    return {key: encode(value) for key, value in values.items()}


@transaction.atomic
def finish_review(workflow_state, user=None):
    from wagtail.log_actions import log
    from wagtail.models import Page

    from .knock_on import flag_articles_citing
    from .rules import latest_revision, unchanged_since_live

    obj = workflow_state.content_object
    if isinstance(obj, Page):
        obj = obj.specific
    task_state = workflow_state.current_task_state
    comment = (task_state.comment if task_state else "") or ""
    reconfirmed = unchanged_since_live(obj)
    note = comment or ("Reviewed, no changes." if reconfirmed else "")

    revision = latest_revision(obj)
    values = stamp_values(obj, user, note)
    revision.content.update(_as_revision_json(values))
    revision.save(update_fields=["content"])
    # Reviewers hold no publish permission: approval is the only way content goes live.
    revision.publish(user=user, skip_permission_checks=True)

    log(
        instance=obj,
        action="portal.review.reconfirm" if reconfirmed else "portal.review.approve",
        user=user,
        revision=revision,
        data={
            "reviewer": str(values["reviewed_by"]),
            "reviewed_on": values["last_reviewed_on"].isoformat(),
            "next_review_due": values["next_review_due"].isoformat(),
            "note": note,
        },
    )
    if not reconfirmed and not isinstance(obj, Page):
        flag_articles_citing(obj)
