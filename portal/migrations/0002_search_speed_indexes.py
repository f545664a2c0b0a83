"""Indexes that site search needs on PostgreSQL at library size (tens of thousands of
conditions). SQLite has none of these operators and needs none: its full-text search has
its own FTS5 table, and an SQLite library stays small.

- Wagtail's PostgreSQL backend matches `(title || body) @@ query`. Wagtail indexes `title`
  and `body` apart, which that expression cannot use, so every search scanned every entry.
- The backend joins each model to its index entries on `id::varchar = object_id`, which
  the primary key cannot serve: an index on that cast turns a scan of every condition
  into a lookup per match.
- Exact and prefix name lookups (`iexact`, `istartswith`) compare `UPPER(name)`;
  `text_pattern_ops` lets the prefix (`LIKE 'ABC%'`) use the index in any collation."""

from django.db import migrations

INDEXES = {
    "portal_search_title_body_gin": (
        "wagtailsearch_indexentry",
        "USING gin ((title || body))",
    ),
    "portal_condition_id_text": ("drugs_condition", "((id::varchar(50)))"),
    "portal_drug_id_text": ("drugs_drug", "((id::varchar(50)))"),
    "portal_drugclass_id_text": ("drugs_drugclass", "((id::varchar(50)))"),
    "portal_page_id_text": ("wagtailcore_page", "((id::varchar(50)))"),
    "portal_condition_upper_name": (
        "drugs_condition",
        "(UPPER(name) text_pattern_ops)",
    ),
    "portal_synonym_upper_name": (
        "drugs_conditionsynonym",
        "(UPPER(name) text_pattern_ops)",
    ),
    "portal_drug_upper_generic": (
        "drugs_drug",
        "(UPPER(generic_name) text_pattern_ops)",
    ),
    "portal_brand_upper_name": (
        "drugs_brandname",
        "(UPPER(name) text_pattern_ops)",
    ),
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, (table, definition) in INDEXES.items():
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} {definition}")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0001_initial"),
        ("drugs", "0003_medical_review"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
