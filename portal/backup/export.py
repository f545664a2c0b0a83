"""Write the whole library to an archive, from one consistent view of the database."""

import platform
import tempfile
from contextlib import contextmanager
from pathlib import Path

import django
from django.core import serializers
from django.db import connection, models, transaction
from django.utils import timezone

import wagtail

from .archive import (
    DATA,
    FORMAT_NAME,
    FORMAT_VERSION,
    BackupError,
    ExactJSONEncoder,
    copy_and_hash,
    file_entry,
    hash_file,
    write_archive,
)
from .scope import LEFT_OUT, applied_migrations, archived_models, field_storage

ROWS_PER_QUERY = 2000


@contextmanager
def consistent_snapshot():
    """Every query inside sees the database as it was at one moment. On PostgreSQL that is
    a read-only REPEATABLE READ transaction; SQLite's transactions already read one state.
    Inside a caller's transaction (a test), that transaction gives the one view."""
    if connection.in_atomic_block:
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")  # connect (and health-check) before the transaction
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield


def _counted(rows, counts: dict, label: str):
    for row in rows:
        counts[label] += 1
        yield row


def dump_rows(target: Path) -> dict[str, int]:
    """Serialise every archived table to JSON Lines; return the rows written per table."""
    serializer = serializers.get_serializer("jsonl")()
    counts: dict[str, int] = {}
    with target.open("w", encoding="utf-8") as stream:
        for model in archived_models():
            label = model._meta.label_lower
            counts[label] = 0
            rows = model._base_manager.order_by("pk").iterator(chunk_size=ROWS_PER_QUERY)
            serializer.serialize(
                _counted(rows, counts, label),
                stream=stream,
                # Many-to-many tables are archived as tables of their own.
                fields=[field.name for field in model._meta.local_fields],
                cls=ExactJSONEncoder,
            )
    return counts


def referenced_files() -> dict[str, list[str]]:
    """The storage name of every file a row names, with the fields that name it."""
    files: dict[str, list[str]] = {}
    for model in archived_models():
        for field in model._meta.local_concrete_fields:
            if not isinstance(field, models.FileField):
                continue
            names = (
                model._base_manager.exclude(**{f"{field.attname}__isnull": True})
                .exclude(**{field.attname: ""})
                .values_list(field.attname, flat=True)
                .distinct()
            )
            for name in names:
                files.setdefault(name, []).append(f"{model._meta.label_lower}.{field.name}")
    return files


def stage_media(workdir: Path) -> tuple[list[dict], dict[str, Path], list[str]]:
    """Copy every referenced file out of storage; return the manifest entries, the staged
    copies by name, and the names that storage no longer holds."""
    entries, staged, missing = [], {}, []
    for position, (name, fields) in enumerate(sorted(referenced_files().items())):
        target = workdir / f"{position:06d}"
        try:
            with field_storage(fields[0]).open(name, "rb") as source, target.open("wb") as out:
                size, sha256 = copy_and_hash(source, out)
        except FileNotFoundError:
            missing.append(name)
            continue
        entries.append(file_entry(name, size, sha256, fields=fields))
        staged[name] = target
    return entries, staged, missing


def export_library(path, *, overwrite: bool = False) -> dict:
    """Write every archived table and every referenced media file to a .tar.gz at `path`.
    Returns the archive's manifest."""
    path = Path(path)
    if path.is_dir():
        raise BackupError(f"{path} is a folder; give the archive's file name.")
    if path.exists() and not overwrite:
        raise BackupError(f"{path} already exists; choose another name or pass --overwrite.")
    if not path.parent.is_dir():
        raise BackupError(f"There is no folder {path.parent} to write {path.name} into.")
    with tempfile.TemporaryDirectory(dir=path.parent, prefix=".library-export-") as work:
        workdir = Path(work)
        data_file = workdir / DATA
        (workdir / "media").mkdir()
        with consistent_snapshot():
            created_at = timezone.now()
            tables = dump_rows(data_file)
            migrations = applied_migrations()
            media, staged, missing = stage_media(workdir / "media")
        size, sha256 = hash_file(data_file)
        manifest = {
            "format": FORMAT_NAME,
            "format_version": FORMAT_VERSION,
            "created_at": created_at.isoformat(),
            "software": {
                "django": django.get_version(),
                "wagtail": wagtail.__version__,
                "python": platform.python_version(),
            },
            "database": connection.vendor,
            "migrations": migrations,
            "tables": tables,
            "left_out": LEFT_OUT,
            "data": file_entry(DATA, size, sha256),
            "media": media,
            "media_missing": missing,
        }
        write_archive(path, manifest, data_file, staged)
    return manifest
