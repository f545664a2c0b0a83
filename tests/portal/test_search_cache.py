"""Repeat searches come from the results cache, and whatever changes a result shows in the
very next search. Runs on SQLite and PostgreSQL, with Django's local-memory cache."""

import pytest

from django.core.cache import cache

from drugs.models import Drug
from portal.search import engine
from tests.html import soup

pytestmark = pytest.mark.django_db


@pytest.fixture
def results_cache(settings):
    settings.SEARCH_RESULTS_CACHE_SECONDS = 600
    cache.clear()
    yield
    cache.clear()


def shown(outcome) -> list[tuple[str, str, str]]:
    return [(r.kind, r.title, r.url) for r in outcome.results]


def asked_twice(query: str, **kwargs):
    """A query is kept from the second time it is asked."""
    engine.search(query, **kwargs)
    return engine.search(query, **kwargs)


def test_a_repeat_search_runs_no_query_and_shows_the_same(results_cache, django_assert_num_queries):
    first = asked_twice("Humira")
    with django_assert_num_queries(0):
        again = engine.search("Humira")
    assert shown(again) == shown(first)
    assert again.counts == first.counts
    assert ("drug", "Adalimumab", "/drugs/adalimumab/") in shown(again)


def test_one_kind_is_filtered_from_the_kept_results(results_cache, django_assert_num_queries):
    everything = asked_twice("rheumatoid arthritis")
    with django_assert_num_queries(0):
        drugs = engine.search("rheumatoid arthritis", kind="drug")
    assert drugs.results and {r.kind for r in drugs.results} == {"drug"}
    assert drugs.counts == everything.counts
    assert len(engine.search("rheumatoid arthritis").results) == sum(everything.counts.values())


def test_a_correction_is_kept_with_its_results(results_cache, django_assert_num_queries):
    first = asked_twice("Humria")
    with django_assert_num_queries(0):
        again = engine.search("Humria")
    assert again.corrected_query == first.corrected_query == "Humira"
    assert shown(again) == shown(first)


def test_a_query_asked_once_is_not_kept(results_cache):
    """Typos and one-off queries would crowd the page cache out."""
    engine.search("a question asked only once")
    kept = [key for key in cache._cache if key.startswith(":1:search:results:")]  # LocMem's
    assert kept == []
    engine.search("a question asked only once")
    assert len([key for key in cache._cache if key.startswith(":1:search:results:")]) == 1


def test_a_record_draft_keeps_the_kept_results(
    results_cache, django_capture_on_commit_callbacks, django_assert_num_queries
):
    asked_twice("Humira")
    drug = Drug.objects.get(generic_name="adalimumab")
    with django_capture_on_commit_callbacks(execute=True):
        drug.summary = "A draft summary nobody may see yet"
        drug.save_revision()
    with django_assert_num_queries(0):
        again = engine.search("Humira")
    assert "A draft summary nobody may see yet" not in [r.summary for r in again.results]


def test_unpublishing_a_drug_takes_it_out_of_the_next_search(
    results_cache, django_capture_on_commit_callbacks
):
    assert "Adalimumab" in [r.title for r in asked_twice("Humira").results]
    with django_capture_on_commit_callbacks(execute=True):
        Drug.objects.get(generic_name="adalimumab").unpublish()
    assert "Adalimumab" not in [r.title for r in engine.search("Humira").results]


def test_publishing_an_article_shows_its_new_title_in_the_next_search(
    results_cache, article, django_capture_on_commit_callbacks
):
    assert "Immunomodulators" in [r.title for r in asked_twice("Humira").results]
    with django_capture_on_commit_callbacks(execute=True):
        article.title = "Medicines that adjust the immune system"
        article.save_revision().publish()
    titles = [r.title for r in engine.search("Humira").results]
    assert "Medicines that adjust the immune system" in titles
    assert "Immunomodulators" not in titles


def test_a_draft_changes_no_search(results_cache, article, django_capture_on_commit_callbacks):
    before = shown(asked_twice("Humira"))
    with django_capture_on_commit_callbacks(execute=True):
        article.title = "A draft title nobody may see yet"
        article.save_revision()
    assert shown(engine.search("Humira")) == before


def test_a_page_made_private_leaves_the_next_search(
    results_cache, article, django_capture_on_commit_callbacks
):
    from wagtail.models import PageViewRestriction

    assert "Immunomodulators" in [r.title for r in asked_twice("Humira").results]
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=article, restriction_type="login")
    assert "Immunomodulators" not in [r.title for r in engine.search("Humira").results]


def test_every_search_is_still_counted_for_the_report(results_cache, client):
    from wagtail.contrib.search_promotions.models import Query

    for _ in range(3):
        assert client.get("/search/", {"q": "Humira"}).status_code == 200
    assert Query.get("humira").hits == 3


def test_with_the_cache_unreachable_searches_are_computed(results_cache, monkeypatch):
    """Redis down, as django-redis reports it when told to ignore its errors: nothing is
    found and nothing is kept."""
    monkeypatch.setattr(cache, "get", lambda *args, **kwargs: None)
    monkeypatch.setattr(cache, "get_many", lambda *args, **kwargs: {})
    monkeypatch.setattr(cache, "add", lambda *args, **kwargs: False)
    monkeypatch.setattr(cache, "set", lambda *args, **kwargs: None)
    for _ in range(2):
        assert "Adalimumab" in [r.title for r in engine.search("Humira").results]


def test_a_kept_search_shows_its_promotions_without_a_query(
    results_cache, article, client, django_assert_num_queries
):
    """Editors' promoted results are kept with the results: a repeat search reads nothing
    from the database, and the promotion still links to its page."""
    from wagtail.contrib.search_promotions.models import Query, SearchPromotion

    SearchPromotion.objects.create(
        query=Query.get("arthritis"), page=article, description="Our own guide", sort_order=0
    )
    asked_twice("arthritis")
    with django_assert_num_queries(0):
        again = engine.search("arthritis")
    assert [(p.link, p.title, p.description) for p in again.promotions] == [
        (article.url, "Immunomodulators", "Our own guide")
    ]


def test_a_new_or_removed_promotion_shows_in_the_next_search(
    results_cache, article, client, django_capture_on_commit_callbacks
):
    from wagtail.contrib.search_promotions.models import Query, SearchPromotion

    def promoted() -> list[str]:
        page = soup(client.get("/search/", {"q": "arthritis"}))
        return [a.get_text(strip=True) for a in page.select(".search-promotions a")]

    assert promoted() == [] and promoted() == []  # asked twice: the results are kept
    with django_capture_on_commit_callbacks(execute=True):
        promotion = SearchPromotion.objects.create(
            query=Query.get("arthritis"), page=article, sort_order=0
        )
    assert promoted() == ["Immunomodulators"]
    with django_capture_on_commit_callbacks(execute=True):
        promotion.delete()
    assert promoted() == []
