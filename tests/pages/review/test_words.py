"""What the admin and its emails say about medical review (issue 13, finding 9 "Words"):
submitted for medical review, never "moderation"; changes requested, never "rejected"; the
reviewer named where changes were requested; the approval note's label saying readers see
it; the reviewer's comment in plain view when the author reopens the editor.

Runs on SQLite and PostgreSQL (`DATABASE_URL=... make test`)."""

import gettext
import re
from collections import Counter

import pytest

from django.conf import settings
from django.core import mail
from django.urls import reverse

from wagtail.models import Page, WorkflowState

from pages.models import ReviewerProfile, SectionPage
from tests.drugs.factories import make_drug
from tests.html import text
from tests.pages.review.editor import edit_url, footer
from tests.pages.review.workflow import AUTHORS, REVIEWERS, edit, person, submit

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


def editor_url(item) -> str:
    return page_edit_url(item) if isinstance(item, Page) else edit_url(item)


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


# --- 2. Emails: changes requested (not "rejected"), and one copy per person --------------


def workflow_action_url(obj, action: str) -> str:
    """The address Wagtail's footer and dashboard use for a task action on this item."""
    task_state = state_of(obj).current_task_state
    if isinstance(obj, Page):
        return reverse("wagtailadmin_pages:workflow_action", args=[obj.pk, action, task_state.pk])
    url_name = obj.snippet_viewset.get_url_name("workflow_action")
    return reverse(url_name, args=[obj.pk, action, task_state.pk])


def take_action(client, user, obj, action: str, comment: str = ""):
    client.force_login(user)
    return client.post(workflow_action_url(obj, action), {"comment": comment}, follow=True)


@pytest.fixture
def administrator():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_superuser("root", "root@example.org", "pw")


@pytest.fixture(params=["page", "drug"])
def item(request, section):
    return section if request.param == "page" else make_drug(name="mailamab")


def submit_item(client, user, item):
    client.force_login(user)
    if isinstance(item, SectionPage):
        return submit_section(client, item)
    return footer(client, item, "submit", summary="Sent for review.")


def inbox() -> Counter:
    return Counter(address for message in mail.outbox for address in message.to)


def test_a_submission_emails_each_reviewer_once_and_the_administrator_not_twice(
    client, item, author, reviewer, administrator
):
    submit_item(client, author, item)
    assert state_of(item).status == WorkflowState.STATUS_IN_PROGRESS
    assert inbox() == Counter({reviewer.email: 1})
    (message,) = mail.outbox
    kind = "page" if isinstance(item, SectionPage) else "drug"
    title = "Diseases & conditions" if kind == "page" else "mailamab"
    assert message.subject == f"Awaiting medical review: the {kind} “{title}”"
    assert f"Sam Writer submitted the {kind} “{title}” for medical review." in message.body
    assert "moderation" not in (message.subject + message.body).lower()
    assert "http://testserver/admin/" in message.body


def test_requesting_changes_emails_the_author_once_with_the_reviewers_comment(
    client, item, author, reviewer, administrator
):
    submit_item(client, author, item)
    mail.outbox.clear()
    take_action(client, reviewer, item, "reject", "Say how long the course lasts.")
    assert state_of(item).status == WorkflowState.STATUS_NEEDS_CHANGES
    assert inbox() == Counter({author.email: 1})
    (message,) = mail.outbox
    kind = "page" if isinstance(item, SectionPage) else "drug"
    title = "Diseases & conditions" if kind == "page" else "mailamab"
    assert message.subject == f"Changes requested on the {kind} “{title}”"
    assert f"Dr Amina Okafor, MD requested changes to the {kind} “{title}”" in message.body
    assert "“Say how long the course lasts.”" in message.body
    assert "reject" not in (message.subject + message.body).lower()
    assert "http://testserver/admin/" in message.body


def test_approval_emails_the_author_once_that_it_is_live(
    client, item, author, reviewer, administrator
):
    submit_item(client, author, item)
    mail.outbox.clear()
    take_action(client, reviewer, item, "approve")
    assert state_of(item).status == WorkflowState.STATUS_APPROVED
    assert inbox() == Counter({author.email: 1})
    (message,) = mail.outbox
    kind = "page" if isinstance(item, SectionPage) else "drug"
    title = "Diseases & conditions" if kind == "page" else "mailamab"
    assert message.subject == f"Approved and published: the {kind} “{title}”"
    assert f"The {kind} “{title}” passed medical review and is now live" in message.body


def test_the_html_emails_say_the_same(client, section, author, reviewer, settings):
    settings.WAGTAILADMIN_NOTIFICATION_USE_HTML = True
    submit_item(client, author, section)
    take_action(client, reviewer, section, "reject", "Say how long the course lasts.")
    submitted, changes_requested = mail.outbox
    for message, words in [
        (submitted, "Sam Writer submitted the page “Diseases &amp; conditions” for medical"),
        (changes_requested, "Dr Amina Okafor, MD requested changes to the page"),
    ]:
        html = message.alternatives[0][0]
        assert words in html
        assert "moderation" not in html and "rejected" not in html
    assert "Say how long the course lasts." in changes_requested.alternatives[0][0]


# --- 3. The status dialog names the reviewer who requested changes ------------------------


def status_dialog(response) -> tuple[str, str]:
    """The workflow status dialog's heading and all its words. Wagtail renders the dialog in
    a <template> (the page moves it into place), so it is read as HTML of its own."""
    from bs4 import BeautifulSoup

    def words(tag) -> str:
        return " ".join(BeautifulSoup(str(tag), "html.parser").get_text(" ").split())

    dialog = BeautifulSoup(response.content, "html.parser").find(id="workflow-status-dialog")
    assert dialog is not None, "no workflow status dialog in the editor"
    return words(dialog.find(class_="w-dialog__message-heading")), words(dialog)


