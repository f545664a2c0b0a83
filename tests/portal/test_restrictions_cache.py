"""Wagtail's view-restriction check is answered from the cache while no page is private,
a page made private is private on the very next request, and once one is, Wagtail's check
costs what it always did (portal/cache/restrictions.py).
Runs on SQLite and PostgreSQL with Django's local-memory cache."""

import pytest

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction

from pages.models import ContentPage

pytestmark = pytest.mark.django_db


def restriction_queries(client, url) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    sql = [q["sql"] for q in queries.captured_queries]
    return sum("wagtailcore_pageviewrestriction" in q for q in sql), response


def test_while_no_page_is_private_the_check_costs_no_query(client, article):
    client.get(article.url)
    asked, response = restriction_queries(client, article.url)
    assert (asked, response.status_code) == (0, 200)


def test_a_section_made_private_is_private_at_once_and_public_again_after(
    client, article, django_capture_on_commit_callbacks
):
    section = article.get_parent()
    for url in (article.url, section.url):
        assert client.get(url).status_code == 200  # the "none anywhere" answer is kept

    with django_capture_on_commit_callbacks(execute=True):
        restriction = PageViewRestriction.objects.create(
            page=section, restriction_type="password", password="staff-only"
        )
    for url in (article.url, section.url):
        asked, response = restriction_queries(client, url)
        assert asked >= 1, url
        assert b'name="password"' in response.content, url
    policy = ContentPage.objects.live().first().url  # a page that lists no other pages
    client.get(policy)
    assert restriction_queries(client, policy)[0] == 1, "Wagtail's own check, nothing more"
    assert b"adalimumab" in client.get("/drugs/adalimumab/").content  # a public page
    assert b"adalimumab" not in restriction_queries(client, article.url)[1].content.lower()

    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
    assert b'name="password"' not in client.get(article.url).content
    client.get(article.url)
    assert restriction_queries(client, article.url)[0] == 0


def test_with_the_cache_emptied_wagtail_checks_again(client, article):
    client.get(article.url)
    cache.clear()
    asked, response = restriction_queries(client, article.url)
    assert asked >= 1 and response.status_code == 200


def test_the_answer_is_asked_again_after_any_invalidation(
    client, article, django_capture_on_commit_callbacks
):
    """Trusted only at the generation it was read at: a restriction whose own invalidation
    was lost is still found after the next publish anywhere."""
    from drugs.models import Drug

    client.get(article.url)
    PageViewRestriction.objects.create(page=article, restriction_type="password", password="x")
    drug = Drug.objects.get(generic_name="adalimumab")
    with django_capture_on_commit_callbacks(execute=True):
        drug.save_revision().publish()  # moves the generation, names nothing private
    assert b'name="password"' in client.get(article.url).content
