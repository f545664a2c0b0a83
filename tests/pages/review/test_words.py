"""What the admin and its emails say about medical review (issue 13, finding 9 "Words"):
submitted for medical review, never "moderation"; changes requested, never "rejected"; the
reviewer named where changes were requested; the approval note's label saying readers see
it; the reviewer's comment in plain view when the author reopens the editor.

Runs on SQLite and PostgreSQL (`DATABASE_URL=... make test`)."""

import gettext
import re

import pytest

from django.conf import settings
from django.urls import reverse

from wagtail.models import WorkflowState

from pages.models import ReviewerProfile, SectionPage
from tests.drugs.factories import make_drug
from tests.html import text
from tests.pages.review.editor import edit_url, footer
from tests.pages.review.workflow import AUTHORS, REVIEWERS, person

pytestmark = pytest.mark.django_db


@pytest.fixture
def author():
    return person("sam", AUTHORS, first_name="Sam", last_name="Writer")


@pytest.fixture
def reviewer():
    user = person("amina", REVIEWERS, first_name="Amina", last_name="Okafor")
    ReviewerProfile.objects.create(user=user, display_name="Dr Amina Okafor", credentials="MD")
    return user


@pytest.fixture
def section():
    return SectionPage.objects.get(slug="diseases-conditions")


def page_edit_url(page) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def submit_section(client, section, intro="An introduction, sent for review."):
    """Submit the section page from its editor, as the footer's Submit does."""
    data = {
        "title": section.title,
        "slug": section.slug,
        "intro": intro,
        "a_to_z": section.a_to_z,
        "action-submit": "1",
    }
    return client.post(page_edit_url(section), data, follow=True)


def state_of(obj):
    return WorkflowState.objects.for_instance(obj).order_by("-created_at", "-pk").first()


# --- 1. Submitted for medical review, not "for moderation" --------------------------------


def test_submitting_a_page_says_medical_review_in_the_message_and_the_status(
    client, section, author
):
    client.force_login(author)
    response = submit_section(client, section)
    assert state_of(section).status == WorkflowState.STATUS_IN_PROGRESS
    said = text(response)
    assert "Page 'Diseases & conditions' has been submitted for medical review." in said
    assert "moderation" not in said.lower()
    editor = text(client.get(page_edit_url(section)))
    assert "In medical review" in editor  # the status side panel's title
    assert "moderation" not in editor.lower()


def test_submitting_a_record_says_medical_review_in_the_message_and_the_status(client, author):
    drug = make_drug(name="wordamab")
    client.force_login(author)
    response = footer(client, drug, "submit", summary="Sent for review.")
    assert state_of(drug).status == WorkflowState.STATUS_IN_PROGRESS
    said = text(response)
    assert "Drug 'wordamab' has been submitted for medical review." in said
    assert "moderation" not in said.lower()
    assert "moderation" not in text(client.get(edit_url(drug))).lower()


def test_the_page_listing_says_in_medical_review(client, section, author):
    client.force_login(author)
    submit_section(client, section)
    listing = text(client.get(reverse("wagtailadmin_explore", args=[section.get_parent().pk])))
    assert "live + in medical review" in listing
    assert "moderation" not in listing.lower()


def po_entries(source: str) -> list[tuple[str, str]]:
    """(msgid, msgstr) of each singular entry of a .po file, strings joined and unescaped."""
    quoted = r'((?:"(?:[^"\\]|\\.)*"\s*)+)'

    def joined(parts: str) -> str:
        return "".join(
            part.encode().decode("unicode_escape")
            for part in re.findall(r'"((?:[^"\\]|\\.)*)"', parts)
        )

    found = re.findall(r"^msgid " + quoted + r"msgstr " + quoted, source, re.MULTILINE)
    return [(joined(msgid), joined(msgstr)) for msgid, msgstr in found]


def test_the_committed_catalogue_is_compiled_from_its_source():
    """locale/en/LC_MESSAGES/django.mo is committed: `make messages` must have compiled it
    from the .po beside it."""
    folder = settings.LOCALE_PATHS[0] / "en" / "LC_MESSAGES"
    entries = [
        (msgid, msgstr) for msgid, msgstr in po_entries((folder / "django.po").read_text()) if msgid
    ]
    assert len(entries) > 10
    with (folder / "django.mo").open("rb") as compiled:
        catalogue = gettext.GNUTranslations(compiled)
    for msgid, msgstr in entries:
        assert catalogue.gettext(msgid) == msgstr
