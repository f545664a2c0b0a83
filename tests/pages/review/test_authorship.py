"""The two-person rule decides by who wrote the content under review (issue 13, findings
4 and 5): a revert, a restored revision or a copy cannot launder a reviewer's own text, and
a save that changes nothing a reader sees writes nothing.

Runs on SQLite and PostgreSQL (`DATABASE_URL=... make test`)."""

import json

import pytest

from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from pages.review.rules import latest_revision, unchanged_since_live
from tests.drugs.factories import make_drug
from tests.pages.review.workflow import AUTHORS, REVIEWERS, act, edit, person, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def author():
    return person("sam", AUTHORS, first_name="Sam", last_name="Writer")


@pytest.fixture
def reviewer():
    return person("amina", REVIEWERS, profile=True, first_name="Amina", last_name="Okafor")


@pytest.fixture
def second_reviewer():
    return person("omar", REVIEWERS, profile=True, first_name="Omar", last_name="Haddad")


@pytest.fixture(params=["article", "drug"])
def item(request, article):
    return article if request.param == "article" else make_drug()


def revert(obj, user, revision):
    """What Wagtail's 'Review this version → Replace current draft' does."""
    restored = revision.as_object()
    restored.save_revision(user=user, previous_revision=revision)


def actions(obj, user):
    return [name for name, *_ in obj.current_workflow_task.get_actions(obj, user)]


def test_the_revert_trick_is_refused(item, author, reviewer, second_reviewer):
    live = item.live_revision
    edit(item, reviewer, summary="The reviewer's own wording, never approved by anyone.")
    reviewer_draft = latest_revision(item)
    revert(item, author, live)  # 2. back to the live text …
    submit(item, author)
    act(item, second_reviewer, "reconfirm")  # … which a second reviewer re-confirms
    item.refresh_from_db()
    revert(item, author, reviewer_draft)  # 3. now "the author's" revision
    submit(item, author)
    assert "approve" not in actions(item, reviewer)  # 4. the first reviewer is refused
    with pytest.raises(PermissionDenied, match="includes changes you wrote"):
        act(item, reviewer, "approve")
    assert "approve" in actions(item, second_reviewer)


def test_a_reviewers_phrase_tidied_by_the_author_is_still_theirs(item, author, reviewer):
    edit(item, reviewer, summary="Take it with food to protect your stomach.")
    edit(item, author, summary="Take it with food to protect your stomach lining.")
    submit(item, author)
    assert "approve" not in actions(item, reviewer)


def test_a_rollback_the_reviewer_did_not_touch_may_be_approved(item, author, reviewer):
    """Finding 5: a reviewer who made no change to an author's rollback was refused."""
    edit(item, author, summary="The author's first attempt.")
    first = latest_revision(item)
    edit(item, author, summary="The author's second attempt.")
    edit(item, reviewer)  # opened and saved with no change (an autosave)
    revert(item, author, first)
    submit(item, author)
    assert "approve" in actions(item, reviewer)
    act(item, reviewer, "approve")
    item.refresh_from_db()
    assert item.summary == "The author's first attempt."


def test_removing_text_is_writing_it(item, author, reviewer):
    edit(item, reviewer, summary=" ".join(item.summary.split()[:-2]) or "Shorter.")
    edit(item, author, description="The author adds a description.")
    submit(item, author)
    assert "approve" not in actions(item, reviewer)


def test_a_copy_keeps_who_wrote_its_text(article, author, reviewer, second_reviewer):
    edit(article, reviewer, summary="The reviewer's own words about these medicines.")
    submit(article, author)
    act(article, second_reviewer, "approve")
    article.refresh_from_db()
    copy = article.copy(
        update_attrs={"slug": "immunomodulators-copy", "title": "Copy"},
        user=author,
        keep_live=False,
    ).specific
    assert copy.summary.startswith("The reviewer's own words")
    submit(copy, author)
    assert "approve" not in actions(copy, reviewer)
    assert "approve" in actions(copy, second_reviewer)


def test_rich_text_saved_once_by_the_editor_is_unchanged(article, author):
    """Finding 2: Wagtail's editor adds data-block-key to every paragraph on first save."""
    revision = edit(article, author) and latest_revision(article)
    body = revision.content["body"]
    body = body if isinstance(body, str) else json.dumps(body)
    revision.content["body"] = body.replace("<p>", '<p data-block-key=\\"a1b2c\\">')
    assert revision.content["body"] != body
    revision.save(update_fields=["content"])
    assert unchanged_since_live(article)


def test_a_blocked_reviewer_is_told_who_can_approve_and_can_ask_them(
    client, item, author, reviewer, second_reviewer
):
    edit(item, reviewer, summary="Written by the reviewer.")
    state = submit(item, author)
    client.force_login(reviewer)
    if hasattr(item, "snippet_viewset"):
        edit_url = reverse(item.snippet_viewset.get_url_name("edit"), args=[item.pk])
    else:
        edit_url = reverse("wagtailadmin_pages:edit", args=[item.pk])
    page = client.get(edit_url).content.decode()
    assert "Reviewers who can approve it: Omar Haddad" in page
    assert "handover" in actions(item, reviewer)
    mail.outbox.clear()
    act(item, reviewer, "handover", comment="Could you take this one?")
    assert [m.to for m in mail.outbox] == [[second_reviewer.email]]
    assert "Could you take this one?" in mail.outbox[0].body
    state.refresh_from_db()
    assert state.status == state.STATUS_IN_PROGRESS


def test_a_site_with_one_reviewer_is_told_what_to_do(client, item, reviewer):
    edit(item, reviewer, summary="Written by the only reviewer.")
    submit(item, reviewer)
    client.force_login(reviewer)
    if hasattr(item, "snippet_viewset"):
        edit_url = reverse(item.snippet_viewset.get_url_name("edit"), args=[item.pk])
    else:
        edit_url = reverse("wagtailadmin_pages:edit", args=[item.pk])
    page = client.get(edit_url).content.decode()
    assert "You submitted this for review" in page
    assert "No other medical reviewer can approve it yet" in page
    assert "Medical reviewers (Settings → Groups)" in page


def test_an_article_reworded_while_approving_keeps_the_edit_and_says_why(
    client, article, author, reviewer
):
    from tests.pages.article_form import article_form

    edit(article, author, summary="The author's new summary.")
    submit(article, author)
    client.force_login(reviewer)
    url = reverse("wagtailadmin_pages:edit", args=[article.pk])
    form = article_form(slug=article.slug, title=article.title, summary="Reworded by the reviewer.")
    form.update({"action-workflow-action": "1", "workflow-action-name": "approve"})
    response = client.post(url, form, follow=True)
    page = response.content.decode()
    assert response.redirect_chain[-1][0] == url
    assert "Not approved: your changes were saved as a draft." in page
    article.refresh_from_db()
    assert article.summary != "Reworded by the reviewer."
    assert latest_revision(article).as_object().summary == "Reworded by the reviewer."
