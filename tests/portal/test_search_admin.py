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


# --- promoting a record ------------------------------------------------------------------------

RECORDS = "Promoted records"


def promoted(client, query="arthritis") -> list[tuple[str, str]]:
    """The promoted results a reader is shown for a search, as (title, link), in order."""
    page = soup(client.get("/search/", {"q": query}))
    return [(a.get_text(strip=True), a["href"]) for a in page.select(".search-promotions a")]


def promote(record, query="arthritis", **fields):
    from portal.models import RecordPromotion

    field = {"Drug": "drug", "DrugClass": "drug_class", "Condition": "condition"}
    return RecordPromotion.objects.create(
        query_string=query, **{field[type(record).__name__]: record}, **fields
    )


def test_the_demo_author_promotes_a_drug_with_the_record_chooser(client, demo_author):
    from drugs.models import Drug

    url = menu(client)[RECORDS]
    form = client.get(url + "new/")
    assert form.status_code == 200
    # A chooser for each kind of record, opening its own listing.
    html = form.content.decode()
    for chooser in (
        "/admin/snippets/choose/drugs/drug/",
        "/admin/snippets/choose/drugs/drugclass/",
    ):
        assert chooser in html
        assert client.get(chooser).status_code == 200
    adalimumab = Drug.objects.get(generic_name="adalimumab")
    response = client.post(
        url + "new/",
        {"query_string": "  Arthritis ", "drug": adalimumab.pk, "description": "The TNF blocker"},
    )
    assert response.status_code == 302, soup(response).select(".error-message")
    client.logout()
    assert promoted(client)[0] == ("Adalimumab", "/drugs/adalimumab/")
    page = soup(client.get("/search/", {"q": "arthritis"}))
    blocks = [element.name for element in page.select(".search-promotions, .search-results__list")]
    assert blocks == ["ul", "ol"]  # above every result
    assert "The TNF blocker" in page.select_one(".search-promotions").get_text()


@pytest.mark.parametrize("chosen", [(), ("drug", "condition")])
def test_a_record_promotion_names_exactly_one_record(client, demo_author, chosen):
    from drugs.models import Condition, Drug

    ids = {"drug": Drug.objects.first().pk, "condition": Condition.objects.first().pk}
    response = client.post(
        menu(client)[RECORDS] + "new/",
        {"query_string": "arthritis", **{name: ids[name] for name in chosen}},
    )
    assert response.status_code == 200
    assert "Choose one drug, drug class or condition" in response.content.decode()


def test_someone_without_the_permission_cannot_promote_a_record(client, outsider):
    assert RECORDS not in menu(client)
    for url in ("/admin/search/promoted-records/", "/admin/search/promoted-records/new/"):
        assert client.get(url).status_code in (302, 403)


def test_a_promoted_drug_class_and_condition_link_to_their_pages(client):
    from drugs.models import Condition, DrugClass

    promote(DrugClass.objects.get(slug="tnf-inhibitors"))
    promote(Condition.objects.get(slug="rheumatoid-arthritis"))
    assert promoted(client) == [
        ("TNF inhibitors", "/drug-classes/tnf-inhibitors/"),
        ("Rheumatoid arthritis", "/conditions/rheumatoid-arthritis/"),
    ]


def test_a_record_taken_down_leaves_the_promotions(client):
    from drugs.models import Drug

    drug = Drug.objects.get(generic_name="adalimumab")
    promote(drug)
    assert promoted(client) == [("Adalimumab", "/drugs/adalimumab/")]
    drug.unpublish()
    assert promoted(client) == []


def test_a_record_never_published_is_not_promoted(client):
    from tests.drugs.factories import make_drug

    promote(make_drug("secretumab", live=False))
    assert promoted(client) == []


def test_a_private_page_is_not_promoted_to_readers(client, article):
    from wagtail.contrib.search_promotions.models import Query, SearchPromotion
    from wagtail.models import PageViewRestriction

    SearchPromotion.objects.create(query=Query.get("arthritis"), page=article, sort_order=0)
    assert promoted(client) == [("Immunomodulators", article.url)]
    PageViewRestriction.objects.create(page=article, restriction_type="login")
    response = client.get("/search/", {"q": "arthritis"})
    assert promoted(client) == []
    assert article.url not in response.content.decode()


def test_a_page_under_a_private_section_is_not_promoted(client, article):
    from wagtail.contrib.search_promotions.models import Query, SearchPromotion
    from wagtail.models import PageViewRestriction

    SearchPromotion.objects.create(query=Query.get("arthritis"), page=article, sort_order=0)
    PageViewRestriction.objects.create(
        page=article.get_parent(),
        restriction_type="password",
        password="x",  # noqa: S106
    )
    assert promoted(client) == []


# --- with the results cache on --------------------------------------------------------------


@pytest.fixture
def results_cache(settings):
    from django.core.cache import cache

    settings.SEARCH_RESULTS_CACHE_SECONDS = 600
    cache.clear()
    yield
    cache.clear()


def test_a_record_promotion_shows_changes_and_goes_in_the_next_search(
    results_cache, client, django_capture_on_commit_callbacks
):
    from drugs.models import Drug

    assert promoted(client) == [] and promoted(client) == []  # asked twice: kept
    drug = Drug.objects.get(generic_name="adalimumab")
    with django_capture_on_commit_callbacks(execute=True):
        promotion = promote(drug, description="First words")
    assert promoted(client) == [("Adalimumab", "/drugs/adalimumab/")]
    with django_capture_on_commit_callbacks(execute=True):
        promotion.condition, promotion.drug = drug.conditions.first(), None
        promotion.save()
    assert promoted(client) == [(drug.conditions.first().name, drug.conditions.first().get_url())]
    with django_capture_on_commit_callbacks(execute=True):
        promotion.delete()
    assert promoted(client) == []


def test_a_promoted_record_taken_down_leaves_the_next_search(
    results_cache, client, django_capture_on_commit_callbacks
):
    from drugs.models import Drug

    drug = Drug.objects.get(generic_name="adalimumab")
    promote(drug)
    assert promoted(client) == promoted(client) == [("Adalimumab", "/drugs/adalimumab/")]
    with django_capture_on_commit_callbacks(execute=True):
        drug.unpublish()
    assert promoted(client) == []


def test_a_promoted_page_made_private_leaves_the_next_search(
    results_cache, client, article, django_capture_on_commit_callbacks
):
    from wagtail.contrib.search_promotions.models import Query, SearchPromotion
    from wagtail.models import PageViewRestriction

    SearchPromotion.objects.create(query=Query.get("arthritis"), page=article, sort_order=0)
    assert promoted(client) == promoted(client) == [("Immunomodulators", article.url)]
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=article, restriction_type="login")
    assert promoted(client) == []


def test_an_administrator_can_grant_every_search_permission_to_a_group(admin_client):
    """Settings → Groups offers each one (Wagtail lists only the permissions registered)."""
    from portal.search.permissions import permissions

    form = soup(admin_client.get("/admin/groups/new/"))
    offered = {int(box["value"]) for box in form.select("input[name=permissions]")}
    missing = [p.codename for p in permissions() if p.pk not in offered]
    assert missing == []
