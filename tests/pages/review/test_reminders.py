"""The `send_review_reminders` command: once per item, stage and review cycle."""

import datetime
import io

import pytest

from django.core.management import call_command
from django.utils import timezone

from pages.models import ArticlePage, ReviewReminder
from pages.review.finish import add_months
from tests.pages.review.test_report import DEMO_ITEMS
from tests.pages.review.workflow import AUTHORS, REVIEWERS, act, edit, person, submit

pytestmark = pytest.mark.django_db


def remind(*args) -> str:
    out = io.StringIO()
    call_command("send_review_reminders", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue().strip()


def reminders(outbox):
    return [message for message in outbox if message.subject.startswith("Medical reviews:")]


@pytest.fixture
def reviewer():
    return person("amina", REVIEWERS, profile=True)


@pytest.fixture
def author(article):
    author = person("sam", AUTHORS)
    ArticlePage.objects.filter(pk=article.pk).update(owner=author)
    return author


def test_owners_and_reviewers_are_told_once_however_often_it_runs(mailoutbox, reviewer, author):
    assert remind() == f"Sent 2 reminders about {DEMO_ITEMS} items."
    sent = reminders(mailoutbox)
    assert len(sent) == 2
    to_reviewer = next(m for m in sent if m.to == [reviewer.email])
    to_owner = next(m for m in sent if m.to == [author.email])
    assert to_reviewer.subject == f"Medical reviews: {DEMO_ITEMS} overdue"
    assert to_owner.subject == "Medical reviews: 1 overdue"
    assert "- Immunomodulators (Article), was due 10 May 2026" in to_owner.body
    assert "http://testserver/admin/pages/" in to_owner.body
    assert "Adalimumab (Drug)" in to_reviewer.body
    assert "Adalimumab" not in to_owner.body
    assert ReviewReminder.objects.filter(stage="overdue").count() == DEMO_ITEMS

    assert remind() == "Sent 0 reminders about 0 items."
    assert len(reminders(mailoutbox)) == 2


def test_a_dry_run_lists_without_sending_or_recording(mailoutbox, reviewer):
    output = remind("--dry-run")
    assert output.startswith(f"{reviewer.email}:\n  overdue: Immunomodulators (Article)")
    assert output.endswith(f"Would send 1 reminder about {DEMO_ITEMS} items.")
    assert reminders(mailoutbox) == []
    assert not ReviewReminder.objects.exists()


def test_items_nobody_could_be_told_about_are_tried_again(mailoutbox):
    assert remind() == "Sent 0 reminders about 0 items."
    assert not ReviewReminder.objects.exists()
    person("amina", REVIEWERS)
    assert remind() == f"Sent 1 reminder about {DEMO_ITEMS} items."


def test_a_new_review_cycle_is_reminded_again_due_soon_then_overdue(
    mailoutbox, article, reviewer, author
):
    remind()
    edit(article, author, summary="Revised for the new review.")
    submit(article, author)
    act(article, person("omar", REVIEWERS, profile=True), "approve")
    article.refresh_from_db()
    due = add_months(timezone.localdate(), 36)
    assert article.next_review_due == due
    mailoutbox.clear()

    assert remind() == "Sent 0 reminders about 0 items."  # in date for three years
    a_fortnight_before = (due - datetime.timedelta(days=14)).isoformat()
    assert remind("--today", a_fortnight_before) == "Sent 3 reminders about 1 item."
    assert {m.subject for m in reminders(mailoutbox)} == {"Medical reviews: 1 due soon"}
    assert f"due {due.day} {due:%B %Y}" in reminders(mailoutbox)[0].body
    assert remind("--today", a_fortnight_before) == "Sent 0 reminders about 0 items."

    the_day_after = (due + datetime.timedelta(days=1)).isoformat()
    assert remind("--today", the_day_after) == "Sent 3 reminders about 1 item."
    assert reminders(mailoutbox)[-1].subject == "Medical reviews: 1 overdue"
    assert ReviewReminder.objects.filter(object_id=str(article.pk), due_date=due).count() == 2


def test_a_bad_date_is_refused():
    with pytest.raises(Exception, match="--today must be a date"):
        remind("--today", "next week")
