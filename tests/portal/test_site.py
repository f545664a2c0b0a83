"""Site-wide pieces: sitemap, robots.txt, error pages, home and section pages."""

import xml.etree.ElementTree as ET  # noqa: N817

import pytest

from drugs.models import Condition, Drug, DrugClass
from pages.models import ContentPage, SectionPage
from tests.html import soup, text

pytestmark = pytest.mark.django_db

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def test_sitemap_lists_live_pages_and_records(client, article):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    locations = {
        loc.text for loc in ET.fromstring(response.content).findall(".//s:loc", SITEMAP_NS)
    }
    assert any(loc.endswith(article.url) for loc in locations)
    for record in [
        Drug.objects.get(generic_name="adalimumab"),
        DrugClass.objects.get(slug="tnf-inhibitors"),
        Condition.objects.get(name="Rheumatoid arthritis"),
    ]:
        assert any(loc.endswith(record.get_url()) for loc in locations), record


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_admin(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://127.0.0.1:8000/sitemap.xml" in body  # the demo's Wagtail Site


def test_unknown_page_gets_the_friendly_404(client):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    page = soup(response)
    assert page.find("form", attrs={"action": "/search/"}) is not None
    assert "/drugs/" in {a["href"] for a in page.find_all("a", href=True)}


def test_server_error_page_needs_no_database(django_assert_num_queries):
    """Django's 500 handler renders our page without touching the database, which may be
    what failed."""
    from django.test import RequestFactory
    from django.views.defaults import server_error

    with django_assert_num_queries(0):
        response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    words = text(response)
    assert "Sorry, something went wrong" in words
    assert "Traceback" not in words


def test_sitemap_leaves_out_drafts_and_unpublished_records(client):
    from tests.drugs.factories import make_drug

    draft = make_drug("sitemapdraftumab", live=False)
    withdrawn = Drug.objects.get(generic_name="etanercept")
    withdrawn.unpublish()
    body = client.get("/sitemap.xml").content.decode()
    assert draft.get_url() not in body
    assert withdrawn.get_url() not in body
    assert Drug.objects.get(generic_name="adalimumab").get_url() in body


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/drugs/",
        "/drugs/adalimumab/",
        "/drug-classes/",
        "/conditions/rheumatoid-arthritis/",
        "/search/?q=x",
        "/robots.txt",
        "/sitemap.xml",
    ],
)
def test_head_requests_are_answered(client, url):
    assert client.head(url).status_code == 200


def test_posting_to_a_read_only_page_is_refused_politely(client):
    assert client.post("/drugs/adalimumab/").status_code == 405


def test_home_page_has_search_sections_and_recently_reviewed_articles(client, home, article):
    response = client.get(home.url)
    assert response.status_code == 200
    page = soup(response)
    assert page.select('main form[action="/search/"] input[name="q"]')
    page_links = {a["href"] for a in page.find_all("a", href=True)}
    for section in SectionPage.objects.live():
        assert section.url in page_links
    assert article.url in page_links


def test_section_page_lists_its_articles_and_links_its_index(client, article):
    section = SectionPage.objects.get(slug="drugs-devices-supplements")
    response = client.get(section.url)
    assert response.status_code == 200
    page_links = {a["href"] for a in soup(response).find_all("a", href=True)}
    assert article.url in page_links
    assert "/drugs/" in page_links


def test_editorial_policy_page_renders(client):
    policy = ContentPage.objects.get(slug="editorial-process")
    response = client.get(policy.url)
    assert response.status_code == 200
    assert "review" in text(response).lower()


def test_a_form_without_its_csrf_token_gets_a_friendly_page():
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post("/admin/login/", {"username": "x"})
    assert response.status_code == 403
    assert "Please try that again" in text(response)
