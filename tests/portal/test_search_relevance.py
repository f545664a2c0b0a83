"""What a reader finds first for the words they bring. Runs on SQLite and PostgreSQL."""

import datetime

import pytest

from tests.html import soup, text

pytestmark = pytest.mark.django_db

# query → the first result's title (and, where it matters, the second's)
RELEVANCE = [
    # brand names, with or without the mark, any case
    ("Humira", "Adalimumab", "TNF inhibitors"),
    ("humira®", "Adalimumab", "TNF inhibitors"),
    ("Enbrel", "Etanercept", "TNF inhibitors"),
    ("Rinvoq", "Upadacitinib", "Janus kinase (JAK) inhibitors"),
    ("Actemra", "Tocilizumab", "Interleukin-6 (IL-6) inhibitors"),
    ("Rituxan", "Rituximab", None),
    ("Revlimid", "Lenalidomide", None),
    ("Aldara", "Imiquimod", None),
    ("Plaquenil", "Hydroxychloroquine", None),
    ("Xeljanz", "Tofacitinib", None),
    # generic names
    ("adalimumab", "Adalimumab", "TNF inhibitors"),
    ("methotrexate", "Methotrexate", "Traditional DMARDs"),
    ("prednisone", "Prednisone", "Corticosteroids"),
    ("certolizumab pegol", "Certolizumab pegol", None),
    # misspellings, corrected from our own vocabulary
    ("adalimumb", "Adalimumab", None),
    ("Humria", "Adalimumab", None),
    ("Actermra", "Tocilizumab", None),
    ("methotrexat", "Methotrexate", None),
    ("tofacitnib", "Tofacitinib", None),
    ("lupas", "Systemic lupus erythematosus", None),
    ("Crohns disease", "Crohn's disease", None),
    # conditions and their synonyms: the condition first, then what treats it
    ("rheumatoid arthritis", "Rheumatoid arthritis", None),
    ("RA", "Rheumatoid arthritis", None),
    ("lupus", "Systemic lupus erythematosus", None),
    ("Crohn's disease", "Crohn's disease", None),
    ("ulcerative colitis", "Ulcerative colitis", None),
    ("multiple myeloma", "Multiple myeloma", None),
    # ICD-10-CM codes, with or without the dot
    ("M06.9", "Rheumatoid arthritis", None),
    ("m069", "Rheumatoid arthritis", None),
    ("C90.00", "Multiple myeloma", None),
    # classes, by name, short name, singular or plural
    ("biologics", "Biologics", "TNF inhibitors"),
    ("TNF inhibitors", "TNF inhibitors", "Adalimumab"),
    ("tnf inhibitor", "TNF inhibitors", "Adalimumab"),
    ("JAK inhibitors", "Janus kinase (JAK) inhibitors", "Baricitinib"),
    ("IL-6 inhibitors", "Interleukin-6 (IL-6) inhibitors", "Sarilumab"),
    ("corticosteroids", "Corticosteroids", "Dexamethasone"),
    ("checkpoint inhibitors", "Checkpoint inhibitors", None),
    # an article
    ("immunomodulators", "Immunomodulators", None),
]


def titles(response) -> list[str]:
    return [" ".join(h.get_text().split()) for h in soup(response).select("main ol h3")]


@pytest.mark.parametrize(("query", "first", "second"), RELEVANCE, ids=[r[0] for r in RELEVANCE])
def test_relevance(client, query, first, second):
    found = titles(client.get("/search/", {"q": query}))
    assert found, f"nothing found for {query!r}"
    assert found[0] == first, found[:5]
    if second:
        assert found[1] == second, found[:5]


def test_a_brand_leads_to_its_drug_then_class_then_articles(client):
    found = titles(client.get("/search/", {"q": "Humira"}))
    assert (
        found.index("Adalimumab") < found.index("TNF inhibitors") < found.index("Immunomodulators")
    )


def test_a_condition_leads_to_the_drugs_and_classes_that_treat_it(client):
    found = titles(client.get("/search/", {"q": "RA"}))
    assert found[0] == "Rheumatoid arthritis"
    assert found[1] in {"Abatacept", "Adalimumab"}  # then the drugs that treat it, A to Z
    drugs = titles(client.get("/search/", {"q": "RA", "type": "drug"}))
    assert {"Adalimumab", "Methotrexate"} <= set(drugs)
    classes = titles(client.get("/search/", {"q": "RA", "type": "drug_class"}))
    assert {"TNF inhibitors", "Janus kinase (JAK) inhibitors"} <= set(classes)


def test_a_clear_misspelling_shows_the_corrected_results_and_says_so(client):
    words = text(client.get("/search/", {"q": "adalimumb"}))
    assert "Showing results for adalimumab" in words
    assert "Search instead for “adalimumb”" in words
    as_typed = text(client.get("/search/", {"q": "adalimumb", "as_typed": "1"}))
    assert "Showing results for" not in as_typed


def test_a_partial_name_finds_matches_and_offers_did_you_mean(client):
    response = client.get("/search/", {"q": "humi"})
    assert "Did you mean" in text(response)
    assert "Adalimumab" in titles(response)
    link = soup(response).select_one(".search-results__correction a")
    assert (link.get_text(strip=True), link["href"]) == ("Humira", "?q=Humira")


