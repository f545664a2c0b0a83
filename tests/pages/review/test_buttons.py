"""Buttons that do what they say (issue 13, finding 6): nobody is offered a Publish button on
medical content, not even a superuser, because content goes live only when Medical review
approves it."""

import pytest

from django.urls import reverse

from drugs.models import Condition, Drug, DrugClass
from pages.models import ArticlePage, ContentPage, HomePage, SectionPage
from tests.drugs.snippets import snippet_url
from tests.html import soup

pytestmark = pytest.mark.django_db

RECORDS = [Drug, DrugClass, Condition]
PAGES = [HomePage, SectionPage, ArticlePage, ContentPage]


def offered_actions(response) -> set[str]:
    """The names of the footer's buttons, and the labels of every button and link in it."""
    footer = soup(response).find("footer") or soup(response)
    names = {button.get("name") for button in footer.find_all("button") if button.get("name")}
    labels = {b.get_text(" ", strip=True) for b in footer.find_all(["button", "a"])}
    return names | labels


@pytest.mark.parametrize("model", RECORDS, ids=lambda m: m.__name__)
@pytest.mark.parametrize("view", ["add", "edit"])
def test_a_superuser_is_offered_no_publish_button_on_records(admin_client, model, view):
    args = [] if view == "add" else [model.objects.live().first().pk]
    response = admin_client.get(snippet_url(model, view, *args))
    assert response.status_code == 200
    offered = offered_actions(response)
    assert "action-publish" not in offered
    assert "Publish" not in offered


@pytest.mark.parametrize("model", PAGES, ids=lambda m: m.__name__)
def test_a_superuser_is_offered_no_publish_button_on_pages(admin_client, model):
    page = model.objects.live().first()
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    offered = offered_actions(response)
    assert "action-publish" not in offered
    assert "Publish" not in offered


@pytest.mark.parametrize("model", PAGES[1:], ids=lambda m: m.__name__)  # one home page only
def test_a_superuser_is_offered_no_publish_button_on_a_new_page(admin_client, model):
    parent_model = model.allowed_parent_page_models()[0]
    parent = parent_model.objects.first()
    url = reverse(
        "wagtailadmin_pages:add", args=[model._meta.app_label, model._meta.model_name, parent.pk]
    )
    response = admin_client.get(url)
    assert response.status_code == 200
    offered = offered_actions(response)
    assert "action-publish" not in offered
    assert "Publish" not in offered


@pytest.mark.parametrize("model", RECORDS, ids=lambda m: m.__name__)
def test_a_crafted_publish_by_a_superuser_publishes_no_record(admin_client, model):
    from tests.pages.review.editor import footer

    record = model.objects.live().first()
    response = footer(admin_client, record, "publish", summary="Never reviewed.")
    assert response.status_code == 200
    record.refresh_from_db()
    assert record.summary != "Never reviewed."  # the live record is unchanged
    assert record.get_latest_revision_as_object().summary == "Never reviewed."  # a draft
    said = " ".join(str(message) for message in response.context["messages"])
    assert "published" not in said


def test_a_new_home_page_cannot_be_published_by_a_superuser(admin_client, home):
    """Under the tree's root Wagtail's own permission rules apply (a superuser may publish
    there); the portal still offers no Publish, and refuses one posted by hand."""
    root = home.get_parent()
    home.delete()  # a site being set up afresh
    url = reverse("wagtailadmin_pages:add", args=["pages", "homepage", root.pk])
    response = admin_client.get(url)
    assert response.status_code == 200
    assert "action-publish" not in offered_actions(response)
    data = {"title": "A home page", "slug": "a-home-page", "intro": "", "action-publish": "1"}
    response = admin_client.post(url, data, follow=True)
    new_home = HomePage.objects.get(slug="a-home-page")
    assert not new_home.live
    said = " ".join(str(message) for message in response.context["messages"])
    assert "Not published: medical content goes live only when Medical review approves" in said


BULK = "/admin/bulk/wagtailcore/page/{action}/"


def test_the_page_listing_offers_no_bulk_publish_or_unpublish(admin_client, article):
    response = admin_client.get(reverse("wagtailadmin_explore", args=[article.get_parent().pk]))
    assert response.status_code == 200
    bulk = {a["href"] for a in soup(response).find_all(attrs={"data-bulk-action-button": True})}
    assert BULK.format(action="delete") in bulk  # the bulk actions are there...
    assert BULK.format(action="publish") not in bulk  # ...without publishing
    assert BULK.format(action="unpublish") not in bulk  # nor an unpublish without a reason


@pytest.mark.parametrize("action", ["publish", "unpublish"])
def test_a_crafted_bulk_publish_or_unpublish_changes_nothing(admin_client, article, action):
    from tests.pages.review.workflow import edit

    edit(article, None, summary="A draft nobody reviewed.")
    url = BULK.format(action=action) + f"?id={article.pk}"
    assert admin_client.get(url).status_code == 404
    response = admin_client.post(url, {"include_descendants": "on"})
    assert response.status_code == 404
    article.refresh_from_db()
    assert article.live
    assert article.summary != "A draft nobody reviewed."


def copy_url(page) -> str:
    return reverse("wagtailadmin_pages:copy", args=[page.pk])


def test_the_copy_form_offers_no_publish_copies_nor_alias(admin_client, article):
    response = admin_client.get(copy_url(article))
    assert response.status_code == 200
    fields = {field.get("name") for field in soup(response).find_all("input")}
    assert "new_title" in fields
    assert "publish_copies" not in fields
    assert "alias" not in fields


@pytest.mark.parametrize("crafted", ["publish_copies", "alias"])
def test_a_crafted_copy_is_a_draft(admin_client, article, crafted):
    data = {
        "new_title": "Immunomodulators (copy)",
        "new_slug": "immunomodulators-copy",
        "new_parent_page": article.get_parent().pk,
        crafted: "on",
    }
    response = admin_client.post(copy_url(article), data)
    assert response.status_code == 302
    copy = ArticlePage.objects.get(slug="immunomodulators-copy")
    assert not copy.live
    assert copy.alias_of_id is None
