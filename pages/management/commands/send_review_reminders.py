"""Email owners and medical reviewers about content newly due for review, or overdue.

Meant for a daily cron job; each reminder goes out once per item, stage and review cycle,
so running it again the same day sends nothing."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from pages.review.reminders import send_reminders


class Command(BaseCommand):
    help = "Email reminders about medical content due for review within 30 days, or overdue."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="List who would be told what; send nothing."
        )
        parser.add_argument(
            "--today",
            help="Act as if today were this date (YYYY-MM-DD), e.g. to catch up a missed run.",
        )

    def handle(self, *args, dry_run=False, today=None, **options):
        try:
            day = datetime.date.fromisoformat(today) if today else None
        except ValueError as error:
            raise CommandError(f"--today must be a date such as 2026-11-23: {error}") from None
        outcome = send_reminders(today=day, dry_run=dry_run)
        if dry_run:
            for email, reminders in outcome.addresses.items():
                self.stdout.write(f"{email}:")
                for reminder in reminders:
                    row = reminder.row
                    self.stdout.write(
                        f"  {reminder.stage}: {row.title} ({row.type}), due {row.next_review_due}"
                    )
        for reminder in outcome.unreachable:
            self.stderr.write(
                f"Nobody to remind about {reminder.row.title} ({reminder.row.type}): it has no "
                "owner with an email address, and no medical reviewer has one."
            )
        sent, items = len(outcome.addresses), outcome.items
        self.stdout.write(
            f"{'Would send' if dry_run else 'Sent'} {sent} reminder{'s' * (sent != 1)} "
            f"about {items} item{'s' * (items != 1)}."
        )
