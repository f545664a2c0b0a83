"""One index for what every search of Wagtail's PostgreSQL backend asks: entries of these
content types (`content_type_id IN (...)`) whose `title || body` match the query.

With only the full-text index of 0002, the planner often read every entry of the asked-for
types through the content-type index and matched each one. For pages (2,000 articles at
library size) that cost 9–13 ms per search against about 1 ms through the full-text
index, and the plan changed with each ANALYZE's sample. A GIN index over both columns
serves both conditions at once, and the planner takes it every time: the search benchmark
went from p50 46–48 / p95 78–84 ms to p50 31 / p95 59 ms.

A GIN index over an integer column needs the `btree_gin` extension, which ships with
PostgreSQL and is "trusted" (PostgreSQL 13+), so the database's owner may create it. Where
it cannot be created, this migration says so and leaves 0002's index in place: search stays
correct, only slower."""

import logging

from django.db import DatabaseError, migrations, transaction

logger = logging.getLogger("portal.migrations")

OLD = "portal_search_title_body_gin"
NEW = "portal_search_type_title_body_gin"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic(using=schema_editor.connection.alias):
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gin")
    except DatabaseError as error:
        logger.warning(
            "btree_gin is not available (%s): keeping %s. Ask the database's owner to run "
            "CREATE EXTENSION btree_gin, then run manage.py migrate portal 0002 and "
            "manage.py migrate.",
            error,
            OLD,
        )
        return
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {NEW} ON wagtailsearch_indexentry "
        "USING gin (content_type_id, (title || body))"
    )
    schema_editor.execute(f"DROP INDEX IF EXISTS {OLD}")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {OLD} ON wagtailsearch_indexentry USING gin ((title || body))"
    )
    schema_editor.execute(f"DROP INDEX IF EXISTS {NEW}")


class Migration(migrations.Migration):
    dependencies = [("portal", "0002_search_speed_indexes")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
