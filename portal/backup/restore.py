"""Restore an archive: check all of it first, then replace the database's content with it in
one transaction, then rebuild what the portal derives from content."""

import tempfile
import time
from collections import Counter
from pathlib import Path

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.contenttypes.management import create_contenttypes
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.cache import caches
from django.core.files import File
from django.core.management import call_command
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError, connection, transaction

from wagtail.models import Collection, Page

from .archive import BackupError, read_archive
from .scope import (
    applied_migrations,
    archived_models,
    cleared_tables,
    existing_content,
    field_storage,
)

MAX_ROWS_PER_INSERT = 500


def _listing(items, limit: int = 8) -> str:
    items = list(items)
    shown = ", ".join(items[:limit])
    return shown + (f" and {len(items) - limit} more" if len(items) > limit else "")


def check_tables_known(manifest: dict) -> None:
    known = {model._meta.label_lower for model in archived_models()}
    unknown = sorted(set(manifest["tables"]) - known)
    for entry in manifest["media"]:
        try:
            field_storage(entry["fields"][0])
        except (KeyError, IndexError, LookupError, ValueError, AttributeError):
            unknown.append(f"the file field of {entry['name']}")
    if unknown:
        raise BackupError(
            f"The archive holds tables this version of the portal does not have "
            f"({_listing(unknown)}). Restore it with the version of the portal that made it."
        )


def check_migrations(manifest: dict) -> None:
    """The rows fit only the schema they came from: both databases must have applied the
    same migrations."""
    theirs = {(app, name) for app, names in manifest["migrations"].items() for name in names}
    ours = {(app, name) for app, names in applied_migrations().items() for name in names}
    if theirs == ours:
        return
    problems = []
    if missing := sorted(theirs - ours):
        problems.append(
            f"this database has not applied migrations the archive was made with "
            f"({_listing(f'{app}.{name}' for app, name in missing)}): use the portal's "
            f"version that made the archive, and run `manage.py migrate` first"
        )
    if newer := sorted(ours - theirs):
        problems.append(
            f"the archive was made before migrations this database has applied "
            f"({_listing(f'{app}.{name}' for app, name in newer)}): restore it with the "
            f"portal's version that made it, then upgrade and migrate"
        )
    raise BackupError("The archive does not fit this database's schema: " + "; ".join(problems))


def check_empty() -> None:
    content = existing_content()
    if content:
        held = _listing(f"{name}: {count}" for name, count in content.items())
        raise BackupError(
            f"This database already holds content ({held}). Restore into a freshly migrated "
            f"database, or pass --replace to replace all of its content with the archive's."
        )


def _clear_tables() -> None:
    # Deferred foreign key checks still pending from earlier in this transaction would make
    # PostgreSQL refuse to TRUNCATE; settle them first.
    connection.check_constraints()
    statements = connection.ops.sql_flush(no_style(), cleared_tables())
    connection.ops.execute_sql_flush(statements)
    ContentType.objects.clear_cache()


def _insert(model, rows: list) -> None:
    """Insert rows exactly as archived: raw (no save() logic, no signals, no auto_now)."""
    if not rows:
        return
    fields = model._meta.local_concrete_fields
    size = max(1, min(MAX_ROWS_PER_INSERT, connection.ops.bulk_batch_size(fields, rows)))
    for start in range(0, len(rows), size):
        model._base_manager._insert(rows[start : start + size], fields=fields, raw=True)


def load_rows(data_file: Path) -> Counter:
    """Insert every row of the data file; return the rows inserted per table."""
    counts: Counter = Counter()
    model, batch = None, []
    with data_file.open(encoding="utf-8") as stream:
        for item in serializers.deserialize("jsonl", stream):
            row = item.object
            if type(row) is not model or len(batch) >= MAX_ROWS_PER_INSERT:
                _insert(model, batch)
                model, batch = type(row), []
            batch.append(row)
            counts[row._meta.label_lower] += 1
    _insert(model, batch)
    return counts


def _check_counts(manifest: dict, counts: Counter) -> None:
    expected = manifest["tables"]
    wrong = [
        f"{label} ({counts.get(label, 0)} rows, not {expected.get(label, 0)})"
        for label in sorted(set(expected) | set(counts))
        if counts.get(label, 0) != expected.get(label, 0)
    ]
    if wrong:
        raise BackupError(f"The archive's data does not match its manifest: {_listing(wrong)}.")


def _reset_sequences() -> None:
    """Point PostgreSQL's id sequences past the restored ids (SQLite needs nothing)."""
    statements = connection.ops.sequence_reset_sql(no_style(), archived_models())
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def _add_missing_types_and_permissions() -> None:
    """What `migrate` would add for models the archive's database had no rows for."""
    ContentType.objects.clear_cache()
    for app_config in apps.get_app_configs():
        create_contenttypes(app_config, verbosity=0)
        create_permissions(app_config, verbosity=0)


def _repair_trees() -> list[str]:
    repaired = []
    for model in (Page, Collection):
        if any(model.find_problems()):
            model.fix_tree()
            repaired.append(model._meta.verbose_name_plural)
    return repaired


def _restore_media(manifest: dict, media: dict[str, Path]) -> int:
    """Put each file back under its own name, replacing a file of that name."""
    written = 0
    for entry in manifest["media"]:
        name = entry["name"]
        storage = field_storage(entry["fields"][0])
        if storage.exists(name):
            storage.delete(name)
        with media[name].open("rb") as stream:
            saved = storage.save(name, File(stream, name=name))
        if saved != name:
            raise BackupError(f"Storage saved {name} as {saved}; the restore was undone.")
        written += 1
    return written


def _after_restore(rebuild_indexes: bool) -> None:
    ContentType.objects.clear_cache()
    for cache in caches.all():
        cache.clear()  # cached pages, site root paths and settings belong to the old content
    if rebuild_indexes:
        call_command("update_index", verbosity=0)
        call_command("rebuild_references_index", verbosity=0)


def import_library(path, *, replace: bool = False, rebuild_indexes: bool = True) -> dict:
    """Restore the archive at `path` into this database. Refuses (raising BackupError, with
    nothing changed) an unreadable or damaged archive, one made with other migrations, and,
    unless `replace`, a database that already holds content. Returns a summary."""
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="library-import-") as work:
        manifest, data_file, media = read_archive(Path(path), Path(work))
        check_tables_known(manifest)
        check_migrations(manifest)
        try:
            with transaction.atomic():
                if not replace:
                    check_empty()
                _clear_tables()
                counts = load_rows(data_file)
                _check_counts(manifest, counts)
                _reset_sequences()
                _add_missing_types_and_permissions()
                connection.check_constraints()
                repaired = _repair_trees()
                files = _restore_media(manifest, media)
        except (DatabaseError, DeserializationError) as error:
            raise BackupError(f"The database refused the archive's rows: {error}.") from error
    _after_restore(rebuild_indexes)
    return {
        "created_at": manifest["created_at"],
        "rows": sum(counts.values()),
        "tables": len(manifest["tables"]),
        "media_files": files,
        "media_missing": manifest.get("media_missing", []),
        "repaired_trees": repaired,
        "seconds": time.monotonic() - started,
    }
