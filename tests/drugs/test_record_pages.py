"""Drug, drug class and condition pages: what a reader sees, what crawlers read, and what
it costs the database."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from drugs.models import Condition, Drug, DrugClass, Route
from tests.drugs.factories import make_class, make_condition, make_drug
from tests.html import json_ld_of_type, soup, text

pytestmark = pytest.mark.django_db

# Ceilings for one page view, whatever the number of brands, classes, conditions or articles.
QUERY_CEILING = {"drug": 14, "drug_class": 12, "condition": 12}


def links(response) -> set[str]:
    return {a["href"] for a in soup(response).find_all("a", href=True)}


def test_drug_page_shows_brands_class_path_routes_conditions_and_articles(client, article):
    drug = Drug.objects.get(generic_name="adalimumab")
    response = client.get(drug.get_url())
    assert response.status_code == 200
    words = text(response)
    assert "Humira®" in words
    page_links = links(response)
    tnf = DrugClass.objects.get(slug="tnf-inhibitors")
    for ancestor in [*tnf.get_ancestors(), tnf]:
        assert ancestor.get_url() in page_links, f"class path misses {ancestor}"
    for route in drug.routes.all():
        assert route.name.lower() in words.lower()
    rheumatoid = Condition.objects.get(name="Rheumatoid arthritis")
    assert rheumatoid.get_url() in page_links
    assert article.url in page_links
    assert soup(response).find("time", attrs={"datetime": "2023-05-10"})


def test_drug_json_ld(client):
    drug = Drug.objects.get(generic_name="imiquimod")
    data = json_ld_of_type(client.get(drug.get_url()), "Drug")
    assert data["nonProprietaryName"] == "imiquimod"
    assert set(data["proprietaryName"]) == {"Aldara", "Zyclara"}
    assert "Topical" in data["administrationRoute"]
    assert {c["@type"] for c in data["drugClass"]} == {"DrugClass"}
    assert any("response modifier" in c["name"].lower() for c in data["drugClass"])


def test_class_page_shows_path_subclasses_and_member_drugs_with_brands(client, article):
    biologics = DrugClass.objects.get(name="Biologics")
    response = client.get(biologics.get_url())
    assert response.status_code == 200
    page_links = links(response)
    for child in biologics.children.live():
        assert child.get_url() in page_links
    for ancestor in biologics.get_ancestors():
        assert ancestor.get_url() in page_links
    # Drugs of its sub-classes belong to it too.
    assert Drug.objects.get(generic_name="infliximab").get_url() in page_links
    assert "Remicade®" in text(response)
    assert article.url in page_links
    data = json_ld_of_type(response, "DrugClass")
    assert data["name"] == "Biologics"
    assert any(d["name"] == "rituximab" for d in data["drug"])


def test_condition_page_shows_synonyms_code_drugs_classes_and_articles(client, article):
    condition = Condition.objects.get(name="Rheumatoid arthritis")
    response = client.get(condition.get_url())
    assert response.status_code == 200
    words = text(response)
    assert "RA" in words.split()
    assert condition.icd10_code and condition.icd10_code in words
    page_links = links(response)
    for drug in ["adalimumab", "tofacitinib", "methotrexate"]:
        assert Drug.objects.get(generic_name=drug).get_url() in page_links
    assert DrugClass.objects.get(slug="tnf-inhibitors").get_url() in page_links
    data = json_ld_of_type(response, "MedicalCondition")
    assert data["code"] == {
        "@type": "MedicalCode",
        "code": condition.icd10_code,
        "codingSystem": "ICD-10-CM",
    }
    assert "RA" in data["alternateName"]


def test_records_link_both_ways(client):
    """Every drug a class page lists links back to that class, and so on for conditions."""
    tnf = DrugClass.objects.get(slug="tnf-inhibitors")
    for drug in Drug.objects.live().filter(classes=tnf):
        assert tnf.get_url() in links(client.get(drug.get_url()))
        assert drug.get_url() in links(client.get(tnf.get_url()))
        for condition in drug.conditions.live()[:3]:
            assert drug.get_url() in links(client.get(condition.get_url()))
            assert condition.get_url() in links(client.get(drug.get_url()))


@pytest.mark.parametrize("prefix", ["/drugs/", "/drug-classes/", "/conditions/"])
@pytest.mark.parametrize("slug", ["no-such-thing", "ADALIMUMAB", "a" * 300, "x--y", "%E2%98%83"])
def test_bad_slugs_are_404_not_500(client, prefix, slug):
    response = client.get(f"{prefix}{slug}/")
    assert response.status_code == 404
    assert "find" in text(response).lower()


def test_unpublished_records_are_not_public(client):
    draft = make_drug("draftomab", brands=["Secretly"], live=False)
    assert client.get(f"/drugs/{draft.slug}/").status_code == 404
    assert "draftomab" not in text(client.get("/drugs/?letter=D"))


def _count(client, url):
    client.get(url)  # warm per-process caches (content types, site root paths)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_drug_page_queries_do_not_grow_with_related_items(client):
    routes = list(Route.objects.all())
    small = make_drug(
        brands=["Onebrand"],
        classes=[make_class(parent=make_class())],
        conditions=[make_condition()],
    )
    big = make_drug(
        brands=[f"Brand{i}" for i in range(8)],
        classes=[make_class(parent=make_class()) for _ in range(6)],
        conditions=[make_condition(synonyms=["x", "y"]) for _ in range(8)],
        routes=routes,
    )
    assert _count(client, small.get_url()) == _count(client, big.get_url())
    assert _count(client, big.get_url()) <= QUERY_CEILING["drug"]


def test_class_page_queries_do_not_grow_with_related_items(client):
    small = make_class()
    make_drug(classes=[small])
    big = make_class()
    children = [make_class(parent=big) for _ in range(5)]
    for child in children:
        make_drug(brands=["A", "B"], classes=[child])
    assert _count(client, small.get_url()) == _count(client, big.get_url())
    assert _count(client, big.get_url()) <= QUERY_CEILING["drug_class"]


def test_condition_page_queries_do_not_grow_with_related_items(client):
    small = make_condition()
    make_drug(conditions=[small], classes=[make_class()])
    big = make_condition(synonyms=["one", "two", "three"])
    for _ in range(6):
        make_drug(brands=["A", "B"], conditions=[big], classes=[make_class(), make_class()])
    assert _count(client, small.get_url()) == _count(client, big.get_url())
    assert _count(client, big.get_url()) <= QUERY_CEILING["condition"]
