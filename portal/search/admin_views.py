"""The admin's search screens, each opened by a permission (portal/search/permissions.py),
never by a group's name or by being a superuser."""

import logging
from functools import wraps

from django.core.exceptions import PermissionDenied
from django.utils.functional import cached_property

from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.reports import ReportView
from wagtail.contrib.search_promotions import views as promotion_views
from wagtail.contrib.search_promotions.models import Query
from wagtail.contrib.search_promotions.views.reports import SearchTermsReportView
from wagtail.permission_policies import ModelPermissionPolicy

from portal.models import SearchMiss

from . import counts
from .permissions import PROMOTIONS

logger = logging.getLogger("portal.search")

# Distinct searches the report writes before it shows (a backlog beyond waits for the next
# flush): the reader of the report should not wait for more.
REPORT_FLUSH_LIMIT = 500


class SearchMissReportView(ReportView):
    """Reports → Searches with no results, for holders of `portal.view_searchmiss`."""

    page_title = "Searches with no results"
    header_icon = "search"
    index_url_name = "search_misses_report"
    index_results_url_name = "search_misses_report_results"
    permission_policy = ModelPermissionPolicy(SearchMiss)
    permission_required = "view"
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


class SearchTermsReport(SearchTermsReportView):
    """Wagtail's Reports → Search terms, at its own address, for holders of
    `wagtailsearchpromotions.view_query` instead of superusers only."""

    index_url_name = "search_terms_report"
    index_results_url_name = "search_terms_report_results"
    permission_required = "view"

    @cached_property
    def permission_policy(self):
        return ModelPermissionPolicy(Query)

    def dispatch(self, request, *args, **kwargs):
        # Past Wagtail's superuser check to ReportView's, which asks the permission policy.
        return super(SearchTermsReportView, self).dispatch(request, *args, **kwargs)


def _for_promotion_editors(view):
    """Wagtail's chooser of popular search terms (on the promotion form) lists what people
    search for; it asks no permission of its own, so ask the promotion editor's."""

    @wraps(view)
    def guarded(request, *args, **kwargs):
        if not any(request.user.has_perm(perm) for perm in PROMOTIONS):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return guarded


query_chooser = _for_promotion_editors(promotion_views.chooser)
query_chooser_results = _for_promotion_editors(promotion_views.chooserresults)
