"""Every page needs the Wagtail Site and the portal settings: they come from the cache, and a
change to either shows on the next page."""

from unittest import mock

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Site

from pages.models import PortalSettings
from tests.html import soup

pytestmark = pytest.mark.django_db


def sql_tables(client, path) -> str:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return " ".join(q["sql"] for q in queries.captured_queries)


@pytest.mark.parametrize("path", ["/", "/drugs/adalimumab/", "/conditions/"])
def test_pages_after_the_first_read_neither_the_site_nor_the_settings(client, path):
    first = sql_tables(client, path)
    assert '"wagtailcore_site"' in first and '"pages_portalsettings"' in first
    again = sql_tables(client, path)
    assert '"wagtailcore_site"' not in again
    assert '"pages_portalsettings"' not in again


def test_a_settings_change_shows_on_the_next_page(client, django_capture_on_commit_callbacks):
    client.get("/")
    settings = PortalSettings.for_site(Site.objects.get(is_default_site=True))
    with django_capture_on_commit_callbacks(execute=True):
        settings.organisation_name = "Riverside Health Library"
        settings.save()
    title = soup(client.get("/")).title.get_text()
    assert "Riverside Health Library" in title


def test_a_site_change_shows_on_the_next_page(client, django_capture_on_commit_callbacks):
    client.get("/robots.txt")
    site = Site.objects.get(is_default_site=True)
    with django_capture_on_commit_callbacks(execute=True):
        site.hostname, site.port = "library.example.org", 443
        site.save()
    body = client.get("/robots.txt").content.decode()
    assert "Sitemap: https://library.example.org/sitemap.xml" in body


def test_with_the_cache_unreachable_pages_look_the_site_up_themselves(client):
    with mock.patch("portal.cache.site_lookup.cache.get_many", side_effect=ConnectionError):
        tables = sql_tables(client, "/")
    assert '"wagtailcore_site"' in tables


def test_an_unknown_host_is_refused_and_nothing_is_stored_for_it(client, settings):
    from django.core.cache import cache

    settings.ALLOWED_HOSTS = ["testserver"]
    response = client.get("/", headers={"host": "evil.example"})
    assert response.status_code == 400
    assert not [k for k in cache._cache if "site-lookup" in k]  # LocMemCache's own store


def footer_links(client) -> dict[str, str]:
    footer = soup(client.get("/")).find("nav", class_="footer-nav")
    return {a.get_text(strip=True): a["href"] for a in footer.find_all("a")}


def test_a_policy_page_moved_or_unpublished_leaves_the_footer_at_once(
    client, django_capture_on_commit_callbacks
):
    """The settings link to the policy pages: the cached settings must not keep an old
    address or a page no longer live."""
    settings = PortalSettings.for_site(Site.objects.get(is_default_site=True))
    policy = settings.editorial_policy_page.specific
    assert footer_links(client)["Editorial policy"] == policy.url
    with django_capture_on_commit_callbacks(execute=True):
        policy.slug = "how-we-write"
        policy.save_revision().publish()
    assert footer_links(client)["Editorial policy"].endswith("/how-we-write/")
    with django_capture_on_commit_callbacks(execute=True):
        policy.unpublish()
    assert "Editorial policy" not in footer_links(client)
