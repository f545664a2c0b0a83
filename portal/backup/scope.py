"""What a backup holds, and what it leaves out on purpose.

An archive holds every table of every installed app, row for row with its primary keys,
except the tables below. Keeping primary keys (content types and permissions included)
matters: revisions store a page's content type, parent and related records as raw ids
inside their JSON, and StreamFields name records by id, so a restore must give every row
back its own id. Natural keys would only fix the foreign keys Django knows about.

Left out are tables the portal rebuilds from the content, and tables that belong to the
people signed in at the time of the backup. A restore empties them too."""

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Revision
from wagtail.snippets.models import get_snippet_models

LEFT_OUT = {
    "wagtailsearch.indexentry": "the search index: rebuilt by update_index after a restore",
    "wagtailsearch.sqliteftsindexentry": "SQLite's full-text index: rebuilt by update_index",
    "wagtailcore.referenceindex": "where content is used: rebuilt by rebuild_references_index",
    "wagtailimages.rendition": "resized copies of images: made again on first request",
    "sessions.session": "sign-ins: a restored site starts with nobody signed in",
    "wagtailadmin.editingsession": "which editors have an edit form open right now",
    "wagtailadmin.formstate": "unsaved input of edit forms open right now",
}

# Medical records live in this app; any row of it is content.
RECORD_APPS = ("drugs",)


def _concrete(model) -> bool:
    meta = model._meta
    return meta.managed and not meta.proxy and not meta.swapped


def archived_models() -> list:
    """Every table an archive holds, including many-to-many tables, in a stable order.
    Content types come first: building a page row looks its type up (Page.__init__)."""
    archived = [
        model
        for model in apps.get_models(include_auto_created=True)
        if _concrete(model) and model._meta.label_lower not in LEFT_OUT
    ]
    return sorted(archived, key=lambda model: model is not ContentType)


def cleared_tables() -> list[str]:
    """Every table a restore empties first: all of the portal's tables that exist here."""
    existing = set(connection.introspection.table_names())
    tables = {
        model._meta.db_table
        for model in apps.get_models(include_auto_created=True)
        if _concrete(model)
    }
    return sorted(tables & existing)


def field_storage(field_label: str):
    """The storage of a file field named "app_label.model.field"."""
    app_label, model_name, field_name = field_label.split(".")
    return apps.get_model(app_label, model_name)._meta.get_field(field_name).storage


def existing_content() -> dict[str, int]:
    """What in this database someone made, as {description: count}; empty when the database
    holds only what `manage.py migrate` creates (the root and home page, the default site,
    groups, workflows and permissions)."""
    checks = {
        "users": get_user_model()._base_manager,
        "pages below the home page": Page._base_manager.filter(depth__gt=2),
        "revisions": Revision._base_manager,
        "images": get_image_model()._base_manager,
        "documents": get_document_model()._base_manager,
    }
    for model in get_snippet_models():
        checks[str(model._meta.verbose_name_plural)] = model._base_manager
    for app_label in RECORD_APPS:
        for model in apps.get_app_config(app_label).get_models():
            checks[str(model._meta.verbose_name_plural)] = model._base_manager
    counts = {name: manager.count() for name, manager in checks.items()}
    return {name: count for name, count in counts.items() if count}


def applied_migrations() -> dict[str, list[str]]:
    """The schema the rows fit: this database's applied migrations, per app, as far as the
    code knows them (squashed migrations count once, whichever way they were applied)."""
    loader = MigrationLoader(connection, ignore_no_migrations=True)
    applied: dict[str, list[str]] = {}
    for app_label, name in sorted(loader.applied_migrations):
        if (app_label, name) in loader.graph.nodes:
            applied.setdefault(app_label, []).append(name)
    return applied
