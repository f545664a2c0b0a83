"""Editors manage the medical records in the Wagtail admin: list, search, filter, inspect,
edit with revisions, and preview."""

import pytest

from django.contrib.auth import get_user_model
from django.urls import reverse

from drugs.models import Condition, Drug, DrugClass
from tests.html import text

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    user = get_user_model().objects.create_superuser("editor", "editor@example.org", "pw")
    client.force_login(user)
    return client


def url(model, action, *args):
    return reverse(f"wagtailsnippets_drugs_{model._meta.model_name}:{action}", args=args)


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


def test_saving_a_drug_draft_keeps_the_live_version(editor_client, client):
    drug = Drug.objects.get(generic_name="etanercept")
    drug.summary = "A draft change no reader should see yet."
    drug.save_revision()
    drug.refresh_from_db()
    assert drug.has_unpublished_changes
    assert "no reader should see" not in text(client.get(drug.get_url()))


def test_preview_renders_the_public_template(editor_client):
    drug = Drug.objects.get(generic_name="rituximab")
    response = editor_client.get(url(Drug, "preview_on_edit", drug.pk))
    # The preview view renders stored preview data; a GET without it shows an explanation.
    assert response.status_code == 200


def test_admin_requires_login(client):
    response = client.get(url(Drug, "list"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
