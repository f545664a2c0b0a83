"""The search admin for medical editors: the search-terms and no-results reports and the
promoted results, reached through permissions their groups hold (never through a group's
name), and promotions that never show readers what they could not open."""

import json

import pytest

from django.contrib.auth.models import Group, Permission

from pages.demo import logins
from tests.html import soup
from tests.pages.review.workflow import AUTHORS, REVIEWERS, person

pytestmark = pytest.mark.django_db

# The admin's menu items for search, by the label the sidebar shows.
SEARCH_TERMS, NO_RESULTS, PROMOTED = (
    "Search terms",
    "Searches with no results",
    "Promoted search results",
)
MENU_ITEMS = [SEARCH_TERMS, NO_RESULTS, PROMOTED]
# Grants that open them, held by both medical groups (portal/migrations/0004_…).
SEARCH_PERMISSIONS = {
    "wagtailsearchpromotions.view_query",
    "portal.view_searchmiss",
    "wagtailsearchpromotions.add_searchpromotion",
    "wagtailsearchpromotions.change_searchpromotion",
    "wagtailsearchpromotions.delete_searchpromotion",
}


def menu(client) -> dict[str, str]:
    """The admin sidebar's links, label → URL, read from the props the sidebar renders."""
    props = soup(client.get("/admin/")).find("script", id="wagtail-sidebar-props")
    found = {}

    def walk(node):
        if isinstance(node, dict):
            if isinstance(node.get("label"), str) and isinstance(node.get("url"), str):
                found[node["label"]] = node["url"]
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json.loads(props.string))
    return found


@pytest.fixture
def demo_author(client):
    """The demo loader's medical author, signed in."""
    logins.ensure_demo_logins()
    from django.contrib.auth import get_user_model

    author = get_user_model().objects.get(username=logins.AUTHOR.username)
    client.force_login(author)
    return author


@pytest.fixture
def outsider(client):
    """Signed in to the admin, with no other permission."""
    user = person("outsider")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    return user


def test_both_medical_groups_hold_the_search_permissions():
    for name in (AUTHORS, REVIEWERS):
        held = {
            f"{app}.{codename}"
            for app, codename in Group.objects.get(name=name).permissions.values_list(
                "content_type__app_label", "codename"
            )
        }
        assert held >= SEARCH_PERMISSIONS, name


@pytest.mark.parametrize("label", MENU_ITEMS)
def test_the_demo_author_finds_each_search_screen_in_the_menu(client, demo_author, label):
    url = menu(client).get(label)
    assert url, f"{label!r} is not in the author's menu"
    assert client.get(url).status_code == 200
    assert client.get(url + "results/").status_code == 200


@pytest.mark.parametrize("group", [AUTHORS, REVIEWERS])
def test_a_reviewer_and_an_author_can_export_the_search_reports(client, group):
    client.force_login(person("medic", group))
    client.get("/search/", {"q": "Humira"})
    client.get("/search/", {"q": "qqqzzzxxx"})
    items = menu(client)
    terms = client.get(items[SEARCH_TERMS], {"export": "csv"})
    assert terms.status_code == 200 and "humira" in b"".join(terms.streaming_content).decode()
    misses = client.get(items[NO_RESULTS], {"export": "csv"})
    assert "qqqzzzxxx" in b"".join(misses.streaming_content).decode()


def test_the_permission_opens_the_screens_whatever_the_group_is_called(client):
    """A group of another name, given the permissions, opens them all."""
    group = Group.objects.create(name="Web team")
    for label in SEARCH_PERMISSIONS | {"wagtailadmin.access_admin"}:
        app, codename = label.split(".")
        group.permissions.add(
            Permission.objects.get(content_type__app_label=app, codename=codename)
        )
    client.force_login(person("webteam", "Web team"))
    items = menu(client)
    for label in MENU_ITEMS:
        assert client.get(items[label]).status_code == 200, label


def admin_search_urls(client) -> list[str]:
    """Every search screen's address, as a superuser's menu links to it."""
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.create_superuser("root", "root@example.org", "pw")
    client.force_login(admin)
    items = menu(client)
    client.logout()
    return [items[label] for label in MENU_ITEMS]


def test_someone_without_the_permissions_sees_none_of_them(client):
    urls = admin_search_urls(client)
    user = person("outsider")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    items = menu(client)
    assert not set(MENU_ITEMS) & set(items)
    client.get("/search/", {"q": "qqqzzzxxx"})
    for url in urls:
        for address in (url, url + "results/", url + "?export=csv"):
            response = client.get(address)
            assert response.status_code in (302, 403), address
            assert b"qqqzzzxxx" not in response.content


def test_the_demo_loader_gives_the_groups_the_search_permissions_back():
    authors = Group.objects.get(name=AUTHORS)
    authors.permissions.remove(*authors.permissions.filter(content_type__app_label="portal"))
    logins.ensure_demo_logins()
    assert authors.permissions.filter(codename="view_searchmiss").exists()


QUERY_CHOOSER = "/admin/searchpicks/queries/chooser/"


def test_the_popular_search_terms_chooser_is_for_promotion_editors_only(client, outsider):
    """The promotion form's chooser lists what people search for, as the report does."""
    client.get("/search/", {"q": "Humira"})
    for url in (QUERY_CHOOSER, QUERY_CHOOSER + "results/"):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert b"humira" not in response.content


def test_the_demo_author_chooses_from_popular_search_terms(client, demo_author):
    client.get("/search/", {"q": "Humira"})
    response = client.get(QUERY_CHOOSER + "results/")
    assert response.status_code == 200 and b"humira" in response.content
