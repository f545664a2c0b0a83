"""The medical review workflow: who may do what, and what readers see at each step.

Runs on SQLite and PostgreSQL (`DATABASE_URL=... make test`)."""

import datetime

import pytest

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from wagtail.models import PageLogEntry, WorkflowState

from drugs.models import Drug, DrugClass
from pages.models import ArticlePage, PortalSettings, ReviewerProfile, SectionPage
from tests.drugs.factories import class_form
from tests.html import json_ld_of_type, soup, text
from tests.pages.review.workflow import AUTHORS, REVIEWERS, act, edit, person, submit

pytestmark = pytest.mark.django_db

OLD_SUMMARY_START = "Immunomodulators are medicines that adjust"


@pytest.fixture
def author():
    return person("sam", AUTHORS, first_name="Sam", last_name="Writer")


@pytest.fixture
def reviewer():
    user = person("amina", REVIEWERS, first_name="Amina", last_name="Okafor")
    ReviewerProfile.objects.create(user=user, display_name="Dr Amina Okafor", credentials="MD")
    return user


def public_text(client, article):
    return text(client.get(article.url))


def test_approval_publishes_and_stamps_with_today_the_reviewer_and_next_due(
    client, article, author, reviewer
):
    edit(article, author, summary="A new summary, checked by a second person.")
    submit(article, author)
    assert OLD_SUMMARY_START in public_text(client, article)  # in review: old version live

    act(article, reviewer, "approve", comment="Updated the summary.")
    article.refresh_from_db()
    today = timezone.localdate()
    assert article.summary == "A new summary, checked by a second person."
    assert article.last_reviewed_on == today
    assert article.next_review_due == today.replace(year=today.year + 3)
    assert article.reviewed_by.display_name == "Dr Amina Okafor"
    assert article.review_note == "Updated the summary."

    page = soup(client.get(article.url))
    assert page.find("time", attrs={"datetime": today.isoformat()})
    assert "What changed at this review: Updated the summary." in text(client.get(article.url))


def test_named_stamps_name_the_reviewer_in_words_and_json_ld(client, article, author, reviewer):
    settings = PortalSettings.for_site(article.get_site())
    settings.stamp_style = PortalSettings.STAMP_NAMED
    settings.save()
    edit(article, author, summary="Named stamp test.")
    submit(article, author)
    act(article, reviewer, "approve")
    response = client.get(article.url)
    assert "Reviewed by Dr Amina Okafor, MD on" in text(response)
    reviewed_by = json_ld_of_type(response, "MedicalWebPage")["reviewedBy"]
    assert reviewed_by == {"@type": "Person", "name": "Dr Amina Okafor", "honorificSuffix": "MD"}


def test_institutional_stamps_name_the_organisation(client, article, clock):
    clock.travel_to(datetime.datetime(2025, 6, 1, 12, tzinfo=datetime.UTC))  # before it falls due
    response = client.get(article.url)
    assert "Last reviewed by a medical professional of Open Health Library on" in text(response)
    assert json_ld_of_type(response, "MedicalWebPage")["reviewedBy"]["@type"] == "Organization"


def test_an_author_cannot_publish_a_page_even_with_a_crafted_post(client, author):
    section = SectionPage.objects.get(slug="diseases-conditions")
    client.force_login(author)
    edit_url = reverse("wagtailadmin_pages:edit", args=[section.pk])
    form = client.get(edit_url)
    assert form.status_code == 200
    assert 'name="action-publish"' not in form.content.decode()
    data = {
        "title": section.title,
        "slug": section.slug,
        "intro": "Sneaked in without review.",
        "a_to_z": section.a_to_z,
        "action-publish": "action-publish",
    }
    client.post(edit_url, data)
    section.refresh_from_db()
    assert section.intro != "Sneaked in without review."
    client.logout()
    assert "Sneaked in" not in text(client.get(section.url))


def test_an_author_cannot_publish_a_record_even_with_a_crafted_post(client, author):
    steroids = DrugClass.objects.get(slug="corticosteroids")
    client.force_login(author)
    edit_url = reverse("wagtailsnippets_drugs_drugclass:edit", args=[steroids.pk])
    assert 'name="action-publish"' not in client.get(edit_url).content.decode()
    client.post(edit_url, class_form(steroids, summary="Unreviewed.", **{"action-publish": "1"}))
    steroids.refresh_from_db()
    assert steroids.summary != "Unreviewed."
    client.logout()
    assert "Unreviewed." not in text(client.get(steroids.get_url()))


