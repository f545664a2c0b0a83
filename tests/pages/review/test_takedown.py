"""Emergency takedown (issue 13, finding 6): a medical reviewer can take any live page or
record off the site at once, giving a reason that goes into its history; nobody else can,
superusers included; and every page, list, search result and cached copy that showed it
forgets it at once."""

import pytest

from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from wagtail.models import ModelLogEntry, PageLogEntry

from drugs.models import Condition, Drug, DrugClass
from pages.models import ArticlePage
from tests.drugs.snippets import snippet_url
from tests.html import soup, text
from tests.pages.review.workflow import AUTHORS, REVIEWERS, person

pytestmark = pytest.mark.django_db

RECORDS = [Drug, DrugClass, Condition]
REASON = "The dosing table was found to be wrong; withdrawn until it is corrected."


@pytest.fixture
def reviewer():
    return person("amina", REVIEWERS, first_name="Amina", last_name="Okafor")


@pytest.fixture
def author():
    return person("sam", AUTHORS)


def offers_takedown(response, item) -> bool:
    """Whether the editor's footer menu has Unpublish, leading to the takedown."""
    footer = soup(response).find("footer")
    return any(
        link["href"] == unpublish_url(item) and link.get_text(strip=True) == "Unpublish"
        for link in footer.find_all("a", href=True)
    )


def unpublish_url(obj) -> str:
    if isinstance(obj, ArticlePage):
        return reverse("wagtailadmin_pages:unpublish", args=[obj.pk])
    return snippet_url(type(obj), "unpublish", obj.pk)


def edit_url(obj) -> str:
    if isinstance(obj, ArticlePage):
        return reverse("wagtailadmin_pages:edit", args=[obj.pk])
    return snippet_url(type(obj), "edit", obj.pk)


def live_items(article):
    return [article, *(model.objects.live().first() for model in RECORDS)]


@pytest.mark.parametrize("index", range(4), ids=["ArticlePage", *(m.__name__ for m in RECORDS)])
def test_a_reviewer_takes_a_live_item_down_with_a_reason_in_its_history(
    client, article, reviewer, index
):
    item = live_items(article)[index]
    client.force_login(reviewer)
    editor = client.get(edit_url(item))
    assert offers_takedown(editor, item)

    form = client.get(unpublish_url(item))
    assert form.status_code == 200
    assert "Why is it being taken down?" in text(form)

    response = client.post(unpublish_url(item), {"reason": REASON}, follow=True)
    assert response.status_code == 200
    item.refresh_from_db()
    assert not item.live
    assert "taken down" in " ".join(str(m) for m in response.context["messages"])

    logs = PageLogEntry if isinstance(item, ArticlePage) else ModelLogEntry
    entry = logs.objects.for_instance(item).get(action="portal.takedown")
    assert entry.data == {"reason": REASON}
    assert entry.user == reviewer
    history_url = (
        reverse("wagtailadmin_pages:history", args=[item.pk])
        if isinstance(item, ArticlePage)
        else snippet_url(type(item), "history", item.pk)
    )
    assert f"Taken down: {REASON}" in text(client.get(history_url))


@pytest.mark.parametrize("index", range(4), ids=["ArticlePage", *(m.__name__ for m in RECORDS)])
def test_a_takedown_without_a_reason_is_refused_with_a_clear_message(
    client, article, reviewer, index
):
    item = live_items(article)[index]
    client.force_login(reviewer)
    response = client.post(unpublish_url(item), {"reason": "   "})
    assert response.status_code == 400
    assert "Give the reason for taking it down" in text(response)
    item.refresh_from_db()
    assert item.live


@pytest.mark.parametrize("who", ["superuser", "author"])
@pytest.mark.parametrize("index", range(4), ids=["ArticlePage", *(m.__name__ for m in RECORDS)])
def test_nobody_but_a_reviewer_is_offered_or_allowed_a_takedown(
    client, admin_user, author, article, who, index
):
    item = live_items(article)[index]
    client.force_login(admin_user if who == "superuser" else author)
    editor = client.get(edit_url(item))
    assert editor.status_code == 200
    assert "Unpublish" not in soup(editor).find("footer").get_text(" ")
    response = client.post(unpublish_url(item), {"reason": REASON})
    assert response.status_code in (302, 403)
    item.refresh_from_db()
    assert item.live


def links_to(client, url, href) -> bool:
    response = client.get(url)
    assert response.status_code == 200, url
    return any(a["href"] == href for a in soup(response).find_all("a", href=True))


@pytest.fixture
def caches_on(settings):
    settings.PAGE_CACHE_SECONDS = 600
    settings.FRAGMENT_CACHE_SECONDS = 600
    settings.ROUTE_CACHE_SECONDS = 60
    settings.SEARCH_RESULTS_CACHE_SECONDS = 600
    cache.clear()
    yield
    cache.clear()


def test_a_drug_taken_down_leaves_every_page_list_and_search_at_once(
    client, caches_on, article, reviewer, django_capture_on_commit_callbacks
):
    drug = article.drugs.live().filter(classes__isnull=False, conditions__isnull=False).first()
    drug_url = drug.get_url()
    drug_class, condition = drug.classes.first(), drug.conditions.first()
    showing = [
        drug_class.get_url(),
        condition.get_url(),
        article.url,
        f"/drugs/?letter={drug.generic_name[0].lower()}",
        f"/search/?q={drug.generic_name}",
    ]
    assert client.get(drug_url).status_code == 200
    for url in showing:
        assert links_to(client, url, drug_url), url
    for url in [drug_url, *showing[:-1]]:
        assert client.get(url)["X-Cache"] == "HIT", url  # each is served from the cache

    editor = client.__class__()
    editor.force_login(reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(unpublish_url(drug), {"reason": REASON})
    assert response.status_code == 302

    assert client.get(drug_url).status_code == 404
    still_showing = [url for url in showing if links_to(client, url, drug_url)]
    assert not still_showing
    suggestions = client.get(f"/search/autocomplete/?q={drug.generic_name[:4]}")
    assert drug.generic_name not in suggestions.content.decode()


@pytest.mark.parametrize("index", [0, 1], ids=["ArticlePage", "Drug"])
def test_a_lock_held_by_someone_else_does_not_stop_a_takedown(
    client, article, reviewer, author, index
):
    item = live_items(article)[index]
    type(item).objects.filter(pk=item.pk).update(
        locked=True, locked_by=author, locked_at=timezone.now()
    )
    client.force_login(reviewer)
    assert offers_takedown(client.get(edit_url(item)), item)
    response = client.post(unpublish_url(item), {"reason": REASON})
    assert response.status_code == 302
    item.refresh_from_db()
    assert not item.live
