"""`manage.py export_library PATH.tar.gz`: back up the whole library (see portal/backup/)."""

import time

from django.core.management.base import BaseCommand, CommandError

from portal.backup import BackupError, export_library


class Command(BaseCommand):
    help = (
        "Write all content (pages and their revisions and review stamps, medical records, "
        "users, reviewer profiles, settings, workflows, media files) to a .tar.gz archive "
        "that import_library restores."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The archive to write, e.g. library-2026-05-01.tar.gz")
        parser.add_argument(
            "--overwrite", action="store_true", help="Replace the archive if it already exists."
        )

    def handle(self, *args, path, overwrite, verbosity, **options):
        started = time.monotonic()
        try:
            manifest = export_library(path, overwrite=overwrite)
        except BackupError as error:
            raise CommandError(str(error)) from error
        if not verbosity:
            return
        rows = sum(manifest["tables"].values())
        media_bytes = sum(entry["size"] for entry in manifest["media"])
        self.stdout.write(
            self.style.SUCCESS(
                f"Exported {rows} rows from {len(manifest['tables'])} tables and "
                f"{len(manifest['media'])} media files ({media_bytes} bytes) to {path} in "
                f"{time.monotonic() - started:.1f} s."
            )
        )
        for name in manifest["media_missing"]:
            self.stderr.write(f"Not in storage, so not in the archive: {name}")
