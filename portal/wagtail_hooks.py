import logging

from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.menu import AdminOnlyMenuItem
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.reports import ReportView

from .models import SearchMiss
from .search import counts

logger = logging.getLogger("portal.search")

# Distinct searches the report writes before it shows (a backlog beyond waits for the next
# flush): the reader of the report should not wait for more.
REPORT_FLUSH_LIMIT = 500


class SearchMissReportView(ReportView):
    page_title = "Searches with no results"
    header_icon = "search"
    index_url_name = "search_misses_report"
    index_results_url_name = "search_misses_report_results"
    list_export = ["query_string", "hits", "last_searched_at"]
    export_headings = {"query_string": "Search", "hits": "Times", "last_searched_at": "Last"}
    columns = [
        Column("query_string", label="Search"),
        Column("hits", label="Times searched"),
        DateColumn("last_searched_at", label="Last searched"),
    ]

    def get_queryset(self):
        try:
            counts.flush(limit=REPORT_FLUSH_LIMIT)  # searches still counted in Redis
        except Exception:
            logger.exception("search counts: could not write them before the report")
        return SearchMiss.objects.all()


@hooks.register("register_admin_urls")
def register_search_miss_urls():
    view = SearchMissReportView.as_view()
    results = SearchMissReportView.as_view(results_only=True)
    return [
        path("reports/search-misses/", view, name="search_misses_report"),
        path("reports/search-misses/results/", results, name="search_misses_report_results"),
    ]


@hooks.register("register_reports_menu_item")
def register_search_miss_menu_item():
    return AdminOnlyMenuItem(
        "Searches with no results",
        reverse("search_misses_report"),
        name="search-misses",
        icon_name="search",
        order=701,
    )
