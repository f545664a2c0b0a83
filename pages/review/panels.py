"""Dashboard panels: reviews overdue, and reviews due in the next 30 days.

Medical reviewers and superusers see every item; everyone else sees the content they own or
last edited. Both panels read one set of rows, fetched once per dashboard view."""

from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.http import urlencode

from wagtail.admin.ui.components import Component

from .reporting import DUE_SOON, OVERDUE, dashboard_rows, may_view_report, sees_all_reviews

SHOWN_PER_PANEL = 10


class DashboardReviews:
    """What one user's dashboard shows, computed on first use."""

    def __init__(self, user):
        self.user = user

    @cached_property
    def site_wide(self) -> bool:
        return sees_all_reviews(self.user)

    @cached_property
    def rows(self) -> dict:
        return dashboard_rows(None if self.site_wide else self.user)

    @cached_property
    def may_view_report(self) -> bool:
        return self.site_wide or may_view_report(self.user)


class ReviewPanel(Component):
    template_name = "review/dashboard_panel.html"

    def __init__(self, reviews: DashboardReviews, status: str, heading: str, order: int):
        self.reviews, self.status, self.heading, self.order = reviews, status, heading, order
        self.name = f"medical_reviews_{status.replace(' ', '_')}"

    def get_context_data(self, parent_context=None):
        rows = self.reviews.rows[self.status]
        report_url = ""
        if self.reviews.may_view_report:
            report_url = (
                reverse("medical_reviews_report") + "?" + urlencode({"status": self.status})
            )
        return {
            "panel_id": self.name.replace("_", "-"),
            "heading": self.heading,
            "rows": rows[:SHOWN_PER_PANEL],
            "count": len(rows),
            "more": max(len(rows) - SHOWN_PER_PANEL, 0),
            "site_wide": self.reviews.site_wide,
            "report_url": report_url,
        }

    def render_html(self, parent_context=None):
        if not self.reviews.rows[self.status]:
            return ""
        return super().render_html(parent_context)


def review_panels(user) -> list[ReviewPanel]:
    reviews = DashboardReviews(user)
    return [
        ReviewPanel(reviews, OVERDUE, "Reviews overdue", order=230),
        ReviewPanel(reviews, DUE_SOON, "Due in the next 30 days", order=240),
    ]
