"""The demo immunomodulators article, as a reader and a search engine see it."""

import datetime
import re

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from drugs.models import Drug, DrugClass
from tests.html import json_ld_of_type, soup, text
from tests.reference import (
    REFERENCE_CLASSES,
    REFERENCE_DRUGS,
    REFERENCE_SECTION_TOPICS,
    TRADITIONAL_DMARDS,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def response(client, article):
    response = client.get(article.url)
    assert response.status_code == 200
    return response


def test_every_reference_section_has_a_section_in_order(response):
    headings = [h.get_text(" ", strip=True).lower() for h in soup(response).select("main h2")]
    position = -1
    for topic in REFERENCE_SECTION_TOPICS:
        matches = [i for i, h in enumerate(headings) if re.search(topic, h) and i > position]
        assert matches, f"no section about {topic!r} after position {position} in {headings}"
        position = matches[0]


def test_table_of_contents_links_to_every_section_heading(response, article):
    page = soup(response)
    toc = page.select_one("nav.toc, nav[aria-labelledby*=toc], nav#toc, nav.table-of-contents")
    assert toc is not None, "no table of contents"
    targets = [a["href"] for a in toc.find_all("a")]
    assert len(targets) == len(article.table_of_contents) >= 8
    for href in targets:
        assert href.startswith("#")
        heading = page.find(id=href[1:])
        assert heading is not None and heading.name == "h2", f"{href} does not point at a heading"


def test_every_reference_drug_and_brand_is_shown_and_links_to_its_page(response):
    page = soup(response)
    body = page.select_one(".prose")  # the article body, not the related-records list
    links = {a["href"] for a in body.find_all("a", href=True)}
    body_text = " ".join(body.get_text(" ").split())
    for generic, brands in {**REFERENCE_DRUGS, **{d: [] for d in TRADITIONAL_DMARDS}}.items():
        drug = Drug.objects.get(generic_name__iexact=generic)
        assert drug.live
        assert drug.get_url() in links, f"{generic} does not link to its page"
        assert re.search(re.escape(generic), body_text, re.I), generic
        for brand in brands:
            assert f"{brand}®" in body_text, f"{brand}® is missing from the article"


def test_every_reference_drug_class_is_named_and_links_to_its_page(response):
    body = soup(response).select_one(".prose")
    links = {a["href"] for a in body.find_all("a", href=True)}
    for name in REFERENCE_CLASSES:
        drug_class = DrugClass.objects.get(name__icontains=name)
        assert drug_class.get_url() in links, f"class {drug_class} is not linked"


def test_routes_note_callout_advert_disclaimer_and_phone_line(response):
    page = soup(response)
    words = text(response)
    for route in ["IV", "under the skin", "mouth", "skin"]:
        assert route.lower() in words.lower()
    assert "A note from us" in words
    assert "Advertisement" in words
    assert "do not endorse" in words
    assert page.select('a[href^="tel:"]'), "no phone call-to-action link"


def test_review_stamp_shows_the_review_date_and_links_the_editorial_policy(client, article, clock):
    clock.travel_to(datetime.datetime(2025, 6, 1, 12, tzinfo=datetime.UTC))  # before it falls due
    response = client.get(article.url)
    page = soup(response)
    stamp_time = page.find("time", attrs={"datetime": "2023-05-10"})
    assert stamp_time is not None
    assert "Medically reviewed" in text(response)
    policy_links = [a for a in page.find_all("a") if "editorial" in a.get_text().lower()]
    assert policy_links and policy_links[0]["href"].rstrip("/").endswith("editorial-process")


def test_article_json_ld_is_a_medical_web_page(response):
    data = json_ld_of_type(response, "MedicalWebPage")
    assert data["@context"] == "https://schema.org"
    assert data["name"] == "Immunomodulators"
    assert data["lastReviewed"] == "2023-05-10"
    assert data["reviewedBy"]["name"] == "Open Health Library"
    about_types = {item["@type"] for item in data["about"]}
    assert {"Drug", "DrugClass", "MedicalCondition"} <= about_types


def test_head_has_description_and_canonical_link(response, article):
    page = soup(response)
    assert page.find("meta", attrs={"name": "description"})["content"] == article.summary
    canonical = page.find("link", rel="canonical")["href"]
    assert canonical == article.get_site().root_url + article.url


def test_article_lists_related_records(response, article):
    related = soup(response).select_one("section.related")
    links = {a["href"] for a in related.find_all("a", href=True)}
    for record in [*article.conditions.all(), *article.drugs.all(), *article.drug_classes.all()]:
        assert record.get_url() in links, record


def _queries(client, url):
    client.get(url)  # warm per-process caches (content types, site root paths)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return queries


def test_article_queries_do_not_grow_with_blocks_or_related_records(client, article):
    before = _queries(client, article.url)
    assert len(before) <= ARTICLE_QUERY_CEILING, [q["sql"][:120] for q in before]

    # Name many more records: drug class blocks in every section, more related drugs.
    body = list(article.body.raw_data)
    sections = [block for block in body if block["type"] == "section"]
    for section, drug_class in zip(sections, DrugClass.objects.live(), strict=False):
        for show in ["subclasses", "drugs"]:
            section["value"]["content"].append(
                {"type": "drug_class", "value": {"drug_class": drug_class.pk, "show": show}}
            )
    article.body = body
    article.drugs.add(*Drug.objects.live())
    article.save_revision().publish()

    after = _queries(client, article.url)
    assert len(after) == len(before), [q["sql"][:120] for q in after]


ARTICLE_QUERY_CEILING = 20
