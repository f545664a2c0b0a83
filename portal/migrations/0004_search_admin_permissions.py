"""Medical authors and reviewers work on search: they may open Reports → Search terms and
Searches with no results, and edit Settings → Promoted search results. Granted as
permissions (portal/search/permissions.py), so an administrator can move them to any other
group; groups that are missing are left alone."""

from django.db import migrations
from django.db.models import Q

GROUPS = ("Medical authors", "Medical reviewers")
PERMISSIONS = (
    ("wagtailsearchpromotions", "view_query"),
    ("portal", "view_searchmiss"),
    ("wagtailsearchpromotions", "add_searchpromotion"),
    ("wagtailsearchpromotions", "change_searchpromotion"),
    ("wagtailsearchpromotions", "delete_searchpromotion"),
)


def _ensure_permissions(apps):
    # Permissions are normally created after migrations finish; these need them now.
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None


def _permissions(apps):
    wanted = Q(pk__in=[])
    for app, codename in PERMISSIONS:
        wanted |= Q(content_type__app_label=app, codename=codename)
    return apps.get_model("auth", "Permission").objects.filter(wanted)


def grant(apps, schema_editor):
    _ensure_permissions(apps)
    rows = list(_permissions(apps))
    for group in apps.get_model("auth", "Group").objects.filter(name__in=GROUPS):
        group.permissions.add(*rows)


def revoke(apps, schema_editor):
    rows = list(_permissions(apps))
    for group in apps.get_model("auth", "Group").objects.filter(name__in=GROUPS):
        group.permissions.remove(*rows)


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0003_search_index_by_type"),
        ("pages", "0004_review_roles_and_workflow"),
        ("wagtailsearchpromotions", "0008_query_verbose_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
