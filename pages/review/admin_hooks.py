"""Admin wiring for staying on top of reviews: the report, its menu item, dashboard panels."""

from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .panels import review_panels
from .report_views import MedicalReviewReportView
from .reporting import may_view_report


class MedicalReviewsMenuItem(MenuItem):
    def is_shown(self, request):
        return may_view_report(request.user)


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path("medical-reviews/", MedicalReviewReportView.as_view(), name="medical_reviews_report"),
        path(
            "medical-reviews/results/",
            MedicalReviewReportView.as_view(results_only=True),
            name="medical_reviews_report_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_report_menu_item():
    return MedicalReviewsMenuItem(
        "Medical reviews",
        reverse("medical_reviews_report"),
        name="medical-reviews",
        icon_name="date",
        order=650,
    )


@hooks.register("construct_homepage_panels")
def add_review_panels(request, panels):
    panels.extend(review_panels(request.user))
