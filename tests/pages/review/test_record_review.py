"""Medical review of drug, drug class and condition records, walked through the admin's own
screens as the README tells authors and reviewers to (issue 13, findings 1, 2, 3 and 5).

Runs on SQLite and PostgreSQL (`DATABASE_URL=... make test`)."""

import pytest

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from wagtail.models import WorkflowState

from pages.models import ReviewerProfile
from tests.drugs.factories import make_class, make_condition, make_drug
from tests.html import text
from tests.pages.review.editor import edit_url, footer
from tests.pages.review.workflow import AUTHORS, REVIEWERS, act, edit, person, submit

pytestmark = pytest.mark.django_db

MAKERS = {"drug": make_drug, "drug class": make_class, "condition": make_condition}


@pytest.fixture(params=list(MAKERS))
def record(request):
    return MAKERS[request.param]()


@pytest.fixture
def author():
    return person("sam", AUTHORS, first_name="Sam", last_name="Writer")


@pytest.fixture
def reviewer():
    user = person("amina", REVIEWERS, first_name="Amina", last_name="Okafor")
    ReviewerProfile.objects.create(user=user, display_name="Dr Amina Okafor", credentials="MD")
    return user


def signed_in(client, user):
    client.force_login(user)
    return client


def state_of(record):
    return WorkflowState.objects.for_instance(record).order_by("-created_at", "-pk").first()


def test_approve_from_the_editor_publishes_and_stamps(client, record, author, reviewer):
    """Finding 1: Approve in a record's editor answered 'Sorry, you do not have permission',
    saved a revision as the reviewer and stranded the record."""
    footer(signed_in(client, author), record, "submit", summary="Checked by a second person.")
    assert state_of(record).status == WorkflowState.STATUS_IN_PROGRESS
    record.refresh_from_db()
    assert record.summary != "Checked by a second person."  # the live version still shows

    response = footer(signed_in(client, reviewer), record, "workflow-action", "approve")
    assert response.status_code == 200
    assert "do not have permission" not in response.content.decode()
    record.refresh_from_db()
    assert record.summary == "Checked by a second person."
    assert record.last_reviewed_on == timezone.localdate()
    assert record.reviewed_by.display_name == "Dr Amina Okafor"
    assert state_of(record).status == WorkflowState.STATUS_APPROVED
    assert "Checked by a second person." in text(client.get(record.get_url()))


def test_approve_from_the_editor_works_for_a_never_published_record(client, author, reviewer):
    condition = make_condition(name="Editor-made condition")
    condition.unpublish()
    footer(signed_in(client, author), condition, "submit", summary="A new condition's summary.")
    footer(signed_in(client, reviewer), condition, "workflow-action", "approve")
    condition.refresh_from_db()
    assert condition.live and condition.summary == "A new condition's summary."


def test_reviewed_no_changes_from_the_editor_refreshes_the_stamp_once(
    client, record, author, reviewer
):
    """Finding 2: from the editor it looped ('Next step Medical reviewer approval'), sent a
    fresh 'submitted' email and left the stamp as it was."""
    footer(signed_in(client, author), record, "submit")  # unchanged: a routine re-review
    mail.outbox.clear()
    response = footer(signed_in(client, reviewer), record, "workflow-action", "reconfirm")
    assert "Next step" not in response.content.decode()
    record.refresh_from_db()
    assert record.last_reviewed_on == timezone.localdate()
    assert record.review_note == "Reviewed, no changes."
    assert state_of(record).status == WorkflowState.STATUS_APPROVED
    assert not [m for m in mail.outbox if m.subject.startswith("Awaiting medical review")]


def test_reviewed_no_changes_from_the_dashboard_is_no_500(client, record, author, reviewer):
    """Finding 2: POST …/workflow/action/<id>/reconfirm/<task>/ raised TypeError."""
    state = submit(record, author)
    url = reverse(
        record.snippet_viewset.get_url_name("workflow_action"),
        args=[record.pk, "reconfirm", state.current_task_state.pk],
    )
    response = signed_in(client, reviewer).post(url)
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.last_reviewed_on == timezone.localdate()