def test_results_are_grouped_by_type_with_counts(client):
    page = soup(client.get("/search/", {"q": "Humira"}))
    filters = {a.get_text(" ", strip=True) for a in page.select("nav.search-filters a")}
    assert any(f.startswith("All (") for f in filters)
    assert any(f.startswith("Drugs (") for f in filters)
    only_classes = titles(client.get("/search/", {"q": "Humira", "type": "drug_class"}))
    assert only_classes and "Adalimumab" not in only_classes
    assert client.get("/search/", {"q": "Humira", "type": "nonsense"}).status_code == 200


def test_matched_terms_are_highlighted_and_escaped(client):
    page = soup(client.get("/search/", {"q": "arthritis"}))
    assert page.select("main ol mark")
    hostile = client.get("/search/", {"q": "<script>alert(1)</script> arthritis"})
    assert "<script>alert(1)</script>" not in hostile.content.decode()


def test_results_paginate(client):
    response = client.get("/search/", {"q": "a", "page": "2"})
    assert response.status_code == 200


def test_autocomplete_suggests_brands_with_their_generic(client):
    data = client.get("/search/autocomplete/", {"q": "Humi"}).json()
    assert data["suggestions"][0] == {
        "label": "Humira®",
        "kind": "Brand",
        "detail": "adalimumab",
        "url": "/drugs/adalimumab/",
    }
    kinds = {
        s["kind"] for s in client.get("/search/autocomplete/", {"q": "rh"}).json()["suggestions"]
    }
    assert "Condition" in kinds
    assert client.get("/search/autocomplete/", {"q": "T"}).json()["suggestions"] == []


@pytest.mark.parametrize("query", ['"', "x" * 5000, "\x00", "%", "ü", "Humi\u202e"])
def test_autocomplete_never_errors(client, query):
    response = client.get("/search/autocomplete/", {"q": query})
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex"


def test_editors_promotions_come_first(client, article):
    from wagtail.contrib.search_promotions.models import Query, SearchPromotion

    SearchPromotion.objects.create(
        query=Query.get("arthritis"), page=article, description="Our guide", sort_order=0
    )
    page = soup(client.get("/search/", {"q": "arthritis"}))
    promoted = page.select_one(".search-promotions a")
    assert promoted is not None and promoted.get_text(strip=True) == "Immunomodulators"
    assert promoted["href"] == article.url


def test_searches_are_counted_and_misses_listed_for_editors(admin_client, client):
    from wagtail.contrib.search_promotions.models import Query

    client.get("/search/", {"q": "Humira"})
    client.get("/search/", {"q": "qqqzzzxxx"})
    client.get("/search/", {"q": "qqqzzzxxx"})
    assert Query.get("humira").hits >= 1
    report = admin_client.get("/admin/reports/search-misses/")
    assert report.status_code == 200
    assert "qqqzzzxxx" in text(report)
    assert "humira" not in text(report).lower().split("searches with no results")[-1]


def test_autocomplete_matches_later_words_of_a_name(client):
    labels = [
        s["label"] for s in client.get("/search/autocomplete/", {"q": "arth"}).json()["suggestions"]
    ]
    assert "Rheumatoid arthritis" in labels


@pytest.mark.parametrize("query", ["Humira", "transplanted organ"])
def test_an_article_result_shows_its_summary_and_review_date(client, article, query, clock):
    """Found through what it covers (Humira) or through its own words (full text), an
    article's result carries its summary and its review stamp."""
    clock.travel_to(datetime.datetime(2025, 6, 1, 12, tzinfo=datetime.UTC))  # before it falls due
    items = soup(client.get("/search/", {"q": query})).select("main ol li")
    found = [li for li in items if li.h3 and article.title in li.h3.get_text()]
    assert found, titles(client.get("/search/", {"q": query}))
    shown = " ".join(found[0].get_text(" ").split())
    assert article.summary.split(".")[0] in shown
    assert f"Reviewed {article.last_reviewed_on:%-d %B %Y}" in shown


def test_a_promoted_page_outside_every_site_is_not_linked_to_nowhere(client):
    """A page outside every Site has no address: its promotion is left out rather than
    linked to "None"; an external link promoted beside it still shows."""
    from wagtail.contrib.search_promotions.models import Query, SearchPromotion
    from wagtail.models import Page

    outside = Page.get_first_root_node().add_child(instance=Page(title="Nowhere", slug="nowhere"))
    query = Query.get("arthritis")
    SearchPromotion.objects.create(query=query, page=outside, sort_order=0)
    SearchPromotion.objects.create(
        query=query,
        external_link_url="https://example.org/arthritis",
        external_link_text="Arthritis charity",
        sort_order=1,
    )
    response = client.get("/search/", {"q": "arthritis"})
    links = [
        (a.get_text(strip=True), a["href"]) for a in soup(response).select(".search-promotions a")
    ]
    assert links == [("Arthritis charity", "https://example.org/arthritis")]
    assert 'href="None"' not in response.content.decode()
