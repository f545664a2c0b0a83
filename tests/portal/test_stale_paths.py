"""The four ways the caches served a stale medical fact (issue 14), each compared with a
fresh render after the change: a drug moved to another class, a live drug deleted, a page
made private, and a cache that lost an invalidation.

Every cache is on (page cache, page content, pages kept by address). Runs on SQLite and
PostgreSQL with Django's local-memory cache."""

from unittest import mock

import pytest

from django.core.cache import cache
from django.test import override_settings

from wagtail.models import PageViewRestriction

from pages.models import ArticlePage
from tests.drugs.factories import make_class, make_drug

pytestmark = pytest.mark.django_db

CACHES_OFF = {"PAGE_CACHE_SECONDS": 0, "FRAGMENT_CACHE_SECONDS": 0, "ROUTE_CACHE_SECONDS": 0}


@pytest.fixture
def caches_on(settings):
    settings.PAGE_CACHE_SECONDS = 600
    settings.FRAGMENT_CACHE_SECONDS = 600
    settings.ROUTE_CACHE_SECONDS = 60
    cache.clear()
    yield
    cache.clear()


def served(client, url) -> str:
    response = client.get(url)
    assert response.status_code in (200, 401, 404), url
    return response.content.decode()


def fresh(client, url) -> str:
    with override_settings(**CACHES_OFF):
        return served(client, url)


def assert_fresh(client, urls):
    stale = [url for url in urls if served(client, url) != fresh(client, url)]
    assert not stale, f"served stale: {stale}"


def republish(obj, **changes):
    obj = obj.get_latest_revision_as_object()
    for name, value in changes.items():
        getattr(obj, name).set(value) if name in ("classes", "conditions") else setattr(
            obj, name, value
        )
    obj.save_revision().publish()


def test_a_drug_moved_to_another_class_leaves_the_old_class_page(
    client, caches_on, django_capture_on_commit_callbacks
):
    old, new = make_class(name="Old home class"), make_class(name="New home class")
    drug = make_drug(name="wanderamab", classes=[old])
    urls = [old.get_url(), new.get_url(), drug.get_url(), "/drug-classes/"]
    for url in urls:
        served(client, url)
    assert "wanderamab" in served(client, old.get_url())
    with django_capture_on_commit_callbacks(execute=True):
        republish(drug, classes=[new])
    assert "wanderamab" not in served(client, old.get_url())
    assert_fresh(client, urls)


def test_a_deleted_live_drug_leaves_every_page_that_listed_it(
    client, caches_on, article, django_capture_on_commit_callbacks
):
    drug_class = make_class(name="Deletion class")
    drug = make_drug(name="vanishamab", classes=[drug_class])
    cited = article.drugs.first()
    urls = [drug_class.get_url(), article.url, "/drugs/?letter=v", cited.get_url()]
    for url in urls:
        served(client, url)
    with django_capture_on_commit_callbacks(execute=True):
        drug.delete()
        cited.delete()
    assert "vanishamab" not in served(client, drug_class.get_url())
    assert_fresh(client, urls)


def test_a_page_made_private_leaves_every_listing(
    client, caches_on, article, home, django_capture_on_commit_callbacks
):
    listings = [home.url, article.get_parent().url]
    listings += [
        record.get_url() for record in [*article.drugs.all()[:2], article.conditions.first()]
    ]
    for url in listings:
        assert article.title in served(client, url), url
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(
            page=article, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
        )
    assert_fresh(client, listings)
    response = client.get(article.url)
    assert article.summary[:40] not in response.content.decode()  # the password form


def test_a_lost_invalidation_never_shows_a_private_page(client, settings, article):
    """The cache missed the bump (a Redis that dropped it): a private page is still private."""
    settings.ROUTE_CACHE_SECONDS = 60
    settings.FRAGMENT_CACHE_SECONDS = 600
    cache.clear()
    assert client.get(article.url).status_code == 200
    with mock.patch("portal.cache.tags.bump_now"):  # every invalidation lost
        PageViewRestriction.objects.create(
            page=ArticlePage.objects.get(pk=article.pk),
            restriction_type=PageViewRestriction.PASSWORD,
            password="s3cret",
        )
    body = client.get(article.url).content.decode()
    assert article.summary[:40] not in body


def test_a_condition_published_again_returns_to_the_drug_pages_that_list_it(
    client, caches_on, django_capture_on_commit_callbacks
):
    """Found by the property test on PostgreSQL: a drug's page rendered while one of its
    conditions was unpublished carried no tag of it, so publishing it again left the page
    without it."""
    from tests.drugs.factories import make_condition

    condition = make_condition(name="Returning syndrome")
    drug = make_drug(name="returnamab", conditions=[condition])
    with django_capture_on_commit_callbacks(execute=True):
        condition.unpublish()
    assert "Returning syndrome" not in served(client, drug.get_url())
    with django_capture_on_commit_callbacks(execute=True):
        condition.get_latest_revision().publish()
    assert "Returning syndrome" in served(client, drug.get_url())
    assert_fresh(client, [drug.get_url(), condition.get_url()])
