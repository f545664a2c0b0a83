"""Load the portal's demo content: the 'Immunomodulators' article, every drug, drug class,
route and condition it names, the library sections, policy pages, snippets and settings.

Safe to run again: items are matched by slug (or title), and only what is missing or
different is written, so a second run creates no rows and no revisions. It ends by
rebuilding the search index and the reference index."""

import logging
from contextlib import contextmanager

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from wagtail.models import Page

from drugs.models import BrandName, Condition, Drug, DrugClass, Route
from pages.demo import loader, logins
from pages.models import Advert, CallToAction

# Wagtail logs every revision it saves and publishes, and the task runner every search and
# reference index update: a first load would print several hundred lines.
CHATTY_LOGGERS = ("wagtail", "django_tasks")


@contextmanager
def quiet_loggers(quiet: bool):
    loggers = [logging.getLogger(name) for name in CHATTY_LOGGERS]
    previous = [logger.level for logger in loggers]
    if quiet:
        for logger in loggers:
            logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        for logger, level in zip(loggers, previous, strict=True):
            logger.setLevel(level)


def plural(count: int, noun: str) -> str:
    if count == 1:
        return f"1 {noun}"
    if noun.endswith("ss"):
        return f"{count} {noun}es"
    if noun == "call to action":
        return f"{count} calls to action"
    return f"{count} {noun}s"


class Command(BaseCommand):
    help = "Load (or bring up to date) the demo health library content. Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-logins",
            action="store_true",
            help="Do not create the demo admin login, even where settings allow it.",
        )

    def handle(self, *args, **options):
        verbosity = options["verbosity"]
        with_login = not options["no_logins"] and logins.demo_logins_allowed()
        with quiet_loggers(quiet=verbosity < 3):
            try:
                with transaction.atomic():
                    tally = loader.load()
                    login = logins.ensure_demo_logins() if with_login else None
            except loader.DemoContentError as error:
                raise CommandError(str(error)) from error
            call_command("update_index", verbosity=0)
            call_command("rebuild_references_index", verbosity=0)

        if verbosity:
            self.report(tally, verbosity)
            self.report_login(login, options["no_logins"])

    def report(self, tally: loader.Tally, verbosity: int) -> None:
        if verbosity >= 2:
            for kind, counts in tally.by_kind.items():
                outcomes = ", ".join(f"{counts[o]} {o}" for o in loader.OUTCOMES if counts[o])
                self.stdout.write(f"  {kind}: {outcomes}")
        if tally.changed:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Demo content loaded: {tally.total(loader.CREATED)} created, "
                    f"{tally.total(loader.UPDATED)} updated, "
                    f"{tally.total(loader.UNCHANGED)} already up to date."
                )
            )
        else:
            self.stdout.write(
                self.style.SUCCESS("Demo content already up to date; nothing changed.")
            )
        counts = [
            (Route.objects.count(), "route"),
            (DrugClass.objects.count(), "drug class"),
            (Drug.objects.count(), "drug"),
            (BrandName.objects.count(), "brand name"),
            (Condition.objects.count(), "condition"),
            (Page.objects.filter(depth__gt=1).count(), "page"),
            (CallToAction.objects.count(), "call to action"),
            (Advert.objects.count(), "advert"),
        ]
        self.stdout.write("The library holds " + ", ".join(plural(*c) for c in counts) + ".")
        self.stdout.write("Rebuilt the search index and the reference index.")

    def report_login(self, login, skipped: bool) -> None:
        if login is None:
            reason = "--no-logins was given" if skipped else "these settings do not allow one"
            self.stdout.write(f"No demo login was created ({reason}).")
            return
        self.stdout.write(logins.describe(login))
