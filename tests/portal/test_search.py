"""The header search box works for readers and never fails on odd input. (Relevance
tuning, grouping and autocomplete belong to the search issue.)"""

import pytest

from tests.html import soup

pytestmark = pytest.mark.django_db


def result_titles(response) -> list[str]:
    return [h.get_text(strip=True) for h in soup(response).select("main ol h3")]


def test_brand_name_finds_its_drug(client):
    response = client.get("/search/", {"q": "Humira"})
    assert response.status_code == 200
    assert "Adalimumab" in result_titles(response)


def test_condition_synonym_and_code_find_the_condition(client):
    assert "Rheumatoid arthritis" in result_titles(client.get("/search/", {"q": "RA"}))
    assert "Rheumatoid arthritis" in result_titles(client.get("/search/", {"q": "M06.9"}))


def test_search_pages_are_not_indexed(client):
    response = client.get("/search/", {"q": "Humira"})
    assert response["X-Robots-Tag"] == "noindex"
    assert soup(response).find("meta", attrs={"name": "robots", "content": "noindex"})


@pytest.mark.parametrize(
    "query",
    ['a"b', '"', "x" * 5000, "\x00", "AND OR NOT (", "ü é 漢字", "*", "NEAR(a b)", "%", "'"],
)
def test_hostile_queries_give_a_page_not_an_error(client, query):
    response = client.get("/search/", {"q": query, "page": "x"})
    assert response.status_code == 200


def test_drafts_are_never_found(client):
    from tests.drugs.factories import make_drug

    make_drug("zzdraftumab", brands=["Hushhush"], live=False)
    assert result_titles(client.get("/search/", {"q": "Hushhush"})) == []
