"""The header search box works for readers and never fails on odd input. (Relevance
tuning, grouping and autocomplete belong to the search issue.)"""

import pytest
from bs4 import BeautifulSoup

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


def test_a_result_shows_its_type_link_marks_a_short_summary_and_review_date():
    """What one search result shows a reader: its type, a link with the query's words
    marked, its details, the first 40 words of its summary and the day it was reviewed;
    and nothing for what it lacks."""
    from datetime import date

    from drugs.models import Drug
    from portal.search.engine import Result
    from portal.templatetags.portal_tags import search_results

    summary = " ".join(f"word{n}" for n in range(60)) + " <b>arthritis</b>"
    full = Result(
        "drug",
        "Adalimumab & co",
        Drug(slug="adalimumab"),
        summary,
        "Brand names: Humira®",
        date(2026, 3, 4),
    )
    bare = Result("drug", "Etanercept", Drug(slug="etanercept"))
    html = BeautifulSoup(search_results([full, bare], "adalimumab humira"), "html.parser")
    first, second = html.select("li.article-list__item")
    assert first.select_one(".search-results__kind").get_text() == "Drug"
    link = first.select_one("h3 a")
    assert link["href"] == "/drugs/adalimumab/"
    assert link.decode_contents() == "<mark>Adalimumab</mark> &amp; co"
    assert first.select_one(".search-results__extra mark").get_text() == "Humira"
    shown = first.select_one(".article-list__summary").get_text()
    assert shown.startswith("word0 word1") and shown.endswith("word39 …")
    assert "arthritis" not in shown  # past the 40th word
    stamp = first.select_one(".reviewed-tag time")
    assert (stamp["datetime"], stamp.get_text()) == ("2026-03-04", "4 March 2026")
    assert [p["class"] for p in second.select("p")] == [["search-results__kind"]]
