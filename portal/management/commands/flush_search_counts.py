"""`manage.py flush_search_counts`: write the searches counted in Redis to the reports now."""

from django.core.management.base import BaseCommand

from portal.search import counts


class Command(BaseCommand):
    help = (
        "Write the search counts kept in Redis to the database now (searches do it once a "
        "minute at most; see portal/search/counts.py). Nothing to do without Redis."
    )

    def handle(self, *args, verbosity, **options):
        written = counts.flush()
        if verbosity:
            self.stdout.write(f"Wrote {written} searches to the reports.")
