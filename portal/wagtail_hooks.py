"""The admin's search screens (portal/search/admin_views.py): where they live and who sees
them. Each is shown and opened by a permission (portal/search/permissions.py)."""

from django.contrib.auth.models import Permission
from django.db.models import Q
from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .search import admin_views
from .search.permissions import SEARCH_MISSES, SEARCH_TERMS
from .search.record_promotions import RecordPromotionViewSet

# Wagtail's own search-terms report and query chooser live under searchpicks/. The views
# below answer at the same addresses instead (registered first: `order`), so every link
# Wagtail makes to them reaches the permission-checked version.
PROMOTIONS_PREFIX = "searchpicks/"
# Promoted records' viewset registers add, change and delete; viewing is granted too.
VIEW_RECORDS = "view_recordpromotion"


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, permission: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


@hooks.register("register_admin_urls", order=-1)
def register_search_admin_urls():
    misses = admin_views.SearchMissReportView
    terms = admin_views.SearchTermsReport
    terms_path = PROMOTIONS_PREFIX + "reports/search-terms/"
    chooser_path = PROMOTIONS_PREFIX + "queries/chooser/"
    return [
        path("reports/search-misses/", misses.as_view(), name="search_misses_report"),
        path(
            "reports/search-misses/results/",
            misses.as_view(results_only=True),
            name="search_misses_report_results",
        ),
        path(terms_path, terms.as_view(), name="search_terms_report"),
        path(
            terms_path + "results/",
            terms.as_view(results_only=True),
            name="search_terms_report_results",
        ),
        path(chooser_path, admin_views.query_chooser, name="search_query_chooser"),
        path(
            chooser_path + "results/",
            admin_views.query_chooser_results,
            name="search_query_chooser_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_search_terms_menu_item():
    return PermissionMenuItem(
        "Search terms",
        reverse("search_terms_report"),
        name="search-terms-report",
        icon_name="search",
        order=700,
        permission=SEARCH_TERMS,
    )


@hooks.register("register_reports_menu_item")
def register_search_miss_menu_item():
    return PermissionMenuItem(
        "Searches with no results",
        reverse("search_misses_report"),
        name="search-misses",
        icon_name="search",
        order=701,
        permission=SEARCH_MISSES,
    )


@hooks.register("construct_reports_menu")
def hide_wagtails_superuser_only_search_terms(request, menu_items):
    """Wagtail's item for the same report, shown to superusers only; ours replaces it."""
    menu_items[:] = [item for item in menu_items if item.name != "search-terms"]


@hooks.register("register_permissions")
def register_search_report_permissions():
    """So an administrator can grant the reports to a group (Settings → Groups)."""
    return Permission.objects.filter(
        Q(content_type__app_label="wagtailsearchpromotions", codename="view_query")
        | Q(content_type__app_label="portal", codename__in=["view_searchmiss", VIEW_RECORDS])
    )


@hooks.register("register_admin_viewset")
def register_record_promotions():
    return RecordPromotionViewSet()
