"""Editors manage the medical records in the Wagtail admin: list, search, filter, inspect,
edit with revisions, and preview."""

import pytest

from django.contrib.auth import get_user_model
from django.urls import reverse

from drugs.models import Condition, Drug, DrugClass
from tests.drugs.factories import class_form
from tests.drugs.snippets import snippet_url as url
from tests.html import text

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    user = get_user_model().objects.create_superuser("editor", "editor@example.org", "pw")
    client.force_login(user)
    return client


def test_drug_list_searches_by_brand_name(editor_client):
    response = editor_client.get(url(Drug, "list"), {"q": "Humira"})
    assert response.status_code == 200
    words = text(response)
    assert "adalimumab" in words
    assert "tofacitinib" not in words


def test_drug_list_filters_by_class(editor_client):
    jak = DrugClass.objects.get(name__icontains="Janus")
    response = editor_client.get(url(Drug, "list"), {"classes": jak.pk})
    words = text(response)
    assert "tofacitinib" in words
    assert "adalimumab" not in words


@pytest.mark.parametrize("model", [Drug, DrugClass, Condition])
def test_inspect_and_edit_views_open(editor_client, model):
    obj = model.objects.live().first()
    assert editor_client.get(url(model, "inspect", obj.pk)).status_code == 200
    assert editor_client.get(url(model, "edit", obj.pk)).status_code == 200
    assert editor_client.get(url(model, "history", obj.pk)).status_code == 200


def test_condition_list_searches_synonyms_and_codes(editor_client):
    ra = Condition.objects.get(name="Rheumatoid arthritis")
    assert "Rheumatoid arthritis" in text(
        editor_client.get(url(Condition, "list"), {"q": ra.icd10_code})
    )
    for query in ["RA"]:
        words = text(editor_client.get(url(Condition, "list"), {"q": query}))
        assert "Rheumatoid arthritis" in words, query


@pytest.mark.parametrize("query", ['"', 'a"b', "AND (", "\x00", "x" * 500])
@pytest.mark.parametrize(
    "list_url",
    [
        "wagtailsnippets_drugs_drug:list",
        "wagtailsnippets_drugs_drugclass:list",
        "wagtailsnippets_drugs_condition:list",
        "wagtailsnippets_drugs_route:list",
        "wagtailsnippets_pages_calltoaction:list",
        "wagtailsnippets_pages_advert:list",
    ],
)
def test_admin_listing_search_survives_any_query(editor_client, list_url, query):
    assert editor_client.get(reverse(list_url), {"q": query}).status_code == 200


def test_call_to_action_and_advert_listings_search_their_text(editor_client):
    url_ = reverse("wagtailsnippets_pages_calltoaction:list")
    assert "Cancer answer line" in text(editor_client.get(url_, {"q": "cancer"}))


def test_a_draft_that_moves_a_class_leaves_the_public_tree_alone(editor_client, client):
    tnf = DrugClass.objects.get(slug="tnf-inhibitors")
    steroids = DrugClass.objects.get(slug="corticosteroids")
    before = text(client.get(tnf.get_url()))
    response = editor_client.post(
        url(DrugClass, "edit", tnf.pk), class_form(tnf, parent=steroids.pk)
    )
    assert response.status_code == 302  # saved as a draft
    tnf.refresh_from_db()
    assert tnf.has_unpublished_changes
    assert tnf.parent.slug == "biologics"
    assert text(client.get(tnf.get_url())) == before
    adalimumab = Drug.objects.get(generic_name="adalimumab")
    assert adalimumab.get_url() not in client.get(steroids.get_url()).content.decode()


def test_an_approved_move_moves_the_class_and_its_drugs(editor_client, client):
    from tests.pages.review.workflow import REVIEWERS, act, person, submit

    tnf = DrugClass.objects.get(slug="tnf-inhibitors")
    steroids = DrugClass.objects.get(slug="corticosteroids")
    editor_client.post(url(DrugClass, "edit", tnf.pk), class_form(tnf, parent=steroids.pk))
    tnf.refresh_from_db()
    submit(tnf, get_user_model().objects.get(username="editor"))
    act(tnf, person("reviewer", REVIEWERS, profile=True), "approve")
    tnf.refresh_from_db()
    assert [c.slug for c in tnf.get_ancestors()][-1] == "corticosteroids"
    adalimumab = Drug.objects.get(generic_name="adalimumab")
    assert adalimumab.get_url() in client.get(steroids.get_url()).content.decode()


@pytest.mark.parametrize("model", [Drug, DrugClass, Condition])
def test_preview_renders_the_public_page_of_the_draft(model):
    obj = model.objects.live().first()
    obj.summary = "Previewed wording, not yet published."
    response = obj.make_preview_request()
    assert response.status_code == 200
    assert "Previewed wording, not yet published." in response.content.decode()


def test_admin_requires_login(client):
    response = client.get(url(Drug, "list"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
