"""{% review_status obj as review %}: where an article's or record's medical review stands
today, for its stamp and for the lists that show it.

`review.due` is true from the item's next review date on (pages/review/stamp.py). While it
is not, the page being rendered is kept by the caches no longer than until that day begins
(portal/cache/tags.py, `expires_at`), so a page cached the evening before says "due for
review" the next morning.

`under_way=True` (the stamp only) also asks whether a new review is under way (submitted,
not yet approved or cancelled, sent back for changes included): one query, for the one item
whose stamp it is; lists never ask. Starting, resuming, rejecting,
cancelling or finishing a review invalidates the item's cached pages
(portal/cache/invalidation.py), so the note comes and goes with it."""

import datetime
from dataclasses import dataclass

from django import template
from django.templatetags.static import static
from django.utils.formats import date_format
from django.utils.html import format_html

register = template.Library()


@dataclass(frozen=True)
class ReviewStatus:
    reviewed_on: datetime.date | None
    due_on: datetime.date | None
    due: bool
    under_way: bool = False


def status_of(obj, *, under_way: bool = False) -> ReviewStatus:
    from pages.review import stamp
    from portal.cache import tags

    due_on = getattr(obj, "next_review_due", None)
    due = stamp.is_due(due_on, stamp.today())
    if due_on is not None and not due:
        tags.expires_at(stamp.falls_due_at(due_on))
    return ReviewStatus(
        reviewed_on=getattr(obj, "last_reviewed_on", None),
        due_on=due_on,
        due=due,
        under_way=under_way and obj.pk is not None and _review_under_way(obj),
    )


def _review_under_way(obj) -> bool:
    """Submitted and neither approved nor cancelled: in progress, or sent back for changes
    (the author is still working on this review)."""
    from wagtail.models import WorkflowState

    return WorkflowState.objects.for_instance(obj).active().exists()


@register.simple_tag
def review_status(obj, under_way=False):
    return status_of(obj, under_way=under_way)


def _time(day: datetime.date) -> str:
    return format_html(
        '<time datetime="{}">{}</time>', date_format(day, "Y-m-d"), date_format(day, "j F Y")
    )


@register.simple_tag
def review_tag(obj, header=False):
    """The one-line review status: under an article's or record's title (`header=True`,
    linking to its stamp) or in a list of them. "Medically reviewed 10 May 2023" while the
    review is current; "Due for review" once it has fallen due, in the notice colours. A
    tag rather than an include: a section may list many articles."""
    review = status_of(obj)
    if review.reviewed_on is None:
        return ""
    icon = static("icons/due.svg" if review.due else "icons/check.svg")
    classes = "reviewed-tag" + (" reviewed-tag--header" if header else "")
    classes += " reviewed-tag--due" if review.due else ""
    if header:
        words = "Due for review. Last reviewed {}." if review.due else "Medically reviewed {}."
        words += ' <a href="#review">About this review</a>'
    else:
        words = "Due for review (last reviewed {})" if review.due else "Reviewed {}"
    return format_html(
        '<p class="{}"><img src="{}" alt="" width="16" height="16">' + words + "</p>",
        classes,
        icon,
        _time(review.reviewed_on),
    )
