"""View restrictions: a page made private is private on the very next request, with
everything under it, whatever any cache kept; Wagtail's check costs one query."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction

pytestmark = pytest.mark.django_db


def restriction_queries(client, url) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    sql = [q["sql"] for q in queries.captured_queries]
    return sum("wagtailcore_pageviewrestriction" in q for q in sql), response


def test_the_check_is_one_query(client, article):
    client.get(article.url)
    asked, response = restriction_queries(client, article.url)
    assert (asked, response.status_code) == (1, 200)


def test_a_section_made_private_is_private_at_once_and_public_again_after(client, article):
    section = article.get_parent()
    for url in (article.url, section.url):
        assert client.get(url).status_code == 200
    restriction = PageViewRestriction.objects.create(
        page=section, restriction_type="password", password="staff-only"
    )
    for url in (article.url, section.url):
        asked, response = restriction_queries(client, url)
        assert 1 <= asked <= 2, url  # the serve check, and a listing's own .public() filter
        assert b'name="password"' in response.content, url
    assert b"adalimumab" not in client.get(article.url).content.lower()
    assert b"adalimumab" in client.get("/drugs/adalimumab/").content  # a public page
    restriction.delete()
    assert b'name="password"' not in client.get(article.url).content