def test_the_status_dialog_names_the_reviewer_who_requested_changes(client, item, author, reviewer):
    submit_item(client, author, item)
    heading, _ = status_dialog(client.get(editor_url(item)))
    assert heading.startswith("Sent to Medical reviewer approval")
    assert heading.endswith("by Sam Writer")  # while in review: who submitted it

    take_action(client, reviewer, item, "reject", "Say how long the course lasts.")
    client.force_login(author)
    response = client.get(editor_url(item))
    page = response.content.decode()
    assert page.count('id="workflow-status-dialog"') == 1
    assert page.count('data-a11y-dialog-show="workflow-status-dialog"') == 1
    heading, dialog = status_dialog(response)
    assert heading.startswith("Changes requested")
    assert heading.endswith("by Amina Okafor")
    assert "Sam Writer" not in heading
    assert "Changes requested by Amina Okafor" in dialog
    assert "Say how long the course lasts." in dialog


# --- 4. The action forms say who reads what ------------------------------------------------


def action_modal(client, user, obj, action: str) -> str:
    """The form Wagtail's footer and dashboard open for a task action, as its words."""
    client.force_login(user)
    response = client.get(workflow_action_url(obj, action))
    assert response.status_code == 200
    return response.json()["html"]


def modal_words(html: str) -> str:
    from bs4 import BeautifulSoup

    return " ".join(BeautifulSoup(html, "html.parser").get_text(" ").split())


@pytest.fixture(params=["article", "drug"])
def reviewed(request, article, author):
    """An item with a stamp, submitted for review by the author."""
    obj = article if request.param == "article" else make_drug(name="notamab")
    edit(obj, author, summary="A summary for the reviewer to check.")
    submit(obj, author)
    return obj


def test_the_approval_note_says_readers_see_it(client, reviewed, reviewer):
    words = modal_words(action_modal(client, reviewer, reviewed, "approve"))
    assert "Approve with a note of what changed" in words  # the modal's title
    assert "Note for readers" in words
    assert "Shown on the public page beside the review stamp" in words
    assert "Comment" not in words


def test_the_note_approved_with_is_shown_to_readers(client, reviewed, reviewer):
    client.force_login(reviewer)
    client.post(workflow_action_url(reviewed, "approve"), {"comment": "Doses checked."})
    reviewed.refresh_from_db()
    assert reviewed.review_note == "Doses checked."
    client.logout()
    public = reviewed.url if hasattr(reviewed, "url") else reviewed.get_url()
    assert "What changed at this review: Doses checked." in text(client.get(public))


def test_requesting_changes_asks_what_needs_to_change_and_requires_it(client, reviewed, reviewer):
    html = action_modal(client, reviewer, reviewed, "reject")
    words = modal_words(html)
    assert "What needs to change" in words
    assert "The author sees this when they reopen" in words
    assert "Comment" not in words
    assert "required" in html  # the textarea is marked required

    response = client.post(
        workflow_action_url(reviewed, "reject"),
        {"comment": "  "},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    assert response.json()["step"] == "action"  # the form again, with its error
    assert "This field is required." in modal_words(response.json()["html"])
    assert state_of(reviewed).status == WorkflowState.STATUS_IN_PROGRESS


def test_handing_over_asks_for_a_message_to_the_other_reviewers(client, reviewed, reviewer):
    edit(reviewed, reviewer, summary="The reviewer's own wording.")  # so they may not approve
    words = modal_words(action_modal(client, reviewer, reviewed, "handover"))
    assert "Message to the other reviewers" in words
    assert "Comment" not in words


# --- 5. The reviewer's request in plain view when the editor reopens ----------------------


def editor_messages(response) -> str:
    from bs4 import BeautifulSoup

    found = BeautifulSoup(response.content, "html.parser").select(".messages li")
    return " ".join(" ".join(item.get_text(" ").split()) for item in found)


def test_the_author_reopening_the_editor_sees_what_needs_to_change_and_who_asked(
    client, reviewed, author, reviewer
):
    client.force_login(reviewer)
    client.post(
        workflow_action_url(reviewed, "reject"), {"comment": "Give the usual dose <b>range</b>."}
    )
    assert state_of(reviewed).status == WorkflowState.STATUS_NEEDS_CHANGES
    client.force_login(author)
    response = client.get(editor_url(reviewed))
    said = editor_messages(response)
    assert "Changes requested by Dr Amina Okafor, MD" in said
    assert "“Give the usual dose <b>range</b>.”" in said  # as written, never as markup
    assert "<b>range</b>" not in response.content.decode()
    assert "Resubmit to Medical reviewer approval" in said


def test_no_request_is_shown_once_the_item_is_resubmitted(client, reviewed, author, reviewer):
    client.force_login(reviewer)
    client.post(workflow_action_url(reviewed, "reject"), {"comment": "Give the usual dose."})
    client.force_login(author)
    if isinstance(reviewed, Page):
        edit(reviewed, author, summary="Now with the usual dose.")
        state_of(reviewed).resume(author)
    else:
        footer(client, reviewed, "submit", summary="Now with the usual dose.")
    assert state_of(reviewed).status == WorkflowState.STATUS_IN_PROGRESS
    assert "Changes requested" not in editor_messages(client.get(editor_url(reviewed)))


def test_an_item_never_sent_back_shows_no_request(client, article, author):
    client.force_login(author)
    assert "Changes requested" not in editor_messages(client.get(editor_url(article)))
