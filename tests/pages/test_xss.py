"""Script-injection payloads that an editor types into an article (title, description,
summary, rich text with javascript: links, StreamField headings, char blocks, notes, calls to
action and adverts) or into the site settings are shown as text: on the public article, its
section, its JSON-LD and meta description, in search and the API, and in the admin."""

from xml.etree import ElementTree

import pytest

from django.urls import reverse

from wagtail.models import Site

from pages.models import Advert, ArticlePage, CallToAction, PortalSettings, SectionPage
from tests.fuzz import post_form
from tests.html import json_ld_of_type
from tests.pages.article_form import article_form, contentstate, text
from tests.xss import JAVASCRIPT_URL, MARK, PAYLOAD, SHORT_PAYLOAD, assert_inert, assert_shown

pytestmark = pytest.mark.django_db

TINY_PAYLOAD = f"\"'><img src=x onerror=alert('{MARK}')>"  # for 80-character fields


@pytest.fixture
def hostile_article(editor):
    """An article written through the page editor with a payload in every field it has,
    then published."""
    section = SectionPage.objects.get(slug="drugs-devices-supplements")
    cta = CallToAction.objects.create(
        title=SHORT_PAYLOAD, text=PAYLOAD, phone_number="555 010 0123", hours=SHORT_PAYLOAD
    )
    advert = Advert.objects.create(
        name=SHORT_PAYLOAD,
        sponsor=SHORT_PAYLOAD,
        text=PAYLOAD,
        url="https://example.org/",
        link_text=TINY_PAYLOAD[:60],
    )
    rich = text(f'<p>{PAYLOAD.replace("<", "&lt;")} <a href="{JAVASCRIPT_URL}">a link</a></p>')
    crafted = contentstate(PAYLOAD, {"url": JAVASCRIPT_URL})  # Draftail never sends this URL
    form = article_form(
        title=PAYLOAD,
        slug="hostile-article",
        search_description=PAYLOAD,
        summary=PAYLOAD,
        **{
            "body-0-value-heading": SHORT_PAYLOAD,
            "body-0-value-anchor": TINY_PAYLOAD,
            "body-0-value-content-0-value": rich,
            "body-0-value-content-1-value": SHORT_PAYLOAD,
            "body-0-value-content-2-value-text": crafted,
            "body-0-value-content-2-value-list_intro": TINY_PAYLOAD,
            "body-1-value-heading": SHORT_PAYLOAD,
            "body-1-value-text": crafted,
            "body-2-value": str(cta.pk),
            "body-count": "4",
            "body-3-type": "advert",
            "body-3-value": str(advert.pk),
            "body-3-order": "3",
            "body-3-deleted": "",
        },
    )
    add_url = reverse("wagtailadmin_pages:add", args=["pages", "articlepage", section.pk])
    response = post_form(editor, add_url, form)
    assert response.status_code == 302, response.content.decode()[:2000]
    article = ArticlePage.objects.get(slug="hostile-article")
    article.get_latest_revision().publish()
    article.refresh_from_db()
    return article


def test_the_article_shows_every_payload_as_text(client, hostile_article):
    response = client.get(hostile_article.url)
    assert response.status_code == 200
    page = assert_inert(response.content)
    assert_shown(page, PAYLOAD)
    assert page.title.get_text().startswith(PAYLOAD)
    assert page.find("meta", attrs={"name": "description"})["content"] == PAYLOAD
    assert page.find("h1").get_text(strip=True) == PAYLOAD
    headings = [h.get_text(strip=True) for h in page.select("main h2, main h3")]
    assert SHORT_PAYLOAD in headings
    # The rich text keeps its words and its link, without the javascript: URL.
    assert page.find("a", string="a link") is not None
    assert JAVASCRIPT_URL not in response.content.decode()
    # The section's anchor is made a slug: nothing of the payload's markup survives in it.
    anchors = [h.get("id") for h in page.select("main h2[id]")]
    assert all(anchor.replace("-", "").isalnum() for anchor in anchors)


def test_the_article_json_ld_holds_payloads_as_strings(client, hostile_article):
    response = client.get(hostile_article.url)
    data = json_ld_of_type(response, "MedicalWebPage")
    assert data["name"] == PAYLOAD
    assert data["description"] == PAYLOAD


@pytest.mark.parametrize("url", ["/drugs-devices-supplements/", f"/search/?q={MARK}"])
def test_pages_listing_the_article_show_payloads_as_text(client, hostile_article, url):
    response = client.get(url)
    assert response.status_code == 200
    assert_shown(assert_inert(response.content), PAYLOAD)


def test_the_sitemap_stays_well_formed(client, hostile_article):
    root = ElementTree.fromstring(client.get("/sitemap.xml").content)
    locations = [element.text for element in root.iter() if element.tag.endswith("loc")]
    assert any(location.endswith("/hostile-article/") for location in locations)


def test_the_api_serves_payloads_as_json_strings(client, hostile_article):
    response = client.get(f"/api/v2/pages/{hostile_article.pk}/")
    assert response["Content-Type"] == "application/json"
    assert response["X-Content-Type-Options"] == "nosniff"
    data = response.json()
    assert data["title"] == PAYLOAD
    assert JAVASCRIPT_URL not in response.content.decode()


def test_the_admin_shows_payloads_as_text(editor, hostile_article):
    section = hostile_article.get_parent()
    for url in [
        reverse("wagtailadmin_explore", args=[section.pk]),
        reverse("wagtailadmin_pages:edit", args=[hostile_article.pk]),
        reverse("wagtailadmin_pages:history", args=[hostile_article.pk]),
        reverse("wagtailadmin_pages:search") + f"?q={MARK}",
        reverse("wagtailadmin_pages:view_draft", args=[hostile_article.pk]),
        reverse("wagtailsnippets_pages_calltoaction:list"),
        reverse("wagtailsnippets_pages_advert:list"),
        reverse("medical_reviews_report"),
    ]:
        response = editor.get(url)
        assert response.status_code == 200, url
        assert MARK in response.content.decode(), url
        assert_inert(response.content)


def test_the_organisation_name_is_text_in_every_page(client, article):
    settings = PortalSettings.for_site(Site.objects.get(is_default_site=True))
    settings.organisation_name = SHORT_PAYLOAD
    settings.save()
    response = client.get(article.url)
    page = assert_inert(response.content)
    assert_shown(page, SHORT_PAYLOAD)
    assert json_ld_of_type(response, "MedicalWebPage")["publisher"]["name"] == SHORT_PAYLOAD
