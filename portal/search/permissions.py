"""Who may work on search in the admin: whoever holds these permissions, in any group.

- Reports → Search terms: `wagtailsearchpromotions.view_query` (Wagtail's own report is for
  superusers only; portal/search/admin_views.py opens it to this permission).
- Reports → Searches with no results: `portal.view_searchmiss`.
- Settings → Promoted search results (Wagtail's, pages and links): add, change or delete
  `wagtailsearchpromotions.searchpromotion`.
- Settings → Promoted records (drugs, classes, conditions): `portal.*_recordpromotion`.

Both medical groups are given them by portal/migrations/0004_search_admin_permissions.py
and 0005_record_promotion.py, and again by the demo loader, so the demo's author and reviewer can use every screen. An
administrator may grant them to any other group (Settings → Groups)."""

SEARCH_EDITOR_PERMISSIONS = (
    ("wagtailsearchpromotions", "view_query"),
    ("portal", "view_searchmiss"),
    ("wagtailsearchpromotions", "add_searchpromotion"),
    ("wagtailsearchpromotions", "change_searchpromotion"),
    ("wagtailsearchpromotions", "delete_searchpromotion"),
    ("portal", "add_recordpromotion"),
    ("portal", "change_recordpromotion"),
    ("portal", "delete_recordpromotion"),
    ("portal", "view_recordpromotion"),
)

SEARCH_TERMS = "wagtailsearchpromotions.view_query"
SEARCH_MISSES = "portal.view_searchmiss"
PROMOTIONS = tuple(
    f"{app}.{codename}"
    for app, codename in SEARCH_EDITOR_PERMISSIONS
    if codename.endswith("_searchpromotion")
)


def permissions():
    """The Permission rows of SEARCH_EDITOR_PERMISSIONS."""
    from django.contrib.auth.models import Permission
    from django.db.models import Q

    wanted = Q(pk__in=[])
    for app, codename in SEARCH_EDITOR_PERMISSIONS:
        wanted |= Q(content_type__app_label=app, codename=codename)
    return Permission.objects.filter(wanted)


def grant_to(*group_names: str) -> None:
    """Give these groups (those that exist) every search permission; take none away."""
    from django.contrib.auth.models import Group

    rows = list(permissions())
    for group in Group.objects.filter(name__in=group_names):
        group.permissions.add(*rows)