def test_an_unchanged_resubmission_of_loaded_content_is_seen_as_unchanged(
    client, record, author, reviewer
):
    """Finding 2: content made by a loader, saved once through the form, was not 'unchanged'."""
    footer(signed_in(client, author), record, "submit")
    actions = [name for name, *_ in record.current_workflow_task.get_actions(record, reviewer)]
    assert "reconfirm" in actions and "approve" not in actions


def test_a_superuser_outside_the_reviewers_has_no_approval(client, record, author, admin_user):
    """Finding 3: a crafted POST or the dashboard's Approve let the superuser publish, with a
    reviewer profile named 'admin' made on the fly."""
    edit(record, author, summary="Changed by the author.")
    state = submit(record, author)
    assert record.current_workflow_task.get_actions(record, admin_user) == []
    url = reverse(
        record.snippet_viewset.get_url_name("workflow_action"),
        args=[record.pk, "approve", state.current_task_state.pk],
    )
    refused = signed_in(client, admin_user).post(url, follow=True)
    assert "do not have permission" in refused.content.decode()  # Wagtail's 403, as a message
    footer(client, record, "workflow-action", "approve")  # from the editor: only a save
    record.refresh_from_db()
    assert record.summary != "Changed by the author."
    assert not ReviewerProfile.objects.filter(user=admin_user).exists()
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert url not in dashboard


def test_a_reviewer_without_a_profile_cannot_approve_and_is_told_why(client, record, author):
    unnamed = person("omar", REVIEWERS)
    edit(record, author, summary="Changed by the author.")
    submit(record, author)
    actions = [name for name, *_ in record.current_workflow_task.get_actions(record, unnamed)]
    assert actions == ["reject"]
    page = signed_in(client, unnamed).get(edit_url(record)).content.decode()
    assert "You have no reviewer profile" in page


def test_saving_unchanged_while_reviewing_is_no_edit(client, record, author, reviewer):
    """Finding 5: autosaves and unchanged saves by the reviewer blocked their approval."""
    footer(signed_in(client, author), record, "submit", summary="The author's new summary.")
    footer(signed_in(client, reviewer), record, None)  # Save draft, nothing changed
    edit(record, reviewer)  # an autosave's revision: bookkeeping only
    actions = [name for name, *_ in record.current_workflow_task.get_actions(record, reviewer)]
    assert "approve" in actions


def test_changing_the_text_while_approving_keeps_the_edit_and_says_why(
    client, record, author, reviewer
):
    footer(signed_in(client, author), record, "submit", summary="The author's new summary.")
    response = footer(
        signed_in(client, reviewer), record, "workflow-action", "approve", summary="Reworded."
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Not approved: your changes were saved as a draft." in page
    assert "includes changes you wrote (Summary)" in page
    record.refresh_from_db()
    assert record.summary != "Reworded."  # nothing went live
    assert record.get_latest_revision().as_object().summary == "Reworded."  # nothing lost
    assert state_of(record).status == WorkflowState.STATUS_IN_PROGRESS


def test_request_changes_resubmit_and_cancel_from_the_editor(client, record, author, reviewer):
    footer(signed_in(client, author), record, "submit", summary="First try.")
    state = state_of(record)
    act(record, reviewer, "reject", comment="Say what it treats.")
    assert state_of(record).status == WorkflowState.STATUS_NEEDS_CHANGES
    footer(signed_in(client, author), record, "submit", summary="Second try.")
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS  # resumed, not a new review
    footer(client, record, "cancel-workflow")
    assert state_of(record).status == WorkflowState.STATUS_CANCELLED
    record.refresh_from_db()
    assert record.summary not in ("First try.", "Second try.")