def test_even_an_administrator_cannot_publish_medical_content_directly(client, article):
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.create_superuser("root", "root@example.org", "pw")
    assert not article.permissions_for_user(admin).can_publish()
    from wagtail.permissions import policy_registry

    assert not policy_registry.get_by_type(Drug).user_has_permission(admin, "publish")


def test_reviewer_cannot_approve_their_own_submission(article, reviewer, author):
    edit(article, author, summary="Written by the author.")
    submit(article, reviewer)  # the reviewer submitted it
    with pytest.raises(PermissionDenied):
        act(article, reviewer, "approve")
    article.refresh_from_db()
    assert article.summary.startswith(OLD_SUMMARY_START)


def test_reviewer_cannot_approve_changes_they_wrote(article, reviewer, author):
    edit(article, reviewer, summary="Written by the reviewer.")
    submit(article, author)
    actions = [name for name, _, _ in article.current_workflow_task.get_actions(article, reviewer)]
    assert actions == ["reject", "handover"]  # no approval: hand it to another reviewer
    with pytest.raises(PermissionDenied):
        act(article, reviewer, "approve")


def test_the_admin_says_why_a_reviewer_cannot_approve(client, article, reviewer):
    edit(article, reviewer, summary="Written by the reviewer.")
    submit(article, reviewer)
    client.force_login(reviewer)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[article.pk]), follow=True)
    assert "another medical reviewer must approve" in response.content.decode()


def test_a_crafted_approval_post_by_the_submitter_is_refused(client, article, reviewer, author):
    edit(article, author, summary="Written by the author.")
    state = submit(article, reviewer)
    client.force_login(reviewer)
    url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[article.pk, "approve", state.current_task_state.pk],
    )
    response = client.post(url)
    assert response.status_code in (302, 403)  # Wagtail turns PermissionDenied into a redirect
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    article.refresh_from_db()
    assert article.summary.startswith(OLD_SUMMARY_START)


def test_someone_outside_the_reviewers_cannot_approve(article, author):
    other_author = person("lee", AUTHORS)
    edit(article, author, summary="Changed.")
    submit(article, author)
    assert article.current_workflow_task.get_actions(article, other_author) == []
    with pytest.raises(PermissionDenied):
        act(article, other_author, "approve")


def test_stamp_fields_posted_by_an_author_are_ignored(client, author):
    steroids = DrugClass.objects.get(slug="corticosteroids")
    client.force_login(author)
    edit_url = reverse("wagtailsnippets_drugs_drugclass:edit", args=[steroids.pk])
    forged = {
        "last_reviewed_on": "2030-01-01",
        "next_review_due": "2040-01-01",
        "review_note": "Forged",
        "reviewed_by": "1",
    }
    response = client.post(edit_url, class_form(steroids, summary="Draft edit.", **forged))
    assert response.status_code == 302
    steroids.refresh_from_db()
    latest = steroids.get_latest_revision_as_object()
    assert latest.summary == "Draft edit."  # the draft was saved...
    assert latest.last_reviewed_on == datetime.date(2023, 5, 10)  # ...without the forgery
    assert latest.next_review_due == datetime.date(2026, 5, 10)
    assert latest.review_note != "Forged"


def test_rejection_sends_back_with_the_comment_and_leaves_the_live_stamp(
    client, article, author, reviewer
):
    edit(article, author, summary="Not ready yet.")
    state = submit(article, author)
    act(article, reviewer, "reject", comment="Please cite the dosing source.")
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert state.current_task_state.comment == "Please cite the dosing source."
    article.refresh_from_db()
    assert article.last_reviewed_on == datetime.date(2023, 5, 10)
    words = public_text(client, article)
    assert "Not ready yet." not in words and OLD_SUMMARY_START in words


