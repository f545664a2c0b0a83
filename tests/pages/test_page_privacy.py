"""Making a page private (issue 13, finding 6): Wagtail lets whoever may publish set a
page's privacy, and here nobody may publish, so nobody could. Site administrators can:
superusers, and anyone given the "Can change page view restriction" permission in
Settings → Groups. Tested through the admin's own Privacy dialog."""

import json

import pytest

from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from wagtail.models import PageViewRestriction

from tests.html import soup
from tests.pages.review.workflow import AUTHORS, REVIEWERS, person

pytestmark = pytest.mark.django_db

PASSWORD = {"restriction_type": "password", "password": "staff-only-2026"}


def privacy_url(page) -> str:
    return reverse("wagtailadmin_pages:set_privacy", args=[page.pk])


def offers_privacy(editor) -> bool:
    return any(
        button.get_text(strip=True) == "Change privacy"
        for button in soup(editor).find_all("button")
    )


def test_a_superuser_makes_a_page_private_and_public_again(admin_client, client, article):
    editor = admin_client.get(reverse("wagtailadmin_pages:edit", args=[article.pk]))
    assert offers_privacy(editor)  # the Status panel's "Change privacy"
    dialog = admin_client.get(privacy_url(article))
    assert dialog.status_code == 200
    assert json.loads(dialog.content)["step"] == "set_privacy"

    done = admin_client.post(privacy_url(article), PASSWORD)
    assert json.loads(done.content) == {"step": "set_privacy_done", "is_public": False}
    assert PageViewRestriction.objects.filter(page=article).exists()
    assert b'name="password"' in client.get(article.url).content  # readers get the form

    admin_client.post(privacy_url(article), {"restriction_type": "none"})
    assert not PageViewRestriction.objects.filter(page=article).exists()
    assert b'name="password"' not in client.get(article.url).content


def test_the_permission_lets_a_site_administrator_who_is_no_superuser(client, article):
    admins = Group.objects.create(name="Site administrators")
    admins.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="change_pageviewrestriction"),
    )
    client.force_login(person("ada", admins.name))
    assert client.get(privacy_url(article)).status_code == 200
    client.post(privacy_url(article), PASSWORD)
    assert PageViewRestriction.objects.filter(page=article).exists()


@pytest.mark.parametrize("group", [AUTHORS, REVIEWERS])
def test_authors_and_reviewers_cannot_set_privacy(client, article, group):
    client.force_login(person("lee", group))
    assert not offers_privacy(client.get(reverse("wagtailadmin_pages:edit", args=[article.pk])))
    assert client.get(privacy_url(article)).status_code in (302, 403)
    client.post(privacy_url(article), PASSWORD)
    assert not PageViewRestriction.objects.filter(page=article).exists()


def test_the_permission_is_offered_in_the_group_editor(admin_client):
    response = admin_client.get(reverse("wagtailusers_groups:add"))
    assert "page view restriction" in response.content.decode().lower()
