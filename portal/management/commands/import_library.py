"""`manage.py import_library PATH.tar.gz`: restore a backup made by export_library into a
freshly migrated database (see portal/backup/)."""

from django.core.management.base import BaseCommand, CommandError

from portal.backup import BackupError, import_library


class Command(BaseCommand):
    help = (
        "Restore an archive made by export_library into a freshly migrated database, then "
        "rebuild the search and reference indexes. Refuses a database that already holds "
        "content unless --replace is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The archive to restore.")
        parser.add_argument(
            "--replace",
            "--force",
            action="store_true",
            dest="replace",
            help="Replace all content this database already holds (users included).",
        )
        parser.add_argument(
            "--skip-index",
            action="store_true",
            help="Do not rebuild the search and reference indexes (run update_index and "
            "rebuild_references_index later).",
        )

    def handle(self, *args, path, replace, skip_index, verbosity, **options):
        try:
            summary = import_library(path, replace=replace, rebuild_indexes=not skip_index)
        except BackupError as error:
            raise CommandError(f"{error} Nothing was changed.") from error
        if not verbosity:
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {summary['rows']} rows in {summary['tables']} tables and "
                f"{summary['media_files']} media files from {path} (made "
                f"{summary['created_at']}) in {summary['seconds']:.1f} s."
            )
        )
        if not skip_index:
            self.stdout.write("Rebuilt the search index and the reference index.")
        for name in summary["repaired_trees"]:
            self.stdout.write(self.style.WARNING(f"Repaired the tree of {name}."))
        for name in summary["media_missing"]:
            self.stderr.write(f"The archive lacks this file (missing when exported): {name}")