def test_reconfirming_unchanged_content_refreshes_the_stamp_and_is_logged(
    client, article, reviewer
):
    article.save_revision(user=reviewer)  # no changes
    submit(article, reviewer)
    actions = [name for name, _, _ in article.current_workflow_task.get_actions(article, reviewer)]
    assert "reconfirm" in actions and "approve" not in actions
    act(article, reviewer, "reconfirm")
    article.refresh_from_db()
    assert article.last_reviewed_on == timezone.localdate()
    assert article.review_note == "Reviewed, no changes."
    entry = PageLogEntry.objects.filter(page=article, action="portal.review.reconfirm").get()
    assert entry.user == reviewer
    assert entry.data["reviewer"] == str(article.reviewed_by)


def test_audit_log_records_submit_reject_and_approve_with_who(article, author, reviewer):
    edit(article, author, summary="First try.")
    submit(article, author)
    act(article, reviewer, "reject", comment="Not yet.")
    edit(article, author, summary="Second try.")
    article.current_workflow_state.resume(author)
    act(article, reviewer, "approve")
    actions = list(
        PageLogEntry.objects.filter(page=article)
        .order_by("timestamp", "pk")
        .values_list("action", "user__username")
    )
    assert ("wagtail.workflow.start", "sam") in actions
    assert ("wagtail.workflow.reject", "amina") in actions
    assert ("wagtail.workflow.resume", "sam") in actions
    assert ("wagtail.workflow.approve", "amina") in actions
    assert ("portal.review.approve", "amina") in actions


def test_records_go_through_the_same_review(client, author, reviewer):
    drug = Drug.objects.get(generic_name="etanercept")
    edit(drug, author, summary="A reviewed change to etanercept.")
    submit(drug, author)
    assert "A reviewed change" not in text(client.get(drug.get_url()))
    act(drug, reviewer, "approve")
    drug.refresh_from_db()
    assert drug.last_reviewed_on == timezone.localdate()
    response = client.get(drug.get_url())
    assert "A reviewed change to etanercept." in text(response)
    assert soup(response).find("time", attrs={"datetime": timezone.localdate().isoformat()})


def test_content_in_review_stays_out_of_pages_sitemap_and_api(client, article, author):
    edit(article, author, summary="In review, not public.", title="Secret title")
    submit(article, author)
    assert "In review" not in public_text(client, article)
    assert "Secret title" not in client.get("/sitemap.xml").content.decode()
    api = client.get("/api/v2/pages/", {"type": "pages.ArticlePage", "fields": "summary"}).json()
    assert all("In review" not in item["summary"] for item in api["items"])
    assert [item["title"] for item in api["items"]] == ["Immunomodulators"]
    draft_only = ArticlePage(title="Never published", slug="never-published", summary="x", body=[])
    article.get_parent().add_child(instance=draft_only)
    draft_only.unpublish() if draft_only.live else None
    assert "never-published" not in client.get("/sitemap.xml").content.decode()
    api_titles = [i["title"] for i in client.get("/api/v2/pages/").json()["items"]]
    assert "Never published" not in api_titles


def test_rejection_emails_the_author_with_the_comment(mailoutbox, article, author, reviewer):
    edit(article, author, summary="Needs a source.")
    submit(article, author)
    mailoutbox.clear()
    act(article, reviewer, "reject", comment="Please cite the dosing source.")
    to_author = [m for m in mailoutbox if author.email in m.to]
    assert to_author, [m.to for m in mailoutbox]
    assert "Please cite the dosing source." in to_author[0].body


def test_admins_manage_reviewer_profiles(client, reviewer):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.create_superuser("root", "r@example.org", "pw"))
    listing = reverse("wagtailsnippets_pages_reviewerprofile:list")
    assert "Dr Amina Okafor" in text(client.get(listing, {"q": "Okafor"}))
    assert client.get(listing, {"q": 'a"b'}).status_code == 200


def test_reviewer_cannot_approve_a_submission_containing_any_of_their_edits(
    article, reviewer, author
):
    edit(article, reviewer, summary="The reviewer's own wording.")
    edit(article, author, summary="The reviewer's own wording, tidied by the author.")
    submit(article, author)
    actions = [name for name, _, _ in article.current_workflow_task.get_actions(article, reviewer)]
    assert actions == ["reject", "handover"]  # no approval: hand it to another reviewer
