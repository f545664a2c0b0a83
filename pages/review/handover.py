"""Handing an item on, when the two-person rule keeps this reviewer from approving it.

The item stays in the reviewers' queue (Wagtail's group approval has no assignee, so any
eligible reviewer may approve it); every reviewer who may approve it is emailed a link, and
the hand-over is recorded in the item's history."""

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse

from wagtail.log_actions import log
from wagtail.models import Page

from .roles import medical_reviewers
from .rules import authors_of_changes, current_workflow_state


def eligible_reviewers(obj, exclude=None):
    """Reviewers with a profile who did not submit the item nor write any change in it."""
    state = current_workflow_state(obj)
    barred = set(authors_of_changes(obj))
    if state is not None and state.requested_by_id:
        barred.add(state.requested_by_id)
    if exclude is not None:
        barred.add(exclude.pk)
    return medical_reviewers().filter(reviewer_profile__isnull=False).exclude(pk__in=barred)


def edit_path(obj) -> str:
    """The item's editor in the admin."""
    if isinstance(obj, Page):
        return reverse("wagtailadmin_pages:edit", args=[obj.pk])
    return reverse(obj.snippet_viewset.get_url_name("edit"), args=[obj.pk])


def edit_url(obj) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + edit_path(obj)


def hand_over(obj, user, comment: str = "") -> list:
    """Email every eligible reviewer; returns them (none: nobody else can approve yet)."""
    reviewers = list(eligible_reviewers(obj, exclude=user))
    title = getattr(obj, "title", None) or str(obj)
    sender = user.get_full_name() or user.get_username()
    body = [
        f"{sender} has asked for another medical reviewer to review “{title}”.",
        "They cannot approve it themselves under the two-person rule.",
    ]
    if comment:
        body += ["", f"Their message: {comment}"]
    body += ["", f"Open it: {edit_url(obj)}"]
    recipients = [reviewer.email for reviewer in reviewers if reviewer.email]
    if recipients:
        send_mail(
            f"Please review: {title}", "\n".join(body), settings.DEFAULT_FROM_EMAIL, recipients
        )
    log(
        instance=obj,
        action="portal.review.handover",
        user=user,
        data={"to": [str(reviewer.reviewer_profile) for reviewer in reviewers], "comment": comment},
    )
    return reviewers
