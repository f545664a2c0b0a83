"""The "Medical reviews" report: every live medical item and where its review stands.

Articles are pages and records are snippets, so no single queryset holds them. The report is
built over the `ReviewRow` list from reporting.py instead: Wagtail's ReportView paginates,
renders its table and exports CSV/XLSX from any list of objects; only filtering and sorting,
which Wagtail does on querysets, are done here on the rows."""

import django_filters

from django import forms
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, StatusTagColumn, TitleColumn
from wagtail.admin.views.reports import ReportView

from .reporting import (
    NEVER,
    OVERDUE,
    RECORD_SECTIONS,
    STATUSES,
    TYPES,
    may_view_report,
    review_rows,
)


class ReviewRows(list):
    """The rows, with the `model` attribute django-filter reads from a queryset."""

    model = None


def section_choices():
    from pages.models import SectionPage

    titles = SectionPage.objects.order_by("path").values_list("title", flat=True)
    return [(title, title) for title in [*titles, *dict.fromkeys(RECORD_SECTIONS.values())]]


def reviewer_choices():
    from .models import ReviewerProfile

    return [(str(profile.pk), str(profile)) for profile in ReviewerProfile.objects.all()]


class ReviewRowFilterSet(WagtailFilterSet):
    type = django_filters.ChoiceFilter(
        label="Type",
        choices=[(kind, kind) for kind in TYPES],
        empty_label="All",
        widget=forms.RadioSelect,
    )
    status = django_filters.ChoiceFilter(
        label="Status",
        choices=[(status, status.capitalize()) for status in STATUSES],
        empty_label="All",
        widget=forms.RadioSelect,
    )
    section = django_filters.ChoiceFilter(
        label="Section", choices=section_choices, empty_label="All"
    )
    reviewer = django_filters.ChoiceFilter(
        label="Reviewer", choices=reviewer_choices, empty_label="All"
    )
    knock_on = django_filters.ChoiceFilter(
        label="Related record changed since last review",
        choices=[("yes", "Yes")],
        empty_label="All",
        widget=forms.RadioSelect,
    )

    # How each filter reads a row.
    ROW_VALUES = {
        "type": lambda row: row.type,
        "status": lambda row: row.status,
        "section": lambda row: row.section,
        "reviewer": lambda row: str(row.reviewer_id or ""),
        "knock_on": lambda row: "yes" if row.knock_on else "",
    }

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        super().__init__(data, ReviewRows(queryset or []), request=request, prefix=prefix)

    def filter_queryset(self, rows):
        for name, value in self.form.cleaned_data.items():
            if value:
                rows = [row for row in rows if self.ROW_VALUES[name](row) == value]
        return rows


class MedicalReviewReportView(ReportView):
    page_title = "Medical reviews"
    header_icon = "date"
    index_url_name = "medical_reviews_report"
    index_results_url_name = "medical_reviews_report_results"
    filterset_class = ReviewRowFilterSet
    verbose_name_plural = "medical content items"
    columns = [
        TitleColumn("title", label="Title", get_url=lambda row: row.edit_url, sort_key="title"),
        Column("type", label="Type", sort_key="type"),
        Column("section", label="Section", sort_key="section"),
        Column("reviewer", label="Reviewer"),
        Column("last_reviewed_on", label="Last reviewed", sort_key="last_reviewed_on"),
        Column("next_review_due", label="Next review due", sort_key="next_review_due"),
        StatusTagColumn(
            "status", label="Status", primary=lambda row: row.status in (OVERDUE, NEVER)
        ),
        Column("knock_on", label="Knock-on"),
        Column("owner", label="Owner"),
    ]
    list_export = [
        "title",
        "type",
        "section",
        "reviewer",
        "last_reviewed_on",
        "next_review_due",
        "status",
        "knock_on",
        "owner",
        "edit_url",
    ]
    export_headings = {
        "title": "Title",
        "type": "Type",
        "section": "Section",
        "reviewer": "Reviewer",
        "last_reviewed_on": "Last reviewed",
        "next_review_due": "Next review due",
        "status": "Status",
        "knock_on": "Knock-on",
        "owner": "Owner",
        "edit_url": "Edit URL",
    }

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.custom_field_preprocess = {
            **self.custom_field_preprocess,
            "edit_url": {
                fmt: lambda url: self.request.build_absolute_uri(url) for fmt in self.FORMATS
            },
        }

    def dispatch(self, request, *args, **kwargs):
        if not may_view_report(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        # Filtered once, by ReportView.get_filtered_queryset().
        return self.order_queryset(review_rows())

    def order_queryset(self, rows):
        if not self.ordering:
            return rows
        name = self.ordering.lstrip("-")
        return sorted(
            rows,
            key=lambda row: (getattr(row, name) is None, getattr(row, name) or ""),
            reverse=self.ordering.startswith("-"),
        )

    def get_filename(self):
        return f"medical-reviews-{timezone.localdate().isoformat()}"
